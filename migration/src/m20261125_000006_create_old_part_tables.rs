//! Old parts: returns, responsibility determinations and local sales.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns::*;
use crate::constraints::*;
use crate::m20261125_000001_create_identity_tables::{Dealers, Engineers, Users};
use crate::m20261125_000002_create_master_data_tables::Units;
use crate::m20261125_000003_create_part_tables::Parts;
use crate::m20261125_000004_create_ticket_tables::{RepairParts, Tickets};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OldParts::Table)
                    .col(big_pk_auto(OldParts::Id))
                    .col(big_integer(OldParts::TicketId))
                    .col(big_integer_null(OldParts::RepairPartId))
                    .col(string_len(OldParts::ApprovalNumber, 32))
                    .col(big_integer(OldParts::UnitId))
                    .col(big_integer(OldParts::PartId))
                    .col(integer(OldParts::Quantity))
                    .col(amount(OldParts::UnitPrice))
                    .col(amount(OldParts::Total))
                    .col(big_integer(OldParts::EngineerId))
                    .col(string(OldParts::Region))
                    .col(big_integer_null(OldParts::DealerId))
                    .col(text(OldParts::Reason))
                    .col(boolean(OldParts::MustReturn))
                    .col(date(OldParts::AppliedOn))
                    .col(date(OldParts::CompletedOn))
                    .col(date(OldParts::DueOn))
                    .col(date_null(OldParts::RepliedOn))
                    .col(date_null(OldParts::PromisedOn))
                    .col(text_null(OldParts::DelayReason))
                    .col(boolean(OldParts::DelayReasonAccepted).default(false))
                    .col(date_null(OldParts::CollectedOn))
                    .col(date_null(OldParts::ShippedOn))
                    .col(date_null(OldParts::ReceivedOn))
                    .col(enum_value(OldParts::Status))
                    .col(enum_value_null(OldParts::Disposition))
                    .col(text_null(OldParts::DispositionReason))
                    .col(text_null(OldParts::Remarks))
                    .col(timestamp_with_time_zone(OldParts::CreatedAt))
                    .col(timestamp_with_time_zone(OldParts::UpdatedAt))
                    .col(version(OldParts::Version))
                    .foreign_key(&mut fk(OldParts::Table, OldParts::TicketId, Tickets::Table, Tickets::Id))
                    .foreign_key(&mut fk(
                        OldParts::Table,
                        OldParts::RepairPartId,
                        RepairParts::Table,
                        RepairParts::Id,
                    ))
                    .foreign_key(&mut fk(OldParts::Table, OldParts::UnitId, Units::Table, Units::Id))
                    .foreign_key(&mut fk(OldParts::Table, OldParts::PartId, Parts::Table, Parts::Id))
                    .foreign_key(&mut fk(
                        OldParts::Table,
                        OldParts::EngineerId,
                        Engineers::Table,
                        Engineers::UserId,
                    ))
                    .foreign_key(&mut fk(OldParts::Table, OldParts::DealerId, Dealers::Table, Dealers::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(OldParts::Table, [OldParts::Status, OldParts::DueOn])).await?;

        manager.create_index(index(OldParts::Table, [OldParts::EngineerId])).await?;

        manager.create_index(index(OldParts::Table, [OldParts::Region])).await?;

        manager.create_index(index(OldParts::Table, [OldParts::DealerId])).await?;

        manager.create_index(index(OldParts::Table, [OldParts::TicketId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ResponsibilityDeterminations::Table)
                    .col(big_pk_auto(ResponsibilityDeterminations::Id))
                    .col(big_integer(ResponsibilityDeterminations::OldPartId))
                    .col(enum_value(ResponsibilityDeterminations::PartKind))
                    .col(date(ResponsibilityDeterminations::ReviewedOn))
                    .col(date(ResponsibilityDeterminations::DueOn))
                    .col(enum_value_null(ResponsibilityDeterminations::Outcome))
                    .col(string_null(ResponsibilityDeterminations::SupplierName))
                    .col(amount_null(ResponsibilityDeterminations::ClaimAmount))
                    .col(date_null(ResponsibilityDeterminations::DeterminedOn))
                    .col(big_integer_null(ResponsibilityDeterminations::DeterminedBy))
                    .col(text_null(ResponsibilityDeterminations::Notes))
                    .col(timestamp_with_time_zone(ResponsibilityDeterminations::CreatedAt))
                    .col(timestamp_with_time_zone(ResponsibilityDeterminations::UpdatedAt))
                    .col(version(ResponsibilityDeterminations::Version))
                    .foreign_key(&mut fk(
                        ResponsibilityDeterminations::Table,
                        ResponsibilityDeterminations::OldPartId,
                        OldParts::Table,
                        OldParts::Id,
                    ))
                    .foreign_key(&mut fk(
                        ResponsibilityDeterminations::Table,
                        ResponsibilityDeterminations::DeterminedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(unique_index(
                ResponsibilityDeterminations::Table,
                [ResponsibilityDeterminations::OldPartId],
            ))
            .await?;

        manager
            .create_index(index(ResponsibilityDeterminations::Table, [ResponsibilityDeterminations::DueOn]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LocalSales::Table)
                    .col(big_pk_auto(LocalSales::Id))
                    .col(string_len(LocalSales::LotNumber, 32))
                    .col(string(LocalSales::Province))
                    .col(string_len(LocalSales::Specification, 128))
                    .col(rate(LocalSales::MarketPricePerKg))
                    .col(rate(LocalSales::TotalWeightKg))
                    .col(amount(LocalSales::BasePrice))
                    .col(amount(LocalSales::SalePrice))
                    .col(text_null(LocalSales::BelowFloorReason))
                    .col(enum_value(LocalSales::ApprovalLevel))
                    .col(enum_value(LocalSales::Status))
                    .col(big_integer_null(LocalSales::ApprovedBy))
                    .col(timestamp_with_time_zone_null(LocalSales::ApprovedAt))
                    .col(amount_null(LocalSales::ProceedsAmount))
                    .col(string_null(LocalSales::ProceedsReceiptNumber))
                    .col(timestamp_with_time_zone_null(LocalSales::ProceedsRecordedAt))
                    .col(big_integer_null(LocalSales::CreatedBy))
                    .col(timestamp_with_time_zone(LocalSales::CreatedAt))
                    .col(timestamp_with_time_zone(LocalSales::UpdatedAt))
                    .col(version(LocalSales::Version))
                    .foreign_key(&mut fk(LocalSales::Table, LocalSales::ApprovedBy, Users::Table, Users::Id))
                    .foreign_key(&mut fk(LocalSales::Table, LocalSales::CreatedBy, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(LocalSales::Table, [LocalSales::LotNumber])).await?;

        manager
            .create_index(index(LocalSales::Table, [LocalSales::Specification, LocalSales::CreatedAt]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LocalSaleItems::Table)
                    .col(big_integer(LocalSaleItems::LocalSaleId))
                    .col(big_integer(LocalSaleItems::OldPartId))
                    .primary_key(
                        Index::create().col(LocalSaleItems::LocalSaleId).col(LocalSaleItems::OldPartId),
                    )
                    .foreign_key(&mut fk_cascade(
                        LocalSaleItems::Table,
                        LocalSaleItems::LocalSaleId,
                        LocalSales::Table,
                        LocalSales::Id,
                    ))
                    .foreign_key(&mut fk(
                        LocalSaleItems::Table,
                        LocalSaleItems::OldPartId,
                        OldParts::Table,
                        OldParts::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(LocalSaleItems::Table, [LocalSaleItems::OldPartId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(LocalSaleQuotes::Table)
                    .col(big_pk_auto(LocalSaleQuotes::Id))
                    .col(big_integer(LocalSaleQuotes::LocalSaleId))
                    .col(string(LocalSaleQuotes::BuyerName))
                    .col(amount(LocalSaleQuotes::Price))
                    .col(date(LocalSaleQuotes::QuotedOn))
                    .foreign_key(&mut fk_cascade(
                        LocalSaleQuotes::Table,
                        LocalSaleQuotes::LocalSaleId,
                        LocalSales::Table,
                        LocalSales::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(LocalSaleQuotes::Table, [LocalSaleQuotes::LocalSaleId])).await?;

        Ok(())
    }

    /// Drops the tables in reverse order of creation, so no foreign key dangles.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                LocalSaleQuotes::Table.into_iden(),
                LocalSaleItems::Table.into_iden(),
                LocalSales::Table.into_iden(),
                ResponsibilityDeterminations::Table.into_iden(),
                OldParts::Table.into_iden(),
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
pub(crate) enum OldParts {
    Table,
    Id,
    TicketId,
    RepairPartId,
    ApprovalNumber,
    UnitId,
    PartId,
    Quantity,
    UnitPrice,
    Total,
    EngineerId,
    Region,
    DealerId,
    Reason,
    MustReturn,
    AppliedOn,
    CompletedOn,
    DueOn,
    RepliedOn,
    PromisedOn,
    DelayReason,
    DelayReasonAccepted,
    CollectedOn,
    ShippedOn,
    ReceivedOn,
    Status,
    Disposition,
    DispositionReason,
    Remarks,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum ResponsibilityDeterminations {
    Table,
    Id,
    OldPartId,
    PartKind,
    ReviewedOn,
    DueOn,
    Outcome,
    SupplierName,
    ClaimAmount,
    DeterminedOn,
    DeterminedBy,
    Notes,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum LocalSales {
    Table,
    Id,
    LotNumber,
    Province,
    Specification,
    MarketPricePerKg,
    TotalWeightKg,
    BasePrice,
    SalePrice,
    BelowFloorReason,
    ApprovalLevel,
    Status,
    ApprovedBy,
    ApprovedAt,
    ProceedsAmount,
    ProceedsReceiptNumber,
    ProceedsRecordedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum LocalSaleItems {
    Table,
    LocalSaleId,
    OldPartId,
}

#[derive(DeriveIden)]
pub(crate) enum LocalSaleQuotes {
    Table,
    Id,
    LocalSaleId,
    BuyerName,
    Price,
    QuotedOn,
}
