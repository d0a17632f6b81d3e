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
use tokio_stream::wrappers::BroadcastStream;

use super::context::{actor, db, state};
use super::error::GqlResult;
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
        let actor = actor(ctx)?.clone();
        let id = decode(Kind::Ticket, &id, "id")?;
        let db = db(ctx).clone();
        // Refuse at once what the actor may not see.
        reading::get_ticket(&db, &actor, id).await.gql()?;
        let changes = BroadcastStream::new(state(ctx).events.subscribe());
        Ok(changes
            .filter_map(move |change| async move {
                match change {
                    Ok(change) if change.ticket_id == id => Some(()),
                    // A lagging subscriber skipped changes: show the current state.
                    Err(_) => Some(()),
                    Ok(_) => None,
                }
            })
            .then(move |()| {
                let (db, actor) = (db.clone(), actor.clone());
                async move { reading::get_ticket(&db, &actor, id).await.gql().map(Ticket::from) }
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
        let db = db(ctx).clone();
        let start = audit::latest_id(&db, &actor).await.gql()?;
        Ok(audit_feed(db, actor, start))
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
            let entries = match identity::load_actor(&db, actor.user_id).await {
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
