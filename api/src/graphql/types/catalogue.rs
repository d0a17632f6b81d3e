//! Parts, warehouses, engineers, warranty policies, service contracts and
//! holidays as the API shows them.

use async_graphql::{ID, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use entity::{holiday, part, service_contract, warehouse, warranty_policy};
use service::rules::money::cents;
use service::usecase::master::engineers::EngineerProfile;

use super::enums::{FaultCategory, PartCategory};
use crate::graphql::ids::{Kind, encode};

/// 物料: a spare part.
#[derive(SimpleObject)]
pub struct Part {
    pub id: ID,
    /// 物料编码.
    pub part_number: String,
    pub name: String,
    /// Standard price, used by quotes and old-part values.
    pub unit_price: Decimal,
    /// For local sale at scrap-metal price.
    pub weight_kg: Decimal,
    pub category: PartCategory,
    /// 关重件: responsibility needs supplier analysis.
    pub critical: bool,
    /// 进口件.
    pub imported: bool,
    /// 贵重件: requisitions are limited to `valuableLimit` per requisition.
    pub valuable: bool,
    pub valuable_limit: Option<i32>,
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
    pub id: ID,
    pub code: String,
    pub name: String,
    pub region: String,
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
pub struct Engineer {
    /// The engineer's user id.
    pub id: ID,
    pub username: String,
    pub display_name: String,
    pub phone: Option<String>,
    /// Home region (province).
    pub region: String,
    /// Off duty engineers are skipped by dispatch.
    pub available: bool,
    /// Fault categories the engineer can repair.
    pub skills: Vec<FaultCategory>,
    pub version: i32,
}

impl From<EngineerProfile> for Engineer {
    fn from(p: EngineerProfile) -> Self {
        Self {
            id: encode(Kind::User, p.user_id),
            username: p.username,
            display_name: p.display_name,
            phone: p.phone,
            region: p.region,
            available: p.available,
            skills: p.skills.into_iter().map(Into::into).collect(),
            version: p.version,
        }
    }
}

/// 保修政策: how long and what a warranty covers, from the invoice date.
#[derive(SimpleObject)]
pub struct WarrantyPolicy {
    pub id: ID,
    pub code: String,
    pub name: String,
    pub duration_months: i32,
    pub covers_parts: bool,
    pub covers_labour: bool,
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
    pub id: ID,
    pub contract_number: String,
    pub unit_id: ID,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
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
    pub id: ID,
    pub day: NaiveDate,
    pub name: String,
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
    pub labour_rate: Decimal,
    pub travel_rate_per_km: Decimal,
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
