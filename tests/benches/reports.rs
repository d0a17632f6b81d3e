//! The management reports over 1 000 000 tickets on PostgreSQL: the
//! quarterly failure recurrence (`reports::recurrence::compute`) and the KPI
//! report (`reports::kpi::compute`) by region, engineer, dealer and model,
//! each against its floor — one hand-written SQL statement returning the
//! same figures, run on the same connection with its rows fetched. Prints
//! the medians and ours/floor; asserts that ours and the floor agree (a
//! disagreement is a bug in the report or in the floor), never the speed.
//!
//! Run: `cargo bench -p tests --bench reports` (`BENCH_TICKETS`,
//! `BENCH_SAMPLES` change the sizes; `BENCH_TRY_INDEXES=0` skips the second
//! round with the candidate indexes).

#[path = "support/report_data.rs"]
mod report_data;
mod support;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, Statement, Value};

use service::config::Settings;
use service::rules::calendar::Calendar;
use service::rules::kpi::{KpiCounts, KpiFigures, figures};
use service::rules::money::cents;
use service::rules::recurrence::{previous_quarter, quarter_bounds};
use service::usecase::reports::kpi::{self, KpiGroupBy, ticket_dims, unit_dims};
use service::usecase::reports::recurrence;

use support::{Bench, count, env_usize, execute, measure};

/// Indexes the migrations do not declare that the reports' filters could
/// use, tried in a second round: (name, definition). (`tickets
/// (repeat_of_ticket_id)`, `return_visits (visited_at)` and `units
/// (invoice_date)` come with migration 000011; `complaints (received_at)`
/// and `dealer_chargebacks (ticket_id)` were there before.)
const CANDIDATE_INDEXES: &[(&str, &str)] =
    &[("bench_idx_repair_records_completed_at", "repair_records (completed_at)")];

/// Runs `run` through `support::measure` (which prints its line) and
/// returns the median of the timed runs in ms with the last run's output.
async fn timed<T, F, Fut>(label: &str, samples: usize, mut run: F) -> (f64, T)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let times: RefCell<Vec<Duration>> = RefCell::new(Vec::new());
    let last: RefCell<Option<T>> = RefCell::new(None);
    measure(label, samples, |_| {
        let work = run();
        let (times, last) = (&times, &last);
        async move {
            let start = Instant::now();
            let out = work.await;
            times.borrow_mut().push(start.elapsed());
            *last.borrow_mut() = Some(out);
        }
    })
    .await;
    let mut times = times.into_inner();
    let mut timed = times.split_off(times.len() - samples);
    timed.sort();
    let median = timed[timed.len() / 2].as_secs_f64() * 1000.0;
    (median, last.into_inner().expect("at least one run"))
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// Midnight of `day` in the business time zone, as the reports count it.
fn start_of(settings: &Settings, day: NaiveDate) -> DateTime<Utc> {
    Calendar::new(settings.business_tz(), HashMap::new()).start_of_day(day)
}

