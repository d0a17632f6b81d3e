//! The `old_parts` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{Disposition, OldPartStatus};

/// A replaced part that must be returned or disposed of (旧件).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "old_parts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub ticket_id: i64,
    pub repair_part_id: Option<i64>,
    /// Approval number (审批号).
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub approval_number: String,
    pub unit_id: i64,
    pub part_id: i64,
    pub quantity: i32,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub unit_price: Decimal,
    #[sea_orm(column_type = "Decimal(Some((14, 2)))")]
    pub total: Decimal,
    /// The applicant (申请人).
    pub engineer_id: i64,
    /// Region (区域).
    pub region: String,
    pub dealer_id: Option<i64>,
    /// What is wrong with the old part (旧件问题).
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// Whether the old part must come back to the company (旧件是否需回司).
    pub must_return: bool,
    /// Application date (申请日期).
    pub applied_on: Date,
    /// Repair completion date (完工日期).
    pub completed_on: Date,
    /// Required return date (要求交期).
    pub due_on: Date,
    /// Reply date (回复日期).
    pub replied_on: Option<Date>,
    pub promised_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub delay_reason: Option<String>,
    pub delay_reason_accepted: bool,
    /// Collection date (回收日期).
    pub collected_on: Option<Date>,
    /// Date shipped back to the company (返司日期).
    pub shipped_on: Option<Date>,
    pub received_on: Option<Date>,
    pub status: OldPartStatus,
    pub disposition: Option<Disposition>,
    #[sea_orm(column_type = "Text")]
    pub disposition_reason: Option<String>,
    /// Remarks (备注).
    #[sea_orm(column_type = "Text")]
    pub remarks: Option<String>,
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
        belongs_to = "super::repair_part::Entity",
        from = "Column::RepairPartId",
        to = "super::repair_part::Column::Id",
        on_delete = "Restrict"
    )]
    RepairPart,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
    #[sea_orm(
        belongs_to = "super::part::Entity",
        from = "Column::PartId",
        to = "super::part::Column::Id",
        on_delete = "Restrict"
    )]
    Part,
    #[sea_orm(
        belongs_to = "super::engineer::Entity",
        from = "Column::EngineerId",
        to = "super::engineer::Column::UserId",
        on_delete = "Restrict"
    )]
    Engineer,
    #[sea_orm(
        belongs_to = "super::dealer::Entity",
        from = "Column::DealerId",
        to = "super::dealer::Column::Id",
        on_delete = "Restrict"
    )]
    Dealer,
    #[sea_orm(has_one = "super::responsibility_determination::Entity")]
    ResponsibilityDetermination,
}

impl Related<super::ticket::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Ticket.def()
    }
}

impl Related<super::repair_part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RepairPart.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Part.def()
    }
}

impl Related<super::engineer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Engineer.def()
    }
}

impl Related<super::dealer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Dealer.def()
    }
}

impl Related<super::responsibility_determination::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ResponsibilityDetermination.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
