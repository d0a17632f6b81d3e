//! The workers on apalis: one cron per schedule ticks in every worker
//! process, and each tick pushes a sweep job keyed by the tick time, so of
//! several processes one sweep runs per tick (apalis #281: a cron stream
//! ticks once in each process). The sweep queues reminders in the outbox
//! and pushes one delivery job per due message, keyed by message, attempt
//! and lease window. The delivery handler claims the message in the
//! database and checks it still needs sending before it sends, so a job
//! delivered twice (apalis delivers at least once) sends once. Each process
//! has its own worker names, so apalis re-enqueues the jobs of a process
//! that died. The same workers run on Redis and, embedded, on SQLite.

use std::str::FromStr;
use std::sync::Arc;

use apalis::prelude::*;
use apalis_cron::{CronScheduler, Tick};
use chrono::{SubsecRound, Utc};
use chrono_tz::Tz;
use sea_orm::DatabaseConnection;

use entity::enums::NotificationChannel;

use service::config::Settings;
use service::notify;
use service::usecase::reports::stored::{self, Period, ReportKind};
use service::usecase::{reminders, visits};

use jobs::{DeliverJob, JobStore, SweepJob, SweepKind};

use crate::delivery::{Outcome, Senders, deliver};

/// Most delivery jobs waiting in the queue at once; a sweep tops the queue
/// up to this and the next sweep pushes the rest. Far below the ~8000 ids
/// one apalis-redis script can move (see `JobStore::waiting_deliveries`),
/// even with every process's start-up sweep pushing at once.
const DELIVERY_BACKLOG: u64 = 1_000;

/// Tries of a sweep that fails (the database was away, say).
const SWEEP_ATTEMPTS: usize = 3;

/// What every handler needs.
pub struct Context {
    pub db: DatabaseConnection,
    pub settings: Settings,
    pub senders: Senders,
    pub metrics: Arc<crate::metrics::Metrics>,
    pub store: JobStore,
}

impl Context {
    /// The handlers' context for one process: its senders (from
    /// `settings.delivery`) and its own metrics.
    pub fn new(db: DatabaseConnection, settings: Settings, store: JobStore) -> anyhow::Result<Self> {
        let senders = Senders::new(&settings.delivery)?;
        Ok(Self { db, settings, senders, metrics: Arc::default(), store })
    }

    async fn push_sweep(&self, kind: SweepKind, tick: u64, key: String) -> Result<(), BoxDynError> {
        self.store.push_sweep(SweepJob { kind, tick }, key, SWEEP_ATTEMPTS).await
    }
}

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Swept {
    /// Messages it newly put in the outbox.
    pub queued: u64,
    /// The delivery jobs it pushed, one per due message (the queue drops
    /// a push it holds already under the same key).
    pub deliveries: Vec<DeliverJob>,
}

async fn on_tick(tick: Tick<Tz>, kind: Data<SweepKind>, ctx: Data<Arc<Context>>) -> Result<(), BoxDynError> {
    let tick = tick.get_timestamp();
    let pushed = ctx.push_sweep(*kind, tick, format!("sweep:{}:{tick}", kind.name())).await;
    if let Err(error) = &pushed {
        tracing::warn!(kind = kind.name(), tick, %error, "could not queue the scheduled sweep");
    }
    pushed
}

async fn on_sweep(job: SweepJob, attempt: Attempt, ctx: Data<Arc<Context>>) -> Result<(), BoxDynError> {
    handle_sweep(&ctx, &job, attempt.current()).await.map(|_| ())
}

async fn on_deliver(job: DeliverJob, ctx: Data<Arc<Context>>) -> Result<(), BoxDynError> {
    handle_delivery(&ctx, &job).await.map(|_| ())
}

