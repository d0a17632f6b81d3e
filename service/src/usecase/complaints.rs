//! Complaints (投诉): filed by the desk, routed by category (quality within
//! the policy's hours), taken by their handler, answered, closed. Those
//! attributable to service count against the service KPI.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use entity::enums::{ComplaintCategory, ComplaintStatus, Role, Severity};
use entity::{complaint, customer, ticket};

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::config::Settings;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ordering::ComplaintOrder;
use crate::pagination::{OrderBy, Page, PageRequest, paginate};
use crate::rules::complaints::{ComplaintStep, next_status, routing};
use crate::rules::validate;
use crate::usecase::reminders;
use crate::usecase::versioned::{find_or_404, update_versioned};

/// Who files and closes complaints.
const DESK: &[Role] = &[Role::Agent, Role::ServiceManager];
/// Whom complaints are routed to (`rules::complaints::route`): quality, or
/// the service managers.
const HANDLERS: &[Role] = &[Role::Quality, Role::ServiceManager];

/// A complaint as the desk takes it down.
#[derive(Debug, Clone)]
pub struct NewComplaint {
    pub customer_id: i64,
    pub ticket_id: Option<i64>,
    pub category: ComplaintCategory,
    pub severity: Severity,
    pub description: String,
    /// When the customer complained; default now. Not in the future.
    pub received_at: Option<DateTime<Utc>>,
}

/// Files a complaint (AGENT, SERVICE_MANAGER) and tells the role it is
/// routed to, in the same transaction.
pub async fn file(
    db: &DatabaseConnection,
    settings: &Settings,
    actor: &Actor,
    input: NewComplaint,
) -> ServiceResult<complaint::Model> {
    actor.require_any(DESK)?;
    let txn = begin_write(db).await?;
    let created = file_in(&txn, settings, actor, input).await?;
    txn.commit().await?;
    Ok(created)
}

