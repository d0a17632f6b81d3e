//! Return visits (回访): when one falls due, and what makes a visit a
//! dissatisfied one, which must lead to a complaint or a rework.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use entity::enums::VisitKind;

use super::calendar::Calendar;
use crate::policy::Policy;

/// The satisfaction scale: 1 (very dissatisfied) to 5 (very satisfied).
pub const SATISFACTION_MIN: i64 = 1;
/// The top of the satisfaction scale.
pub const SATISFACTION_MAX: i64 = 5;

/// Satisfaction at or below this is dissatisfied (1–5 scale).
pub const DISSATISFIED_AT_MOST: i64 = 2;

/// Longest interval between care visits, in days: a year, leap day included.
pub const MAX_CARE_INTERVAL_DAYS: i64 = 366;

/// When a return visit opened at `opened_at` falls due: after phone
/// guidance the policy's follow-up hours later; after a repair (or any
/// other visit) by the end of the configured working day after the day it
/// was opened.
pub fn due_at(
    policy: &Policy,
    calendar: &Calendar,
    kind: VisitKind,
    opened_at: DateTime<Utc>,
) -> DateTime<Utc> {
    match kind {
        VisitKind::AfterGuidance => opened_at + Duration::hours(policy.guidance_follow_up_hours),
        _ => {
            let today = calendar.local_date(opened_at);
            let days = u32::try_from(policy.return_visit_working_days).unwrap_or(3);
            calendar.start_of_day(calendar.add_working_days(today, days) + Duration::days(1))
                - Duration::seconds(1)
        }
    }
}

/// A visit where the customer was dissatisfied or the problem is not solved.
pub fn dissatisfied(satisfaction: i64, solved: bool) -> bool {
    satisfaction <= DISSATISFIED_AT_MOST || !solved
}

/// Counts as satisfied for the KPI: 4 or 5.
pub fn satisfied(satisfaction: i64) -> bool {
    satisfaction >= 4
}

/// A care schedule that has come due by `today`: the day of the visit to
/// make (the latest occurrence not after today, so a pause leaves one
/// visit, not a backlog) and the next occurrence after today. `None` while
/// it is not due.
pub fn care_due(
    next_due_on: NaiveDate,
    interval_days: i64,
    today: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    if next_due_on > today {
        return None;
    }
    let interval = interval_days.max(1);
    let missed = (today - next_due_on).num_days() / interval;
    let visit = next_due_on + Duration::days(missed * interval);
    Some((visit, visit + Duration::days(interval)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().expect("date")
    }

    #[test]
    fn a_care_visit_falls_due_on_its_day_and_the_next_follows_the_interval() {
        assert_eq!(care_due(day("2026-12-01"), 30, day("2026-11-30")), None);
        assert_eq!(
            care_due(day("2026-12-01"), 30, day("2026-12-01")),
            Some((day("2026-12-01"), day("2026-12-31")))
        );
    }

    #[test]
    fn after_a_pause_one_visit_is_due_not_a_backlog() {
        // Due 1 Oct every 30 days; nobody looked until 15 Dec: the 30 Nov
        // occurrence is the visit, the next is 30 Dec.
        assert_eq!(
            care_due(day("2026-10-01"), 30, day("2026-12-15")),
            Some((day("2026-11-30"), day("2026-12-30")))
        );
    }

    #[test]
    fn a_repair_signed_off_on_friday_is_visited_by_wednesday_evening_guidance_within_a_day() {
        use chrono_tz::Asia::Shanghai;
        use std::collections::HashMap;
        let policy = Policy::default();
        let calendar = Calendar::new(Shanghai, HashMap::new());
        // Friday 27 Nov 2026, 15:00 in Shanghai.
        let signed = "2026-11-27T07:00:00Z".parse::<DateTime<Utc>>().expect("instant");
        let due = due_at(&policy, &calendar, VisitKind::AfterRepair, signed);
        assert_eq!(
            due,
            "2026-12-02T15:59:59Z".parse::<DateTime<Utc>>().expect("instant"),
            "Wed 23:59:59 local"
        );
        let guided = due_at(&policy, &calendar, VisitKind::AfterGuidance, signed);
        assert_eq!(guided, signed + Duration::hours(24));
    }

    #[test]
    fn two_or_less_or_unsolved_is_dissatisfied() {
        assert!(dissatisfied(1, true));
        assert!(dissatisfied(2, true));
        assert!(!dissatisfied(3, true));
        assert!(dissatisfied(5, false), "unsolved whatever the score");
    }

    #[test]
    fn four_and_five_count_as_satisfied() {
        assert!(!satisfied(3));
        assert!(satisfied(4) && satisfied(5));
    }
}
