//! The `repair_records` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What an engineer did on site for a ticket.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "repair_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub engineer_id: i64,
    pub arrived_at: DateTimeUtc,
    /// The failure cause, used by the recurrence report.
    #[sea_orm(column_type = "String(StringLen::N(128))")]
    pub fault_cause: String,
    #[sea_orm(column_type = "Text")]
    pub measures: String,
    #[sea_orm(column_type = "Decimal(Some((8, 2)))")]
    pub labour_hours: Decimal,
    pub completed_at: DateTimeUtc,
    pub customer_signed_name: Option<String>,
    pub customer_signed_at: Option<DateTimeUtc>,
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
        belongs_to = "super::engineer::Entity",
        from = "Column::EngineerId",
        to = "super::engineer::Column::UserId",
        on_delete = "Restrict"
    )]
    Engineer,
    #[sea_orm(has_many = "super::repair_part::Entity")]
    RepairPart,
}

impl Related<super::ticket::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Ticket.def()
    }
}

impl Related<super::engineer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Engineer.def()
    }
}

impl Related<super::repair_part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RepairPart.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
