//! Password hashing with argon2id (PHC strings stored in `users.password_hash`).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::rngs::OsRng;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

use crate::error::{ServiceError, ServiceResult};
use crate::rules::login_throttle::MAX_PASSWORD_CHARS;

/// Shortest password accepted when a user is created.
pub const MIN_PASSWORD_LEN: usize = 8;

/// The rules a new password (of a new account, a change or a reset)
/// follows: long enough, no longer than a sign-in accepts, and text (no
/// control characters). `VALIDATION` on `field` otherwise.
pub fn check_new_password(field: &str, password: &str) -> ServiceResult<()> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        return Err(ServiceError::validation(
            field,
            format!("must be at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(ServiceError::validation(
            field,
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    if password.chars().any(char::is_control) {
        return Err(ServiceError::validation(field, "must not contain control characters"));
    }
    Ok(())
}

pub fn hash_password(password: &str) -> ServiceResult<String> {
    check_new_password("password", password)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

/// True when `password` matches the stored hash; a malformed hash never matches.
pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Hashes waiting for a core, per core; past that a request is refused at
/// once instead of queueing (each hash holds ~19 MiB while it runs).
const QUEUED_PER_CORE: usize = 4;

/// Bounds the password hashes of this process: as many run at once as
/// there are cores, a few more wait, the rest are refused.
struct HashGate {
    admitted: Semaphore,
    running: Semaphore,
}

impl HashGate {
    fn new(running: usize, queued: usize) -> Self {
        Self { admitted: Semaphore::new(running + queued), running: Semaphore::new(running) }
    }

    /// Runs `work` (a hash) on the blocking pool within the gate: argon2
    /// takes tens of milliseconds of CPU on purpose, which must not stall
    /// the async workers, nor pile up without bound.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> ServiceResult<T> {
        let Ok(_admitted) = self.admitted.try_acquire() else {
            return Err(ServiceError::RateLimited {
                message: "the server is busy checking passwords; try again in a moment".into(),
                retry_after_secs: 1,
            });
        };
        let _running = self
            .running
            .acquire()
            .await
            .map_err(|e| ServiceError::Internal(format!("hash gate closed: {e}")))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| ServiceError::Internal(format!("password hashing task failed: {e}")))
    }
}

/// The process's gate, sized to its cores.
async fn gated<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> ServiceResult<T> {
    static GATE: OnceLock<HashGate> = OnceLock::new();
    let gate = GATE.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        HashGate::new(cores, cores * QUEUED_PER_CORE)
    });
    gate.run(work).await
}

/// [`hash_password`] on the blocking pool, within the hash gate.
pub async fn hash_password_blocking(password: String) -> ServiceResult<String> {
    gated(move || hash_password(&password)).await?
}

/// [`verify_password`] on the blocking pool, within the hash gate.
pub async fn verify_password_blocking(password: String, stored_hash: String) -> ServiceResult<bool> {
    gated(move || verify_password(&password, &stored_hash)).await
}

/// A hash of a random password, verified against when the user name is
/// unknown so that a login takes as long for unknown names as for known ones.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(salt.as_str().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn past_the_running_and_queued_hashes_the_gate_refuses_at_once() {
        let gate = std::sync::Arc::new(HashGate::new(1, 1));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let hold = std::sync::Arc::new(std::sync::Mutex::new(hold));
        let running = {
            let (gate, hold) = (gate.clone(), hold.clone());
            tokio::spawn(async move {
                gate.run(move || hold.lock().map(|h| h.recv().is_ok()).unwrap_or(false)).await
            })
        };
        let queued = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(|| true).await })
        };
        while gate.admitted.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let refused = gate.run(|| true).await.expect_err("neither running nor queued");
        assert_eq!(refused.code(), "RATE_LIMITED");
        release.send(()).expect("release");
        assert!(running.await.expect("joined").expect("ran"));
        assert!(queued.await.expect("joined").expect("ran after the first"));
        assert!(gate.run(|| true).await.expect("room again"));
    }

    #[test]
    fn hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password("correct horse").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong horse", &hash));
        assert!(!verify_password("correct horse", "not-a-hash"));
    }

    #[test]
    fn a_new_password_is_long_enough_not_too_long_and_text() {
        assert!(check_new_password("newPassword", "eight-ch").is_ok());
        for bad in ["seven-c", &"x".repeat(MAX_PASSWORD_CHARS + 1), "tab\there-ok?", "line\nbreak-x"] {
            let err = check_new_password("newPassword", bad).unwrap_err();
            assert_eq!((err.code(), err.field()), ("VALIDATION", Some("newPassword")), "{bad:?}");
        }
    }

    #[test]
    fn short_password_is_a_validation_error_on_the_password_field() {
        let err = hash_password("short").unwrap_err();
        assert_eq!(err.code(), "VALIDATION");
        assert_eq!(err.field(), Some("password"));
    }
}
