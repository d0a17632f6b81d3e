//! What every request handler shares, built once at start.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;
use service::auth::TokenIssuer;
use service::config::Settings;

/// How far back failed logins count.
const FAILURE_WINDOW: Duration = Duration::from_secs(60);
/// An address may fail this many times more than a single user name: an
/// office behind one NAT address has many users.
const ADDRESS_FACTOR: usize = 4;
/// Above this many tracked keys, stale ones are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// Failed logins in the last minute, per user name and per client address.
/// Only failures count, so users who sign in correctly are never slowed;
/// once a budget is spent, even the right password is refused until the
/// window has passed, so guessing gains nothing.
pub struct LoginThrottle {
    per_name: usize,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    pub fn new(per_minute: u32) -> Self {
        Self { per_name: per_minute.max(1) as usize, failures: Mutex::new(HashMap::new()) }
    }

    fn keys(username: &str, address: Option<IpAddr>) -> [(Option<String>, usize); 2] {
        [
            (Some(format!("user:{}", username.trim().to_lowercase())), 1),
            (address.map(|ip| format!("addr:{ip}")), ADDRESS_FACTOR),
        ]
    }

    /// Whether another attempt may be made now.
    pub fn allow(&self, username: &str, address: Option<IpAddr>) -> bool {
        let now = Instant::now();
        let Ok(mut failures) = self.failures.lock() else { return true };
        Self::keys(username, address).into_iter().all(|(key, factor)| {
            let Some(key) = key else { return true };
            failures.get_mut(&key).is_none_or(|times| {
                times.retain(|t| now.duration_since(*t) < FAILURE_WINDOW);
                times.len() < self.per_name * factor
            })
        })
    }

    /// Counts a failed attempt against the name and the address.
    pub fn record_failure(&self, username: &str, address: Option<IpAddr>) {
        let now = Instant::now();
        let Ok(mut failures) = self.failures.lock() else { return };
        if failures.len() > PRUNE_ABOVE {
            failures.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < FAILURE_WINDOW));
        }
        for (key, _) in Self::keys(username, address) {
            if let Some(key) = key {
                failures.entry(key).or_default().push_back(now);
            }
        }
    }
}

/// Shared application state.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub tokens: TokenIssuer,
    pub login_throttle: Arc<LoginThrottle>,
    /// Signed-in users of recent requests.
    pub actors: Arc<crate::actor_cache::ActorCache>,
    pub redis: Option<redis::Client>,
    /// Ticket changes for subscriptions (through Redis when configured).
    pub events: service::events::EventBus,
    /// The workers' job queues, opened on first look (the job dashboard),
    /// so the api starts even while Redis is away.
    pub jobs: Arc<tokio::sync::OnceCell<worker::store::JobStore>>,
}

impl AppState {
    /// The job queues, opened now if this is the first look.
    pub async fn jobs(&self) -> Result<&worker::store::JobStore, service::ServiceError> {
        self.jobs
            .get_or_try_init(|| worker::store::JobStore::open(&self.settings))
            .await
            .map_err(|e| service::ServiceError::Unavailable(format!("job queues: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successful_logins_are_never_throttled() {
        let throttle = LoginThrottle::new(2);
        for _ in 0..10 {
            assert!(throttle.allow("alice", None));
        }
    }

    #[test]
    fn after_the_budget_of_failures_even_the_right_password_waits() {
        let throttle = LoginThrottle::new(2);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        throttle.record_failure("alice", Some(ip));
        assert!(throttle.allow("alice", Some(ip)));
        throttle.record_failure("Alice ", Some(ip));
        assert!(!throttle.allow("alice", Some(ip)), "names compare case-insensitively");
        assert!(throttle.allow("bob", Some(ip)), "the address still has budget");
    }

    #[test]
    fn an_address_failing_over_many_names_is_throttled_too() {
        let throttle = LoginThrottle::new(1);
        let ip: IpAddr = "10.0.0.2".parse().unwrap();
        for n in 0..ADDRESS_FACTOR {
            throttle.record_failure(&format!("user{n}"), Some(ip));
        }
        assert!(!throttle.allow("fresh-name", Some(ip)));
        assert!(throttle.allow("fresh-name", None));
    }
}
