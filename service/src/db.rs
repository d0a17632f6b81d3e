//! Database connections for PostgreSQL and the embedded SQLite default, and
//! write transactions that behave the same on both.

use std::path::Path;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::config::Settings;

/// How long an SQLite writer waits for the lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens the pool. For SQLite it creates the file's folder and turns on WAL,
/// a busy timeout, `synchronous=NORMAL` and foreign keys, which sqlx does not
/// do by itself.
pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbErr> {
    connect_url(
        &settings.database_url,
        settings.db_max_connections,
        Duration::from_secs(settings.db_acquire_timeout_secs),
    )
    .await
}

pub async fn connect_url(
    url: &str,
    max_connections: u32,
    acquire_timeout: Duration,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(acquire_timeout)
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("postgres") {
        // The JIT compiles the report queries for longer than they run (a
        // third of the KPI report at a million tickets); the short OLTP
        // queries never reach its threshold anyway.
        options.map_sqlx_postgres_opts(|opts| opts.options([("jit", "off")]));
    }
    if url.starts_with("sqlite:") {
        ensure_sqlite_folder(url);
        options.map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
        });
    }
    Database::connect(options).await
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Starts a transaction that will write. On SQLite it takes the write lock
/// up front (`BEGIN IMMEDIATE`): a deferred transaction that upgrades to a
/// write fails with SQLITE_BUSY at once, whatever the busy timeout says.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: (db.get_database_backend() == DbBackend::Sqlite)
            .then_some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    db.begin_with_options(options).await
}

/// True when the database answers.
pub async fn is_reachable(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

fn ensure_sqlite_folder(url: &str) {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return;
    }
    if let Some(parent) = Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        // A failure shows up as a clear connect error right after.
        let _ = std::fs::create_dir_all(parent);
    }
}
