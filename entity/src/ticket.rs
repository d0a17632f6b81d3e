//! The `tickets` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{Channel, Exclusion, FaultCategory, ServiceType, Severity, TicketStatus};

/// A service ticket: a reported fault on a unit, from intake to close.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub number: String,
    pub channel: Channel,
    pub customer_id: i64,
    pub unit_id: i64,
    /// Copied from the unit, for access checks.
    pub dealer_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub fault_description: String,
    pub fault_category: FaultCategory,
    pub severity: Severity,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub status: TicketStatus,
    pub service_type: Option<ServiceType>,
    pub exclusion: Option<Exclusion>,
    pub warranty_policy_id: Option<i64>,
    pub service_contract_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub entitlement_note: Option<String>,
    pub engineer_id: Option<i64>,
    pub appointment_at: Option<DateTimeUtc>,
    pub reported_at: DateTimeUtc,
    pub reply_due_at: DateTimeUtc,
    pub replied_at: Option<DateTimeUtc>,
    pub arrival_due_at: DateTimeUtc,
    pub arrived_at: Option<DateTimeUtc>,
    pub repaired_at: Option<DateTimeUtc>,
    pub customer_accepted_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub rework_count: i32,
    /// Someone was hurt: the incident is major whatever its size.
    pub personal_injury: bool,
    pub repeat_of_ticket_id: Option<i64>,
    pub return_slip_number: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::customer::Entity",
        from = "Column::CustomerId",
        to = "super::customer::Column::Id",
        on_delete = "Restrict"
    )]
    Customer,
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id",
        on_delete = "Restrict"
    )]
    Unit,
    #[sea_orm(
        belongs_to = "super::dealer::Entity",
        from = "Column::DealerId",
        to = "super::dealer::Column::Id",
        on_delete = "Restrict"
    )]
    Dealer,
    #[sea_orm(
        belongs_to = "super::warranty_policy::Entity",
        from = "Column::WarrantyPolicyId",
        to = "super::warranty_policy::Column::Id",
        on_delete = "Restrict"
    )]
    WarrantyPolicy,
    #[sea_orm(
        belongs_to = "super::service_contract::Entity",
        from = "Column::ServiceContractId",
        to = "super::service_contract::Column::Id",
        on_delete = "Restrict"
    )]
    ServiceContract,
    #[sea_orm(
        belongs_to = "super::engineer::Entity",
        from = "Column::EngineerId",
        to = "super::engineer::Column::UserId",
        on_delete = "Restrict"
    )]
    Engineer,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::RepeatOfTicketId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    RepeatOfTicket,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::CreatedBy",
        to = "super::user::Column::Id",
        on_delete = "Restrict"
    )]
    CreatedBy,
    #[sea_orm(has_many = "super::ticket_event::Entity")]
    TicketEvent,
    #[sea_orm(has_many = "super::quote::Entity")]
    Quote,
    #[sea_orm(has_many = "super::repair_record::Entity")]
    RepairRecord,
    #[sea_orm(has_many = "super::requisition::Entity")]
    Requisition,
    #[sea_orm(has_many = "super::old_part::Entity")]
    OldPart,
    #[sea_orm(has_one = "super::dealer_chargeback::Entity")]
    DealerChargeback,
}

impl Related<super::customer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Customer.def()
    }
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl Related<super::dealer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Dealer.def()
    }
}

impl Related<super::warranty_policy::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::WarrantyPolicy.def()
    }
}

impl Related<super::service_contract::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ServiceContract.def()
    }
}

impl Related<super::engineer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Engineer.def()
    }
}

impl Related<super::ticket_event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TicketEvent.def()
    }
}

impl Related<super::quote::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Quote.def()
    }
}

impl Related<super::repair_record::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RepairRecord.def()
    }
}

impl Related<super::requisition::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Requisition.def()
    }
}

impl Related<super::old_part::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OldPart.def()
    }
}

impl Related<super::dealer_chargeback::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DealerChargeback.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
