//! Reading the notification outbox.

use async_graphql::{Context, InputObject, Object};
use service::notify;

use crate::graphql::connection::{PagedConnection, connection, page_request};
use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::types::enums::{NotificationChannel, NotificationStatus};
use crate::graphql::types::notification::Notification;

#[derive(Default)]
pub struct NotificationQuery;

/// Which messages to list.
#[derive(InputObject, Default)]
pub struct NotificationFilter {
    /// Only in this state (e.g. DEAD to see what needs a resend).
    pub status: Option<NotificationStatus>,
    /// Only e-mail or only SMS.
    pub channel: Option<NotificationChannel>,
    /// Only this kind, e.g. `old_part_overdue`.
    pub template: Option<String>,
    /// Only to this address or number.
    pub recipient: Option<String>,
}

#[Object]
impl NotificationQuery {
    /// The outbox, oldest first (SERVICE_MANAGER).
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which messages.")] filter: Option<NotificationFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Notification>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = notify::NotificationFilter {
            status: f.status.map(Into::into),
            channel: f.channel.map(Into::into),
            template: f.template,
            recipient: f.recipient,
        };
        let page = notify::list(db(ctx), actor(ctx)?, filter, request).await.gql()?;
        Ok(connection(page, Notification::from))
    }
}
