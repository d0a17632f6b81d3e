//! The `holidays` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A public holiday, or a weekend day declared a working day (调休), for working-day deadlines.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "holidays")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub day: Date,
    pub name: String,
    /// True for a weekend day declared a working day (调休).
    pub working_day: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
