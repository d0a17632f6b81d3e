//! Signed access tokens (HS256 JWT) carrying the user id only: roles and
//! dealer are reloaded from the database on each request, so a changed role
//! or a deactivated user takes effect at once.

use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use crate::error::{ServiceError, ServiceResult};

/// Seconds a token is still taken after its expiry, for clocks of several
/// instances that disagree a little (jsonwebtoken's default is 60).
const CLOCK_SKEW_SECS: u64 = 2;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
}

/// Issues and checks access tokens with one secret.
#[derive(Clone)]
pub struct TokenIssuer {
    encoding: EncodingKey,
    decoding: DecodingKey,
    ttl: Duration,
}

impl std::fmt::Debug for TokenIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenIssuer").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

/// A freshly issued token and when it expires.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: chrono::DateTime<Utc>,
}

impl TokenIssuer {
    pub fn new(secret: &str, ttl_minutes: i64) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            ttl: Duration::minutes(ttl_minutes),
        }
    }

    pub fn issue(&self, user_id: i64) -> ServiceResult<IssuedToken> {
        self.issue_until(user_id, Utc::now() + self.ttl)
    }

    /// A token for `user_id` that expires at `expires_at` (whole seconds).
    pub fn issue_until(&self, user_id: i64, expires_at: chrono::DateTime<Utc>) -> ServiceResult<IssuedToken> {
        let now = Utc::now();
        let claims = Claims { sub: user_id.to_string(), iat: now.timestamp(), exp: expires_at.timestamp() };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ServiceError::Internal(format!("token signing failed: {e}")))?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The user id of a valid, unexpired token; anything else is
    /// `UNAUTHENTICATED`.
    pub fn verify(&self, token: &str) -> ServiceResult<i64> {
        self.verify_until(token).map(|(user_id, _)| user_id)
    }

    /// The user id of a valid, unexpired token and when it expires (a
    /// socket signed in with it is closed then).
    pub fn verify_until(&self, token: &str) -> ServiceResult<(i64, chrono::DateTime<Utc>)> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = CLOCK_SKEW_SECS;
        let data = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| ServiceError::Unauthenticated)?;
        let user_id = data.claims.sub.parse().map_err(|_| ServiceError::Unauthenticated)?;
        let expires_at =
            chrono::DateTime::from_timestamp(data.claims.exp, 0).ok_or(ServiceError::Unauthenticated)?;
        Ok((user_id, expires_at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn issued_token_verifies_to_its_user() {
        let issuer = TokenIssuer::new(SECRET, 60);
        let issued = issuer.issue(42).expect("issue");
        assert_eq!(issuer.verify(&issued.token).expect("verify"), 42);
    }

    #[test]
    fn token_from_another_secret_or_expired_is_unauthenticated() {
        let other = TokenIssuer::new("another-secret-another-secret-xx", 60);
        let token = other.issue(1).expect("issue").token;
        let issuer = TokenIssuer::new(SECRET, 60);
        assert_eq!(issuer.verify(&token).unwrap_err().code(), "UNAUTHENTICATED");
        let expired = TokenIssuer::new(SECRET, -10).issue(1).expect("issue").token;
        assert_eq!(issuer.verify(&expired).unwrap_err().code(), "UNAUTHENTICATED");
        assert_eq!(issuer.verify("garbage").unwrap_err().code(), "UNAUTHENTICATED");
    }

    #[test]
    fn a_token_expired_a_few_seconds_ago_is_refused() {
        let issuer = TokenIssuer::new(SECRET, 60);
        let just_expired = issuer.issue_until(1, Utc::now() - Duration::seconds(5)).expect("issue").token;
        assert_eq!(issuer.verify(&just_expired).unwrap_err().code(), "UNAUTHENTICATED");
        let expires_at = Utc::now() + Duration::seconds(30);
        let (user, until) =
            issuer.verify_until(&issuer.issue_until(7, expires_at).expect("issue").token).expect("valid");
        assert_eq!((user, until.timestamp()), (7, expires_at.timestamp()));
    }
}
