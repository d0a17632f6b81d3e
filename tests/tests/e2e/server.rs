//! The HTTP surface: probes, metrics, GraphiQL, request ids and limits.

use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::helpers::{Backend, TestApp, redis_url, spawn_app, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    healthz_and_readyz_answer_when_everything_is_up,
    metrics_are_served_in_prometheus_text,
    graphiql_is_served_on_get_and_responses_carry_a_request_id,
    oversized_body_and_too_deep_query_are_refused,
    too_many_aliases_are_refused,
    a_request_past_the_time_limit_is_cancelled_and_rolled_back,
    the_graphql_over_http_audit_passes,
    an_exhausted_pool_fails_fast_with_unavailable_then_recovers,
    the_standard_introspection_query_is_answered,
    answers_keep_the_order_of_the_selection,
);

/// The spec (7.1.1): the answer's keys come in the order asked. The engine
/// answered `me` first here, and a unit's `dealer` before its `model`.
async fn answers_keep_the_order_of_the_selection(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.admin_token().await;
    let query = "{ units(first: 2) { nodes { serial: serialNumber model { name } dealer { code } } } me { username } \
                 apiVersion: __typename }";
    let body = app
        .http
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .json(&json!({"query": query}))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    let at = |key: &str| body.find(&format!("\"{key}\"")).unwrap_or_else(|| panic!("{key} in {body}"));
    assert!(at("units") < at("me") && at("me") < at("apiVersion"), "{body}");
    let reordered = app
        .http
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .json(&json!({"query": "{ me { username } units(first: 1) { totalCount } }"}))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    assert!(reordered.find("\"me\"") < reordered.find("\"units\""), "{reordered}");
}

async fn healthz_and_readyz_answer_when_everything_is_up(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.redis_url = Some(redis_url())).await;
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 200);
    let body: serde_json::Value = ready.json().await.expect("json");
    assert_eq!(
        [&body["status"], &body["database"], &body["redis"]],
        [&json!("ready"), &json!("up"), &json!("up")],
        "{body}"
    );
    // No worker runs for this app's queues (see readyz_says_whether_a_worker_runs).
    assert_eq!(body["workers"], json!({"alive": 0, "embedded": false}), "{body}");
}

/// With Redis the workers run in their own processes: `/readyz` counts
/// the live ones, and while there is none it says that nothing is
/// delivered (still 200: the api itself serves). A worker that starts is
/// counted within a beat; one that stops is not counted any more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_says_whether_a_worker_runs() {
    let prefix = format!("readyz-{}", uuid::Uuid::new_v4().simple());
    let on_redis = |s: &mut service::config::Settings| {
        s.redis_url = Some(redis_url());
        s.queue_prefix.clone_from(&prefix);
    };
    let app = spawn_app_with(Backend::Sqlite, on_redis).await;
    let readyz = || async {
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status().as_u16(), 200, "the api serves with or without workers");
        ready.json::<serde_json::Value>().await.expect("json")
    };
    let none = readyz().await;
    assert_eq!(none["workers"], json!({"alive": 0, "embedded": false}), "{none}");
    let warning = none["warnings"][0].as_str().unwrap_or_default();
    assert!(warning.contains("nothing is delivered"), "{none}");

    let mut settings = crate::helpers::test_settings(&app.database.url);
    on_redis(&mut settings);
    let store = jobs::JobStore::open(&settings).await.expect("queues");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(worker::runner::run(app.db.clone(), settings, store, false, async move {
        let _ = stopped.await;
    }));
    let alive = |n: u64| {
        let readyz = &readyz;
        async move {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            loop {
                let body = readyz().await;
                if body["workers"]["alive"] == n {
                    return body;
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "timed out waiting for {n} live workers: {body}"
                );
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    };
    let one = alive(1).await;
    assert!(one.get("warnings").is_none(), "{one}");
    let _ = stop.send(());
    let stopped = tokio::time::timeout(std::time::Duration::from_secs(30), worker).await;
    assert!(matches!(stopped, Ok(Ok(Ok(())))), "the worker stops cleanly: {stopped:?}");
    let gone = alive(0).await;
    assert!(gone["warnings"][0].is_string(), "a worker that stopped leaves at once: {gone}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_when_the_database_is_gone() {
    let app = spawn_app(Backend::Postgres).await;
    assert_eq!(app.get("/readyz").await.status().as_u16(), 200);
    app.database.drop_now().await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 503);
    let body: serde_json::Value = ready.json().await.expect("json");
    assert_eq!(body["database"], "down");
    // Still alive, and GraphQL errors cleanly instead of hanging.
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    let login = app.login("admin", "whatever-password").await;
    assert_eq!(login.error_code(), Some("UNAVAILABLE"), "retryable, not internal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_when_redis_is_unreachable() {
    // Nothing listens on port 1.
    let app = spawn_app_with(Backend::Sqlite, |s| s.redis_url = Some("redis://127.0.0.1:1".into())).await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 503);
    let body: serde_json::Value = ready.json().await.expect("json");
    assert_eq!(body["redis"], "down");
    assert_eq!(body["database"], "up");
}

async fn metrics_are_served_in_prometheus_text(backend: Backend) {
    let app = spawn_app(backend).await;
    app.login("admin", "wrong-password").await;
    let metrics = app.get("/metrics").await;
    assert_eq!(metrics.status().as_u16(), 200);
    let text = metrics.text().await.expect("text");
    assert!(text.contains("aftersales_http_requests_total"), "{text}");
    assert!(text.contains("endpoint=\"/graphql\""), "{text}");
}

async fn graphiql_is_served_on_get_and_responses_carry_a_request_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let page = app.get("/graphql").await;
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.headers().contains_key("x-request-id"));
    let html = page.text().await.expect("html");
    assert!(html.contains("graphiql"), "GraphiQL page expected");

    let hidden = spawn_app_with(backend, |s| s.graphiql = Some(false)).await;
    assert_eq!(hidden.get("/graphql").await.status().as_u16(), 404);
}

