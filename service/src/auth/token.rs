//! Signed access tokens (HS256 JWT) carrying the user id only: roles and
//! dealer are reloaded from the database on each request, so a changed role
//! or a deactivated user takes effect at once.

use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use crate::error::{ServiceError, ServiceResult};

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
        let now = Utc::now();
        let expires_at = now + self.ttl;
        let claims = Claims { sub: user_id.to_string(), iat: now.timestamp(), exp: expires_at.timestamp() };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ServiceError::Internal(format!("token signing failed: {e}")))?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The user id of a valid, unexpired token; anything else is
    /// `UNAUTHENTICATED`.
    pub fn verify(&self, token: &str) -> ServiceResult<i64> {
        let validation = Validation::new(Algorithm::HS256);
        let data = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| ServiceError::Unauthenticated)?;
        data.claims.sub.parse().map_err(|_| ServiceError::Unauthenticated)
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
}
