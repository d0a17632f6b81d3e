//! The login throttle's counters, shared by every api instance: in Redis
//! when it is configured (one atomic script per attempt), else in the
//! database (one write transaction per attempt). An attempt is reserved
//! before any password is hashed, so parallel requests and the operations
//! of one batch cannot all pass one check together.

use std::net::IpAddr;
use std::sync::{Arc, LazyLock};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QuerySelect, Set,
};

use entity::login_attempt;

use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::login_throttle::{self, Counter, Window};

/// Checks every counter and charges all of them, or none: answers
/// `{1, 0}` when charged, `{0, ms left}` when a counter is spent.
/// KEYS: the counters; ARGV[1]: the window in ms; ARGV[1 + i]: KEYS[i]'s limit.
const RESERVE_SCRIPT: &str = r"
for i, key in ipairs(KEYS) do
  local n = tonumber(redis.call('GET', key) or '0')
  if n >= tonumber(ARGV[i + 1]) then
    local left = redis.call('PTTL', key)
    if left < 0 then redis.call('PEXPIRE', key, ARGV[1]); left = tonumber(ARGV[1]) end
    return {0, left}
  end
end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return {1, 0}
";

/// Gives back one attempt on each counter that still holds one.
const RELEASE_SCRIPT: &str = r"
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 1
";

/// Where the counters live.
#[derive(Clone)]
pub struct LoginThrottle {
    per_minute: u32,
    db: DatabaseConnection,
    redis: Option<RedisCounters>,
}

#[derive(Clone)]
struct RedisCounters {
    client: redis::Client,
    prefix: String,
    connection: Arc<tokio::sync::OnceCell<redis::aio::ConnectionManager>>,
}

/// An attempt charged to its counters; given back when the password was
/// right, so users who sign in correctly are never slowed.
#[derive(Debug)]
pub struct Reservation {
    counters: Vec<Counter>,
    in_redis: bool,
}

impl LoginThrottle {
    /// Counters in Redis under `prefix` when `redis` is given, else in `db`.
    pub fn new(per_minute: u32, db: DatabaseConnection, redis: Option<(redis::Client, String)>) -> Self {
        let redis = redis.map(|(client, prefix)| RedisCounters {
            client,
            prefix: format!("{prefix}:login:"),
            connection: Arc::default(),
        });
        Self { per_minute: per_minute.max(1), db, redis }
    }

    /// Charges an attempt to sign in as `username` from `address`, or
    /// refuses it with `RATE_LIMITED` and the seconds to wait. Without
    /// Redis at hand the database counts.
    pub async fn reserve(&self, username: &str, address: Option<IpAddr>) -> ServiceResult<Reservation> {
        let counters = login_throttle::counters(self.per_minute, username, address);
        if let Some(redis) = &self.redis {
            match redis.reserve(&counters).await {
                Ok(Ok(())) => return Ok(Reservation { counters, in_redis: true }),
                Ok(Err(retry_after_secs)) => return Err(refused(retry_after_secs)),
                Err(e) => {
                    tracing::warn!(error = %e, "login throttle: Redis failed; counting in the database")
                }
            }
        }
        self.reserve_in_database(&counters).await.map(|()| Reservation { counters, in_redis: false })
    }

