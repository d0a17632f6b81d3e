//! Liveness and readiness probes.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::state::AppState;

/// How long a readiness check waits for each dependency.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// The process is up.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// The database (and Redis, when configured) answer; 503 otherwise, naming
/// what is down. `workers` says how many worker processes are alive (and
/// whether they run in this process); with none, the api still serves
/// (200) but `warnings` says that nothing is delivered until one runs.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let database =
        tokio::time::timeout(PROBE_TIMEOUT, service::db::is_reachable(&state.db)).await.unwrap_or(false);
    let redis = match &state.redis {
        None => None,
        Some(client) => Some(redis_reachable(client).await),
    };
    let ready = database && redis.unwrap_or(true);
    let alive = if redis == Some(false) { None } else { live_workers(&state).await };
    let status = |up: bool| if up { "up" } else { "down" };
    let mut body = json!({
        "status": if ready { "ready" } else { "not ready" },
        "database": status(database),
        "redis": redis.map(status).unwrap_or("not configured"),
        "workers": { "alive": alive, "embedded": state.settings.runs_embedded_worker() },
    });
    if alive == Some(0) {
        body["warnings"] = json!([NO_WORKER]);
    }
    if ready { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

/// What `/readyz` and the start-up log say when no worker runs.
pub const NO_WORKER: &str = "no aftersales-worker is running on this deployment's job queues: \
     nothing is delivered (reminders, escalations, reports) until one runs";

/// The worker processes alive on the job queues; `None` when the queues
/// do not answer.
pub async fn live_workers(state: &AppState) -> Option<u64> {
    let count = async { state.jobs().await.ok()?.live_workers().await.ok() };
    tokio::time::timeout(PROBE_TIMEOUT, count).await.ok().flatten()
}

async fn redis_reachable(client: &redis::Client) -> bool {
    let probe = async {
        let mut conn = client.get_multiplexed_async_connection().await.ok()?;
        redis::cmd("PING").query_async::<String>(&mut conn).await.ok()
    };
    matches!(tokio::time::timeout(PROBE_TIMEOUT, probe).await, Ok(Some(_)))
}
