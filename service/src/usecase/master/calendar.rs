//! Declared holidays (and make-up working days, 调休): the calendar that
//! working-day deadlines are counted on.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use entity::holiday;

use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::validate;

#[derive(Debug, Clone)]
pub struct HolidayInput {
    pub day: NaiveDate,
    pub name: String,
    /// A weekend day declared a working day instead of a day off.
    pub working_day: bool,
}

/// Declares a day; declaring the same day again is a `VALIDATION` error.
pub async fn declare_holiday(
    db: &DatabaseConnection,
    actor: &Actor,
    input: HolidayInput,
) -> ServiceResult<holiday::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let name = validate::required_text("name", &input.name, 64)?;
    let txn = begin_write(db).await?;
    if holiday::Entity::find().filter(holiday::Column::Day.eq(input.day)).one(&txn).await?.is_some() {
        return Err(ServiceError::validation("day", format!("{} is already declared", input.day)));
    }
    let created = holiday::ActiveModel {
        day: Set(input.day),
        name: Set(name),
        working_day: Set(input.working_day),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, Some(actor), AuditEntry::created("holiday.declare", "holiday", created.id, &created))
        .await?;
    txn.commit().await?;
    Ok(created)
}

/// Withdraws a declared day.
pub async fn remove_holiday(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> ServiceResult<holiday::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let txn = begin_write(db).await?;
    let existing = holiday::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("holiday", id))?;
    holiday::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry {
            action: "holiday.remove",
            entity_type: "holiday",
            entity_id: Some(id.to_string()),
            before: serde_json::to_value(&existing).ok(),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(existing)
}

/// The declared days between two dates, inclusive, in date order.
pub async fn holidays_between(
    db: &DatabaseConnection,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> ServiceResult<Vec<holiday::Model>> {
    actor.require_staff_or_dealer()?;
    if to < from {
        return Err(ServiceError::validation("to", "must not be before from"));
    }
    Ok(holiday::Entity::find()
        .filter(holiday::Column::Day.between(from, to))
        .order_by_asc(holiday::Column::Day)
        .all(db)
        .await?)
}

/// The business calendar for deadlines between two days: the declared days
/// in that range, read without a role check (an internal helper).
pub async fn business_calendar<C: sea_orm::ConnectionTrait>(
    db: &C,
    tz: chrono_tz::Tz,
    from: NaiveDate,
    to: NaiveDate,
) -> ServiceResult<crate::rules::calendar::Calendar> {
    let days = holiday::Entity::find().filter(holiday::Column::Day.between(from, to)).all(db).await?;
    Ok(crate::rules::calendar::Calendar::new(tz, days.into_iter().map(|d| (d.day, d.working_day)).collect()))
}
