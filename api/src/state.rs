//! What every request handler shares, built once at start.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use service::ServiceError;
use service::auth::{Actor, LoginThrottle, TokenIssuer};
use service::config::Settings;
use service::usecase::identity;

/// Shared application state.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub tokens: TokenIssuer,
    /// Sign-in attempts, counted in Redis or the database (shared by
    /// every instance).
    pub login_throttle: LoginThrottle,
    /// Signed-in users of recent requests.
    pub actors: Arc<crate::actor_cache::ActorCache>,
    pub redis: Option<redis::Client>,
    /// Ticket changes for subscriptions (through Redis when configured).
    pub events: service::events::EventBus,
    /// The workers' job queues, opened on first look (the job dashboard),
    /// so the api starts even while Redis is away.
    pub jobs: Arc<tokio::sync::OnceCell<jobs::JobStore>>,
    /// Cancelled when the server stops: long-lived work (the subscription
    /// sockets, the embedded workers) ends then instead of holding the
    /// shutdown to its timeout.
    pub stopping: tokio_util::sync::CancellationToken,
}

impl AppState {
    /// The user `user_id` as it is now (reused from the actor cache for up
    /// to `actor_cache_ms`); `None` once deactivated or deleted. An error
    /// when the user could not be read.
    pub async fn current_actor(&self, user_id: i64) -> Result<Option<Actor>, ServiceError> {
        if let Some(actor) = self.actors.get(user_id) {
            return Ok(Some(actor));
        }
        match identity::load_actor(&self.db, user_id).await {
            Ok(actor) => {
                self.actors.put(&actor);
                Ok(Some(actor))
            }
            Err(ServiceError::Unauthenticated) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// The user `user_id` as it is now, if a token or socket that signed in
    /// as `signed_in` still acts for it: not once the account is
    /// deactivated or its token generation has moved on (a password
    /// changed or reset). `UNAUTHENTICATED` then.
    pub async fn still_signed_in(&self, signed_in: &Actor) -> Result<Actor, ServiceError> {
        self.current_actor(signed_in.user_id)
            .await?
            .filter(|now| now.token_generation == signed_in.token_generation)
            .map(|now| Actor { request_id: signed_in.request_id.clone(), ..now })
            .ok_or(ServiceError::Unauthenticated)
    }

    /// The job queues, opened now if this is the first look.
    pub async fn jobs(&self) -> Result<&jobs::JobStore, service::ServiceError> {
        self.jobs
            .get_or_try_init(|| jobs::JobStore::open(&self.settings))
            .await
            .map_err(|e| service::ServiceError::Unavailable(format!("job queues: {e}")))
    }
}
