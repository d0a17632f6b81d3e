//! The data generator behind `aftersales-api seed`: a realistic data set of
//! any size on top of the demo's master data, reproducible from its seed —
//! customers across provinces, dealers, engineers, units with production
//! and invoice dates, and tickets in every state with their events, repair
//! records and parts, old parts, return visits and complaints. Rows go in
//! as multi-row INSERTs, a batch of tickets and everything hanging off them
//! per transaction, so a million tickets load in minutes on PostgreSQL.
//!
//! What happens to one ticket is decided by [`life`], a plain function of
//! the random source and the report time.

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set, TransactionTrait};

use entity::enums::{
    Channel, ComplaintCategory, ComplaintStatus, FaultCategory, OldPartStatus, Role, ServiceType, Severity,
    TicketStatus, VisitChannel, VisitKind,
};
use entity::{
    complaint, customer, dealer, engineer, fault_cause, old_part, part, product_model, repair_part,
    repair_record, return_visit, ticket, ticket_event, unit, user, user_role,
};

use crate::auth::hash_password_blocking;
use crate::demo::{self, DEMO_PASSWORD};
use crate::error::{ServiceError, ServiceResult};

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

/// One ticket's course, decided up front; times are hours after the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Life {
    pub status: TicketStatus,
    pub service_type: Option<ServiceType>,
    pub replied: Option<f64>,
    pub arrived: Option<f64>,
    pub repaired: Option<f64>,
    pub accepted: Option<f64>,
    pub closed: Option<f64>,
    pub rework: bool,
    /// Satisfaction 1–5 of the return visit, when one was made.
    pub visit: Option<i16>,
    pub complaint: bool,
}

/// The statuses a ticket passes through on its way to `status`.
pub fn path_to(status: TicketStatus) -> &'static [TicketStatus] {
    use TicketStatus::*;
    const FULL: [TicketStatus; 8] =
        [Reported, Accepted, Dispatched, OnSite, Repaired, CustomerAccepted, Visited, Closed];
    match status {
        Cancelled => &[Reported, Cancelled],
        ReturnedToFactory => &[Reported, Accepted, Dispatched, OnSite, ReturnedToFactory],
        _ => {
            let end = FULL.iter().position(|s| *s == status).unwrap_or(0);
            &FULL[..=end]
        }
    }
}

/// What happens to a ticket reported `age_hours` before the data set ends:
/// most are closed once time allows; some are cancelled, sent back to the
/// factory or still open at some stage, whatever their age.
pub fn life(rng: &mut StdRng, age_hours: f64) -> Life {
    use TicketStatus::*;
    let replied = rng.gen_range(0.2..30.0);
    let arrived = replied + rng.gen_range(1.0..50.0);
    let repaired = arrived + rng.gen_range(0.5..12.0);
    let accepted = repaired + rng.gen_range(0.5..48.0);
    let closed = accepted + rng.gen_range(24.0..120.0);
    // As far as time has allowed...
    let by_time = [(closed, Closed), (accepted, Visited), (repaired, Repaired), (arrived, OnSite)]
        .into_iter()
        .find(|(at, _)| *at <= age_hours)
        .map_or(if replied <= age_hours { Dispatched } else { Reported }, |(_, s)| s);
    let roll: f64 = rng.r#gen();
    let mut status = if roll < 0.03 {
        Cancelled
    } else if roll < 0.05 && path_to(by_time).contains(&OnSite) {
        ReturnedToFactory
    } else if roll < 0.12 {
        // ...or less far: still open, waiting on a part, on the customer.
        let stalled = [Reported, Accepted, Dispatched, OnSite, Repaired, CustomerAccepted, Visited]
            [rng.gen_range(0..7)];
        if path_to(by_time).contains(&stalled) { stalled } else { by_time }
    } else {
        by_time
    };
    if status == Visited && rng.gen_bool(0.5) {
        status = CustomerAccepted;
    }
    let path = path_to(status);
    let reached = |s: TicketStatus| path.contains(&s);
    let service_type = reached(Accepted).then(|| match rng.gen_range(0..20) {
        0..=13 => ServiceType::Free,
        14..=15 => ServiceType::Contract,
        16..=18 => ServiceType::Paid,
        _ => ServiceType::Other,
    });
    let visited = reached(Visited);
    Life {
        status,
        service_type,
        replied: reached(Accepted).then_some(replied),
        arrived: reached(OnSite).then_some(arrived),
        repaired: reached(Repaired).then_some(repaired),
        accepted: reached(CustomerAccepted).then_some(accepted),
        closed: reached(Closed).then_some(closed),
        rework: reached(Repaired) && rng.gen_bool(0.03),
        visit: visited.then(|| *[5, 5, 5, 4, 4, 4, 4, 3, 2, 1].get(rng.gen_range(0..10)).unwrap_or(&5)),
        complaint: rng.gen_bool(0.01),
    }
}

