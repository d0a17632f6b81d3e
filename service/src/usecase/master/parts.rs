//! Parts (物料) and warehouses (仓库): the catalogue that stock, quotes and
//! old parts refer to.

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use entity::enums::PartCategory;
use entity::{part, warehouse};

use super::{find_or_404, update_versioned};
use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::validate;
use crate::text_search;

/// Largest per-requisition limit of a valuable part.
const MAX_VALUABLE_LIMIT: i64 = 1_000;

#[derive(Debug, Clone)]
pub struct PartInput {
    pub part_number: String,
    pub name: String,
    pub unit_price: Decimal,
    pub weight_kg: Decimal,
    pub category: PartCategory,
    /// 关重件.
    pub critical: bool,
    /// 进口件.
    pub imported: bool,
    /// 贵重件: requisitions are limited to this many per requisition.
    pub valuable_limit: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct PartFilter {
    /// Part of the name or the start of the part number.
    pub search: Option<String>,
    pub category: Option<PartCategory>,
    pub critical: Option<bool>,
}

async fn part_model<C: ConnectionTrait>(
    db: &C,
    input: &PartInput,
    except: Option<i64>,
) -> ServiceResult<part::ActiveModel> {
    let number = validate::code("partNumber", &input.part_number, 64)?;
    let limit = input
        .valuable_limit
        .map(|n| validate::in_range("valuableLimit", n, 1, MAX_VALUABLE_LIMIT))
        .transpose()?;
    let taken = part::Entity::find().filter(part::Column::PartNumber.eq(&number)).one(db).await?;
    if taken.is_some_and(|p| Some(p.id) != except) {
        return Err(ServiceError::validation("partNumber", format!("part number `{number}` is taken")));
    }
    Ok(part::ActiveModel {
        part_number: Set(number),
        name: Set(validate::required_text("name", &input.name, 200)?),
        unit_price: Set(validate::money("unitPrice", input.unit_price)?),
        weight_kg: Set(validate::measure("weightKg", input.weight_kg)?),
        category: Set(input.category),
        critical: Set(input.critical),
        imported: Set(input.imported),
        valuable: Set(limit.is_some()),
        valuable_limit: Set(limit.map(|n| n as i32)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

pub async fn create_part(
    db: &DatabaseConnection,
    actor: &Actor,
    input: PartInput,
) -> ServiceResult<part::Model> {
    actor.require_any(roles::PART_EDITORS)?;
    let txn = begin_write(db).await?;
    let mut model = part_model(&txn, &input, None).await?;
    model.created_at = Set(Utc::now());
    model.version = Set(1);
    let created = model.insert(&txn).await?;
    audit::record(&txn, Some(actor), AuditEntry::created("part.create", "part", created.id, &created))
        .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_part(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    expected_version: Option<i32>,
    input: PartInput,
) -> ServiceResult<part::Model> {
    actor.require_any(roles::PART_EDITORS)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<part::Entity, _>(&txn, id).await?;
    let changes = part_model(&txn, &input, Some(id)).await?;
    let after = update_versioned::<part::Entity, _, _>(&txn, &before, expected_version, changes, id).await?;
    audit::record(&txn, Some(actor), AuditEntry::changed("part.update", "part", id, &before, &after)).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn get_part(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<part::Model> {
    actor.require_staff_or_dealer()?;
    find_or_404::<part::Entity, _>(db, id).await
}

pub async fn list_parts(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: PartFilter,
    page: PageRequest,
) -> ServiceResult<Page<part::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = part::Entity::find();
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(
            Condition::any()
                .add(text_search::contains(part::Column::Name, search))
                .add(text_search::starts_with(part::Column::PartNumber, search)),
        );
    }
    if let Some(category) = filter.category {
        select = select.filter(part::Column::Category.eq(category));
    }
    if let Some(critical) = filter.critical {
        select = select.filter(part::Column::Critical.eq(critical));
    }
    paginate(db, select, &Sort::by_id("parts", part::Column::Id), &page).await
}

#[derive(Debug, Clone, Default)]
pub struct WarehouseInput {
    pub code: String,
    pub name: String,
    pub region: String,
    pub head_office: bool,
}

async fn warehouse_model<C: ConnectionTrait>(
    db: &C,
    input: &WarehouseInput,
    except: Option<i64>,
) -> ServiceResult<warehouse::ActiveModel> {
    let code = validate::code("code", &input.code, 32)?;
    let taken = warehouse::Entity::find().filter(warehouse::Column::Code.eq(&code)).one(db).await?;
    if taken.is_some_and(|w| Some(w.id) != except) {
        return Err(ServiceError::validation("code", format!("warehouse code `{code}` is taken")));
    }
    Ok(warehouse::ActiveModel {
        code: Set(code),
        name: Set(validate::required_text("name", &input.name, 200)?),
        region: Set(validate::required_text("region", &input.region, 32)?),
        head_office: Set(input.head_office),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

pub async fn create_warehouse(
    db: &DatabaseConnection,
    actor: &Actor,
    input: WarehouseInput,
) -> ServiceResult<warehouse::Model> {
    actor.require_any(roles::PART_EDITORS)?;
    let txn = begin_write(db).await?;
    let mut model = warehouse_model(&txn, &input, None).await?;
    model.created_at = Set(Utc::now());
    model.keeper_user_id = Set(None);
    let created = model.insert(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::created("warehouse.create", "warehouse", created.id, &created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_warehouse(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: WarehouseInput,
) -> ServiceResult<warehouse::Model> {
    actor.require_any(roles::PART_EDITORS)?;
    let txn = begin_write(db).await?;
    let before = warehouse::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("warehouse", id))?;
    let mut changes = warehouse_model(&txn, &input, Some(id)).await?;
    changes.id = Set(id);
    let after = changes.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("warehouse.update", "warehouse", id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

#[derive(Debug, Clone, Default)]
pub struct WarehouseFilter {
    pub region: Option<String>,
    pub head_office: Option<bool>,
}

pub async fn list_warehouses(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: WarehouseFilter,
    page: PageRequest,
) -> ServiceResult<Page<warehouse::Model>> {
    actor.require_any(roles::STAFF)?;
    let mut select = warehouse::Entity::find();
    if let Some(region) = filter.region {
        select = select.filter(warehouse::Column::Region.eq(region));
    }
    if let Some(head_office) = filter.head_office {
        select = select.filter(warehouse::Column::HeadOffice.eq(head_office));
    }
    paginate(db, select, &Sort::by_id("warehouses", warehouse::Column::Id), &page).await
}

pub async fn get_warehouse(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> ServiceResult<warehouse::Model> {
    actor.require_any(roles::STAFF)?;
    warehouse::Entity::find_by_id(id).one(db).await?.ok_or_else(|| ServiceError::not_found("warehouse", id))
}
