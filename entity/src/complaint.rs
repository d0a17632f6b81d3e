//! The `complaints` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ComplaintCategory, ComplaintStatus, Role, Severity};

/// A customer complaint, routed to a role and answered.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub number: String,
    pub ticket_id: Option<i64>,
    pub customer_id: i64,
    pub category: ComplaintCategory,
    pub severity: Severity,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub received_at: DateTimeUtc,
    pub route_due_at: Option<DateTimeUtc>,
    pub routed_to_role: Option<Role>,
    pub routed_at: Option<DateTimeUtc>,
    pub handler_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub handling: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub answer: Option<String>,
    pub attributable_to_service: bool,
    pub status: ComplaintStatus,
    pub closed_at: Option<DateTimeUtc>,
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
        belongs_to = "super::customer::Entity",
        from = "Column::CustomerId",
        to = "super::customer::Column::Id",
        on_delete = "Restrict"
    )]
    Customer,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::HandlerId",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    Handler,
}

impl Related<super::ticket::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Ticket.def()
    }
}

impl Related<super::customer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
