//! What a database knows of the deployment it belongs to, as keys and
//! values: `environment` is `production` once a production server has run
//! on it, and the demo's well-known accounts are then never loaded into it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DeploymentFacts {
    Table,
    Key,
    Value,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DeploymentFacts::Table)
                    .col(ColumnDef::new(DeploymentFacts::Key).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(DeploymentFacts::Value).string_len(255).not_null())
                    .col(ColumnDef::new(DeploymentFacts::UpdatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(DeploymentFacts::Table).to_owned()).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
