//! Warranty entitlement (保修政策): is a unit covered on a date, by what, for
//! how long still, and which service type that makes.
//!
//! A warranty runs from the invoice date (保修期限的起始日期以产品购买发票日期为准)
//! for the policy's months. The invoice day itself is covered, and the last
//! day is fixed as the Civil Code fixes the end of a period counted in
//! months (民法典 第二百零三条): the corresponding day of the final month, or
//! that month's last day when it has no such day. So 2025-03-15 + 12 months
//! covers through 2026-03-15, and 2024-02-29 + 12 months through 2025-02-28.

use chrono::{Months, NaiveDate};
use entity::enums::{Exclusion, ServiceType};

/// The warranty a unit has by its policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warranty {
    /// The invoice date.
    pub starts_on: NaiveDate,
    pub months: u32,
}

/// A service contract's cover (both days included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractCover {
    pub contract_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl Warranty {
    /// The last day covered: the same day `months` later, clamped to the
    /// month's end when that day does not exist.
    pub fn last_day(&self) -> NaiveDate {
        self.starts_on.checked_add_months(Months::new(self.months)).unwrap_or(NaiveDate::MAX)
    }

    pub fn covers(&self, on: NaiveDate) -> bool {
        on >= self.starts_on && on <= self.last_day()
    }
}

impl ContractCover {
    pub fn covers(&self, on: NaiveDate) -> bool {
        on >= self.starts_on && on <= self.ends_on
    }
}

/// What covers a unit on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    /// Inside the warranty period.
    Warranty { last_day: NaiveDate, days_left: i64 },
    /// Outside the warranty but under a service contract.
    Contract { contract_id: i64, last_day: NaiveDate, days_left: i64 },
    /// Nothing: out of warranty (or never invoiced) and no contract.
    None,
}

/// The entitlement of a unit on `on`. The warranty wins over a contract that
/// overlaps it (free beats parts at cost); the contract with the latest end
/// wins among several.
pub fn cover_on(warranty: Option<Warranty>, contracts: &[ContractCover], on: NaiveDate) -> Cover {
    if let Some(w) = warranty.filter(|w| w.covers(on)) {
        let last_day = w.last_day();
        return Cover::Warranty { last_day, days_left: days_left(on, last_day) };
    }
    contracts
        .iter()
        .filter(|c| c.covers(on))
        .max_by_key(|c| c.ends_on)
        .map(|c| Cover::Contract {
            contract_id: c.contract_id,
            last_day: c.ends_on,
            days_left: days_left(on, c.ends_on),
        })
        .unwrap_or(Cover::None)
}

/// Days of cover left counting `on` itself: 1 on the last day.
fn days_left(on: NaiveDate, last_day: NaiveDate) -> i64 {
    (last_day - on).num_days() + 1
}

/// The service type a triage decides (售后服务种类).
///
/// - guidance only (consultation, phone guidance) → `OTHER`, whatever the cover;
/// - any exclusion → `PAID` (misuse inside the warranty is paid at the same tariff);
/// - in warranty → `FREE`; under a contract → `CONTRACT`; else `PAID`.
pub fn service_type(cover: Cover, exclusion: Option<Exclusion>, guidance_only: bool) -> ServiceType {
    if guidance_only {
        return ServiceType::Other;
    }
    if exclusion.is_some() {
        return ServiceType::Paid;
    }
    match cover {
        Cover::Warranty { .. } => ServiceType::Free,
        Cover::Contract { .. } => ServiceType::Contract,
        Cover::None => ServiceType::Paid,
    }
}

/// The exclusion that applies by the dates alone: `EXPIRED` when a sold
/// unit's warranty has ended and nothing else covers it. A date before the
/// invoice date is not covered either, but nothing has expired then.
pub fn date_exclusion(warranty: Option<Warranty>, cover: Cover, on: NaiveDate) -> Option<Exclusion> {
    match (warranty, cover) {
        (Some(w), Cover::None) if on > w.last_day() => Some(Exclusion::Expired),
        _ => None,
    }
}

