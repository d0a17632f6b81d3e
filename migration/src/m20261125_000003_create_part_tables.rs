//! Parts and stock: the part catalogue, warehouses, stock levels and stocktakes.
//!
//! Created before the tickets because quote lines and repair parts reference parts.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns::*;
use crate::constraints::*;
use crate::m20261125_000001_create_identity_tables::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Parts::Table)
                    .col(big_pk_auto(Parts::Id))
                    .col(string_len(Parts::PartNumber, 64))
                    .col(string(Parts::Name))
                    .col(amount(Parts::UnitPrice))
                    .col(rate(Parts::WeightKg))
                    .col(enum_value(Parts::Category))
                    .col(boolean(Parts::Critical))
                    .col(boolean(Parts::Imported))
                    .col(boolean(Parts::Valuable))
                    .col(integer_null(Parts::ValuableLimit))
                    .col(timestamp_with_time_zone(Parts::CreatedAt))
                    .col(timestamp_with_time_zone(Parts::UpdatedAt))
                    .col(version(Parts::Version))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Parts::Table, [Parts::PartNumber])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Warehouses::Table)
                    .col(big_pk_auto(Warehouses::Id))
                    .col(string_len(Warehouses::Code, 32))
                    .col(string(Warehouses::Name))
                    .col(string(Warehouses::Region))
                    .col(boolean(Warehouses::HeadOffice).default(false))
                    .col(big_integer_null(Warehouses::KeeperUserId))
                    .col(timestamp_with_time_zone(Warehouses::CreatedAt))
                    .col(timestamp_with_time_zone(Warehouses::UpdatedAt))
                    .foreign_key(&mut fk(
                        Warehouses::Table,
                        Warehouses::KeeperUserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Warehouses::Table, [Warehouses::Code])).await?;

        manager
            .create_table(
                Table::create()
                    .table(StockLevels::Table)
                    .col(big_integer(StockLevels::WarehouseId))
                    .col(big_integer(StockLevels::PartId))
                    .col(integer(StockLevels::OnHand).check((
                        "ck_stock_levels_on_hand_not_negative",
                        Expr::col(StockLevels::OnHand).gte(0),
                    )))
                    .col(integer(StockLevels::SafetyStock).default(0))
                    .col(timestamp_with_time_zone(StockLevels::UpdatedAt))
                    .col(version(StockLevels::Version))
                    .primary_key(Index::create().col(StockLevels::WarehouseId).col(StockLevels::PartId))
                    .foreign_key(&mut fk(
                        StockLevels::Table,
                        StockLevels::WarehouseId,
                        Warehouses::Table,
                        Warehouses::Id,
                    ))
                    .foreign_key(&mut fk(StockLevels::Table, StockLevels::PartId, Parts::Table, Parts::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(StockLevels::Table, [StockLevels::PartId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Stocktakes::Table)
                    .col(big_pk_auto(Stocktakes::Id))
                    .col(big_integer(Stocktakes::WarehouseId))
                    .col(enum_value(Stocktakes::Status))
                    .col(big_integer_null(Stocktakes::CreatedBy))
                    .col(timestamp_with_time_zone(Stocktakes::CreatedAt))
                    .col(timestamp_with_time_zone_null(Stocktakes::ClosedAt))
                    .foreign_key(&mut fk(
                        Stocktakes::Table,
                        Stocktakes::WarehouseId,
                        Warehouses::Table,
                        Warehouses::Id,
                    ))
                    .foreign_key(&mut fk(Stocktakes::Table, Stocktakes::CreatedBy, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(Stocktakes::Table, [Stocktakes::WarehouseId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(StocktakeLines::Table)
                    .col(big_pk_auto(StocktakeLines::Id))
                    .col(big_integer(StocktakeLines::StocktakeId))
                    .col(big_integer(StocktakeLines::PartId))
                    .col(integer(StocktakeLines::BookQuantity))
                    .col(integer(StocktakeLines::CountedQuantity))
                    .col(integer(StocktakeLines::Difference))
                    .foreign_key(&mut fk_cascade(
                        StocktakeLines::Table,
                        StocktakeLines::StocktakeId,
                        Stocktakes::Table,
                        Stocktakes::Id,
                    ))
                    .foreign_key(&mut fk(
                        StocktakeLines::Table,
                        StocktakeLines::PartId,
                        Parts::Table,
                        Parts::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(unique_index(
                StocktakeLines::Table,
                [StocktakeLines::StocktakeId, StocktakeLines::PartId],
            ))
            .await?;

        Ok(())
    }

    /// Drops the tables in reverse order of creation, so no foreign key dangles.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                StocktakeLines::Table.into_iden(),
                Stocktakes::Table.into_iden(),
                StockLevels::Table.into_iden(),
                Warehouses::Table.into_iden(),
                Parts::Table.into_iden(),
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
pub(crate) enum Parts {
    Table,
    Id,
    PartNumber,
    Name,
    UnitPrice,
    WeightKg,
    Category,
    Critical,
    Imported,
    Valuable,
    ValuableLimit,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum Warehouses {
    Table,
    Id,
    Code,
    Name,
    Region,
    HeadOffice,
    KeeperUserId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum StockLevels {
    Table,
    WarehouseId,
    PartId,
    OnHand,
    SafetyStock,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum Stocktakes {
    Table,
    Id,
    WarehouseId,
    Status,
    CreatedBy,
    CreatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
pub(crate) enum StocktakeLines {
    Table,
    Id,
    StocktakeId,
    PartId,
    BookQuantity,
    CountedQuantity,
    Difference,
}
