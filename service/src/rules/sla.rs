//! Service-level deadlines set at intake: answer the customer within 24 h of
//! the report (接到服务信息,应在24小时内答复) and be on site by distance:
//! ≤ 300 km 24 h, ≤ 1000 km 48 h, beyond 72 h (路程300公里以内为24小时内,
//! 1000公里内为48小时,1000公里以外72小时内). Severity tightens them; declared
//! holidays stop the clock, except for a SEVERE outage.

use chrono::{DateTime, Utc};
use entity::enums::Severity;

use super::calendar::Calendar;
use crate::policy::Policy;

/// The two deadlines of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    pub reply_due_at: DateTime<Utc>,
    pub arrival_due_at: DateTime<Utc>,
}

/// Hours allowed to arrive on site, by the distance band.
pub fn arrival_hours_by_distance(policy: &Policy, distance_km: i32) -> i64 {
    if distance_km <= policy.near_km {
        policy.near_arrival_hours
    } else if distance_km <= policy.far_km {
        policy.far_arrival_hours
    } else {
        policy.remote_arrival_hours
    }
}

/// Hours allowed to arrive, with the severity applied: SEVERE (a whole
/// business down) is handled within `severe_arrival_hours`; MAJOR halves the
/// distance allowance, not below `major_min_arrival_hours`.
pub fn arrival_hours(policy: &Policy, distance_km: i32, severity: Severity) -> i64 {
    let by_distance = arrival_hours_by_distance(policy, distance_km);
    match severity {
        Severity::Severe => policy.severe_arrival_hours.min(by_distance),
        Severity::Major => (by_distance / 2).max(policy.major_min_arrival_hours).min(by_distance),
        Severity::General => by_distance,
    }
}

/// The deadlines of a fault reported at `reported_at`. The reply is never
/// due after the arrival.
pub fn deadlines(
    policy: &Policy,
    calendar: &Calendar,
    reported_at: DateTime<Utc>,
    distance_km: i32,
    severity: Severity,
) -> Deadlines {
    let arrival = arrival_hours(policy, distance_km, severity);
    let clock = |hours: i64| {
        if severity == Severity::Severe {
            reported_at + chrono::Duration::hours(hours)
        } else {
            calendar.add_hours_skipping_holidays(reported_at, hours)
        }
    };
    let arrival_due_at = clock(arrival);
    let reply_due_at = clock(policy.reply_within_hours).min(arrival_due_at);
    Deadlines { reply_due_at, arrival_due_at }
}

/// A deadline is overdue when the thing has not happened and the time has
/// passed, or when it happened late.
pub fn is_overdue(due_at: DateTime<Utc>, done_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match done_at {
        Some(done) => done > due_at,
        None => now > due_at,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::{Duration, NaiveDate};
    use chrono_tz::Asia::Shanghai;

    use super::*;

    fn policy() -> Policy {
        Policy::default()
    }

    #[test]
    fn seed_distances_give_24_24_48_72_hours() {
        let p = policy();
        assert_eq!(arrival_hours(&p, 290, Severity::General), 24);
        assert_eq!(arrival_hours(&p, 300, Severity::General), 24);
        assert_eq!(arrival_hours(&p, 301, Severity::General), 48);
        assert_eq!(arrival_hours(&p, 1000, Severity::General), 48);
        assert_eq!(arrival_hours(&p, 1001, Severity::General), 72);
    }

    #[test]
    fn severity_tightens_the_arrival() {
        let p = policy();
        assert_eq!(arrival_hours(&p, 1001, Severity::Severe), 2);
        assert_eq!(arrival_hours(&p, 1001, Severity::Major), 36);
        assert_eq!(arrival_hours(&p, 100, Severity::Major), 12);
    }

    #[test]
    fn reply_is_due_in_24_hours_and_never_after_the_arrival() {
        let p = policy();
        let cal = Calendar::new(Shanghai, HashMap::new());
        let at = "2026-11-02T02:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let far = deadlines(&p, &cal, at, 1200, Severity::General);
        assert_eq!(far.reply_due_at, at + Duration::hours(24));
        assert_eq!(far.arrival_due_at, at + Duration::hours(72));
        let severe = deadlines(&p, &cal, at, 1200, Severity::Severe);
        assert_eq!(severe.arrival_due_at, at + Duration::hours(2));
        assert_eq!(severe.reply_due_at, at + Duration::hours(2));
    }

    #[test]
    fn a_declared_holiday_moves_a_general_deadline_but_not_a_severe_one() {
        let p = policy();
        let holiday = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let cal = Calendar::new(Shanghai, HashMap::from([(holiday, false)]));
        // 30 Sep 12:00 Shanghai.
        let at = "2026-09-30T04:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let general = deadlines(&p, &cal, at, 100, Severity::General);
        assert_eq!(general.arrival_due_at, at + Duration::hours(48));
        let severe = deadlines(&p, &cal, at, 100, Severity::Severe);
        assert_eq!(severe.arrival_due_at, at + Duration::hours(2));
    }

    #[test]
    fn overdue_when_late_or_still_open_past_the_deadline() {
        let due = "2026-11-02T02:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let before = due - Duration::minutes(1);
        let after = due + Duration::minutes(1);
        assert!(!is_overdue(due, None, before));
        assert!(is_overdue(due, None, after));
        assert!(!is_overdue(due, Some(before), after));
        assert!(is_overdue(due, Some(after), after));
        assert!(!is_overdue(due, Some(due), after), "on the minute is on time");
    }
}
