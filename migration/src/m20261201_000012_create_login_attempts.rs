//! Failed sign-ins counted per key (user and address, user, address) in a
//! fixed window, shared by every api instance when there is no Redis.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Key,
    Attempts,
    WindowEndsMs,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(ColumnDef::new(LoginAttempts::Key).string_len(200).not_null().primary_key())
                    .col(ColumnDef::new(LoginAttempts::Attempts).integer().not_null())
                    .col(ColumnDef::new(LoginAttempts::WindowEndsMs).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(LoginAttempts::Table).to_owned()).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
