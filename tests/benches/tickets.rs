//! Ticket latency on PostgreSQL with 100 000 tickets: the median (and p90,
//! p99) of `reportFault` and of a 50-ticket `tickets` page with every nested
//! object, measured over HTTP against the real server.
//!
//! Run: `cargo bench -p tests --bench tickets` (PostgreSQL from
//! `TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`;
//! `BENCH_TICKETS` and `BENCH_SAMPLES` change the sizes). It prints figures;
//! it asserts nothing about speed.

mod support;

use std::time::Instant;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;

use support::{Bench, count, env_usize, execute, measure};

const REPORT: &str = "mutation($s: String!) { reportFault(input: {channel: PHONE, serialNumber: $s,
    faultDescription: \"变幅油缸漏油\", faultCategory: HYDRAULIC}) { ticket { id number deadlines { arrivalDueAt } } } }";

/// A page with every nested object a ticket list shows.
const PAGE: &str = "query($after: String, $filter: TicketFilter) { tickets(first: 50, after: $after, filter: $filter) {
    totalCount pageInfo { endCursor } edges { node { number status deadlines { replyOverdue arrivalOverdue }
    customer { name } unit { serialNumber model { code } dealer { code } customer { name } }
    engineer { displayName skills } events { toStatus at } quote { total } repairRecord { faultCause parts { quantity } } } } } }";

/// `how_many` closed and open tickets of 2025 over the demo's units and
/// engineers, each with its events, written in bulk by SQL: the API would
/// take an hour to type them in.
async fn bulk_tickets(db: &DatabaseConnection, how_many: usize) {
    execute(
        db,
        &format!(
            "WITH u AS (SELECT id, customer_id, dealer_id, row_number() OVER (ORDER BY id) - 1 AS k
                          FROM units WHERE customer_id IS NOT NULL),
                  e AS (SELECT user_id, row_number() OVER (ORDER BY user_id) - 1 AS k FROM engineers),
                  g AS (SELECT g, timestamptz '2025-01-01 00:00:00+00' + g * interval '5 minutes' AS at,
                               (ARRAY['CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','CLOSED','VISITED',
                                      'CUSTOMER_ACCEPTED','REPAIRED','ON_SITE','DISPATCHED','ACCEPTED',
                                      'REPORTED','CANCELLED'])[1 + g % 14] AS status
                          FROM generate_series(1, {how_many}) AS g)
             INSERT INTO tickets (number, channel, customer_id, unit_id, dealer_id, fault_description,
                                  fault_category, severity, status, engineer_id, reported_at, reply_due_at,
                                  replied_at, arrival_due_at, rework_count, created_at, updated_at, version)
             SELECT 'SR-2025-' || lpad(g.g::text, 6, '0'),
                    (ARRAY['PHONE','EMAIL','WEB','SMS','WALK_IN','DEALER'])[1 + g.g % 6],
                    u.customer_id, u.id, u.dealer_id, '批量故障 ' || g.g || ' 液压系统压力不足',
                    (ARRAY['ELECTRICAL','HYDRAULIC','ENGINE','CHASSIS','STRUCTURAL','CONTROL_SYSTEM'])[1 + g.g % 6],
                    (ARRAY['SEVERE','MAJOR','GENERAL','GENERAL'])[1 + g.g % 4],
                    g.status,
                    CASE WHEN g.status IN ('REPORTED','ACCEPTED','CANCELLED') THEN NULL ELSE e.user_id END,
                    g.at, g.at + interval '24 hours', g.at + interval '2 hours', g.at + interval '48 hours',
                    0, g.at, g.at, 1
               FROM g
               JOIN u ON u.k = g.g % (SELECT count(*) FROM u)
               JOIN e ON e.k = g.g % (SELECT count(*) FROM e)"
        ),
    )
    .await;
    execute(
        db,
        "INSERT INTO ticket_events (ticket_id, from_status, to_status, reason, created_at)
         SELECT id, NULL, 'REPORTED', 'bulk', reported_at FROM tickets WHERE number LIKE 'SR-2025-%'
         UNION ALL
         SELECT id, 'REPORTED', status, 'bulk', reported_at + interval '1 hour'
           FROM tickets WHERE number LIKE 'SR-2025-%' AND status <> 'REPORTED'",
    )
    .await;
    execute(
        db,
        &format!(
            "INSERT INTO ticket_sequences (year, last_value) VALUES (2025, {how_many})
             ON CONFLICT (year) DO UPDATE SET last_value = GREATEST(ticket_sequences.last_value, {how_many})"
        ),
    )
    .await;
    execute(db, "ANALYZE").await;
}

#[tokio::main]
async fn main() {
    let tickets = env_usize("BENCH_TICKETS", 100_000);
    let samples = env_usize("BENCH_SAMPLES", 200);
    let mut bench = Bench::start("aftersales_bench_tickets").await;
    let load = Instant::now();
    bulk_tickets(&bench.db, tickets).await;
    let total = count(&bench.db, "tickets").await;
    println!("loaded {total} tickets in {:.1} s", load.elapsed().as_secs_f64());
    bench.sign_in("agent").await;
    let serials: Vec<String> = bench
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            bench.db.get_database_backend(),
            "SELECT serial_number FROM units WHERE customer_id IS NOT NULL ORDER BY id",
        ))
        .await
        .expect("serials")
        .iter()
        .filter_map(|row| row.try_get::<String>("", "serial_number").ok())
        .collect();

    println!("PostgreSQL, {total} tickets, one client, sequential requests over HTTP on loopback");
    let client = &bench.client;
    let serials = &serials;
    measure("reportFault", samples, |i| async move {
        let data = client.gql(REPORT, json!({"s": serials[i % serials.len()]})).await;
        assert!(data["reportFault"]["ticket"]["number"].is_string());
    })
    .await;
    measure("tickets(first: 50), first page", samples, |_| async move {
        let data = client.gql(PAGE, json!({})).await;
        assert_eq!(data["tickets"]["edges"].as_array().map(Vec::len), Some(50));
    })
    .await;
    let deep = client.gql(PAGE, json!({})).await["tickets"]["pageInfo"]["endCursor"].clone();
    let mut cursor = deep;
    for _ in 0..200 {
        let next =
            client.gql(PAGE, json!({"after": cursor})).await["tickets"]["pageInfo"]["endCursor"].clone();
        if next.is_null() {
            break;
        }
        cursor = next;
    }
    let cursor = &cursor;
    measure("tickets(first: 50), page 200 by cursor", samples, |_| async move {
        let data = client.gql(PAGE, json!({"after": cursor})).await;
        assert_eq!(data["tickets"]["edges"].as_array().map(Vec::len), Some(50));
    })
    .await;
    measure("tickets(first: 50, filter: {states: [ON_SITE]})", samples, |_| async move {
        let data = client.gql(PAGE, json!({"filter": {"states": ["ON_SITE"]}})).await;
        assert_eq!(data["tickets"]["edges"].as_array().map(Vec::len), Some(50));
    })
    .await;
    measure("tickets(first: 50, filter: {overdue: true})", samples, |_| async move {
        let data = client.gql(PAGE, json!({"filter": {"overdue": true}})).await;
        assert!(data["tickets"]["totalCount"].as_i64().unwrap_or_default() > 0);
    })
    .await;
}
