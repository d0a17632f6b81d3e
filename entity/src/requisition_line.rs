//! The `requisition_lines` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A part asked for on a requisition, and how many were issued and returned.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "requisition_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub requisition_id: i64,
    pub part_id: i64,
    pub quantity_requested: i32,
    pub quantity_issued: i32,
    pub quantity_returned: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::requisition::Entity",
        from = "Column::RequisitionId",
        to = "super::requisition::Column::Id",
        on_delete = "Cascade"
    )]
    Requisition,
    #[sea_orm(
        belongs_to = "super::part::Entity",
        from = "Column::PartId",
        to = "super::part::Column::Id",
        on_delete = "Restrict"
    )]
    Part,
}

impl Related<super::requisition::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Requisition.def()
    }
}

impl Related<super::part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Part.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
