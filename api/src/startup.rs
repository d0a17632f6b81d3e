//! Builds the HTTP application: database, migrations, shared state, schema,
//! middleware and routes, bound to the configured address (port 0 in tests).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_cors::Cors;
use actix_web::body::EitherBody;
use actix_web::dev::{Server, Service, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::{Method, header};
use actix_web::middleware::{Compress, Condition, ErrorHandlerResponse, ErrorHandlers};
use actix_web::{App, HttpMessage, HttpResponse, HttpServer, web};
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use anyhow::Context;
use futures::TryFutureExt;
use futures::future::{Either, ready};
use migration::{Migrator, MigratorTrait};
use tokio_util::sync::CancellationToken;
use tracing_actix_web::{RequestId, TracingLogger};

use service::auth::{LoginThrottle, TokenIssuer};
use service::config::Settings;

use crate::actor_cache::ActorCache;
use crate::graphql::{build_schema, build_socket_schema};
use crate::routes::metrics::{self, MetricsAccess};
use crate::routes::{console, exports, graphiql, graphql, health, imports};
use crate::state::AppState;

/// A bound, not yet running server (and the metrics server, when the
/// metrics have an address of their own).
pub struct Application {
    port: u16,
    server: Server,
    metrics_server: Option<Server>,
    state: AppState,
}

/// Connects to the database and applies pending migrations.
pub async fn prepare_database(settings: &Settings) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = service::db::connect(settings).await.with_context(|| {
        format!("cannot open the database at {}", service::db::redact(&settings.database_url))
    })?;
    Migrator::up(&db, None).await.context("migrations failed")?;
    if settings.production {
        service::environment::mark_production(&db)
            .await
            .context("recording the production environment in the database failed")?;
    }
    Ok(db)
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
            stopping: CancellationToken::new(),
        };
        let listener = TcpListener::bind(&state.settings.bind)
            .with_context(|| format!("cannot bind {}", state.settings.bind))?;
        let port = listener.local_addr()?.port();
        let metrics = PrometheusMetricsBuilder::new("aftersales")
            .endpoint(metrics::PATH)
            .exclude("/healthz")
            .build()
            .map_err(|e| anyhow::anyhow!("metrics setup failed: {e}"))?;
        let token = state.settings.metrics_token.clone();
        let metrics_server = match &state.settings.metrics_bind {
            Some(bind) => {
                let listener =
                    TcpListener::bind(bind).with_context(|| format!("cannot bind metrics_bind {bind}"))?;
                let access = MetricsAccess { served_here: true, token: token.clone() };
                Some(serve_metrics(listener, metrics.clone(), access, state.stopping.clone())?)
            }
            None => {
                if state.settings.production && token.is_none() {
                    tracing::warn!("/metrics is public: set metrics_bind or metrics_token in production");
                }
                None
            }
        };
        let access = MetricsAccess { served_here: metrics_server.is_none(), token };
        let server = serve(listener, state.clone(), metrics, access)?;
        Ok(Self { port, server, metrics_server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Cancelled when the server stops (see [`AppState::stopping`]);
    /// cancelling it stops the server as SIGTERM does.
    pub fn stopping(&self) -> CancellationToken {
        self.state.stopping.clone()
    }

    /// Serves until SIGTERM or SIGINT (or [`Application::stopping`]), then
    /// stops taking connections, closes the subscription sockets and lets
    /// in-flight requests finish, for at most `shutdown_timeout_secs`.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let stopping = self.state.stopping.clone();
        let serving = async move {
            match self.metrics_server {
                Some(metrics) => futures::future::try_join(self.server, metrics).await.map(|_| ()),
                None => self.server.await,
            }
        };
        tokio::pin!(serving);
        tokio::select! {
            served = &mut serving => return served,
            () = stop_signal() => {}
            () = stopping.cancelled() => {}
        }
        tracing::info!("stopping: no new connections; in-flight requests and jobs finish");
        stopping.cancel();
        serving.await
    }
}

/// SIGTERM (what a container platform sends) or SIGINT (Ctrl-C).
async fn stop_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(err) => {
            tracing::warn!(error = %err, "cannot listen for SIGTERM; stopping on Ctrl-C only");
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Lets `/metrics` through only as `access` allows, in front of the
/// Prometheus middleware that answers it.
fn guard_metrics<S, B>(
    access: &MetricsAccess,
    req: ServiceRequest,
    srv: &S,
) -> impl std::future::Future<Output = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>> + use<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    match access.refusal(&req) {
        Some(refused) => Either::Left(ready(Ok(req.into_response(refused).map_into_right_body()))),
        None => Either::Right(srv.call(req).map_ok(ServiceResponse::map_into_left_body)),
    }
}

