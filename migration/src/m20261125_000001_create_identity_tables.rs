//! Identity and audit: dealers, users and their roles, engineers and their skills, the audit log.

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
                    .table(Dealers::Table)
                    .col(big_pk_auto(Dealers::Id))
                    .col(string_len(Dealers::Code, 32))
                    .col(string(Dealers::Name))
                    .col(string(Dealers::Region))
                    .col(string_null(Dealers::ContactName))
                    .col(string_null(Dealers::Phone))
                    .col(string_null(Dealers::Email))
                    .col(timestamp_with_time_zone(Dealers::CreatedAt))
                    .col(timestamp_with_time_zone(Dealers::UpdatedAt))
                    .col(version(Dealers::Version))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Dealers::Table, [Dealers::Code])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_len(Users::Username, 64))
                    .col(string(Users::PasswordHash))
                    .col(string(Users::DisplayName))
                    .col(string_null(Users::Email))
                    .col(string_null(Users::Phone))
                    .col(big_integer_null(Users::DealerId))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .col(version(Users::Version))
                    .foreign_key(&mut fk(Users::Table, Users::DealerId, Dealers::Table, Dealers::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Users::Table, [Users::Username])).await?;

        manager.create_index(index(Users::Table, [Users::DealerId])).await?;

        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .col(big_integer(UserRoles::UserId))
                    .col(enum_value(UserRoles::Role))
                    .primary_key(Index::create().col(UserRoles::UserId).col(UserRoles::Role))
                    .foreign_key(&mut fk_cascade(
                        UserRoles::Table,
                        UserRoles::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Engineers::Table)
                    .col(big_integer(Engineers::UserId).primary_key())
                    .col(string(Engineers::Region))
                    .col(boolean(Engineers::Available).default(true))
                    .col(timestamp_with_time_zone(Engineers::CreatedAt))
                    .col(timestamp_with_time_zone(Engineers::UpdatedAt))
                    .col(version(Engineers::Version))
                    .foreign_key(&mut fk_cascade(
                        Engineers::Table,
                        Engineers::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(Engineers::Table, [Engineers::Region])).await?;

        manager
            .create_table(
                Table::create()
                    .table(EngineerSkills::Table)
                    .col(big_integer(EngineerSkills::EngineerId))
                    .col(enum_value(EngineerSkills::Skill))
                    .primary_key(Index::create().col(EngineerSkills::EngineerId).col(EngineerSkills::Skill))
                    .foreign_key(&mut fk_cascade(
                        EngineerSkills::Table,
                        EngineerSkills::EngineerId,
                        Engineers::Table,
                        Engineers::UserId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(EngineerSkills::Table, [EngineerSkills::Skill])).await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer_null(AuditLog::ActorUserId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::EntityType, 64))
                    .col(string_len_null(AuditLog::EntityId, 64))
                    .col(json_binary_null(AuditLog::Before))
                    .col(json_binary_null(AuditLog::After))
                    .col(string_null(AuditLog::RequestId))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .foreign_key(&mut fk(AuditLog::Table, AuditLog::ActorUserId, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(AuditLog::Table, [AuditLog::EntityType, AuditLog::EntityId])).await?;

        manager.create_index(index(AuditLog::Table, [AuditLog::CreatedAt])).await?;

        Ok(())
    }

    /// Drops the tables in reverse order of creation, so no foreign key dangles.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                AuditLog::Table.into_iden(),
                EngineerSkills::Table.into_iden(),
                Engineers::Table.into_iden(),
                UserRoles::Table.into_iden(),
                Users::Table.into_iden(),
                Dealers::Table.into_iden(),
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
pub(crate) enum Dealers {
    Table,
    Id,
    Code,
    Name,
    Region,
    ContactName,
    Phone,
    Email,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum Users {
    Table,
    Id,
    Username,
    PasswordHash,
    DisplayName,
    Email,
    Phone,
    DealerId,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum UserRoles {
    Table,
    UserId,
    Role,
}

#[derive(DeriveIden)]
pub(crate) enum Engineers {
    Table,
    UserId,
    Region,
    Available,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum EngineerSkills {
    Table,
    EngineerId,
    Skill,
}

#[derive(DeriveIden)]
pub(crate) enum AuditLog {
    Table,
    Id,
    ActorUserId,
    Action,
    EntityType,
    EntityId,
    Before,
    After,
    RequestId,
    CreatedAt,
}
