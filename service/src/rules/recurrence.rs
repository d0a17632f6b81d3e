//! Failure recurrence (故障重复发生): the quarter a report covers, the flags
//! a cause earns, and the Pareto order of the causes. The counting itself
//! is SQL in `usecase::reports`.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The first day of `quarter` (1–4) of `year` and of the quarter after it.
pub fn quarter_bounds(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1)?;
    let end = if quarter == 4 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1)?
    };
    Some((start, end))
}

/// The quarter before (`year`, `quarter`).
pub fn previous_quarter(year: i32, quarter: u32) -> (i32, u32) {
    if quarter <= 1 { (year - 1, 4) } else { (year, quarter - 1) }
}

/// The quarter that `day` falls in.
pub fn quarter_of(day: NaiveDate) -> (i32, u32) {
    (day.year(), (day.month() - 1) / 3 + 1)
}

/// Why a cause is flagged (同一售后故障原因每季度累计发生≦10次,单次≦3件).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecurrenceFlags {
    /// More occurrences in the quarter than allowed.
    pub too_frequent: bool,
    /// More parts in one occurrence than allowed.
    pub too_many_parts: bool,
}

pub fn flags(
    occurrences: i64,
    max_parts_in_one: i64,
    max_per_quarter: i64,
    max_parts: i64,
) -> RecurrenceFlags {
    RecurrenceFlags {
        too_frequent: occurrences > max_per_quarter,
        too_many_parts: max_parts_in_one > max_parts,
    }
}

/// Occurrences against the previous quarter, as a signed change.
pub fn trend(occurrences: i64, previous: i64) -> i64 {
    occurrences - previous
}

/// Each cause's cumulative share of all occurrences, causes in descending
/// order of occurrences (ties by name), as percentages with two decimals.
/// `counts` must already be in that order.
pub fn pareto_shares(counts: &[i64]) -> Vec<Decimal> {
    let total: i64 = counts.iter().sum();
    if total == 0 {
        return vec![Decimal::ZERO; counts.len()];
    }
    let mut running = 0;
    counts
        .iter()
        .map(|count| {
            running += count;
            let mut share =
                (Decimal::from(running) * Decimal::ONE_HUNDRED / Decimal::from(total)).round_dp(2);
            share.rescale(2);
            share
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().expect("date")
    }

    #[test]
    fn quarters_run_january_april_july_october() {
        assert_eq!(quarter_bounds(2026, 1), Some((day("2026-01-01"), day("2026-04-01"))));
        assert_eq!(quarter_bounds(2026, 4), Some((day("2026-10-01"), day("2027-01-01"))));
        assert_eq!(quarter_bounds(2026, 5), None);
        assert_eq!(quarter_bounds(2026, 0), None);
        assert_eq!(previous_quarter(2026, 1), (2025, 4));
        assert_eq!(previous_quarter(2026, 3), (2026, 2));
        assert_eq!(quarter_of(day("2026-11-25")), (2026, 4));
        assert_eq!(quarter_of(day("2026-03-31")), (2026, 1));
    }

    #[test]
    fn ten_occurrences_and_three_parts_are_within_the_target() {
        assert_eq!(flags(10, 3, 10, 3), RecurrenceFlags { too_frequent: false, too_many_parts: false });
        assert_eq!(flags(11, 3, 10, 3), RecurrenceFlags { too_frequent: true, too_many_parts: false });
        assert_eq!(flags(1, 4, 10, 3), RecurrenceFlags { too_frequent: false, too_many_parts: true });
    }

    #[test]
    fn pareto_shares_accumulate_to_one_hundred() {
        assert_eq!(
            pareto_shares(&[11, 10, 4]),
            vec![Decimal::new(4400, 2), Decimal::new(8400, 2), Decimal::new(10000, 2)]
        );
        assert_eq!(pareto_shares(&[]), Vec::<Decimal>::new());
        assert_eq!(trend(11, 7), 4);
    }
}
