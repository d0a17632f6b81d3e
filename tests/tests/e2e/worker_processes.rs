//! Real `aftersales-worker` processes: one killed with SIGKILL while the
//! receiver holds a message, and three on one Redis with one killed mid-run.
//! Every message arrives once.

use chrono::Utc;

use crate::delivery::wait_until;
use crate::helpers::{Backend, TestApp, free_port, spawn_app};
use crate::on_both_backends;
use entity::notification;
use sea_orm::EntityTrait;
use tests::sinks::{SmsSink, SmtpSink};

on_both_backends!(
    a_worker_killed_mid_delivery_sends_each_message_once_after_restart,
    three_worker_processes_one_killed_deliver_every_message,
    the_worker_refuses_an_unmigrated_database_naming_the_command_that_migrates,
);

/// `--help` prints the usage and exits 0, and does nothing else: no port
/// bound (the status port is taken here to see that), no `./data` made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn worker_help_prints_usage_and_starts_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = held.local_addr().expect("address").port();
    drop(held);
    for flag in ["--help", "--version"] {
        let output = tokio::process::Command::new(worker_binary())
            .arg(flag)
            .current_dir(dir.path())
            .env("AFTERSALES_WORKER_BIND", format!("127.0.0.1:{port}"))
            .env("AFTERSALES_CONFIG", "/dev/null")
            .output();
        let output = tokio::time::timeout(std::time::Duration::from_secs(10), output)
            .await
            .unwrap_or_else(|_| panic!("`aftersales-worker {flag}` still running after 10 s"))
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{flag}: {}", output.status);
        match flag {
            "--help" => {
                assert!(stdout.contains("Usage: aftersales-worker"), "{stdout}");
                assert!(stdout.contains("--config <FILE>"), "{stdout}");
            }
            _ => assert!(stdout.starts_with("aftersales-worker "), "{stdout}"),
        }
        assert!(!dir.path().join("data").exists(), "{flag} created ./data");
        assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok(), "{flag} left a port bound");
    }
}

/// Against a database nobody migrated, the worker stops at once with a
/// message that names the command that migrates; it creates nothing there.
async fn the_worker_refuses_an_unmigrated_database_naming_the_command_that_migrates(backend: Backend) {
    let database = crate::helpers::FreshDatabase::create(backend).await;
    let output = tokio::process::Command::new(worker_binary())
        .env("DATABASE_URL", &database.url)
        .env("AFTERSALES_DATA_DIR", database.file("data"))
        .env("AFTERSALES_WORKER_BIND", format!("127.0.0.1:{}", free_port()))
        .env("AFTERSALES_CONFIG", "/dev/null")
        .output();
    let output = tokio::time::timeout(std::time::Duration::from_secs(30), output)
        .await
        .expect("the worker stops at once")
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "refused: {stderr}");
    assert!(stderr.contains("is not migrated"), "{stderr}");
    assert!(stderr.contains("aftersales-api migrate"), "names the command: {stderr}");
    let db = sea_orm::Database::connect(&database.url).await.expect("connects");
    let tables = migration::SchemaManager::new(&db).has_table("seaql_migrations").await.expect("asks");
    assert!(!tables, "the check created nothing");
}

/// The real `aftersales-worker` binary.
fn worker_binary() -> std::path::PathBuf {
    crate::helpers::binary("aftersales-worker", "worker")
}

fn spawn_worker(
    app: &TestApp,
    smtp: &SmtpSink,
    prefix: &str,
    status_port: u16,
    extra: &[(&str, String)],
) -> tokio::process::Child {
    let mut command = tokio::process::Command::new(worker_binary());
    command
        .env("AFTERSALES_WORKER_BIND", format!("127.0.0.1:{status_port}"))
        .env("DATABASE_URL", &app.database.url)
        .env("REDIS_URL", crate::helpers::redis_url())
        .env("AFTERSALES_QUEUE_PREFIX", prefix)
        .env("AFTERSALES_DELIVERY__SMTP_URL", smtp.url())
        .env("AFTERSALES_DELIVERY__LEASE_SECS", "5")
        .env("AFTERSALES_DELIVERY__POLL_INTERVAL_MS", "100")
        .env("AFTERSALES_SCHEDULES__OUTBOX", "* * * * * *")
        .env("AFTERSALES_SCHEDULES__RECURRENCE_REPORT", crate::helpers::NEVER)
        .env("AFTERSALES_SCHEDULES__KPI_REPORT", crate::helpers::NEVER)
        .env("AFTERSALES_CONFIG", "/dev/null")
        .env("RUST_LOG", "warn")
        .kill_on_drop(true);
    for (name, value) in extra {
        command.env(name, value);
    }
    command.spawn().expect("worker starts")
}

