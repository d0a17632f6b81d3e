//! Input checks shared by the use cases. Each returns a `VALIDATION` error
//! naming the field.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::error::{ServiceError, ServiceResult};

/// Whether `c` may appear in text a client sends: tab and newline, but no
/// NUL (PostgreSQL cannot store it) and no other C0 control or DEL (they
/// carry terminal escapes into logs and exports).
pub fn is_text_char(c: char) -> bool {
    matches!(c, '\t' | '\n') || !(c.is_ascii_control())
}

/// Text as a client may send it: no NUL and no control character other than
/// tab and newline. Every string a request carries passes this at the API's
/// edge, so no use case needs to repeat it.
pub fn plain_text(field: &str, value: &str) -> ServiceResult<()> {
    match value.chars().find(|c| !is_text_char(*c)) {
        None => Ok(()),
        Some(c) => Err(ServiceError::validation(
            field,
            format!("must not contain control characters (found U+{:04X})", u32::from(c)),
        )),
    }
}

/// A trimmed, non-empty text of at most `max` characters.
pub fn required_text(field: &str, value: &str, max: usize) -> ServiceResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ServiceError::validation(field, "must not be empty"));
    }
    if trimmed.chars().count() > max {
        return Err(ServiceError::validation(field, format!("must be at most {max} characters")));
    }
    Ok(trimmed.to_owned())
}

/// Like [`required_text`] for an optional field; blank becomes `None`.
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> ServiceResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => required_text(field, v, max).map(Some),
    }
}

/// A code (part number, model code, serial number): letters, digits, `-`, `_`, `.`, `/`.
pub fn code(field: &str, value: &str, max: usize) -> ServiceResult<String> {
    let value = required_text(field, value, max)?;
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')) {
        return Err(ServiceError::validation(
            field,
            "may contain only letters, digits, '-', '_', '.' and '/'",
        ));
    }
    Ok(value)
}

fn phone_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Mainland mobile (1xx xxxx xxxx), landline with area code, or an
    // international number with a leading +.
    RE.get_or_init(|| {
        Regex::new(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|\+\d{6,15})$")
            .expect("constant pattern compiles")
    })
}

fn email_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
            .expect("constant pattern compiles")
    })
}

/// An optional phone number, spaces allowed and removed.
pub fn phone(field: &str, value: Option<&str>) -> ServiceResult<Option<String>> {
    let Some(raw) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if !phone_pattern().is_match(&compact) {
        return Err(ServiceError::validation(
            field,
            format!(
                "`{raw}` is not a phone number (mobile 1xxxxxxxxxx, landline 0xx-xxxxxxxx or +international)"
            ),
        ));
    }
    Ok(Some(compact))
}

/// An optional e-mail address.
pub fn email(field: &str, value: Option<&str>) -> ServiceResult<Option<String>> {
    let Some(raw) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if raw.len() > 254 || !email_pattern().is_match(raw) {
        return Err(ServiceError::validation(field, format!("`{raw}` is not an e-mail address")));
    }
    Ok(Some(raw.to_ascii_lowercase()))
}

/// A money amount or measure that may not be negative.
pub fn non_negative(field: &str, value: Decimal) -> ServiceResult<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ServiceError::validation(field, "must not be negative"));
    }
    Ok(value)
}

/// The largest amount a `DECIMAL(14,2)` column holds.
pub const MAX_MONEY: i64 = 999_999_999_999;

/// A money amount: not negative, at most two decimal places (fen), and small
/// enough for the database column.
pub fn money(field: &str, value: Decimal) -> ServiceResult<Decimal> {
    let value = non_negative(field, value)?.normalize();
    if value.scale() > 2 {
        return Err(ServiceError::validation(field, "must have at most two decimal places"));
    }
    if value > Decimal::from(MAX_MONEY) {
        return Err(ServiceError::validation(field, format!("must be at most {MAX_MONEY}")));
    }
    Ok(value)
}

/// A measure (weight, hours, rate): not negative, at most three decimal
/// places, below a billion.
pub fn measure(field: &str, value: Decimal) -> ServiceResult<Decimal> {
    let value = non_negative(field, value)?.normalize();
    if value.scale() > 3 {
        return Err(ServiceError::validation(field, "must have at most three decimal places"));
    }
    if value >= Decimal::from(1_000_000_000) {
        return Err(ServiceError::validation(field, "is too large"));
    }
    Ok(value)
}