async fn oversized_body_and_too_deep_query_are_refused(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.max_body_bytes = 4096;
        s.max_query_depth = 4;
    })
    .await;
    let huge = format!("{{ me {{ username }} }} # {}", "x".repeat(10_000));
    let response = app
        .http
        .post(format!("{}/graphql", app.address))
        .json(&json!({"query": huge}))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 413);
    let batch: Vec<serde_json::Value> = (0..21).map(|_| json!({"query": "{ me { username } }"})).collect();
    let too_many = app.http.post(format!("{}/graphql", app.address)).json(&batch).send().await.expect("sent");
    assert_eq!(too_many.status().as_u16(), 400);
    let token = app.admin_token().await;
    let deep = app
        .gql(Some(&token), "{ units { edges { node { customer { name } model { code } } } } }", json!({}))
        .await;
    let message = deep.body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("too deep"), "depth limit error expected: {}", deep.body);
    assert_eq!(deep.error_code(), Some("GRAPHQL_VALIDATION_FAILED"));
}

async fn too_many_aliases_are_refused(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.max_query_aliases = 5).await;
    let token = app.admin_token().await;
    let aliased = |n: usize| {
        format!("{{ {} }}", (0..n).map(|i| format!("a{i}: me {{ username }}")).collect::<Vec<_>>().join(" "))
    };
    let within = app.gql(Some(&token), &aliased(5), json!({})).await;
    assert_eq!(within.body["data"]["a4"]["username"], "admin", "{}", within.body);
    let past = app.gql(Some(&token), &aliased(6), json!({})).await;
    assert_eq!(past.error_code(), Some("GRAPHQL_VALIDATION_FAILED"), "{}", past.body);
    assert!(past.body["errors"][0]["message"].as_str().unwrap_or_default().contains("6 aliases"));
    // Aliases hidden in a fragment count too.
    let fields = (0..6).map(|i| format!("b{i}: me {{ username }}")).collect::<Vec<_>>().join(" ");
    let hidden =
        app.gql(Some(&token), &format!("{{ ...F }} fragment F on QueryRoot {{ {fields} }}"), json!({})).await;
    assert_eq!(hidden.error_code(), Some("GRAPHQL_VALIDATION_FAILED"), "{}", hidden.body);
    // In a batch, only the operation past the limit is refused.
    let batch = json!([{ "query": aliased(2) }, { "query": aliased(6) }]);
    let answers: serde_json::Value = app
        .http
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .json(&batch)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(answers[0]["data"]["a1"]["username"], "admin", "{answers}");
    assert_eq!(answers[1]["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED", "{answers}");
    assert!(answers[1]["data"].is_null(), "{answers}");
}

