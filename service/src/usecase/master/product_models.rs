//! Product models (产品型号): default warranty and sale price of each model.

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use entity::{product_model, warranty_policy};

use super::{find_or_404, update_versioned};
use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::validate;
use crate::text_search;

/// Longest default warranty accepted, in months.
const MAX_WARRANTY_MONTHS: i64 = 240;

#[derive(Debug, Clone, Default)]
pub struct ProductModelInput {
    pub code: String,
    pub name: String,
    pub category: String,
    pub default_warranty_months: i64,
    pub sale_price: Decimal,
    pub warranty_policy_id: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct ProductModelFilter {
    pub search: Option<String>,
    pub category: Option<String>,
}

async fn active_model<C: ConnectionTrait>(
    db: &C,
    input: &ProductModelInput,
    except: Option<i64>,
) -> ServiceResult<product_model::ActiveModel> {
    let code = validate::code("code", &input.code, 32)?;
    let model = product_model::ActiveModel {
        name: Set(validate::required_text("name", &input.name, 200)?),
        category: Set(validate::required_text("category", &input.category, 64)?),
        default_warranty_months: Set(validate::in_range(
            "defaultWarrantyMonths",
            input.default_warranty_months,
            0,
            MAX_WARRANTY_MONTHS,
        )? as i32),
        sale_price: Set(validate::money("salePrice", input.sale_price)?),
        warranty_policy_id: Set(input.warranty_policy_id),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(policy_id) = input.warranty_policy_id
        && warranty_policy::Entity::find_by_id(policy_id).one(db).await?.is_none()
    {
        return Err(ServiceError::validation("warrantyPolicyId", format!("no warranty policy {policy_id}")));
    }
    let taken = product_model::Entity::find().filter(product_model::Column::Code.eq(&code)).one(db).await?;
    if taken.is_some_and(|m| Some(m.id) != except) {
        return Err(ServiceError::validation("code", format!("model code `{code}` is taken")));
    }
    Ok(product_model::ActiveModel { code: Set(code), ..model })
}

pub async fn create_product_model(
    db: &DatabaseConnection,
    actor: &Actor,
    input: ProductModelInput,
) -> ServiceResult<product_model::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let txn = begin_write(db).await?;
    let mut model = active_model(&txn, &input, None).await?;
    model.created_at = Set(Utc::now());
    model.version = Set(1);
    let created = model.insert(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::created("product_model.create", "product_model", created.id, &created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_product_model(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    expected_version: Option<i32>,
    input: ProductModelInput,
) -> ServiceResult<product_model::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<product_model::Entity, _>(&txn, id).await?;
    let changes = active_model(&txn, &input, Some(id)).await?;
    let after =
        update_versioned::<product_model::Entity, _, _>(&txn, &before, expected_version, changes, id).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("product_model.update", "product_model", id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn get_product_model(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> ServiceResult<product_model::Model> {
    actor.require_staff_or_dealer()?;
    find_or_404::<product_model::Entity, _>(db, id).await
}

pub async fn list_product_models(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: ProductModelFilter,
    page: PageRequest,
) -> ServiceResult<Page<product_model::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = product_model::Entity::find();
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(text_search::contains(product_model::Column::Name, search));
    }
    if let Some(category) = filter.category {
        select = select.filter(product_model::Column::Category.eq(category));
    }
    paginate(db, select, &Sort::by_id("productModels", product_model::Column::Id), &page).await
}
