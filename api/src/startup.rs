//! Builds the HTTP application: database, migrations, shared state, schema,
//! middleware and routes, bound to the configured address (port 0 in tests).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, Service};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{App, HttpMessage, HttpServer, web};
use actix_web_prom::PrometheusMetricsBuilder;
use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use tracing_actix_web::{RequestId, TracingLogger};

use service::auth::{LoginThrottle, TokenIssuer};
use service::config::Settings;

use crate::actor_cache::ActorCache;
use crate::graphql::{build_schema, build_socket_schema};
use crate::routes::{admin, exports, graphql, health};
use crate::state::AppState;

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

/// Connects to the database and applies pending migrations.
pub async fn prepare_database(settings: &Settings) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = service::db::connect(settings)
        .await
        .with_context(|| format!("cannot open the database at {}", redact(&settings.database_url)))?;
    Migrator::up(&db, None).await.context("migrations failed")?;
    Ok(db)
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

impl Application {
    /// Opens the database, migrates, and binds the server.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = prepare_database(&settings).await?;
        Self::build_with_db(settings, db)
    }

    /// Binds the server over an already migrated database.
    pub fn build_with_db(settings: Settings, db: sea_orm::DatabaseConnection) -> anyhow::Result<Self> {
        let secret = settings.resolve_jwt_secret()?;
        let redis = settings
            .redis_url
            .as_deref()
            .map(redis::Client::open)
            .transpose()
            .context("invalid redis_url")?;
        let events = match &redis {
            Some(client) => service::events::EventBus::with_redis(client.clone(), &settings.queue_prefix),
            None => service::events::EventBus::local(),
        };
        let state = AppState {
            events,
            db: db.clone(),
            tokens: TokenIssuer::new(&secret, settings.token_ttl_minutes),
            login_throttle: LoginThrottle::new(
                settings.login_attempts_per_minute,
                db.clone(),
                redis.clone().map(|client| (client, settings.queue_prefix.clone())),
            ),
            actors: Arc::new(ActorCache::new(Duration::from_millis(settings.actor_cache_ms))),
            redis,
            settings: Arc::new(settings),
            jobs: Arc::default(),
        };
        let listener = TcpListener::bind(&state.settings.bind)
            .with_context(|| format!("cannot bind {}", state.settings.bind))?;
        let port = listener.local_addr()?.port();
        let server = serve(listener, state.clone())?;
        Ok(Self { port, server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGTERM/SIGINT, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let schema = web::Data::new(build_schema(state.clone()));
    let socket_schema = web::Data::new(build_socket_schema(state.clone()));
    let body_limit = state.settings.max_body_bytes;
    let shutdown = state.settings.shutdown_timeout_secs;
    let metrics = PrometheusMetricsBuilder::new("aftersales")
        .endpoint("/metrics")
        .exclude("/healthz")
        .build()
        .map_err(|e| anyhow::anyhow!("metrics setup failed: {e}"))?;
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .wrap(metrics.clone())
            .wrap_fn(|req, srv| {
                // Echo the request id so a client can quote it in a support call.
                let id = req.extensions().get::<RequestId>().map(|id| id.to_string());
                let fut = srv.call(req);
                async move {
                    let mut res = fut.await?;
                    if let Some(id) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
                        res.headers_mut().insert(HeaderName::from_static("x-request-id"), id);
                    }
                    Ok(res)
                }
            })
            .wrap(TracingLogger::default())
            .app_data(web::PayloadConfig::new(body_limit))
            .app_data(schema.clone())
            .app_data(socket_schema.clone())
            .app_data(state.clone())
            .route("/graphql", web::post().to(graphql::execute))
            .route("/graphql", web::get().to(graphql::get))
            .route("/exports/old-parts.{format}", web::get().to(exports::old_parts))
            .route(r"/reports/{id:\d+}.{format}", web::get().to(exports::stored_report))
            .route("/admin/jobs", web::get().to(admin::jobs_page))
            .route("/healthz", web::get().to(health::healthz))
            .route("/readyz", web::get().to(health::readyz))
    })
    .shutdown_timeout(shutdown)
    .client_request_timeout(Duration::from_secs(30))
    .listen(listener)?
    .run();
    Ok(server)
}
