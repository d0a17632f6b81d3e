//! The `service_tariffs` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Labour and travel rates, effective from a day until the next tariff.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service_tariffs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Per labour hour.
    #[sea_orm(column_type = "Decimal(Some((12, 3)))")]
    pub labour_rate: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 3)))")]
    pub travel_rate_per_km: Decimal,
    #[sea_orm(unique)]
    pub effective_from: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
