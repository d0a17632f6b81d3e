//! Quotes for paid work (报价): parts from the price list + labour hours ×
//! rate + travel; a price more than 10 % below standard needs the general
//! manager (报价负偏差超过10%的情况应由总经理审批).

use rust_decimal::Decimal;

use super::money::cents;
use crate::policy::Policy;

/// One priced part line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartLine {
    pub unit_price: Decimal,
    pub quantity: i32,
}

/// The standard price of a job and the quoted price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteAmounts {
    pub parts: Decimal,
    pub labour: Decimal,
    pub travel: Decimal,
    pub standard_total: Decimal,
    pub discount_percent: Decimal,
    pub total: Decimal,
    /// More than the allowed discount: `GENERAL_MANAGER` must approve.
    pub needs_approval: bool,
}

/// Prices a job. Travel is there and back: `2 × distance × rate per km`.
/// `parts_charged`/`labour_charged` come from the service type (a contract
/// pays parts only).
#[allow(clippy::too_many_arguments)]
pub fn price(
    policy: &Policy,
    lines: &[PartLine],
    labour_hours: Decimal,
    labour_rate: Decimal,
    distance_km: i32,
    travel_rate_per_km: Decimal,
    discount_percent: Decimal,
    (parts_charged, labour_charged): (bool, bool),
) -> QuoteAmounts {
    let parts: Decimal = lines.iter().map(|l| l.unit_price * Decimal::from(l.quantity)).sum();
    let parts = if parts_charged { cents(parts) } else { Decimal::ZERO };
    let (labour, travel) = if labour_charged {
        (cents(labour_hours * labour_rate), cents(Decimal::from(2 * distance_km) * travel_rate_per_km))
    } else {
        (Decimal::ZERO, Decimal::ZERO)
    };
    let standard_total = cents(parts + labour + travel);
    let total = cents(standard_total * (Decimal::ONE_HUNDRED - discount_percent) / Decimal::ONE_HUNDRED);
    QuoteAmounts {
        parts,
        labour,
        travel,
        standard_total,
        discount_percent,
        total,
        needs_approval: needs_gm_approval(policy, discount_percent),
    }
}

/// Exactly 10 % below passes; anything more needs the general manager.
pub fn needs_gm_approval(policy: &Policy, discount_percent: Decimal) -> bool {
    discount_percent > policy.quote_discount_approval_percent
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn quote(discount: Decimal) -> QuoteAmounts {
        let lines = [
            PartLine { unit_price: dec!(380), quantity: 2 },
            PartLine { unit_price: dec!(120), quantity: 1 },
        ];
        price(&Policy::default(), &lines, dec!(3.5), dec!(150), 120, dec!(3.5), discount, (true, true))
    }

    #[test]
    fn standard_price_is_parts_plus_labour_plus_travel_there_and_back() {
        let q = quote(dec!(0));
        assert_eq!(q.parts, dec!(880.00));
        assert_eq!(q.labour, dec!(525.00));
        assert_eq!(q.travel, dec!(840.00));
        assert_eq!(q.standard_total, dec!(2245.00));
        assert_eq!(q.total, dec!(2245.00));
        assert!(!q.needs_approval);
    }

    #[test]
    fn ten_percent_below_passes_and_ten_point_zero_one_needs_the_general_manager() {
        let ten = quote(dec!(10));
        assert!(!ten.needs_approval);
        assert_eq!(ten.total, dec!(2020.50));
        assert!(quote(dec!(10.01)).needs_approval);
    }

    #[test]
    fn contract_work_charges_parts_only() {
        let lines = [PartLine { unit_price: dec!(100), quantity: 3 }];
        let q = price(&Policy::default(), &lines, dec!(2), dec!(150), 50, dec!(3.5), dec!(0), (true, false));
        assert_eq!((q.parts, q.labour, q.travel, q.total), (dec!(300.00), dec!(0), dec!(0), dec!(300.00)));
    }
}
