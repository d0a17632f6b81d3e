//! Subscriptions over WebSocket (graphql-transport-ws). Authenticate with
//! `{"token": "<bearer token>"}` in the `connection_init` payload.

use std::time::Duration;

use async_graphql::{Context, Subscription};
use futures::Stream;
use service::ServiceError;
use service::audit;
use service::usecase::identity;

use async_graphql::ID;
use futures::StreamExt;
use service::usecase::tickets::reading;
use tokio::sync::OwnedSemaphorePermit;
use tokio_stream::wrappers::BroadcastStream;

use crate::routes::socket::MAX_SUBSCRIPTIONS;

use super::context::{SocketSubscriptions, actor, db, state};
use super::error::{GqlResult, to_gql_error};
use super::ids::{Kind, decode};
use super::types::audit::AuditEntry;
use super::types::ticket::Ticket;

/// How often the live audit feed looks for new entries.
const AUDIT_POLL_INTERVAL: Duration = Duration::from_secs(1);
const AUDIT_BATCH: u64 = 100;

#[derive(Default)]
pub struct SubscriptionRoot;

/// Live feeds, over WebSocket (graphql-transport-ws).
#[Subscription]
impl SubscriptionRoot {
    /// The ticket each time it changes (a step of its lifecycle, a quote, a
    /// repair record), for anyone who may see it. Through Redis pub/sub when
    /// Redis is configured, so changes made on any api instance arrive.
    async fn ticket_updated<'ctx>(
        &self,
        ctx: &Context<'ctx>,
        #[graphql(desc = "The ticket to follow.")] id: ID,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<Ticket>> + 'ctx> {
        let id = decode(Kind::Ticket, &id, "id")?;
        let slot = subscription_slot(ctx)?;
        let state = state(ctx).clone();
        // The account as it is now, not as the socket signed in.
        let actor = state.still_signed_in(actor(ctx)?).await.gql()?;
        // Refuse at once what the actor may not see.
        reading::get_ticket(&state.db, &actor, id).await.gql()?;
        let changes = BroadcastStream::new(state.events.subscribe());
        let updates = changes
            .filter_map(move |change| async move {
                match change {
                    Ok(change) if change.ticket_id == id => Some(()),
                    // A lagging subscriber skipped changes: show the current state.
                    Err(_) => Some(()),
                    Ok(_) => None,
                }
            })
            .then(move |()| {
                let (state, actor) = (state.clone(), actor.clone());
                async move {
                    // The account as it is now: deactivated, or its password
                    // changed, it stops receiving.
                    let current = state.still_signed_in(&actor).await?;
                    reading::get_ticket(&state.db, &current, id).await.map(Ticket::from)
                }
            });
        Ok(until_access_is_lost(updates).map(move |update| {
            let _held = &slot;
            update.map_err(to_gql_error)
        }))
    }

    /// Every ticket the viewer may see, each time it changes (a new report,
    /// a step of its lifecycle, a quote, a repair record): what a queue or
    /// an engineer's job list needs to stay current without reloading.
    /// Changes the viewer may not see are skipped.
    async fn tickets_changed<'ctx>(
        &self,
        ctx: &Context<'ctx>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<Ticket>> + 'ctx> {
        let slot = subscription_slot(ctx)?;
        let state = state(ctx).clone();
        let actor = state.still_signed_in(actor(ctx)?).await.gql()?;
        let changes = BroadcastStream::new(state.events.subscribe());
        let updates = changes
            // A lagging subscriber lost changes it cannot name; the client
            // reloads its list when the socket reconnects.
            .filter_map(|change| async move { change.ok().map(|change| change.ticket_id) })
            .then(move |id| {
                let (state, actor) = (state.clone(), actor.clone());
                async move {
                    let current = state.still_signed_in(&actor).await?;
                    match reading::get_ticket(&state.db, &current, id).await {
                        Ok(ticket) => Ok(Some(Ticket::from(ticket))),
                        // Not the viewer's to see: skipped, the feed goes on.
                        Err(ServiceError::NotFound { .. } | ServiceError::Forbidden(_)) => Ok(None),
                        Err(e) => Err(e),
                    }
                }
            });
        Ok(until_access_is_lost(updates).filter_map(move |update| {
            let _held = &slot;
            async move { update.map_err(to_gql_error).transpose() }
        }))
    }

    /// Every change recorded from now on, as it happens (SERVICE_MANAGER,
    /// GENERAL_MANAGER, ADMIN). Works across server instances: it follows
    /// the audit table, not process memory.
    async fn audit_trail<'ctx>(
        &self,
        ctx: &Context<'ctx>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<AuditEntry>> + 'ctx> {
        let actor = actor(ctx)?.clone();
        let slot = subscription_slot(ctx)?;
        let db = db(ctx).clone();
        let start = audit::latest_id(&db, &actor).await.gql()?;
        Ok(audit_feed(db, actor, start).map(move |entry| {
            let _held = &slot;
            entry
        }))
    }
}

