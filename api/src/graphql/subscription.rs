//! Subscriptions over WebSocket (graphql-transport-ws). Authenticate with
//! `{"token": "<bearer token>"}` in the `connection_init` payload.

use std::time::Duration;

use async_graphql::{Context, Subscription};
use futures::Stream;
use service::audit;

use super::context::{actor, db};
use super::error::GqlResult;
use super::types::audit::AuditEntry;

/// How often the live audit feed looks for new entries.
const AUDIT_POLL_INTERVAL: Duration = Duration::from_secs(1);
const AUDIT_BATCH: u64 = 100;

#[derive(Default)]
pub struct SubscriptionRoot;

#[Subscription]
impl SubscriptionRoot {
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
    let batches = futures::stream::unfold((db, actor, start), |(db, actor, last)| async move {
        loop {
            match audit::entries_after(&db, &actor, last, AUDIT_BATCH).await {
                Ok(entries) if !entries.is_empty() => {
                    let next = entries.last().map(|e| e.id).or(last);
                    let items: Vec<_> = entries.into_iter().map(|e| Ok(AuditEntry::from(e))).collect();
                    return Some((futures::stream::iter(items), (db, actor, next)));
                }
                Ok(_) => tokio::time::sleep(AUDIT_POLL_INTERVAL).await,
                Err(e) => {
                    tokio::time::sleep(AUDIT_POLL_INTERVAL).await;
                    let item = Err(super::error::to_gql_error(e));
                    return Some((futures::stream::iter(vec![item]), (db, actor, last)));
                }
            }
        }
    });
    batches.flatten()
}
