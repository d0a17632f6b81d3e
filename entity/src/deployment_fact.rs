//! The `deployment_facts` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One fact about the deployment this database belongs to (the key
/// `environment`: `production` once a production server ran on it).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "deployment_facts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub value: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
