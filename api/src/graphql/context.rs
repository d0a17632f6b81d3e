//! Per-request context: the acting user (if any) and the shared state.

use async_graphql::Context;
use async_graphql::dataloader::DataLoader;
use sea_orm::DatabaseConnection;
use service::ServiceError;
use service::auth::Actor;

use super::error::to_gql_error;
use crate::state::AppState;

/// The authenticated user of this request, if the token was valid.
#[derive(Clone)]
pub struct RequestActor(pub Option<Actor>);

/// Subscriptions still free on this socket (a permit is held by each open
/// subscription).
#[derive(Clone)]
pub struct SocketSubscriptions(pub std::sync::Arc<tokio::sync::Semaphore>);

/// The client's address, for the login throttle.
#[derive(Clone, Copy)]
pub struct ClientAddress(pub Option<std::net::IpAddr>);

/// The acting user, or `UNAUTHENTICATED`.
pub fn actor<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Actor> {
    ctx.data_opt::<RequestActor>()
        .and_then(|a| a.0.as_ref())
        .ok_or_else(|| to_gql_error(ServiceError::Unauthenticated))
}

pub fn state<'a>(ctx: &Context<'a>) -> &'a AppState {
    ctx.data_unchecked::<AppState>()
}

pub fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    &state(ctx).db
}

/// Loads a related row through its DataLoader; a missing row is `None`.
pub async fn load<L, V>(ctx: &Context<'_>, id: Option<i64>) -> async_graphql::Result<Option<V>>
where
    L: async_graphql::dataloader::Loader<i64, Value = V, Error = std::sync::Arc<sea_orm::DbErr>>,
    V: Send + Sync + Clone + 'static,
{
    let Some(id) = id else { return Ok(None) };
    ctx.data_unchecked::<DataLoader<L>>()
        .load_one(id)
        .await
        .map_err(|e| to_gql_error(ServiceError::Internal(e.to_string())))
}
