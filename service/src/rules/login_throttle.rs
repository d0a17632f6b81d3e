//! How many sign-in attempts a user name and a client address get in a
//! window. An attempt is charged to three counters: the user name from this
//! address (the tight one, so a stranger's failures do not lock the owner
//! out), the user name from anywhere, and the address over any name (both
//! looser: a guesser spread over many addresses, or one address trying
//! many names). An attempt is refused when any counter is spent.

use std::net::IpAddr;

/// Length of a throttle window.
pub const WINDOW_MS: i64 = 60_000;
/// A user name may fail this many times more from everywhere together
/// than from one address.
pub const USER_FACTOR: u32 = 4;
/// An address may fail this many times more over all names than for one:
/// an office behind one NAT address has many users.
pub const ADDRESS_FACTOR: u32 = 4;
/// Longest user name a sign-in may give; no account has a longer one.
pub const MAX_USERNAME_CHARS: usize = 64;
/// Longest password a sign-in may give (hashing cost grows with it).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// One counter an attempt is charged to, and how many it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    pub key: String,
    pub limit: u32,
}

/// The counters of an attempt to sign in as `username` from `address`,
/// in key order (concurrent writers take their locks in the same order).
/// IPv6 clients are counted by their /64 network: one host can use every
/// address in it.
pub fn counters(per_minute: u32, username: &str, address: Option<IpAddr>) -> Vec<Counter> {
    let user = username.trim().to_lowercase();
    let address = match address {
        Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Some(IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or_else(String::new, |v4| v4.to_string()),
        Some(IpAddr::V4(v4)) => v4.to_string(),
        None => "unknown".to_owned(),
    };
    let mut counters = vec![
        Counter { key: format!("a:{address}"), limit: per_minute.saturating_mul(ADDRESS_FACTOR) },
        Counter { key: format!("u:{user}"), limit: per_minute.saturating_mul(USER_FACTOR) },
        Counter { key: format!("ua:{address}:{user}"), limit: per_minute },
    ];
    counters.sort_by(|a, b| a.key.cmp(&b.key));
    counters
}

/// What a counter holds: attempts in the window ending at `ends_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub attempts: u32,
    pub ends_ms: i64,
}

/// Charges one attempt to every counter (`None`: never charged), or
/// refuses it, charging none, with the seconds until the spent counter's
/// window is over. A window that has ended starts afresh.
pub fn charge(counters: &[(&Counter, Option<Window>)], now_ms: i64) -> Result<Vec<Window>, u64> {
    let current = |window: Option<Window>| window.filter(|w| w.ends_ms > now_ms);
    let spent = counters
        .iter()
        .filter_map(|(counter, window)| current(*window).filter(|w| w.attempts >= counter.limit))
        .map(|w| w.ends_ms)
        .max();
    if let Some(ends_ms) = spent {
        return Err(retry_after_secs(ends_ms, now_ms));
    }
    Ok(counters
        .iter()
        .map(|(_, window)| match current(*window) {
            Some(w) => Window { attempts: w.attempts + 1, ends_ms: w.ends_ms },
            None => Window { attempts: 1, ends_ms: now_ms + WINDOW_MS },
        })
        .collect())
}

/// Whole seconds until a window ending at `window_ends_ms` is over, at least 1.
pub fn retry_after_secs(window_ends_ms: i64, now_ms: i64) -> u64 {
    let left = window_ends_ms.saturating_sub(now_ms).max(0);
    u64::try_from((left + 999) / 1000).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_counts_for_the_pair_the_name_and_the_address_the_pair_tightest() {
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let counters = counters(5, " Alice ", Some(ip));
        let limit = |key: &str| counters.iter().find(|c| c.key == key).map(|c| c.limit);
        assert_eq!(limit("ua:10.0.0.1:alice"), Some(5), "names compare case-insensitively, trimmed");
        assert_eq!(limit("u:alice"), Some(5 * USER_FACTOR));
        assert_eq!(limit("a:10.0.0.1"), Some(5 * ADDRESS_FACTOR));
        assert!(counters.windows(2).all(|w| w[0].key < w[1].key), "in key order");
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_network_and_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(counters(5, "x", Some(a)), counters(5, "x", Some(b)));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(counters(5, "x", Some(mapped)), counters(5, "x", "10.0.0.1".parse().ok()));
    }

    #[test]
    fn attempts_are_charged_until_the_tightest_counter_is_spent_then_refused_charging_none() {
        let pair = Counter { key: "ua".into(), limit: 2 };
        let user = Counter { key: "u".into(), limit: 8 };
        let first = charge(&[(&pair, None), (&user, None)], 1_000).expect("first");
        assert_eq!(first, vec![Window { attempts: 1, ends_ms: 1_000 + WINDOW_MS }; 2]);
        let second = charge(&[(&pair, Some(first[0])), (&user, Some(first[1]))], 2_000).expect("second");
        assert_eq!(second[0].attempts, 2);
        let third = charge(&[(&pair, Some(second[0])), (&user, Some(second[1]))], 3_000);
        assert_eq!(third, Err(58), "the window ends at 61 s, 58 s from now");
        let after = charge(&[(&pair, Some(second[0])), (&user, Some(second[1]))], 1_000 + WINDOW_MS);
        assert_eq!(after.expect("a new window")[0], Window { attempts: 1, ends_ms: 1_000 + 2 * WINDOW_MS });
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_secs(10_001, 0), 11);
        assert_eq!(retry_after_secs(10_000, 0), 10);
        assert_eq!(retry_after_secs(5, 10), 1, "never 0: the client waits at least a second");
    }
}
