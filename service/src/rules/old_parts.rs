//! Old parts (旧件) coming back to the company: due dates, delay days and
//! the responsibility determination deadline, from the crane maker's old-part
//! regulation (三一重起售后旧件管理制度).

use chrono::{Days, NaiveDate};
use sea_orm::sea_query::{Condition, DynIden, Expr, IntoIden};

use entity::enums::{Disposition, DispositionReason, PartKind};
use entity::old_part;

use crate::policy::Policy;

/// Required return date (要求交期): completion date + 7 days. "服务工程师1月3日
/// 完成换件要求交期则为1月10日".
pub fn due_on(policy: &Policy, completed_on: NaiveDate) -> NaiveDate {
    completed_on + Days::new(policy.old_part_due_days.unsigned_abs())
}

/// Where an old part stands on its way back, as far as lateness goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnDates {
    pub due_on: NaiveDate,
    /// Handed to the regional warehouse keeper (回收日期), if it has been.
    pub handed_in_on: Option<NaiveDate>,
    /// A later date the engineer replied with, when its reason was accepted
    /// (the service manager was told and agreed).
    pub excused_until: Option<NaiveDate>,
}

impl ReturnDates {
    /// A promised date excuses lateness only once the service manager has
    /// accepted its reason.
    pub fn new(
        due_on: NaiveDate,
        handed_in_on: Option<NaiveDate>,
        promised_on: Option<NaiveDate>,
        reason_accepted: bool,
    ) -> Self {
        Self { due_on, handed_in_on, excused_until: promised_on.filter(|_| reason_accepted) }
    }

    pub fn of(part: &old_part::Model) -> Self {
        Self::new(part.due_on, part.collected_on, part.promised_on, part.delay_reason_accepted)
    }
}

/// Days past the due date on `as_of`, counting to the hand-in date once the
/// part is in: what the part is late, whatever the reason.
pub fn days_late(dates: &ReturnDates, as_of: NaiveDate) -> i64 {
    let until = dates.handed_in_on.unwrap_or(as_of);
    (until - dates.due_on).num_days().max(0)
}

/// Delay days (延期天数) on `as_of`: lateness without an accepted reason.
/// "要求1月10日交货,1月12日还未交货延期天数则为2天"; a part handed in on the due
/// day is 0 days late. A later date with an accepted reason moves the point
/// from which delay counts.
pub fn delay_days(dates: &ReturnDates, as_of: NaiveDate) -> i64 {
    let until = dates.handed_in_on.unwrap_or(as_of);
    let counted_from = dates.excused_until.map_or(dates.due_on, |excused| excused.max(dates.due_on));
    (until - counted_from).num_days().max(0)
}

/// An old part is overdue (late) on `as_of` when it must come back, is not
/// handed in, and has delay days: past its due date and past any accepted
/// later date. The same in the `overdue` field and filter, the return
/// report's totals and the daily reminders.
pub fn overdue(must_return: bool, dates: &ReturnDates, as_of: NaiveDate) -> bool {
    must_return && dates.handed_in_on.is_none() && delay_days(dates, as_of) > 0
}

/// [`overdue`] as a condition on the old_parts table (or an alias of it).
pub fn overdue_condition(table: impl IntoIden, as_of: NaiveDate) -> Condition {
    use sea_orm::sea_query::ExprTrait;
    let t: DynIden = table.into_iden();
    let col = |c: old_part::Column| Expr::col((t.clone(), c));
    Condition::all()
        .add(col(old_part::Column::MustReturn).eq(true))
        .add(col(old_part::Column::CollectedOn).is_null())
        .add(col(old_part::Column::DueOn).lt(as_of))
        .add(
            Condition::any()
                .add(col(old_part::Column::DelayReasonAccepted).eq(false))
                .add(col(old_part::Column::PromisedOn).is_null())
                .add(col(old_part::Column::PromisedOn).lt(as_of)),
        )
}

/// Whether the engineer's reply needs a reason: a promised hand-in date later
/// than the due date ("回复交期为七天以上交货的服务工程师必需说明原因").
pub fn reply_needs_reason(due_on: NaiveDate, promised_on: NaiveDate) -> bool {
    promised_on > due_on
}

/// Whether a replaced part must come back (旧件是否需回司) unless the
/// engineer says otherwise: parts with claim value (warranty or contract
/// work, where the supplier may be charged) and valuable or critical parts
/// (reuse, technical rectification).
pub fn must_return_by_default(covered_work: bool, valuable: bool, critical: bool) -> bool {
    covered_work || valuable || critical
}

/// The reasons the regulation gives for each disposition (3 定义):
/// return — claim value, reuse or technical rectification; local sale — no
/// claim or reuse value, or returning costs more than it is worth; local
/// destruction — no sale value; gift — little or no value.
pub fn reasons_for(disposition: Disposition) -> &'static [DispositionReason] {
    use DispositionReason as R;
    match disposition {
        Disposition::Return => &[R::ClaimValue, R::Reusable, R::TechnicalRectification],
        Disposition::LocalSale => &[R::NoClaimOrReuseValue, R::ReturnCostsMore],
        Disposition::LocalDestroy => &[R::NoSaleValue],
        Disposition::Gift => &[R::LittleOrNoValue],
    }
}

/// The kind of a part for the determination deadline.
pub fn part_kind(imported: bool, critical: bool, tested_abroad: bool) -> PartKind {
    match (imported, critical, tested_abroad) {
        (true, _, true) => PartKind::ImportedAbroad,
        (true, _, false) => PartKind::ImportedHome,
        (false, true, _) => PartKind::DomesticCritical,
        (false, false, _) => PartKind::Domestic,
    }
}

