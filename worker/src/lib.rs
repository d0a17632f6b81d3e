//! Background work: sweeps that find what has become due (visits, SLA
//! breaches, overdue old parts and determinations, low stock) and queue
//! reminders in the outbox, and delivery of the outbox by SMTP and SMS.
//! Several worker processes may run at once: the sweeps are idempotent and
//! every message is claimed by exactly one of them.

pub mod delivery;
pub mod jobs;
pub mod metrics;

use std::future::Future;
use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use service::config::Settings;
use service::usecase::reminders;

use delivery::{Senders, deliver_due};

/// Messages one delivery round claims.
const DELIVERY_BATCH: u64 = 50;

/// Runs every sweep once; returns how many messages they queued.
pub async fn sweep_once(
    db: &DatabaseConnection,
    settings: &Settings,
) -> Result<usize, service::ServiceError> {
    let now = Utc::now();
    let mut queued = 0;
    queued += reminders::return_visits(db, settings, now).await?;
    queued += reminders::sla_breaches(db, settings, now).await?;
    queued += reminders::old_parts_overdue(db, settings, now).await?;
    queued += reminders::determinations_overdue(db, settings, now).await?;
    queued += reminders::low_stock(db, settings, now).await?;
    Ok(queued)
}

/// Without Redis (the embedded default): sweeps and delivers in this
/// process on fixed intervals until `shutdown` completes; a round in
/// progress finishes first. With Redis, see [`jobs::run_on_redis`].
pub async fn run(
    db: DatabaseConnection,
    settings: Settings,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let senders = Senders::new(&settings.delivery)?;
    let mut sweep = tokio::time::interval(Duration::from_secs(settings.delivery.sweep_interval_secs.max(1)));
    let mut poll = tokio::time::interval(Duration::from_millis(settings.delivery.poll_interval_ms.max(10)));
    sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            _ = sweep.tick() => match sweep_once(&db, &settings).await {
                Ok(queued) => tracing::info!(queued, "sweep done"),
                Err(err) => tracing::error!(error = %err, "sweep failed"),
            },
            _ = poll.tick() => loop {
                match deliver_due(&db, &settings.delivery, &senders, DELIVERY_BATCH).await {
                    Ok(round) if round.sent + round.failed + round.dead == 0 => break,
                    Ok(round) => tracing::info!(?round, "delivered"),
                    Err(err) => {
                        tracing::error!(error = %err, "delivery round failed");
                        break;
                    }
                }
            },
        }
    }
    tracing::info!("worker stopped");
    Ok(())
}