/// A write that cannot finish in time (another transaction holds the lock
/// it needs) is cancelled with `TIMEOUT`, and what it was writing is not
/// half-written once the lock is gone.
async fn a_request_past_the_time_limit_is_cancelled_and_rolled_back(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.request_timeout_ms = 300).await;
    let token = app.admin_token().await;
    // Hold the lock the insert needs: SQLite's one writer, PostgreSQL's table lock.
    let held = service::db::begin_write(&app.db).await.expect("a write transaction");
    if matches!(backend, Backend::Postgres) {
        held.execute_unprepared("LOCK TABLE dealers IN ACCESS EXCLUSIVE MODE").await.expect("table locked");
    }
    let response = app
        .http
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .timeout(std::time::Duration::from_secs(10))
        .json(&json!({"query": "mutation { createDealer(input: {code: \"D-SLOW\", name: \"慢\", region: \"江苏\"}) { dealer { id } } }"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 503);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT", "{body}");
    held.rollback().await.expect("lock released");
    let again = app
        .gql(Some(&token), "mutation { createDealer(input: {code: \"D-FAST\", name: \"快\", region: \"江苏\"}) { dealer { id } } }", json!({}))
        .await;
    assert!(
        again.body["data"]["createDealer"]["dealer"]["id"].is_string(),
        "in time it works: {}",
        again.body
    );
    // The write after it has been through the same lock: the cancelled
    // one is not waiting behind it any more.
    assert_eq!(app.count("dealers WHERE code = 'D-SLOW'").await, 0, "nothing half-written");
}

/// The graphql-http audit suite (`./scripts/test` installs it with npm)
/// against the running server: every MUST passes, and so does every
/// SHOULD; what it notes of the MAYs (GET requests, which this server does
/// not take) is printed.
async fn the_graphql_over_http_audit_passes(backend: Backend) {
    let app = spawn_app(backend).await;
    let output = node_against(&app, "audit.mjs").await;
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "a MUST audit failed:\n{report}");
    let summary = report.lines().find(|l| l.starts_with("audits ")).expect("a summary line");
    assert!(summary.contains("must_failed 0") && summary.contains("should_failed 0"), "{summary}");
}

/// One connection in the pool, held by someone else: a request waits the
/// acquire timeout and fails with `UNAVAILABLE`, never hangs; once the
/// connection is free again, requests succeed.
async fn an_exhausted_pool_fails_fast_with_unavailable_then_recovers(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.db_max_connections = 1;
        s.db_acquire_timeout_secs = 1;
    })
    .await;
    let login = "mutation { login(input: {username: \"admin\", password: \"test-password-1\"}) { token } }";
    let held = sea_orm::TransactionTrait::begin(&app.db).await.expect("the only connection");
    let started = std::time::Instant::now();
    let busy = app.gql(None, login, json!({})).await;
    assert_eq!(busy.error_code(), Some("UNAVAILABLE"), "{}", busy.body);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "failed fast: {:?}", started.elapsed());
    drop(held);
    let again = app.gql(None, login, json!({})).await;
    assert!(again.body["data"]["login"]["token"].is_string(), "{}", again.body);
}

/// graphql-js's standard introspection query, as GraphiQL's documentation
/// panel and code generators send it, passes the depth and complexity
/// limits (outside production mode, where introspection is on).
async fn the_standard_introspection_query_is_answered(backend: Backend) {
    let app = spawn_app(backend).await;
    let output = node_against(&app, "introspect.mjs").await;
    let answer = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "introspection refused: {answer}");
    let types: usize =
        answer.trim().strip_prefix("types ").and_then(|n| n.parse().ok()).expect("a type count");
    assert!(types > 100, "{answer}");
}

