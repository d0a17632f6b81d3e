//! Faults in the services around the API: Redis stops under a running
//! worker and comes back empty (the API keeps serving and says what is
//! down; the worker waits, then catches up, each message once); and a
//! PostgreSQL of the test's own stops under the API and comes back (clean
//! errors meanwhile, then serving again by itself).

use std::time::Duration;

use serde_json::json;

use crate::delivery::wait_until;
use crate::helpers::{Backend, free_port, spawn_app_with, test_settings};
use crate::on_both_backends;
use crate::worker_processes::fill_outbox;
use tests::sinks::SmtpSink;

on_both_backends!(redis_stopped_the_api_serves_and_the_worker_catches_up);

/// A Redis of this test's own on `port`, keeping nothing on disk.
fn redis_on(port: u16) -> tokio::process::Child {
    tokio::process::Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("redis-server starts (./scripts/test installs it)")
}

async fn redis_stopped_the_api_serves_and_the_worker_catches_up(backend: Backend) {
    let port = free_port();
    let redis_url = format!("redis://127.0.0.1:{port}");
    let mut redis = redis_on(port);
    let url = redis_url.clone();
    let app = spawn_app_with(backend, move |s| s.redis_url = Some(url)).await;
    let ready = || async { app.http.get(format!("{}/readyz", app.address)).send().await.expect("readyz") };
    wait_until_ready(&ready).await;

    let smtp = SmtpSink::start(0).await;
    let mut settings = test_settings(&app.database.url);
    settings.redis_url = Some(redis_url);
    settings.queue_prefix = format!("faults-{}", uuid::Uuid::new_v4().simple());
    settings.worker_bind = "127.0.0.1:0".into();
    settings.delivery.smtp_url = Some(smtp.url());
    settings.delivery.poll_interval_ms = 100;
    settings.delivery.lease_secs = 5;
    settings.schedules.outbox = "* * * * * *".into();
    let store = jobs::JobStore::open(&settings).await.expect("queues");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(worker::runner::run(app.db.clone(), settings, store, false, async move {
        let _ = stopped.await;
    }));

    fill_outbox(&app, 5, None, "before").await;
    wait_until("five mails arrived while Redis was up", || smtp.received().len() >= 5, 30).await;
    assert_eq!(smtp.received().len(), 5, "delivered while Redis is up");

    // Redis goes away: the API keeps answering and says what is down.
    redis.kill().await.expect("Redis stopped");
    let _ = redis.wait().await;
    let token = app.admin_token().await;
    let me = app.gql(Some(&token), "{ me { username } }", json!({})).await;
    assert_eq!(me.body["data"]["me"]["username"], "admin", "GraphQL without Redis: {}", me.body);
    let readyz = ready().await;
    assert_eq!(readyz.status().as_u16(), 503);
    assert!(readyz.text().await.unwrap_or_default().to_lowercase().contains("redis"));
    fill_outbox(&app, 5, None, "during").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(smtp.received().len(), 5, "nothing goes out without the queue");

    // Redis is back, empty: the worker carries on by itself.
    let _redis = redis_on(port);
    wait_until_ready(&ready).await;
    wait_until("all ten mails arrived after Redis came back", || smtp.received().len() >= 10, 60).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(30), worker).await;
    // All ten recorded as sent, and ten mails: none twice.
    assert_eq!(app.count("notifications WHERE status = 'SENT'").await, 10);
    assert_eq!(smtp.received().len(), 10, "every message once after the outage");
}

