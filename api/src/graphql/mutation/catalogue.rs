//! Maintaining parts, warehouses, engineers, warranty policies, service
//! contracts and holidays.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use service::usecase::master::{calendar, engineers, fault_causes, parts, tariffs, warranty};

use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::types::catalogue::{
    Engineer, FaultCause, Holiday, Part, ServiceContract, ServiceTariff, Warehouse, WarrantyPolicy,
};
use crate::graphql::types::enums::{FaultCategory, PartCategory};

#[derive(Default)]
pub struct CatalogueMutation;

/// A part's details.
#[derive(InputObject)]
pub struct PartInput {
    /// Part number (物料编码); unique.
    pub part_number: String,
    /// Part name.
    pub name: String,
    /// Standard price, used by quotes and old-part values.
    pub unit_price: Decimal,
    /// Weight in kg, for local sale at scrap-metal price.
    pub weight_kg: Decimal,
    /// Part category.
    pub category: PartCategory,
    /// Critical part (关重件): responsibility needs supplier analysis.
    #[graphql(default)]
    pub critical: bool,
    /// Imported part (进口件).
    #[graphql(default)]
    pub imported: bool,
    /// Set for a valuable part (贵重件): the most one requisition may take.
    pub valuable_limit: Option<i64>,
}

impl From<PartInput> for parts::PartInput {
    fn from(i: PartInput) -> Self {
        Self {
            part_number: i.part_number,
            name: i.name,
            unit_price: i.unit_price,
            weight_kg: i.weight_kg,
            category: i.category.into(),
            critical: i.critical,
            imported: i.imported,
            valuable_limit: i.valuable_limit,
        }
    }
}

/// Changes to a part.
#[derive(InputObject)]
pub struct UpdatePartInput {
    /// The part to change.
    pub id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: i32,
    /// The new details; every field is replaced.
    pub part: PartInput,
}

/// A warehouse's details.
#[derive(InputObject)]
pub struct WarehouseInput {
    /// Short unique code.
    pub code: String,
    /// Warehouse name.
    pub name: String,
    /// Province (region) the warehouse serves.
    pub region: String,
    /// The head-office warehouse rather than a regional one (驻外仓).
    #[graphql(default)]
    pub head_office: bool,
}

impl From<WarehouseInput> for parts::WarehouseInput {
    fn from(i: WarehouseInput) -> Self {
        Self { code: i.code, name: i.name, region: i.region, head_office: i.head_office }
    }
}

/// Changes to a warehouse.
#[derive(InputObject)]
pub struct UpdateWarehouseInput {
    /// The warehouse to change.
    pub id: ID,
    /// The new details; every field is replaced.
    pub warehouse: WarehouseInput,
}

/// An engineer's region, skills and availability.
#[derive(InputObject)]
pub struct UpdateEngineerInput {
    /// The engineer's user id.
    pub id: ID,
    /// The version read; a newer one on the server is `CONFLICT`.
    pub version: i32,
    /// Home region (province).
    pub region: String,
    /// Fault categories the engineer can repair.
    pub skills: Vec<FaultCategory>,
    /// On duty (not on leave). Off duty engineers are skipped by dispatch.
    pub on_duty: bool,
}

/// A warranty policy's details.
#[derive(InputObject)]
pub struct WarrantyPolicyInput {
    /// Short unique code.
    pub code: String,
    /// Policy name.
    pub name: String,
    /// Warranty period in months, from the invoice date (发票日期).
    pub duration_months: i64,
    /// Parts are free under this policy.
    #[graphql(default = true)]
    pub covers_parts: bool,
    /// Labour is free under this policy.
    #[graphql(default = true)]
    pub covers_labour: bool,
    /// False for a retired policy.
    #[graphql(default = true)]
    pub active: bool,
}

impl From<WarrantyPolicyInput> for warranty::WarrantyPolicyInput {
    fn from(i: WarrantyPolicyInput) -> Self {
        Self {
            code: i.code,
            name: i.name,
            duration_months: i.duration_months,
            covers_parts: i.covers_parts,
            covers_labour: i.covers_labour,
            active: i.active,
        }
    }
}

/// Changes to a warranty policy.
#[derive(InputObject)]
pub struct UpdateWarrantyPolicyInput {
    /// The policy to change.
    pub id: ID,
    /// The new details; every field is replaced.
    pub policy: WarrantyPolicyInput,
}

/// A service contract of one unit.
#[derive(InputObject)]
pub struct ServiceContractInput {
    /// Contract number (合同编号).
    pub contract_number: String,
    /// The covered unit (设备).
    pub unit_id: ID,
    /// First covered day.
    pub starts_on: NaiveDate,
    /// Last covered day.
    pub ends_on: NaiveDate,
    /// What the customer pays for the contract.
    pub price: Decimal,
}

