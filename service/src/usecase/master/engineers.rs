//! Field engineers (服务工程师): home region, skills and availability, which
//! dispatch reads.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use entity::enums::FaultCategory;
use entity::{engineer, engineer_skill, user};

use crate::audit::{self, AuditEntry};
use crate::auth::{Actor, roles};
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::validate;

/// An engineer with the user's name and the skills.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EngineerProfile {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub phone: Option<String>,
    pub region: String,
    pub available: bool,
    pub skills: BTreeSet<FaultCategory>,
    pub version: i32,
}

#[derive(Debug, Clone, Default)]
pub struct EngineerFilter {
    pub skill: Option<FaultCategory>,
    pub region: Option<String>,
    pub available: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct EngineerUpdate {
    pub region: String,
    pub skills: Vec<FaultCategory>,
    pub available: bool,
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
                available: e.available,
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
    if let Some(available) = filter.available {
        select = select.filter(engineer::Column::Available.eq(available));
    }
    let mut page = paginate(db, select, &Sort::by_id("engineers", engineer::Column::UserId), &page).await?;
    let items = profiles(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with_items(items))
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
            available: Set(update.available),
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
