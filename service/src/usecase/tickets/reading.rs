//! Reading tickets: one by id or number, and filtered pages.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};

use entity::enums::TicketStatus;
use entity::{ticket, unit};

use super::visible_ticket;
use crate::auth::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, paginate};
use crate::text_search;

/// Which tickets to list.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub statuses: Vec<TicketStatus>,
    pub engineer_id: Option<i64>,
    pub dealer_id: Option<i64>,
    pub customer_id: Option<i64>,
    /// Start of the unit's serial number.
    pub serial_prefix: Option<String>,
    /// Only tickets past their reply or arrival deadline (or only those not).
    pub overdue: Option<bool>,
    pub reported_from: Option<DateTime<Utc>>,
    pub reported_to: Option<DateTime<Utc>>,
    /// Part of the number or the fault description.
    pub text: Option<String>,
}

pub async fn get_ticket(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<ticket::Model> {
    visible_ticket(db, actor, id).await
}

pub async fn find_ticket_by_number(
    db: &DatabaseConnection,
    actor: &Actor,
    number: &str,
) -> ServiceResult<ticket::Model> {
    actor.require_staff_or_dealer()?;
    let number = number.trim();
    ticket::Entity::find()
        .filter(ticket::Column::Number.eq(number))
        .one(db)
        .await?
        .filter(|t| actor.can_see_dealer_record(t.dealer_id))
        .ok_or_else(|| ServiceError::not_found("ticket", number))
}

/// Open tickets whose reply or arrival is late as of `now`.
fn overdue_condition(now: DateTime<Utc>) -> Condition {
    let open = ticket::Column::Status.is_not_in([TicketStatus::Closed, TicketStatus::Cancelled]);
    Condition::all().add(open).add(
        Condition::any()
            .add(
                Condition::all()
                    .add(ticket::Column::RepliedAt.is_null())
                    .add(ticket::Column::ReplyDueAt.lt(now)),
            )
            .add(
                Condition::all()
                    .add(ticket::Column::ArrivedAt.is_null())
                    .add(ticket::Column::ArrivalDueAt.lt(now)),
            )
            .add(Expr::col(ticket::Column::RepliedAt).gt(Expr::col(ticket::Column::ReplyDueAt)))
            .add(Expr::col(ticket::Column::ArrivedAt).gt(Expr::col(ticket::Column::ArrivalDueAt))),
    )
}

pub async fn list_tickets(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: TicketFilter,
    page: PageRequest,
) -> ServiceResult<Page<ticket::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = ticket::Entity::find();
    if let Some(own) = actor.dealer_scope() {
        select = select.filter(ticket::Column::DealerId.eq(own));
    }
    if !filter.statuses.is_empty() {
        select = select.filter(ticket::Column::Status.is_in(filter.statuses));
    }
    if let Some(id) = filter.engineer_id {
        select = select.filter(ticket::Column::EngineerId.eq(id));
    }
    if let Some(id) = filter.dealer_id {
        select = select.filter(ticket::Column::DealerId.eq(id));
    }
    if let Some(id) = filter.customer_id {
        select = select.filter(ticket::Column::CustomerId.eq(id));
    }
    if let Some(prefix) = filter.serial_prefix.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(
            ticket::Column::UnitId.in_subquery(
                Query::select()
                    .column(unit::Column::Id)
                    .from(unit::Entity)
                    .and_where(text_search::starts_with(unit::Column::SerialNumber, prefix))
                    .to_owned(),
            ),
        );
    }
    match filter.overdue {
        Some(true) => select = select.filter(overdue_condition(Utc::now())),
        Some(false) => select = select.filter(overdue_condition(Utc::now()).not()),
        None => {}
    }
    if let Some(from) = filter.reported_from {
        select = select.filter(ticket::Column::ReportedAt.gte(from));
    }
    if let Some(to) = filter.reported_to {
        select = select.filter(ticket::Column::ReportedAt.lt(to));
    }
    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(
            Condition::any()
                .add(text_search::contains(ticket::Column::Number, text))
                .add(text_search::contains(ticket::Column::FaultDescription, text)),
        );
    }
    paginate(db, select, ticket::Column::Id, page).await
}
