//! The `local_sale_quotes` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A buyer's price offered for a local sale lot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "local_sale_quotes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub local_sale_id: i64,
    pub buyer_name: String,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub price: Decimal,
    pub quoted_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::local_sale::Entity",
        from = "Column::LocalSaleId",
        to = "super::local_sale::Column::Id",
        on_delete = "Cascade"
    )]
    LocalSale,
}

impl Related<super::local_sale::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LocalSale.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