/// Corrections to a service contract.
#[derive(InputObject)]
pub struct UpdateServiceContractInput {
    /// The contract to correct.
    pub id: ID,
    /// The corrected details; every field is replaced.
    pub contract: ServiceContractInput,
}

impl ServiceContractInput {
    fn into_service(self) -> async_graphql::Result<warranty::ServiceContractInput> {
        Ok(warranty::ServiceContractInput {
            unit_id: decode(Kind::Unit, &self.unit_id, "unitId")?,
            contract_number: self.contract_number,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            price: self.price,
        })
    }
}

/// A failure cause of the catalogue.
#[derive(InputObject)]
pub struct FaultCauseInput {
    /// Short code; saving an existing code updates that cause.
    pub code: String,
    /// The cause in words.
    pub name: String,
    /// The fault category it belongs to.
    pub fault_category: FaultCategory,
    /// False retires the cause.
    #[graphql(default = true)]
    pub active: bool,
}

/// The cause saved.
#[derive(SimpleObject)]
pub struct FaultCausePayload {
    /// The cause as stored.
    pub fault_cause: FaultCause,
}

/// A tariff from a date.
#[derive(InputObject)]
pub struct ServiceTariffInput {
    /// Per labour hour.
    pub labour_rate: Decimal,
    /// Per km of travel (quotes count there and back).
    pub travel_rate_per_km: Decimal,
    /// First day the tariff applies.
    pub effective_from: NaiveDate,
}

/// The tariff recorded.
#[derive(SimpleObject)]
pub struct ServiceTariffPayload {
    /// The tariff as recorded.
    pub tariff: ServiceTariff,
}

/// A day to declare.
#[derive(InputObject)]
pub struct HolidayInput {
    /// The date.
    pub day: NaiveDate,
    /// Name of the holiday, e.g. 春节.
    pub name: String,
    /// True for a weekend day declared a working day (调休).
    #[graphql(default)]
    pub working_day: bool,
}

/// A day to withdraw.
#[derive(InputObject)]
pub struct RemoveHolidayInput {
    /// The declared day to withdraw.
    pub id: ID,
}

/// The part written.
#[derive(SimpleObject)]
pub struct PartPayload {
    /// The part as stored.
    pub part: Part,
}

/// The warehouse written.
#[derive(SimpleObject)]
pub struct WarehousePayload {
    /// The warehouse as stored.
    pub warehouse: Warehouse,
}

/// The engineer written.
#[derive(SimpleObject)]
pub struct EngineerPayload {
    /// The engineer as stored.
    pub engineer: Engineer,
}

/// The policy written.
#[derive(SimpleObject)]
pub struct WarrantyPolicyPayload {
    /// The policy as stored.
    pub policy: WarrantyPolicy,
}

/// The contract written.
#[derive(SimpleObject)]
pub struct ServiceContractPayload {
    /// The contract as stored.
    pub contract: ServiceContract,
}

/// The day declared or withdrawn.
#[derive(SimpleObject)]
pub struct HolidayPayload {
    /// The day declared or withdrawn.
    pub holiday: Holiday,
}

