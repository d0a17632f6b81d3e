//! What the ticket writer knows of the demo's machines and people: which
//! unit a ticket is about (chosen so that its entitlement, by the warranty
//! rules, gives the service type the story wants), the losses per
//! production batch (so no batch but the one the story is about adds up to
//! a quality incident), and the engineers' rotation.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};

use entity::enums::{Exclusion, FaultCategory};
use entity::{
    customer, engineer, engineer_skill, part, product_model, service_contract, unit, user, warranty_policy,
};

use super::data::{BATCH_MODEL, CAUSES, DemoCause, README_UNIT, Wanted};
use crate::error::ServiceResult;
use crate::policy::Policy;
use crate::rules::dispatch::{Candidate, next_in_rotation};
use crate::rules::entitlement::{ContractCover, Cover, Warranty, cover_on, date_exclusion};
use crate::rules::incidents::{Thresholds, classify};

/// A production batch: model and production date.
type Batch = (i64, NaiveDate);

pub(super) struct Fleet {
    /// Sold units, by id.
    pub units: Vec<unit::Model>,
    /// The units of the batch that comes back, in serial order.
    pub batch: Vec<unit::Model>,
    readme_unit: Option<i64>,
    months: HashMap<i64, u32>,
    contracts: HashMap<i64, Vec<ContractCover>>,
    pub distance: HashMap<i64, i32>,
    /// Part number → (id, unit price).
    pub parts: HashMap<String, (i64, Decimal)>,
    thresholds: Thresholds,
    /// Units with a fault report and the parts replaced, per batch.
    returns: HashMap<Batch, (HashSet<i64>, Decimal)>,
    /// Engineer user ids in id order, with their skills.
    engineers: Vec<(i64, HashSet<FaultCategory>)>,
    pub engineer_by_name: HashMap<String, i64>,
    /// When each engineer is back from the job they are out on.
    busy_until: HashMap<i64, DateTime<Utc>>,
    last_turn: HashMap<FaultCategory, i64>,
}