    /// Gives the attempt back (best effort: a lost release only leaves one
    /// attempt counted until the window ends).
    pub async fn release(&self, reservation: Reservation) {
        let result = match (&self.redis, reservation.in_redis) {
            (Some(redis), true) => redis.release(&reservation.counters).await.map_err(|e| e.to_string()),
            _ => self.release_in_database(&reservation.counters).await.map_err(|e| e.to_string()),
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "login throttle: giving an attempt back failed");
        }
    }

    async fn reserve_in_database(&self, counters: &[Counter]) -> ServiceResult<()> {
        let txn = begin_write(&self.db).await?;
        // Rows exist before they are locked, so two first attempts cannot
        // both insert: on PostgreSQL each row is then locked in key order.
        login_attempt::Entity::insert_many(counters.iter().map(|c| login_attempt::ActiveModel {
            key: Set(c.key.clone()),
            attempts: Set(0),
            window_ends_ms: Set(0),
        }))
        .on_conflict_do_nothing_on([login_attempt::Column::Key])
        .exec_without_returning(&txn)
        .await?;
        let mut select = login_attempt::Entity::find()
            .filter(login_attempt::Column::Key.is_in(counters.iter().map(|c| c.key.clone())));
        if self.db.get_database_backend() == DbBackend::Postgres {
            select = select.lock_exclusive();
        }
        let rows = select.all(&txn).await?;
        // Read once the rows are locked: a writer that waited for them must
        // not see a window as older than the one who held them.
        let now_ms = Utc::now().timestamp_millis();
        let windows: Vec<(&Counter, Option<Window>)> = counters
            .iter()
            .map(|c| {
                let row = rows.iter().find(|r| r.key == c.key);
                let window = row.map(|r| Window {
                    attempts: r.attempts.max(0).unsigned_abs(),
                    ends_ms: r.window_ends_ms,
                });
                (c, window)
            })
            .collect();
        let charged = login_throttle::charge(&windows, now_ms).map_err(refused)?;
        for (counter, window) in counters.iter().zip(charged) {
            login_attempt::ActiveModel {
                key: Set(counter.key.clone()),
                attempts: Set(i32::try_from(window.attempts).unwrap_or(i32::MAX)),
                window_ends_ms: Set(window.ends_ms),
            }
            .update(&txn)
            .await?;
        }
        txn.commit().await?;
        if rand::random::<u8>() == 0 {
            self.forget_ended_windows(now_ms).await;
        }
        Ok(())
    }

    async fn release_in_database(&self, counters: &[Counter]) -> ServiceResult<()> {
        use sea_orm::sea_query::{Expr, ExprTrait};
        login_attempt::Entity::update_many()
            .col_expr(login_attempt::Column::Attempts, Expr::col(login_attempt::Column::Attempts).sub(1))
            .filter(login_attempt::Column::Key.is_in(counters.iter().map(|c| c.key.clone())))
            .filter(login_attempt::Column::Attempts.gt(0))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Drops counters whose window has ended, now and then, so names that
    /// were tried once do not stay forever.
    async fn forget_ended_windows(&self, now_ms: i64) {
        let deleted = login_attempt::Entity::delete_many()
            .filter(login_attempt::Column::WindowEndsMs.lt(now_ms))
            .exec(&self.db)
            .await;
        if let Err(e) = deleted {
            tracing::warn!(error = %e, "login throttle: dropping ended windows failed");
        }
    }
}

impl RedisCounters {
    async fn connection(&self) -> redis::RedisResult<redis::aio::ConnectionManager> {
        self.connection.get_or_try_init(|| self.client.get_connection_manager()).await.cloned()
    }

    /// `Ok(Err(secs))` when a counter is spent.
    async fn reserve(&self, counters: &[Counter]) -> redis::RedisResult<Result<(), u64>> {
        static RESERVE: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(RESERVE_SCRIPT));
        let mut script = RESERVE.prepare_invoke();
        for counter in counters {
            script.key(format!("{}{}", self.prefix, counter.key));
        }
        script.arg(login_throttle::WINDOW_MS);
        for counter in counters {
            script.arg(counter.limit);
        }
        let (charged, left_ms): (i64, i64) = script.invoke_async(&mut self.connection().await?).await?;
        Ok(if charged == 1 { Ok(()) } else { Err(login_throttle::retry_after_secs(left_ms, 0)) })
    }

    async fn release(&self, counters: &[Counter]) -> redis::RedisResult<()> {
        static RELEASE: LazyLock<redis::Script> = LazyLock::new(|| redis::Script::new(RELEASE_SCRIPT));
        let mut script = RELEASE.prepare_invoke();
        for counter in counters {
            script.key(format!("{}{}", self.prefix, counter.key));
        }
        script.invoke_async::<i64>(&mut self.connection().await?).await.map(|_| ())
    }
}

fn refused(retry_after_secs: u64) -> ServiceError {
    ServiceError::RateLimited {
        message: format!("too many sign-in attempts; try again in {retry_after_secs} s"),
        retry_after_secs,
    }
}
