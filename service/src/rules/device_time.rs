//! When a step was taken on the engineer's device. A phone on a site without
//! signal queues arrival, repair and sign-off and sends them when it is back
//! online, stamped with the time each was taken; the server keeps its own time
//! of the step in the ticket's history, so a stamp is only bounded, not trusted
//! blindly: not ahead of the server's clock (beyond a little skew), not before
//! the step it follows, and not older than a phone is expected to stay offline.

use chrono::{DateTime, Duration, Utc};

/// How far a device's clock may run ahead of the server's.
pub const CLOCK_SKEW: Duration = Duration::minutes(5);
/// The longest a queued step may wait on a device for a connection.
pub const LONGEST_OFFLINE: Duration = Duration::days(7);

/// Why a device's time is refused, as a sentence for `extensions.field`'s input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    InTheFuture,
    BeforePreviousStep,
    TooLongAgo,
}

impl Refused {
    pub fn message(self) -> &'static str {
        match self {
            Refused::InTheFuture => "must not be in the future",
            Refused::BeforePreviousStep => "must not be before the step it follows",
            Refused::TooLongAgo => "must be within the last 7 days",
        }
    }
}

/// The time a step was taken: `at` from the device, or `now` when it sent none.
/// `after` is when the step it follows happened, if known.
pub fn taken_at(
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    after: Option<DateTime<Utc>>,
) -> Result<DateTime<Utc>, Refused> {
    let Some(at) = at else { return Ok(now) };
    if at > now + CLOCK_SKEW {
        return Err(Refused::InTheFuture);
    }
    if at < now - LONGEST_OFFLINE {
        return Err(Refused::TooLongAgo);
    }
    if after.is_some_and(|previous| at < previous) {
        return Err(Refused::BeforePreviousStep);
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 4, 0, 0).unwrap()
    }

    #[test]
    fn no_device_time_is_the_server_time() {
        assert_eq!(taken_at(None, noon(), None), Ok(noon()));
    }

    #[test]
    fn a_sign_off_taken_offline_two_hours_ago_keeps_its_time() {
        let taken = noon() - Duration::hours(2);
        assert_eq!(taken_at(Some(taken), noon(), Some(taken - Duration::minutes(30))), Ok(taken));
    }

    #[test]
    fn a_clock_five_minutes_ahead_is_skew_six_is_the_future() {
        assert!(taken_at(Some(noon() + Duration::minutes(5)), noon(), None).is_ok());
        assert_eq!(taken_at(Some(noon() + Duration::minutes(6)), noon(), None), Err(Refused::InTheFuture));
    }

    #[test]
    fn a_step_before_the_one_it_follows_is_refused() {
        let repaired = noon() - Duration::hours(1);
        assert_eq!(
            taken_at(Some(repaired - Duration::seconds(1)), noon(), Some(repaired)),
            Err(Refused::BeforePreviousStep)
        );
        assert_eq!(taken_at(Some(repaired), noon(), Some(repaired)), Ok(repaired));
    }

    #[test]
    fn a_week_offline_is_the_limit() {
        assert!(taken_at(Some(noon() - Duration::days(7)), noon(), None).is_ok());
        assert_eq!(
            taken_at(Some(noon() - Duration::days(7) - Duration::seconds(1)), noon(), None),
            Err(Refused::TooLongAgo)
        );
    }
}