/// An amount the server works out from a request (a quote's total, a
/// line's price × quantity, a lot's base price): it must fit the money
/// column, or the inputs named by `field` are too large together.
pub fn computed_money(field: &str, value: Decimal) -> ServiceResult<Decimal> {
    if value.abs() > Decimal::from(MAX_MONEY) {
        return Err(ServiceError::validation(
            field,
            format!("comes to {}, more than the largest amount recorded ({MAX_MONEY})", value.round_dp(2)),
        ));
    }
    Ok(value)
}

/// Most labour hours one quote or repair record may carry: months of work
/// for one engineer, well inside the `DECIMAL(8,2)` column.
pub const MAX_LABOUR_HOURS: i64 = 1_000;

/// Labour hours: not negative, at most two decimal places (what the column
/// keeps), at most [`MAX_LABOUR_HOURS`].
pub fn hours(field: &str, value: Decimal) -> ServiceResult<Decimal> {
    let value = non_negative(field, value)?.normalize();
    if value.scale() > 2 {
        return Err(ServiceError::validation(field, "must have at most two decimal places"));
    }
    if value > Decimal::from(MAX_LABOUR_HOURS) {
        return Err(ServiceError::validation(field, format!("must be at most {MAX_LABOUR_HOURS} hours")));
    }
    Ok(value)
}

/// A percentage from 0 to 100 with at most two decimal places (what the
/// `DECIMAL(6,2)` column keeps, so the stored figure is the one priced).
pub fn percent(field: &str, value: Decimal) -> ServiceResult<Decimal> {
    let value = value.normalize();
    if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
        return Err(ServiceError::validation(field, "must be between 0 and 100"));
    }
    if value.scale() > 2 {
        return Err(ServiceError::validation(field, "must have at most two decimal places"));
    }
    Ok(value)
}

/// Most pieces of one part on one line of a quote, repair or requisition:
/// far above any real job, far below what would overflow a total.
pub const MAX_LINE_QUANTITY: i32 = 10_000;

/// Every line's quantity is within `1..=MAX_LINE_QUANTITY`.
pub fn line_quantities(field: &str, quantities: impl IntoIterator<Item = i32>) -> ServiceResult<()> {
    let mut quantities = quantities.into_iter();
    if quantities.any(|q| !(1..=MAX_LINE_QUANTITY).contains(&q)) {
        return Err(ServiceError::validation(
            field,
            format!("every quantity must be from 1 to {MAX_LINE_QUANTITY}"),
        ));
    }
    Ok(())
}

