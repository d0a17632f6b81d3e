//! The service KPIs (section 8 of the domain): shares in percent, judged
//! against their targets. The counts come from the database; the shares,
//! means and judgements are computed here.

use rust_decimal::{Decimal, RoundingStrategy};

/// How a figure is held against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// Met at the target or above (timeliness ≥ 90 %).
    AtLeast,
    /// Met strictly below the target (service complaints < 3 %).
    Below,
    /// Met at the target or below (cost ≤ 2 % of sales).
    AtMost,
}

/// A figure with its target; `met` is `None` while there is nothing to judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    pub value: Option<Decimal>,
    pub target: Decimal,
    pub goal: Goal,
    pub met: Option<bool>,
}

/// `part` of `whole` in percent, two decimals; `None` for an empty whole.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    Some(
        (part * Decimal::ONE_HUNDRED / whole)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
    )
}

/// A count's share in percent.
pub fn share(part: i64, whole: i64) -> Option<Decimal> {
    percent(Decimal::from(part), Decimal::from(whole))
}

/// Judges `value` against `target`. The value is rounded as shown, so a
/// figure that reads "90.00" meets "≥ 90".
pub fn judge(value: Option<Decimal>, target: Decimal, goal: Goal) -> Judged {
    let met = value.map(|v| match goal {
        Goal::AtLeast => v >= target,
        Goal::Below => v < target,
        Goal::AtMost => v <= target,
    });
    Judged { value, target, goal, met }
}

/// Mean of `total_seconds` over `count`, in hours with two decimals.
pub fn mean_hours(total_seconds: i64, count: i64) -> Option<Decimal> {
    if count == 0 {
        return None;
    }
    let hours = Decimal::from(total_seconds) / Decimal::from(count) / Decimal::from(3600);
    Some(hours.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// Money per ticket, two decimals.
pub fn per_ticket(cost: Decimal, tickets: i64) -> Option<Decimal> {
    if tickets == 0 {
        return None;
    }
    Some((cost / Decimal::from(tickets)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn shares_are_percent_with_two_decimals_and_none_of_nothing() {
        assert_eq!(share(9, 10), Some(dec!(90.00)));
        assert_eq!(share(2, 3), Some(dec!(66.67)));
        assert_eq!(share(0, 7), Some(dec!(0)));
        assert_eq!(share(0, 0), None);
        assert_eq!(percent(dec!(1000), dec!(50000)), Some(dec!(2.00)));
    }

    #[test]
    fn targets_are_met_as_the_domain_words_them() {
        assert_eq!(judge(Some(dec!(90)), dec!(90), Goal::AtLeast).met, Some(true));
        assert_eq!(judge(Some(dec!(89.99)), dec!(90), Goal::AtLeast).met, Some(false));
        assert_eq!(judge(Some(dec!(3)), dec!(3), Goal::Below).met, Some(false));
        assert_eq!(judge(Some(dec!(2.99)), dec!(3), Goal::Below).met, Some(true));
        assert_eq!(judge(Some(dec!(2)), dec!(2), Goal::AtMost).met, Some(true));
        assert_eq!(judge(Some(dec!(2.01)), dec!(2), Goal::AtMost).met, Some(false));
        assert_eq!(judge(None, dec!(90), Goal::AtLeast).met, None);
    }

    #[test]
    fn means_are_hours_and_costs_per_ticket() {
        assert_eq!(mean_hours(3 * 3600 + 1800, 1), Some(dec!(3.50)));
        assert_eq!(mean_hours(3600, 3), Some(dec!(0.33)));
        assert_eq!(mean_hours(100, 0), None);
        assert_eq!(per_ticket(dec!(100), 3), Some(dec!(33.33)));
        assert_eq!(per_ticket(dec!(100), 0), None);
    }
}
