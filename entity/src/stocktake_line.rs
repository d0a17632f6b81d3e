//! The `stocktake_lines` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One counted part in a stocktake.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "stocktake_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub stocktake_id: i64,
    pub part_id: i64,
    pub book_quantity: i32,
    pub counted_quantity: i32,
    pub difference: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::stocktake::Entity",
        from = "Column::StocktakeId",
        to = "super::stocktake::Column::Id",
        on_delete = "Cascade"
    )]
    Stocktake,
    #[sea_orm(
        belongs_to = "super::part::Entity",
        from = "Column::PartId",
        to = "super::part::Column::Id",
        on_delete = "Restrict"
    )]
    Part,
}

impl Related<super::stocktake::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Stocktake.def()
    }
}

impl Related<super::part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Part.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
