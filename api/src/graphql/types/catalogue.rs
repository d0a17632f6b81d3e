//! Parts, warehouses, engineers, warranty policies, service contracts and
//! holidays as the API shows them.

use std::collections::BTreeSet;

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use entity::{engineer, holiday, part, service_contract, user, warehouse, warranty_policy};
use service::rules::money::cents;
use service::usecase::master::engineers::EngineerProfile;

use super::enums::{FaultCategory, PartCategory};
use super::ticket::Ticket;
use crate::graphql::context::{actor, load};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::{
    BusyTicketsByEngineerLoader, DispatchableEngineerLoader, SkillsByEngineerLoader,
};

/// 物料: a spare part.
#[derive(SimpleObject)]
pub struct Part {
    /// Opaque part id.
    pub id: ID,
    /// 物料编码.
    pub part_number: String,
    /// Part name.
    pub name: String,
    /// Standard price, used by quotes and old-part values.
    pub unit_price: Decimal,
    /// For local sale at scrap-metal price.
    pub weight_kg: Decimal,
    /// Part category.
    pub category: PartCategory,
    /// 关重件: responsibility needs supplier analysis.
    pub critical: bool,
    /// 进口件.
    pub imported: bool,
    /// 贵重件: requisitions are limited to `valuableLimit` per requisition.
    pub valuable: bool,
    /// Most one requisition may take (限量领用); set for valuable parts.
    pub valuable_limit: Option<i32>,
    /// Optimistic-lock version: send it back with an update.
    pub version: i32,
}

impl From<part::Model> for Part {
    fn from(m: part::Model) -> Self {
        Self {
            id: encode(Kind::Part, m.id),
            part_number: m.part_number,
            name: m.name,
            unit_price: cents(m.unit_price),
            weight_kg: m.weight_kg.round_dp(3).normalize(),
            category: m.category.into(),
            critical: m.critical,
            imported: m.imported,
            valuable: m.valuable,
            valuable_limit: m.valuable_limit,
            version: m.version,
        }
    }
}

/// A warehouse: head office or a regional one (驻外仓).
#[derive(SimpleObject)]
pub struct Warehouse {
    /// Opaque warehouse id.
    pub id: ID,
    /// Short unique code.
    pub code: String,
    /// Warehouse name.
    pub name: String,
    /// Province (region) the warehouse serves.
    pub region: String,
    /// The head-office warehouse rather than a regional one (驻外仓).
    pub head_office: bool,
}

impl From<warehouse::Model> for Warehouse {
    fn from(m: warehouse::Model) -> Self {
        Self {
            id: encode(Kind::Warehouse, m.id),
            code: m.code,
            name: m.name,
            region: m.region,
            head_office: m.head_office,
        }
    }
}

/// 服务工程师: who dispatch can send.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Engineer {
    /// The engineer's user id.
    pub id: ID,
    /// The engineer's sign-in name.
    pub username: String,
    /// Name shown to other users.
    pub display_name: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Home region (province).
    pub region: String,
    /// On duty (not on leave). Off duty engineers are skipped by dispatch.
    pub on_duty: bool,
    /// Optimistic-lock version: send it back with an update.
    pub version: i32,
    #[graphql(skip)]
    pub user_id: i64,
    /// The skills when they were read with the engineer; else they are
    /// loaded only if asked for.
    #[graphql(skip)]
    pub known_skills: Option<Vec<FaultCategory>>,
}

