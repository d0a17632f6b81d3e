//! The worker on apalis and Redis: one cron per schedule ticks in every
//! worker process, and each tick pushes a sweep job keyed by the tick time,
//! so of several processes one sweep runs per tick (apalis #281: a cron
//! stream ticks once in each process). The sweep queues reminders in the
//! outbox and pushes one delivery job per due message, keyed by message and
//! attempt. The delivery handler claims the message in the database before
//! it sends, so a job delivered twice (apalis delivers at least once) sends
//! once. Each process has its own worker name, so apalis re-enqueues the
//! jobs of a process that died.

use std::str::FromStr;
use std::sync::Arc;

use apalis::prelude::*;
use apalis_cron::{CronScheduler, Tick};
use apalis_redis::{Config as QueueConfig, ConnectionManager, RedisStorage};
use chrono::Utc;
use chrono_tz::Tz;
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

use service::config::Settings;
use service::notify;
use service::usecase::reminders;

use crate::delivery::{Outcome, Senders, deliver};

/// The queues, one per job type, after the configured prefix.
pub const SWEEP_QUEUE: &str = "sweep";
pub const DELIVERY_QUEUE: &str = "deliver";

/// How long a tick's key keeps a second sweep of that tick out.
const SWEEP_KEY_TTL: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Most delivery jobs one sweep pushes; the next sweep pushes the rest.
const DELIVERY_BATCH: u64 = 5_000;

/// What a sweep looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SweepKind {
    ReturnVisits,
    Sla,
    OldParts,
    Determinations,
    LowStock,
    Outbox,
    RecurrenceReport,
    KpiReport,
}

impl SweepKind {
    pub const ALL: [Self; 8] = [
        Self::ReturnVisits,
        Self::Sla,
        Self::OldParts,
        Self::Determinations,
        Self::LowStock,
        Self::Outbox,
        Self::RecurrenceReport,
        Self::KpiReport,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::ReturnVisits => "return_visits",
            Self::Sla => "sla",
            Self::OldParts => "old_parts",
            Self::Determinations => "determinations",
            Self::LowStock => "low_stock",
            Self::Outbox => "outbox",
            Self::RecurrenceReport => "recurrence_report",
            Self::KpiReport => "kpi_report",
        }
    }

    fn schedule(self, settings: &Settings) -> &str {
        let s = &settings.schedules;
        match self {
            Self::ReturnVisits => &s.return_visits,
            Self::Sla => &s.sla,
            Self::OldParts => &s.old_parts,
            Self::Determinations => &s.determinations,
            Self::LowStock => &s.low_stock,
            Self::Outbox => &s.outbox,
            Self::RecurrenceReport => &s.recurrence_report,
            Self::KpiReport => &s.kpi_report,
        }
    }
}

/// One sweep, for the tick that asked for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepJob {
    pub kind: SweepKind,
    /// Unix seconds of the tick.
    pub tick: u64,
}

/// One attempt at delivering one message.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliverJob {
    pub notification_id: i64,
}

type Queue<T> = RedisStorage<T, ConnectionManager>;

/// What every handler needs.
pub struct Context {
    pub db: DatabaseConnection,
    pub settings: Settings,
    pub senders: Senders,
    pub metrics: Arc<crate::metrics::Metrics>,
    sweeps: Queue<SweepJob>,
    deliveries: Queue<DeliverJob>,
}

async fn on_tick(tick: Tick<Tz>, kind: Data<SweepKind>, ctx: Data<Arc<Context>>) -> Result<(), BoxDynError> {
    let job = SweepJob { kind: *kind, tick: tick.get_timestamp() };
    let key = format!("sweep:{}:{}", kind.name(), job.tick);
    let mut queue = ctx.sweeps.clone();
    queue.push_task(TaskBuilder::new(job).idempotency_key(key).build()).await?;
    Ok(())
}

async fn on_sweep(job: SweepJob, ctx: Data<Arc<Context>>) -> Result<(), BoxDynError> {
    let outcome = sweep(&job, &ctx).await;
    match &outcome {
        Ok(()) => ctx.metrics.job_done(job.kind.name()),
        Err(_) => ctx.metrics.job_failed(job.kind.name()),
    }
    outcome
}

