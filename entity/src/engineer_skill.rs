//! The `engineer_skills` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::FaultCategory;

/// A fault category an engineer can handle.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "engineer_skills")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub engineer_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill: FaultCategory,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::engineer::Entity",
        from = "Column::EngineerId",
        to = "super::engineer::Column::UserId",
        on_delete = "Cascade"
    )]
    Engineer,
}

impl Related<super::engineer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Engineer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