async fn rows(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Vec<QueryResult> {
    db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{sql}"))
}

fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> T {
    row.try_get::<T>("", column).unwrap_or_else(|e| panic!("{column}: {e:?}"))
}

fn money(text: Option<String>) -> Decimal {
    text.map_or(Decimal::ZERO, |t| cents(t.parse::<Decimal>().expect("a decimal")))
}

/// One cause as both sides see it: code, name, occurrences, previous,
/// parts, most parts in one, cost, models (sorted), units.
type CauseLine = (String, Option<String>, i64, i64, i64, i64, Decimal, Vec<String>, i64);

/// The recurrence floor: the quarter's per-record parts and cost, the
/// previous quarter's counts and the models, in one statement.
const RECURRENCE_FLOOR: &str = "
WITH r AS (
    SELECT rr.id, rr.fault_cause, t.unit_id, u.product_model_id,
           COALESCE(SUM(rp.quantity), 0) AS parts, COALESCE(SUM(rp.quantity * rp.unit_price), 0) AS cost
      FROM repair_records rr
      JOIN tickets t ON t.id = rr.ticket_id
      JOIN units u ON u.id = t.unit_id
      LEFT JOIN repair_parts rp ON rp.repair_record_id = rr.id
     WHERE rr.completed_at >= $1 AND rr.completed_at < $2
     GROUP BY rr.id, rr.fault_cause, t.unit_id, u.product_model_id),
prev AS (
    SELECT fault_cause, COUNT(*) AS n FROM repair_records
     WHERE completed_at >= $3 AND completed_at < $4 GROUP BY fault_cause)
SELECT r.fault_cause, fc.name, COUNT(*) AS occurrences, COALESCE(MAX(prev.n), 0) AS previous,
       CAST(SUM(r.parts) AS BIGINT) AS total_parts, CAST(MAX(r.parts) AS BIGINT) AS max_parts,
       CAST(SUM(r.cost) AS TEXT) AS cost, string_agg(DISTINCT pm.code, ',') AS models,
       COUNT(DISTINCT r.unit_id) AS units
  FROM r
  JOIN product_models pm ON pm.id = r.product_model_id
  LEFT JOIN fault_causes fc ON fc.code = r.fault_cause
  LEFT JOIN prev ON prev.fault_cause = r.fault_cause
 GROUP BY r.fault_cause, fc.name
 ORDER BY occurrences DESC, r.fault_cause";

async fn recurrence_floor(
    db: &DatabaseConnection,
    settings: &Settings,
    year: i32,
    quarter: u32,
) -> Vec<CauseLine> {
    let (start, end) = quarter_bounds(year, quarter).expect("a quarter");
    let (py, pq) = previous_quarter(year, quarter);
    let (pstart, pend) = quarter_bounds(py, pq).expect("a quarter");
    let values = [start, end, pstart, pend].map(|d| Value::from(start_of(settings, d))).to_vec();
    rows(db, RECURRENCE_FLOOR, values)
        .await
        .iter()
        .map(|row| {
            let models: Option<String> = get(row, "models");
            let mut models: Vec<String> =
                models.unwrap_or_default().split(',').filter(|m| !m.is_empty()).map(str::to_owned).collect();
            models.sort();
            (
                get(row, "fault_cause"),
                get(row, "name"),
                get(row, "occurrences"),
                get(row, "previous"),
                get(row, "total_parts"),
                get(row, "max_parts"),
                money(get(row, "cost")),
                models,
                get(row, "units"),
            )
        })
        .collect()
}

fn recurrence_lines(report: &recurrence::RecurrenceReport) -> Vec<CauseLine> {
    report
        .causes
        .iter()
        .map(|c| {
            (
                c.code.clone(),
                c.name.clone(),
                c.occurrences,
                c.previous_occurrences,
                c.total_parts,
                c.max_parts_in_one,
                c.cost,
                c.models.clone(),
                c.units,
            )
        })
        .collect()
}

/// The KPI floor: one statement, one pass over the tickets of the period
/// and of its year; every section's per-group sums stacked and added up.
/// `$1, $2` the period, `$3, $4` its calendar year (instants), `$5, $6` the
/// year (dates), `$7` the period's last day.
fn kpi_floor_sql(group: KpiGroupBy) -> String {
    let (key, name, joins) = ticket_dims(group);
    let sales = match unit_dims(group) {
        Some((skey, sname, sjoins)) => format!(
            "UNION ALL
             SELECT {skey}, {sname}, 0, 0, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, SUM(pm.sale_price)
               FROM units u JOIN product_models pm ON pm.id = u.product_model_id {sjoins}
              WHERE u.invoice_date >= $5 AND u.invoice_date < $6 GROUP BY 1, 2"
        ),
        None => String::new(),
    };
    format!(
        "WITH pop AS (
             SELECT {key} AS k, {name} AS nm, t.id, COALESCE(t.service_type, '') AS st,
                    t.reported_at >= $1 AND t.reported_at < $2 AS in_period,
                    t.reported_at >= $3 AND t.reported_at < $4 AS in_year,
                    t.reported_at, t.reply_due_at, t.replied_at, t.arrival_due_at, t.arrived_at, t.repaired_at,
                    t.rework_count
               FROM tickets t JOIN customers c ON c.id = t.customer_id {joins}
              WHERE t.status <> 'CANCELLED'
                AND ((t.reported_at >= $1 AND t.reported_at < $2) OR (t.reported_at >= $3 AND t.reported_at < $4))),
         tk AS (
             SELECT k, MAX(nm) AS nm, COUNT(*) AS tickets,
                    COUNT(*) FILTER (WHERE replied_at <= reply_due_at
                                       AND (st = 'OTHER' OR arrived_at <= arrival_due_at)) AS on_time,
                    COUNT(replied_at) AS replied, ROUND(SUM(EXTRACT(EPOCH FROM replied_at - reported_at))) AS respond_s,
                    COUNT(arrived_at) AS arrived, ROUND(SUM(EXTRACT(EPOCH FROM arrived_at - reported_at))) AS arrive_s,
                    COUNT(*) FILTER (WHERE repaired_at IS NOT NULL AND arrived_at IS NOT NULL) AS repaired,
                    ROUND(SUM(EXTRACT(EPOCH FROM repaired_at - arrived_at))) AS repair_s,
                    COUNT(*) FILTER (WHERE repaired_at IS NOT NULL AND arrived_at IS NOT NULL AND rework_count = 0
                                       AND repeated.id IS NULL) AS fixed_first
               FROM pop
               LEFT JOIN (SELECT DISTINCT repeat_of_ticket_id AS id FROM tickets
                           WHERE repeat_of_ticket_id IS NOT NULL AND status <> 'CANCELLED') repeated
                      ON repeated.id = pop.id
              WHERE in_period GROUP BY k),
         rec AS (
             SELECT p.k, p.nm, p.in_period, p.in_year, p.st, rr.labour_hours AS hours,
                    COALESCE(SUM(rp.quantity * rp.unit_price), 0) AS parts
               FROM pop p
               JOIN repair_records rr ON rr.ticket_id = p.id
               LEFT JOIN repair_parts rp ON rp.repair_record_id = rr.id
              GROUP BY rr.id, p.k, p.nm, p.in_period, p.in_year, p.st, rr.labour_hours),
         stacked (k, nm, tickets, on_time, replied, respond_s, arrived, arrive_s, repaired, repair_s, fixed_first,
                  visits, satisfied, complaints, parts_cost, labour_hours, year_parts_cost, year_labour_hours,
                  chargebacks, chargeback_amount, sales) AS (
             SELECT k, nm, tickets, on_time, replied, respond_s, arrived, arrive_s, repaired, repair_s, fixed_first,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, CAST(NULL AS NUMERIC)
               FROM tk
             UNION ALL
             SELECT {key}, {name}, 0, 0, 0, NULL, 0, NULL, 0, NULL, 0,
                    COUNT(*), COUNT(*) FILTER (WHERE v.satisfaction >= 4), 0, 0, 0, 0, 0, 0, 0, NULL
               FROM return_visits v JOIN customers c ON c.id = v.customer_id
               LEFT JOIN tickets t ON t.id = v.ticket_id {joins}
              WHERE v.visited_at >= $1 AND v.visited_at < $2 AND v.satisfaction IS NOT NULL GROUP BY 1, 2
             UNION ALL
             SELECT {key}, {name}, 0, 0, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0, COUNT(*), 0, 0, 0, 0, 0, 0, NULL
               FROM complaints q JOIN customers c ON c.id = q.customer_id
               LEFT JOIN tickets t ON t.id = q.ticket_id {joins}
              WHERE q.received_at >= $1 AND q.received_at < $2 AND q.attributable_to_service GROUP BY 1, 2
             UNION ALL
             SELECT k, nm, 0, 0, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0,
                    SUM(CASE WHEN in_period AND st NOT IN ('PAID', 'CONTRACT') THEN parts ELSE 0 END),
                    SUM(CASE WHEN in_period AND st <> 'PAID' THEN hours ELSE 0 END),
                    SUM(CASE WHEN in_year AND st NOT IN ('PAID', 'CONTRACT') THEN parts ELSE 0 END),
                    SUM(CASE WHEN in_year AND st <> 'PAID' THEN hours ELSE 0 END),
                    0, 0, NULL
               FROM rec GROUP BY k, nm
             UNION ALL
             SELECT p.k, p.nm, 0, 0, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*), SUM(cb.amount), NULL
               FROM dealer_chargebacks cb JOIN pop p ON p.id = cb.ticket_id
              WHERE p.in_period GROUP BY p.k, p.nm
             {sales})
         SELECT k, MAX(nm) AS name,
                CAST(SUM(tickets) AS BIGINT) AS tickets, CAST(SUM(on_time) AS BIGINT) AS on_time,
                CAST(SUM(replied) AS BIGINT) AS replied, CAST(SUM(respond_s) AS BIGINT) AS respond_s,
                CAST(SUM(arrived) AS BIGINT) AS arrived, CAST(SUM(arrive_s) AS BIGINT) AS arrive_s,
                CAST(SUM(repaired) AS BIGINT) AS repaired, CAST(SUM(repair_s) AS BIGINT) AS repair_s,
                CAST(SUM(fixed_first) AS BIGINT) AS fixed_first,
                CAST(SUM(visits) AS BIGINT) AS visits, CAST(SUM(satisfied) AS BIGINT) AS satisfied,
                CAST(SUM(complaints) AS BIGINT) AS complaints,
                CAST(SUM(parts_cost) AS TEXT) AS parts_cost, CAST(SUM(labour_hours) AS TEXT) AS labour_hours,
                CAST(SUM(year_parts_cost) AS TEXT) AS year_parts_cost,
                CAST(SUM(year_labour_hours) AS TEXT) AS year_labour_hours,
                CAST(SUM(chargebacks) AS BIGINT) AS chargebacks,
                CAST(SUM(chargeback_amount) AS TEXT) AS chargeback_amount,
                CAST(SUM(sales) AS TEXT) AS sales,
                (SELECT CAST(labour_rate AS TEXT) FROM service_tariffs WHERE effective_from <= $7
                  ORDER BY effective_from DESC LIMIT 1) AS labour_rate,
                (SELECT CAST(SUM(pm.sale_price) AS TEXT) FROM units u
                   JOIN product_models pm ON pm.id = u.product_model_id
                  WHERE u.invoice_date >= $5 AND u.invoice_date < $6) AS total_sales
           FROM stacked GROUP BY k"
    )
}

