//! Units (设备): one serial-numbered machine, its dates, owner and seller.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set,
};

use entity::{customer, dealer, product_model, unit, warranty_policy};

use super::{find_or_404, update_versioned};
use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ordering::UnitOrder;
use crate::pagination::{OrderBy, Page, PageRequest, paginate};
use crate::rules::validate;
use crate::text_search;

#[derive(Debug, Clone)]
pub struct UnitInput {
    pub serial_number: String,
    pub product_model_id: i64,
    pub production_date: NaiveDate,
    /// 发票日期: the warranty starts here. None while unsold.
    pub invoice_date: Option<NaiveDate>,
    pub customer_id: Option<i64>,
    /// None when sold directly.
    pub dealer_id: Option<i64>,
    /// Overrides the model's warranty policy.
    pub warranty_policy_id: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub serial_prefix: Option<String>,
    pub product_model_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub dealer_id: Option<i64>,
}

async fn require_exists<E, C>(db: &C, field: &str, what: &str, id: Option<i64>) -> ServiceResult<()>
where
    E: EntityTrait,
    E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = i64>,
    C: ConnectionTrait,
{
    if let Some(id) = id
        && E::find_by_id(id).one(db).await?.is_none()
    {
        return Err(ServiceError::validation(field, format!("no {what} {id}")));
    }
    Ok(())
}

async fn active_model<C: ConnectionTrait>(
    db: &C,
    input: &UnitInput,
    except: Option<i64>,
) -> ServiceResult<unit::ActiveModel> {
    let serial = validate::code("serialNumber", &input.serial_number, 64)?;
    if let Some(invoice) = input.invoice_date
        && invoice < input.production_date
    {
        return Err(ServiceError::validation("invoiceDate", "must not be before the production date"));
    }
    require_exists::<product_model::Entity, _>(
        db,
        "productModelId",
        "product model",
        Some(input.product_model_id),
    )
    .await?;
    require_exists::<customer::Entity, _>(db, "customerId", "customer", input.customer_id).await?;
    require_exists::<dealer::Entity, _>(db, "dealerId", "dealer", input.dealer_id).await?;
    require_exists::<warranty_policy::Entity, _>(
        db,
        "warrantyPolicyId",
        "warranty policy",
        input.warranty_policy_id,
    )
    .await?;
    // Told apart by case alone, two serials would make a lookup ambiguous.
    let taken = unit::Entity::find().filter(serial_is(&serial)).limit(2).all(db).await?;
    if taken.iter().any(|u| Some(u.id) != except) {
        return Err(ServiceError::validation(
            "serialNumber",
            format!("serial number `{serial}` is already registered"),
        ));
    }
    Ok(unit::ActiveModel {
        serial_number: Set(serial),
        product_model_id: Set(input.product_model_id),
        production_date: Set(input.production_date),
        invoice_date: Set(input.invoice_date),
        customer_id: Set(input.customer_id),
        dealer_id: Set(input.dealer_id),
        warranty_policy_id: Set(input.warranty_policy_id),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// The serial number is `serial`, whatever the case of its letters
/// (serials are ASCII codes; the index on `lower(serial_number)` serves it).
fn serial_is(serial: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col(unit::Column::SerialNumber.as_column_ref())))
        .eq(Func::lower(Expr::val(serial.trim())))
}

/// The unit with serial number `serial`, its letters in any case. Should
/// units registered before serials were compared so differ by case alone,
/// the one spelt exactly as asked is it; without one the lookup is
/// ambiguous (`VALIDATION` on `field`).
pub(crate) async fn by_serial<C: ConnectionTrait>(
    db: &C,
    field: &str,
    serial: &str,
) -> ServiceResult<Option<unit::Model>> {
    let serial = serial.trim();
    let mut found = unit::Entity::find().filter(serial_is(serial)).limit(10).all(db).await?;
    if let Some(exact) = found.iter().position(|u| u.serial_number == serial) {
        return Ok(Some(found.swap_remove(exact)));
    }
    if found.len() > 1 {
        return Err(ServiceError::validation(
            field,
            format!("`{serial}` matches several units that differ only in case; give it exactly"),
        ));
    }
    Ok(found.pop())
}

pub async fn register_unit(
    db: &DatabaseConnection,
    actor: &Actor,
    input: UnitInput,
) -> ServiceResult<unit::Model> {
    actor.require_any(roles::CUSTOMER_EDITORS)?;
    let txn = begin_write(db).await?;
    let mut model = active_model(&txn, &input, None).await?;
    model.created_at = Set(Utc::now());
    model.version = Set(1);
    let created = model.insert(&txn).await?;
    audit::record(&txn, Some(actor), AuditEntry::created("unit.register", "unit", created.id, &created))
        .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_unit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    expected_version: Option<i32>,
    input: UnitInput,
) -> ServiceResult<unit::Model> {
    actor.require_any(roles::CUSTOMER_EDITORS)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<unit::Entity, _>(&txn, id).await?;
    let changes = active_model(&txn, &input, Some(id)).await?;
    let after = update_versioned::<unit::Entity, _, _>(&txn, &before, expected_version, changes, id).await?;
    audit::record(&txn, Some(actor), AuditEntry::changed("unit.update", "unit", id, &before, &after)).await?;
    txn.commit().await?;
    Ok(after)
}

fn visible(
    actor: &Actor,
    found: Option<unit::Model>,
    key: impl std::fmt::Display,
) -> ServiceResult<unit::Model> {
    // Another dealer's unit is reported as missing: not even its existence leaks.
    found
        .filter(|u| actor.can_see_dealer_record(u.dealer_id))
        .ok_or_else(|| ServiceError::not_found("unit", key))
}

pub async fn get_unit(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<unit::Model> {
    actor.require_staff_or_dealer()?;
    visible(actor, unit::Entity::find_by_id(id).one(db).await?, id)
}

pub async fn find_unit_by_serial(
    db: &DatabaseConnection,
    actor: &Actor,
    serial: &str,
) -> ServiceResult<unit::Model> {
    actor.require_staff_or_dealer()?;
    let serial = serial.trim();
    let found = by_serial(db, "serialNumber", serial).await?;
    visible(actor, found, serial)
}

pub async fn list_units(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: UnitFilter,
    order: OrderBy<UnitOrder>,
    page: PageRequest,
) -> ServiceResult<Page<unit::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = unit::Entity::find();
    if let Some(own) = actor.dealer_scope() {
        select = select.filter(unit::Column::DealerId.eq(own));
    }
    if let Some(prefix) = filter.serial_prefix.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(text_search::starts_with(unit::Column::SerialNumber, prefix));
    }
    if let Some(id) = filter.product_model_id {
        select = select.filter(unit::Column::ProductModelId.eq(id));
    }
    if let Some(id) = filter.customer_id {
        select = select.filter(unit::Column::CustomerId.eq(id));
    }
    if let Some(id) = filter.dealer_id {
        select = select.filter(unit::Column::DealerId.eq(id));
    }
    paginate(db, select, &order.sort(), &page).await
}
