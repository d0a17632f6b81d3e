//! `warrantyStatus`: the entitlement of any serial number on any date.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use entity::enums::{Exclusion, ServiceType};
use entity::{product_model, service_contract, unit, warranty_policy};

use crate::auth::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::entitlement::{ContractCover, Cover, Warranty, cover_on, date_exclusion, service_type};

/// A unit's entitlement on a date.
#[derive(Debug, Clone)]
pub struct Entitlement {
    pub unit: unit::Model,
    pub on: NaiveDate,
    /// The policy that applies (the unit's, else its model's); none means
    /// the model's default months.
    pub policy: Option<warranty_policy::Model>,
    /// The warranty by the dates, when the unit has been invoiced.
    pub warranty: Option<Warranty>,
    pub cover: Cover,
    pub contract: Option<service_contract::Model>,
    /// The exclusion the dates alone imply (`EXPIRED`).
    pub exclusion: Option<Exclusion>,
    pub service_type: ServiceType,
}

impl Entitlement {
    pub fn in_warranty(&self) -> bool {
        matches!(self.cover, Cover::Warranty { .. })
    }

    /// Cover of any kind (warranty or contract).
    pub fn covered(&self) -> bool {
        !matches!(self.cover, Cover::None)
    }

    /// Start and last day of what covers the unit on the date, else of the
    /// warranty it had.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        match (&self.cover, &self.contract, self.warranty) {
            (Cover::Contract { .. }, Some(c), _) => Some((c.starts_on, c.ends_on)),
            (_, _, Some(w)) => Some((w.starts_on, w.last_day())),
            _ => None,
        }
    }

    pub fn days_left(&self) -> i64 {
        match self.cover {
            Cover::Warranty { days_left, .. } | Cover::Contract { days_left, .. } => days_left,
            Cover::None => 0,
        }
    }

    /// Why the unit is not covered, in words for the agent.
    pub fn explanation(&self) -> String {
        match (&self.cover, self.warranty) {
            (Cover::Warranty { last_day, .. }, _) => format!("in warranty until {last_day}"),
            (Cover::Contract { last_day, .. }, _) => format!("under service contract until {last_day}"),
            (Cover::None, Some(w)) if self.on < w.starts_on => {
                format!("warranty starts on {} (the invoice date)", w.starts_on)
            }
            (Cover::None, Some(w)) => format!("warranty expired on {}", w.last_day()),
            (Cover::None, None) => "no invoice date: the unit has no warranty yet".to_owned(),
        }
    }
}

/// The entitlement of `unit` on `on`, from its policy and contracts.
pub async fn entitlement_of<C: ConnectionTrait>(
    db: &C,
    unit: unit::Model,
    on: NaiveDate,
) -> ServiceResult<Entitlement> {
    let model = product_model::Entity::find_by_id(unit.product_model_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("product model", unit.product_model_id))?;
    let policy = match unit.warranty_policy_id.or(model.warranty_policy_id) {
        Some(id) => warranty_policy::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let months = policy.as_ref().map_or(model.default_warranty_months, |p| p.duration_months);
    let warranty = unit
        .invoice_date
        .map(|starts_on| Warranty { starts_on, months: u32::try_from(months.max(0)).unwrap_or(0) });
    let contracts =
        service_contract::Entity::find().filter(service_contract::Column::UnitId.eq(unit.id)).all(db).await?;
    let covers: Vec<ContractCover> = contracts
        .iter()
        .map(|c| ContractCover { contract_id: c.id, starts_on: c.starts_on, ends_on: c.ends_on })
        .collect();
    let cover = cover_on(warranty, &covers, on);
    let contract = match cover {
        Cover::Contract { contract_id, .. } => contracts.into_iter().find(|c| c.id == contract_id),
        _ => None,
    };
    let exclusion = date_exclusion(warranty, cover, on);
    Ok(Entitlement {
        unit,
        on,
        policy,
        warranty,
        cover,
        contract,
        exclusion,
        service_type: service_type(cover, exclusion, false),
    })
}

/// `warrantyStatus(serialNumber, on)`: unknown serials (and another dealer's
/// units, for a dealer user) are `NOT_FOUND`.
pub async fn warranty_status<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    serial_number: &str,
    on: NaiveDate,
) -> ServiceResult<Entitlement> {
    actor.require_staff_or_dealer()?;
    let serial = serial_number.trim();
    let found = crate::usecase::master::units::by_serial(db, "serialNumber", serial)
        .await?
        .filter(|u| actor.can_see_dealer_record(u.dealer_id))
        .ok_or_else(|| ServiceError::not_found("unit", serial))?;
    entitlement_of(db, found, on).await
}
