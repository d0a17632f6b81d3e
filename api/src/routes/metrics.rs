//! Who may read `/metrics`: with `metrics_token` set, only a request
//! bearing it; with `metrics_bind` set, only on that address (the public
//! one answers 404). In production one of the two should be set: the
//! figures tell an outsider how busy the service is and what fails.

use actix_web::HttpResponse;
use actix_web::dev::ServiceRequest;

/// The path the Prometheus middleware answers.
pub const PATH: &str = "/metrics";

/// Access to `/metrics` on one listening address.
#[derive(Clone)]
pub struct MetricsAccess {
    /// Whether this address serves the metrics at all.
    pub served_here: bool,
    pub token: Option<String>,
}

impl MetricsAccess {
    /// The refusal for `req`, or `None` to let it through (every path but
    /// `/metrics` goes through).
    pub fn refusal(&self, req: &ServiceRequest) -> Option<HttpResponse> {
        if req.path() != PATH {
            return None;
        }
        if !self.served_here {
            return Some(HttpResponse::NotFound().finish());
        }
        let token = self.token.as_deref()?;
        let given = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if given.is_some_and(|given| same_secret(given, token)) {
            return None;
        }
        Some(HttpResponse::Unauthorized().json(serde_json::json!({
            "errors": [{ "message": "send the metrics token as a bearer token", "extensions": { "code": "UNAUTHENTICATED" } }]
        })))
    }
}

/// Compares without stopping at the first differing byte, so the time
/// taken does not tell how much of a guess was right.
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_match_only_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abd", "abc"));
        assert!(!same_secret("ab", "abc"));
    }
}
