//! The `dealer_chargebacks` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::ChargebackStatus;

/// A charge to a dealer for a ticket's service.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "dealer_chargebacks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub ticket_id: i64,
    pub dealer_id: i64,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub amount: Decimal,
    pub status: ChargebackStatus,
    pub notified_at: Option<DateTimeUtc>,
    pub charged_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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
        belongs_to = "super::dealer::Entity",
        from = "Column::DealerId",
        to = "super::dealer::Column::Id",
        on_delete = "Restrict"
    )]
    Dealer,
}

impl Related<super::ticket::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Ticket.def()
    }
}

impl Related<super::dealer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Dealer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