/// The sweep job's handler (`attempt` counts from 1): queues what `job`'s
/// kind finds due in the outbox, then pushes a delivery job for each due
/// message this process can send. Counted in the metrics; a failure is
/// logged with the job and its reason, and the queue tries it again.
pub async fn handle_sweep(ctx: &Context, job: &SweepJob, attempt: usize) -> Result<Swept, BoxDynError> {
    let kind = job.kind.name();
    if attempt > 1 {
        ctx.metrics.job_retried(kind);
    }
    let outcome = sweep(ctx, job).await;
    match &outcome {
        Ok(swept) => {
            ctx.metrics.job_done(kind);
            // Every minute's sweeps find the same messages due until they
            // are sent: only what is new is worth a line at info.
            if swept.queued > 0 {
                tracing::info!(
                    kind,
                    queued = swept.queued,
                    deliveries = swept.deliveries.len(),
                    "sweep queued new messages"
                );
            } else {
                tracing::debug!(kind, deliveries = swept.deliveries.len(), "sweep done, nothing new");
            }
        }
        Err(error) => {
            ctx.metrics.job_failed(kind);
            let last = attempt >= SWEEP_ATTEMPTS;
            tracing::warn!(kind, tick = job.tick, attempt, of = SWEEP_ATTEMPTS, %error,
                "sweep failed{}", if last { "; no attempt left, the next tick sweeps again" } else { "; tried again" });
        }
    }
    outcome
}

async fn sweep(ctx: &Context, job: &SweepJob) -> Result<Swept, BoxDynError> {
    // To the microsecond, as the databases keep it: `queued_at` finds
    // this sweep's messages by it.
    let now = Utc::now().trunc_subsecs(6);
    let (db, settings) = (&ctx.db, &ctx.settings);
    match job.kind {
        SweepKind::ReturnVisits => {
            // Care visits that came due join the list before the reminders.
            visits::open_care_visits(db, settings, now).await?;
            reminders::return_visits(db, settings, now).await?;
        }
        SweepKind::Sla => {
            reminders::sla_breaches(db, settings, now).await?;
        }
        SweepKind::OldParts => {
            reminders::old_parts_overdue(db, settings, now).await?;
        }
        SweepKind::Determinations => {
            reminders::determinations_overdue(db, settings, now).await?;
        }
        SweepKind::LowStock => {
            reminders::low_stock(db, settings, now).await?;
        }
        SweepKind::Complaints => {
            reminders::complaints_unrouted(db, settings, now).await?;
        }
        SweepKind::Outbox => {}
        // The last whole period's report, stored once and mailed to
        // management once per person, however often the tick is run.
        SweepKind::RecurrenceReport => {
            stored::scheduled(db, settings, ReportKind::FailureRecurrence, now).await?;
        }
        SweepKind::KpiReport => {
            stored::scheduled(db, settings, ReportKind::Kpi, now).await?;
        }
    }
    let queued = notify::queued_at(db, now).await?;
    // Only what this process can send: without an SMTP relay, say, mail
    // waits in the outbox rather than as jobs nobody can do.
    let room = DELIVERY_BACKLOG.saturating_sub(ctx.store.waiting_deliveries().await?);
    let due =
        if room == 0 { Vec::new() } else { notify::due(db, &ctx.senders.channels(), room, now).await? };
    // A job lost with its worker is pushed again in the next lease window,
    // once the message's lease has run out; the claim still lets one send.
    let window = now.timestamp() / settings.delivery.lease_secs.max(1);
    let mut deliveries = Vec::with_capacity(due.len());
    for (id, attempts) in due {
        let job = DeliverJob { notification_id: id };
        ctx.store.push_delivery(job, format!("deliver:{id}:{attempts}:{window}")).await?;
        deliveries.push(job);
    }
    Ok(Swept { queued, deliveries })
}

/// The delivery job's handler: claims the message, checks that it still
/// needs saying (else cancels it), sends it and records the outcome.
/// `None` when there was nothing to send: sent already, not due yet, no
/// longer needed, or another worker has it. A job that fails is logged
/// with its reason; the message is due again once its claim runs out,
/// and a later sweep pushes it again.
pub async fn handle_delivery(ctx: &Context, job: &DeliverJob) -> Result<Option<Outcome>, BoxDynError> {
    let outcome = deliver_one(ctx, job).await;
    match &outcome {
        Ok(Some(outcome)) => ctx.metrics.delivered(*outcome),
        Ok(None) => {}
        Err(error) => {
            tracing::warn!(notification_id = job.notification_id, %error,
                "delivery job failed; the message is tried again by a later sweep");
        }
    }
    outcome
}

