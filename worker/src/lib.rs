//! Background work: sweeps that find what has become due (visits, SLA
//! breaches, overdue old parts and determinations, low stock, complaints
//! not taken in time) and queue
//! reminders in the outbox, and delivery of the outbox by SMTP and SMS.
//! The jobs run on apalis, on Redis for a fleet of worker processes or on
//! SQLite inside the api (the embedded default). Several processes may run
//! at once: the sweeps are idempotent and every message is claimed by
//! exactly one of them.

pub mod cli;
pub mod delivery;
pub mod metrics;
pub mod restart;
pub mod runner;
pub mod smtp;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use service::config::Settings;
use service::usecase::{reminders, visits};

/// Runs every sweep once; returns how many messages they queued.
pub async fn sweep_once(
    db: &DatabaseConnection,
    settings: &Settings,
) -> Result<usize, service::ServiceError> {
    let now = Utc::now();
    let mut queued = 0;
    visits::open_care_visits(db, settings, now).await?;
    queued += reminders::return_visits(db, settings, now).await?;
    queued += reminders::sla_breaches(db, settings, now).await?;
    queued += reminders::old_parts_overdue(db, settings, now).await?;
    queued += reminders::determinations_overdue(db, settings, now).await?;
    queued += reminders::low_stock(db, settings, now).await?;
    queued += reminders::complaints_unrouted(db, settings, now).await?;
    Ok(queued)
}
