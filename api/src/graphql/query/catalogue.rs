//! Reading parts, warehouses, engineers, warranty policies, service
//! contracts and holidays.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;
use service::usecase::master::{calendar, engineers, fault_causes, parts, tariffs, warranty};

use crate::graphql::connection::{PagedConnection, connection, page_request};
use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode, decode_opt};
use crate::graphql::types::catalogue::{
    Engineer, FaultCause, Holiday, Part, ServiceContract, ServiceTariff, Warehouse, WarrantyPolicy,
};
use crate::graphql::types::enums::{FaultCategory, PartCategory};

#[derive(Default)]
pub struct CatalogueQuery;

/// Which parts to list.
#[derive(InputObject, Default)]
pub struct PartFilter {
    /// Part of the name or the start of the part number.
    pub search: Option<String>,
    /// Only parts of this category.
    pub category: Option<PartCategory>,
    /// Only critical parts (关重件), or only the others.
    pub critical: Option<bool>,
}

/// Which warehouses to list.
#[derive(InputObject, Default)]
pub struct WarehouseFilter {
    /// Province.
    pub region: Option<String>,
    /// Only the head office (or only regional ones).
    pub head_office: Option<bool>,
}

/// Which engineers to list.
#[derive(InputObject, Default)]
pub struct EngineerFilter {
    /// Only engineers with this skill.
    pub skill: Option<FaultCategory>,
    /// Home region (province).
    pub region: Option<String>,
    /// Only those dispatch could send now: on duty and not out on a job
    /// (or only those it could not).
    pub available: Option<bool>,
}

#[Object]
impl CatalogueQuery {
    /// Parts.
    async fn parts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which parts to list.")] filter: Option<PartFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Part>> {
        let actor = actor(ctx)?;
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = parts::PartFilter {
            search: f.search,
            category: f.category.map(Into::into),
            critical: f.critical,
        };
        let page = parts::list_parts(db(ctx), actor, filter, request).await.gql()?;
        Ok(connection(page, Part::from))
    }

    /// One part.
    async fn part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Part id.")] id: ID,
    ) -> async_graphql::Result<Part> {
        let id = decode(Kind::Part, &id, "id")?;
        parts::get_part(db(ctx), actor(ctx)?, id).await.gql().map(Part::from)
    }

    /// Warehouses (staff).
    async fn warehouses(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which warehouses to list.")] filter: Option<WarehouseFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Warehouse>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = parts::WarehouseFilter { region: f.region, head_office: f.head_office };
        let page = parts::list_warehouses(db(ctx), actor(ctx)?, filter, request).await.gql()?;
        Ok(connection(page, Warehouse::from))
    }

    /// One warehouse (staff).
    async fn warehouse(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Warehouse id.")] id: ID,
    ) -> async_graphql::Result<Warehouse> {
        let id = decode(Kind::Warehouse, &id, "id")?;
        parts::get_warehouse(db(ctx), actor(ctx)?, id).await.gql().map(Warehouse::from)
    }

    /// One engineer (staff), by user id.
    async fn engineer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The engineer's user id.")] id: ID,
    ) -> async_graphql::Result<Engineer> {
        let id = decode(Kind::User, &id, "id")?;
        engineers::get_engineer(db(ctx), actor(ctx)?, id).await.gql().map(Engineer::from)
    }

    /// One warranty policy.
    async fn warranty_policy(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Warranty policy id.")] id: ID,
    ) -> async_graphql::Result<WarrantyPolicy> {
        let id = decode(Kind::WarrantyPolicy, &id, "id")?;
        warranty::get_warranty_policy(db(ctx), actor(ctx)?, id).await.gql().map(WarrantyPolicy::from)
    }

    /// One service contract; a dealer user sees only those of its units.
    async fn service_contract(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Service contract id.")] id: ID,
    ) -> async_graphql::Result<ServiceContract> {
        let id = decode(Kind::ServiceContract, &id, "id")?;
        warranty::get_service_contract(db(ctx), actor(ctx)?, id).await.gql().map(ServiceContract::from)
    }

    /// Field engineers (staff).
    async fn engineers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which engineers to list.")] filter: Option<EngineerFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Engineer>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = engineers::EngineerFilter {
            skill: f.skill.map(Into::into),
            region: f.region,
            available: f.available,
        };
        let page = engineers::list_engineers(db(ctx), actor(ctx)?, filter, request).await.gql()?;
        Ok(connection(page, Engineer::from))
    }

    /// Warranty policies.
    async fn warranty_policies(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only active (or only retired) policies.")] active: Option<bool>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<WarrantyPolicy>> {
        let request = page_request(ctx, first, after)?;
        let page = warranty::list_warranty_policies(db(ctx), actor(ctx)?, active, request).await.gql()?;
        Ok(connection(page, WarrantyPolicy::from))
    }

    /// Service contracts, optionally of one unit.
    async fn service_contracts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the contracts of this unit (设备).")] unit_id: Option<ID>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<ServiceContract>> {
        let request = page_request(ctx, first, after)?;
        let unit_id = decode_opt(Kind::Unit, unit_id.as_ref(), "unitId")?;
        let page = warranty::list_service_contracts(db(ctx), actor(ctx)?, unit_id, request).await.gql()?;
        Ok(connection(page, ServiceContract::from))
    }

    /// The failure-cause catalogue, by code (staff).
    async fn fault_causes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only causes of this category.")] category: Option<FaultCategory>,
        #[graphql(desc = "Only active (or only retired) causes.")] active: Option<bool>,
    ) -> async_graphql::Result<Vec<FaultCause>> {
        let causes = fault_causes::list_fault_causes(db(ctx), actor(ctx)?, category.map(Into::into), active)
            .await
            .gql()?;
        Ok(causes.into_iter().map(FaultCause::from).collect())
    }

    /// Service tariffs, newest first (staff).
    async fn service_tariffs(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ServiceTariff>> {
        let tariffs = tariffs::list_tariffs(db(ctx), actor(ctx)?).await.gql()?;
        Ok(tariffs.into_iter().map(ServiceTariff::from).collect())
    }

    /// Declared holidays and make-up working days between two dates (inclusive).
    async fn holidays(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day, inclusive.")] from: NaiveDate,
        #[graphql(desc = "Last day, inclusive.")] to: NaiveDate,
    ) -> async_graphql::Result<Vec<Holiday>> {
        let days = calendar::holidays_between(db(ctx), actor(ctx)?, from, to).await.gql()?;
        Ok(days.into_iter().map(Holiday::from).collect())
    }
}