#[ComplexObject]
impl Engineer {
    /// Fault categories the engineer can repair.
    async fn skills(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<FaultCategory>> {
        if let Some(skills) = &self.known_skills {
            return Ok(skills.clone());
        }
        let rows = load::<SkillsByEngineerLoader, _>(ctx, Some(self.user_id)).await?.unwrap_or_default();
        let ordered: BTreeSet<_> = rows.into_iter().map(|row| row.skill).collect();
        Ok(ordered.into_iter().map(Into::into).collect())
    }

    /// Dispatch could send them now: an active engineer, on duty and not
    /// out on a job (a dispatched or on-site ticket). The rotation also
    /// needs the skill.
    async fn available(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        if !self.on_duty || !self.busy_tickets(ctx).await?.is_empty() {
            return Ok(false);
        }
        Ok(load::<DispatchableEngineerLoader, _>(ctx, Some(self.user_id)).await?.unwrap_or(false))
    }

    /// The jobs that keep them busy (the ones the viewer may see).
    async fn busy_with(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Ticket>> {
        let scope = actor(ctx)?.dealer_scope();
        Ok(self
            .busy_tickets(ctx)
            .await?
            .into_iter()
            .filter(|t| scope.is_none() || t.dealer_id == scope)
            .map(Ticket::from)
            .collect())
    }
}

impl Engineer {
    async fn busy_tickets(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<entity::ticket::Model>> {
        Ok(load::<BusyTicketsByEngineerLoader, _>(ctx, Some(self.user_id)).await?.unwrap_or_default())
    }
}

impl From<EngineerProfile> for Engineer {
    fn from(p: EngineerProfile) -> Self {
        Self {
            id: encode(Kind::User, p.user_id),
            username: p.username,
            display_name: p.display_name,
            phone: p.phone,
            region: p.region,
            on_duty: p.on_duty,
            version: p.version,
            user_id: p.user_id,
            known_skills: Some(p.skills.into_iter().map(Into::into).collect()),
        }
    }
}

/// An engineer read with its user, skills left to load when asked for.
impl From<(engineer::Model, user::Model)> for Engineer {
    fn from((engineer, user): (engineer::Model, user::Model)) -> Self {
        Self {
            id: encode(Kind::User, engineer.user_id),
            username: user.username,
            display_name: user.display_name,
            phone: user.phone,
            region: engineer.region,
            on_duty: engineer.available,
            version: engineer.version,
            user_id: engineer.user_id,
            known_skills: None,
        }
    }
}

/// 保修政策: how long and what a warranty covers, from the invoice date.
#[derive(SimpleObject)]
pub struct WarrantyPolicy {
    /// Opaque warranty policy id.
    pub id: ID,
    /// Short unique code.
    pub code: String,
    /// Policy name.
    pub name: String,
    /// Warranty period in months, from the invoice date (发票日期).
    pub duration_months: i32,
    /// Parts are free under this policy.
    pub covers_parts: bool,
    /// Labour is free under this policy.
    pub covers_labour: bool,
    /// False for a retired policy.
    pub active: bool,
}

impl From<warranty_policy::Model> for WarrantyPolicy {
    fn from(m: warranty_policy::Model) -> Self {
        Self {
            id: encode(Kind::WarrantyPolicy, m.id),
            code: m.code,
            name: m.name,
            duration_months: m.duration_months,
            covers_parts: m.covers_parts,
            covers_labour: m.covers_labour,
            active: m.active,
        }
    }
}

/// 服务合同: extended cover of one unit (parts at cost, labour free).
#[derive(SimpleObject)]
pub struct ServiceContract {
    /// Opaque service contract id.
    pub id: ID,
    /// Contract number (合同编号).
    pub contract_number: String,
    /// The covered unit (设备).
    pub unit_id: ID,
    /// First covered day.
    pub starts_on: NaiveDate,
    /// Last covered day.
    pub ends_on: NaiveDate,
    /// What the customer paid for the contract.
    pub price: Decimal,
}

impl From<service_contract::Model> for ServiceContract {
    fn from(m: service_contract::Model) -> Self {
        Self {
            id: encode(Kind::ServiceContract, m.id),
            contract_number: m.contract_number,
            unit_id: encode(Kind::Unit, m.unit_id),
            starts_on: m.starts_on,
            ends_on: m.ends_on,
            price: cents(m.price),
        }
    }
}

/// A declared public holiday, or a weekend declared a working day (调休).
#[derive(SimpleObject)]
pub struct Holiday {
    /// Opaque holiday id.
    pub id: ID,
    /// The declared date.
    pub day: NaiveDate,
    /// Name of the holiday, e.g. 春节.
    pub name: String,
    /// True for a weekend day declared a working day (调休).
    pub working_day: bool,
}

impl From<holiday::Model> for Holiday {
    fn from(m: holiday::Model) -> Self {
        Self { id: encode(Kind::Holiday, m.id), day: m.day, name: m.name, working_day: m.working_day }
    }
}

/// 收费标准: labour per hour and travel per km, from a date.
#[derive(SimpleObject)]
pub struct ServiceTariff {
    /// Price per labour hour.
    pub labour_rate: Decimal,
    /// Price per km of travel (quotes count there and back).
    pub travel_rate_per_km: Decimal,
    /// First day the tariff applies.
    pub effective_from: NaiveDate,
}

impl From<entity::service_tariff::Model> for ServiceTariff {
    fn from(m: entity::service_tariff::Model) -> Self {
        Self {
            labour_rate: m.labour_rate.normalize(),
            travel_rate_per_km: m.travel_rate_per_km.normalize(),
            effective_from: m.effective_from,
        }
    }
}

/// 故障原因: a failure cause of the catalogue that repair records name and
/// the recurrence report counts.
#[derive(SimpleObject)]
pub struct FaultCause {
    /// Short code, e.g. `HY-SEAL-AGING`; repair records give it.
    pub code: String,
    /// The cause in words, e.g. 油缸密封老化.
    pub name: String,
    /// The fault category it belongs to.
    pub fault_category: FaultCategory,
    /// Retired causes stay for history but are not accepted in new repairs.
    pub active: bool,
}

impl From<entity::fault_cause::Model> for FaultCause {
    fn from(m: entity::fault_cause::Model) -> Self {
        Self { code: m.code, name: m.name, fault_category: m.fault_category.into(), active: m.active }
    }
}
