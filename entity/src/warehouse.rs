//! The `warehouses` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A warehouse holding stock: the head office or a regional one.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "warehouses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    pub name: String,
    /// Province.
    pub region: String,
    pub head_office: bool,
    pub keeper_user_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::KeeperUserId",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    KeeperUser,
    #[sea_orm(has_many = "super::stock_level::Entity")]
    StockLevel,
    #[sea_orm(has_many = "super::stocktake::Entity")]
    Stocktake,
}

impl Related<super::stock_level::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StockLevel.def()
    }
}

impl Related<super::stocktake::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Stocktake.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