/// What both sides are compared on: the labour rate, the total and every
/// group's key, name and figures.
#[derive(Debug, PartialEq)]
struct KpiLines {
    labour_rate: Decimal,
    total: KpiFigures,
    groups: Vec<(Option<String>, Option<String>, KpiFigures)>,
}

async fn kpi_floor(
    db: &DatabaseConnection,
    settings: &Settings,
    sql: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> KpiLines {
    let (year_start, year_end) =
        (day(&format!("{}-01-01", from.year())), day(&format!("{}-01-01", from.year() + 1)));
    let values = vec![
        start_of(settings, from).into(),
        start_of(settings, to).into(),
        start_of(settings, year_start).into(),
        start_of(settings, year_end).into(),
        year_start.into(),
        year_end.into(),
        to.pred_opt().unwrap_or(to).into(),
    ];
    let fetched = rows(db, sql, values).await;
    let mut groups: BTreeMap<Option<String>, (Option<String>, KpiCounts)> = BTreeMap::new();
    let (mut labour_rate, mut total_sales) = (Decimal::ZERO, Decimal::ZERO);
    for row in &fetched {
        let sales: Option<String> = get(row, "sales");
        let c = KpiCounts {
            tickets: get(row, "tickets"),
            on_time: get(row, "on_time"),
            replied: get(row, "replied"),
            respond_seconds: get::<Option<i64>>(row, "respond_s").unwrap_or_default(),
            arrived: get(row, "arrived"),
            arrive_seconds: get::<Option<i64>>(row, "arrive_s").unwrap_or_default(),
            repaired: get(row, "repaired"),
            repair_seconds: get::<Option<i64>>(row, "repair_s").unwrap_or_default(),
            fixed_first_time: get(row, "fixed_first"),
            visits: get(row, "visits"),
            satisfied: get(row, "satisfied"),
            service_complaints: get(row, "complaints"),
            parts_cost: money(get(row, "parts_cost")),
            labour_hours: money(get(row, "labour_hours")),
            chargebacks: get(row, "chargebacks"),
            chargeback_amount: money(get(row, "chargeback_amount")),
            year_parts_cost: money(get(row, "year_parts_cost")),
            year_labour_hours: money(get(row, "year_labour_hours")),
            year_sales: sales.map(|s| money(Some(s))),
        };
        labour_rate = get::<Option<String>>(row, "labour_rate")
            .map_or(Decimal::ZERO, |r| r.parse::<Decimal>().expect("a rate").normalize());
        total_sales = money(get(row, "total_sales"));
        groups.insert(get(row, "k"), (get(row, "name"), c));
    }
    let mut total = KpiCounts::default();
    for (_, c) in groups.values() {
        total.add(c);
    }
    total.year_sales = Some(total_sales);
    KpiLines {
        labour_rate,
        total: figures(&total, labour_rate, &settings.policy),
        groups: groups
            .into_iter()
            .map(|(key, (name, c))| (key, name, figures(&c, labour_rate, &settings.policy)))
            .collect(),
    }
}

fn kpi_lines(report: &kpi::KpiReport) -> KpiLines {
    KpiLines {
        labour_rate: report.labour_rate,
        total: report.total.clone(),
        groups: report.groups.iter().map(|g| (g.key.clone(), g.name.clone(), g.figures.clone())).collect(),
    }
}

/// One line of the closing table.
struct Line {
    label: String,
    ours: f64,
    floor: f64,
    check: String,
}

/// Reports where ours and the floor differ, field by field, then fails.
fn assert_agree<T: PartialEq + std::fmt::Debug>(label: &str, ours: &[T], floor: &[T]) {
    if ours == floor {
        return;
    }
    eprintln!("{label}: ours has {} lines, the floor {}", ours.len(), floor.len());
    for (i, (a, b)) in ours.iter().zip(floor).enumerate().filter(|(_, (a, b))| a != b).take(10) {
        eprintln!("  line {i}\n    ours  {a:?}\n    floor {b:?}");
    }
    panic!("{label}: the report and its floor disagree");
}

async fn round(db: &DatabaseConnection, settings: &Settings, samples: usize, title: &str) -> Vec<Line> {
    println!("\n{title}");
    let mut lines = Vec::new();
    for (year, quarter) in [(2025, 3), (2026, 1)] {
        let label = format!("recurrence {year}-Q{quarter}");
        let (ours, report) = timed(&format!("{label} ours"), samples, move || async move {
            recurrence::compute(db, settings, year, quarter).await.expect("recurrence report")
        })
        .await;
        let (floor, floor_lines) =
            timed(&format!("{label} floor"), samples, || recurrence_floor(db, settings, year, quarter)).await;
        let mut our_lines = recurrence_lines(&report);
        let mut floor_lines = floor_lines;
        our_lines.sort_by(|a, b| a.0.cmp(&b.0));
        floor_lines.sort_by(|a, b| a.0.cmp(&b.0));
        assert_agree(&label, &our_lines, &floor_lines);
        let floor_total: i64 = floor_lines.iter().map(|l| l.2).sum();
        assert_eq!(report.occurrences, floor_total, "{label}: total occurrences");
        lines.push(Line {
            label,
            ours,
            floor,
            check: format!(
                "ok: {} causes, {} occurrences, all fields equal",
                report.causes.len(),
                floor_total
            ),
        });
    }
    let periods = [("2025-07-01", "2025-10-01", "2025-Q3"), ("2026-03-01", "2026-04-01", "2026-03")];
    for (from, to, period) in periods {
        let (from, to) = (day(from), day(to));
        let groupings: &[KpiGroupBy] = if period.ends_with("Q3") {
            &[KpiGroupBy::Region, KpiGroupBy::Engineer, KpiGroupBy::Dealer, KpiGroupBy::Model]
        } else {
            &[KpiGroupBy::Region, KpiGroupBy::Engineer]
        };
        for &group in groupings {
            let label = format!("kpi {period} by {group:?}");
            let (ours, report) = timed(&format!("{label} ours"), samples, move || async move {
                kpi::compute(db, settings, from, to, group).await.expect("KPI report")
            })
            .await;
            let sql = kpi_floor_sql(group);
            let sql = sql.as_str();
            let (floor, floor_lines) =
                timed(&format!("{label} floor"), samples, move || kpi_floor(db, settings, sql, from, to))
                    .await;
            let our_lines = kpi_lines(&report);
            if our_lines != floor_lines {
                eprintln!(
                    "{label}: labour rate ours {} floor {}",
                    our_lines.labour_rate, floor_lines.labour_rate
                );
                if our_lines.total != floor_lines.total {
                    eprintln!("  total\n    ours  {:?}\n    floor {:?}", our_lines.total, floor_lines.total);
                }
                assert_agree(&label, &our_lines.groups, &floor_lines.groups);
                panic!("{label}: the report and its floor disagree");
            }
            let group_tickets: i64 = report.groups.iter().map(|g| g.figures.tickets).sum();
            assert_eq!(group_tickets, report.total.tickets, "{label}: groups add up to the total");
            lines.push(Line {
                label,
                ours,
                floor,
                check: format!(
                    "ok: {} groups, {} tickets, cost {}, all figures equal",
                    report.groups.len(),
                    report.total.tickets,
                    report.total.cost
                ),
            });
        }
    }
    println!("\n{title}: medians of {samples} runs");
    println!("{:<34} {:>10} {:>10} {:>11}   agreement", "report", "ours ms", "floor ms", "ours/floor");
    for l in &lines {
        println!(
            "{:<34} {:>10.1} {:>10.1} {:>10.2}x   {}",
            l.label,
            l.ours,
            l.floor,
            l.ours / l.floor,
            l.check
        );
    }
    lines
}

#[tokio::main]
async fn main() {
    let tickets = env_usize("BENCH_TICKETS", 1_000_000);
    let samples = env_usize("BENCH_SAMPLES", 5).max(1);
    let bench = Bench::start("aftersales_bench_reports").await;
    let db = &bench.db;
    let settings = Settings::default();
    let load = Instant::now();
    report_data::bulk_master_data(db).await;
    report_data::bulk_tickets(db, tickets).await;
    println!("loaded in {:.1} s", load.elapsed().as_secs_f64());
    for table in [
        "tickets",
        "repair_records",
        "repair_parts",
        "return_visits",
        "complaints",
        "dealer_chargebacks",
        "units",
        "customers",
        "engineers",
        "fault_causes",
    ] {
        println!("  {table:<20} {:>9}", count(db, table).await);
    }

    let before = round(db, &settings, samples, "PostgreSQL, the migrations' indexes").await;
    if env_usize("BENCH_TRY_INDEXES", 1) == 0 {
        return;
    }
    let build = Instant::now();
    for (name, definition) in CANDIDATE_INDEXES {
        execute(db, &format!("CREATE INDEX IF NOT EXISTS {name} ON {definition}")).await;
    }
    execute(db, "ANALYZE").await;
    println!("\ncandidate indexes built in {:.1} s:", build.elapsed().as_secs_f64());
    for (name, definition) in CANDIDATE_INDEXES {
        println!("  {name} ON {definition}");
    }
    let after = round(db, &settings, samples, "PostgreSQL, with the candidate indexes").await;
    println!("\nours before → after the candidate indexes (floor before → after)");
    for (b, a) in before.iter().zip(&after) {
        println!(
            "{:<34} {:>9.1} → {:>9.1} ms   ({:>9.1} → {:>9.1} ms)",
            b.label, b.ours, a.ours, b.floor, a.floor
        );
    }
}
