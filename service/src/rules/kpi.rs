//! The service KPIs (section 8 of the domain): shares in percent, judged
//! against their targets. The counts come from the database; the shares,
//! means and judgements are computed here.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::policy::Policy;

/// How a figure is held against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Goal {
    /// Met at the target or above (timeliness ≥ 90 %).
    AtLeast,
    /// Met strictly below the target (service complaints < 3 %).
    Below,
    /// Met at the target or below (cost ≤ 2 % of sales).
    AtMost,
}

/// A figure with its target; `met` is `None` while there is nothing to judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Judged {
    pub value: Option<Decimal>,
    pub target: Decimal,
    pub goal: Goal,
    pub met: Option<bool>,
}

/// Rounded half away from zero to two decimals, always shown with two.
fn two_places(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// `part` of `whole` in percent, two decimals; `None` for an empty whole.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    Some(two_places(part * Decimal::ONE_HUNDRED / whole))
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
    Some(two_places(Decimal::from(total_seconds) / Decimal::from(count) / Decimal::from(3600)))
}

/// Money per ticket, two decimals.
pub fn per_ticket(cost: Decimal, tickets: i64) -> Option<Decimal> {
    if tickets == 0 {
        return None;
    }
    Some(two_places(cost / Decimal::from(tickets)))
}

/// What the database counts for one group (or all) in the period; sums
/// only, so the groups add up to the whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KpiCounts {
    /// Tickets reported in the period, not cancelled.
    pub tickets: i64,
    /// ... replied by the reply deadline and on site by the arrival
    /// deadline (phone-only `OTHER` service needs no arrival).
    pub on_time: i64,
    pub replied: i64,
    pub respond_seconds: i64,
    pub arrived: i64,
    pub arrive_seconds: i64,
    /// Repaired after arriving on site.
    pub repaired: i64,
    pub repair_seconds: i64,
    /// Repaired without rework and without a repeat repair after them.
    pub fixed_first_time: i64,
    /// Return visits done in the period with a satisfaction score.
    pub visits: i64,
    /// ... scoring 4 or 5.
    pub satisfied: i64,
    /// Complaints received in the period attributed to service.
    pub service_complaints: i64,
    /// Parts the manufacturer bore on the period's tickets.
    pub parts_cost: Decimal,
    /// Labour hours it bore.
    pub labour_hours: Decimal,
    pub chargebacks: i64,
    pub chargeback_amount: Decimal,
    /// The calendar year's after-sales cost (parts and labour hours).
    pub year_parts_cost: Decimal,
    pub year_labour_hours: Decimal,
    /// The year's sales (units invoiced at their model's price); `None`
    /// where the grouping has no sales (engineers).
    pub year_sales: Option<Decimal>,
}

impl KpiCounts {
    /// Adds another group's counts.
    pub fn add(&mut self, other: &Self) {
        self.tickets += other.tickets;
        self.on_time += other.on_time;
        self.replied += other.replied;
        self.respond_seconds += other.respond_seconds;
        self.arrived += other.arrived;
        self.arrive_seconds += other.arrive_seconds;
        self.repaired += other.repaired;
        self.repair_seconds += other.repair_seconds;
        self.fixed_first_time += other.fixed_first_time;
        self.visits += other.visits;
        self.satisfied += other.satisfied;
        self.service_complaints += other.service_complaints;
        self.parts_cost += other.parts_cost;
        self.labour_hours += other.labour_hours;
        self.chargebacks += other.chargebacks;
        self.chargeback_amount += other.chargeback_amount;
        self.year_parts_cost += other.year_parts_cost;
        self.year_labour_hours += other.year_labour_hours;
        self.year_sales = match (self.year_sales, other.year_sales) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or_default() + b.unwrap_or_default()),
        };
    }
}

/// The KPIs of one group (or all), each with its target where it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KpiFigures {
    pub tickets: i64,
    pub timeliness: Judged,
    pub satisfaction: Judged,
    pub service_complaint_rate: Judged,
    pub first_time_fix_rate: Option<Decimal>,
    pub mean_hours_to_respond: Option<Decimal>,
    pub mean_hours_to_arrive: Option<Decimal>,
    pub mean_hours_to_repair: Option<Decimal>,
    /// Parts plus labour hours at the labour rate.
    pub cost: Decimal,
    pub cost_per_ticket: Option<Decimal>,
    pub year_cost: Decimal,
    pub year_sales: Option<Decimal>,
    pub cost_to_sales: Judged,
    pub chargebacks: i64,
    pub chargeback_amount: Decimal,
}

