//! What every request handler shares, built once at start.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sea_orm::DatabaseConnection;
use service::auth::TokenIssuer;
use service::config::Settings;

/// Login attempt budgets, per user name and per client address: guessing
/// passwords is slowed to a few tries a minute.
pub struct LoginThrottle {
    by_username: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginThrottle {
    pub fn new(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        // A shared machine (an office NAT) gets a larger budget than one name.
        let per_address = per_minute.saturating_mul(NonZeroU32::new(4).unwrap_or(NonZeroU32::MIN));
        Self {
            by_username: RateLimiter::keyed(Quota::per_minute(per_minute)),
            by_address: RateLimiter::keyed(Quota::per_minute(per_address)),
        }
    }

    /// Whether another attempt is allowed; each attempt spends one unit of
    /// both budgets.
    pub fn allow(&self, username: &str, address: Option<IpAddr>) -> bool {
        let name_ok = self.by_username.check_key(&username.trim().to_lowercase()).is_ok();
        let address_ok = address.is_none_or(|ip| self.by_address.check_key(&ip).is_ok());
        name_ok && address_ok
    }
}

/// Shared application state.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub tokens: TokenIssuer,
    pub login_throttle: Arc<LoginThrottle>,
    pub redis: Option<redis::Client>,
}
