//! The `fault_causes` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::FaultCategory;

/// A failure cause of the catalogue (故障原因) that repair records name and
/// the recurrence report groups by.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "fault_causes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    pub name: String,
    pub fault_category: FaultCategory,
    /// Retired causes stay for history but are not offered any more.
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
