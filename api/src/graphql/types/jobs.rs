//! The workers' job queues as the job dashboard shows them.

use async_graphql::SimpleObject;
use chrono::{DateTime, Utc};

use jobs::{JobSnapshot, QueueSnapshot, WorkerSnapshot};

/// One job queue of the background workers.
#[derive(SimpleObject)]
pub struct JobQueue {
    /// `sweep` (find what is due) or `deliver` (send one message).
    pub name: String,
    /// `redis`, or `sqlite` for the embedded default.
    pub backend: String,
    /// The backend's figures: pending, running, done and failed jobs, rates.
    pub stats: Vec<JobStat>,
    /// The worker processes polling this queue.
    pub workers: Vec<JobWorker>,
    /// The latest jobs: running, failed and retried ones among them.
    pub recent: Vec<Job>,
}

/// One figure of a queue.
#[derive(SimpleObject)]
pub struct JobStat {
    /// As the backend names it, e.g. `PENDING_JOBS`.
    pub name: String,
    pub value: String,
}

/// A worker registered with a queue.
#[derive(SimpleObject)]
pub struct JobWorker {
    /// Unique per process, so a dead process's jobs can be taken back.
    pub name: String,
    pub started_at: Option<DateTime<Utc>>,
    pub last_heartbeat: Option<DateTime<Utc>>,
}

/// One job.
#[derive(SimpleObject)]
pub struct Job {
    pub id: String,
    /// `Pending`, `Running`, `Done`, `Failed` or `Killed`.
    pub status: String,
    /// Runs so far; above one, it was retried.
    pub attempt: i32,
    /// When it ran or is to run.
    pub run_at: Option<DateTime<Utc>>,
    /// Its arguments, as JSON.
    pub args: String,
}

fn time(seconds: u64) -> Option<DateTime<Utc>> {
    i64::try_from(seconds).ok().filter(|s| *s > 0).and_then(|s| DateTime::from_timestamp(s, 0))
}

impl JobQueue {
    pub fn new(backend: &str, queue: QueueSnapshot) -> Self {
        Self {
            name: queue.name,
            backend: backend.to_owned(),
            stats: queue.stats.into_iter().map(|(name, value)| JobStat { name, value }).collect(),
            workers: queue.workers.into_iter().map(JobWorker::from).collect(),
            recent: queue.recent.into_iter().map(Job::from).collect(),
        }
    }
}

impl From<WorkerSnapshot> for JobWorker {
    fn from(w: WorkerSnapshot) -> Self {
        Self { name: w.name, started_at: time(w.started_at), last_heartbeat: time(w.last_heartbeat) }
    }
}

impl From<JobSnapshot> for Job {
    fn from(j: JobSnapshot) -> Self {
        Self {
            id: j.id,
            status: j.status,
            attempt: i32::try_from(j.attempt).unwrap_or(i32::MAX),
            run_at: j.run_at.and_then(time),
            args: j.args,
        }
    }
}
