//! What the worker reports on `/metrics` (Prometheus text) and `/healthz`:
//! jobs done, failed and retried by kind, deliveries sent, failed and dead,
//! the depth of the job queues and of the outbox, and the last successful
//! run of each schedule. A depth that cannot be read (the database or the
//! queue is away) is left out, not reported as 0, and
//! `aftersales_worker_outbox_up` / `aftersales_worker_queue_up` say 0.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpResponse, HttpServer, web};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};

use entity::enums::NotificationStatus;
use entity::notification;

use crate::runner::Context;

/// Counters shared by the handlers.
#[derive(Debug, Default)]
pub struct Metrics {
    sent: AtomicU64,
    failed: AtomicU64,
    dead: AtomicU64,
    /// Per job kind: done, failed, and the last success (unix seconds).
    jobs: Mutex<BTreeMap<&'static str, (u64, u64, i64)>>,
    /// Per job kind: runs that were a retry.
    retried: Mutex<BTreeMap<&'static str, u64>>,
}

impl Metrics {
    pub fn job_done(&self, kind: &'static str) {
        if let Ok(mut jobs) = self.jobs.lock() {
            let entry = jobs.entry(kind).or_default();
            entry.0 += 1;
            entry.2 = Utc::now().timestamp();
        }
    }

    pub fn job_failed(&self, kind: &'static str) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.entry(kind).or_default().1 += 1;
        }
    }

    pub fn job_retried(&self, kind: &'static str) {
        if let Ok(mut retried) = self.retried.lock() {
            *retried.entry(kind).or_default() += 1;
        }
    }

    pub fn delivered(&self, outcome: crate::delivery::Outcome) {
        let counter = match outcome {
            crate::delivery::Outcome::Sent => &self.sent,
            crate::delivery::Outcome::Failed => &self.failed,
            crate::delivery::Outcome::Dead => &self.dead,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text, with the queue and outbox depths read now.
    pub async fn render(&self, ctx: &Context) -> String {
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        line("# TYPE aftersales_worker_deliveries_total counter".into());
        for (outcome, counter) in [("sent", &self.sent), ("failed", &self.failed), ("dead", &self.dead)] {
            line(format!(
                "aftersales_worker_deliveries_total{{outcome=\"{outcome}\"}} {}",
                counter.load(Ordering::Relaxed)
            ));
        }
        let jobs = self.jobs.lock().map(|j| j.clone()).unwrap_or_default();
        line("# TYPE aftersales_worker_jobs_total counter".into());
        for (kind, (done, failed, _)) in &jobs {
            line(format!("aftersales_worker_jobs_total{{kind=\"{kind}\",outcome=\"done\"}} {done}"));
            line(format!("aftersales_worker_jobs_total{{kind=\"{kind}\",outcome=\"failed\"}} {failed}"));
        }
        let retried = self.retried.lock().map(|r| r.clone()).unwrap_or_default();
        for (kind, count) in &retried {
            line(format!("aftersales_worker_jobs_total{{kind=\"{kind}\",outcome=\"retried\"}} {count}"));
        }
        line("# TYPE aftersales_worker_last_success_timestamp_seconds gauge".into());
        for (kind, (_, _, last)) in &jobs {
            line(format!("aftersales_worker_last_success_timestamp_seconds{{kind=\"{kind}\"}} {last}"));
        }
        let outbox = outbox_depths(&ctx.db).await;
        if let Err(error) = &outbox {
            tracing::warn!(%error, "outbox depth unavailable");
        }
        line("# HELP aftersales_worker_outbox_up 1 when the outbox depth was read, 0 when the database did not answer (then no depth is reported).".into());
        line("# TYPE aftersales_worker_outbox_up gauge".into());
        line(format!("aftersales_worker_outbox_up {}", u8::from(outbox.is_ok())));
        line("# TYPE aftersales_worker_outbox_depth gauge".into());
        for (status, depth) in outbox.unwrap_or_default() {
            line(format!("aftersales_worker_outbox_depth{{status=\"{}\"}} {depth}", status.as_str()));
        }
        let queues = ctx.store.snapshot(0).await;
        if let Err(error) = &queues {
            tracing::warn!(%error, "queue figures unavailable");
        }
        line("# HELP aftersales_worker_queue_up 1 when the job queues' figures were read, 0 when the queue backend did not answer (then none are reported).".into());
        line("# TYPE aftersales_worker_queue_up gauge".into());
        line(format!("aftersales_worker_queue_up {}", u8::from(queues.is_ok())));
        line("# TYPE aftersales_worker_queue_jobs gauge".into());
        for queue in queues.unwrap_or_default() {
            for (stat, value) in &queue.stats {
                let Some(state) = QUEUE_STATS.iter().find(|(s, _)| s == stat).map(|(_, name)| name) else {
                    continue;
                };
                let value: f64 = value.parse().unwrap_or_default();
                line(format!(
                    "aftersales_worker_queue_jobs{{queue=\"{}\",state=\"{state}\"}} {value}",
                    queue.name
                ));
            }
        }
        out
    }
}

/// The outbox's messages by status, each status reported (0 when none);
/// an error when the database does not answer.
async fn outbox_depths(db: &DatabaseConnection) -> Result<Vec<(NotificationStatus, i64)>, DbErr> {
    const REPORTED: [NotificationStatus; 3] =
        [NotificationStatus::Pending, NotificationStatus::Sending, NotificationStatus::Dead];
    let counted: Vec<(NotificationStatus, i64)> = notification::Entity::find()
        .select_only()
        .column(notification::Column::Status)
        .column_as(notification::Column::Id.count(), "n")
        .filter(notification::Column::Status.is_in(REPORTED))
        .group_by(notification::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(REPORTED
        .into_iter()
        .map(|status| {
            let depth = counted.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
            (status, depth)
        })
        .collect())
}

/// The backends' queue figures exported, by their names there.
const QUEUE_STATS: [(&str, &str); 4] = [
    ("PENDING_JOBS", "pending"),
    ("RUNNING_JOBS", "running"),
    ("FAILED_JOBS", "failed"),
    ("DONE_JOBS", "done"),
];

/// Serves `/healthz` and `/metrics` on `bind` until the process ends.
pub fn serve(bind: &str, ctx: Arc<Context>) -> std::io::Result<actix_web::dev::Server> {
    let state = web::Data::from(ctx);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/healthz", web::get().to(|| async { HttpResponse::Ok().body("ok") }))
            .route(
                "/metrics",
                web::get().to(|ctx: web::Data<Context>| async move {
                    let body = ctx.metrics.render(&ctx).await;
                    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(body)
                }),
            )
    })
    .workers(1)
    .disable_signals()
    .bind(bind)?
    .run();
    Ok(server)
}

