//! Audit trail entries.

use async_graphql::{ID, SimpleObject};
use chrono::{DateTime, Utc};

use entity::audit_log;

use crate::graphql::ids::{Kind, encode};

/// One recorded change: who, when, what, before and after.
#[derive(SimpleObject)]
pub struct AuditEntry {
    /// Opaque audit entry id.
    pub id: ID,
    /// The acting user; null for the system (CLI, demo loader).
    pub actor_id: Option<ID>,
    /// What happened, e.g. `customer.update`.
    pub action: String,
    /// Kind of record changed, e.g. `customer`.
    pub entity_type: String,
    /// Id of the record changed, when there is one.
    pub entity_id: Option<String>,
    /// The record before the change; null when it was created.
    pub before: Option<serde_json::Value>,
    /// The record after the change; null when it was deleted.
    pub after: Option<serde_json::Value>,
    /// The HTTP request that made the change.
    pub request_id: Option<String>,
    /// When the change was recorded.
    pub created_at: DateTime<Utc>,
}

impl From<audit_log::Model> for AuditEntry {
    fn from(m: audit_log::Model) -> Self {
        Self {
            id: encode(Kind::AuditEntry, m.id),
            actor_id: m.actor_user_id.map(|id| encode(Kind::User, id)),
            action: m.action,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            before: m.before,
            after: m.after,
            request_id: m.request_id,
            created_at: m.created_at,
        }
    }
}