async fn wait_until_ready<F, Fut>(ready: &F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = reqwest::Response>,
{
    for _ in 0..50 {
        if ready().await.status().is_success() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the API never became ready");
}

/// A PostgreSQL server of this test's own (initdb in a temp dir, its own
/// port), so restarting it disturbs no other test.
struct PrivatePostgres {
    dir: std::path::PathBuf,
    port: u16,
    bin: std::path::PathBuf,
}

impl PrivatePostgres {
    fn run(&self, program: &str, args: &[&str]) {
        let path = self.bin.join(program);
        // PostgreSQL refuses to run as root: as root, run it as postgres.
        let as_root =
            std::process::Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
        let mut command = if as_root {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            std::process::Command::new(&path)
        };
        let output = command.args(args).output().expect("a PostgreSQL program runs");
        assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }

    fn create() -> Self {
        let version = std::fs::read_dir("/etc/postgresql")
            .expect("PostgreSQL is installed")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .max()
            .expect("a PostgreSQL version");
        let dir = std::env::temp_dir().join(format!("aftersales-pg-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("data dir");
        let _ = std::process::Command::new("chown").args(["postgres:postgres"]).arg(&dir).status();
        let pg = Self { dir, port: free_port(), bin: format!("/usr/lib/postgresql/{version}/bin").into() };
        let data = pg.dir.join("data");
        pg.run("initdb", &["-D", &data.to_string_lossy(), "-A", "trust", "-U", "postgres", "--no-sync"]);
        pg.start();
        pg
    }

    fn pg_ctl(&self, action: &str) {
        let data = self.dir.join("data").to_string_lossy().into_owned();
        let log = self.dir.join("log").to_string_lossy().into_owned();
        let options =
            format!("-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", self.port, self.dir.display());
        self.run("pg_ctl", &["-D", &data, "-l", &log, "-o", &options, "-w", "-m", "fast", action]);
    }

    fn start(&self) {
        self.pg_ctl("start");
    }

    fn stop(&self) {
        self.pg_ctl("stop");
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let data = self.dir.join("data").to_string_lossy().into_owned();
        let _ = std::process::Command::new(self.bin.join("pg_ctl"))
            .args(["-D", &data, "-m", "immediate", "stop"])
            .output();
        let _ = std::process::Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(self.bin.join("pg_ctl"))
            .args(["-D", &data, "-m", "immediate", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// PostgreSQL stops under load and comes back: meanwhile `/readyz` says
/// the database is down and every request ends with a clean error within
/// the acquire timeout (none hangs, none is a 500); afterwards the API
/// serves again by itself, and nothing written before is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_under_load_the_api_errors_cleanly_and_recovers() {
    let pg = PrivatePostgres::create();
    let mut settings = test_settings(&pg.url());
    settings.db_acquire_timeout_secs = 2;
    let app = api::startup::Application::build(settings).await.expect("the API starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());
    let http = reqwest::Client::new();
    let dealer = |n: usize| {
        format!(
            "mutation {{ createDealer(input: {{code: \"D-{n}\", name: \"代理{n}\", region: \"江苏\"}}) {{ dealer {{ id }} }} }}"
        )
    };
    service::usecase::identity::create_user(
        &db,
        None,
        service::usecase::identity::NewUser {
            username: "admin".into(),
            password: crate::helpers::PASSWORD.into(),
            roles: vec![entity::enums::Role::Admin],
            ..Default::default()
        },
    )
    .await
    .expect("admin");
    let login = json!({"query": format!("mutation {{ login(input: {{username: \"admin\", password: \"{}\"}}) {{ token }} }}", crate::helpers::PASSWORD)});
    let token: serde_json::Value = http
        .post(format!("{address}/graphql"))
        .json(&login)
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    let token = token["data"]["login"]["token"].as_str().expect("token").to_owned();
    let post = |query: String| {
        let (http, address, token) = (http.clone(), address.clone(), token.clone());
        async move {
            let started = std::time::Instant::now();
            let response = http
                .post(format!("{address}/graphql"))
                .bearer_auth(token)
                .json(&json!({"query": query}))
                .timeout(Duration::from_secs(20))
                .send()
                .await
                .expect("an answer, not a hang");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            (status, body, started.elapsed())
        }
    };
    for n in 0..5 {
        let (status, body, _) = post(dealer(n)).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["data"]["createDealer"]["dealer"]["id"].is_string(), "{body}");
    }

    pg.stop();
    let ready = http.get(format!("{address}/readyz")).send().await.expect("readyz");
    assert_eq!(ready.status().as_u16(), 503);
    // Whether the signed-in user is still remembered or must be read from
    // the database, the answer is "unavailable, retry": never "signed out".
    for n in 100..105 {
        let (status, body, took) = post(dealer(n)).await;
        let code = body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default().to_owned();
        assert!(status < 500 || status == 503, "no 500 while the database is down: {status} {body}");
        assert_eq!(code, "UNAVAILABLE", "a clean error: {body}");
        assert!(took < Duration::from_secs(15), "answered in {took:?}");
    }

    pg.start();
    let mut recovered = false;
    for _ in 0..50 {
        if http.get(format!("{address}/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(recovered, "ready again by itself");
    let (status, body, _) = post(dealer(200)).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["data"]["createDealer"]["dealer"]["id"].is_string(), "serving again: {body}");
    let (_, list, _) = post("{ dealers(first: 50) { totalCount } }".into()).await;
    assert_eq!(list["data"]["dealers"]["totalCount"], 6, "the five before and the one after: {list}");
}
