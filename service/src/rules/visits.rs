//! Return visits (回访): what makes a visit a dissatisfied one, which must
//! lead to a complaint or a rework.

/// Satisfaction at or below this is dissatisfied (1–5 scale).
pub const DISSATISFIED_AT_MOST: i64 = 2;

/// A visit where the customer was dissatisfied or the problem is not solved.
pub fn dissatisfied(satisfaction: i64, solved: bool) -> bool {
    satisfaction <= DISSATISFIED_AT_MOST || !solved
}

/// Counts as satisfied for the KPI: 4 or 5.
pub fn satisfied(satisfaction: i64) -> bool {
    satisfaction >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_or_less_or_unsolved_is_dissatisfied() {
        assert!(dissatisfied(1, true));
        assert!(dissatisfied(2, true));
        assert!(!dissatisfied(3, true));
        assert!(dissatisfied(5, false), "unsolved whatever the score");
    }

    #[test]
    fn four_and_five_count_as_satisfied() {
        assert!(!satisfied(3));
        assert!(satisfied(4) && satisfied(5));
    }
}
