//! Which worker processes are alive on a Redis deployment: each running
//! worker refreshes its entry in one sorted set every [`BEAT_EVERY`] and
//! removes it when it stops; an entry not refreshed for [`ALIVE_FOR`] is a
//! process that died. The api reads the count (`/readyz`), so it can say
//! that nothing is delivered while no worker runs. Times are Redis's own
//! clock, so hosts whose clocks differ still agree.

use std::sync::LazyLock;
use std::time::Duration;

use redis::Script;
use redis::aio::ConnectionLike;

/// How often a running worker says it is alive.
pub const BEAT_EVERY: Duration = Duration::from_secs(5);

/// How long a worker counts as alive after its last beat: several beats,
/// so a busy moment or a short Redis hiccup does not count it out.
pub const ALIVE_FOR: Duration = Duration::from_secs(30);

/// Records a beat and forgets the workers that stopped beating long ago.
static BEAT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        local now = tonumber(redis.call('TIME')[1])
        redis.call('ZADD', KEYS[1], now, ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        return 1
        ",
    )
});

/// Counts the workers that beat within the window.
static COUNT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        local now = tonumber(redis.call('TIME')[1])
        return redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[1]), '+inf')
        ",
    )
});

/// The key of a deployment's live workers.
pub fn key(prefix: &str) -> String {
    format!("{prefix}:workers:alive")
}

/// Says that `worker` is alive.
pub async fn beat<C: ConnectionLike>(conn: &mut C, key: &str, worker: &str) -> redis::RedisResult<()> {
    // Entries are forgotten well after they stop counting, and the whole
    // key once no worker has beaten for as long.
    let forget_after = 10 * ALIVE_FOR.as_secs();
    BEAT.key(key).arg(worker).arg(forget_after).invoke_async::<i64>(conn).await.map(|_| ())
}

/// Says that `worker` has stopped.
pub async fn leave<C: ConnectionLike>(conn: &mut C, key: &str, worker: &str) -> redis::RedisResult<()> {
    redis::cmd("ZREM").arg(key).arg(worker).query_async::<i64>(conn).await.map(|_| ())
}

/// The workers alive now.
pub async fn count<C: ConnectionLike>(conn: &mut C, key: &str) -> redis::RedisResult<u64> {
    COUNT.key(key).arg(ALIVE_FOR.as_secs()).invoke_async(conn).await
}
