//! The business calendar: declared holidays and make-up working days (调休)
//! in the configured time zone, for SLA clocks and working-day deadlines.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// Declared days, as loaded from the `holidays` table.
#[derive(Debug, Clone)]
pub struct Calendar {
    tz: Tz,
    /// Declared public holidays (days off).
    days_off: HashSet<NaiveDate>,
    /// Weekend days declared working days.
    make_up_days: HashSet<NaiveDate>,
}

impl Calendar {
    /// `days` maps each declared day to whether it is a working day.
    pub fn new(tz: Tz, days: HashMap<NaiveDate, bool>) -> Self {
        let (make_up, off): (Vec<_>, Vec<_>) = days.into_iter().partition(|(_, working)| *working);
        Self {
            tz,
            days_off: off.into_iter().map(|(d, _)| d).collect(),
            make_up_days: make_up.into_iter().map(|(d, _)| d).collect(),
        }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The local calendar day of an instant.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// A declared public holiday.
    pub fn is_declared_holiday(&self, day: NaiveDate) -> bool {
        self.days_off.contains(&day)
    }

    /// Monday to Friday unless declared a holiday, plus declared make-up days.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.make_up_days.contains(&day) {
            return true;
        }
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        weekday && !self.days_off.contains(&day)
    }

    /// The `n`th working day after `day` (`day` itself not counted).
    pub fn add_working_days(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut current = day;
        let mut left = n;
        while left > 0 {
            current = current.succ_opt().unwrap_or(current);
            if self.is_working_day(current) {
                left -= 1;
            }
        }
        current
    }

    /// Local midnight starting `day`, as an instant (on a DST gap at
    /// midnight, the first valid instant after it).
    pub fn start_of_day(&self, day: NaiveDate) -> DateTime<Utc> {
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        [midnight, midnight + Duration::hours(1)]
            .iter()
            .find_map(|naive| self.tz.from_local_datetime(naive).earliest())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| midnight.and_utc())
    }

    /// `start` plus `hours` of clock time that does not run on declared
    /// holidays: a deadline that would cross a holiday moves past it.
    pub fn add_hours_skipping_holidays(&self, start: DateTime<Utc>, hours: i64) -> DateTime<Utc> {
        let mut current = start;
        let mut remaining = Duration::hours(hours);
        loop {
            let day = self.local_date(current);
            let next_midnight = self.start_of_day(day.succ_opt().unwrap_or(day));
            if self.is_declared_holiday(day) {
                current = next_midnight;
                continue;
            }
            let left_today = next_midnight - current;
            if remaining <= left_today {
                return current + remaining;
            }
            remaining -= left_today;
            current = next_midnight;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn local(s: &str) -> DateTime<Utc> {
        let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        Shanghai.from_local_datetime(&naive).unwrap().with_timezone(&Utc)
    }

    fn national_day() -> Calendar {
        let mut days = HashMap::new();
        for day in ["2026-10-01", "2026-10-02", "2026-10-05"] {
            days.insert(d(day), false);
        }
        days.insert(d("2026-10-10"), true);
        Calendar::new(Shanghai, days)
    }

    #[test]
    fn weekends_and_holidays_are_off_and_make_up_saturdays_are_working() {
        let cal = national_day();
        assert!(!cal.is_working_day(d("2026-10-01")));
        assert!(!cal.is_working_day(d("2026-10-03")), "Saturday");
        assert!(cal.is_working_day(d("2026-10-10")), "declared make-up Saturday");
        assert!(cal.is_working_day(d("2026-10-06")));
    }

    #[test]
    fn three_working_days_after_a_friday_skip_the_weekend_and_the_holiday() {
        let cal = national_day();
        // Wed 30 Sep + 3 working days: Thu 1 Oct off, Fri 2 Oct off, weekend, Mon 5 off,
        // Tue 6, Wed 7, Thu 8.
        assert_eq!(cal.add_working_days(d("2026-09-30"), 3), d("2026-10-08"));
        // Fri 9 Oct + 1 working day = Sat 10 Oct (make-up day).
        assert_eq!(cal.add_working_days(d("2026-10-09"), 1), d("2026-10-10"));
    }

    #[test]
    fn clock_stops_on_a_declared_holiday_and_runs_on_ordinary_weekends() {
        let cal = national_day();
        // 30 Sep 20:00 + 24 h: 4 h on the 30th, then 1 and 2 Oct are holidays, 20 h on the 3rd.
        assert_eq!(cal.add_hours_skipping_holidays(local("2026-09-30 20:00"), 24), local("2026-10-03 20:00"));
        // An ordinary weekend does not stop the clock.
        assert_eq!(cal.add_hours_skipping_holidays(local("2026-10-16 20:00"), 24), local("2026-10-17 20:00"));
    }

    #[test]
    fn a_report_on_a_holiday_starts_the_clock_the_next_day() {
        let cal = national_day();
        assert_eq!(cal.add_hours_skipping_holidays(local("2026-10-05 09:30"), 24), local("2026-10-07 00:00"));
    }

    #[test]
    fn local_date_uses_the_business_time_zone() {
        let cal = national_day();
        // 17:00 UTC on 30 Sep is 01:00 on 1 Oct in Shanghai.
        let at = "2026-09-30T17:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(cal.local_date(at), d("2026-10-01"));
    }
}
