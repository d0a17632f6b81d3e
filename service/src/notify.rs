//! The notification outbox: a use case queues a message in its own
//! transaction, so it is sent exactly when the change commits; the worker
//! delivers it. The unique key makes queueing the same message twice a no-op.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use entity::enums::{NotificationChannel, NotificationStatus};
use entity::notification;

use crate::error::ServiceResult;

/// One message to someone.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// An e-mail address or a phone number, by channel.
    pub recipient: String,
    pub channel: NotificationChannel,
    /// Names the message kind, for the worker and the logs.
    pub template: &'static str,
    pub subject: Option<String>,
    pub body: String,
    pub payload: Option<serde_json::Value>,
    /// Same key, same message: queued once.
    pub unique_key: String,
}

/// Queues `message` in the caller's transaction, due at once.
pub async fn queue<C: ConnectionTrait>(db: &C, message: Outgoing, now: DateTime<Utc>) -> ServiceResult<()> {
    notification::Entity::insert(notification::ActiveModel {
        recipient: Set(message.recipient),
        channel: Set(message.channel),
        template: Set(message.template.to_owned()),
        locale: Set("zh".into()),
        subject: Set(message.subject),
        body: Set(message.body),
        payload: Set(message.payload),
        unique_key: Set(message.unique_key),
        status: Set(NotificationStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([notification::Column::UniqueKey])
    .exec_without_returning(db)
    .await?;
    Ok(())
}
