//! Customers (客户): who owns the units and calls for service.

use chrono::Utc;
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Select, Set};

use entity::{customer, unit};

use super::{find_or_404, update_versioned};
use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::validate;
use crate::text_search;

/// Longest distance accepted, in km (beyond any service territory).
const MAX_DISTANCE_KM: i64 = 10_000;

/// A customer as entered by the service desk.
#[derive(Debug, Clone, Default)]
pub struct CustomerInput {
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub province: String,
    pub distance_km: i64,
    pub key_customer: bool,
}

/// Which customers to list.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Part of the name.
    pub search: Option<String>,
    pub province: Option<String>,
}

struct Valid {
    name: String,
    contact_name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
    province: String,
    distance_km: i32,
}

fn validated(input: &CustomerInput) -> ServiceResult<Valid> {
    Ok(Valid {
        name: validate::required_text("name", &input.name, 200)?,
        contact_name: validate::optional_text("contactName", input.contact_name.as_deref(), 100)?,
        phone: validate::phone("phone", input.phone.as_deref())?,
        email: validate::email("email", input.email.as_deref())?,
        address: validate::optional_text("address", input.address.as_deref(), 500)?,
        province: validate::required_text("province", &input.province, 32)?,
        distance_km: validate::in_range("distanceKm", input.distance_km, 0, MAX_DISTANCE_KM)? as i32,
    })
}

/// Customers a dealer user may see: those owning a unit it sold. Every
/// read and every write that names a customer goes through this.
pub(crate) fn scoped(actor: &Actor, select: Select<customer::Entity>) -> Select<customer::Entity> {
    match actor.dealer_scope() {
        None => select,
        Some(dealer_id) => select.filter(
            customer::Column::Id.in_subquery(
                Query::select()
                    .column(unit::Column::CustomerId)
                    .from(unit::Entity)
                    .and_where(unit::Column::DealerId.eq(dealer_id))
                    .to_owned(),
            ),
        ),
    }
}

pub async fn create_customer(
    db: &DatabaseConnection,
    actor: &Actor,
    input: CustomerInput,
) -> ServiceResult<customer::Model> {
    actor.require_any(roles::CUSTOMER_EDITORS)?;
    let v = validated(&input)?;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let created = customer::ActiveModel {
        name: Set(v.name),
        contact_name: Set(v.contact_name),
        phone: Set(v.phone),
        email: Set(v.email),
        address: Set(v.address),
        province: Set(v.province),
        distance_km: Set(v.distance_km),
        key_customer: Set(input.key_customer),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::created("customer.create", "customer", created.id, &created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_customer(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    expected_version: Option<i32>,
    input: CustomerInput,
) -> ServiceResult<customer::Model> {
    actor.require_any(roles::CUSTOMER_EDITORS)?;
    let v = validated(&input)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<customer::Entity, _>(&txn, id).await?;
    let changes = customer::ActiveModel {
        name: Set(v.name),
        contact_name: Set(v.contact_name),
        phone: Set(v.phone),
        email: Set(v.email),
        address: Set(v.address),
        province: Set(v.province),
        distance_km: Set(v.distance_km),
        key_customer: Set(input.key_customer),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let after =
        update_versioned::<customer::Entity, _, _>(&txn, &before, expected_version, changes, id).await?;
    audit::record(&txn, Some(actor), AuditEntry::changed("customer.update", "customer", id, &before, &after))
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// One customer; a dealer user gets `NOT_FOUND` for customers it did not sell to.
pub async fn get_customer(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<customer::Model> {
    actor.require_staff_or_dealer()?;
    scoped(actor, customer::Entity::find_by_id(id))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("customer", id))
}

pub async fn list_customers(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: CustomerFilter,
    page: PageRequest,
) -> ServiceResult<Page<customer::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = scoped(actor, customer::Entity::find());
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(text_search::contains(customer::Column::Name, search));
    }
    if let Some(province) = filter.province {
        select = select.filter(customer::Column::Province.eq(province));
    }
    paginate(db, select, &Sort::by_id("customers", customer::Column::Id), &page).await
}
