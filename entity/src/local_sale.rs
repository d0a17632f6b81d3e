//! The `local_sales` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ApprovalLevel, LocalSaleStatus};

/// A lot of old parts sold locally (as scrap) instead of being shipped back.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "local_sales")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub lot_number: String,
    pub province: String,
    #[sea_orm(column_type = "String(StringLen::N(128))")]
    pub specification: String,
    #[sea_orm(column_type = "Decimal(Some((12, 3)))")]
    pub market_price_per_kg: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 3)))")]
    pub total_weight_kg: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub base_price: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub sale_price: Decimal,
    #[sea_orm(column_type = "Text")]
    pub below_floor_reason: Option<String>,
    pub approval_level: ApprovalLevel,
    pub status: LocalSaleStatus,
    pub approved_by: Option<i64>,
    pub approved_at: Option<DateTimeUtc>,
    /// The approver's note on approving, or why the lot was called off.
    pub decision_note: Option<String>,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub proceeds_amount: Option<Decimal>,
    /// Receipt of the proceeds (回款单).
    pub proceeds_receipt_number: Option<String>,
    pub proceeds_recorded_at: Option<DateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::ApprovedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    ApprovedBy,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::CreatedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    CreatedBy,
    #[sea_orm(has_many = "super::local_sale_item::Entity")]
    LocalSaleItem,
    #[sea_orm(has_many = "super::local_sale_quote::Entity")]
    LocalSaleQuote,
}

impl Related<super::local_sale_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LocalSaleItem.def()
    }
}

impl Related<super::local_sale_quote::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LocalSaleQuote.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