/// Generates the plan's data into `db` (the demo data first, if absent).
pub async fn run(db: &DatabaseConnection, plan: &SeedPlan) -> ServiceResult<SeedReport> {
    let started = Instant::now();
    demo::load(db).await?;
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let tag = format!("S{}", plan.seed);
    let now = Utc::now();
    let mut report = SeedReport::default();

    let models: Vec<(i64, FaultCategory)> = product_model::Entity::find()
        .order_by_asc(product_model::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, category_of(&m.category)))
        .collect();
    let parts: Vec<(i64, Decimal)> = part::Entity::find()
        .order_by_asc(part::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.unit_price))
        .collect();
    let causes: Vec<(String, String)> = fault_cause::Entity::find()
        .order_by_asc(fault_cause::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    if models.is_empty() || parts.is_empty() || causes.is_empty() {
        return Err(ServiceError::Internal("the demo master data is missing".into()));
    }

    // Dealers, customers, engineers, units.
    let dealers = insert_keys(
        db,
        (0..plan.dealers).map(|i| {
            let (province, _, _) = PROVINCES[i % PROVINCES.len()];
            dealer::ActiveModel {
                code: Set(format!("{tag}-D{i:04}")),
                name: Set(format!("{province}代理{i}")),
                region: Set(province.to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
        }),
    )
    .await?;
    report.dealers = dealers.len();
    let mut customer_rows = Vec::with_capacity(plan.customers);
    let mut customer_regions = Vec::with_capacity(plan.customers);
    for i in 0..plan.customers {
        let (province, near, far) = PROVINCES[rng.gen_range(0..PROVINCES.len())];
        customer_regions.push(province);
        customer_rows.push(customer::ActiveModel {
            name: Set(format!("{province}客户{tag}-{i}")),
            contact_name: Set(Some(format!("联系人{i}"))),
            phone: Set(Some(format!("139{:08}", i % 100_000_000))),
            province: Set(province.to_owned()),
            distance_km: Set(rng.gen_range(near..=far)),
            key_customer: Set(rng.gen_bool(0.05)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        });
    }
    let customers = insert_keys(db, customer_rows).await?;
    report.customers = customers.len();

    let password_hash = hash_password_blocking(DEMO_PASSWORD.to_owned()).await?;
    let engineer_users = insert_keys(
        db,
        (0..plan.engineers).map(|i| user::ActiveModel {
            username: Set(format!("{}.eng{i}", tag.to_lowercase())),
            password_hash: Set(password_hash.clone()),
            display_name: Set(format!("工程师{i}")),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }),
    )
    .await?;
    let engineer_regions: Vec<&str> =
        (0..engineer_users.len()).map(|i| PROVINCES[i % PROVINCES.len()].0).collect();
    for (chunk, regions) in engineer_users.chunks(ROW_BATCH).zip(engineer_regions.chunks(ROW_BATCH)) {
        let roles =
            chunk.iter().map(|id| user_role::ActiveModel { user_id: Set(*id), role: Set(Role::Engineer) });
        user_role::Entity::insert_many(roles).exec_without_returning(db).await?;
        let rows = chunk.iter().zip(regions).map(|(id, region)| engineer::ActiveModel {
            user_id: Set(*id),
            region: Set((*region).to_owned()),
            available: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        });
        engineer::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    report.engineers = engineer_users.len();

    let until = plan.until;
    let mut unit_rows = Vec::with_capacity(plan.units);
    let mut unit_facts = Vec::with_capacity(plan.units);
    for i in 0..plan.units {
        let model = rng.gen_range(0..models.len());
        let made = until - Duration::days(rng.gen_range(60..1_400));
        let invoiced = made + Duration::days(rng.gen_range(10..120));
        let owner = rng.gen_range(0..customers.len());
        let dealer =
            (!dealers.is_empty() && rng.gen_bool(0.7)).then(|| dealers[rng.gen_range(0..dealers.len())]);
        unit_facts.push((owner, dealer, model));
        unit_rows.push(unit::ActiveModel {
            serial_number: Set(format!("{tag}-{i:08}")),
            product_model_id: Set(models[model].0),
            production_date: Set(made),
            invoice_date: Set((invoiced <= until).then_some(invoiced)),
            customer_id: Set(Some(customers[owner])),
            dealer_id: Set(dealer),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        });
    }
    let units = insert_keys(db, unit_rows).await?;
    report.units = units.len();

    // Tickets, a batch per transaction, with all that hangs off them.
    let end = until.and_hms_opt(23, 0, 0).unwrap_or_default().and_utc();
    let span_hours = 2.0 * 365.0 * 24.0;
    let mut written = 0;
    while written < plan.tickets {
        let size = TICKET_BATCH.min(plan.tickets - written);
        let mut lives = Vec::with_capacity(size);
        let mut rows = Vec::with_capacity(size);
        for n in written..written + size {
            let age = rng.gen_range(0.0..span_hours);
            let reported = end - hours(age);
            let life = life(&mut rng, age);
            let which = rng.gen_range(0..units.len());
            let (owner, dealer, model) = unit_facts[which];
            let engineer = (life.arrived.is_some() || life.status == TicketStatus::Dispatched)
                .then(|| engineer_users[rng.gen_range(0..engineer_users.len())]);
            let at = |h: Option<f64>| h.map(|h| reported + hours(h));
            rows.push(ticket::ActiveModel {
                number: Set(format!("SR{tag}-{n:09}")),
                channel: Set([Channel::Phone, Channel::Web, Channel::Dealer, Channel::Email][n % 4]),
                customer_id: Set(customers[owner]),
                unit_id: Set(units[which]),
                dealer_id: Set(dealer),
                fault_description: Set("设备故障报修".into()),
                fault_category: Set(models[model].1),
                severity: Set(if n % 50 == 0 { Severity::Major } else { Severity::General }),
                status: Set(life.status),
                service_type: Set(life.service_type),
                engineer_id: Set(engineer),
                reported_at: Set(reported),
                reply_due_at: Set(reported + Duration::hours(24)),
                replied_at: Set(at(life.replied)),
                arrival_due_at: Set(reported + Duration::hours(48)),
                arrived_at: Set(at(life.arrived)),
                repaired_at: Set(at(life.repaired)),
                customer_accepted_at: Set(at(life.accepted)),
                closed_at: Set(at(life.closed)),
                rework_count: Set(i32::from(life.rework)),
                personal_injury: Set(false),
                created_at: Set(reported),
                updated_at: Set(reported),
                version: Set(1),
                ..Default::default()
            });
            lives.push((life, reported, engineer, owner, which));
        }
        let txn = db.begin().await?;
        let ids = ticket::Entity::insert_many(rows).exec_with_returning_keys(&txn).await?;
        let mut events = Vec::new();
        let mut records = Vec::new();
        let mut visits = Vec::new();
        let mut complaints = Vec::new();
        for (id, (life, reported, engineer, owner, _)) in ids.iter().zip(&lives) {
            let times = [
                None,
                life.replied,
                life.replied,
                life.arrived,
                life.repaired,
                life.accepted,
                life.accepted,
                life.closed,
            ];
            for (step, pair) in path_to(life.status).windows(2).enumerate() {
                let after = times.get(step + 1).copied().flatten().unwrap_or(0.5 * (step + 1) as f64);
                events.push(ticket_event::ActiveModel {
                    ticket_id: Set(*id),
                    from_status: Set(Some(pair[0])),
                    to_status: Set(pair[1]),
                    created_at: Set(*reported + hours(after)),
                    ..Default::default()
                });
            }
            if let (Some(arrived), Some(repaired), Some(engineer)) = (life.arrived, life.repaired, engineer) {
                let (code, _) = &causes[rng.gen_range(0..causes.len())];
                records.push((
                    *id,
                    repair_record::ActiveModel {
                        ticket_id: Set(*id),
                        engineer_id: Set(*engineer),
                        arrived_at: Set(*reported + hours(arrived)),
                        fault_cause: Set(code.clone()),
                        measures: Set("检查并更换故障件".into()),
                        labour_hours: Set(Decimal::new(rng.gen_range(5..80), 1)),
                        completed_at: Set(*reported + hours(repaired)),
                        created_at: Set(*reported + hours(repaired)),
                        updated_at: Set(*reported + hours(repaired)),
                        version: Set(1),
                        ..Default::default()
                    },
                ));
            }
            if let (Some(score), Some(accepted)) = (life.visit, life.accepted) {
                let at = *reported + hours(accepted + 60.0);
                visits.push(return_visit::ActiveModel {
                    ticket_id: Set(Some(*id)),
                    customer_id: Set(customers[*owner]),
                    kind: Set(VisitKind::AfterRepair),
                    due_at: Set(at),
                    channel: Set(Some(VisitChannel::Phone)),
                    satisfaction: Set(Some(score)),
                    solved: Set(Some(score >= 3)),
                    visited_at: Set(Some(at)),
                    created_at: Set(at),
                    updated_at: Set(at),
                    version: Set(1),
                    ..Default::default()
                });
            }
            if life.complaint {
                let at = *reported + Duration::hours(30);
                let category = [
                    ComplaintCategory::ServiceAttitude,
                    ComplaintCategory::Quality,
                    ComplaintCategory::Delivery,
                    ComplaintCategory::Price,
                ][rng.gen_range(0..4)];
                complaints.push(complaint::ActiveModel {
                    number: Set(format!("CP{tag}-{id}")),
                    ticket_id: Set(Some(*id)),
                    customer_id: Set(customers[*owner]),
                    category: Set(category),
                    severity: Set(Severity::General),
                    description: Set("客户投诉".into()),
                    received_at: Set(at),
                    attributable_to_service: Set(category == ComplaintCategory::ServiceAttitude),
                    status: Set(ComplaintStatus::Closed),
                    closed_at: Set(Some(at + Duration::hours(48))),
                    created_at: Set(at),
                    updated_at: Set(at),
                    version: Set(1),
                    ..Default::default()
                });
            }
        }
        report.events += insert_all(&txn, events).await?;
        report.visits += insert_all(&txn, visits).await?;
        report.complaints += insert_all(&txn, complaints).await?;
        let (record_tickets, record_rows): (Vec<i64>, Vec<_>) = records.into_iter().unzip();
        let record_ids = if record_rows.is_empty() {
            Vec::new()
        } else {
            repair_record::Entity::insert_many(record_rows).exec_with_returning_keys(&txn).await?
        };
        report.repair_records += record_ids.len();
        let mut used = Vec::new();
        let mut old = Vec::new();
        for (record, ticket_id) in record_ids.iter().zip(&record_tickets) {
            let Some(position) = ids.iter().position(|id| id == ticket_id) else { continue };
            let (life, reported, engineer, _, which) = &lives[position];
            for _ in 0..rng.gen_range(0..4) {
                let (part_id, price) = parts[rng.gen_range(0..parts.len())];
                let quantity = rng.gen_range(1..3);
                used.push(repair_part::ActiveModel {
                    repair_record_id: Set(*record),
                    part_id: Set(part_id),
                    quantity: Set(quantity),
                    unit_price: Set(price),
                    ..Default::default()
                });
                if rng.gen_bool(0.5) {
                    let completed = (*reported + hours(life.repaired.unwrap_or(0.0))).date_naive();
                    let back = completed + Duration::days(rng.gen_range(2..20));
                    let status = if back > until { OldPartStatus::Pending } else { OldPartStatus::Received };
                    old.push(old_part::ActiveModel {
                        ticket_id: Set(*ticket_id),
                        approval_number: Set(format!("SR{tag}-{ticket_id}")),
                        unit_id: Set(units[*which]),
                        part_id: Set(part_id),
                        quantity: Set(quantity),
                        unit_price: Set(price),
                        total: Set(price * Decimal::from(quantity)),
                        engineer_id: Set(engineer.unwrap_or_default()),
                        region: Set(engineer_regions
                            [engineer_users.iter().position(|e| Some(*e) == *engineer).unwrap_or(0)]
                        .to_owned()),
                        reason: Set("故障件".into()),
                        must_return: Set(true),
                        applied_on: Set(completed),
                        completed_on: Set(completed),
                        due_on: Set(completed + Duration::days(7)),
                        delay_reason_accepted: Set(false),
                        received_on: Set((status == OldPartStatus::Received).then_some(back)),
                        status: Set(status),
                        created_at: Set(now),
                        updated_at: Set(now),
                        version: Set(1),
                        ..Default::default()
                    });
                }
            }
        }
        report.repair_parts += insert_all(&txn, used).await?;
        report.old_parts += insert_all(&txn, old).await?;
        txn.commit().await?;
        report.tickets += ids.len();
        written += size;
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0) as i64)
}

fn category_of(name: &str) -> FaultCategory {
    match name {
        n if n.contains("电") => FaultCategory::Electrical,
        n if n.contains("发动机") => FaultCategory::Engine,
        _ => FaultCategory::Hydraulic,
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

/// Inserts `rows` in batches in the caller's transaction; returns how many.
async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> ServiceResult<usize>
where
    A: ActiveModelTrait + Send,
    C: sea_orm::ConnectionTrait,
{
    let count = rows.len();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROW_BATCH).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_passes_through_every_status_before_its_own() {
        assert_eq!(path_to(TicketStatus::Reported), [TicketStatus::Reported]);
        assert_eq!(path_to(TicketStatus::Closed).len(), 8);
        assert_eq!(path_to(TicketStatus::Cancelled), [TicketStatus::Reported, TicketStatus::Cancelled]);
        assert_eq!(path_to(TicketStatus::ReturnedToFactory).last(), Some(&TicketStatus::ReturnedToFactory));
    }

    #[test]
    fn lives_are_consistent_and_reproducible() {
        let mut a = StdRng::seed_from_u64(7);
        let mut b = StdRng::seed_from_u64(7);
        for i in 0..2_000 {
            let age = f64::from(i % 400);
            let life = life(&mut a, age);
            assert_eq!(life, super::life(&mut b, age), "the same seed, the same life");
            let reached = path_to(life.status);
            assert_eq!(life.repaired.is_some(), reached.contains(&TicketStatus::Repaired));
            if let (Some(arrived), Some(repaired)) = (life.arrived, life.repaired) {
                assert!(arrived <= repaired, "repaired after arriving");
            }
            assert_eq!(life.visit.is_some(), reached.contains(&TicketStatus::Visited));
            let last = [life.closed, life.accepted, life.repaired, life.arrived, life.replied]
                .into_iter()
                .flatten()
                .next();
            assert!(
                last.is_none_or(|h| h <= age),
                "nothing happens after the data set ends: {life:?} at {age}"
            );
        }
    }

    #[test]
    fn the_plan_scales_with_the_tickets() {
        let plan = SeedPlan::for_tickets(1_000_000);
        assert_eq!((plan.units, plan.customers, plan.dealers, plan.engineers), (250_000, 50_000, 125, 200));
        assert_eq!(SeedPlan::for_tickets(100).units, 50);
    }
}
