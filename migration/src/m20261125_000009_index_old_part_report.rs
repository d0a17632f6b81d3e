//! The return progress report reads old parts by application date in id
//! order, optionally for one region: indexes that serve those scans.

use sea_orm_migration::prelude::*;

use crate::constraints::*;
use crate::m20261125_000006_create_old_part_tables::OldParts;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index(OldParts::Table, [OldParts::AppliedOn, OldParts::Id])).await?;
        manager.create_index(index(OldParts::Table, [OldParts::Region, OldParts::AppliedOn])).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for columns in [[OldParts::AppliedOn, OldParts::Id], [OldParts::Region, OldParts::AppliedOn]] {
            let name = index(OldParts::Table, columns).get_index_spec().get_name().map(str::to_owned);
            if let Some(name) = name {
                manager.drop_index(Index::drop().name(name).table(OldParts::Table).to_owned()).await?;
            }
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
