//! Outbox messages as the API shows them.

use async_graphql::{ID, SimpleObject};
use chrono::{DateTime, Utc};

use entity::notification;

use super::enums::{NotificationChannel, NotificationStatus};
use crate::graphql::ids::{Kind, encode};

/// One message of the outbox: a reminder or escalation by e-mail or SMS.
#[derive(SimpleObject)]
pub struct Notification {
    /// Opaque notification id.
    pub id: ID,
    /// E-mail address or phone number.
    pub recipient: String,
    /// E-mail or SMS.
    pub channel: NotificationChannel,
    /// The kind of message, e.g. `old_part_overdue`.
    pub template: String,
    /// E-mail subject.
    pub subject: Option<String>,
    /// The text.
    pub body: String,
    /// Pending, being sent, sent, or dead after the last attempt.
    pub status: NotificationStatus,
    /// Attempts so far.
    pub attempts: i32,
    /// When it is tried (again).
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it was delivered.
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
}

impl From<notification::Model> for Notification {
    fn from(m: notification::Model) -> Self {
        Self {
            id: encode(Kind::Notification, m.id),
            recipient: m.recipient,
            channel: m.channel.into(),
            template: m.template,
            subject: m.subject,
            body: m.body,
            status: m.status.into(),
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            last_error: m.last_error,
            sent_at: m.sent_at,
            created_at: m.created_at,
        }
    }
}