async fn sweep(job: &SweepJob, ctx: &Context) -> Result<(), BoxDynError> {
    let (db, settings, now) = (&ctx.db, &ctx.settings, Utc::now());
    let queued = match job.kind {
        SweepKind::ReturnVisits => reminders::return_visits(db, settings, now).await?,
        SweepKind::Sla => reminders::sla_breaches(db, settings, now).await?,
        SweepKind::OldParts => reminders::old_parts_overdue(db, settings, now).await?,
        SweepKind::Determinations => reminders::determinations_overdue(db, settings, now).await?,
        SweepKind::LowStock => reminders::low_stock(db, settings, now).await?,
        SweepKind::Outbox => 0,
        // Scheduled and due, but the reports are not built yet: fail where
        // the job log and the failed-jobs count show it, never pretend.
        SweepKind::RecurrenceReport | SweepKind::KpiReport => {
            tracing::error!(kind = job.kind.name(), "scheduled report is not built yet");
            return Err(format!("{} is due but the report is not built yet", job.kind.name()).into());
        }
    };
    let mut queue = ctx.deliveries.clone();
    let due = notify::due(db, DELIVERY_BATCH, now).await?;
    for (id, attempts) in &due {
        let task = TaskBuilder::new(DeliverJob { notification_id: *id })
            .idempotency_key(format!("deliver:{id}:{attempts}"))
            .build();
        queue.push_task(task).await?;
    }
    tracing::info!(kind = job.kind.name(), queued, deliveries = due.len(), "sweep done");
    Ok(())
}

async fn on_deliver(job: DeliverJob, ctx: Data<Arc<Context>>) -> Result<(), BoxDynError> {
    let delivery = &ctx.settings.delivery;
    let channels = ctx.senders.channels();
    let Some(message) = notify::claim(&ctx.db, delivery, &channels, job.notification_id, Utc::now()).await?
    else {
        // Sent already, not due yet, or another worker holds it.
        return Ok(());
    };
    let outcome = deliver(&ctx.db, delivery, &ctx.senders, &message).await?;
    ctx.metrics.delivered(outcome);
    match outcome {
        Outcome::Failed => {
            // The retry is a new job at the new attempt, pushed by the next sweep.
            tracing::info!(id = message.id, "delivery failed; retried after the backoff");
        }
        Outcome::Sent | Outcome::Dead => {}
    }
    Ok(())
}

