//! Tickets (报修单): intake, triage with entitlement, quotes, dispatch,
//! repair records and the rest of the lifecycle. Every step is one
//! transaction that checks the ticket's `version`, moves the state through
//! the rules of `rules::ticket_flow`, and writes a ticket event and an
//! audit entry.

mod chargeback;
pub mod dispatch;
pub mod entitlement;
pub mod intake;
pub mod lifecycle;
pub mod quotes;
pub mod reading;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use entity::{ticket, ticket_event};

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::ticket_flow::{TicketAction, next_status};

/// The ticket with `id` if the actor may see it; another dealer's ticket is
/// reported as missing.
pub async fn visible_ticket<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> ServiceResult<ticket::Model> {
    actor.require_staff_or_dealer()?;
    ticket::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|t| actor.can_see_dealer_record(t.dealer_id))
        .ok_or_else(|| ServiceError::not_found("ticket", id))
}

/// One step of the lifecycle.
pub struct Step {
    pub action: TicketAction,
    /// The version the client read.
    pub expected_version: i32,
    pub reason: Option<String>,
    /// Extra facts for the event (engineer, appointment, quote…).
    pub data: Option<serde_json::Value>,
}

/// Moves `current` by `step`, writing `changes` (besides status and version),
/// the event and the audit entry. A stale version, or a writer who got there
/// first, is `CONFLICT`; a step the state does not allow is
/// `INVALID_TRANSITION` naming the state.
pub async fn apply_step<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    current: &ticket::Model,
    step: Step,
    mut changes: ticket::ActiveModel,
) -> ServiceResult<ticket::Model> {
    if step.expected_version != current.version {
        return Err(ServiceError::Conflict(format!(
            "ticket {} was changed by someone else (version {}, you sent {}); reload and retry",
            current.number, current.version, step.expected_version
        )));
    }
    let to = next_status(current.status, step.action, current.service_type)
        .map_err(|e| ServiceError::InvalidTransition(format!("ticket {}: {e}", current.number)))?;
    let now = Utc::now();
    changes.status = Set(to);
    changes.updated_at = Set(now);
    let updated = ticket::Entity::update_many()
        .set(changes)
        .col_expr(ticket::Column::Version, Expr::value(current.version + 1))
        .filter(ticket::Column::Id.eq(current.id))
        .filter(ticket::Column::Version.eq(current.version))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(ServiceError::Conflict(format!(
            "ticket {} was changed by someone else; reload and retry",
            current.number
        )));
    }
    ticket_event::ActiveModel {
        ticket_id: Set(current.id),
        from_status: Set(Some(current.status)),
        to_status: Set(to),
        actor_user_id: Set(Some(actor.user_id)),
        reason: Set(step.reason),
        data: Set(step.data),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let after = ticket::Entity::find_by_id(current.id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("ticket", current.id))?;
    let action = format!("ticket.{}", to.as_str().to_lowercase());
    audit::record(db, Some(actor), AuditEntry::changed(&action, "ticket", current.id, current, &after))
        .await?;
    Ok(after)
}