#[Object]
impl CatalogueMutation {
    /// Adds a part to the catalogue (WAREHOUSE, SERVICE_MANAGER).
    async fn create_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The part's details.")] input: PartInput,
    ) -> async_graphql::Result<PartPayload> {
        let part = parts::create_part(db(ctx), actor(ctx)?, input.into()).await.gql()?;
        Ok(PartPayload { part: part.into() })
    }

    /// Updates a part (WAREHOUSE, SERVICE_MANAGER).
    async fn update_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which part, the version read and the new details.")] input: UpdatePartInput,
    ) -> async_graphql::Result<PartPayload> {
        let id = decode(Kind::Part, &input.id, "id")?;
        let part = parts::update_part(db(ctx), actor(ctx)?, id, Some(input.version), input.part.into())
            .await
            .gql()?;
        Ok(PartPayload { part: part.into() })
    }

    /// Adds a warehouse (WAREHOUSE, SERVICE_MANAGER).
    async fn create_warehouse(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The warehouse's details.")] input: WarehouseInput,
    ) -> async_graphql::Result<WarehousePayload> {
        let warehouse = parts::create_warehouse(db(ctx), actor(ctx)?, input.into()).await.gql()?;
        Ok(WarehousePayload { warehouse: warehouse.into() })
    }

    /// Updates a warehouse (WAREHOUSE, SERVICE_MANAGER).
    async fn update_warehouse(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which warehouse and the new details.")] input: UpdateWarehouseInput,
    ) -> async_graphql::Result<WarehousePayload> {
        let id = decode(Kind::Warehouse, &input.id, "id")?;
        let warehouse =
            parts::update_warehouse(db(ctx), actor(ctx)?, id, input.warehouse.into()).await.gql()?;
        Ok(WarehousePayload { warehouse: warehouse.into() })
    }

    /// Sets an engineer's region, skills and availability (SERVICE_MANAGER).
    async fn update_engineer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which engineer, the version read and the new settings.")]
        input: UpdateEngineerInput,
    ) -> async_graphql::Result<EngineerPayload> {
        let id = decode(Kind::User, &input.id, "id")?;
        let update = engineers::EngineerUpdate {
            region: input.region,
            skills: input.skills.into_iter().map(Into::into).collect(),
            on_duty: input.on_duty,
        };
        let engineer =
            engineers::update_engineer(db(ctx), actor(ctx)?, id, Some(input.version), update).await.gql()?;
        Ok(EngineerPayload { engineer: engineer.into() })
    }

    /// Adds a warranty policy (SERVICE_MANAGER).
    async fn create_warranty_policy(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The policy's details.")] input: WarrantyPolicyInput,
    ) -> async_graphql::Result<WarrantyPolicyPayload> {
        let policy = warranty::create_warranty_policy(db(ctx), actor(ctx)?, input.into()).await.gql()?;
        Ok(WarrantyPolicyPayload { policy: policy.into() })
    }

    /// Updates a warranty policy (SERVICE_MANAGER).
    async fn update_warranty_policy(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which policy and the new details.")] input: UpdateWarrantyPolicyInput,
    ) -> async_graphql::Result<WarrantyPolicyPayload> {
        let id = decode(Kind::WarrantyPolicy, &input.id, "id")?;
        let policy =
            warranty::update_warranty_policy(db(ctx), actor(ctx)?, id, input.policy.into()).await.gql()?;
        Ok(WarrantyPolicyPayload { policy: policy.into() })
    }

    /// Records a service contract for a unit (SERVICE_MANAGER).
    async fn create_service_contract(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contract's details.")] input: ServiceContractInput,
    ) -> async_graphql::Result<ServiceContractPayload> {
        let contract = input.into_service()?;
        let contract = warranty::create_service_contract(db(ctx), actor(ctx)?, contract).await.gql()?;
        Ok(ServiceContractPayload { contract: contract.into() })
    }

    /// Corrects a service contract (SERVICE_MANAGER).
    async fn update_service_contract(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which contract and the corrected details.")] input: UpdateServiceContractInput,
    ) -> async_graphql::Result<ServiceContractPayload> {
        let id = decode(Kind::ServiceContract, &input.id, "id")?;
        let contract = input.contract.into_service()?;
        let contract = warranty::update_service_contract(db(ctx), actor(ctx)?, id, contract).await.gql()?;
        Ok(ServiceContractPayload { contract: contract.into() })
    }

    /// Adds a failure cause to the catalogue or updates it (SERVICE_MANAGER, QUALITY).
    async fn save_fault_cause(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The cause.")] input: FaultCauseInput,
    ) -> async_graphql::Result<FaultCausePayload> {
        let cause = fault_causes::FaultCauseInput {
            code: input.code,
            name: input.name,
            fault_category: input.fault_category.into(),
            active: input.active,
        };
        let saved = fault_causes::save_fault_cause(db(ctx), actor(ctx)?, cause).await.gql()?;
        Ok(FaultCausePayload { fault_cause: saved.into() })
    }

    /// Records the tariff in force from a date (SERVICE_MANAGER, FINANCE).
    async fn set_service_tariff(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The rates and the first day they apply.")] input: ServiceTariffInput,
    ) -> async_graphql::Result<ServiceTariffPayload> {
        let tariff = tariffs::TariffInput {
            labour_rate: input.labour_rate,
            travel_rate_per_km: input.travel_rate_per_km,
            effective_from: input.effective_from,
        };
        let tariff = tariffs::set_tariff(db(ctx), actor(ctx)?, tariff).await.gql()?;
        Ok(ServiceTariffPayload { tariff: tariff.into() })
    }

    /// Declares a holiday or make-up working day (SERVICE_MANAGER).
    async fn declare_holiday(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The day to declare.")] input: HolidayInput,
    ) -> async_graphql::Result<HolidayPayload> {
        let day = calendar::HolidayInput { day: input.day, name: input.name, working_day: input.working_day };
        let holiday = calendar::declare_holiday(db(ctx), actor(ctx)?, day).await.gql()?;
        Ok(HolidayPayload { holiday: holiday.into() })
    }

    /// Withdraws a declared day (SERVICE_MANAGER).
    async fn remove_holiday(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The day to withdraw.")] input: RemoveHolidayInput,
    ) -> async_graphql::Result<HolidayPayload> {
        let id = decode(Kind::Holiday, &input.id, "id")?;
        let holiday = calendar::remove_holiday(db(ctx), actor(ctx)?, id).await.gql()?;
        Ok(HolidayPayload { holiday: holiday.into() })
    }
}
