//! Stored reports carry their chart as SVG (text that any browser opens)
//! and, when the scheduler made them, a unique key per kind and period so
//! that several workers store one; a notification may carry a stored
//! report's workbook as its attachment; the KPI report's scans get indexes.

use sea_orm_migration::prelude::*;

use crate::constraints::*;
use crate::m20261125_000002_create_master_data_tables::Units;
use crate::m20261125_000004_create_ticket_tables::Tickets;
use crate::m20261125_000007_create_visit_complaint_notification_report_tables::{
    Notifications, Reports, ReturnVisits,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Added {
    ChartPng,
    ChartSvg,
    ReportId,
    ScheduledKey,
}

/// The new indexes, each with its table.
fn indexes() -> Vec<(IndexCreateStatement, DynIden)> {
    vec![
        (unique_index(Reports::Table, [Added::ScheduledKey]), Reports::Table.into_iden()),
        (index(Tickets::Table, [Tickets::RepeatOfTicketId]), Tickets::Table.into_iden()),
        (index(ReturnVisits::Table, [ReturnVisits::VisitedAt]), ReturnVisits::Table.into_iden()),
        (index(Units::Table, [Units::InvoiceDate]), Units::Table.into_iden()),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .rename_column(Added::ChartPng, Added::ChartSvg)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .add_column(ColumnDef::new(Added::ScheduledKey).string_len(64).null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Notifications::Table)
                    .add_column(ColumnDef::new(Added::ReportId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        for (statement, _) in indexes() {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (statement, table) in indexes() {
            if let Some(name) = statement.get_index_spec().get_name().map(str::to_owned) {
                manager.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
            }
        }
        manager
            .alter_table(Table::alter().table(Notifications::Table).drop_column(Added::ReportId).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Reports::Table).drop_column(Added::ScheduledKey).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .rename_column(Added::ChartSvg, Added::ChartPng)
                    .to_owned(),
            )
            .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
