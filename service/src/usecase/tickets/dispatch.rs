//! Dispatch (派工): an engineer and an appointment, by manual choice or by
//! the persistent round-robin rotation of the fault category's skill.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QuerySelect, Set,
};

use entity::enums::FaultCategory;
use entity::{dispatch_rotation, engineer, engineer_skill, ticket};

use super::{Step, apply_step, visible_ticket};
use crate::auth::Actor;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::dispatch::{
    Candidate, dispatchable_engineer, keeps_engineer_busy_condition, next_in_rotation,
};
use crate::rules::ticket_flow::TicketAction;
use crate::rules::ticket_roles::DESK as DISPATCHERS;

/// Every engineer the rotation for `skill` could consider for `ticket_id`,
/// with whether each has the skill, is on duty and is busy elsewhere.
async fn rotation_candidates<C: ConnectionTrait>(
    db: &C,
    skill: FaultCategory,
    ticket_id: i64,
) -> ServiceResult<Vec<Candidate>> {
    let engineers = engineer::Entity::find().filter(dispatchable_engineer()).all(db).await?;
    let skilled: HashSet<i64> = engineer_skill::Entity::find()
        .filter(engineer_skill::Column::Skill.eq(skill))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.engineer_id)
        .collect();
    let busy: HashSet<i64> = ticket::Entity::find()
        .filter(keeps_engineer_busy_condition(ticket::Entity))
        .filter(ticket::Column::Id.ne(ticket_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| t.engineer_id)
        .collect();
    Ok(engineers
        .iter()
        .map(|e| Candidate {
            engineer_id: e.user_id,
            has_skill: skilled.contains(&e.user_id),
            on_duty: e.available,
            busy: busy.contains(&e.user_id),
        })
        .collect())
}

/// Takes the rotation's turn for `skill`: locks its row (PostgreSQL row
/// lock; SQLite's write transaction is exclusive already), picks the next
/// eligible engineer and moves the pointer, so two dispatches at once never
/// take the same turn.
async fn take_turn<C: ConnectionTrait>(db: &C, skill: FaultCategory, ticket_id: i64) -> ServiceResult<i64> {
    let now = Utc::now();
    dispatch_rotation::Entity::insert(dispatch_rotation::ActiveModel {
        skill: Set(skill),
        last_engineer_id: Set(None),
        updated_at: Set(now),
        version: Set(1),
    })
    .on_conflict_do_nothing_on([dispatch_rotation::Column::Skill])
    .exec_without_returning(db)
    .await?;
    let mut select = dispatch_rotation::Entity::find_by_id(skill);
    if db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_exclusive();
    }
    let rotation =
        select.one(db).await?.ok_or_else(|| ServiceError::Internal("rotation row vanished".into()))?;

    let candidates = rotation_candidates(db, skill, ticket_id).await?;
    let chosen = next_in_rotation(&candidates, rotation.last_engineer_id).ok_or_else(|| {
        ServiceError::validation(
            "engineerId",
            format!("no engineer with the {} skill is free now; assign one by hand", skill.as_str()),
        )
    })?;
    dispatch_rotation::ActiveModel {
        skill: Set(skill),
        last_engineer_id: Set(Some(chosen)),
        updated_at: Set(now),
        version: Set(rotation.version + 1),
    }
    .update(db)
    .await?;
    Ok(chosen)
}

/// Whom the rotation would choose for the ticket now (AGENT,
/// SERVICE_MANAGER), without taking the turn: the dispatch form's
/// suggestion. None when no engineer with the skill is free.
pub async fn suggest_engineer(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<Option<i64>> {
    actor.require_any(DISPATCHERS)?;
    let current = visible_ticket(db, actor, id).await?;
    let last = dispatch_rotation::Entity::find_by_id(current.fault_category)
        .one(db)
        .await?
        .and_then(|rotation| rotation.last_engineer_id);
    let candidates = rotation_candidates(db, current.fault_category, current.id).await?;
    Ok(next_in_rotation(&candidates, last))
}

/// Dispatches a ticket (AGENT, SERVICE_MANAGER). Without an engineer the
/// rotation chooses; a named engineer overrides it (and leaves it as it is).
pub async fn dispatch_ticket(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    engineer_id: Option<i64>,
    appointment_at: DateTime<Utc>,
) -> ServiceResult<ticket::Model> {
    actor.require_any(DISPATCHERS)?;
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, id).await?;
    // Check the state before taking a turn, so a refused dispatch costs nobody their turn.
    crate::rules::ticket_flow::next_status(current.status, TicketAction::Dispatch, current.service_type)
        .map_err(|e| ServiceError::InvalidTransition(format!("ticket {}: {e}", current.number)))?;
    let (chosen, how) = match engineer_id {
        Some(chosen) => {
            engineer::Entity::find_by_id(chosen)
                .filter(dispatchable_engineer())
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    ServiceError::validation("engineerId", format!("no active engineer {chosen}"))
                })?;
            (chosen, "manual")
        }
        None => (take_turn(&txn, current.fault_category, current.id).await?, "rotation"),
    };
    let changes = ticket::ActiveModel {
        engineer_id: Set(Some(chosen)),
        appointment_at: Set(Some(appointment_at)),
        ..Default::default()
    };
    let step = Step {
        action: TicketAction::Dispatch,
        expected_version: version,
        reason: Some(format!("dispatched ({how})")),
        data: Some(serde_json::json!({ "engineerId": chosen, "appointmentAt": appointment_at, "by": how })),
    };
    let after = apply_step(&txn, actor, &current, step, changes).await?;
    txn.commit().await?;
    Ok(after)
}
