//! Local sale of old parts (旧件当地销售): the price floor against the scrap
//! market, the remote-province allowance, the approval level by lot value and
//! the rule against splitting a lot to get under a threshold.

use rust_decimal::Decimal;

use entity::enums::ApprovalLevel;

use super::money::cents;
use crate::policy::Policy;

/// Base price (处理基价): the regional scrap market price × the weight.
pub fn base_price(market_price_per_kg: Decimal, weight_kg: Decimal) -> Decimal {
    cents(market_price_per_kg * weight_kg)
}

/// Whether the province is one of the remote ones (交通不便利区域). Province
/// names match with or without the 省/市/自治区 suffix.
pub fn is_remote(policy: &Policy, province: &str) -> bool {
    let name = province_core(province);
    policy.remote_provinces.iter().any(|p| province_core(p) == name)
}

fn province_core(province: &str) -> &str {
    let trimmed = province.trim();
    ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix))
        .unwrap_or(trimmed)
}

/// Whether two province names are the same province, suffixes aside.
pub fn same_province(a: &str, b: &str) -> bool {
    province_core(a) == province_core(b)
}

/// How many different scrap buyers quoted (三家以上废品收购站): quotes whose
/// buyer texts are the same once case, spaces, punctuation and full-width
/// forms are set aside, or that give the same phone number, come from one
/// buyer. Three quotes from one buyer are one quote.
pub fn distinct_buyers<'a>(buyers: impl IntoIterator<Item = &'a str>) -> usize {
    let buyers: Vec<(String, Vec<String>)> =
        buyers.into_iter().map(|text| (normalised(text), phone_numbers(text))).collect();
    // Each buyer joins the first earlier one it matches (names or a phone).
    let mut group: Vec<usize> = (0..buyers.len()).collect();
    for i in 0..buyers.len() {
        for j in 0..i {
            let same_name = buyers[i].0 == buyers[j].0;
            let same_phone = buyers[i].1.iter().any(|p| buyers[j].1.contains(p));
            if same_name || same_phone {
                let (from, to) = (group[i], group[j]);
                group.iter_mut().filter(|g| **g == from).for_each(|g| *g = to);
            }
        }
    }
    group.sort_unstable();
    group.dedup();
    group.len()
}

/// Lower case, full-width forms folded, and only letters and digits kept.
fn normalised(text: &str) -> String {
    half_width(text).filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Runs of seven or more digits (spaces and dashes inside allowed): the
/// phone numbers a buyer text gives.
fn phone_numbers(text: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    let mut current = String::new();
    for c in half_width(text) {
        if c.is_ascii_digit() {
            current.push(c);
        } else if !matches!(c, ' ' | '-') {
            if current.len() >= 7 {
                numbers.push(std::mem::take(&mut current));
            }
            current.clear();
        }
    }
    if current.len() >= 7 {
        numbers.push(current);
    }
    numbers
}

/// Full-width ASCII (！ to ～) and the ideographic space in their
/// half-width forms.
fn half_width(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    })
}

/// The lot's value for the approval level: its market value, or the price
/// when a buyer pays more. A low price never lowers the approval needed.
pub fn lot_value(base_price: Decimal, sale_price: Decimal) -> Decimal {
    base_price.max(sale_price)
}

/// The lowest price that needs no special approval, as percent of the base:
/// 85 %, a further 10 points lower in a remote province.
pub fn floor_percent(policy: &Policy, province: &str) -> Decimal {
    if is_remote(policy, province) {
        policy.local_sale_floor_percent - policy.remote_province_extra_discount_percent
    } else {
        policy.local_sale_floor_percent
    }
}

/// The sale price as percent of the base price, to 2 places.
pub fn percent_of_base(sale_price: Decimal, base: Decimal) -> Decimal {
    if base.is_zero() {
        return Decimal::ONE_HUNDRED;
    }
    (sale_price * Decimal::ONE_HUNDRED / base).round_dp(2)
}

/// Below the floor: needs a written reason and the head of service's
/// approval. Compared exactly, not on a rounded percent.
pub fn below_floor(policy: &Policy, province: &str, sale_price: Decimal, base: Decimal) -> bool {
    sale_price * Decimal::ONE_HUNDRED < base * floor_percent(policy, province)
}

/// Who approves a lot of this value: ≤ 20 000 project, ≤ 50 000 department,
/// above company leadership.
pub fn approval_level(policy: &Policy, lot_value: Decimal) -> ApprovalLevel {
    if lot_value <= policy.local_sale_project_limit {
        ApprovalLevel::Project
    } else if lot_value <= policy.local_sale_department_limit {
        ApprovalLevel::Department
    } else {
        ApprovalLevel::Company
    }
}

