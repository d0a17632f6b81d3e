//! The `aftersales-worker` command line: one command, which runs the
//! workers until SIGTERM or Ctrl-C. It reads the api's settings, and
//! starts only on a database the api has migrated.

use std::future::Future;
use std::path::PathBuf;

use anyhow::Context;
use clap::Parser;
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

use service::config::Settings;

/// After-sales background worker: runs the schedules (reminders, SLA
/// escalations, reports) and delivers the outbox by SMTP and SMS until
/// SIGTERM or Ctrl-C, letting running jobs finish. With `REDIS_URL`, any
/// number of workers share the queues; without, the jobs wait in the
/// SQLite job store (`job_store_url`).
#[derive(Debug, Parser)]
#[command(name = "aftersales-worker", version)]
pub struct Cli {
    /// Configuration file, the same as aftersales-api's (default:
    /// $AFTERSALES_CONFIG or ./aftersales.toml when present; environment
    /// variables AFTERSALES_… override it).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What tells an operator how to migrate.
const MIGRATE: &str = "aftersales-api migrate";

/// Runs the workers until `shutdown`.
pub async fn run(cli: Cli, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    let settings = Settings::load_with(cli.config.as_deref())?;
    service::telemetry::init(settings.log_format);
    let url = service::db::redact(&settings.database_url);
    let db = service::db::connect(&settings)
        .await
        .with_context(|| format!("cannot open the database at {url}"))?;
    require_migrated(&db, &url).await?;
    let store = jobs::JobStore::open(&settings).await.context("cannot open the job queues")?;
    crate::runner::run(db, settings, store, true, shutdown).await
}

/// Refuses a database whose schema is not this build's: every job would
/// fail on it. Reads the migration table only (creates nothing); `url`
/// names the database in the message.
pub async fn require_migrated(db: &DatabaseConnection, url: &str) -> anyhow::Result<()> {
    let pending = Migrator::get_pending_migrations_read_only(db).await.map_err(|e| {
        // The database has migrations this build does not know.
        anyhow::anyhow!(
            "the database at {url} is newer than this aftersales-worker ({e}): run the version the api runs"
        )
    })?;
    match pending.as_slice() {
        [] => Ok(()),
        [first, ..] => anyhow::bail!(
            "the database at {url} is not migrated ({} of {} migrations pending, the first {}): run \
             `{MIGRATE}` (or start aftersales-api, which migrates on start), then start the worker again",
            pending.len(),
            Migrator::migrations().len(),
            first.name()
        ),
    }
}
