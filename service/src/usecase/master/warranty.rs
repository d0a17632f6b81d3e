//! Warranty policies (保修政策) and service contracts (合同服务): what a
//! unit's entitlement is computed from.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use entity::{service_contract, unit, warranty_policy};

use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::validate;

/// Longest warranty accepted, in months.
const MAX_POLICY_MONTHS: i64 = 240;

#[derive(Debug, Clone, Default)]
pub struct WarrantyPolicyInput {
    pub code: String,
    pub name: String,
    pub duration_months: i64,
    pub covers_parts: bool,
    pub covers_labour: bool,
    pub active: bool,
}

async fn policy_model<C: ConnectionTrait>(
    db: &C,
    input: &WarrantyPolicyInput,
    except: Option<i64>,
) -> ServiceResult<warranty_policy::ActiveModel> {
    let code = validate::code("code", &input.code, 32)?;
    let taken =
        warranty_policy::Entity::find().filter(warranty_policy::Column::Code.eq(&code)).one(db).await?;
    if taken.is_some_and(|p| Some(p.id) != except) {
        return Err(ServiceError::validation("code", format!("policy code `{code}` is taken")));
    }
    Ok(warranty_policy::ActiveModel {
        code: Set(code),
        name: Set(validate::required_text("name", &input.name, 200)?),
        duration_months: Set(validate::in_range(
            "durationMonths",
            input.duration_months,
            1,
            MAX_POLICY_MONTHS,
        )? as i32),
        covers_parts: Set(input.covers_parts),
        covers_labour: Set(input.covers_labour),
        active: Set(input.active),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

pub async fn create_warranty_policy(
    db: &DatabaseConnection,
    actor: &Actor,
    input: WarrantyPolicyInput,
) -> ServiceResult<warranty_policy::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let txn = begin_write(db).await?;
    let mut model = policy_model(&txn, &input, None).await?;
    model.created_at = Set(Utc::now());
    let created = model.insert(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::created("warranty_policy.create", "warranty_policy", created.id, &created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_warranty_policy(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: WarrantyPolicyInput,
) -> ServiceResult<warranty_policy::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let txn = begin_write(db).await?;
    let before = warranty_policy::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("warranty policy", id))?;
    let mut changes = policy_model(&txn, &input, Some(id)).await?;
    changes.id = Set(id);
    let after = changes.update(&txn).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("warranty_policy.update", "warranty_policy", id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn list_warranty_policies(
    db: &DatabaseConnection,
    actor: &Actor,
    active: Option<bool>,
    page: PageRequest,
) -> ServiceResult<Page<warranty_policy::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = warranty_policy::Entity::find();
    if let Some(active) = active {
        select = select.filter(warranty_policy::Column::Active.eq(active));
    }
    paginate(db, select, &Sort::by_id("warrantyPolicies", warranty_policy::Column::Id), &page).await
}

pub async fn get_warranty_policy(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> ServiceResult<warranty_policy::Model> {
    actor.require_staff_or_dealer()?;
    warranty_policy::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("warranty policy", id))
}

#[derive(Debug, Clone)]
pub struct ServiceContractInput {
    pub contract_number: String,
    pub unit_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub price: Decimal,
}

struct ValidContract {
    number: String,
    price: Decimal,
}

async fn validated_contract<C: ConnectionTrait>(
    db: &C,
    input: &ServiceContractInput,
    except: Option<i64>,
) -> ServiceResult<ValidContract> {
    let number = validate::code("contractNumber", &input.contract_number, 32)?;
    if input.ends_on < input.starts_on {
        return Err(ServiceError::validation("endsOn", "must not be before startsOn"));
    }
    let price = validate::money("price", input.price)?;
    if unit::Entity::find_by_id(input.unit_id).one(db).await?.is_none() {
        return Err(ServiceError::validation("unitId", format!("no unit {}", input.unit_id)));
    }
    let taken = service_contract::Entity::find()
        .filter(service_contract::Column::ContractNumber.eq(&number))
        .one(db)
        .await?;
    if taken.is_some_and(|c| Some(c.id) != except) {
        return Err(ServiceError::validation("contractNumber", format!("contract `{number}` exists")));
    }
    Ok(ValidContract { number, price })
}

pub async fn create_service_contract(
    db: &DatabaseConnection,
    actor: &Actor,
    input: ServiceContractInput,
) -> ServiceResult<service_contract::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let txn = begin_write(db).await?;
    let valid = validated_contract(&txn, &input, None).await?;
    let now = Utc::now();
    let created = service_contract::ActiveModel {
        contract_number: Set(valid.number),
        unit_id: Set(input.unit_id),
        starts_on: Set(input.starts_on),
        ends_on: Set(input.ends_on),
        price: Set(valid.price),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let entry = AuditEntry::created("service_contract.create", "service_contract", created.id, &created);
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok(created)
}

/// Corrects a contract's dates, price or unit (SERVICE_MANAGER).
pub async fn update_service_contract(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: ServiceContractInput,
) -> ServiceResult<service_contract::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let txn = begin_write(db).await?;
    let before = service_contract::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("service contract", id))?;
    let valid = validated_contract(&txn, &input, Some(id)).await?;
    let after = service_contract::ActiveModel {
        id: Set(id),
        contract_number: Set(valid.number),
        unit_id: Set(input.unit_id),
        starts_on: Set(input.starts_on),
        ends_on: Set(input.ends_on),
        price: Set(valid.price),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let entry = AuditEntry::changed("service_contract.update", "service_contract", id, &before, &after);
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok(after)
}

/// One contract; a dealer user sees only those of its units.
pub async fn get_service_contract(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> ServiceResult<service_contract::Model> {
    actor.require_staff_or_dealer()?;
    let found = service_contract::Entity::find_by_id(id).one(db).await?;
    let visible = match (&found, actor.dealer_scope()) {
        (Some(contract), Some(_)) => {
            let owner = unit::Entity::find_by_id(contract.unit_id).one(db).await?.and_then(|u| u.dealer_id);
            actor.can_see_dealer_record(owner)
        }
        (found, None) => found.is_some(),
        (None, _) => false,
    };
    found.filter(|_| visible).ok_or_else(|| ServiceError::not_found("service contract", id))
}

/// Contracts, optionally of one unit; a dealer user sees those of its units.
pub async fn list_service_contracts(
    db: &DatabaseConnection,
    actor: &Actor,
    unit_id: Option<i64>,
    page: PageRequest,
) -> ServiceResult<Page<service_contract::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = service_contract::Entity::find();
    if let Some(unit_id) = unit_id {
        select = select.filter(service_contract::Column::UnitId.eq(unit_id));
    }
    if let Some(dealer_id) = actor.dealer_scope() {
        select = select.filter(
            service_contract::Column::UnitId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(unit::Column::Id)
                    .from(unit::Entity)
                    .and_where(unit::Column::DealerId.eq(dealer_id))
                    .to_owned(),
            ),
        );
    }
    paginate(db, select, &Sort::by_id("serviceContracts", service_contract::Column::Id), &page).await
}
