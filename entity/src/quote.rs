//! The `quotes` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::QuoteStatus;

/// A repair quote for a paid service.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "quotes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub parts_amount: Decimal,
    #[sea_orm(column_type = "Decimal(Some((8, 2)))")]
    pub labour_hours: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 3)))")]
    pub labour_rate: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub labour_amount: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub travel_amount: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub standard_total: Decimal,
    #[sea_orm(column_type = "Decimal(Some((6, 2)))")]
    pub discount_percent: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub total: Decimal,
    pub status: QuoteStatus,
    pub approved_by: Option<i64>,
    pub approved_at: Option<DateTimeUtc>,
    pub customer_accepted_at: Option<DateTimeUtc>,
    /// The approver's note on approving or refusing.
    pub decision_note: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::ticket::Entity",
        from = "Column::TicketId",
        to = "super::ticket::Column::Id",
        on_delete = "Restrict"
    )]
    Ticket,
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
    #[sea_orm(has_many = "super::quote_line::Entity")]
    QuoteLine,
}

impl Related<super::ticket::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Ticket.def()
    }
}

impl Related<super::quote_line::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::QuoteLine.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
