//! Where the jobs wait: Redis for a fleet of `aftersales-worker` processes,
//! or a SQLite file for the embedded default (the workers inside the api
//! process). Both hold one queue per job type, and both drop a second push
//! under the same idempotency key. The worker pushes and takes jobs; the
//! api reads the queues for the job dashboard and the workers' heartbeats
//! for `/readyz`.

use std::str::FromStr;
use std::time::Duration;

use apalis::prelude::*;
use apalis_redis::{Config as RedisConfig, ConnectionManager, RedisStorage};
use apalis_sqlite::{Config as SqliteConfig, SqliteConnectOptions, SqlitePoolOptions, SqliteStorage};
use redis::AsyncCommands;
use serde::Serialize;

use service::config::Settings;

use crate::liveness;
use crate::payload::{DeliverJob, SweepJob};

/// The queues, one per job type, after the configured prefix.
pub const SWEEP_QUEUE: &str = "sweep";
pub const DELIVERY_QUEUE: &str = "deliver";

/// How long Redis remembers a pushed key; SQLite remembers it for good, so
/// every key names its occasion (a tick, a message's attempt and lease).
const KEY_TTL: Duration = Duration::from_secs(24 * 3600);

/// Tries at setting up a new SQLite job store that others set up at once.
const SETUP_ATTEMPTS: u64 = 20;

/// The two queues on one backend.
#[derive(Clone)]
pub enum JobStore {
    Redis {
        sweeps: RedisStorage<SweepJob, ConnectionManager>,
        deliveries: RedisStorage<DeliverJob, ConnectionManager>,
        /// The deployment's live workers (see [`liveness`]).
        alive: String,
    },
    Sqlite {
        sweeps: SqliteStorage<SweepJob>,
        deliveries: SqliteStorage<DeliverJob>,
    },
}

