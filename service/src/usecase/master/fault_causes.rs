//! The failure-cause catalogue (故障原因): what repair records name and the
//! recurrence report counts.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use entity::enums::{FaultCategory, Role};
use entity::fault_cause;

use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::validate;

/// Who keeps the catalogue.
const CATALOGUE_EDITORS: &[Role] = &[Role::ServiceManager, Role::Quality];

#[derive(Debug, Clone)]
pub struct FaultCauseInput {
    pub code: String,
    pub name: String,
    pub fault_category: FaultCategory,
    pub active: bool,
}

/// Adds a cause, or updates the one with the same code (SERVICE_MANAGER, QUALITY).
pub async fn save_fault_cause(
    db: &DatabaseConnection,
    actor: &Actor,
    input: FaultCauseInput,
) -> ServiceResult<fault_cause::Model> {
    actor.require_any(CATALOGUE_EDITORS)?;
    let code = validate::code("code", &input.code, 32)?.to_uppercase();
    let name = validate::required_text("name", &input.name, 128)?;
    let txn = begin_write(db).await?;
    let existing = fault_cause::Entity::find().filter(fault_cause::Column::Code.eq(&code)).one(&txn).await?;
    let now = Utc::now();
    let saved = match &existing {
        Some(before) => {
            fault_cause::ActiveModel {
                id: Set(before.id),
                name: Set(name),
                fault_category: Set(input.fault_category),
                active: Set(input.active),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(&txn)
            .await?
        }
        None => {
            fault_cause::ActiveModel {
                code: Set(code),
                name: Set(name),
                fault_category: Set(input.fault_category),
                active: Set(input.active),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let entry = match &existing {
        Some(before) => AuditEntry::changed("fault_cause.update", "fault_cause", saved.id, before, &saved),
        None => AuditEntry::created("fault_cause.create", "fault_cause", saved.id, &saved),
    };
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The catalogue, optionally of one category, by code (staff).
pub async fn list_fault_causes(
    db: &DatabaseConnection,
    actor: &Actor,
    category: Option<FaultCategory>,
    active: Option<bool>,
) -> ServiceResult<Vec<fault_cause::Model>> {
    actor.require_any(roles::STAFF)?;
    let mut select = fault_cause::Entity::find().order_by_asc(fault_cause::Column::Code);
    if let Some(category) = category {
        select = select.filter(fault_cause::Column::FaultCategory.eq(category));
    }
    if let Some(active) = active {
        select = select.filter(fault_cause::Column::Active.eq(active));
    }
    Ok(select.all(db).await?)
}

/// The active cause with `code`, or a `VALIDATION` error on `field`.
pub async fn active_cause<C: ConnectionTrait>(
    db: &C,
    field: &str,
    code: &str,
) -> ServiceResult<fault_cause::Model> {
    let code = code.trim().to_uppercase();
    fault_cause::Entity::find()
        .filter(fault_cause::Column::Code.eq(&code))
        .filter(fault_cause::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| {
            ServiceError::validation(field, format!("`{code}` is not an active cause of the catalogue"))
        })
}