/// actix answers a body past the limit with plain text; clients get the
/// JSON error shape every other answer has.
fn payload_too_large<B>(res: ServiceResponse<B>, limit: usize) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let body = serde_json::json!({
        "errors": [{ "message": format!("the request body is larger than {limit} bytes"),
                     "extensions": { "code": "PAYLOAD_TOO_LARGE", "limit": limit } }]
    });
    let (req, _) = res.into_parts();
    let res = HttpResponse::PayloadTooLarge().json(body);
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, res).map_into_right_body()))
}

/// Cross-origin access for the configured origins' pages: a preflight
/// (OPTIONS) from one of them is answered with the methods and headers
/// GraphQL, the exports and the reports need; any other origin gets no
/// allow header, so its page cannot read the answer (requests without an
/// Origin, or from the api's own pages, go on as before). Bearer tokens,
/// not cookies: no credentials mode. The request id is readable.
fn cors(origins: &[String]) -> Cors {
    origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods([Method::GET, Method::POST])
        .allowed_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .expose_headers([HeaderName::from_static("x-request-id")])
        .max_age(3600)
}

/// The metrics alone, on their own address.
fn serve_metrics(
    listener: TcpListener,
    metrics: PrometheusMetrics,
    access: MetricsAccess,
    stopping: CancellationToken,
) -> anyhow::Result<Server> {
    let server = HttpServer::new(move || {
        let access = access.clone();
        App::new().wrap_fn(move |req, srv| guard_metrics(&access, req, srv)).wrap(metrics.clone())
    })
    .workers(1)
    .shutdown_signal(stopping.cancelled_owned())
    .listen(listener)?
    .run();
    Ok(server)
}

fn serve(
    listener: TcpListener,
    state: AppState,
    metrics: PrometheusMetrics,
    access: MetricsAccess,
) -> anyhow::Result<Server> {
    let schema = web::Data::new(build_schema(state.clone()));
    let socket_schema = web::Data::new(build_socket_schema(state.clone()));
    let body_limit = state.settings.max_body_bytes;
    let import_limit = state.settings.import_max_bytes;
    let shutdown = state.settings.shutdown_timeout_secs;
    let origins = state.settings.cors_allowed_origins.clone();
    // Our stop signal, not actix's own handlers: the sockets and the
    // embedded workers stop on the same one.
    let stopping = state.stopping.clone();
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        let access = access.clone();
        App::new()
            .wrap(metrics.clone())
            .wrap_fn(move |req, srv| guard_metrics(&access, req, srv))
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
            .wrap(ErrorHandlers::new().handler(StatusCode::PAYLOAD_TOO_LARGE, move |res| {
                // Uploads have their own, larger limit.
                let limit =
                    if res.request().path().starts_with("/imports/") { import_limit } else { body_limit };
                payload_too_large(res, limit)
            }))
            .wrap(TracingLogger::default())
            .app_data(web::PayloadConfig::new(body_limit))
            .app_data(schema.clone())
            .app_data(socket_schema.clone())
            .app_data(state.clone())
            .route("/graphql", web::post().to(graphql::execute))
            .route("/graphql", web::get().to(graphql::get))
            .service(
                // Compressed: GraphiQL's bundle is a megabyte, fetched once per version.
                web::resource("/graphiql/{tag}/{file}")
                    .wrap(Compress::default())
                    .route(web::get().to(graphiql::asset)),
            )
            .route("/exports/old-parts.{format}", web::get().to(exports::old_parts))
            .route(r"/reports/{id:\d+}.{format}", web::get().to(exports::stored_report))
            .route("/imports/{kind}", web::post().to(imports::import))
            .route("/healthz", web::get().to(health::healthz))
            .route("/readyz", web::get().to(health::readyz))
            // The console: its files, and its index for the app's own routes.
            .default_service(web::to(console::serve))
            // Outermost, so a preflight is answered before anything else runs.
            .wrap(Condition::new(!origins.is_empty(), cors(&origins)))
    })
    .shutdown_timeout(shutdown)
    .shutdown_signal(stopping.cancelled_owned())
    .client_request_timeout(Duration::from_secs(30))
    .listen(listener)?
    .run();
    Ok(server)
}