async fn deliver_one(ctx: &Context, job: &DeliverJob) -> Result<Option<Outcome>, BoxDynError> {
    let channels = ctx.senders.channels();
    let claimed =
        reminders::claim_for_sending(&ctx.db, &ctx.settings, &channels, job.notification_id, Utc::now())
            .await?;
    let Some(message) = claimed else { return Ok(None) };
    // A failure is logged there; the retry is a new job at the next
    // attempt, pushed by the first sweep after the backoff.
    Ok(Some(deliver(&ctx.db, &ctx.settings.delivery, &ctx.senders, &message).await?))
}

/// Says once, at start, what this process cannot send, and how much of it
/// waits in the outbox meanwhile.
async fn say_what_waits(ctx: &Context) {
    let channels = ctx.senders.channels();
    let unsent = [
        (NotificationChannel::Email, "no SMTP relay is configured (delivery.smtp_url): e-mail"),
        (NotificationChannel::Sms, "no SMS gateway is configured (delivery.sms_url): SMS"),
    ];
    for (channel, what) in unsent.into_iter().filter(|(c, _)| !channels.contains(c)) {
        match notify::waiting(&ctx.db, channel).await {
            Ok(waiting) => tracing::warn!(
                channel = channel.as_str(),
                waiting,
                "{what} waits in the outbox until one is; {waiting} waiting now"
            ),
            Err(error) => {
                tracing::warn!(channel = channel.as_str(), %error, "{what} waits in the outbox until one is")
            }
        }
    }
}

/// The period whose scheduled report is due but may have been missed: a
/// tick of `schedule` fell between the end of the last whole period and
/// `now`. The sweep itself finds out whether it was done.
fn missed_report(kind: ReportKind, schedule: &cron::Schedule, now: chrono::DateTime<Tz>) -> Option<String> {
    let period = Period::last_complete(kind, now.date_naive());
    let ended = period.end().and_hms_opt(0, 0, 0)?.and_local_timezone(now.timezone()).earliest()?;
    schedule.after(&ended).next().filter(|tick| *tick <= now).map(|_| period.label())
}

/// A worker whose backend failed (Redis gone, a script error) ends with
/// the error; it is started again, so the process keeps working once the
/// backend answers. The pause before it polls again is the restarted
/// backend's (see [`crate::restart`]): this callback runs on the async
/// runtime and must not block it.
fn restart_after_backend_error(worker: &WorkerContext, error: &WorkerError) -> bool {
    let restarts = worker.restarts() + 1;
    let pause = crate::restart::pause_after(restarts);
    tracing::warn!(worker = worker.name(), restarts, error = %error, pause_ms = pause.as_millis() as u64,
        "worker ended with an error; restarting after a pause");
    true
}