/// An integer within `min..=max`.
pub fn in_range(field: &str, value: i64, min: i64, max: i64) -> ServiceResult<i64> {
    if value < min || value > max {
        return Err(ServiceError::validation(field, format!("must be between {min} and {max}, got {value}")));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn line_quantities_are_from_one_to_the_maximum() {
        assert!(line_quantities("parts", [1, 3, MAX_LINE_QUANTITY]).is_ok());
        assert!(line_quantities("parts", []).is_ok());
        for bad in [0, -1, MAX_LINE_QUANTITY + 1, i32::MAX] {
            let err = line_quantities("parts", [2, bad]).expect_err("refused");
            assert_eq!(err.field(), Some("parts"), "{bad}");
        }
    }

    #[test]
    fn text_refuses_nul_escapes_and_controls_but_keeps_tab_and_newline() {
        assert!(plain_text("note", "第一行\n\t第二行").is_ok());
        for bad in ["a\0b", "\u{1b}[31mred", "bell\u{7}", "cr\r", "del\u{7f}"] {
            let err = plain_text("note", bad).expect_err(bad);
            assert_eq!(err.field(), Some("note"), "{bad:?}");
        }
        assert!(plain_text("note", "Ünïcödé 徐工 \u{85}").is_ok(), "only C0 and DEL are refused");
    }

    #[test]
    fn blank_name_is_refused_and_names_the_field() {
        let err = required_text("name", "   ", 50).unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert_eq!(required_text("name", " 徐工 ", 50).ok().as_deref(), Some("徐工"));
    }

    #[test]
    fn mobile_landline_and_international_phones_are_accepted() {
        assert_eq!(phone("phone", Some("138 0013 8000")).ok().flatten().as_deref(), Some("13800138000"));
        assert!(phone("phone", Some("0516-87654321")).is_ok());
        assert!(phone("phone", Some("+4930123456")).is_ok());
        assert_eq!(phone("phone", None).ok(), Some(None));
    }

    #[test]
    fn malformed_phone_and_email_are_refused() {
        assert_eq!(phone("phone", Some("12345")).unwrap_err().field(), Some("phone"));
        assert_eq!(phone("phone", Some("1380013800a")).unwrap_err().code(), "VALIDATION");
        assert_eq!(email("email", Some("no-at-sign")).unwrap_err().field(), Some("email"));
        assert!(email("email", Some("a@b")).is_err());
        assert_eq!(
            email("email", Some("Li.Wei@Example.cn")).ok().flatten().as_deref(),
            Some("li.wei@example.cn")
        );
    }

    #[test]
    fn negative_price_is_refused_and_zero_is_accepted() {
        assert!(non_negative("unitPrice", dec!(-0.01)).is_err());
        assert!(non_negative("unitPrice", dec!(0)).is_ok());
    }

    #[test]
    fn money_takes_at_most_fen_and_fits_the_column() {
        assert_eq!(money("price", dec!(12.50)).unwrap(), dec!(12.5));
        assert_eq!(money("price", dec!(12.345)).unwrap_err().field(), Some("price"));
        assert!(money("price", dec!(1000000000000)).is_err());
        assert!(money("price", dec!(999999999999.99)).is_err());
        assert!(money("price", dec!(999999999999)).is_ok());
        assert!(measure("weightKg", dec!(0.125)).is_ok());
        assert!(measure("weightKg", dec!(0.1255)).is_err());
    }

    #[test]
    fn labour_hours_fit_their_column_and_a_working_life() {
        assert_eq!(hours("labourHours", dec!(2.50)).unwrap(), dec!(2.5));
        assert!(hours("labourHours", Decimal::from(MAX_LABOUR_HOURS)).is_ok());
        for bad in [dec!(1000.01), dec!(1000000), dec!(999999999.999), dec!(0.125), dec!(-1)] {
            assert_eq!(hours("labourHours", bad).unwrap_err().field(), Some("labourHours"), "{bad}");
        }
    }

    #[test]
    fn a_percent_is_zero_to_a_hundred_in_hundredths() {
        assert!(percent("discountPercent", dec!(0)).is_ok());
        assert_eq!(percent("discountPercent", dec!(12.50)).unwrap(), dec!(12.5));
        assert!(percent("discountPercent", dec!(100)).is_ok());
        for bad in [dec!(-0.01), dec!(100.01), dec!(12.345), dec!(79228162514264337593543950335)] {
            assert_eq!(
                percent("discountPercent", bad).unwrap_err().field(),
                Some("discountPercent"),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_computed_amount_must_fit_the_money_column() {
        assert!(computed_money("parts", Decimal::from(MAX_MONEY)).is_ok());
        let err = computed_money("parts", Decimal::from(MAX_MONEY) + dec!(0.01)).unwrap_err();
        assert_eq!(err.field(), Some("parts"));
        assert!(computed_money("parts", dec!(-1000000000000)).is_err());
    }

    #[test]
    fn in_range_names_the_field_at_both_ends() {
        assert_eq!(in_range("distanceKm", 0, 0, 10).ok(), Some(0));
        assert_eq!(in_range("distanceKm", 10, 0, 10).ok(), Some(10));
        for bad in [-1, 11, i64::from(i32::MAX), i64::MIN] {
            assert_eq!(in_range("distanceKm", bad, 0, 10).unwrap_err().field(), Some("distanceKm"));
        }
    }

    #[test]
    fn codes_allow_only_safe_characters() {
        assert!(code("serialNumber", "XCT25-2024-0001", 64).is_ok());
        assert!(code("serialNumber", "XCT 25", 64).is_err());
    }
}
