//! The `notifications` table.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{NotificationChannel, NotificationStatus};

/// The notification outbox: one message to one recipient, delivered with retries.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub recipient: String,
    pub channel: NotificationChannel,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub template: String,
    #[sea_orm(column_type = "String(StringLen::N(8))")]
    pub locale: String,
    pub subject: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    #[sea_orm(column_type = "JsonBinary")]
    pub payload: Option<Json>,
    /// Idempotency key: the same notification is never queued twice.
    #[sea_orm(column_type = "String(StringLen::N(255))", unique)]
    pub unique_key: String,
    pub status: NotificationStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    /// A stored report whose workbook goes with the mail.
    pub report_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