/// A name no other process uses, so apalis can tell a dead worker's jobs.
fn worker_name(role: &str) -> String {
    format!("aftersales-{role}-{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())
}

/// Runs the crons, the sweep and the delivery workers on Redis until
/// `shutdown`; running jobs finish first.
pub async fn run_on_redis(
    db: DatabaseConnection,
    settings: Settings,
    redis_url: &str,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let tz: Tz = settings.time_zone.parse().map_err(|e| anyhow::anyhow!("time_zone: {e}"))?;
    let mut schedules = Vec::new();
    for kind in SweepKind::ALL {
        let expression = kind.schedule(&settings);
        let schedule = cron::Schedule::from_str(expression)
            .map_err(|e| anyhow::anyhow!("schedules.{}: `{expression}`: {e}", kind.name()))?;
        schedules.push((kind, schedule));
    }
    let conn = apalis_redis::connect(redis_url).await.map_err(|e| anyhow::anyhow!("REDIS_URL: {e}"))?;
    let prefix = &settings.queue_prefix;
    let sweeps = RedisStorage::new(conn.clone()).with_config(
        QueueConfig::default().queue(format!("{prefix}:{SWEEP_QUEUE}")).idempotency_ttl(Some(SWEEP_KEY_TTL)),
    );
    // A delivery job lost with its worker may be pushed again once the
    // message's lease is over; the claim still lets only one send.
    let lease = std::time::Duration::from_secs(settings.delivery.lease_secs.unsigned_abs());
    let deliveries = RedisStorage::new(conn).with_config(
        QueueConfig::default().queue(format!("{prefix}:{DELIVERY_QUEUE}")).idempotency_ttl(Some(lease)),
    );
    let senders = Senders::new(&settings.delivery)?;
    let shutdown_secs = settings.shutdown_timeout_secs;
    let poll = std::time::Duration::from_millis(settings.delivery.poll_interval_ms.max(10));
    let metrics = Arc::new(crate::metrics::Metrics::default());
    let status = crate::metrics::serve(&settings.worker_bind, metrics.clone(), db.clone())
        .map_err(|e| anyhow::anyhow!("worker_bind {}: {e}", settings.worker_bind))?;
    let status_handle = status.handle();
    tokio::spawn(status);
    let ctx = Arc::new(Context {
        db,
        settings,
        senders,
        metrics,
        sweeps: sweeps.clone(),
        deliveries: deliveries.clone(),
    });

    // Catch up at start: what fell due while no worker ran is swept now,
    // not at the next scheduled tick. Processes starting in the same
    // minute share the key, so it runs once.
    let minute = Utc::now().timestamp() / 60;
    for kind in SweepKind::ALL {
        if matches!(kind, SweepKind::RecurrenceReport | SweepKind::KpiReport) {
            continue;
        }
        let key = format!("sweep:{}:start:{minute}", kind.name());
        let mut queue = ctx.sweeps.clone();
        queue
            .push_task(TaskBuilder::new(SweepJob { kind, tick: 0 }).idempotency_key(key).build())
            .await
            .map_err(|e| anyhow::anyhow!("queueing the start-up sweep: {e}"))?;
    }

    let mut monitor = Monitor::new().shutdown_timeout(std::time::Duration::from_secs(shutdown_secs));
    for (kind, schedule) in schedules {
        let ctx = ctx.clone();
        monitor = monitor.register(move |_| {
            WorkerBuilder::new(worker_name(&format!("cron-{}", kind.name())))
                .backend(CronScheduler::new(schedule.clone()).with_timezone(tz))
                .data(kind)
                .data(ctx.clone())
                .build(on_tick)
        });
    }
    let sweep_ctx = ctx.clone();
    monitor = monitor.register(move |_| {
        // Redis storage sleeps until its heartbeat after an empty fetch;
        // polling on an interval picks new jobs up promptly.
        WorkerBuilder::new(worker_name("sweep"))
            .backend(sweeps.clone().poll_with_interval(poll))
            .data(sweep_ctx.clone())
            .build(on_sweep)
    });
    let concurrency = ctx.settings.delivery.concurrency;
    let deliver_ctx = ctx.clone();
    monitor = monitor.register(move |_| {
        WorkerBuilder::new(worker_name("deliver"))
            .backend(deliveries.clone().poll_with_interval(poll))
            .data(deliver_ctx.clone())
            .concurrency(concurrency)
            .build(on_deliver)
    });
    let ran = monitor
        .run_with_signal(async move {
            shutdown.await;
            Ok(())
        })
        .await
        .map_err(|e| anyhow::anyhow!("worker monitor: {e}"));
    status_handle.stop(true).await;
    ran
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_schedule_is_a_valid_cron_expression() {
        let settings = Settings::default();
        for kind in SweepKind::ALL {
            let expression = kind.schedule(&settings);
            assert!(cron::Schedule::from_str(expression).is_ok(), "{}: {expression}", kind.name());
        }
    }

    #[test]
    fn the_quarterly_report_runs_on_the_first_of_each_quarter_at_seven() {
        let settings = Settings::default();
        let schedule = cron::Schedule::from_str(&settings.schedules.recurrence_report).expect("parses");
        let tz: Tz = "Asia/Shanghai".parse().expect("zone");
        let from = chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, 25, 0, 0, 0).single().expect("time");
        let next: Vec<String> =
            schedule.after(&from).take(2).map(|t| t.format("%Y-%m-%d %H:%M").to_string()).collect();
        assert_eq!(next, ["2027-01-01 07:00", "2027-04-01 07:00"]);
    }
}
