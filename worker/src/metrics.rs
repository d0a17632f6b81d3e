//! What the worker reports on `/metrics` (Prometheus text) and `/healthz`:
//! jobs done, failed and retried by kind, deliveries sent, failed and dead,
//! the depth of the job queues and of the outbox, and the last successful
//! run of each schedule.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpResponse, HttpServer, web};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

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
        line("# TYPE aftersales_worker_outbox_depth gauge".into());
        for status in [NotificationStatus::Pending, NotificationStatus::Sending, NotificationStatus::Dead] {
            let depth = notification::Entity::find()
                .filter(notification::Column::Status.eq(status))
                .count(&ctx.db)
                .await
                .unwrap_or_default();
            line(format!("aftersales_worker_outbox_depth{{status=\"{}\"}} {depth}", status.as_str()));
        }
        line("# TYPE aftersales_worker_queue_jobs gauge".into());
        match ctx.store.snapshot(0).await {
            Ok(queues) => {
                for queue in queues {
                    for (stat, value) in &queue.stats {
                        let Some(state) = QUEUE_STATS.iter().find(|(s, _)| s == stat).map(|(_, name)| name)
                        else {
                            continue;
                        };
                        let value: f64 = value.parse().unwrap_or_default();
                        line(format!(
                            "aftersales_worker_queue_jobs{{queue=\"{}\",state=\"{state}\"}} {value}",
                            queue.name
                        ));
                    }
                }
            }
            Err(err) => tracing::warn!(error = %err, "queue figures unavailable"),
        }
        out
    }
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
