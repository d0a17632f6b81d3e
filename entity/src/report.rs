//! The `reports` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A generated report: its parameters, data, and rendered XLSX and chart.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub kind: String,
    #[sea_orm(column_type = "String(StringLen::N(16))")]
    pub period: String,
    #[sea_orm(column_type = "JsonBinary")]
    pub parameters: Json,
    #[sea_orm(column_type = "JsonBinary")]
    pub data: Json,
    #[sea_orm(column_type = "Blob")]
    pub xlsx: Option<Vec<u8>>,
    /// The chart as an SVG document.
    #[sea_orm(column_type = "Blob")]
    pub chart_svg: Option<Vec<u8>>,
    pub generated_at: DateTimeUtc,
    pub generated_by: Option<i64>,
    /// `KIND:period` for a report the scheduler made: one per period.
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub scheduled_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::GeneratedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    GeneratedBy,
}

impl ActiveModelBehavior for ActiveModel {}
