//! The failure-cause catalogue (故障原因): repair records name a cause from
//! it, and the quarterly recurrence report groups by it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns::*;
use crate::constraints::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FaultCauses::Table)
                    .col(big_pk_auto(FaultCauses::Id))
                    .col(string_len(FaultCauses::Code, 32))
                    .col(string(FaultCauses::Name))
                    .col(enum_value(FaultCauses::FaultCategory))
                    .col(boolean(FaultCauses::Active).default(true))
                    .col(timestamp_with_time_zone(FaultCauses::CreatedAt))
                    .col(timestamp_with_time_zone(FaultCauses::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager.create_index(unique_index(FaultCauses::Table, [FaultCauses::Code])).await?;
        manager.create_index(index(FaultCauses::Table, [FaultCauses::FaultCategory])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, [FaultCauses::Table.into_iden()]).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub(crate) enum FaultCauses {
    Table,
    Id,
    Code,
    Name,
    FaultCategory,
    Active,
    CreatedAt,
    UpdatedAt,
}