/// A lot split off from others of the same specification (相同规格型号的物资
/// 不得拆分处理): refused when together they need a higher approval than the
/// new lot alone. `siblings` are the values of the open lots of the same
/// specification in the same province.
pub fn dodges_threshold(policy: &Policy, lot_value: Decimal, siblings: &[Decimal]) -> Option<ApprovalLevel> {
    if siblings.is_empty() {
        return None;
    }
    let together = lot_value + siblings.iter().copied().sum::<Decimal>();
    let combined = approval_level(policy, together);
    (combined > approval_level(policy, lot_value)).then_some(combined)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn three_quotes_from_one_buyer_are_one_buyer() {
        let same = ["甲废品站 张三 13800000001", "甲废品站张三13800000001", "甲废品站 张三 13800000001"];
        assert_eq!(distinct_buyers(same), 1);
        let formatted = ["ABC回收 138-0000-0001", "abc回收，１３８ ０００００００１"];
        assert_eq!(distinct_buyers(formatted), 1, "case, punctuation and full-width forms aside");
        let one_phone = ["甲废品站 13800000001", "甲站（分店） 13800000001"];
        assert_eq!(distinct_buyers(one_phone), 1, "one phone, one buyer");
        let three = ["甲废品站 张三 13800000001", "乙废品站 李四 13800000002", "丙废品站 王五 13800000003"];
        assert_eq!(distinct_buyers(three), 3);
        assert_eq!(distinct_buyers(["甲", "乙"]), 2, "names alone tell buyers apart");
    }

    #[test]
    fn base_price_is_market_price_times_weight_in_cents() {
        assert_eq!(base_price(dec!(2.35), dec!(1234.5)), dec!(2901.08));
    }

    #[test]
    fn at_85_percent_no_approval_is_needed_and_at_84_9_it_is_outside_remote_provinces() {
        let policy = Policy::default();
        let base = dec!(10000.00);
        assert!(!below_floor(&policy, "江苏", dec!(8500.00), base));
        assert!(below_floor(&policy, "江苏", dec!(8490.00), base));
        assert!(below_floor(&policy, "江苏省", dec!(8499.99), base));
    }

    #[test]
    fn remote_provinces_may_go_ten_points_further_down() {
        let policy = Policy::default();
        let base = dec!(10000.00);
        for province in ["新疆", "新疆维吾尔自治区", "广西壮族自治区", "重庆市", "四川省", "内蒙古自治区"]
        {
            assert!(is_remote(&policy, province), "{province}");
            assert!(!below_floor(&policy, province, dec!(8490.00), base), "{province} at 84.9 %");
            assert!(!below_floor(&policy, province, dec!(7500.00), base), "{province} at 75 %");
            assert!(below_floor(&policy, province, dec!(7499.99), base), "{province} below 75 %");
        }
        assert!(!is_remote(&policy, "上海"));
    }

    #[test]
    fn approval_level_changes_just_above_20_000_and_50_000() {
        let policy = Policy::default();
        assert_eq!(approval_level(&policy, dec!(20000.00)), ApprovalLevel::Project);
        assert_eq!(approval_level(&policy, dec!(20000.01)), ApprovalLevel::Department);
        assert_eq!(approval_level(&policy, dec!(50000.00)), ApprovalLevel::Department);
        assert_eq!(approval_level(&policy, dec!(50000.01)), ApprovalLevel::Company);
    }

    #[test]
    fn a_low_price_does_not_lower_the_lot_value() {
        assert_eq!(lot_value(dec!(22000), dec!(19000)), dec!(22000));
        assert_eq!(lot_value(dec!(18000), dec!(20000.01)), dec!(20000.01));
        assert!(same_province("新疆维吾尔自治区", "新疆"));
        assert!(!same_province("江苏", "新疆"));
    }

    #[test]
    fn splitting_a_lot_under_a_threshold_is_caught() {
        let policy = Policy::default();
        assert_eq!(dodges_threshold(&policy, dec!(15000), &[dec!(15000)]), Some(ApprovalLevel::Department));
        assert_eq!(dodges_threshold(&policy, dec!(5000), &[dec!(10000)]), None, "still project level");
        assert_eq!(dodges_threshold(&policy, dec!(30000), &[dec!(10000)]), None, "same level together");
        assert_eq!(dodges_threshold(&policy, dec!(30000), &[]), None);
    }

    #[test]
    fn percent_of_base_rounds_to_two_places() {
        assert_eq!(percent_of_base(dec!(8490), dec!(10000)), dec!(84.90));
        assert_eq!(percent_of_base(dec!(1), dec!(0)), dec!(100));
    }
}
