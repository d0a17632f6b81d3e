//! Change notifications for live clients: "ticket N changed". In one
//! process a broadcast channel carries them; with Redis configured they go
//! through Redis pub/sub, so every api instance hears every change.

use futures::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// The Redis channel changes travel on, after the deployment's prefix
/// (pub/sub ignores Redis' database index: deployments sharing a Redis
/// keep apart by the prefix alone).
const TICKET_CHANNEL: &str = "ticket-updated";
/// Changes a slow subscriber may fall behind by before it skips ahead.
const BUFFER: usize = 1024;

/// A ticket changed state (or data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketChanged {
    pub ticket_id: i64,
    pub version: i32,
}

/// Publishes and fans out ticket changes.
#[derive(Clone)]
pub struct EventBus {
    local: broadcast::Sender<TicketChanged>,
    redis: Option<RedisChannel>,
}

/// The deployment's change channel in Redis, and a connection to publish
/// on (opened on first use, reconnecting by itself).
#[derive(Clone)]
struct RedisChannel {
    client: redis::Client,
    channel: String,
    publisher: std::sync::Arc<tokio::sync::OnceCell<redis::aio::ConnectionManager>>,
}

impl EventBus {
    /// In-process only.
    pub fn local() -> Self {
        Self { local: broadcast::channel(BUFFER).0, redis: None }
    }

    /// Through Redis, on the channel of the deployment `prefix` names:
    /// starts a task that relays the channel into this process's
    /// subscribers (reconnecting after a Redis outage).
    pub fn with_redis(client: redis::Client, prefix: &str) -> Self {
        let channel = format!("{prefix}:{TICKET_CHANNEL}");
        let redis =
            RedisChannel { client: client.clone(), channel: channel.clone(), publisher: Default::default() };
        let bus = Self { local: broadcast::channel(BUFFER).0, redis: Some(redis) };
        let local = bus.local.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = relay(&client, &channel, &local).await {
                    tracing::warn!(error = %e, "ticket change relay from Redis lost; retrying");
                }
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            }
        });
        bus
    }

    /// Announces a change; a Redis failure falls back to this process only.
    pub async fn publish(&self, change: TicketChanged) {
        if let Some(redis) = &self.redis {
            match redis.publish(change).await {
                Ok(()) => return,
                Err(e) => tracing::warn!(error = %e, "publishing a ticket change to Redis failed"),
            }
        }
        let _ = self.local.send(change);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<TicketChanged> {
        self.local.subscribe()
    }
}

impl RedisChannel {
    async fn publish(&self, change: TicketChanged) -> redis::RedisResult<()> {
        let mut conn = self.publisher.get_or_try_init(|| self.client.get_connection_manager()).await?.clone();
        let payload = serde_json::to_string(&change).unwrap_or_default();
        redis::cmd("PUBLISH").arg(&self.channel).arg(payload).query_async::<i64>(&mut conn).await?;
        Ok(())
    }
}

async fn relay(
    client: &redis::Client,
    channel: &str,
    local: &broadcast::Sender<TicketChanged>,
) -> redis::RedisResult<()> {
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(channel).await?;
    let mut messages = pubsub.on_message();
    while let Some(message) = messages.next().await {
        let payload: String = message.get_payload()?;
        if let Ok(change) = serde_json::from_str::<TicketChanged>(&payload) {
            let _ = local.send(change);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_bus_delivers_to_every_subscriber() {
        let bus = EventBus::local();
        let mut a = bus.subscribe();
        let mut b = bus.subscribe();
        bus.publish(TicketChanged { ticket_id: 7, version: 2 }).await;
        assert_eq!(a.recv().await.unwrap(), TicketChanged { ticket_id: 7, version: 2 });
        assert_eq!(b.recv().await.unwrap().ticket_id, 7);
    }
}