/// `count` messages due now, each to its own recipient, by SMS every
/// `sms_every`th, else by e-mail; keyed `{key}:{i}`.
pub(crate) async fn fill_outbox(app: &TestApp, count: usize, sms_every: Option<usize>, key: &str) {
    let now = Utc::now();
    let rows: Vec<notification::ActiveModel> = (0..count)
        .map(|i| {
            let sms = sms_every.is_some_and(|n| i % n == n - 1);
            notification::ActiveModel {
                recipient: sea_orm::Set(if sms {
                    format!("1390000{i:04}")
                } else {
                    format!("user{i}@example.cn")
                }),
                channel: sea_orm::Set(if sms {
                    entity::enums::NotificationChannel::Sms
                } else {
                    entity::enums::NotificationChannel::Email
                }),
                template: sea_orm::Set("low_stock".into()),
                locale: sea_orm::Set("zh".into()),
                subject: sea_orm::Set(Some(format!("第 {i} 封"))),
                body: sea_orm::Set("库存低于安全库存".into()),
                unique_key: sea_orm::Set(format!("{key}:{i}")),
                status: sea_orm::Set(entity::enums::NotificationStatus::Pending),
                attempts: sea_orm::Set(0),
                next_attempt_at: sea_orm::Set(now),
                created_at: sea_orm::Set(now),
                updated_at: sea_orm::Set(now),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        notification::Entity::insert_many(chunk.to_vec()).exec(&app.db).await.expect("outbox filled");
    }
}

/// The most delivery jobs seen waiting on the fleet's Redis queue, sampled
/// until the test ends.
async fn watch_waiting_deliveries(prefix: &str) -> std::sync::Arc<std::sync::atomic::AtomicU64> {
    let settings = service::config::Settings {
        redis_url: Some(crate::helpers::redis_url()),
        queue_prefix: prefix.to_owned(),
        ..Default::default()
    };
    let store = jobs::JobStore::open(&settings).await.expect("the fleet's queues");
    let most = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let seen = most.clone();
    tokio::spawn(async move {
        loop {
            if let Ok(waiting) = store.waiting_deliveries().await {
                seen.fetch_max(waiting, std::sync::atomic::Ordering::Relaxed);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    });
    most
}

/// Forty messages due; the receiver takes the tenth but holds back its
/// "250", and the worker is killed with SIGKILL right then. The delivery
/// was recorded as the message's final "." went out, so a new worker
/// process sends the other thirty and not the tenth again: forty mails,
/// each once.
async fn a_worker_killed_mid_delivery_sends_each_message_once_after_restart(backend: Backend) {
    let app = spawn_app(backend).await;
    fill_outbox(&app, 40, None, "kill-test").await;
    let smtp = SmtpSink::holding(0, Some(10)).await;
    let prefix = format!("kill-{}", uuid::Uuid::new_v4().simple());

    // One message in flight, so the kill hits exactly the held one.
    let one_at_a_time = [("AFTERSALES_DELIVERY__CONCURRENCY", "1".to_owned())];
    let mut first = spawn_worker(&app, &smtp, &prefix, free_port(), &one_at_a_time);
    tokio::time::timeout(std::time::Duration::from_secs(60), smtp.held.notified())
        .await
        .expect("the tenth message reaches the receiver");
    // Its delivery was recorded as it went out, before any "250": the kill
    // comes once that write has landed (SQLite runs it on its own thread).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while app.count("notifications WHERE status = 'SENT'").await < 10 && std::time::Instant::now() < deadline
    {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(app.count("notifications WHERE status = 'SENT'").await, 10, "the held message is recorded");
    first.kill().await.expect("SIGKILL");
    let _ = first.wait().await;
    let before_restart = smtp.received().len();
    assert!(before_restart < 40, "killed mid-run: {before_restart} delivered");

    let status_port = free_port();
    let mut second = spawn_worker(&app, &smtp, &prefix, status_port, &one_at_a_time);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while app.count("notifications WHERE status = 'SENT'").await < 40 && std::time::Instant::now() < deadline
    {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    let status = format!("http://127.0.0.1:{status_port}");
    let health = app.http.get(format!("{status}/healthz")).send().await.expect("healthz answers");
    assert!(health.status().is_success());
    // The count goes up when the receiver's "250" is back, a moment after
    // the database recorded the message.
    let sent_line = format!("aftersales_worker_deliveries_total{{outcome=\"sent\"}} {}", 40 - before_restart);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let metrics = loop {
        let metrics = app
            .http
            .get(format!("{status}/metrics"))
            .send()
            .await
            .expect("metrics")
            .text()
            .await
            .expect("text");
        if metrics.contains(&sent_line) || std::time::Instant::now() > deadline {
            break metrics;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(metrics.contains(&sent_line), "{sent_line} in\n{metrics}");
    assert!(metrics.contains("aftersales_worker_outbox_depth{status=\"PENDING\"} 0"), "{metrics}");
    assert!(
        metrics.contains("aftersales_worker_queue_jobs{queue=\"deliver\",state=\"pending\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("aftersales_worker_last_success_timestamp_seconds{kind=\"outbox\"}"),
        "{metrics}"
    );
    second.kill().await.expect("stopped");
    let mails = smtp.received();
    let mut recipients: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    let total = recipients.len();
    recipients.dedup();
    assert_eq!((total, recipients.len()), (40, 40), "forty mails, none twice");
    assert_eq!(app.count("notifications WHERE status = 'SENT'").await, 40);
}

/// What the fleet check does: three `aftersales-worker` processes on one
/// Redis and database, three thousand messages due (one in ten by SMS), one
/// process killed with SIGKILL mid-run. Every message arrives at its own
/// recipient and is recorded SENT; only what the killed process had in
/// flight may arrive twice, under its first Message-ID (see the end).
async fn three_worker_processes_one_killed_deliver_every_message(backend: Backend) {
    const MESSAGES: usize = 3_000;
    let app = spawn_app(backend).await;
    fill_outbox(&app, MESSAGES, Some(10), "fleet").await;
    let smtp = SmtpSink::start(0).await;
    let sms = SmsSink::start().await;
    let prefix = format!("fleet-{}", uuid::Uuid::new_v4().simple());
    let extra = [("AFTERSALES_DELIVERY__SMS_URL", sms.url())];
    // One status port for all three, as with one shared configuration: one
    // process serves it, all three work.
    let port = free_port();
    let mut fleet: Vec<_> = (0..3).map(|_| spawn_worker(&app, &smtp, &prefix, port, &extra)).collect();
    let most_waiting = watch_waiting_deliveries(&prefix).await;
    let arrived = || smtp.received().len() + sms.received().len();
    wait_until("a third of the messages arrived", || arrived() >= MESSAGES / 3, 120).await;
    let health =
        app.http.get(format!("http://127.0.0.1:{port}/healthz")).send().await.expect("healthz answers");
    assert!(health.status().is_success());
    let victim = fleet.remove(0);
    let mut victim = victim;
    victim.kill().await.expect("SIGKILL");
    let _ = victim.wait().await;
    let at_kill = arrived();
    assert!(at_kill < MESSAGES, "killed mid-run: {at_kill} of {MESSAGES} arrived");

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    while app.count("notifications WHERE status = 'SENT'").await < MESSAGES as i64
        && std::time::Instant::now() < deadline
    {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    for mut worker in fleet {
        worker.kill().await.expect("stopped");
    }
    assert_eq!(app.count("notifications WHERE status = 'SENT'").await, MESSAGES as i64);
    let mails = smtp.received().len();
    let texts = sms.received().len();
    let mut recipients: Vec<String> = smtp.received().iter().flat_map(|m| m.to.clone()).collect();
    recipients.extend(sms.received().iter().filter_map(|m| m["to"].as_str().map(str::to_owned)));
    recipients.sort();
    let total = recipients.len();
    recipients.dedup();
    assert_eq!(recipients.len(), MESSAGES, "every message arrived");
    let repeated = total - MESSAGES;
    let most_waiting = most_waiting.load(std::sync::atomic::Ordering::Relaxed);
    println!(
        "fleet: {MESSAGES} messages, {at_kill} arrived before the kill, {repeated} arrived twice \
         ({} mails, {} SMS repeated), at most {most_waiting} delivery jobs waiting",
        mails - MESSAGES * 9 / 10,
        texts - MESSAGES / 10
    );
    // apalis-redis moves every due job with one Lua unpack, which fails
    // past ~8000 and stops the delivery workers: the sweeps keep the queue
    // near their cap (three start-up sweeps at once may each fill it).
    assert!(most_waiting <= 3_000, "{most_waiting} delivery jobs waited at once");
    // A SIGKILL can land after the receiver took a message and before its
    // record committed (the two run side by side, so that neither a lost
    // nor a repeated message needs more than that instant): what the
    // killed process had in flight may go out again, never more, and with
    // SQLite as the business database a record waiting for the write lock
    // can die the same way. A repeat carries the same Message-ID, so the
    // receiver can tell it is one.
    assert!(repeated <= 4, "{repeated} repeated");
    let mut ids_by_recipient: std::collections::HashMap<Vec<String>, std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    for mail in smtp.received() {
        let id =
            mail.data.lines().find(|l| l.to_ascii_lowercase().starts_with("message-id:")).map(str::to_owned);
        ids_by_recipient.entry(mail.to.clone()).or_default().insert(id.expect("a Message-ID"));
    }
    assert!(ids_by_recipient.values().all(|ids| ids.len() == 1), "a repeated mail has its first Message-ID");
}
