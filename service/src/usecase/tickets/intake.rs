//! Intake (报修): a fault report from any channel becomes a ticket with a
//! human number and its response and on-site deadlines.

use chrono::{Datelike, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use entity::enums::{Channel, FaultCategory, Severity, TicketStatus};
use entity::{customer, ticket, ticket_event, ticket_sequence};

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::config::Settings;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::ticket_roles::INTAKE as INTAKE_ROLES;
use crate::rules::{sla, validate};
use crate::usecase::master::calendar::business_calendar;
use crate::usecase::master::customers;

/// Longest deadline window a holiday can stretch (days), for loading the calendar.
const CALENDAR_WINDOW_DAYS: i64 = 30;

/// A fault as the service desk (or a dealer) records it.
#[derive(Debug, Clone)]
pub struct FaultReport {
    pub channel: Channel,
    pub serial_number: String,
    /// Defaults to the unit's owner.
    pub customer_id: Option<i64>,
    pub fault_description: String,
    pub fault_category: FaultCategory,
    pub severity: Severity,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    /// Someone was hurt (makes a quality incident major).
    pub personal_injury: bool,
}

/// The next number of `year`, `SR-2026-000123`. The sequence row is locked by
/// the increment until the transaction ends, so concurrent reports never
/// share a number.
async fn next_ticket_number<C: ConnectionTrait>(db: &C, year: i32) -> ServiceResult<String> {
    ticket_sequence::Entity::insert(ticket_sequence::ActiveModel { year: Set(year), last_value: Set(0) })
        .on_conflict_do_nothing_on([ticket_sequence::Column::Year])
        .exec_without_returning(db)
        .await?;
    ticket_sequence::Entity::update_many()
        .col_expr(ticket_sequence::Column::LastValue, Expr::col(ticket_sequence::Column::LastValue).add(1))
        .filter(ticket_sequence::Column::Year.eq(year))
        .exec(db)
        .await?;
    let row = ticket_sequence::Entity::find_by_id(year)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("ticket sequence of {year} vanished")))?;
    Ok(format!("SR-{year}-{:06}", row.last_value))
}

/// Records a fault report (AGENT, SERVICE_MANAGER; a DEALER for its own units).
pub async fn report_fault(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    input: FaultReport,
) -> ServiceResult<ticket::Model> {
    actor.require_any(INTAKE_ROLES)?;
    let description = validate::required_text("faultDescription", &input.fault_description, 4000)?;
    let contact_name = validate::optional_text("contactName", input.contact_name.as_deref(), 100)?;
    let contact_phone = validate::phone("contactPhone", input.contact_phone.as_deref())?;
    let contact_email = validate::email("contactEmail", input.contact_email.as_deref())?;
    // A dealer reports through its own channel, whatever it says.
    let channel = if actor.dealer_scope().is_some() { Channel::Dealer } else { input.channel };

    let txn = begin_write(db).await?;
    let serial = input.serial_number.trim();
    let found = crate::usecase::master::units::by_serial(&txn, "serialNumber", serial)
        .await?
        .filter(|u| actor.can_see_dealer_record(u.dealer_id))
        .ok_or_else(|| {
            ServiceError::validation(
                "serialNumber",
                format!("no unit `{serial}` is registered; register it first"),
            )
        })?;
    let customer_id = input.customer_id.or(found.customer_id).ok_or_else(|| {
        ServiceError::validation("customerId", "the unit has no owner on record; give the customer")
    })?;
    // A customer outside the actor's scope is answered as one that does not
    // exist: a dealer must not learn (or copy onto a ticket) another dealer's
    // customer. The unit's owner is always in scope, the unit being visible.
    let owner = customers::scoped(actor, customer::Entity::find_by_id(customer_id))
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::validation("customerId", format!("no customer {customer_id}")))?;

    let now = Utc::now();
    let tz = settings.business_tz();
    let today = now.with_timezone(&tz).date_naive();
    let calendar = business_calendar(&txn, tz, today, today + Duration::days(CALENDAR_WINDOW_DAYS)).await?;
    let deadlines = sla::deadlines(&settings.policy, &calendar, now, owner.distance_km, input.severity);
    let number = next_ticket_number(&txn, today.year()).await?;

    let created = ticket::ActiveModel {
        number: Set(number),
        channel: Set(channel),
        customer_id: Set(owner.id),
        unit_id: Set(found.id),
        dealer_id: Set(found.dealer_id),
        fault_description: Set(description),
        fault_category: Set(input.fault_category),
        severity: Set(input.severity),
        contact_name: Set(contact_name.or(owner.contact_name.clone())),
        contact_phone: Set(contact_phone.or(owner.phone.clone())),
        contact_email: Set(contact_email.or(owner.email.clone())),
        status: Set(TicketStatus::Reported),
        reported_at: Set(now),
        reply_due_at: Set(deadlines.reply_due_at),
        arrival_due_at: Set(deadlines.arrival_due_at),
        rework_count: Set(0),
        personal_injury: Set(input.personal_injury),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ticket_event::ActiveModel {
        ticket_id: Set(created.id),
        from_status: Set(None),
        to_status: Set(TicketStatus::Reported),
        actor_user_id: Set(Some(actor.user_id)),
        reason: Set(Some(format!("reported by {}", channel.as_str()))),
        data: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, Some(actor), AuditEntry::created("ticket.report", "ticket", created.id, &created))
        .await?;
    txn.commit().await?;
    Ok(created)
}
