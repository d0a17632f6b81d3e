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
/// what is down.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let database =
        tokio::time::timeout(PROBE_TIMEOUT, service::db::is_reachable(&state.db)).await.unwrap_or(false);
    let redis = match &state.redis {
        None => None,
        Some(client) => Some(redis_reachable(client).await),
    };
    let ready = database && redis.unwrap_or(true);
    let status = |up: bool| if up { "up" } else { "down" };
    let body = json!({
        "status": if ready { "ready" } else { "not ready" },
        "database": status(database),
        "redis": redis.map(status).unwrap_or("not configured"),
    });
    if ready { HttpResponse::Ok().json(body) } else { HttpResponse::ServiceUnavailable().json(body) }
}

async fn redis_reachable(client: &redis::Client) -> bool {
    let probe = async {
        let mut conn = client.get_multiplexed_async_connection().await.ok()?;
        redis::cmd("PING").query_async::<String>(&mut conn).await.ok()
    };
    matches!(tokio::time::timeout(PROBE_TIMEOUT, probe).await, Ok(Some(_)))
}
