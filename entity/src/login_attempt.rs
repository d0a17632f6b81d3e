//! The `login_attempts` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Sign-in attempts counted under one throttle key in the window ending at
/// `window_ends_ms` (milliseconds since the Unix epoch).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub attempts: i32,
    pub window_ends_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
