//! When a failed delivery is tried again: exponential backoff with a cap,
//! and a dead letter after the last attempt.

use chrono::Duration;

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again after this long.
    RetryIn(Duration),
    /// Give up: the message is dead until someone resends it.
    Dead,
}

/// After failed attempt number `attempts` (1 for the first): wait `base`,
/// then twice as long each time, never longer than `cap`; after
/// `max_attempts` attempts give up.
pub fn after_failure(attempts: i32, max_attempts: i32, base: Duration, cap: Duration) -> AfterFailure {
    if attempts >= max_attempts {
        return AfterFailure::Dead;
    }
    let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(30);
    let wait = base.checked_mul(1 << doublings).unwrap_or(cap);
    AfterFailure::RetryIn(wait.min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_until_the_cap_then_the_message_is_dead() {
        let (base, cap) = (Duration::seconds(30), Duration::minutes(10));
        assert_eq!(after_failure(1, 5, base, cap), AfterFailure::RetryIn(Duration::seconds(30)));
        assert_eq!(after_failure(2, 5, base, cap), AfterFailure::RetryIn(Duration::seconds(60)));
        assert_eq!(after_failure(4, 5, base, cap), AfterFailure::RetryIn(Duration::seconds(240)));
        assert_eq!(
            after_failure(4, 9, base, Duration::seconds(100)),
            AfterFailure::RetryIn(Duration::seconds(100))
        );
        assert_eq!(after_failure(5, 5, base, cap), AfterFailure::Dead);
        assert_eq!(after_failure(40, 50, base, cap), AfterFailure::RetryIn(cap), "no overflow");
    }
}
