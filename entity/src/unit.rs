//! The `units` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A sold machine, identified by its serial number.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub serial_number: String,
    pub product_model_id: i64,
    pub production_date: Date,
    pub invoice_date: Option<Date>,
    pub customer_id: Option<i64>,
    pub dealer_id: Option<i64>,
    /// Overrides the product model's policy.
    pub warranty_policy_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::product_model::Entity",
        from = "Column::ProductModelId",
        to = "super::product_model::Column::Id",
        on_delete = "Restrict"
    )]
    ProductModel,
    #[sea_orm(
        belongs_to = "super::customer::Entity",
        from = "Column::CustomerId",
        to = "super::customer::Column::Id",
        on_delete = "Restrict"
    )]
    Customer,
    #[sea_orm(
        belongs_to = "super::dealer::Entity",
        from = "Column::DealerId",
        to = "super::dealer::Column::Id",
        on_delete = "Restrict"
    )]
    Dealer,
    #[sea_orm(
        belongs_to = "super::warranty_policy::Entity",
        from = "Column::WarrantyPolicyId",
        to = "super::warranty_policy::Column::Id",
        on_delete = "Restrict"
    )]
    WarrantyPolicy,
    #[sea_orm(has_many = "super::service_contract::Entity")]
    ServiceContract,
}

impl Related<super::product_model::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProductModel.def()
    }
}

impl Related<super::customer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customer.def()
    }
}

impl Related<super::dealer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Dealer.def()
    }
}

impl Related<super::warranty_policy::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::WarrantyPolicy.def()
    }
}

impl Related<super::service_contract::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceContract.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