/// Responsibility determination deadline (责任判定周期) from the review date:
/// domestic 7 days, domestic critical with supplier analysis 15, imported
/// tested at home 20, imported tested abroad 90.
pub fn determination_due_on(policy: &Policy, kind: PartKind, reviewed_on: NaiveDate) -> NaiveDate {
    let days = match kind {
        PartKind::Domestic => policy.determination_domestic_days,
        PartKind::DomesticCritical => policy.determination_domestic_critical_days,
        PartKind::ImportedHome => policy.determination_imported_home_days,
        PartKind::ImportedAbroad => policy.determination_imported_abroad_days,
    };
    reviewed_on + Days::new(days.unsigned_abs())
}

/// A determination is overdue when it is still open after its due day, or
/// was made after it.
pub fn determination_overdue(due_on: NaiveDate, determined_on: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    determined_on.unwrap_or(as_of) > due_on
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn pending(due: NaiveDate) -> ReturnDates {
        ReturnDates { due_on: due, handed_in_on: None, excused_until: None }
    }

    #[test]
    fn the_seed_example_completed_3_jan_due_10_jan_two_days_late_on_12_jan() {
        let policy = Policy::default();
        let due = due_on(&policy, d(2026, 1, 3));
        assert_eq!(due, d(2026, 1, 10));
        assert_eq!(delay_days(&pending(due), d(2026, 1, 12)), 2);
    }

    #[test]
    fn due_dates_cross_month_year_and_leap_day() {
        let policy = Policy::default();
        assert_eq!(due_on(&policy, d(2026, 1, 31)), d(2026, 2, 7));
        assert_eq!(due_on(&policy, d(2026, 12, 28)), d(2027, 1, 4));
        assert_eq!(due_on(&policy, d(2028, 2, 25)), d(2028, 3, 3), "2028 is a leap year");
        assert_eq!(due_on(&policy, d(2027, 2, 25)), d(2027, 3, 4));
    }

    #[test]
    fn handed_in_on_the_due_day_is_not_late() {
        let dates = ReturnDates { handed_in_on: Some(d(2026, 1, 10)), ..pending(d(2026, 1, 10)) };
        assert_eq!(delay_days(&dates, d(2026, 3, 1)), 0);
        assert_eq!(days_late(&dates, d(2026, 3, 1)), 0);
    }

    #[test]
    fn before_the_due_day_nothing_is_late() {
        assert_eq!(delay_days(&pending(d(2026, 1, 10)), d(2026, 1, 4)), 0);
        assert_eq!(delay_days(&pending(d(2026, 1, 10)), d(2026, 1, 10)), 0);
        assert_eq!(delay_days(&pending(d(2026, 1, 10)), d(2026, 1, 11)), 1);
    }

    #[test]
    fn delay_stops_counting_when_the_part_is_handed_in() {
        let dates = ReturnDates { handed_in_on: Some(d(2026, 1, 15)), ..pending(d(2026, 1, 10)) };
        assert_eq!(delay_days(&dates, d(2026, 2, 1)), 5);
    }

    #[test]
    fn an_accepted_reason_is_tracked_but_not_counted_as_delay() {
        let dates = ReturnDates { excused_until: Some(d(2026, 1, 20)), ..pending(d(2026, 1, 10)) };
        assert_eq!(days_late(&dates, d(2026, 1, 18)), 8, "tracked");
        assert_eq!(delay_days(&dates, d(2026, 1, 18)), 0, "not counted");
        assert_eq!(delay_days(&dates, d(2026, 1, 23)), 3, "past the excused date it counts again");
    }

    #[test]
    fn a_reply_later_than_the_due_date_needs_a_reason() {
        assert!(!reply_needs_reason(d(2026, 1, 10), d(2026, 1, 10)));
        assert!(reply_needs_reason(d(2026, 1, 10), d(2026, 1, 11)));
    }

    #[test]
    fn parts_with_claim_or_reuse_value_come_back_by_default() {
        assert!(must_return_by_default(true, false, false));
        assert!(must_return_by_default(false, true, false));
        assert!(must_return_by_default(false, false, true));
        assert!(!must_return_by_default(false, false, false));
    }

    #[test]
    fn each_disposition_takes_only_its_own_reasons() {
        assert!(reasons_for(Disposition::Return).contains(&DispositionReason::ClaimValue));
        assert!(!reasons_for(Disposition::LocalSale).contains(&DispositionReason::ClaimValue));
        assert_eq!(reasons_for(Disposition::Gift), &[DispositionReason::LittleOrNoValue]);
        let all: usize = Disposition::ALL.iter().map(|d| reasons_for(*d).len()).sum();
        assert_eq!(all, DispositionReason::ALL.len(), "every reason belongs to one disposition");
    }

    #[test]
    fn determination_deadlines_by_part_kind() {
        let policy = Policy::default();
        let review = d(2026, 12, 20);
        let due = |imported, critical, abroad| {
            determination_due_on(&policy, part_kind(imported, critical, abroad), review)
        };
        assert_eq!(due(false, false, false), d(2026, 12, 27));
        assert_eq!(due(false, true, false), d(2027, 1, 4));
        assert_eq!(due(true, false, false), d(2027, 1, 9));
        assert_eq!(due(true, true, true), d(2027, 3, 20));
    }

    #[test]
    fn a_determination_is_overdue_after_its_due_day() {
        let due = d(2026, 1, 10);
        assert!(!determination_overdue(due, None, d(2026, 1, 10)));
        assert!(determination_overdue(due, None, d(2026, 1, 11)));
        assert!(!determination_overdue(due, Some(d(2026, 1, 9)), d(2026, 5, 1)));
        assert!(determination_overdue(due, Some(d(2026, 1, 12)), d(2026, 5, 1)));
    }
}
