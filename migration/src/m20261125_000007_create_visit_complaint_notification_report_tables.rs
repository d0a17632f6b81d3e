//! Return visits, care schedules, complaints, the notification outbox, and reports.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns::*;
use crate::constraints::*;
use crate::m20261125_000001_create_identity_tables::Users;
use crate::m20261125_000002_create_master_data_tables::Customers;
use crate::m20261125_000004_create_ticket_tables::Tickets;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReturnVisits::Table)
                    .col(big_pk_auto(ReturnVisits::Id))
                    .col(big_integer_null(ReturnVisits::TicketId))
                    .col(big_integer(ReturnVisits::CustomerId))
                    .col(enum_value(ReturnVisits::Kind))
                    .col(timestamp_with_time_zone(ReturnVisits::DueAt))
                    .col(big_integer_null(ReturnVisits::AgentId))
                    .col(enum_value_null(ReturnVisits::Channel))
                    .col(small_integer_null(ReturnVisits::Satisfaction))
                    .col(boolean_null(ReturnVisits::Solved))
                    .col(text_null(ReturnVisits::Comments))
                    .col(timestamp_with_time_zone_null(ReturnVisits::VisitedAt))
                    .col(big_integer_null(ReturnVisits::VisitedBy))
                    .col(string_len_null(ReturnVisits::FollowUp, 32))
                    .col(timestamp_with_time_zone(ReturnVisits::CreatedAt))
                    .col(timestamp_with_time_zone(ReturnVisits::UpdatedAt))
                    .col(version(ReturnVisits::Version))
                    .foreign_key(&mut fk(
                        ReturnVisits::Table,
                        ReturnVisits::TicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(
                        ReturnVisits::Table,
                        ReturnVisits::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .foreign_key(&mut fk(ReturnVisits::Table, ReturnVisits::AgentId, Users::Table, Users::Id))
                    .foreign_key(&mut fk(
                        ReturnVisits::Table,
                        ReturnVisits::VisitedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(index(ReturnVisits::Table, [ReturnVisits::DueAt, ReturnVisits::VisitedAt]))
            .await?;

        manager.create_index(index(ReturnVisits::Table, [ReturnVisits::TicketId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(CareSchedules::Table)
                    .col(big_pk_auto(CareSchedules::Id))
                    .col(big_integer(CareSchedules::CustomerId))
                    .col(integer(CareSchedules::IntervalDays))
                    .col(date(CareSchedules::NextDueOn))
                    .col(boolean(CareSchedules::Active))
                    .col(timestamp_with_time_zone(CareSchedules::CreatedAt))
                    .col(timestamp_with_time_zone(CareSchedules::UpdatedAt))
                    .foreign_key(&mut fk(
                        CareSchedules::Table,
                        CareSchedules::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(CareSchedules::Table, [CareSchedules::NextDueOn])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Complaints::Table)
                    .col(big_pk_auto(Complaints::Id))
                    .col(string_len(Complaints::Number, 32))
                    .col(big_integer_null(Complaints::TicketId))
                    .col(big_integer(Complaints::CustomerId))
                    .col(enum_value(Complaints::Category))
                    .col(enum_value(Complaints::Severity))
                    .col(text(Complaints::Description))
                    .col(timestamp_with_time_zone(Complaints::ReceivedAt))
                    .col(timestamp_with_time_zone_null(Complaints::RouteDueAt))
                    .col(enum_value_null(Complaints::RoutedToRole))
                    .col(timestamp_with_time_zone_null(Complaints::RoutedAt))
                    .col(big_integer_null(Complaints::HandlerId))
                    .col(text_null(Complaints::Handling))
                    .col(text_null(Complaints::Answer))
                    .col(boolean(Complaints::AttributableToService).default(false))
                    .col(enum_value(Complaints::Status))
                    .col(timestamp_with_time_zone_null(Complaints::ClosedAt))
                    .col(timestamp_with_time_zone(Complaints::CreatedAt))
                    .col(timestamp_with_time_zone(Complaints::UpdatedAt))
                    .col(version(Complaints::Version))
                    .foreign_key(&mut fk(
                        Complaints::Table,
                        Complaints::TicketId,
                        Tickets::Table,
                        Tickets::Id,
                    ))
                    .foreign_key(&mut fk(
                        Complaints::Table,
                        Complaints::CustomerId,
                        Customers::Table,
                        Customers::Id,
                    ))
                    .foreign_key(&mut fk(Complaints::Table, Complaints::HandlerId, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Complaints::Table, [Complaints::Number])).await?;

        manager.create_index(index(Complaints::Table, [Complaints::Status])).await?;

        manager.create_index(index(Complaints::Table, [Complaints::ReceivedAt])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(big_pk_auto(Notifications::Id))
                    .col(string_len(Notifications::Recipient, 255))
                    .col(enum_value(Notifications::Channel))
                    .col(string_len(Notifications::Template, 64))
                    .col(string_len(Notifications::Locale, 8))
                    .col(string_null(Notifications::Subject))
                    .col(text(Notifications::Body))
                    .col(json_binary_null(Notifications::Payload))
                    .col(string_len(Notifications::UniqueKey, 255))
                    .col(enum_value(Notifications::Status))
                    .col(integer(Notifications::Attempts).default(0))
                    .col(timestamp_with_time_zone(Notifications::NextAttemptAt))
                    .col(text_null(Notifications::LastError))
                    .col(timestamp_with_time_zone_null(Notifications::SentAt))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone(Notifications::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Notifications::Table, [Notifications::UniqueKey])).await?;

        manager
            .create_index(index(Notifications::Table, [Notifications::Status, Notifications::NextAttemptAt]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(big_pk_auto(Reports::Id))
                    .col(string_len(Reports::Kind, 32))
                    .col(string_len(Reports::Period, 16))
                    .col(json_binary(Reports::Parameters))
                    .col(json_binary(Reports::Data))
                    .col(blob_null(Reports::Xlsx))
                    .col(blob_null(Reports::ChartPng))
                    .col(timestamp_with_time_zone(Reports::GeneratedAt))
                    .col(big_integer_null(Reports::GeneratedBy))
                    .foreign_key(&mut fk(Reports::Table, Reports::GeneratedBy, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(Reports::Table, [Reports::Kind, Reports::Period])).await?;

        Ok(())
    }

    /// Drops the tables in reverse order of creation, so no foreign key dangles.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                Reports::Table.into_iden(),
                Notifications::Table.into_iden(),
                Complaints::Table.into_iden(),
                CareSchedules::Table.into_iden(),
                ReturnVisits::Table.into_iden(),
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
pub(crate) enum ReturnVisits {
    Table,
    Id,
    TicketId,
    CustomerId,
    Kind,
    DueAt,
    AgentId,
    Channel,
    Satisfaction,
    Solved,
    Comments,
    VisitedAt,
    VisitedBy,
    FollowUp,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum CareSchedules {
    Table,
    Id,
    CustomerId,
    IntervalDays,
    NextDueOn,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Complaints {
    Table,
    Id,
    Number,
    TicketId,
    CustomerId,
    Category,
    Severity,
    Description,
    ReceivedAt,
    RouteDueAt,
    RoutedToRole,
    RoutedAt,
    HandlerId,
    Handling,
    Answer,
    AttributableToService,
    Status,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum Notifications {
    Table,
    Id,
    Recipient,
    Channel,
    Template,
    Locale,
    Subject,
    Body,
    Payload,
    UniqueKey,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    SentAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Reports {
    Table,
    Id,
    Kind,
    Period,
    Parameters,
    Data,
    Xlsx,
    ChartPng,
    GeneratedAt,
    GeneratedBy,
}
