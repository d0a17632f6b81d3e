//! The notification outbox: a use case queues a message in its own
//! transaction, so it exists exactly when the change commits; the worker
//! claims due messages, delivers them and records the outcome. The unique
//! key makes queueing the same message twice a no-op; the claim makes two
//! workers never deliver the same message.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, PostgresQueryBuilder, UpdateStatement};
use sea_orm::sqlx::{self, Postgres, Sqlite, pool::PoolConnection};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, UpdateMany,
};

use entity::enums::{NotificationChannel, NotificationStatus, Role};
use entity::notification;

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::config::Delivery;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::retry::{AfterFailure, after_failure};

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
    /// A stored report whose workbook is attached (mail only).
    pub report_id: Option<i64>,
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
        report_id: Set(message.report_id),
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

/// Messages [`queue`]d at `now`: what one sweep, which queues everything
/// with its own `now`, newly put in the outbox (a message it found queued
/// already keeps its first time). `now` to the microsecond, which both
/// databases keep.
pub async fn queued_at<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> ServiceResult<u64> {
    Ok(notification::Entity::find().filter(notification::Column::CreatedAt.eq(now)).count(db).await?)
}

/// Messages of `channel` waiting in the outbox to be sent.
pub async fn waiting<C: ConnectionTrait>(db: &C, channel: NotificationChannel) -> ServiceResult<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::Channel.eq(channel))
        .filter(
            notification::Column::Status.is_in([NotificationStatus::Pending, NotificationStatus::Sending]),
        )
        .count(db)
        .await?)
}

/// Messages on `channels` that are due: pending ones whose time has come,
/// and claimed ones whose worker let the lease run out (it died). Id and
/// attempts, so a job per attempt can be keyed.
pub async fn due<C: ConnectionTrait>(
    db: &C,
    channels: &[NotificationChannel],
    limit: u64,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<(i64, i32)>> {
    Ok(notification::Entity::find()
        .filter(
            notification::Column::Status.is_in([NotificationStatus::Pending, NotificationStatus::Sending]),
        )
        .filter(notification::Column::Channel.is_in(channels.iter().copied()))
        .filter(notification::Column::NextAttemptAt.lte(now))
        .order_by_asc(notification::Column::NextAttemptAt)
        .order_by_asc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|n| (n.id, n.attempts))
        .collect())
}

/// Claims message `id` if it is due. The claim is a compare-and-set on
/// (status, next attempt), so of several workers exactly one wins; the
/// winner holds it for the lease. `None`: not due, or someone else has it.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    delivery: &Delivery,
    channels: &[NotificationChannel],
    id: i64,
    now: DateTime<Utc>,
) -> ServiceResult<Option<notification::Model>> {
    let Some(seen) = notification::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let due = matches!(seen.status, NotificationStatus::Pending | NotificationStatus::Sending)
        && seen.next_attempt_at <= now;
    // A worker without this channel's sender leaves the message waiting.
    if !due || !channels.contains(&seen.channel) {
        return Ok(None);
    }
    if seen.status == NotificationStatus::Sending && seen.attempts >= delivery.max_attempts {
        // Its last worker died mid-send on the last attempt: no more tries.
        notification::Entity::update_many()
            .col_expr(notification::Column::Status, Expr::value(NotificationStatus::Dead.as_str()))
            .col_expr(
                notification::Column::LastError,
                Expr::value("the worker stopped during the last attempt"),
            )
            .col_expr(notification::Column::UpdatedAt, Expr::value(now))
            .filter(notification::Column::Id.eq(seen.id))
            .filter(notification::Column::Status.eq(seen.status))
            .filter(notification::Column::NextAttemptAt.eq(seen.next_attempt_at))
            .exec(db)
            .await?;
        return Ok(None);
    }
    let lease_until = now + Duration::seconds(delivery.lease_secs);
    let won = notification::Entity::update_many()
        .col_expr(notification::Column::Status, Expr::value(NotificationStatus::Sending.as_str()))
        .col_expr(notification::Column::NextAttemptAt, Expr::value(lease_until))
        .col_expr(notification::Column::Attempts, Expr::col(notification::Column::Attempts).add(1))
        .col_expr(notification::Column::UpdatedAt, Expr::value(now))
        .filter(notification::Column::Id.eq(seen.id))
        .filter(notification::Column::Status.eq(seen.status))
        .filter(notification::Column::NextAttemptAt.eq(seen.next_attempt_at))
        .exec(db)
        .await?;
    Ok((won.rows_affected == 1).then(|| notification::Model {
        status: NotificationStatus::Sending,
        next_attempt_at: lease_until,
        attempts: seen.attempts + 1,
        updated_at: now,
        ..seen
    }))
}

