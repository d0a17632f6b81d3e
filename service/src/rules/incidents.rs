//! Quality incidents (质量事故): after-sales returns of the same model and
//! production date from the batch size on; major from the major size, a
//! loss from the major amount, or any personal injury.

use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentLevel {
    /// 批量质量事故.
    Batch,
    /// 重大质量事故.
    Major,
}

/// The thresholds, from the policy.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub batch_units: i64,
    pub major_units: i64,
    pub major_loss: Decimal,
}

/// What a group of returns (one model, one production date) amounts to.
pub fn classify(units: i64, loss: Decimal, injury: bool, t: Thresholds) -> Option<IncidentLevel> {
    if units >= t.major_units || loss >= t.major_loss || injury {
        Some(IncidentLevel::Major)
    } else if units >= t.batch_units {
        Some(IncidentLevel::Batch)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Thresholds = Thresholds {
        batch_units: 50,
        major_units: 500,
        major_loss: Decimal::from_parts(20000, 0, 0, false, 0),
    };

    #[test]
    fn fifty_units_make_a_batch_incident_forty_nine_do_not() {
        assert_eq!(classify(49, Decimal::ZERO, false, T), None);
        assert_eq!(classify(50, Decimal::ZERO, false, T), Some(IncidentLevel::Batch));
    }

    #[test]
    fn five_hundred_units_a_loss_of_twenty_thousand_or_an_injury_make_it_major() {
        assert_eq!(classify(499, Decimal::ZERO, false, T), Some(IncidentLevel::Batch));
        assert_eq!(classify(500, Decimal::ZERO, false, T), Some(IncidentLevel::Major));
        assert_eq!(classify(3, Decimal::new(2_000_000, 2), false, T), Some(IncidentLevel::Major));
        assert_eq!(classify(3, Decimal::new(1_999_999, 2), false, T), None);
        assert_eq!(classify(1, Decimal::ZERO, true, T), Some(IncidentLevel::Major));
    }
}