/// The KPIs from the counts, labour costed at `labour_rate` per hour.
pub fn figures(c: &KpiCounts, labour_rate: Decimal, policy: &Policy) -> KpiFigures {
    let cost = crate::rules::money::cents(c.parts_cost + c.labour_hours * labour_rate);
    let year_cost = crate::rules::money::cents(c.year_parts_cost + c.year_labour_hours * labour_rate);
    KpiFigures {
        tickets: c.tickets,
        timeliness: judge(share(c.on_time, c.tickets), policy.timeliness_target_percent, Goal::AtLeast),
        satisfaction: judge(share(c.satisfied, c.visits), policy.satisfaction_target_percent, Goal::AtLeast),
        service_complaint_rate: judge(
            share(c.service_complaints, c.tickets),
            policy.service_complaint_max_percent,
            Goal::Below,
        ),
        first_time_fix_rate: share(c.fixed_first_time, c.repaired),
        mean_hours_to_respond: mean_hours(c.respond_seconds, c.replied),
        mean_hours_to_arrive: mean_hours(c.arrive_seconds, c.arrived),
        mean_hours_to_repair: mean_hours(c.repair_seconds, c.repaired),
        cost,
        cost_per_ticket: per_ticket(cost, c.tickets),
        year_cost,
        year_sales: c.year_sales,
        cost_to_sales: judge(
            c.year_sales.and_then(|sales| percent(year_cost, sales)),
            policy.cost_to_sales_max_percent,
            Goal::AtMost,
        ),
        chargebacks: c.chargebacks,
        chargeback_amount: c.chargeback_amount,
    }
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
        assert_eq!(share(1, 1).map(|s| s.to_string()).as_deref(), Some("100.00"));
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
    fn figures_judge_every_kpi_against_the_policy() {
        let counts = KpiCounts {
            tickets: 100,
            on_time: 90,
            replied: 100,
            respond_seconds: 100 * 7200,
            arrived: 80,
            arrive_seconds: 80 * 36_000,
            repaired: 80,
            repair_seconds: 80 * 5400,
            fixed_first_time: 76,
            visits: 40,
            satisfied: 33,
            service_complaints: 3,
            parts_cost: dec!(1000),
            labour_hours: dec!(10),
            chargebacks: 2,
            chargeback_amount: dec!(300),
            year_parts_cost: dec!(9000),
            year_labour_hours: dec!(100),
            year_sales: Some(dec!(500000)),
        };
        let f = figures(&counts, dec!(50), &Policy::default());
        assert_eq!((f.timeliness.value, f.timeliness.met), (Some(dec!(90.00)), Some(true)));
        assert_eq!((f.satisfaction.value, f.satisfaction.met), (Some(dec!(82.50)), Some(false)));
        assert_eq!(
            (f.service_complaint_rate.value, f.service_complaint_rate.met),
            (Some(dec!(3.00)), Some(false))
        );
        assert_eq!(f.first_time_fix_rate, Some(dec!(95.00)));
        assert_eq!(f.mean_hours_to_respond, Some(dec!(2.00)));
        assert_eq!(f.mean_hours_to_arrive, Some(dec!(10.00)));
        assert_eq!(f.mean_hours_to_repair, Some(dec!(1.50)));
        assert_eq!(f.cost, dec!(1500.00));
        assert_eq!(f.cost_per_ticket, Some(dec!(15.00)));
        assert_eq!(f.year_cost, dec!(14000.00));
        assert_eq!((f.cost_to_sales.value, f.cost_to_sales.met), (Some(dec!(2.80)), Some(false)));

        let mut whole = counts.clone();
        whole.add(&KpiCounts { tickets: 1, year_sales: None, ..KpiCounts::default() });
        assert_eq!((whole.tickets, whole.year_sales), (101, Some(dec!(500000))));
        let engineers = KpiCounts::default();
        assert_eq!(figures(&engineers, dec!(50), &Policy::default()).cost_to_sales.met, None);
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
