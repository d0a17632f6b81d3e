//! The data generator behind `aftersales-api seed`: a realistic data set of
//! any size on top of the demo's master data, reproducible from its seed —
//! customers across provinces, dealers, engineers, units with production
//! and invoice dates, and tickets in every state with their events, repair
//! records and parts, old parts, return visits and complaints. A batch of
//! tickets and everything hanging off them goes in per transaction, by COPY
//! on PostgreSQL (multi-row INSERTs elsewhere), so a million tickets load
//! in minutes.
//!
//! What happens to one ticket is decided by [`life`], a plain function of
//! the random source and the report time.

mod fleet;
mod life;
mod tickets;
mod writer;

use std::time::{Duration as StdDuration, Instant};

use chrono::{NaiveDate, Utc};
use futures::{StreamExt, stream};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbBackend, EntityTrait};

pub use life::{Life, life, path_to};

use crate::demo;
use crate::error::ServiceResult;

/// Tickets (with all that hangs off them) per transaction.
const TICKET_BATCH: usize = 1_000;
/// Master-data rows per INSERT.
const ROW_BATCH: usize = 1_000;

/// Provinces and their distance from the service centre (km, low–high).
const PROVINCES: &[(&str, i32, i32)] = &[
    ("江苏", 20, 280),
    ("浙江", 150, 450),
    ("上海", 200, 320),
    ("安徽", 180, 600),
    ("山东", 300, 900),
    ("河南", 500, 1000),
    ("湖北", 600, 1100),
    ("广东", 1000, 1600),
    ("四川", 1500, 2000),
    ("新疆", 3000, 4200),
    ("河北", 800, 1200),
    ("辽宁", 1200, 1700),
];

/// How much to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedPlan {
    pub tickets: usize,
    pub units: usize,
    pub customers: usize,
    pub dealers: usize,
    pub engineers: usize,
    /// The same seed gives the same data.
    pub seed: u64,
    /// The last day tickets are reported on; they spread over two years
    /// before it.
    pub until: NaiveDate,
}

impl SeedPlan {
    /// A plan scaled to `tickets`: a unit for every four tickets, a
    /// customer for every five units.
    pub fn for_tickets(tickets: usize) -> Self {
        let units = (tickets / 4).max(50);
        Self {
            tickets,
            units,
            customers: (units / 5).max(20),
            dealers: (units / 2_000).clamp(10, 300),
            engineers: (tickets / 5_000).clamp(20, 500),
            seed: 42,
            until: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
        }
    }
}

/// What was written, and how long it took.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub customers: usize,
    pub dealers: usize,
    pub engineers: usize,
    pub units: usize,
    pub tickets: usize,
    pub events: usize,
    pub repair_records: usize,
    pub repair_parts: usize,
    pub old_parts: usize,
    pub visits: usize,
    pub complaints: usize,
    pub elapsed: StdDuration,
}

impl SeedReport {
    /// Adds the counts of what a batch wrote.
    fn add(&mut self, batch: &SeedReport) {
        self.tickets += batch.tickets;
        self.events += batch.events;
        self.repair_records += batch.repair_records;
        self.repair_parts += batch.repair_parts;
        self.old_parts += batch.old_parts;
        self.visits += batch.visits;
        self.complaints += batch.complaints;
    }

    pub fn rows(&self) -> usize {
        self.customers
            + self.dealers
            + self.engineers
            + self.units
            + self.tickets
            + self.events
            + self.repair_records
            + self.repair_parts
            + self.old_parts
            + self.visits
            + self.complaints
    }
}

/// Generates the plan's data into `db` (the demo data first, if absent).
pub async fn run(db: &DatabaseConnection, plan: &SeedPlan) -> ServiceResult<SeedReport> {
    let started = Instant::now();
    demo::load(db).await?;
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let tag = format!("S{}", plan.seed);
    let now = Utc::now();
    let fleet = fleet::Fleet::build(db, plan, &mut rng, &tag, now).await?;
    let mut report = SeedReport {
        customers: fleet.customers.len(),
        dealers: fleet.dealers.len(),
        engineers: fleet.engineers.len(),
        units: fleet.units.len(),
        ..SeedReport::default()
    };
    let run = tickets::Run { fleet: &fleet, tag: &tag, until: plan.until, now };
    // Each batch draws from its own random source, so the data is the same
    // whatever order the batches land in.
    let batches = (0..plan.tickets).step_by(TICKET_BATCH).enumerate().map(|(index, first)| {
        let mut rng = StdRng::seed_from_u64(plan.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index as u64);
        let numbers = first..(first + TICKET_BATCH).min(plan.tickets);
        let run = &run;
        async move { tickets::write_batch(db, run, &mut rng, numbers).await }
    });
    let mut written = stream::iter(batches).buffer_unordered(parallel_batches(db));
    while let Some(batch) = written.next().await {
        report.add(&batch?);
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Batches written at once: PostgreSQL gives each connection its own
/// process, so batches on several connections use several cores; SQLite
/// takes one writer at a time.
fn parallel_batches(db: &DatabaseConnection) -> usize {
    match db.get_database_backend() {
        DbBackend::Postgres => std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8),
        _ => 1,
    }
}

/// Inserts `rows` in batches and returns their ids in order.
async fn insert_keys<A>(db: &DatabaseConnection, rows: impl IntoIterator<Item = A>) -> ServiceResult<Vec<i64>>
where
    A: ActiveModelTrait + Send,
    A::Entity: EntityTrait,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
    <<A::Entity as EntityTrait>::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: Into<i64>,
{
    let rows: Vec<A> = rows.into_iter().collect();
    let mut ids = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROW_BATCH).collect();
        let keys = <A::Entity as EntityTrait>::insert_many(chunk).exec_with_returning_keys(db).await?;
        ids.extend(keys.into_iter().map(Into::into));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_scales_with_the_tickets() {
        let plan = SeedPlan::for_tickets(1_000_000);
        assert_eq!((plan.units, plan.customers, plan.dealers, plan.engineers), (250_000, 50_000, 125, 200));
        assert_eq!(SeedPlan::for_tickets(100).units, 50);
    }
}
