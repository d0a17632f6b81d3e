//! The `product_models` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A product model (machine type) that units are built as.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "product_models")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    pub name: String,
    pub category: String,
    pub default_warranty_months: i32,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub sale_price: Decimal,
    pub warranty_policy_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::warranty_policy::Entity",
        from = "Column::WarrantyPolicyId",
        to = "super::warranty_policy::Column::Id",
        on_delete = "Restrict"
    )]
    WarrantyPolicy,
    #[sea_orm(has_many = "super::unit::Entity")]
    Unit,
}

impl Related<super::warranty_policy::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::WarrantyPolicy.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
