//! The approver's note on a decision: why a quote beyond the allowed
//! discount or a lot of scrap was approved or refused, so the requester
//! reads it where the outcome shows.

use sea_orm_migration::prelude::*;

use crate::m20261125_000004_create_ticket_tables::Quotes;
use crate::m20261125_000006_create_old_part_tables::LocalSales;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Decision {
    DecisionNote,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Quotes::Table)
                    .add_column(ColumnDef::new(Decision::DecisionNote).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(LocalSales::Table)
                    .add_column(ColumnDef::new(Decision::DecisionNote).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(LocalSales::Table).drop_column(Decision::DecisionNote).to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Quotes::Table).drop_column(Decision::DecisionNote).to_owned())
            .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
