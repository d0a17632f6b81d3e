//! The `repair_parts` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A part used in a repair.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "repair_parts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub repair_record_id: i64,
    pub part_id: i64,
    pub quantity: i32,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub unit_price: Decimal,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::repair_record::Entity",
        from = "Column::RepairRecordId",
        to = "super::repair_record::Column::Id",
        on_delete = "Cascade"
    )]
    RepairRecord,
    #[sea_orm(
        belongs_to = "super::part::Entity",
        from = "Column::PartId",
        to = "super::part::Column::Id",
        on_delete = "Restrict"
    )]
    Part,
}

impl Related<super::repair_record::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RepairRecord.def()
    }
}

impl Related<super::part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Part.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