#[cfg(test)]
mod tests {
    use migration::{Migrator, MigratorTrait};
    use service::config::Settings;

    use crate::runner::Context;

    #[tokio::test]
    async fn an_outbox_that_cannot_be_read_is_reported_unknown_not_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sqlite = |file: &str| format!("sqlite://{}?mode=rwc", dir.path().join(file).display());
        let settings = Settings {
            database_url: sqlite("aftersales.db"),
            job_store_url: Some(sqlite("jobs.db")),
            data_dir: dir.path().to_owned(),
            ..Settings::default()
        };
        let db = service::db::connect(&settings).await.expect("database");
        let store = jobs::JobStore::open(&settings).await.expect("job store");
        let ctx = Context::new(db.clone(), settings, store).expect("context");

        // No tables yet: nobody can say how much waits.
        let text = ctx.metrics.render(&ctx).await;
        assert!(text.contains("aftersales_worker_outbox_up 0\n"), "{text}");
        assert!(!text.contains("aftersales_worker_outbox_depth{"), "no depth is made up: {text}");
        assert!(text.contains("aftersales_worker_queue_up 1\n"), "{text}");

        Migrator::up(&db, None).await.expect("migrated");
        let text = ctx.metrics.render(&ctx).await;
        assert!(text.contains("aftersales_worker_outbox_up 1\n"), "{text}");
        assert!(text.contains("aftersales_worker_outbox_depth{status=\"PENDING\"} 0\n"), "{text}");
        assert!(text.contains("aftersales_worker_outbox_depth{status=\"DEAD\"} 0\n"), "{text}");

        // The database goes away under the worker.
        db.close().await.expect("closed");
        let text = ctx.metrics.render(&ctx).await;
        assert!(text.contains("aftersales_worker_outbox_up 0\n"), "{text}");
        assert!(!text.contains("aftersales_worker_outbox_depth{"), "{text}");
    }
}
