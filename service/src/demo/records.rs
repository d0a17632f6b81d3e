//! What hangs off a demo ticket as its steps happen: the quote, the repair
//! record with the parts it replaced, the customer's signature and the
//! return visit. Priced by the quote rule at the demo tariff.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use entity::enums::{QuoteStatus, ServiceType, VisitChannel, VisitKind};
use entity::{quote, repair_part, repair_record, return_visit};

use super::data::{LABOUR_RATE, TRAVEL_RATE_TENTHS};
use crate::error::ServiceResult;
use crate::policy::Policy;
use crate::rules::entitlement::charges;
use crate::rules::quote::{PartLine, price};

/// A part a repair replaces: part id, quantity, unit price.
pub(super) type PartUse = (i64, i32, Decimal);

/// The ticket the records belong to, and the work it takes.
pub(super) struct Job<'a> {
    pub txn: &'a DatabaseTransaction,
    pub ticket_id: i64,
    pub customer_id: i64,
    pub service_type: ServiceType,
    pub distance_km: i32,
    pub parts: &'a [PartUse],
    pub labour_hours: i64,
    /// The desk user who acts for the customer service.
    pub agent: Option<i64>,
}

impl Job<'_> {
    /// Quotes the job at the tariff, no discount (so no general-manager
    /// approval), approved and waiting for the customer.
    pub async fn quote(&self, policy: &Policy, at: DateTime<Utc>) -> ServiceResult<()> {
        let lines: Vec<PartLine> = self
            .parts
            .iter()
            .map(|(_, quantity, unit_price)| PartLine { unit_price: *unit_price, quantity: *quantity })
            .collect();
        let (labour_rate, travel_rate) = (Decimal::from(LABOUR_RATE), Decimal::new(TRAVEL_RATE_TENTHS, 1));
        let hours = Decimal::from(self.labour_hours);
        let q = price(
            policy,
            &lines,
            hours,
            labour_rate,
            self.distance_km,
            travel_rate,
            Decimal::ZERO,
            charges(self.service_type),
        );
        quote::ActiveModel {
            ticket_id: Set(self.ticket_id),
            parts_amount: Set(q.parts),
            labour_hours: Set(hours),
            labour_rate: Set(labour_rate),
            labour_amount: Set(q.labour),
            travel_amount: Set(q.travel),
            standard_total: Set(q.standard_total),
            discount_percent: Set(q.discount_percent),
            total: Set(q.total),
            status: Set(QuoteStatus::Approved),
            created_by: Set(self.agent),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }

    /// The customer accepts the quote.
    pub async fn accept_quote(&self, at: DateTime<Utc>) -> ServiceResult<()> {
        quote::Entity::update_many()
            .set(quote::ActiveModel {
                status: Set(QuoteStatus::Accepted),
                customer_accepted_at: Set(Some(at)),
                updated_at: Set(at),
                ..Default::default()
            })
            .filter(quote::Column::TicketId.eq(self.ticket_id))
            .exec(self.txn)
            .await?;
        Ok(())
    }

    /// The repair record and the parts it replaced.
    pub async fn repair(
        &self,
        engineer_id: i64,
        arrived_at: DateTime<Utc>,
        cause: &str,
        at: DateTime<Utc>,
    ) -> ServiceResult<()> {
        let measures = if self.parts.is_empty() {
            "检查、重写控制程序、试车正常"
        } else {
            "检查、更换损坏件、试车正常"
        };
        let record = repair_record::ActiveModel {
            ticket_id: Set(self.ticket_id),
            engineer_id: Set(engineer_id),
            arrived_at: Set(arrived_at),
            fault_cause: Set(cause.to_owned()),
            measures: Set(measures.into()),
            labour_hours: Set(Decimal::from(self.labour_hours)),
            completed_at: Set(at),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        for (part_id, quantity, unit_price) in self.parts {
            repair_part::ActiveModel {
                repair_record_id: Set(record.id),
                part_id: Set(*part_id),
                quantity: Set(*quantity),
                unit_price: Set(*unit_price),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }

    /// The customer signs the repair record.
    pub async fn sign(&self, signed_by: &str, at: DateTime<Utc>) -> ServiceResult<()> {
        repair_record::Entity::update_many()
            .set(repair_record::ActiveModel {
                customer_signed_name: Set(Some(signed_by.into())),
                customer_signed_at: Set(Some(at)),
                updated_at: Set(at),
                ..Default::default()
            })
            .filter(repair_record::Column::TicketId.eq(self.ticket_id))
            .exec(self.txn)
            .await?;
        Ok(())
    }

    /// Opens the return visit, due at `due_at`; returns its id.
    pub async fn open_visit(
        &self,
        kind: VisitKind,
        due_at: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> ServiceResult<i64> {
        let visit = return_visit::ActiveModel {
            ticket_id: Set(Some(self.ticket_id)),
            customer_id: Set(self.customer_id),
            kind: Set(kind),
            due_at: Set(due_at),
            agent_id: Set(self.agent),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        Ok(visit.id)
    }

    /// The visit is made by phone; a dissatisfied one is followed by a complaint.
    pub async fn visit(
        &self,
        visit_id: i64,
        satisfaction: i16,
        solved: bool,
        dissatisfied: bool,
        at: DateTime<Utc>,
    ) -> ServiceResult<()> {
        let comments =
            if dissatisfied { "故障未彻底解决,客户不满意" } else { "客户对服务满意" };
        return_visit::ActiveModel {
            id: Set(visit_id),
            channel: Set(Some(VisitChannel::Phone)),
            satisfaction: Set(Some(satisfaction)),
            solved: Set(Some(solved)),
            comments: Set(Some(comments.into())),
            visited_at: Set(Some(at)),
            visited_by: Set(self.agent),
            follow_up: Set(dissatisfied.then(|| "COMPLAINT".to_owned())),
            updated_at: Set(at),
            ..Default::default()
        }
        .update(self.txn)
        .await?;
        Ok(())
    }
}
