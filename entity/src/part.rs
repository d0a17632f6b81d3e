//! The `parts` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::PartCategory;

/// A spare part in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "parts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub part_number: String,
    pub name: String,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub unit_price: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 3)))")]
    pub weight_kg: Decimal,
    pub category: PartCategory,
    pub critical: bool,
    pub imported: bool,
    pub valuable: bool,
    /// Most that one requisition may ask for, for valuable parts.
    pub valuable_limit: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::stock_level::Entity")]
    StockLevel,
}

impl Related<super::stock_level::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StockLevel.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
