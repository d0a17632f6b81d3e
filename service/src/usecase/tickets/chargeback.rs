//! Dealer chargebacks (向代理方收取相关售后服务费用): in-warranty service of a
//! dealer-sold unit is done for the customer, the dealer hears of it before
//! the engineer goes, and is charged after the service.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use entity::enums::{ChargebackStatus, NotificationChannel};
use entity::{customer, dealer, dealer_chargeback, repair_part, repair_record, service_tariff, ticket};

use crate::config::Settings;
use crate::error::{ServiceError, ServiceResult};
use crate::notify::{self, Outgoing};
use crate::rules::quote::{PartLine, price};

/// In-warranty service of a dealer-sold unit is charged back to the dealer
/// after service (向代理方收取相关售后服务费用); the dealer hears of it
/// before the engineer goes.
pub(super) async fn open(
    txn: &sea_orm::DatabaseTransaction,
    ticket: &ticket::Model,
    dealer_id: i64,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let dealer = dealer::Entity::find_by_id(dealer_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("dealer", dealer_id))?;
    dealer_chargeback::ActiveModel {
        ticket_id: Set(ticket.id),
        dealer_id: Set(dealer_id),
        amount: Set(Decimal::ZERO),
        status: Set(ChargebackStatus::Notified),
        notified_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let Some(recipient) = dealer.email else { return Ok(()) };
    notify::queue(
        txn,
        Outgoing {
            recipient,
            channel: NotificationChannel::Email,
            template: "dealer_service_notice",
            subject: Some(format!("售后服务通知 {}", ticket.number)),
            body: format!(
                "{}:您销售的设备报修单 {} 将按保修提供服务,服务费用将在服务完成后向贵司结算。",
                dealer.name, ticket.number
            ),
            payload: Some(serde_json::json!({ "ticket": ticket.number, "dealer": dealer.code })),
            unique_key: format!("dealer-service-notice:{}", ticket.id),
            report_id: None,
        },
        now,
    )
    .await?;
    Ok(())
}

/// After service, the dealer is charged what the customer would have paid:
/// parts replaced, labour and travel at the tariff in force.
pub(super) async fn settle(
    txn: &sea_orm::DatabaseTransaction,
    settings: &Settings,
    ticket: &ticket::Model,
    record: &repair_record::Model,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let Some(chargeback) = dealer_chargeback::Entity::find()
        .filter(dealer_chargeback::Column::TicketId.eq(ticket.id))
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let parts: Vec<PartLine> = repair_part::Entity::find()
        .filter(repair_part::Column::RepairRecordId.eq(record.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| PartLine { unit_price: p.unit_price, quantity: p.quantity })
        .collect();
    let today = now.with_timezone(&settings.business_tz()).date_naive();
    let tariff = service_tariff::Entity::find()
        .filter(service_tariff::Column::EffectiveFrom.lte(today))
        .order_by_desc(service_tariff::Column::EffectiveFrom)
        .one(txn)
        .await?;
    let (labour_rate, travel_rate) =
        tariff.map_or((Decimal::ZERO, Decimal::ZERO), |t| (t.labour_rate, t.travel_rate_per_km));
    let distance =
        customer::Entity::find_by_id(ticket.customer_id).one(txn).await?.map_or(0, |c| c.distance_km);
    let amounts = price(
        &settings.policy,
        &parts,
        record.labour_hours,
        labour_rate,
        distance,
        travel_rate,
        Decimal::ZERO,
        (true, true),
    );
    dealer_chargeback::ActiveModel {
        id: Set(chargeback.id),
        amount: Set(amounts.total),
        status: Set(ChargebackStatus::Charged),
        charged_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(txn)
    .await?;
    Ok(())
}
