//! Dealers (代理商): they sell units; their users see only their own data.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use entity::dealer;

use super::{find_or_404, update_versioned};
use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::validate;
use crate::text_search;

#[derive(Debug, Clone, Default)]
pub struct DealerInput {
    pub code: String,
    pub name: String,
    pub region: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DealerFilter {
    pub search: Option<String>,
    pub region: Option<String>,
}

fn active_model(input: &DealerInput) -> ServiceResult<dealer::ActiveModel> {
    Ok(dealer::ActiveModel {
        code: Set(validate::code("code", &input.code, 32)?),
        name: Set(validate::required_text("name", &input.name, 200)?),
        region: Set(validate::required_text("region", &input.region, 32)?),
        contact_name: Set(validate::optional_text("contactName", input.contact_name.as_deref(), 100)?),
        phone: Set(validate::phone("phone", input.phone.as_deref())?),
        email: Set(validate::email("email", input.email.as_deref())?),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

async fn ensure_code_free<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
    except: Option<i64>,
) -> ServiceResult<()> {
    let existing = dealer::Entity::find().filter(dealer::Column::Code.eq(code)).one(db).await?;
    match existing {
        Some(d) if Some(d.id) != except => {
            Err(ServiceError::validation("code", format!("dealer code `{code}` is taken")))
        }
        _ => Ok(()),
    }
}

pub async fn create_dealer(
    db: &DatabaseConnection,
    actor: &Actor,
    input: DealerInput,
) -> ServiceResult<dealer::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let mut model = active_model(&input)?;
    let txn = begin_write(db).await?;
    ensure_code_free(&txn, model.code.as_ref(), None).await?;
    model.created_at = Set(Utc::now());
    model.version = Set(1);
    let created = model.insert(&txn).await?;
    audit::record(&txn, Some(actor), AuditEntry::created("dealer.create", "dealer", created.id, &created))
        .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update_dealer(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    expected_version: Option<i32>,
    input: DealerInput,
) -> ServiceResult<dealer::Model> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let changes = active_model(&input)?;
    let txn = begin_write(db).await?;
    let before = find_or_404::<dealer::Entity, _>(&txn, id).await?;
    ensure_code_free(&txn, changes.code.as_ref(), Some(id)).await?;
    let after =
        update_versioned::<dealer::Entity, _, _>(&txn, &before, expected_version, changes, id).await?;
    audit::record(&txn, Some(actor), AuditEntry::changed("dealer.update", "dealer", id, &before, &after))
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// One dealer; a dealer user sees only its own.
pub async fn get_dealer(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<dealer::Model> {
    actor.require_staff_or_dealer()?;
    if !actor.can_see_dealer_record(Some(id)) {
        return Err(ServiceError::not_found("dealer", id));
    }
    find_or_404::<dealer::Entity, _>(db, id).await
}

pub async fn list_dealers(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: DealerFilter,
    page: PageRequest,
) -> ServiceResult<Page<dealer::Model>> {
    actor.require_staff_or_dealer()?;
    let mut select = dealer::Entity::find();
    if let Some(own) = actor.dealer_scope() {
        select = select.filter(dealer::Column::Id.eq(own));
    }
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(text_search::contains(dealer::Column::Name, search));
    }
    if let Some(region) = filter.region {
        select = select.filter(dealer::Column::Region.eq(region));
    }
    paginate(db, select, &Sort::by_id("dealers", dealer::Column::Id), &page).await
}
