//! The acting users of recent requests, kept for a few seconds: a client
//! sends a burst of requests with one token, and reading the same user and
//! roles for each costs a database round trip per request.
//!
//! The price is that a change made to an account outside this process (a
//! user deactivated or a role taken away directly in the database) takes
//! effect after at most `actor_cache_ms`; every entry is read again once it
//! is that old. A TTL of 0 turns the cache off.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use service::auth::Actor;

/// Beyond this many users, entries past their time are dropped (and if all
/// are fresh, all of them): the map never grows without bound.
const MAX_ENTRIES: usize = 10_000;

pub struct ActorCache {
    ttl: Duration,
    entries: Mutex<HashMap<i64, (Actor, Instant)>>,
}

impl ActorCache {
    pub fn new(ttl: Duration) -> Self {
        Self { ttl, entries: Mutex::new(HashMap::new()) }
    }

    /// The user's actor if it was read less than the TTL ago.
    pub fn get(&self, user_id: i64) -> Option<Actor> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let (actor, read_at) = entries.get(&user_id)?;
        (read_at.elapsed() < self.ttl).then(|| actor.clone())
    }

    /// Drops what is kept of `user_id`: its account was just changed here,
    /// and the next request must read it anew. (Another instance's copy
    /// lasts its TTL at most.)
    pub fn forget(&self, user_id: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&user_id);
        }
    }

    /// Keeps an actor just read from the database.
    pub fn put(&self, actor: &Actor) {
        if self.ttl.is_zero() {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else { return };
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (_, read_at)| read_at.elapsed() < self.ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(actor.user_id, (Actor { request_id: None, ..actor.clone() }, Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(user_id: i64) -> Actor {
        Actor {
            user_id,
            username: format!("user{user_id}"),
            roles: Default::default(),
            dealer_id: None,
            request_id: Some("r-1".into()),
            token_generation: 0,
        }
    }

    #[test]
    fn an_actor_is_kept_for_the_ttl_only() {
        let cache = ActorCache::new(Duration::from_millis(40));
        assert!(cache.get(1).is_none());
        cache.put(&actor(1));
        let kept = cache.get(1).expect("fresh");
        assert_eq!(kept.username, "user1");
        assert_eq!(kept.request_id, None, "a request id belongs to one request");
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.get(1).is_none(), "read again once older than the TTL");
    }

    #[test]
    fn a_forgotten_actor_is_read_again() {
        let cache = ActorCache::new(Duration::from_secs(60));
        cache.put(&actor(1));
        cache.put(&actor(2));
        cache.forget(1);
        assert!(cache.get(1).is_none());
        assert!(cache.get(2).is_some(), "only that user");
    }

    #[test]
    fn a_ttl_of_zero_keeps_nothing() {
        let cache = ActorCache::new(Duration::ZERO);
        cache.put(&actor(1));
        assert!(cache.get(1).is_none());
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = ActorCache::new(Duration::from_secs(60));
        for id in 0..=MAX_ENTRIES as i64 {
            cache.put(&actor(id));
        }
        assert!(cache.entries.lock().unwrap().len() <= MAX_ENTRIES);
        assert!(cache.get(MAX_ENTRIES as i64).is_some(), "the newest is kept");
    }
}