/// An update of `claimed` that applies only while it is still in `status`
/// at the attempt it was claimed for: a worker that lost its claim finds
/// nothing to update.
fn while_held(claimed: &notification::Model, status: NotificationStatus) -> UpdateMany<notification::Entity> {
    notification::Entity::update_many()
        .filter(notification::Column::Id.eq(claimed.id))
        .filter(notification::Column::Status.eq(status))
        .filter(notification::Column::Attempts.eq(claimed.attempts))
}

/// The update that records a delivery. Only the holder of the claim can
/// record it: a worker whose lease ran out and was taken over finds
/// nothing to update.
fn sent_update(claimed: &notification::Model, now: DateTime<Utc>) -> UpdateStatement {
    while_held(claimed, NotificationStatus::Sending)
        .col_expr(notification::Column::Status, Expr::value(NotificationStatus::Sent.as_str()))
        .col_expr(notification::Column::SentAt, Expr::value(now))
        .col_expr(notification::Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(notification::Column::UpdatedAt, Expr::value(now))
        .into_query()
}

/// Records a delivery (see [`DeliveryRecorder`] for the sender's way).
pub async fn mark_sent<C: ConnectionTrait>(
    db: &C,
    claimed: &notification::Model,
    now: DateTime<Utc>,
) -> ServiceResult<bool> {
    let done = db.execute(&sent_update(claimed, now)).await?;
    Ok(done.rows_affected() == 1)
}

/// A connection held while one message is sent, so the delivery is on its
/// way to the database the instant the receiver accepts it: no wait for a
/// pooled connection, and on PostgreSQL one simple-protocol statement with
/// nothing to prepare first (on SQLite, one statement on the held
/// connection). A worker killed between the receiver's
/// acceptance and this write is the one way a message goes out twice, so
/// that gap is kept as short as it can be.
pub struct DeliveryRecorder(Held);

enum Held {
    Postgres(PoolConnection<Postgres>),
    Sqlite(PoolConnection<Sqlite>),
    Pool(DatabaseConnection),
}

impl DeliveryRecorder {
    pub async fn acquire(db: &DatabaseConnection) -> ServiceResult<Self> {
        Ok(Self(match db.get_database_backend() {
            DbBackend::Postgres => Held::Postgres(
                db.get_postgres_connection_pool()
                    .acquire()
                    .await
                    .map_err(|e| ServiceError::Internal(format!("database connection: {e}")))?,
            ),
            DbBackend::Sqlite => Held::Sqlite(
                db.get_sqlite_connection_pool()
                    .acquire()
                    .await
                    .map_err(|e| ServiceError::Internal(format!("database connection: {e}")))?,
            ),
            _ => Held::Pool(db.clone()),
        }))
    }

    /// Records the delivery of `claimed`; false if the claim was lost.
    pub async fn mark_sent(
        &mut self,
        claimed: &notification::Model,
        now: DateTime<Utc>,
    ) -> ServiceResult<bool> {
        match &mut self.0 {
            Held::Postgres(conn) => {
                // Values inlined by the query builder: a simple query goes
                // out in one write, where a prepared one waits a round trip.
                let sql = sent_update(claimed, now).to_string(PostgresQueryBuilder);
                // Built by sea-query from typed values, which it escapes.
                let done = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut **conn)
                    .await
                    .map_err(|e| ServiceError::Internal(format!("recording a delivery: {e}")))?;
                Ok(done.rows_affected() == 1)
            }
            Held::Sqlite(conn) => {
                // The same update as `sent_update`, bound as sea-orm binds it.
                let done = sqlx::query(
                    "UPDATE notifications SET status = ?, sent_at = ?, last_error = NULL, updated_at = ? \
                     WHERE id = ? AND status = ? AND attempts = ?",
                )
                .bind(NotificationStatus::Sent.as_str())
                .bind(now)
                .bind(now)
                .bind(claimed.id)
                .bind(NotificationStatus::Sending.as_str())
                .bind(claimed.attempts)
                .execute(&mut **conn)
                .await
                .map_err(|e| ServiceError::Internal(format!("recording a delivery: {e}")))?;
                Ok(done.rows_affected() == 1)
            }
            Held::Pool(db) => mark_sent(db, claimed, now).await,
        }
    }
}

