//! Lists page by a key column and id (created, deadline, number), either
//! way: an index on each (key, id) pair lets a page seek to its cursor
//! instead of sorting the whole filter. Units are looked up by serial
//! number in any case: an index on `lower(serial_number)`.

use sea_orm_migration::prelude::*;

use crate::constraints::*;
use crate::m20261125_000002_create_master_data_tables::Units;
use crate::m20261125_000004_create_ticket_tables::Tickets;
use crate::m20261125_000006_create_old_part_tables::OldParts;
use crate::m20261125_000007_create_visit_complaint_notification_report_tables::{Complaints, ReturnVisits};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SERIAL_INDEX: &str = "idx_units_lower_serial_number";

/// The (key, id) indexes, each with its table.
fn indexes() -> Vec<(DynIden, IndexCreateStatement)> {
    let on = |table: DynIden, key: DynIden, id: DynIden| (table.clone(), index(table, [key, id]));
    vec![
        on(Tickets::Table.into_iden(), Tickets::CreatedAt.into_iden(), Tickets::Id.into_iden()),
        on(Tickets::Table.into_iden(), Tickets::ReplyDueAt.into_iden(), Tickets::Id.into_iden()),
        on(Tickets::Table.into_iden(), Tickets::ArrivalDueAt.into_iden(), Tickets::Id.into_iden()),
        on(OldParts::Table.into_iden(), OldParts::CreatedAt.into_iden(), OldParts::Id.into_iden()),
        on(OldParts::Table.into_iden(), OldParts::DueOn.into_iden(), OldParts::Id.into_iden()),
        on(OldParts::Table.into_iden(), OldParts::ApprovalNumber.into_iden(), OldParts::Id.into_iden()),
        on(Complaints::Table.into_iden(), Complaints::CreatedAt.into_iden(), Complaints::Id.into_iden()),
        on(Complaints::Table.into_iden(), Complaints::RouteDueAt.into_iden(), Complaints::Id.into_iden()),
        on(
            ReturnVisits::Table.into_iden(),
            ReturnVisits::CreatedAt.into_iden(),
            ReturnVisits::Id.into_iden(),
        ),
        on(Units::Table.into_iden(), Units::CreatedAt.into_iden(), Units::Id.into_iden()),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (_, index) in indexes() {
            manager.create_index(index).await?;
        }
        // An expression index: the same statement on PostgreSQL and SQLite.
        manager
            .get_connection()
            .execute_unprepared(&format!("CREATE INDEX {SERIAL_INDEX} ON units (lower(serial_number))"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(SERIAL_INDEX).table(Units::Table).to_owned()).await?;
        for (table, index) in indexes() {
            if let Some(name) = index.get_index_spec().get_name().map(str::to_owned) {
                manager.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
            }
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
