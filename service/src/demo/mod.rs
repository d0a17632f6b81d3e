//! The demo data set behind `aftersales-api --demo`: a crane and
//! construction-machine maker with dealers, customers across provinces,
//! hundreds of units, engineers with different skills and regions, parts
//! with stock, and one user per role; five months of service history told
//! relative to the load time (see `story`): most tickets on time, a batch
//! of excavators coming back with leaking seals this quarter, the desk's
//! open work. Deterministic (seeded), and loaded at most once: a second run
//! finds the marker dealer and adds nothing.

mod complaints;
mod data;
mod fleet;
mod old_parts;
mod records;
mod story;
mod tickets;

pub use data::README_UNIT;
pub use story::story_quarter;

use std::fmt;
use std::iter::repeat_n;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set,
};

use entity::enums::{FaultCategory, Role};
use entity::{
    customer, dealer, engineer, engineer_skill, holiday, part, product_model, service_contract,
    service_tariff, stock_level, unit, user, user_role, warehouse, warranty_policy,
};

use crate::audit::{self, AuditEntry};
use crate::auth::hash_password_blocking;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::usecase::master::calendar::business_calendar;
use data::*;

/// Every demo user signs in with this password.
pub const DEMO_PASSWORD: &str = "demo-2026";

/// What the loader did, printed at start.
pub struct DemoReport {
    pub loaded: bool,
    /// User names with their roles.
    pub users: Vec<(String, String)>,
    /// Demo user names that existed before and keep their own password.
    pub kept: Vec<String>,
}

impl DemoReport {
    fn already_loaded() -> Self {
        Self { loaded: false, users: demo_users(), kept: Vec::new() }
    }
}

impl fmt::Display for DemoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.loaded {
            writeln!(f, "Demo data loaded.")?;
        } else {
            writeln!(f, "Demo data already present; nothing added.")?;
        }
        writeln!(f, "Demo users (password for all: {DEMO_PASSWORD}):")?;
        for (username, roles) in &self.users {
            if self.kept.contains(username) {
                writeln!(f, "  {username:<12} {roles} (existed before the demo: its own password)")?;
            } else {
                writeln!(f, "  {username:<12} {roles}")?;
            }
        }
        Ok(())
    }
}