/// Takes back a SENT mark written as the message went out, when the
/// receiver then refused it: the claim holds again, for `mark_failed`.
pub async fn unmark_sent<C: ConnectionTrait>(db: &C, claimed: &notification::Model) -> ServiceResult<bool> {
    let done = while_held(claimed, NotificationStatus::Sent)
        .col_expr(notification::Column::Status, Expr::value(NotificationStatus::Sending.as_str()))
        .col_expr(notification::Column::SentAt, Expr::value(Option::<DateTime<Utc>>::None))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Cancels a claimed message that no longer needs sending; `reason` is
/// kept as its last error for whoever looks at the outbox.
pub async fn cancel<C: ConnectionTrait>(
    db: &C,
    claimed: &notification::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> ServiceResult<bool> {
    let done = while_held(claimed, NotificationStatus::Sending)
        .col_expr(notification::Column::Status, Expr::value(NotificationStatus::Cancelled.as_str()))
        .col_expr(notification::Column::LastError, Expr::value(reason))
        .col_expr(notification::Column::UpdatedAt, Expr::value(now))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Records a failed attempt: tried again after the backoff, or dead after
/// the last attempt.
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    delivery: &Delivery,
    claimed: &notification::Model,
    error: &str,
    now: DateTime<Utc>,
) -> ServiceResult<NotificationStatus> {
    let (status, next) = match after_failure(
        claimed.attempts,
        delivery.max_attempts,
        Duration::seconds(delivery.retry_base_secs),
        Duration::seconds(delivery.retry_cap_secs),
    ) {
        AfterFailure::RetryIn(wait) => (NotificationStatus::Pending, now + wait),
        AfterFailure::Dead => (NotificationStatus::Dead, now),
    };
    let error: String = error.chars().take(2000).collect();
    while_held(claimed, NotificationStatus::Sending)
        .col_expr(notification::Column::Status, Expr::value(status.as_str()))
        .col_expr(notification::Column::NextAttemptAt, Expr::value(next))
        .col_expr(notification::Column::LastError, Expr::value(error))
        .col_expr(notification::Column::UpdatedAt, Expr::value(now))
        .exec(db)
        .await?;
    Ok(status)
}

/// Who may read the outbox and resend dead messages.
const OUTBOX_READERS: &[Role] = &[Role::ServiceManager];

/// Puts a dead message back in the queue for one more try (SERVICE_MANAGER).
pub async fn resend(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<notification::Model> {
    actor.require_any(OUTBOX_READERS)?;
    let txn = begin_write(db).await?;
    let before = notification::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("notification", id))?;
    if before.status != NotificationStatus::Dead {
        return Err(ServiceError::InvalidTransition(format!(
            "notification {id} is {}; only DEAD ones are resent",
            before.status.as_str()
        )));
    }
    let now = Utc::now();
    // Attempts count on, so an old worker's guard on the attempt number can
    // never match again: a resend is one more try.
    let after = notification::ActiveModel {
        id: Set(id),
        status: Set(NotificationStatus::Pending),
        next_attempt_at: Set(now),
        last_error: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        Some(actor),
        AuditEntry::changed("notification.resend", "notification", id, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Which messages to list.
#[derive(Debug, Clone, Default)]
pub struct NotificationFilter {
    pub status: Option<NotificationStatus>,
    pub channel: Option<NotificationChannel>,
    pub template: Option<String>,
    pub recipient: Option<String>,
}

/// The outbox, oldest first (SERVICE_MANAGER).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: NotificationFilter,
    page: PageRequest,
) -> ServiceResult<Page<notification::Model>> {
    actor.require_any(OUTBOX_READERS)?;
    let mut select = notification::Entity::find();
    if let Some(status) = filter.status {
        select = select.filter(notification::Column::Status.eq(status));
    }
    if let Some(channel) = filter.channel {
        select = select.filter(notification::Column::Channel.eq(channel));
    }
    if let Some(template) = filter.template {
        select = select.filter(notification::Column::Template.eq(template));
    }
    if let Some(recipient) = filter.recipient {
        select = select.filter(notification::Column::Recipient.eq(recipient));
    }
    paginate(db, select, &Sort::by_id("notifications", notification::Column::Id), &page).await
}
