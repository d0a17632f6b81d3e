//! Repeat repairs (不允许同一问题重复修理): the same fault cause on the same
//! unit again within 90 days counts against first-time fix.

use chrono::NaiveDate;

/// An earlier repair of the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierRepair {
    pub ticket_id: i64,
    pub completed_on: NaiveDate,
    pub fault_cause: String,
}

/// The most recent earlier repair with the same cause within `window_days`
/// before `completed_on`, if any: the ticket this one repeats.
pub fn repeats(
    earlier: &[EarlierRepair],
    fault_cause: &str,
    completed_on: NaiveDate,
    window_days: i64,
) -> Option<i64> {
    earlier
        .iter()
        .filter(|r| r.fault_cause.trim().eq_ignore_ascii_case(fault_cause.trim()))
        .filter(|r| {
            let gap = (completed_on - r.completed_on).num_days();
            (0..=window_days).contains(&gap)
        })
        .max_by_key(|r| r.completed_on)
        .map(|r| r.ticket_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn repair(ticket_id: i64, on: &str, cause: &str) -> EarlierRepair {
        EarlierRepair { ticket_id, completed_on: d(on), fault_cause: cause.into() }
    }

    #[test]
    fn same_cause_within_90_days_is_a_repeat_of_the_latest() {
        let history = [repair(1, "2026-01-10", "液压泵内泄"), repair(2, "2026-03-01", "液压泵内泄")];
        assert_eq!(repeats(&history, "液压泵内泄", d("2026-04-10"), 90), Some(2));
    }

    #[test]
    fn day_90_counts_and_day_91_does_not() {
        let history = [repair(1, "2026-01-01", "线束短路")];
        assert_eq!(repeats(&history, "线束短路", d("2026-04-01"), 90), Some(1), "90 days later");
        assert_eq!(repeats(&history, "线束短路", d("2026-04-02"), 90), None, "91 days later");
    }

    #[test]
    fn another_cause_is_not_a_repeat() {
        let history = [repair(1, "2026-03-01", "液压泵内泄")];
        assert_eq!(repeats(&history, "线束短路", d("2026-03-10"), 90), None);
    }
}