/// A name no other process uses, so apalis can tell a dead worker's jobs.
fn worker_name(role: &str) -> String {
    format!("aftersales-{role}-{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())
}

/// Registers a sweep and a delivery worker on one backend's two queues.
macro_rules! register_queue_workers {
    ($monitor:expr, $ctx:expr, $sweeps:expr, $deliveries:expr) => {{
        let (sweeps, deliveries, ctx) = ($sweeps.clone(), $deliveries.clone(), $ctx.clone());
        let poll = std::time::Duration::from_millis(ctx.settings.delivery.poll_interval_ms.max(10));
        let concurrency = ctx.settings.delivery.concurrency;
        let sweep_ctx = ctx.clone();
        // Polling on an interval picks new jobs up promptly; the backends
        // otherwise sleep until their heartbeat after an empty fetch.
        $monitor
            .register(move |restarts| {
                WorkerBuilder::new(worker_name("sweep"))
                    .backend(crate::restart::after_restarts(
                        sweeps.clone().poll_with_interval(poll),
                        restarts,
                    ))
                    .data(sweep_ctx.clone())
                    .build(on_sweep)
            })
            .register(move |restarts| {
                WorkerBuilder::new(worker_name("deliver"))
                    .backend(crate::restart::after_restarts(
                        deliveries.clone().poll_with_interval(poll),
                        restarts,
                    ))
                    .data(ctx.clone())
                    .concurrency(concurrency)
                    .build(on_deliver)
            })
    }};
}

/// Runs the crons, the sweep and the delivery workers on `store` until
/// `shutdown`; running jobs finish first. Serves `/healthz` and `/metrics`
/// on `worker_bind` when `serve_status`.
pub async fn run(
    db: DatabaseConnection,
    settings: Settings,
    store: JobStore,
    serve_status: bool,
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
    let shutdown_secs = settings.shutdown_timeout_secs;
    let ctx = Arc::new(Context::new(db, settings, store)?);
    say_what_waits(&ctx).await;
    // Several workers on one host with the same settings: the first serves
    // `/healthz` and `/metrics`, the others work without them.
    let status = match serve_status.then(|| crate::metrics::serve(&ctx.settings.worker_bind, ctx.clone())) {
        Some(Ok(server)) => {
            let handle = server.handle();
            tokio::spawn(server);
            Some(handle)
        }
        Some(Err(err)) => {
            tracing::warn!(bind = %ctx.settings.worker_bind, error = %err, "status endpoints not served by this worker");
            None
        }
        None => None,
    };

    // Catch up at start: what fell due while no worker ran is swept now,
    // not at the next scheduled tick. Each process sweeps once: sweeps are
    // idempotent, and a restart a moment after a crash still catches up.
    let start = uuid::Uuid::new_v4().simple();
    let now = Utc::now().with_timezone(&tz);
    for (kind, schedule) in &schedules {
        let key = match kind.report() {
            None => format!("sweep:{}:start:{start}", kind.name()),
            // A report whose tick fell while no worker ran: once per period
            // across all the processes starting.
            Some(report) => match missed_report(report, schedule, now) {
                Some(period) => format!("sweep:{}:catch-up:{period}", kind.name()),
                None => continue,
            },
        };
        ctx.push_sweep(*kind, 0, key)
            .await
            .map_err(|e| anyhow::anyhow!("queueing the start-up sweep: {e}"))?;
    }

    let mut monitor = Monitor::new()
        .shutdown_timeout(std::time::Duration::from_secs(shutdown_secs))
        .should_restart(restart_after_backend_error);
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
    monitor = match &ctx.store {
        JobStore::Redis { sweeps, deliveries, .. } => {
            register_queue_workers!(monitor, ctx, sweeps, deliveries)
        }
        JobStore::Sqlite { sweeps, deliveries } => register_queue_workers!(monitor, ctx, sweeps, deliveries),
    };
    tracing::info!(backend = ctx.store.backend_name(), "workers started");
    let process = worker_name("process");
    let heartbeat = tokio::spawn(beat(ctx.store.clone(), process.clone()));
    let ran = monitor
        .run_with_signal(async move {
            shutdown.await;
            Ok(())
        })
        .await
        .map_err(|e| anyhow::anyhow!("worker monitor: {e}"));
    heartbeat.abort();
    if let Err(error) = ctx.store.leave(&process).await {
        tracing::debug!(%error, "could not say this worker stopped; it counts as alive a little longer");
    }
    if let Some(status) = status {
        status.stop(true).await;
    }
    ran
}

/// Says that this process is alive, every [`jobs::liveness::BEAT_EVERY`],
/// so the api can tell whether anything is being delivered (`/readyz`).
async fn beat(store: JobStore, process: String) {
    let mut every = tokio::time::interval(jobs::liveness::BEAT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(error) = store.beat(&process).await {
            // The queue's own errors say that Redis is away.
            tracing::debug!(%error, "heartbeat not recorded");
        }
    }
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

    #[test]
    fn a_report_tick_missed_since_its_period_ended_is_caught_up_at_start() {
        let settings = Settings::default();
        let monthly = cron::Schedule::from_str(&settings.schedules.kpi_report).expect("parses");
        let tz: Tz = "Asia/Shanghai".parse().expect("zone");
        let at = |d, h| chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, d, h, 0, 0).single().expect("time");
        // The October report is due on 1 November at 07:00.
        assert_eq!(missed_report(ReportKind::Kpi, &monthly, at(1, 6)), None);
        assert_eq!(missed_report(ReportKind::Kpi, &monthly, at(1, 8)).as_deref(), Some("2026-10"));
        assert_eq!(missed_report(ReportKind::Kpi, &monthly, at(25, 8)).as_deref(), Some("2026-10"));
        let never = cron::Schedule::from_str("0 0 3 1 1 * 2099").expect("parses");
        assert_eq!(missed_report(ReportKind::FailureRecurrence, &never, at(25, 8)), None);
    }
}
