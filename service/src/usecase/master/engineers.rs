//! Field engineers (服务工程师): home region, skills and availability, which
//! dispatch reads.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use entity::enums::FaultCategory;
use entity::{engineer, engineer_skill, ticket, user};

use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::dispatch::{dispatchable_engineer, keeps_engineer_busy_condition};
use crate::rules::validate;

/// An engineer with the user's name and the skills.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EngineerProfile {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub phone: Option<String>,
    pub region: String,
    /// On duty (not on leave); available for dispatch only when not busy too.
    pub on_duty: bool,
    pub skills: BTreeSet<FaultCategory>,
    pub version: i32,
}

#[derive(Debug, Clone, Default)]
pub struct EngineerFilter {
    pub skill: Option<FaultCategory>,
    pub region: Option<String>,
    /// Only those dispatch could take now (on duty, not out on a job), or
    /// only those it could not.
    pub available: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct EngineerUpdate {
    pub region: String,
    pub skills: Vec<FaultCategory>,
    pub on_duty: bool,
}

async fn profiles<C: sea_orm::ConnectionTrait>(
    db: &C,
    rows: Vec<engineer::Model>,
) -> ServiceResult<Vec<EngineerProfile>> {
    let ids: Vec<i64> = rows.iter().map(|e| e.user_id).collect();
    let users: HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut skills: HashMap<i64, BTreeSet<FaultCategory>> = HashMap::new();
    for s in
        engineer_skill::Entity::find().filter(engineer_skill::Column::EngineerId.is_in(ids)).all(db).await?
    {
        skills.entry(s.engineer_id).or_default().insert(s.skill);
    }
    Ok(rows
        .into_iter()
        .filter_map(|e| {
            let u = users.get(&e.user_id)?;
            Some(EngineerProfile {
                user_id: e.user_id,
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                phone: u.phone.clone(),
                region: e.region,
                on_duty: e.available,
                skills: skills.remove(&e.user_id).unwrap_or_default(),
                version: e.version,
            })
        })
        .collect())
}

pub async fn list_engineers(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: EngineerFilter,
    page: PageRequest,
) -> ServiceResult<Page<EngineerProfile>> {
    actor.require_any(roles::STAFF)?;
    let mut select = engineer::Entity::find();
    if let Some(skill) = filter.skill {
        select = select.filter(
            engineer::Column::UserId.in_subquery(
                Query::select()
                    .column(engineer_skill::Column::EngineerId)
                    .from(engineer_skill::Entity)
                    .and_where(engineer_skill::Column::Skill.eq(skill))
                    .to_owned(),
            ),
        );
    }
    if let Some(region) = filter.region {
        select = select.filter(engineer::Column::Region.eq(region));
    }
    if let Some(wanted) = filter.available {
        let available = available_condition();
        select = select.filter(if wanted { available } else { available.not() });
    }
    let mut page = paginate(db, select, &Sort::by_id("engineers", engineer::Column::UserId), &page).await?;
    let items = profiles(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with_items(items))
}

/// On duty and not out on a job (`rules::dispatch::keeps_engineer_busy`).
fn available_condition() -> Condition {
    Condition::all().add(engineer::Column::Available.eq(true)).add(dispatchable_engineer()).add(
        engineer::Column::UserId.not_in_subquery(
            Query::select()
                .column(ticket::Column::EngineerId)
                .from(ticket::Entity)
                .cond_where(keeps_engineer_busy_condition(ticket::Entity))
                .to_owned(),
        ),
    )
}

/// The tickets that keep each of these engineers out on a job, by
/// engineer, in ticket order.
pub async fn busy_with<C: sea_orm::ConnectionTrait>(
    db: &C,
    engineer_ids: &[i64],
) -> Result<HashMap<i64, Vec<ticket::Model>>, sea_orm::DbErr> {
    let mut busy: HashMap<i64, Vec<ticket::Model>> = HashMap::new();
    for t in ticket::Entity::find()
        .filter(keeps_engineer_busy_condition(ticket::Entity))
        .filter(ticket::Column::EngineerId.is_in(engineer_ids.iter().copied()))
        .order_by_asc(ticket::Column::Id)
        .all(db)
        .await?
    {
        if let Some(engineer) = t.engineer_id {
            busy.entry(engineer).or_default().push(t);
        }
    }
    Ok(busy)
}

/// Which of these engineers dispatch may take at all (active, with the
/// ENGINEER role), by user id.
pub async fn dispatchable<C: sea_orm::ConnectionTrait>(
    db: &C,
    engineer_ids: &[i64],
) -> Result<HashMap<i64, bool>, sea_orm::DbErr> {
    let yes: BTreeSet<i64> = engineer::Entity::find()
        .filter(dispatchable_engineer())
        .filter(engineer::Column::UserId.is_in(engineer_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.user_id)
        .collect();
    Ok(engineer_ids.iter().map(|id| (*id, yes.contains(id))).collect())
}

/// The engineer profile of a user given the ENGINEER role: home region,
/// on duty.
pub async fn create_profile<C: sea_orm::ConnectionTrait>(
    db: &C,
    user_id: i64,
    region: String,
) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    engineer::ActiveModel {
        user_id: Set(user_id),
        region: Set(region),
        available: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// One engineer (staff).
pub async fn get_engineer(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
) -> ServiceResult<EngineerProfile> {
    actor.require_any(roles::STAFF)?;
    let row = engineer::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("engineer", user_id))?;
    profiles(db, vec![row])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ServiceError::not_found("engineer", user_id))
}

/// Sets an engineer's region, skills and availability (SERVICE_MANAGER).
pub async fn update_engineer(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    expected_version: Option<i32>,
    update: EngineerUpdate,
) -> ServiceResult<EngineerProfile> {
    actor.require_any(roles::MASTER_DATA_EDITORS)?;
    let region = validate::required_text("region", &update.region, 32)?;
    let txn = begin_write(db).await?;
    let current = engineer::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("engineer", user_id))?;
    let before = profiles(&txn, vec![current.clone()]).await?;
    if let Some(expected) = expected_version
        && expected != current.version
    {
        return Err(ServiceError::Conflict(format!(
            "engineer {user_id} was changed by someone else (version {}); reload and retry",
            current.version
        )));
    }
    let result = engineer::Entity::update_many()
        .set(engineer::ActiveModel {
            region: Set(region),
            available: Set(update.on_duty),
            version: Set(current.version + 1),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .filter(engineer::Column::UserId.eq(user_id))
        .filter(engineer::Column::Version.eq(current.version))
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(ServiceError::Conflict(format!("engineer {user_id} was changed by someone else")));
    }
    engineer_skill::Entity::delete_many()
        .filter(engineer_skill::Column::EngineerId.eq(user_id))
        .exec(&txn)
        .await?;
    for skill in update.skills.iter().collect::<BTreeSet<_>>() {
        engineer_skill::ActiveModel { engineer_id: Set(user_id), skill: Set(*skill) }.insert(&txn).await?;
    }
    let updated = engineer::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("engineer", user_id))?;
    let after = profiles(&txn, vec![updated]).await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("engineer.update", "engineer", user_id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    after.into_iter().next().ok_or_else(|| ServiceError::not_found("engineer", user_id))
}
