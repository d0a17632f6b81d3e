//! Money amounts: always shown and compared in cents.

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places of a money amount (yuan and fen).
pub const MONEY_SCALE: u32 = 2;

/// The amount rounded half away from zero to whole cents, always with two
/// decimal places. SQLite hands decimals back through a float; amounts up to
/// 14 significant digits come back exact once rounded to cents.
pub fn cents(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(MONEY_SCALE, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(MONEY_SCALE);
    rounded
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn whole_amount_gets_two_decimal_places() {
        assert_eq!(cents(dec!(680000)).to_string(), "680000.00");
    }

    #[test]
    fn float_noise_from_the_database_is_rounded_away() {
        let from_float = Decimal::try_from(1_234_567.89_f64).expect("finite");
        assert_eq!(cents(from_float), dec!(1234567.89));
        assert_eq!(cents(dec!(0.125)), dec!(0.13));
        assert_eq!(cents(dec!(-0.125)), dec!(-0.13));
    }
}
