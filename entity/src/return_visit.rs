//! The `return_visits` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{VisitChannel, VisitKind};

/// A call back to a customer after a repair, after guidance, or for care.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "return_visits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub customer_id: i64,
    pub kind: VisitKind,
    pub due_at: DateTimeUtc,
    pub agent_id: Option<i64>,
    pub channel: Option<VisitChannel>,
    pub satisfaction: Option<i16>,
    pub solved: Option<bool>,
    #[sea_orm(column_type = "Text")]
    pub comments: Option<String>,
    pub visited_at: Option<DateTimeUtc>,
    pub visited_by: Option<i64>,
    /// `COMPLAINT` or `REWORK` when the visit led to one.
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub follow_up: Option<String>,
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
        from = "Column::AgentId",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    Agent,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::VisitedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    VisitedBy,
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