/// A queue's figures and its recent jobs, for the metrics and the dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct QueueSnapshot {
    pub name: String,
    /// The backend's own figures (`PENDING_JOBS`, `RUNNING_JOBS`, …).
    pub stats: Vec<(String, String)>,
    pub workers: Vec<WorkerSnapshot>,
    pub recent: Vec<JobSnapshot>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkerSnapshot {
    pub name: String,
    pub started_at: u64,
    pub last_heartbeat: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct JobSnapshot {
    pub id: String,
    pub status: String,
    pub attempt: usize,
    pub run_at: Option<u64>,
    pub args: String,
}

impl JobStore {
    /// Opens the store the settings name: Redis when `redis_url` is set,
    /// else the SQLite job store (created and migrated here).
    pub async fn open(settings: &Settings) -> anyhow::Result<Self> {
        let prefix = &settings.queue_prefix;
        let sweep_queue = format!("{prefix}:{SWEEP_QUEUE}");
        let delivery_queue = format!("{prefix}:{DELIVERY_QUEUE}");
        if let Some(url) = &settings.redis_url {
            let conn =
                apalis_redis::connect(url.as_str()).await.map_err(|e| anyhow::anyhow!("redis_url: {e}"))?;
            let config = |queue: &str| RedisConfig::default().queue(queue).idempotency_ttl(Some(KEY_TTL));
            return Ok(Self::Redis {
                sweeps: RedisStorage::new(conn.clone()).with_config(config(&sweep_queue)),
                deliveries: RedisStorage::new(conn).with_config(config(&delivery_queue)),
                alive: liveness::key(prefix),
            });
        }
        let url = settings.job_store();
        if let Some(dir) = sqlite_parent_dir(&url) {
            std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("job_store_url {url}: {e}"))?;
        }
        let options = SqliteConnectOptions::from_str(&url)
            .map_err(|e| anyhow::anyhow!("job_store_url {url}: {e}"))?
            .create_if_missing(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| anyhow::anyhow!("job_store_url {url}: {e}"))?;
        // Workers starting together on a new file race to set it up (WAL
        // mode, migrations); the loser finds it locked, or a table made
        // under its feet, and tries again.
        let mut attempt = 0;
        while let Err(e) = SqliteStorage::setup(&pool).await {
            attempt += 1;
            let raced = ["locked", "busy", "already exists"].iter().any(|m| e.to_string().contains(m));
            if attempt >= SETUP_ATTEMPTS || !raced {
                return Err(anyhow::anyhow!("job_store_url {url}: {e}"));
            }
            tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
        }
        // A heartbeat every few seconds, so the jobs of a process that died
        // go back to the queue within seconds, not a minute.
        let config =
            |queue: &str| SqliteConfig::default().queue(queue).heartbeat_interval(Duration::from_secs(5));
        Ok(Self::Sqlite {
            sweeps: SqliteStorage::new(&pool).with_config(config(&sweep_queue)),
            deliveries: SqliteStorage::new(&pool).with_config(config(&delivery_queue)),
        })
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Redis { .. } => "redis",
            Self::Sqlite { .. } => "sqlite",
        }
    }

    /// Queues one sweep; a second push under `key` is dropped.
    pub async fn push_sweep(
        &self,
        job: SweepJob,
        key: String,
        max_attempts: usize,
    ) -> Result<(), BoxDynError> {
        let task = TaskBuilder::new(job).idempotency_key(key).max_attempts(max_attempts).build();
        match self.clone() {
            Self::Redis { mut sweeps, .. } => sweeps.push_task(task).await?,
            Self::Sqlite { mut sweeps, .. } => sweeps.push_task(task).await?,
        }
        Ok(())
    }

    /// Queues one delivery; a second push under `key` is dropped.
    pub async fn push_delivery(&self, job: DeliverJob, key: String) -> Result<(), BoxDynError> {
        // Retries are the outbox's (backoff, then dead), not the queue's.
        let task = TaskBuilder::new(job).idempotency_key(key).max_attempts(1).build();
        match self.clone() {
            Self::Redis { mut deliveries, .. } => deliveries.push_task(task).await?,
            Self::Sqlite { mut deliveries, .. } => deliveries.push_task(task).await?,
        }
        Ok(())
    }

    /// Delivery jobs queued and not yet taken by a worker. On Redis every
    /// push lands in the scheduled set, and apalis-redis moves all that are
    /// due with one Lua `unpack`, which fails past ~8000 ids and ends the
    /// worker: the sweeps keep the queue well below that. A SQLite queue
    /// has no such limit and reports none waiting.
    pub async fn waiting_deliveries(&self) -> Result<u64, BoxDynError> {
        let Self::Redis { deliveries, .. } = self else { return Ok(0) };
        let mut queue = deliveries.clone();
        let config = queue.get_config().clone();
        let (active, scheduled): (u64, u64) = redis::pipe()
            .llen(config.active_jobs_list())
            .zcard(config.scheduled_jobs_set())
            .query_async(queue.get_connection())
            .await?;
        Ok(active + scheduled)
    }

    /// Says that the worker process `name` is alive. On SQLite apalis's
    /// own heartbeats say it (every few seconds, see [`JobStore::open`]).
    pub async fn beat(&self, name: &str) -> Result<(), BoxDynError> {
        if let Self::Redis { deliveries, alive, .. } = self {
            liveness::beat(deliveries.clone().get_connection(), alive, name).await?;
        }
        Ok(())
    }

    /// Says that the worker process `name` has stopped.
    pub async fn leave(&self, name: &str) -> Result<(), BoxDynError> {
        if let Self::Redis { deliveries, alive, .. } = self {
            liveness::leave(deliveries.clone().get_connection(), alive, name).await?;
        }
        Ok(())
    }

    /// The worker processes that said they were alive within
    /// [`liveness::ALIVE_FOR`]: on Redis by their beats, on SQLite by the
    /// delivery workers' heartbeats in the job store (the embedded
    /// workers among them).
    pub async fn live_workers(&self) -> Result<u64, BoxDynError> {
        match self {
            Self::Redis { deliveries, alive, .. } => {
                Ok(liveness::count(deliveries.clone().get_connection(), alive).await?)
            }
            Self::Sqlite { deliveries, .. } => {
                let since = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |now| now.saturating_sub(liveness::ALIVE_FOR).as_secs());
                let workers = deliveries.list_workers().await?;
                Ok(workers.iter().filter(|w| w.last_heartbeat >= since).count() as u64)
            }
        }
    }

    /// Each queue's figures, workers and latest jobs: up to `recent` of
    /// each state (running, waiting, failed, done).
    pub async fn snapshot(&self, recent: u32) -> Result<Vec<QueueSnapshot>, BoxDynError> {
        Ok(match self {
            Self::Redis { sweeps, deliveries, .. } => vec![
                redis_snapshot(SWEEP_QUEUE, sweeps.clone(), recent).await?,
                redis_snapshot(DELIVERY_QUEUE, deliveries.clone(), recent).await?,
            ],
            Self::Sqlite { sweeps, deliveries } => vec![
                sqlite_snapshot(SWEEP_QUEUE, sweeps, recent).await?,
                sqlite_snapshot(DELIVERY_QUEUE, deliveries, recent).await?,
            ],
        })
    }
}

