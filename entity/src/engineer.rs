//! The `engineers` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A service engineer: the engineer profile of a user.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "engineers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// Province the engineer works in.
    pub region: String,
    pub available: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id",
        on_delete = "Cascade"
    )]
    User,
    #[sea_orm(has_many = "super::engineer_skill::Entity")]
    EngineerSkill,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::engineer_skill::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EngineerSkill.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
