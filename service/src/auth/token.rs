//! Signed access tokens (HS256 JWT) carrying the user id and the user's
//! token generation only: roles and dealer are reloaded from the database
//! on each request, so a changed role or a deactivated user takes effect
//! at once, and a token of an earlier generation (before a password change
//! or reset, or a deactivation) is refused.

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
    /// The user's token generation at issue (tokens from before it was
    /// introduced have none: generation 0).
    #[serde(default)]
    generation: i32,
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

/// What a valid token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedToken {
    pub user_id: i64,
    /// The user's token generation when it was issued; the user's current
    /// one must still be it.
    pub generation: i32,
    /// A socket signed in with it is closed then.
    pub expires_at: chrono::DateTime<Utc>,
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

    /// A token for `user_id` in the user's current token `generation`.
    pub fn issue(&self, user_id: i64, generation: i32) -> ServiceResult<IssuedToken> {
        self.issue_until(user_id, generation, Utc::now() + self.ttl)
    }

    /// A token for `user_id` that expires at `expires_at` (whole seconds).
    pub fn issue_until(
        &self,
        user_id: i64,
        generation: i32,
        expires_at: chrono::DateTime<Utc>,
    ) -> ServiceResult<IssuedToken> {
        let now = Utc::now();
        let claims = Claims {
            sub: user_id.to_string(),
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            generation,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ServiceError::Internal(format!("token signing failed: {e}")))?;
        Ok(IssuedToken { token, expires_at })
    }

    /// What a valid, unexpired token says; anything else is
    /// `UNAUTHENTICATED`. Whether its generation is still the user's is
    /// for the caller to check against the account.
    pub fn verify(&self, token: &str) -> ServiceResult<VerifiedToken> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = CLOCK_SKEW_SECS;
        let data = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| ServiceError::Unauthenticated)?;
        let user_id = data.claims.sub.parse().map_err(|_| ServiceError::Unauthenticated)?;
        let expires_at =
            chrono::DateTime::from_timestamp(data.claims.exp, 0).ok_or(ServiceError::Unauthenticated)?;
        Ok(VerifiedToken { user_id, generation: data.claims.generation, expires_at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn issued_token_verifies_to_its_user() {
        let issuer = TokenIssuer::new(SECRET, 60);
        let issued = issuer.issue(42, 3).expect("issue");
        let verified = issuer.verify(&issued.token).expect("verify");
        assert_eq!((verified.user_id, verified.generation), (42, 3));
    }

    #[test]
    fn token_from_another_secret_or_expired_is_unauthenticated() {
        let other = TokenIssuer::new("another-secret-another-secret-xx", 60);
        let token = other.issue(1, 0).expect("issue").token;
        let issuer = TokenIssuer::new(SECRET, 60);
        assert_eq!(issuer.verify(&token).unwrap_err().code(), "UNAUTHENTICATED");
        let expired = TokenIssuer::new(SECRET, -10).issue(1, 0).expect("issue").token;
        assert_eq!(issuer.verify(&expired).unwrap_err().code(), "UNAUTHENTICATED");
        assert_eq!(issuer.verify("garbage").unwrap_err().code(), "UNAUTHENTICATED");
    }

    #[test]
    fn a_token_expired_a_few_seconds_ago_is_refused() {
        let issuer = TokenIssuer::new(SECRET, 60);
        let just_expired = issuer.issue_until(1, 0, Utc::now() - Duration::seconds(5)).expect("issue").token;
        assert_eq!(issuer.verify(&just_expired).unwrap_err().code(), "UNAUTHENTICATED");
        let expires_at = Utc::now() + Duration::seconds(30);
        let verified =
            issuer.verify(&issuer.issue_until(7, 1, expires_at).expect("issue").token).expect("valid");
        assert_eq!((verified.user_id, verified.expires_at.timestamp()), (7, expires_at.timestamp()));
    }

    #[test]
    fn a_token_issued_before_generations_is_of_generation_zero() {
        let issuer = TokenIssuer::new(SECRET, 60);
        let old = Claims {
            sub: "5".into(),
            iat: Utc::now().timestamp(),
            exp: Utc::now().timestamp() + 60,
            generation: 0,
        };
        let mut json = serde_json::to_value(&old).expect("json");
        json.as_object_mut().expect("an object").remove("generation");
        let token = encode(&Header::new(Algorithm::HS256), &json, &issuer.encoding).expect("signed");
        assert_eq!(issuer.verify(&token).expect("valid").generation, 0);
    }
}
