//! The audit trail: every state change records who, when, what, and the
//! record before and after, in the same transaction as the change.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;

use entity::audit_log;

use crate::auth::Actor;
use crate::error::ServiceResult;

/// One change to record.
pub struct AuditEntry<'a> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> AuditEntry<'a> {
    /// An entry for a record that was created.
    pub fn created(action: &'a str, entity_type: &'a str, id: i64, after: &impl Serialize) -> Self {
        Self {
            action,
            entity_type,
            entity_id: Some(id.to_string()),
            before: None,
            after: serde_json::to_value(after).ok(),
        }
    }

    /// An entry for a record that changed.
    pub fn changed(
        action: &'a str,
        entity_type: &'a str,
        id: i64,
        before: &impl Serialize,
        after: &impl Serialize,
    ) -> Self {
        Self {
            action,
            entity_type,
            entity_id: Some(id.to_string()),
            before: serde_json::to_value(before).ok(),
            after: serde_json::to_value(after).ok(),
        }
    }
}

/// Writes the entry; `actor` is `None` for the system (CLI bootstrap, demo).
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    entry: AuditEntry<'_>,
) -> ServiceResult<()> {
    audit_log::ActiveModel {
        actor_user_id: Set(actor.map(|a| a.user_id)),
        action: Set(entry.action.to_owned()),
        entity_type: Set(entry.entity_type.to_owned()),
        entity_id: Set(entry.entity_id),
        before: Set(entry.before),
        after: Set(entry.after),
        request_id: Set(actor.and_then(|a| a.request_id.clone())),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Audit entries with an id above `after_id`, oldest first (the live feed
/// and the audit log query), for auditors only.
pub async fn entries_after<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    after_id: Option<i64>,
    limit: u64,
) -> ServiceResult<Vec<audit_log::Model>> {
    actor.require_any(crate::auth::roles::AUDITORS)?;
    let mut select = audit_log::Entity::find().order_by_asc(audit_log::Column::Id).limit(limit);
    if let Some(after) = after_id {
        select = select.filter(audit_log::Column::Id.gt(after));
    }
    Ok(select.all(db).await?)
}

/// The newest audit entry's id, where a live feed starts.
pub async fn latest_id<C: ConnectionTrait>(db: &C, actor: &Actor) -> ServiceResult<Option<i64>> {
    actor.require_any(crate::auth::roles::AUDITORS)?;
    Ok(audit_log::Entity::find().order_by_desc(audit_log::Column::Id).one(db).await?.map(|e| e.id))
}

/// A page of the audit log, optionally for one entity type (auditors only).
pub async fn list(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    entity_type: Option<String>,
    page: crate::pagination::PageRequest,
) -> ServiceResult<crate::pagination::Page<audit_log::Model>> {
    actor.require_any(crate::auth::roles::AUDITORS)?;
    let mut select = audit_log::Entity::find();
    if let Some(entity_type) = entity_type {
        select = select.filter(audit_log::Column::EntityType.eq(entity_type));
    }
    crate::pagination::paginate(
        db,
        select,
        &crate::pagination::Sort::by_id("auditLog", audit_log::Column::Id),
        &page,
    )
    .await
}