async fn sqlite_snapshot<T>(
    name: &str,
    queue: &SqliteStorage<T>,
    recent: u32,
) -> Result<QueueSnapshot, BoxDynError>
where
    SqliteStorage<T>: Metrics + ListWorkers + ListTasks<Compact = Vec<u8>>,
    <SqliteStorage<T> as Backend>::Error: Into<BoxDynError>,
{
    let stats = queue.fetch_by_queue().await.map_err(Into::into)?;
    let workers = queue.list_workers().await.map_err(Into::into)?;
    let mut jobs = Vec::new();
    if recent > 0 {
        for status in [Status::Running, Status::Pending, Status::Failed, Status::Killed, Status::Done] {
            let filter = Filter { status: Some(status), page: 1, page_size: Some(recent) };
            jobs.extend(queue.list_tasks(&filter).await.map_err(Into::into)?);
        }
    }
    Ok(QueueSnapshot {
        name: name.to_owned(),
        stats: stats.into_iter().map(|s| (s.title, s.value)).collect(),
        workers: workers
            .into_iter()
            .map(|w| WorkerSnapshot {
                name: w.id,
                started_at: w.started_at,
                last_heartbeat: w.last_heartbeat,
            })
            .collect(),
        recent: jobs
            .into_iter()
            .map(|t| JobSnapshot {
                id: t.task_id().map(ToString::to_string).unwrap_or_default(),
                status: t.status().to_string(),
                attempt: t.attempt(),
                run_at: t.run_at(),
                args: String::from_utf8_lossy(&t.args).into_owned(),
            })
            .collect(),
    })
}

/// A queue on Redis, read from the backend's own keys: apalis-redis 1.0's
/// figures and listing scripts fail on the keys it writes itself (its done
/// and dead sets read as sorted sets, worker details that are never kept).
async fn redis_snapshot<T>(
    name: &str,
    mut queue: RedisStorage<T, ConnectionManager>,
    recent: u32,
) -> Result<QueueSnapshot, BoxDynError> {
    let config = queue.get_config().clone();
    let conn = queue.get_connection();
    let n = isize::try_from(recent).unwrap_or(isize::MAX);
    let (active, scheduled, done, dead, workers): (u64, u64, u64, u64, Vec<(String, f64)>) = redis::pipe()
        .llen(config.active_jobs_list())
        .zcard(config.scheduled_jobs_set())
        .scard(config.done_jobs_set())
        .scard(config.dead_jobs_set())
        .zrange_withscores(config.workers_set(), 0, -1)
        .query_async(conn)
        .await?;
    let mut ids: Vec<(String, &str)> = Vec::new();
    for (worker, _) in &workers {
        let inflight: Vec<String> = conn.smembers(format!("{}:{worker}", config.inflight_jobs_set())).await?;
        ids.extend(inflight.into_iter().map(|id| (id, "Running")));
    }
    let running = ids.len();
    ids.truncate(recent as usize);
    if recent > 0 {
        let waiting: Vec<String> = conn.lrange(config.active_jobs_list(), 0, n - 1).await?;
        let retrying: Vec<String> = conn.zrange(config.scheduled_jobs_set(), 0, n - 1).await?;
        let failed: Vec<String> = conn.srandmember_multiple(config.dead_jobs_set(), n).await?;
        let finished: Vec<String> = conn.srandmember_multiple(config.done_jobs_set(), n).await?;
        ids.extend(waiting.into_iter().map(|id| (id, "Pending")));
        ids.extend(retrying.into_iter().map(|id| (id, "Pending")));
        ids.extend(failed.into_iter().map(|id| (id, "Failed")));
        ids.extend(finished.into_iter().map(|id| (id, "Done")));
    }
    let mut jobs = Vec::with_capacity(ids.len());
    for (id, status) in ids {
        let args: Option<Vec<u8>> = conn.hget(config.job_data_hash(), &id).await?;
        let meta = format!("{}:{id}", config.job_meta_hash());
        let (attempts, done_at): (Option<usize>, Option<u64>) =
            redis::pipe().hget(&meta, "attempts").hget(&meta, "done_at").query_async(conn).await?;
        jobs.push(JobSnapshot {
            id,
            status: status.to_owned(),
            attempt: attempts.unwrap_or_default(),
            run_at: done_at,
            args: args.map(|a| String::from_utf8_lossy(&a).into_owned()).unwrap_or_default(),
        });
    }
    Ok(QueueSnapshot {
        name: name.to_owned(),
        stats: [
            ("PENDING_JOBS", active + scheduled),
            ("RUNNING_JOBS", running as u64),
            ("DONE_JOBS", done),
            ("FAILED_JOBS", dead),
        ]
        .into_iter()
        .map(|(stat, value)| (stat.to_owned(), value.to_string()))
        .collect(),
        workers: workers
            .into_iter()
            .map(|(name, seen)| WorkerSnapshot { name, started_at: 0, last_heartbeat: seen as u64 })
            .collect(),
        recent: jobs,
    })
}

/// The directory of a `sqlite://dir/file.db?…` URL, to create it first.
fn sqlite_parent_dir(url: &str) -> Option<&std::path::Path> {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    if path.is_empty() || path.starts_with(':') {
        return None;
    }
    std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_job_store_directory_is_the_files_parent() {
        assert_eq!(sqlite_parent_dir("sqlite://data/jobs.db?mode=rwc"), Some(std::path::Path::new("data")));
        assert_eq!(sqlite_parent_dir("sqlite:///tmp/x/jobs.db"), Some(std::path::Path::new("/tmp/x")));
        assert_eq!(sqlite_parent_dir("sqlite://jobs.db"), None);
        assert_eq!(sqlite_parent_dir("sqlite::memory:"), None);
    }
}