/// One of the socket's subscription permits, held as long as the stream
/// lives; `RATE_LIMITED` when the socket holds its most already. Outside a
/// socket (the schema run directly) there is no bound.
fn subscription_slot(ctx: &Context<'_>) -> async_graphql::Result<Option<OwnedSemaphorePermit>> {
    let Some(free) = ctx.data_opt::<SocketSubscriptions>() else { return Ok(None) };
    match free.0.clone().try_acquire_owned() {
        Ok(permit) => Ok(Some(permit)),
        Err(_) => Err(to_gql_error(ServiceError::RateLimited {
            message: format!("at most {MAX_SUBSCRIPTIONS} subscriptions on one socket; complete one first"),
            retry_after_secs: 1,
        })),
    }
}

/// Passes updates on until one says the account may no longer see them
/// (signed out, deactivated, access taken away); that one ends the stream
/// at once, without waiting for another change.
fn until_access_is_lost<T>(
    updates: impl Stream<Item = Result<T, ServiceError>>,
) -> impl Stream<Item = Result<T, ServiceError>> {
    futures::stream::unfold((Box::pin(updates), false), |(mut updates, lost)| async move {
        if lost {
            return None;
        }
        let update = updates.next().await?;
        let lost = matches!(
            update,
            Err(ServiceError::Unauthenticated | ServiceError::Forbidden(_) | ServiceError::NotFound { .. })
        );
        Some((update, (updates, lost)))
    })
}

/// The account read anew, if the socket's token still acts for it.
fn current_generation(
    current: service::auth::Actor,
    signed_in: &service::auth::Actor,
) -> Result<service::auth::Actor, ServiceError> {
    if current.token_generation == signed_in.token_generation {
        Ok(current)
    } else {
        Err(ServiceError::Unauthenticated)
    }
}

fn audit_feed(
    db: sea_orm::DatabaseConnection,
    actor: service::auth::Actor,
    start: Option<i64>,
) -> impl Stream<Item = async_graphql::Result<AuditEntry>> {
    use futures::StreamExt;
    let state = (db, actor, start, false);
    let batches = futures::stream::unfold(state, |(db, actor, last, ended)| async move {
        if ended {
            return None;
        }
        loop {
            // Reloaded each time: a deactivated or demoted user stops receiving.
            let current =
                identity::load_actor(&db, actor.user_id).await.and_then(|c| current_generation(c, &actor));
            let entries = match current {
                Ok(current) => audit::entries_after(&db, &current, last, AUDIT_BATCH).await,
                Err(e) => Err(e),
            };
            match entries {
                Ok(entries) if !entries.is_empty() => {
                    let next = entries.last().map(|e| e.id).or(last);
                    let items: Vec<_> = entries.into_iter().map(|e| Ok(AuditEntry::from(e))).collect();
                    return Some((futures::stream::iter(items), (db, actor, next, false)));
                }
                Ok(_) => tokio::time::sleep(AUDIT_POLL_INTERVAL).await,
                Err(e) => {
                    // Lost access ends the feed; a database hiccup is reported and retried.
                    let ends = matches!(e, ServiceError::Forbidden(_) | ServiceError::Unauthenticated);
                    if !ends {
                        tokio::time::sleep(AUDIT_POLL_INTERVAL).await;
                    }
                    let item = Err(super::error::to_gql_error(e));
                    return Some((futures::stream::iter(vec![item]), (db, actor, last, ends)));
                }
            }
        }
    });
    batches.flatten()
}
