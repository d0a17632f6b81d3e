//! Master data: customers, warranty policies, product models, units, service contracts, holidays, service tariffs.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns::*;
use crate::constraints::*;
use crate::m20261125_000001_create_identity_tables::Dealers;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Customers::Table)
                    .col(big_pk_auto(Customers::Id))
                    .col(string(Customers::Name))
                    .col(string_null(Customers::ContactName))
                    .col(string_null(Customers::Phone))
                    .col(string_null(Customers::Email))
                    .col(string_null(Customers::Address))
                    .col(string(Customers::Province))
                    .col(integer(Customers::DistanceKm))
                    .col(boolean(Customers::KeyCustomer).default(false))
                    .col(timestamp_with_time_zone(Customers::CreatedAt))
                    .col(timestamp_with_time_zone(Customers::UpdatedAt))
                    .col(version(Customers::Version))
                    .to_owned(),
            )
            .await?;

        manager.create_index(index(Customers::Table, [Customers::Province])).await?;

        manager.create_index(index(Customers::Table, [Customers::Name])).await?;

        manager
            .create_table(
                Table::create()
                    .table(WarrantyPolicies::Table)
                    .col(big_pk_auto(WarrantyPolicies::Id))
                    .col(string_len(WarrantyPolicies::Code, 32))
                    .col(string(WarrantyPolicies::Name))
                    .col(integer(WarrantyPolicies::DurationMonths))
                    .col(boolean(WarrantyPolicies::CoversParts))
                    .col(boolean(WarrantyPolicies::CoversLabour))
                    .col(boolean(WarrantyPolicies::Active))
                    .col(timestamp_with_time_zone(WarrantyPolicies::CreatedAt))
                    .col(timestamp_with_time_zone(WarrantyPolicies::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(WarrantyPolicies::Table, [WarrantyPolicies::Code])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ProductModels::Table)
                    .col(big_pk_auto(ProductModels::Id))
                    .col(string_len(ProductModels::Code, 32))
                    .col(string(ProductModels::Name))
                    .col(string(ProductModels::Category))
                    .col(integer(ProductModels::DefaultWarrantyMonths))
                    .col(amount(ProductModels::SalePrice))
                    .col(big_integer_null(ProductModels::WarrantyPolicyId))
                    .col(timestamp_with_time_zone(ProductModels::CreatedAt))
                    .col(timestamp_with_time_zone(ProductModels::UpdatedAt))
                    .col(version(ProductModels::Version))
                    .foreign_key(&mut fk(
                        ProductModels::Table,
                        ProductModels::WarrantyPolicyId,
                        WarrantyPolicies::Table,
                        WarrantyPolicies::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(ProductModels::Table, [ProductModels::Code])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Units::Table)
                    .col(big_pk_auto(Units::Id))
                    .col(string_len(Units::SerialNumber, 64))
                    .col(big_integer(Units::ProductModelId))
                    .col(date(Units::ProductionDate))
                    .col(date_null(Units::InvoiceDate))
                    .col(big_integer_null(Units::CustomerId))
                    .col(big_integer_null(Units::DealerId))
                    .col(big_integer_null(Units::WarrantyPolicyId))
                    .col(timestamp_with_time_zone(Units::CreatedAt))
                    .col(timestamp_with_time_zone(Units::UpdatedAt))
                    .col(version(Units::Version))
                    .foreign_key(&mut fk(
                        Units::Table,
                        Units::ProductModelId,
                        ProductModels::Table,
                        ProductModels::Id,
                    ))
                    .foreign_key(&mut fk(Units::Table, Units::CustomerId, Customers::Table, Customers::Id))
                    .foreign_key(&mut fk(Units::Table, Units::DealerId, Dealers::Table, Dealers::Id))
                    .foreign_key(&mut fk(
                        Units::Table,
                        Units::WarrantyPolicyId,
                        WarrantyPolicies::Table,
                        WarrantyPolicies::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Units::Table, [Units::SerialNumber])).await?;

        manager.create_index(index(Units::Table, [Units::CustomerId])).await?;

        manager.create_index(index(Units::Table, [Units::DealerId])).await?;

        manager.create_index(index(Units::Table, [Units::ProductModelId, Units::ProductionDate])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ServiceContracts::Table)
                    .col(big_pk_auto(ServiceContracts::Id))
                    .col(string_len(ServiceContracts::ContractNumber, 32))
                    .col(big_integer(ServiceContracts::UnitId))
                    .col(date(ServiceContracts::StartsOn))
                    .col(date(ServiceContracts::EndsOn))
                    .col(amount(ServiceContracts::Price))
                    .col(timestamp_with_time_zone(ServiceContracts::CreatedAt))
                    .col(timestamp_with_time_zone(ServiceContracts::UpdatedAt))
                    .foreign_key(&mut fk(
                        ServiceContracts::Table,
                        ServiceContracts::UnitId,
                        Units::Table,
                        Units::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(unique_index(ServiceContracts::Table, [ServiceContracts::ContractNumber]))
            .await?;

        manager
            .create_index(index(
                ServiceContracts::Table,
                [ServiceContracts::UnitId, ServiceContracts::StartsOn],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Holidays::Table)
                    .col(big_pk_auto(Holidays::Id))
                    .col(date(Holidays::Day))
                    .col(string(Holidays::Name))
                    .col(boolean(Holidays::WorkingDay).default(false))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(Holidays::Table, [Holidays::Day])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ServiceTariffs::Table)
                    .col(big_pk_auto(ServiceTariffs::Id))
                    .col(rate(ServiceTariffs::LabourRate))
                    .col(rate(ServiceTariffs::TravelRatePerKm))
                    .col(date(ServiceTariffs::EffectiveFrom))
                    .col(timestamp_with_time_zone(ServiceTariffs::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager.create_index(unique_index(ServiceTariffs::Table, [ServiceTariffs::EffectiveFrom])).await?;

        Ok(())
    }

    /// Drops the tables in reverse order of creation, so no foreign key dangles.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                ServiceTariffs::Table.into_iden(),
                Holidays::Table.into_iden(),
                ServiceContracts::Table.into_iden(),
                Units::Table.into_iden(),
                ProductModels::Table.into_iden(),
                WarrantyPolicies::Table.into_iden(),
                Customers::Table.into_iden(),
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
pub(crate) enum Customers {
    Table,
    Id,
    Name,
    ContactName,
    Phone,
    Email,
    Address,
    Province,
    DistanceKm,
    KeyCustomer,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum WarrantyPolicies {
    Table,
    Id,
    Code,
    Name,
    DurationMonths,
    CoversParts,
    CoversLabour,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum ProductModels {
    Table,
    Id,
    Code,
    Name,
    Category,
    DefaultWarrantyMonths,
    SalePrice,
    WarrantyPolicyId,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum Units {
    Table,
    Id,
    SerialNumber,
    ProductModelId,
    ProductionDate,
    InvoiceDate,
    CustomerId,
    DealerId,
    WarrantyPolicyId,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
pub(crate) enum ServiceContracts {
    Table,
    Id,
    ContractNumber,
    UnitId,
    StartsOn,
    EndsOn,
    Price,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Holidays {
    Table,
    Id,
    Day,
    Name,
    WorkingDay,
}

#[derive(DeriveIden)]
pub(crate) enum ServiceTariffs {
    Table,
    Id,
    LabourRate,
    TravelRatePerKm,
    EffectiveFrom,
    CreatedAt,
}
