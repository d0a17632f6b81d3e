//! The `dispatch_rotations` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::FaultCategory;

/// Round-robin dispatch state: the engineer last given a ticket of a skill.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "dispatch_rotations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill: FaultCategory,
    pub last_engineer_id: Option<i64>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::engineer::Entity",
        from = "Column::LastEngineerId",
        to = "super::engineer::Column::UserId",
        on_delete = "Restrict"
    )]
    LastEngineer,
}

impl ActiveModelBehavior for ActiveModel {}
