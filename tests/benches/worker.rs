//! Worker throughput, end to end: messages due in the outbox, the outbox
//! schedule ticking each second, apalis on Redis pushing one delivery job
//! per message, the handler claiming and sending to a real SMTP server on
//! loopback. Messages per second from start to the last delivered, with one
//! worker and with three, and this process's memory (the workers run in it).
//!
//! Run: `cargo bench -p tests --bench worker` (`BENCH_MESSAGES` changes the
//! count; PostgreSQL from `TEST_POSTGRES_URL`, Redis from `TEST_REDIS_URL`).

mod support;

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{EntityTrait, Set};

use entity::enums::{NotificationChannel, NotificationStatus};
use entity::notification;
use support::{Bench, count, env_usize, execute, memory_mib, reset_peak_memory};
use tests::sinks::SmtpSink;

async fn fill_outbox(bench: &Bench, messages: usize, round: usize) {
    execute(&bench.db, "DELETE FROM notifications").await;
    let now = Utc::now();
    let rows: Vec<notification::ActiveModel> = (0..messages)
        .map(|i| notification::ActiveModel {
            recipient: Set(format!("user{i}@example.cn")),
            channel: Set(NotificationChannel::Email),
            template: Set("low_stock".into()),
            locale: Set("zh".into()),
            subject: Set(Some(format!("库存提醒 {i}"))),
            body: Set("库存低于安全库存,请补货。".into()),
            unique_key: Set(format!("bench:{round}:{i}")),
            status: Set(NotificationStatus::Pending),
            attempts: Set(0),
            next_attempt_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(1000) {
        notification::Entity::insert_many(chunk.to_vec()).exec(&bench.db).await.expect("outbox filled");
    }
}

#[tokio::main]
async fn main() {
    let messages = env_usize("BENCH_MESSAGES", 3_000);
    let bench = Bench::start("aftersales_bench_worker").await;
    let smtp = SmtpSink::start(0).await;
    let redis = std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    println!("PostgreSQL and Redis on loopback, {messages} e-mails due, SMTP sink on loopback");
    for (round, workers) in [1usize, 3].into_iter().enumerate() {
        fill_outbox(&bench, messages, round).await;
        let mut settings =
            service::config::Settings { database_url: String::new(), ..service::config::Settings::default() };
        settings.redis_url = Some(redis.clone());
        settings.delivery.smtp_url = Some(smtp.url());
        settings.delivery.poll_interval_ms = 50;
        settings.schedules.outbox = "* * * * * *".into();
        // Only the outbox is measured: no management report at start-up.
        settings.schedules.recurrence_report = "0 0 3 1 1 * 2099".into();
        settings.schedules.kpi_report = "0 0 3 1 1 * 2099".into();
        settings.queue_prefix = format!("bench-{}", uuid::Uuid::new_v4().simple());
        settings.worker_bind = "127.0.0.1:0".into();
        let (before, _) = memory_mib();
        reset_peak_memory();
        let received_before = smtp.received().len();
        let start = Instant::now();
        let mut stops = Vec::new();
        let mut handles = Vec::new();
        for _ in 0..workers {
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            stops.push(stop);
            let store = jobs::JobStore::open(&settings).await.expect("job queues open");
            let (db, settings) = (bench.db.clone(), settings.clone());
            handles.push(tokio::spawn(worker::runner::run(db, settings, store, false, async move {
                let _ = stopped.await;
            })));
        }
        // Only the bench's own messages count: the start-up sweeps also
        // remind the demo's users of what is due in the demo data.
        let sent = format!("notifications WHERE status = 'SENT' AND unique_key LIKE 'bench:{round}:%'");
        while (count(&bench.db, &sent).await as usize) < messages {
            assert!(start.elapsed() < Duration::from_secs(600), "delivery stalled");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let elapsed = start.elapsed().as_secs_f64();
        let (_, peak) = memory_mib();
        for stop in stops {
            let _ = stop.send(());
        }
        for handle in handles {
            let _ = handle.await;
        }
        let delivered = smtp.received()[received_before..]
            .iter()
            .filter(|m| m.to.iter().any(|t| t.starts_with("user")))
            .count();
        println!(
            "{workers} worker(s): {messages} delivered in {elapsed:>6.1} s = {:>7.1} messages/s   SMTP got {delivered}   RSS {before:.1} → peak {peak:.1} MiB",
            messages as f64 / elapsed
        );
    }
}
