//! The `quote_lines` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A part priced on a quote.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "quote_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub quote_id: i64,
    pub part_id: i64,
    pub quantity: i32,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub unit_price: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub amount: Decimal,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::quote::Entity",
        from = "Column::QuoteId",
        to = "super::quote::Column::Id",
        on_delete = "Cascade"
    )]
    Quote,
    #[sea_orm(
        belongs_to = "super::part::Entity",
        from = "Column::PartId",
        to = "super::part::Column::Id",
        on_delete = "Restrict"
    )]
    Part,
}

impl Related<super::quote::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Quote.def()
    }
}

impl Related<super::part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Part.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
