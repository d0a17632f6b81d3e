//! The `customers` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A customer who owns units.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub province: String,
    /// Distance from the service base, for travel charges and deadlines.
    pub distance_km: i32,
    pub key_customer: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::unit::Entity")]
    Unit,
    #[sea_orm(has_many = "super::care_schedule::Entity")]
    CareSchedule,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::care_schedule::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CareSchedule.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
