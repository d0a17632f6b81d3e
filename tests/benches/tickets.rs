//! Ticket latency on PostgreSQL with 100 000 tickets: the median (and p90,
//! p99) of `reportFault` and of a 50-ticket `tickets` page with every nested
//! object, measured over HTTP against the real server.
//!
//! Run: `cargo bench -p tests --bench tickets` (PostgreSQL from
//! `TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`;
//! `BENCH_TICKETS` and `BENCH_SAMPLES` change the sizes). It prints figures;
//! it asserts nothing about speed.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};

use api::startup::Application;
use service::config::Settings;

const DATABASE: &str = "aftersales_bench_tickets";

const REPORT: &str = "mutation($s: String!) { reportFault(input: {channel: PHONE, serialNumber: $s,
    faultDescription: \"变幅油缸漏油\", faultCategory: HYDRAULIC}) { ticket { id number deadlines { arrivalDueAt } } } }";

const PAGE: &str = "query($after: String, $filter: TicketFilter) { tickets(first: 50, after: $after, filter: $filter) {
    totalCount pageInfo { endCursor } edges { node { number status deadlines { replyOverdue arrivalOverdue }
    customer { name } unit { serialNumber model { code } dealer { code } customer { name } }
    engineer { displayName skills } events { toStatus createdAt } quote { total } repairRecord { faultCause parts { quantity } } } } } }";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

async fn execute(db: &DatabaseConnection, sql: &str) {
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{sql}"));
}

/// Recreates the bench database and returns its URL.
async fn fresh_database() -> String {
    let admin_url = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let admin = Database::connect(&admin_url).await.expect("PostgreSQL is reachable");
    execute(&admin, &format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")).await;
    execute(&admin, &format!("CREATE DATABASE {DATABASE}")).await;
    admin.close().await.ok();
    let (prefix, _) = admin_url.rsplit_once('/').expect("database url has a path");
    format!("{prefix}/{DATABASE}")
}

/// `count` closed and open tickets of 2025 over the demo's units and
/// engineers, each with its events, written in bulk by SQL: the API would
/// take an hour to type them in.
async fn bulk_tickets(db: &DatabaseConnection, count: usize) {
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
                          FROM generate_series(1, {count}) AS g)
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
            "INSERT INTO ticket_sequences (year, last_value) VALUES (2025, {count})
             ON CONFLICT (year) DO UPDATE SET last_value = GREATEST(ticket_sequences.last_value, {count})"
        ),
    )
    .await;
    execute(db, "ANALYZE").await;
}

struct Client {
    http: reqwest::Client,
    url: String,
    token: Option<String>,
}

impl Client {
    async fn gql(&self, query: &str, variables: Value) -> Value {
        let mut request = self.http.post(&self.url).json(&json!({"query": query, "variables": variables}));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let body: Value = request.send().await.expect("sent").json().await.expect("JSON");
        assert!(body.get("errors").is_none(), "{body}");
        body["data"].clone()
    }
}

/// Median, p90 and p99 of `samples` runs of `run`, after a few warm-ups.
async fn measure<F, Fut>(label: &str, samples: usize, mut run: F)
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = ()>,
{
    for i in 0..samples.min(10) {
        run(i).await;
    }
    let mut times: Vec<Duration> = Vec::with_capacity(samples);
    for i in 0..samples {
        let start = Instant::now();
        run(i).await;
        times.push(start.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "{label:<44} n={samples:<5} median {:>7.2} ms   p90 {:>7.2} ms   p99 {:>7.2} ms",
        at(0.5),
        at(0.9),
        at(0.99)
    );
}

#[tokio::main]
async fn main() {
    let tickets = env_usize("BENCH_TICKETS", 100_000);
    let samples = env_usize("BENCH_SAMPLES", 200);
    let url = fresh_database().await;
    let settings = Settings {
        database_url: url,
        bind: "127.0.0.1:0".into(),
        jwt_secret: Some("bench-secret-bench-secret-bench-secret".into()),
        db_max_connections: 10,
        data_dir: std::env::temp_dir().join("aftersales-bench"),
        ..Settings::default()
    };
    let app = Application::build(settings).await.expect("application builds");
    let db = app.state().db.clone();
    let address = format!("http://127.0.0.1:{}/graphql", app.port());
    tokio::spawn(app.run_until_stopped());

    let load = Instant::now();
    service::demo::load(&db).await.expect("demo data");
    bulk_tickets(&db, tickets).await;
    let total = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT count(*) AS n FROM tickets"))
        .await
        .expect("count")
        .and_then(|row| row.try_get::<i64>("", "n").ok())
        .unwrap_or_default();
    println!("loaded {total} tickets in {:.1} s", load.elapsed().as_secs_f64());

    let mut client = Client { http: reqwest::Client::new(), url: address, token: None };
    let login = client
        .gql(
            "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
            json!({"u": "agent", "p": service::demo::DEMO_PASSWORD}),
        )
        .await;
    client.token = login["login"]["token"].as_str().map(str::to_owned);
    let serials: Vec<String> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT serial_number FROM units WHERE customer_id IS NOT NULL ORDER BY id",
        ))
        .await
        .expect("serials")
        .iter()
        .filter_map(|row| row.try_get::<String>("", "serial_number").ok())
        .collect();

    println!("PostgreSQL, {total} tickets, one client, sequential requests over HTTP on loopback");
    let client = &client;
    let serials = &serials;
    measure("reportFault", samples, |i| async move {
        let data = client.gql(REPORT, json!({"s": serials[i % serials.len()]})).await;
        assert!(data["reportFault"]["ticket"]["number"].is_string());
    })
    .await;
    measure("tickets(first: 50), newest page", samples, |_| async move {
        let data = client.gql(PAGE, json!({})).await;
        assert_eq!(data["tickets"]["edges"].as_array().map(Vec::len), Some(50));
    })
    .await;
    let deep = client.gql(PAGE, json!({})).await["tickets"]["pageInfo"]["endCursor"].clone();
    let mut cursor = deep;
    for _ in 0..200 {
        cursor = client.gql(PAGE, json!({"after": cursor})).await["tickets"]["pageInfo"]["endCursor"].clone();
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
