//! Requisitions and stock movements: they reference tickets, so they come after them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns::*;
use crate::constraints::*;
use crate::m20261125_000001_create_identity_tables::{Engineers, Users};
use crate::m20261125_000003_create_part_tables::{Parts, Warehouses};
use crate::m20261125_000004_create_ticket_tables::Tickets;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Requisitions::Table)
                    .col(big_pk_auto(Requisitions::Id))
                    .col(big_integer(Requisitions::TicketId))
                    .col(big_integer(Requisitions::EngineerId))
                    .col(big_integer(Requisitions::WarehouseId))
                    .col(enum_value(Requisitions::Status))
                    .col(big_integer_null(Requisitions::ApprovedBy))
                    .col(timestamp_with_time_zone_null(Requisitions::ApprovedAt))
                    .col(big_integer_null(Requisitions::IssuedBy))
                    .col(timestamp_with_time_zone_null(Requisitions::IssuedAt))
                    .col(timestamp_with_time_zone(Requisitions::CreatedAt))
                    .col(timestamp_with_time_zone(Requisitions::UpdatedAt))
                    .col(version(Requisitions::Version))
                    .foreign_key(&mut fk(
                        Requisitions::Table,
                        Requisitions::TicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(
                        Requisitions::Table,
                        Requisitions::EngineerId,
                        Engineers::Table,
                        Engineers::UserId,
                    ))
                    .foreign_key(&mut fk(
                        Requisitions::Table,
                        Requisitions::WarehouseId,
                        Warehouses::Table,
                        Warehouses::Id,
                    ))
                    .foreign_key(&mut fk(
                        Requisitions::Table,
                        Requisitions::ApprovedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .foreign_key(&mut fk(
                        Requisitions::Table,
                        Requisitions::IssuedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(Requisitions::Table, [Requisitions::TicketId])).await?;

        manager.create_index(index(Requisitions::Table, [Requisitions::Status])).await?;

        manager
            .create_table(
                Table::create()
                    .table(RequisitionLines::Table)
                    .col(big_pk_auto(RequisitionLines::Id))
                    .col(big_integer(RequisitionLines::RequisitionId))
                    .col(big_integer(RequisitionLines::PartId))
                    .col(integer(RequisitionLines::QuantityRequested))
                    .col(integer(RequisitionLines::QuantityIssued).default(0))
                    .col(integer(RequisitionLines::QuantityReturned).default(0))
                    .foreign_key(&mut fk_cascade(
                        RequisitionLines::Table,
                        RequisitionLines::RequisitionId,
                        Requisitions::Table,
                        Requisitions::Id,
                    ))
                    .foreign_key(&mut fk(
                        RequisitionLines::Table,
                        RequisitionLines::PartId,
                        Parts::Table,
                        Parts::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(RequisitionLines::Table, [RequisitionLines::RequisitionId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(StockMovements::Table)
                    .col(big_pk_auto(StockMovements::Id))
                    .col(big_integer(StockMovements::WarehouseId))
                    .col(big_integer(StockMovements::PartId))
                    .col(enum_value(StockMovements::Kind))
                    .col(integer(StockMovements::Quantity))
                    .col(integer(StockMovements::BalanceAfter))
                    .col(big_integer_null(StockMovements::TicketId))
                    .col(big_integer_null(StockMovements::RequisitionId))
                    .col(text_null(StockMovements::Reason))
                    .col(big_integer_null(StockMovements::ActorUserId))
                    .col(timestamp_with_time_zone(StockMovements::CreatedAt))
                    .foreign_key(&mut fk(
                        StockMovements::Table,
                        StockMovements::WarehouseId,
                        Warehouses::Table,
                        Warehouses::Id,
                    ))
                    .foreign_key(&mut fk(
                        StockMovements::Table,
                        StockMovements::PartId,
                        Parts::Table,
                        Parts::Id,
                    ))
                    .foreign_key(&mut fk(
                        StockMovements::Table,
                        StockMovements::TicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(
                        StockMovements::Table,
                        StockMovements::RequisitionId,
                        Requisitions::Table,
                        Requisitions::Id,
                    ))
                    .foreign_key(&mut fk(
                        StockMovements::Table,
                        StockMovements::ActorUserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(index(
                StockMovements::Table,
                [StockMovements::WarehouseId, StockMovements::PartId, StockMovements::CreatedAt],
            ))
            .await?;

        manager.create_index(index(StockMovements::Table, [StockMovements::TicketId])).await?;

        Ok(())
    }

    /// Drops the tables in reverse order of creation, so no foreign key dangles.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                StockMovements::Table.into_iden(),
                RequisitionLines::Table.into_iden(),
                Requisitions::Table.into_iden(),
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
pub(crate) enum Requisitions {
    Table,
    Id,
    TicketId,
    EngineerId,
    WarehouseId,
    Status,
    ApprovedBy,
    ApprovedAt,
    IssuedBy,
    IssuedAt,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum RequisitionLines {
    Table,
    Id,
    RequisitionId,
    PartId,
    QuantityRequested,
    QuantityIssued,
    QuantityReturned,
}

#[derive(DeriveIden)]
pub(crate) enum StockMovements {
    Table,
    Id,
    WarehouseId,
    PartId,
    Kind,
    Quantity,
    BalanceAfter,
    TicketId,
    RequisitionId,
    Reason,
    ActorUserId,
    CreatedAt,
}
