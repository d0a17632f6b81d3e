//! The service tariff (收费标准): labour rate per hour and travel per km,
//! each in force from a date. Quotes use the one in force on their day.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use entity::service_tariff;

use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::validate;

#[derive(Debug, Clone)]
pub struct TariffInput {
    pub labour_rate: Decimal,
    pub travel_rate_per_km: Decimal,
    pub effective_from: NaiveDate,
}

/// Records a tariff from a date (SERVICE_MANAGER, FINANCE); one per date.
pub async fn set_tariff(
    db: &DatabaseConnection,
    actor: &Actor,
    input: TariffInput,
) -> ServiceResult<service_tariff::Model> {
    actor.require_any(&[entity::enums::Role::ServiceManager, entity::enums::Role::Finance])?;
    let labour_rate = validate::measure("labourRate", input.labour_rate)?;
    let travel_rate = validate::measure("travelRatePerKm", input.travel_rate_per_km)?;
    let txn = begin_write(db).await?;
    let taken = service_tariff::Entity::find()
        .filter(service_tariff::Column::EffectiveFrom.eq(input.effective_from))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(ServiceError::validation(
            "effectiveFrom",
            format!("a tariff from {} exists", input.effective_from),
        ));
    }
    let created = service_tariff::ActiveModel {
        labour_rate: Set(labour_rate),
        travel_rate_per_km: Set(travel_rate),
        effective_from: Set(input.effective_from),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::created("tariff.set", "service_tariff", created.id, &created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Every tariff, newest first (staff).
pub async fn list_tariffs(
    db: &DatabaseConnection,
    actor: &Actor,
) -> ServiceResult<Vec<service_tariff::Model>> {
    actor.require_any(roles::STAFF)?;
    Ok(service_tariff::Entity::find().order_by_desc(service_tariff::Column::EffectiveFrom).all(db).await?)
}
