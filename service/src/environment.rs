//! The environment a database belongs to, recorded in the database itself:
//! once a production server has run on it, it is a production database,
//! whatever the settings of a later process say. So `--demo` (or `seed`)
//! pointed at it by mistake from a laptop refuses instead of adding the
//! demo's accounts with their published password.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use entity::deployment_fact;

use crate::error::ServiceResult;

const ENVIRONMENT: &str = "environment";
const PRODUCTION: &str = "production";

/// Records that `db` is a production database (kept for good: nothing
/// here takes it back).
pub async fn mark_production<C: ConnectionTrait>(db: &C) -> ServiceResult<()> {
    deployment_fact::Entity::insert(deployment_fact::ActiveModel {
        key: Set(ENVIRONMENT.to_owned()),
        value: Set(PRODUCTION.to_owned()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(deployment_fact::Column::Key)
            .update_columns([deployment_fact::Column::Value, deployment_fact::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Whether a production server has run on `db`.
pub async fn is_production<C: ConnectionTrait>(db: &C) -> ServiceResult<bool> {
    let fact = deployment_fact::Entity::find_by_id(ENVIRONMENT.to_owned()).one(db).await?;
    Ok(fact.is_some_and(|f| f.value == PRODUCTION))
}