fn demo_users() -> Vec<(String, String)> {
    let staff = USERS.iter().map(|(u, _, roles, _)| {
        let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        (u.to_string(), roles.join(", "))
    });
    let engineers = ENGINEERS.iter().map(|(u, _, region, _)| (u.to_string(), format!("ENGINEER ({region})")));
    staff.chain(engineers).collect()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

/// Loads the demo set unless it is already there, in one transaction with
/// one audit entry. Two starts at once load it once: the loser of the race
/// finds the winner's data. A production database (see [`environment`])
/// is refused with `FORBIDDEN`: the demo's accounts have a published
/// password.
///
/// [`environment`]: crate::environment
pub async fn load(db: &DatabaseConnection) -> ServiceResult<DemoReport> {
    load_at(db, Utc::now()).await
}

/// [`load`], with the story told as of `now` (the present for `load`):
/// every date of the demo is relative to it.
pub async fn load_at(db: &DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<DemoReport> {
    if crate::environment::is_production(db).await? {
        return Err(ServiceError::Forbidden(format!(
            "this is a production database (a server with `production = true` has run on it): the demo \
             data's accounts share the published password `{DEMO_PASSWORD}` and are never loaded into it; \
             create real accounts with `aftersales-api user add`"
        )));
    }
    match load_once(db, now).await {
        Err(ServiceError::Conflict(_)) if is_loaded(db).await? => Ok(DemoReport::already_loaded()),
        other => other,
    }
}

async fn is_loaded<C: sea_orm::ConnectionTrait>(db: &C) -> ServiceResult<bool> {
    Ok(dealer::Entity::find().filter(dealer::Column::Code.eq(MARKER_DEALER)).one(db).await?.is_some())
}

async fn load_once(db: &DatabaseConnection, now: DateTime<Utc>) -> ServiceResult<DemoReport> {
    let password_hash = hash_password_blocking(DEMO_PASSWORD.to_owned()).await?;
    let txn = begin_write(db).await?;
    if is_loaded(&txn).await? {
        return Ok(DemoReport::already_loaded());
    }
    let mut seed = Seed { rng: StdRng::seed_from_u64(2026), now, password_hash, kept: Vec::new() };
    let dealers = seed.dealers(&txn).await?;
    seed.people(&txn, &dealers).await?;
    let models = seed.models(&txn).await?;
    let customers = seed.customers(&txn).await?;
    let batch_day = seed.units(&txn, &models, &customers, &dealers).await?;
    seed.contracts(&txn).await?;
    seed.parts_and_stock(&txn).await?;
    seed.calendar_and_tariff(&txn).await?;
    let today = seed.now.with_timezone(&Shanghai).date_naive();
    let calendar =
        business_calendar(&txn, Shanghai, today - Duration::days(400), today + Duration::days(60)).await?;
    let people = complaints::People::find(&txn).await?;
    let tickets = tickets::seed(&txn, seed.now, calendar, batch_day, &people).await?;
    let complaints = complaints::seed(&txn, &people, seed.now, &tickets).await?;
    let old_parts = old_parts::seed(&txn, seed.now).await?;
    let summary = serde_json::json!({
        "dealers": DEALERS.len(), "customers": CUSTOMERS, "units": UNITS, "parts": PARTS.len(),
        "tickets": tickets.len(), "oldParts": old_parts, "directComplaints": complaints,
        "users": USERS.len() + ENGINEERS.len() - seed.kept.len(), "keptExistingUsers": seed.kept,
    });
    let entry = AuditEntry {
        action: "demo.load",
        entity_type: "demo",
        entity_id: None,
        before: None,
        after: Some(summary),
    };
    audit::record(&txn, None, entry).await?;
    txn.commit().await?;
    Ok(DemoReport { loaded: true, users: demo_users(), kept: seed.kept })
}

struct Seed {
    rng: StdRng,
    now: DateTime<Utc>,
    password_hash: String,
    /// Demo user names that already existed and were left as they were.
    kept: Vec<String>,
}

/// A dealer's region, id and code.
type DealerRow = (String, i64, String);

impl Seed {
    async fn dealers(&mut self, txn: &DatabaseTransaction) -> ServiceResult<Vec<DealerRow>> {
        let mut rows = Vec::new();
        for (i, (code, name, region)) in DEALERS.iter().enumerate() {
            let created = dealer::ActiveModel {
                code: Set(code.to_string()),
                name: Set(name.to_string()),
                region: Set(region.to_string()),
                contact_name: Set(Some(format!("{region}区域经理"))),
                phone: Set(Some(format!("1390000{:04}", 1000 + i))),
                email: Set(Some(format!("{}@dealers.example.cn", code.to_lowercase()))),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            rows.push((region.to_string(), created.id, code.to_string()));
        }
        Ok(rows)
    }

    async fn people(&mut self, txn: &DatabaseTransaction, dealers: &[DealerRow]) -> ServiceResult<()> {
        for (username, display, roles, dealer_code) in USERS {
            let dealer_id =
                dealer_code.and_then(|c| dealers.iter().find(|(_, _, code)| code == c).map(|(_, id, _)| *id));
            let Some(id) = self.user(txn, username, display, dealer_id).await? else {
                continue;
            };
            for role in *roles {
                user_role::ActiveModel { user_id: Set(id), role: Set(*role) }.insert(txn).await?;
            }
        }
        for (username, display, region, skills) in ENGINEERS {
            let Some(id) = self.user(txn, username, display, None).await? else {
                continue;
            };
            user_role::ActiveModel { user_id: Set(id), role: Set(Role::Engineer) }.insert(txn).await?;
            engineer::ActiveModel {
                user_id: Set(id),
                region: Set(region.to_string()),
                available: Set(true),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                version: Set(1),
            }
            .insert(txn)
            .await?;
            for skill in *skills {
                let skill: FaultCategory = *skill;
                engineer_skill::ActiveModel { engineer_id: Set(id), skill: Set(skill) }.insert(txn).await?;
            }
        }
        Ok(())
    }

    /// Inserts a user unless the name is taken (an admin made before the
    /// demo, say), which is kept as it is.
    async fn user(
        &mut self,
        txn: &DatabaseTransaction,
        username: &str,
        display: &str,
        dealer_id: Option<i64>,
    ) -> ServiceResult<Option<i64>> {
        let existing = user::Entity::find().filter(user::Column::Username.eq(username)).one(txn).await?;
        if existing.is_some() {
            self.kept.push(username.to_owned());
            return Ok(None);
        }
        let created = user::ActiveModel {
            username: Set(username.to_string()),
            password_hash: Set(self.password_hash.clone()),
            display_name: Set(display.to_string()),
            email: Set(Some(format!("{}@aftersales.example.cn", username.replace('.', "_")))),
            phone: Set(None),
            dealer_id: Set(dealer_id),
            active: Set(true),
            created_at: Set(self.now),
            updated_at: Set(self.now),
            version: Set(1),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(Some(created.id))
    }

    /// Policies and models; returns each model's code and id.
    async fn models(&mut self, txn: &DatabaseTransaction) -> ServiceResult<Vec<(String, i64)>> {
        let mut policies = Vec::new();
        for (code, name, months) in POLICIES {
            let policy = warranty_policy::ActiveModel {
                code: Set(code.to_string()),
                name: Set(name.to_string()),
                duration_months: Set(*months),
                covers_parts: Set(true),
                covers_labour: Set(true),
                active: Set(true),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            policies.push((*months, policy.id));
        }
        let mut models = Vec::new();
        for (code, name, category, months, price) in MODELS {
            let policy = policies.iter().find(|(m, _)| m == months).map(|(_, id)| *id);
            let created = product_model::ActiveModel {
                code: Set(code.to_string()),
                name: Set(name.to_string()),
                category: Set(category.to_string()),
                default_warranty_months: Set(*months),
                sale_price: Set(Decimal::from(*price)),
                warranty_policy_id: Set(policy),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            models.push((code.to_string(), created.id));
        }
        Ok(models)
    }

    /// Customers; returns each one's province and id.
    async fn customers(&mut self, txn: &DatabaseTransaction) -> ServiceResult<Vec<(&'static str, i64)>> {
        let mut rows = Vec::new();
        for i in 0..CUSTOMERS {
            let (province, near, far) = PROVINCES[i % PROVINCES.len()];
            let stem = NAME_STEMS[i % NAME_STEMS.len()];
            let trade = TRADES[(i / NAME_STEMS.len()) % TRADES.len()];
            let created = customer::ActiveModel {
                name: Set(format!("{province}{stem}{trade}有限公司")),
                contact_name: Set(Some(format!("联系人{}", i + 1))),
                phone: Set(Some(format!("13{}{:08}", 5 + i % 5, 10_000_000 + i * 7919))),
                email: Set(Some(format!("service{}@customers.example.cn", i + 1))),
                address: Set(Some(format!("{province} 工业园区 {} 号", 10 + i))),
                province: Set(province.to_string()),
                distance_km: Set(self.rng.gen_range(near..=far)),
                key_customer: Set(i % 9 == 0),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            rows.push((province, created.id));
        }
        Ok(rows)
    }

    /// Units of every model in production runs over the last three years
    /// and more, and the batch of the story; serial numbers run per model in
    /// production order. Returns the batch's production date.
    async fn units(
        &mut self,
        txn: &DatabaseTransaction,
        models: &[(String, i64)],
        customers: &[(&'static str, i64)],
        dealers: &[DealerRow],
    ) -> ServiceResult<NaiveDate> {
        let today = self.now.with_timezone(&Shanghai).date_naive();
        let batch_day = today - Duration::days(BATCH_AGE_DAYS);
        let mut batch = Vec::with_capacity(UNITS);
        let mut i = 0;
        for (m, (code, model_id)) in models.iter().enumerate() {
            // The models' lines run staggered by a fortnight.
            let runs = (0..RUNS as i64).map(|run| OLDEST_RUN_DAYS - run * RUN_EVERY_DAYS - m as i64 * 13);
            let mut made: Vec<NaiveDate> =
                runs.flat_map(|age| repeat_n(today - Duration::days(age), RUN_SIZE)).collect();
            let is_batch_model = code == BATCH_MODEL;
            if is_batch_model {
                made.extend(repeat_n(batch_day, BATCH_SIZE));
                made.sort();
            }
            for (n, production) in made.into_iter().enumerate() {
                let (province, customer_id) = customers[self.rng.gen_range(0..customers.len())];
                // The batch sold fast; the rest within four months. Not
                // yet invoiced: still in stock.
                let to_sale = if is_batch_model && production == batch_day { 10..60 } else { 15..120 };
                let invoice = production + Duration::days(self.rng.gen_range(to_sale));
                let sold = invoice <= today - Duration::days(2);
                // Two in three sold through the province's dealer, the rest directly.
                let dealer = dealers
                    .iter()
                    .find(|(region, _, _)| region == province)
                    .filter(|_| sold && i % 3 != 0)
                    .map(|(_, id, _)| *id);
                i += 1;
                batch.push(unit::ActiveModel {
                    serial_number: Set(format!("{code}-{:05}", n + 1)),
                    product_model_id: Set(*model_id),
                    production_date: Set(production),
                    invoice_date: Set(sold.then_some(invoice)),
                    customer_id: Set(sold.then_some(customer_id)),
                    dealer_id: Set(dealer),
                    warranty_policy_id: Set(None),
                    created_at: Set(self.now),
                    updated_at: Set(self.now),
                    version: Set(1),
                    ..Default::default()
                });
            }
        }
        unit::Entity::insert_many(batch).exec(txn).await?;
        Ok(batch_day)
    }

    /// Extended cover for every seventeenth sold unit, from its second year.
    async fn contracts(&mut self, txn: &DatabaseTransaction) -> ServiceResult<()> {
        let sold = unit::Entity::find().filter(unit::Column::InvoiceDate.is_not_null()).all(txn).await?;
        for (n, u) in sold.iter().step_by(17).enumerate() {
            let Some(invoice) = u.invoice_date else { continue };
            let starts = invoice + Duration::days(365);
            service_contract::ActiveModel {
                contract_number: Set(format!("SC-{}-{:04}", starts.format("%Y"), n + 1)),
                unit_id: Set(u.id),
                starts_on: Set(starts),
                ends_on: Set(starts + Duration::days(730)),
                price: Set(Decimal::from(28_000 + 1_000 * (n as i64 % 5))),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        Ok(())
    }

    async fn parts_and_stock(&mut self, txn: &DatabaseTransaction) -> ServiceResult<()> {
        let mut warehouses = Vec::new();
        for (code, name, region, head_office) in WAREHOUSES {
            let created = warehouse::ActiveModel {
                code: Set(code.to_string()),
                name: Set(name.to_string()),
                region: Set(region.to_string()),
                head_office: Set(*head_office),
                keeper_user_id: Set(None),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            warehouses.push((created.id, *head_office));
        }
        for DemoPart(number, name, category, price, weight, critical, imported, limit) in PARTS {
            let created = part::ActiveModel {
                part_number: Set(number.to_string()),
                name: Set(name.to_string()),
                unit_price: Set(Decimal::from(*price)),
                weight_kg: Set(Decimal::from(*weight)),
                category: Set(*category),
                critical: Set(*critical),
                imported: Set(*imported),
                valuable: Set(limit.is_some()),
                valuable_limit: Set(*limit),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for (warehouse_id, head_office) in &warehouses {
                let safety = if *head_office { 10 } else { 3 };
                // One shelf in six runs low, so the low-stock list has something to show.
                let on_hand = if self.rng.gen_ratio(1, 6) {
                    self.rng.gen_range(0..safety)
                } else {
                    self.rng.gen_range(safety..safety * 4)
                };
                stock_level::ActiveModel {
                    warehouse_id: Set(*warehouse_id),
                    part_id: Set(created.id),
                    on_hand: Set(on_hand),
                    safety_stock: Set(safety),
                    updated_at: Set(self.now),
                    version: Set(1),
                }
                .insert(txn)
                .await?;
            }
        }
        Ok(())
    }

    async fn calendar_and_tariff(&mut self, txn: &DatabaseTransaction) -> ServiceResult<()> {
        for (day, name, working_day) in HOLIDAYS {
            holiday::ActiveModel {
                day: Set(date(day)),
                name: Set(name.to_string()),
                working_day: Set(*working_day),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        service_tariff::ActiveModel {
            labour_rate: Set(Decimal::from(LABOUR_RATE)),
            travel_rate_per_km: Set(Decimal::new(TRAVEL_RATE_TENTHS, 1)),
            effective_from: Set(date("2023-01-01")),
            created_at: Set(self.now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(())
    }
}
