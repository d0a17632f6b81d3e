//! Resending a dead message.

use async_graphql::{Context, ID, Object, SimpleObject};
use service::notify;

use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::types::notification::Notification;

#[derive(Default)]
pub struct NotificationMutation;

/// A message after a resend.
#[derive(SimpleObject)]
pub struct NotificationPayload {
    /// The message, pending again.
    pub notification: Notification,
}

#[Object]
impl NotificationMutation {
    /// Puts a DEAD message back in the queue for one more try (SERVICE_MANAGER).
    async fn resend_notification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The dead message.")] id: ID,
    ) -> async_graphql::Result<NotificationPayload> {
        let id = decode(Kind::Notification, &id, "id")?;
        let resent = notify::resend(db(ctx), actor(ctx)?, id).await.gql()?;
        Ok(NotificationPayload { notification: resent.into() })
    }
}
