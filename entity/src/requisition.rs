//! The `requisitions` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::RequisitionStatus;

/// An engineer's request for parts from a warehouse, for a ticket.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "requisitions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub engineer_id: i64,
    pub warehouse_id: i64,
    pub status: RequisitionStatus,
    pub approved_by: Option<i64>,
    pub approved_at: Option<DateTimeUtc>,
    pub issued_by: Option<i64>,
    pub issued_at: Option<DateTimeUtc>,
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
    #[sea_orm(
        belongs_to = "super::warehouse::Entity",
        from = "Column::WarehouseId",
        to = "super::warehouse::Column::Id",
        on_delete = "Restrict"
    )]
    Warehouse,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::ApprovedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    ApprovedBy,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::IssuedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    IssuedBy,
    #[sea_orm(has_many = "super::requisition_line::Entity")]
    RequisitionLine,
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

impl Related<super::warehouse::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Warehouse.def()
    }
}

impl Related<super::requisition_line::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RequisitionLine.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