/// Files a complaint in the caller's transaction (a dissatisfied return
/// visit files one with the visit).
pub(crate) async fn file_in<C: ConnectionTrait>(
    txn: &C,
    settings: &Settings,
    actor: &Actor,
    input: NewComplaint,
) -> ServiceResult<complaint::Model> {
    let description = validate::required_text("description", &input.description, 4000)?;
    let now = Utc::now();
    let received_at = input.received_at.unwrap_or(now);
    if received_at > now {
        return Err(ServiceError::validation("receivedAt", "is in the future"));
    }
    let owner = customer::Entity::find_by_id(input.customer_id).one(txn).await?.ok_or_else(|| {
        ServiceError::validation("customerId", format!("no customer {}", input.customer_id))
    })?;
    if let Some(ticket_id) = input.ticket_id {
        let job = ticket::Entity::find_by_id(ticket_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::validation("ticketId", format!("no ticket {ticket_id}")))?;
        if job.customer_id != owner.id {
            return Err(ServiceError::validation(
                "ticketId",
                format!("ticket {} is another customer's", job.number),
            ));
        }
    }
    let route = routing(input.category, received_at, settings.policy.quality_complaint_route_hours);
    let created = complaint::ActiveModel {
        // Numbered from the id below, in the same transaction (the column
        // holds 32 characters).
        number: Set(format!("CP-{}", &uuid::Uuid::new_v4().simple().to_string()[..20])),
        ticket_id: Set(input.ticket_id),
        customer_id: Set(owner.id),
        category: Set(input.category),
        severity: Set(input.severity),
        description: Set(description),
        received_at: Set(received_at),
        route_due_at: Set(route.due_at),
        routed_to_role: Set(Some(route.role)),
        attributable_to_service: Set(false),
        status: Set(ComplaintStatus::Open),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let day = received_at.with_timezone(&settings.business_tz()).format("%Y%m%d");
    let created = complaint::ActiveModel {
        id: Set(created.id),
        number: Set(format!("CP-{day}-{:06}", created.id)),
        ..Default::default()
    }
    .update(txn)
    .await?;
    reminders::complaint_received(txn, settings, &created, owner.name, route.role, now).await?;
    audit::record(txn, Some(actor), AuditEntry::created("complaint.file", "complaint", created.id, &created))
        .await?;
    Ok(created)
}

fn step_status(current: &complaint::Model, step: ComplaintStep) -> ServiceResult<ComplaintStatus> {
    next_status(current.status, step).ok_or_else(|| {
        ServiceError::InvalidTransition(format!(
            "complaint {} is {}; it cannot be {} now",
            current.number,
            current.status.as_str(),
            match step {
                ComplaintStep::Take => "taken",
                ComplaintStep::Answer => "answered",
                ComplaintStep::Close => "closed",
            }
        ))
    })
}

/// Writes a step of a complaint with its audit entry.
async fn apply(
    db: &DatabaseConnection,
    actor: &Actor,
    current: complaint::Model,
    version: i32,
    action: &str,
    changes: complaint::ActiveModel,
) -> ServiceResult<complaint::Model> {
    let txn = begin_write(db).await?;
    let after =
        update_versioned::<complaint::Entity, _, _>(&txn, &current, Some(version), changes, current.id)
            .await?;
    audit::record(&txn, Some(actor), AuditEntry::changed(action, "complaint", current.id, &current, &after))
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// The handler takes the complaint: someone of the role it was routed to
/// (or a service manager). From then on it has reached its handler.
pub async fn take(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> ServiceResult<complaint::Model> {
    // The roles first, so a caller who could never take one learns nothing
    // of the complaint.
    actor.require_any(HANDLERS)?;
    let current = find_or_404::<complaint::Entity, _>(db, id).await?;
    let routed = current.routed_to_role.unwrap_or(Role::ServiceManager);
    actor.require_any(&[routed, Role::ServiceManager])?;
    let status = step_status(&current, ComplaintStep::Take)?;
    let now = Utc::now();
    let changes = complaint::ActiveModel {
        status: Set(status),
        routed_at: Set(Some(now)),
        handler_id: Set(Some(actor.user_id)),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(db, actor, current, version, "complaint.take", changes).await
}

/// How a complaint was handled and what the customer was told.
#[derive(Debug, Clone)]
pub struct Answer {
    pub handling: String,
    pub answer: String,
    /// Whether service (not the product, the price or delivery) was at
    /// fault: it then counts against the service complaint rate.
    pub attributable_to_service: bool,
}

/// Records the handling and the answer (its handler, or a service manager).
pub async fn answer(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    input: Answer,
) -> ServiceResult<complaint::Model> {
    // A handler is one of `HANDLERS`; anyone else must be at the desk.
    actor.require_any(&[Role::Agent, Role::ServiceManager, Role::Quality])?;
    let current = find_or_404::<complaint::Entity, _>(db, id).await?;
    let handler = current.handler_id == Some(actor.user_id);
    if !handler {
        actor.require_any(DESK)?;
    }
    let handling = validate::required_text("handling", &input.handling, 4000)?;
    let reply = validate::required_text("answer", &input.answer, 4000)?;
    let status = step_status(&current, ComplaintStep::Answer)?;
    let now = Utc::now();
    let changes = complaint::ActiveModel {
        status: Set(status),
        handling: Set(Some(handling)),
        answer: Set(Some(reply)),
        attributable_to_service: Set(input.attributable_to_service),
        handler_id: Set(Some(current.handler_id.unwrap_or(actor.user_id))),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(db, actor, current, version, "complaint.answer", changes).await
}

/// Closes an answered complaint (AGENT, SERVICE_MANAGER).
pub async fn close(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> ServiceResult<complaint::Model> {
    actor.require_any(DESK)?;
    let current = find_or_404::<complaint::Entity, _>(db, id).await?;
    let status = step_status(&current, ComplaintStep::Close)?;
    let now = Utc::now();
    let changes = complaint::ActiveModel {
        status: Set(status),
        closed_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(db, actor, current, version, "complaint.close", changes).await
}

/// Which complaints to list.
#[derive(Debug, Clone, Default)]
pub struct ComplaintFilter {
    pub status: Option<ComplaintStatus>,
    pub category: Option<ComplaintCategory>,
    pub severity: Option<Severity>,
    pub ticket_id: Option<i64>,
    pub customer_id: Option<i64>,
    /// Only those past their routing deadline and not yet taken.
    pub routing_overdue: bool,
}

/// Who reads complaints: the desk, quality, managers.
const READERS: &[Role] = &[Role::Agent, Role::ServiceManager, Role::Quality, Role::GeneralManager];

/// One complaint (its page, a link from a notification).
pub async fn get(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<complaint::Model> {
    actor.require_any(READERS)?;
    complaint::Entity::find_by_id(id).one(db).await?.ok_or_else(|| ServiceError::not_found("complaint", id))
}

/// Complaints in the order asked for (staff: desk, quality, managers).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: ComplaintFilter,
    order: OrderBy<ComplaintOrder>,
    page: PageRequest,
) -> ServiceResult<Page<complaint::Model>> {
    actor.require_any(READERS)?;
    let mut select = complaint::Entity::find();
    if let Some(status) = filter.status {
        select = select.filter(complaint::Column::Status.eq(status));
    }
    if let Some(category) = filter.category {
        select = select.filter(complaint::Column::Category.eq(category));
    }
    if let Some(severity) = filter.severity {
        select = select.filter(complaint::Column::Severity.eq(severity));
    }
    if let Some(ticket_id) = filter.ticket_id {
        select = select.filter(complaint::Column::TicketId.eq(ticket_id));
    }
    if let Some(customer_id) = filter.customer_id {
        select = select.filter(complaint::Column::CustomerId.eq(customer_id));
    }
    if filter.routing_overdue {
        select = select
            .filter(complaint::Column::RoutedAt.is_null())
            .filter(complaint::Column::Status.eq(ComplaintStatus::Open))
            .filter(complaint::Column::RouteDueAt.lt(Utc::now()));
    }
    paginate(db, select, &order.sort(), &page).await
}
