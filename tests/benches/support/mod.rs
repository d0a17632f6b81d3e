//! What the benches share: a fresh PostgreSQL database with the demo data,
//! the real server in-process on a random port, a GraphQL client, and
//! medians over repeated runs. Figures are printed, never asserted.

#![allow(dead_code)]

use std::future::Future;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};

use api::startup::Application;
use service::config::Settings;

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

pub async fn execute(db: &DatabaseConnection, sql: &str) {
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{e}\n{sql}"));
}

pub async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT count(*) AS n FROM {table}"),
    ))
    .await
    .expect("count")
    .and_then(|row| row.try_get::<i64>("", "n").ok())
    .unwrap_or_default()
}

/// The server over a recreated database `name`, with the demo data loaded.
pub struct Bench {
    pub db: DatabaseConnection,
    pub address: String,
    pub client: Client,
}

impl Bench {
    pub async fn start(name: &str) -> Self {
        let admin_url = std::env::var("TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let admin = Database::connect(&admin_url).await.expect("PostgreSQL is reachable");
        execute(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        execute(&admin, &format!("CREATE DATABASE {name}")).await;
        admin.close().await.ok();
        let (prefix, _) = admin_url.rsplit_once('/').expect("database url has a path");
        let settings = Settings {
            database_url: format!("{prefix}/{name}"),
            bind: "127.0.0.1:0".into(),
            jwt_secret: Some("bench-secret-bench-secret-bench-secret".into()),
            db_max_connections: 10,
            data_dir: std::env::temp_dir().join("aftersales-bench"),
            ..Settings::default()
        };
        let app = Application::build(settings).await.expect("application builds");
        let db = app.state().db.clone();
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        service::demo::load(&db).await.expect("demo data");
        let client = Client { http: reqwest::Client::new(), url: format!("{address}/graphql"), token: None };
        Self { db, address, client }
    }

    /// Signs in as a demo user; later requests carry the token.
    pub async fn sign_in(&mut self, username: &str) {
        let login = self
            .client
            .gql(
                "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
                json!({"u": username, "p": service::demo::DEMO_PASSWORD}),
            )
            .await;
        self.client.token = login["login"]["token"].as_str().map(str::to_owned);
    }
}

pub struct Client {
    pub http: reqwest::Client,
    pub url: String,
    pub token: Option<String>,
}

impl Client {
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
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
pub async fn measure<F, Fut>(label: &str, samples: usize, mut run: F)
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
        "{label:<48} n={samples:<5} median {:>8.2} ms   p90 {:>8.2} ms   p99 {:>8.2} ms",
        at(0.5),
        at(0.9),
        at(0.99)
    );
}

/// This process's resident set now and at its peak, in MiB (Linux).
pub fn memory_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets the peak-RSS counter so the next reading covers what follows.
pub fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
