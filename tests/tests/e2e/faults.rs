//! Faults in the services around the API: Redis stops under a running
//! worker and comes back empty. The API keeps serving (and says what is
//! down); the worker waits, then catches up, each message once.

use std::time::Duration;

use serde_json::json;

use crate::delivery::wait_until;
use crate::helpers::{Backend, spawn_app_with, test_settings};
use crate::on_both_backends;
use crate::worker_processes::{fill_outbox, free_port};
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
    let store = worker::store::JobStore::open(&settings).await.expect("queues");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(worker::jobs::run(app.db.clone(), settings, store, false, async move {
        let _ = stopped.await;
    }));

    fill_outbox(&app, 5, None, "before").await;
    wait_until(|| smtp.received().len() >= 5, 30).await;
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
    wait_until(|| smtp.received().len() >= 10, 60).await;
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