/// Runs a script of `tests/graphql-http` with Node against the app's
/// GraphQL endpoint (./scripts/test installs Node.js and its packages).
async fn node_against(app: &TestApp, script: &str) -> std::process::Output {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graphql-http").join(script);
    tokio::process::Command::new("node")
        .arg(&path)
        .arg(format!("{}/graphql", app.address))
        .output()
        .await
        .expect("node runs")
}

/// SIGTERM to an idle `aftersales-api` on PostgreSQL without Redis (so the
/// embedded workers run in it too), with a keep-alive connection and a
/// subscription socket open: it closes the socket as going away (1001)
/// and exits 0 within seconds. It used to wait out
/// `shutdown_timeout_secs` (30 s) for the socket, and a container
/// platform kills it first. A behaviour check with a generous bound, not
/// a benchmark.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_an_idle_api_within_seconds() {
    use futures::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

    let database = crate::helpers::FreshDatabase::create(Backend::Postgres).await;
    let address = format!("127.0.0.1:{}", crate::helpers::free_port());
    let mut api = tokio::process::Command::new(crate::helpers::binary("aftersales-api", "server"))
        .env("DATABASE_URL", &database.url)
        .env("AFTERSALES_BIND", &address)
        .env("AFTERSALES_DATA_DIR", database.file("data"))
        .env("AFTERSALES_CONFIG", "/dev/null")
        .env("AFTERSALES_SHUTDOWN_TIMEOUT_SECS", "30")
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .spawn()
        .expect("aftersales-api starts");
    let base = format!("http://{address}");
    let http = reqwest::Client::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !http.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
        assert!(std::time::Instant::now() < deadline, "aftersales-api did not come up on {address}");
        assert!(api.try_wait().expect("status").is_none(), "aftersales-api exited at start");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let ready: serde_json::Value =
        http.get(format!("{base}/readyz")).send().await.expect("readyz").json().await.expect("json");
    assert_eq!(ready["workers"]["embedded"], true, "{ready}");
    let mut socket = crate::subscription::socket_at(&base, json!({})).await;

    let pid = api.id().expect("running").to_string();
    let started = std::time::Instant::now();
    let sent = std::process::Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    assert!(sent.success());
    let status = tokio::time::timeout(std::time::Duration::from_secs(10), api.wait())
        .await
        .unwrap_or_else(|_| panic!("still running {:?} after SIGTERM", started.elapsed()))
        .expect("exit status");
    assert!(status.success(), "a clean stop: {status}");
    println!("aftersales-api exited {:.2} s after SIGTERM", started.elapsed().as_secs_f64());
    let close = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while let Some(Ok(message)) = socket.next().await {
            if let Message::Close(frame) = message {
                return frame.map(|f| f.code);
            }
        }
        None
    })
    .await
    .expect("the socket ends");
    assert_eq!(close, Some(CloseCode::Away), "the socket is told the server is going away");
}

/// The GraphQL over HTTP spec: a request that ran answers 200 even when a
/// resolver's error nulls the whole `data` (a ticket not found, a refused
/// mutation); 400 is for a request that could not run at all. A browser
/// logs every 400 as a failed load, so a console showing "not found" would
/// look broken in its own error log.
#[tokio::test]
async fn a_resolver_error_is_200_with_null_data_and_a_request_that_never_ran_is_400() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.admin_token().await;
    let post = |query: &'static str| {
        app.http
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&admin)
            .header("accept", "application/graphql-response+json, application/json;q=0.9")
            .json(&json!({ "query": query }))
            .send()
    };
    let missing = post(r#"{ ticket(id: "VGlja2V0Ojk5OTk5") { number } }"#).await.expect("sent");
    assert_eq!(missing.status().as_u16(), 200);
    let body: serde_json::Value = missing.json().await.expect("json");
    assert_eq!(body["data"], serde_json::Value::Null, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND", "{body}");

    let invalid = post("{ ticket(id: 1) { noSuchField } }").await.expect("sent");
    assert_eq!(invalid.status().as_u16(), 400);
    let body: serde_json::Value = invalid.json().await.expect("json");
    assert!(body.get("data").is_none(), "a request that never ran has no data: {body}");
}