/// Whether the customer pays for parts and labour under a service type:
/// `(parts charged, labour charged)`. CONTRACT charges parts at cost.
pub fn charges(service_type: ServiceType) -> (bool, bool) {
    match service_type {
        ServiceType::Free | ServiceType::Other => (false, false),
        ServiceType::Contract => (true, false),
        ServiceType::Paid => (true, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn w(start: &str, months: u32) -> Warranty {
        Warranty { starts_on: d(start), months }
    }

    #[test]
    fn warranty_covers_the_invoice_day_itself_through_the_corresponding_day() {
        let w = w("2025-03-15", 12);
        assert!(w.covers(d("2025-03-15")));
        assert!(!w.covers(d("2025-03-14")));
        assert_eq!(w.last_day(), d("2026-03-15"));
        assert!(w.covers(d("2026-03-15")));
        assert!(!w.covers(d("2026-03-16")));
    }

    #[test]
    fn last_day_of_warranty_has_one_day_left() {
        let cover = cover_on(Some(w("2025-03-15", 12)), &[], d("2026-03-15"));
        assert_eq!(cover, Cover::Warranty { last_day: d("2026-03-15"), days_left: 1 });
        let first = cover_on(Some(w("2025-03-15", 12)), &[], d("2025-03-15"));
        assert_eq!(first, Cover::Warranty { last_day: d("2026-03-15"), days_left: 366 });
    }

    #[test]
    fn leap_day_invoice_ends_on_the_last_day_of_february() {
        // 2025 has no 29 February: the month's last day is the last day.
        let w = w("2024-02-29", 12);
        assert_eq!(w.last_day(), d("2025-02-28"));
        assert!(w.covers(d("2025-02-28")));
        assert!(!w.covers(d("2025-03-01")));
        // 48 months lands on a leap day again.
        let four_years = Warranty { months: 48, ..w };
        assert_eq!(four_years.last_day(), d("2028-02-29"));
    }

    #[test]
    fn month_end_invoice_clamps_to_the_shorter_month() {
        assert_eq!(w("2025-01-31", 1).last_day(), d("2025-02-28"));
        assert_eq!(w("2024-01-31", 1).last_day(), d("2024-02-29"));
    }

    #[test]
    fn contract_overlapping_the_warranty_does_not_displace_it() {
        let contract = ContractCover { contract_id: 7, starts_on: d("2026-01-01"), ends_on: d("2027-12-31") };
        let warranty = Some(w("2025-03-15", 12));
        let during = cover_on(warranty, &[contract], d("2026-02-01"));
        assert!(matches!(during, Cover::Warranty { .. }));
        assert_eq!(service_type(during, None, false), ServiceType::Free);
        let after = cover_on(warranty, &[contract], d("2026-03-16"));
        assert_eq!(after, Cover::Contract { contract_id: 7, last_day: d("2027-12-31"), days_left: 656 });
        assert_eq!(service_type(after, None, false), ServiceType::Contract);
    }

    #[test]
    fn expired_warranty_without_contract_is_paid_with_the_expired_exclusion() {
        let warranty = Some(w("2023-01-01", 12));
        let cover = cover_on(warranty, &[], d("2026-06-01"));
        assert_eq!(cover, Cover::None);
        assert_eq!(date_exclusion(warranty, cover, d("2026-06-01")), Some(Exclusion::Expired));
        assert_eq!(
            service_type(cover, date_exclusion(warranty, cover, d("2026-06-01")), false),
            ServiceType::Paid
        );
    }

    #[test]
    fn before_the_invoice_date_nothing_covers_and_nothing_has_expired() {
        let warranty = Some(w("2026-03-15", 12));
        let on = d("2026-03-14");
        let cover = cover_on(warranty, &[], on);
        assert_eq!(cover, Cover::None);
        assert_eq!(date_exclusion(warranty, cover, on), None);
        assert_eq!(service_type(cover, None, false), ServiceType::Paid);
    }

    #[test]
    fn misuse_inside_the_warranty_is_paid_and_guidance_is_other() {
        let cover = cover_on(Some(w("2026-01-01", 12)), &[], d("2026-06-01"));
        assert_eq!(service_type(cover, Some(Exclusion::Misuse), false), ServiceType::Paid);
        assert_eq!(service_type(cover, None, true), ServiceType::Other);
        assert_eq!(charges(ServiceType::Contract), (true, false));
        assert_eq!(charges(ServiceType::Free), (false, false));
    }

    #[test]
    fn unit_never_invoiced_has_no_warranty_and_no_date_exclusion() {
        let cover = cover_on(None, &[], d("2026-06-01"));
        assert_eq!(cover, Cover::None);
        assert_eq!(date_exclusion(None, cover, d("2026-06-01")), None);
    }
}