impl Fleet {
    pub async fn load(
        txn: &DatabaseTransaction,
        policy: &Policy,
        batch_day: NaiveDate,
    ) -> ServiceResult<Self> {
        let all = unit::Entity::find().order_by_asc(unit::Column::Id).all(txn).await?;
        let models = product_model::Entity::find().all(txn).await?;
        let policies: HashMap<i64, i32> = warranty_policy::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|p| (p.id, p.duration_months))
            .collect();
        // The months the warranty rules see: the policy's, else the model's default.
        let months = models
            .iter()
            .map(|m| {
                let months = m
                    .warranty_policy_id
                    .and_then(|p| policies.get(&p).copied())
                    .unwrap_or(m.default_warranty_months);
                (m.id, u32::try_from(months.max(0)).unwrap_or(0))
            })
            .collect();
        let batch_model = models.iter().find(|m| m.code == BATCH_MODEL).map(|m| m.id);
        let (batch, units): (Vec<unit::Model>, Vec<unit::Model>) = all
            .into_iter()
            .filter(|u| u.customer_id.is_some())
            .partition(|u| Some(u.product_model_id) == batch_model && u.production_date == batch_day);
        let mut contracts: HashMap<i64, Vec<ContractCover>> = HashMap::new();
        for c in service_contract::Entity::find().all(txn).await? {
            let cover = ContractCover { contract_id: c.id, starts_on: c.starts_on, ends_on: c.ends_on };
            contracts.entry(c.unit_id).or_default().push(cover);
        }
        let distance =
            customer::Entity::find().all(txn).await?.into_iter().map(|c| (c.id, c.distance_km)).collect();
        let parts = part::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|p| (p.part_number, (p.id, p.unit_price)))
            .collect();
        let mut skills: HashMap<i64, HashSet<FaultCategory>> = HashMap::new();
        for s in engineer_skill::Entity::find().all(txn).await? {
            skills.entry(s.engineer_id).or_default().insert(s.skill);
        }
        let on_duty: Vec<i64> = engineer::Entity::find()
            .filter(engineer::Column::Available.eq(true))
            .order_by_asc(engineer::Column::UserId)
            .all(txn)
            .await?
            .into_iter()
            .map(|e| e.user_id)
            .collect();
        let engineer_by_name = user::Entity::find()
            .filter(user::Column::Id.is_in(on_duty.clone()))
            .all(txn)
            .await?
            .into_iter()
            .map(|u| (u.username, u.id))
            .collect();
        let readme_unit = units.iter().find(|u| u.serial_number == README_UNIT).map(|u| u.id);
        Ok(Self {
            units,
            batch,
            readme_unit,
            months,
            contracts,
            distance,
            parts,
            thresholds: Thresholds {
                batch_units: policy.batch_incident_units,
                major_units: policy.major_incident_units,
                major_loss: policy.major_incident_loss,
            },
            returns: HashMap::new(),
            engineers: on_duty.into_iter().map(|id| (id, skills.remove(&id).unwrap_or_default())).collect(),
            engineer_by_name,
            busy_until: HashMap::new(),
            last_turn: HashMap::new(),
        })
    }

    /// What covers `u` on `on`, by the warranty rules.
    fn cover(&self, u: &unit::Model, on: NaiveDate) -> (Option<Warranty>, Cover) {
        let months = self.months.get(&u.product_model_id).copied().unwrap_or(12);
        let warranty = u.invoice_date.map(|starts_on| Warranty { starts_on, months });
        let contracts = self.contracts.get(&u.id).map_or(&[][..], |c| c.as_slice());
        (warranty, cover_on(warranty, contracts, on))
    }

    fn gives(&self, u: &unit::Model, wanted: Wanted, on: NaiveDate) -> bool {
        let (warranty, cover) = self.cover(u, on);
        match wanted {
            Wanted::Free | Wanted::Misuse => matches!(cover, Cover::Warranty { .. }),
            Wanted::Contract => matches!(cover, Cover::Contract { .. }),
            Wanted::Expired => date_exclusion(warranty, cover, on) == Some(Exclusion::Expired),
            Wanted::Guidance => true,
        }
    }

    /// Whether parts worth `cost` replaced on `u` leave its batch short of
    /// a quality incident (`rules::incidents`), counting every demo return
    /// of the batch whatever the period: only the story's batch is one.
    fn stays_quiet(&self, u: &unit::Model, cost: Decimal) -> bool {
        let (units, loss) =
            self.returns.get(&(u.product_model_id, u.production_date)).cloned().unwrap_or_default();
        let count = units.len() as i64 + i64::from(!units.contains(&u.id));
        classify(count, loss + cost, false, self.thresholds).is_none()
    }

    /// A sold unit (not of the batch, not the README's) whose entitlement
    /// on `on` gives `wanted`, and whose batch stays quiet with `cost` more.
    pub fn choose(
        &self,
        rng: &mut StdRng,
        wanted: Wanted,
        on: NaiveDate,
        cost: Decimal,
    ) -> Option<unit::Model> {
        let eligible = |u: &&unit::Model| Some(u.id) != self.readme_unit && self.stays_quiet(u, cost);
        let fits: Vec<&unit::Model> =
            self.units.iter().filter(eligible).filter(|u| self.gives(u, wanted, on)).collect();
        let pool = if fits.is_empty() { self.units.iter().filter(eligible).collect() } else { fits };
        (!pool.is_empty()).then(|| pool[rng.gen_range(0..pool.len())].clone())
    }

    /// Whether a unit may come back again (a repeat repair) with `cost`.
    pub fn may_return(&self, u: &unit::Model, cost: Decimal) -> bool {
        Some(u.id) != self.readme_unit && self.stays_quiet(u, cost)
    }

    /// Records a return of `u` with parts worth `cost`.
    pub fn returned(&mut self, u: &unit::Model, cost: Decimal) {
        let entry = self.returns.entry((u.product_model_id, u.production_date)).or_default();
        entry.0.insert(u.id);
        entry.1 += cost;
    }

    /// The engineer for a job of `skill` dispatched at `at`: the rotation's
    /// next one with the skill who is back from their last job
    /// (`rules::dispatch`), or, when all are out, whoever is back first (a
    /// manual assignment). Out until `back`.
    pub fn dispatch(&mut self, skill: FaultCategory, at: DateTime<Utc>, back: DateTime<Utc>) -> Option<i64> {
        let candidates: Vec<Candidate> = self
            .engineers
            .iter()
            .map(|(id, skills)| Candidate {
                engineer_id: *id,
                has_skill: skills.contains(&skill),
                on_duty: true,
                busy: self.busy_until.get(id).is_some_and(|until| *until > at),
            })
            .collect();
        let chosen = next_in_rotation(&candidates, self.last_turn.get(&skill).copied()).or_else(|| {
            candidates
                .iter()
                .filter(|c| c.has_skill)
                .min_by_key(|c| self.busy_until.get(&c.engineer_id).copied())
                .map(|c| c.engineer_id)
        })?;
        self.last_turn.insert(skill, chosen);
        self.assign(chosen, back);
        Some(chosen)
    }

    /// `engineer` is out on a job until `back`.
    pub fn assign(&mut self, engineer: i64, back: DateTime<Utc>) {
        let until = self.busy_until.entry(engineer).or_insert(back);
        *until = (*until).max(back);
    }
}

/// The catalogue's causes of a category.
pub(super) fn causes_of(category: FaultCategory) -> Vec<&'static DemoCause> {
    CAUSES.iter().filter(|c| c.category == category).collect()
}

/// The cause with `code`.
pub(super) fn cause(code: &str) -> Option<&'static DemoCause> {
    CAUSES.iter().find(|c| c.code == code)
}
