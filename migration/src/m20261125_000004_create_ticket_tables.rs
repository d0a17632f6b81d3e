//! Tickets: numbering, tickets and their events, dispatch rotation, quotes, repair records, dealer chargebacks.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns::*;
use crate::constraints::*;
use crate::m20261125_000001_create_identity_tables::{Dealers, Engineers, Users};
use crate::m20261125_000002_create_master_data_tables::{
    Customers, ServiceContracts, Units, WarrantyPolicies,
};
use crate::m20261125_000003_create_part_tables::Parts;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TicketSequences::Table)
                    .col(integer(TicketSequences::Year).primary_key())
                    .col(big_integer(TicketSequences::LastValue))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Tickets::Table)
                    .col(big_pk_auto(Tickets::Id))
                    .col(string_len(Tickets::Number, 32))
                    .col(enum_value(Tickets::Channel))
                    .col(big_integer(Tickets::CustomerId))
                    .col(big_integer(Tickets::UnitId))
                    .col(big_integer_null(Tickets::DealerId))
                    .col(text(Tickets::FaultDescription))
                    .col(enum_value(Tickets::FaultCategory))
                    .col(enum_value(Tickets::Severity))
                    .col(string_null(Tickets::ContactName))
                    .col(string_null(Tickets::ContactPhone))
                    .col(string_null(Tickets::ContactEmail))
                    .col(enum_value(Tickets::Status))
                    .col(enum_value_null(Tickets::ServiceType))
                    .col(enum_value_null(Tickets::Exclusion))
                    .col(big_integer_null(Tickets::WarrantyPolicyId))
                    .col(big_integer_null(Tickets::ServiceContractId))
                    .col(text_null(Tickets::EntitlementNote))
                    .col(big_integer_null(Tickets::EngineerId))
                    .col(timestamp_with_time_zone_null(Tickets::AppointmentAt))
                    .col(timestamp_with_time_zone(Tickets::ReportedAt))
                    .col(timestamp_with_time_zone(Tickets::ReplyDueAt))
                    .col(timestamp_with_time_zone_null(Tickets::RepliedAt))
                    .col(timestamp_with_time_zone(Tickets::ArrivalDueAt))
                    .col(timestamp_with_time_zone_null(Tickets::ArrivedAt))
                    .col(timestamp_with_time_zone_null(Tickets::RepairedAt))
                    .col(timestamp_with_time_zone_null(Tickets::CustomerAcceptedAt))
                    .col(timestamp_with_time_zone_null(Tickets::ClosedAt))
                    .col(integer(Tickets::ReworkCount).default(0))
                    .col(big_integer_null(Tickets::RepeatOfTicketId))
                    .col(string_null(Tickets::ReturnSlipNumber))
                    .col(big_integer_null(Tickets::CreatedBy))
                    .col(timestamp_with_time_zone(Tickets::CreatedAt))
                    .col(timestamp_with_time_zone(Tickets::UpdatedAt))
                    .col(version(Tickets::Version))
                    .foreign_key(&mut fk(
                        Tickets::Table,
                        Tickets::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .foreign_key(&mut fk(Tickets::Table, Tickets::UnitId, Units::Table, Units::Id))
                    .foreign_key(&mut fk(Tickets::Table, Tickets::DealerId, Dealers::Table, Dealers::Id))
                    .foreign_key(&mut fk(
                        Tickets::Table,
                        Tickets::WarrantyPolicyId,
                        WarrantyPolicies::Table,
                        WarrantyPolicies::Id,
                    ))
                    .foreign_key(&mut fk(
                        Tickets::Table,
                        Tickets::ServiceContractId,
                        ServiceContracts::Table,
                        ServiceContracts::Id,
                    ))
                    .foreign_key(&mut fk(
                        Tickets::Table,
                        Tickets::EngineerId,
                        Engineers::Table,
                        Engineers::UserId,
                    ))
                    .foreign_key(&mut fk(
                        Tickets::Table,
                        Tickets::RepeatOfTicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(Tickets::Table, Tickets::CreatedBy, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Tickets::Table, [Tickets::Number])).await?;

        manager.create_index(index(Tickets::Table, [Tickets::Status])).await?;

        manager.create_index(index(Tickets::Table, [Tickets::CustomerId])).await?;

        manager.create_index(index(Tickets::Table, [Tickets::UnitId, Tickets::ReportedAt])).await?;

        manager.create_index(index(Tickets::Table, [Tickets::EngineerId, Tickets::Status])).await?;

        manager.create_index(index(Tickets::Table, [Tickets::DealerId])).await?;

        manager.create_index(index(Tickets::Table, [Tickets::ReportedAt])).await?;

        manager
            .create_table(
                Table::create()
                    .table(TicketEvents::Table)
                    .col(big_pk_auto(TicketEvents::Id))
                    .col(big_integer(TicketEvents::TicketId))
                    .col(enum_value_null(TicketEvents::FromStatus))
                    .col(enum_value(TicketEvents::ToStatus))
                    .col(big_integer_null(TicketEvents::ActorUserId))
                    .col(text_null(TicketEvents::Reason))
                    .col(json_binary_null(TicketEvents::Data))
                    .col(timestamp_with_time_zone(TicketEvents::CreatedAt))
                    .foreign_key(&mut fk_cascade(
                        TicketEvents::Table,
                        TicketEvents::TicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(
                        TicketEvents::Table,
                        TicketEvents::ActorUserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(index(TicketEvents::Table, [TicketEvents::TicketId, TicketEvents::CreatedAt]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DispatchRotations::Table)
                    .col(enum_value(DispatchRotations::Skill).primary_key())
                    .col(big_integer_null(DispatchRotations::LastEngineerId))
                    .col(timestamp_with_time_zone(DispatchRotations::UpdatedAt))
                    .col(version(DispatchRotations::Version))
                    .foreign_key(&mut fk(
                        DispatchRotations::Table,
                        DispatchRotations::LastEngineerId,
                        Engineers::Table,
                        Engineers::UserId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Quotes::Table)
                    .col(big_pk_auto(Quotes::Id))
                    .col(big_integer(Quotes::TicketId))
                    .col(amount(Quotes::PartsAmount))
                    .col(hours(Quotes::LabourHours))
                    .col(rate(Quotes::LabourRate))
                    .col(amount(Quotes::LabourAmount))
                    .col(amount(Quotes::TravelAmount))
                    .col(amount(Quotes::StandardTotal))
                    .col(percent(Quotes::DiscountPercent))
                    .col(amount(Quotes::Total))
                    .col(enum_value(Quotes::Status))
                    .col(big_integer_null(Quotes::ApprovedBy))
                    .col(timestamp_with_time_zone_null(Quotes::ApprovedAt))
                    .col(timestamp_with_time_zone_null(Quotes::CustomerAcceptedAt))
                    .col(big_integer_null(Quotes::CreatedBy))
                    .col(timestamp_with_time_zone(Quotes::CreatedAt))
                    .col(timestamp_with_time_zone(Quotes::UpdatedAt))
                    .col(version(Quotes::Version))
                    .foreign_key(&mut fk(Quotes::Table, Quotes::TicketId, Tickets::Table, Tickets::Id))
                    .foreign_key(&mut fk(Quotes::Table, Quotes::ApprovedBy, Users::Table, Users::Id))
                    .foreign_key(&mut fk(Quotes::Table, Quotes::CreatedBy, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(Quotes::Table, [Quotes::TicketId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(QuoteLines::Table)
                    .col(big_pk_auto(QuoteLines::Id))
                    .col(big_integer(QuoteLines::QuoteId))
                    .col(big_integer(QuoteLines::PartId))
                    .col(integer(QuoteLines::Quantity))
                    .col(amount(QuoteLines::UnitPrice))
                    .col(amount(QuoteLines::Amount))
                    .foreign_key(&mut fk_cascade(
                        QuoteLines::Table,
                        QuoteLines::QuoteId,
                        Quotes::Table,
                        Quotes::Id,
                    ))
                    .foreign_key(&mut fk(QuoteLines::Table, QuoteLines::PartId, Parts::Table, Parts::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(QuoteLines::Table, [QuoteLines::QuoteId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(RepairRecords::Table)
                    .col(big_pk_auto(RepairRecords::Id))
                    .col(big_integer(RepairRecords::TicketId))
                    .col(big_integer(RepairRecords::EngineerId))
                    .col(timestamp_with_time_zone(RepairRecords::ArrivedAt))
                    .col(string_len(RepairRecords::FaultCause, 128))
                    .col(text(RepairRecords::Measures))
                    .col(hours(RepairRecords::LabourHours))
                    .col(timestamp_with_time_zone(RepairRecords::CompletedAt))
                    .col(string_null(RepairRecords::CustomerSignedName))
                    .col(timestamp_with_time_zone_null(RepairRecords::CustomerSignedAt))
                    .col(timestamp_with_time_zone(RepairRecords::CreatedAt))
                    .col(timestamp_with_time_zone(RepairRecords::UpdatedAt))
                    .col(version(RepairRecords::Version))
                    .foreign_key(&mut fk(
                        RepairRecords::Table,
                        RepairRecords::TicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(
                        RepairRecords::Table,
                        RepairRecords::EngineerId,
                        Engineers::Table,
                        Engineers::UserId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(RepairRecords::Table, [RepairRecords::TicketId])).await?;

        manager
            .create_index(index(
                RepairRecords::Table,
                [RepairRecords::FaultCause, RepairRecords::CompletedAt],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RepairParts::Table)
                    .col(big_pk_auto(RepairParts::Id))
                    .col(big_integer(RepairParts::RepairRecordId))
                    .col(big_integer(RepairParts::PartId))
                    .col(integer(RepairParts::Quantity))
                    .col(amount(RepairParts::UnitPrice))
                    .foreign_key(&mut fk_cascade(
                        RepairParts::Table,
                        RepairParts::RepairRecordId,
                        RepairRecords::Table,
                        RepairRecords::Id,
                    ))
                    .foreign_key(&mut fk(RepairParts::Table, RepairParts::PartId, Parts::Table, Parts::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(RepairParts::Table, [RepairParts::RepairRecordId])).await?;

        manager.create_index(index(RepairParts::Table, [RepairParts::PartId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(DealerChargebacks::Table)
                    .col(big_pk_auto(DealerChargebacks::Id))
                    .col(big_integer(DealerChargebacks::TicketId))
                    .col(big_integer(DealerChargebacks::DealerId))
                    .col(amount(DealerChargebacks::Amount))
                    .col(enum_value(DealerChargebacks::Status))
                    .col(timestamp_with_time_zone_null(DealerChargebacks::NotifiedAt))
                    .col(timestamp_with_time_zone_null(DealerChargebacks::ChargedAt))
                    .col(timestamp_with_time_zone(DealerChargebacks::CreatedAt))
                    .col(timestamp_with_time_zone(DealerChargebacks::UpdatedAt))
                    .foreign_key(&mut fk(
                        DealerChargebacks::Table,
                        DealerChargebacks::TicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(
                        DealerChargebacks::Table,
                        DealerChargebacks::DealerId,
                        Dealers::Table,
                        Dealers::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(DealerChargebacks::Table, [DealerChargebacks::TicketId])).await?;

        manager.create_index(index(DealerChargebacks::Table, [DealerChargebacks::DealerId])).await?;

        Ok(())
    }

    /// Drops the tables in reverse order of creation, so no foreign key dangles.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                DealerChargebacks::Table.into_iden(),
                RepairParts::Table.into_iden(),
                RepairRecords::Table.into_iden(),
                QuoteLines::Table.into_iden(),
                Quotes::Table.into_iden(),
                DispatchRotations::Table.into_iden(),
                TicketEvents::Table.into_iden(),
                Tickets::Table.into_iden(),
                TicketSequences::Table.into_iden(),
            ],
        )
        .await
    }

    /// All or nothing on SQLite too (PostgreSQL wraps migrations in a transaction anyway).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub(crate) enum TicketSequences {
    Table,
    Year,
    LastValue,
}

#[derive(DeriveIden)]
pub(crate) enum Tickets {
    Table,
    Id,
    Number,
    Channel,
    CustomerId,
    UnitId,
    DealerId,
    FaultDescription,
    FaultCategory,
    Severity,
    ContactName,
    ContactPhone,
    ContactEmail,
    Status,
    ServiceType,
    Exclusion,
    WarrantyPolicyId,
    ServiceContractId,
    EntitlementNote,
    EngineerId,
    AppointmentAt,
    ReportedAt,
    ReplyDueAt,
    RepliedAt,
    ArrivalDueAt,
    ArrivedAt,
    RepairedAt,
    CustomerAcceptedAt,
    ClosedAt,
    ReworkCount,
    RepeatOfTicketId,
    ReturnSlipNumber,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum TicketEvents {
    Table,
    Id,
    TicketId,
    FromStatus,
    ToStatus,
    ActorUserId,
    Reason,
    Data,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum DispatchRotations {
    Table,
    Skill,
    LastEngineerId,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum Quotes {
    Table,
    Id,
    TicketId,
    PartsAmount,
    LabourHours,
    LabourRate,
    LabourAmount,
    TravelAmount,
    StandardTotal,
    DiscountPercent,
    Total,
    Status,
    ApprovedBy,
    ApprovedAt,
    CustomerAcceptedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum QuoteLines {
    Table,
    Id,
    QuoteId,
    PartId,
    Quantity,
    UnitPrice,
    Amount,
}

#[derive(DeriveIden)]
pub(crate) enum RepairRecords {
    Table,
    Id,
    TicketId,
    EngineerId,
    ArrivedAt,
    FaultCause,
    Measures,
    LabourHours,
    CompletedAt,
    CustomerSignedName,
    CustomerSignedAt,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum RepairParts {
    Table,
    Id,
    RepairRecordId,
    PartId,
    Quantity,
    UnitPrice,
}

#[derive(DeriveIden)]
pub(crate) enum DealerChargebacks {
    Table,
    Id,
    TicketId,
    DealerId,
    Amount,
    Status,
    NotifiedAt,
    ChargedAt,
    CreatedAt,
    UpdatedAt,
}
