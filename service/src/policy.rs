//! Every threshold and deadline of the business (DOMAIN.md), named in one
//! place. Each has the regulation's value as default and can be overridden in
//! the `[policy]` section of the configuration.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The business rules' numbers. Defaults are the values of the regulations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Answer the customer within this many hours of the report (24 h).
    pub reply_within_hours: i64,
    /// On-site arrival deadline by distance: up to `near_km` km.
    pub near_km: i32,
    pub near_arrival_hours: i64,
    /// Up to `far_km` km.
    pub far_km: i32,
    pub far_arrival_hours: i64,
    /// Beyond `far_km` km.
    pub remote_arrival_hours: i64,
    /// A whole-business outage (severity SEVERE) is handled within this many hours.
    pub severe_arrival_hours: i64,
    /// Severity MAJOR halves the distance deadline, never below this.
    pub major_min_arrival_hours: i64,
    /// The same fault on the same unit within this many days is a repeat repair.
    pub repeat_repair_days: i64,
    /// A quote more than this percent below the standard price needs the
    /// general manager's approval.
    pub quote_discount_approval_percent: Decimal,
    /// Old parts are due this many days after the repair is completed.
    pub old_part_due_days: i64,
    /// An old part this many days late goes to the service manager too.
    pub old_part_escalation_days: i64,
    /// A ticket past its reply or arrival deadline by this many hours goes
    /// from the agent to the service manager.
    pub sla_escalation_hours: i64,
    /// A return visit this many hours past due goes to the service manager.
    pub visit_escalation_hours: i64,
    /// Responsibility determination deadlines, in days from the review.
    pub determination_domestic_days: i64,
    pub determination_domestic_critical_days: i64,
    pub determination_imported_home_days: i64,
    pub determination_imported_abroad_days: i64,
    /// Local sale floor as percent of the scrap market price.
    pub local_sale_floor_percent: Decimal,
    /// Remote provinces may go this much further below the floor (percent points).
    pub remote_province_extra_discount_percent: Decimal,
    /// Buyer quotes needed before a local sale.
    pub local_sale_min_quotes: usize,
    /// Approval levels by lot value: up to this → project level.
    pub local_sale_project_limit: Decimal,
    /// Up to this → department; above → company leadership.
    pub local_sale_department_limit: Decimal,
    /// Provinces where local sale may go further below the floor.
    pub remote_provinces: Vec<String>,
    /// Return visit due this many working days after customer acceptance.
    pub return_visit_working_days: i64,
    /// Follow-up after phone guidance within this many hours.
    pub guidance_follow_up_hours: i64,
    /// A quality complaint reaches quality within this many hours.
    pub quality_complaint_route_hours: i64,
    /// Failure recurrence: at most this many occurrences of a cause per quarter.
    pub recurrence_max_per_quarter: i64,
    /// ... and at most this many parts in one occurrence.
    pub recurrence_max_parts_per_occurrence: i64,
    /// Batch quality incident: returns of the same model and production date.
    pub batch_incident_units: i64,
    pub major_incident_units: i64,
    pub major_incident_loss: Decimal,
    /// After-sales cost at most this percent of sales in a year.
    pub cost_to_sales_max_percent: Decimal,
    /// KPI targets, percent.
    pub timeliness_target_percent: Decimal,
    pub satisfaction_target_percent: Decimal,
    pub service_complaint_max_percent: Decimal,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            reply_within_hours: 24,
            near_km: 300,
            near_arrival_hours: 24,
            far_km: 1000,
            far_arrival_hours: 48,
            remote_arrival_hours: 72,
            severe_arrival_hours: 2,
            major_min_arrival_hours: 12,
            repeat_repair_days: 90,
            quote_discount_approval_percent: Decimal::from(10),
            old_part_due_days: 7,
            old_part_escalation_days: 3,
            sla_escalation_hours: 4,
            visit_escalation_hours: 24,
            determination_domestic_days: 7,
            determination_domestic_critical_days: 15,
            determination_imported_home_days: 20,
            determination_imported_abroad_days: 90,
            local_sale_floor_percent: Decimal::from(85),
            remote_province_extra_discount_percent: Decimal::from(10),
            local_sale_min_quotes: 3,
            local_sale_project_limit: Decimal::from(20_000),
            local_sale_department_limit: Decimal::from(50_000),
            remote_provinces: [
                "宁夏",
                "青海",
                "甘肃",
                "辽宁",
                "云南",
                "重庆",
                "广西",
                "四川",
                "内蒙古",
                "河北",
                "湖北",
                "贵州",
                "吉林",
                "黑龙江",
                "新疆",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            return_visit_working_days: 3,
            guidance_follow_up_hours: 24,
            quality_complaint_route_hours: 2,
            recurrence_max_per_quarter: 10,
            recurrence_max_parts_per_occurrence: 3,
            batch_incident_units: 50,
            major_incident_units: 500,
            major_incident_loss: Decimal::from(20_000),
            cost_to_sales_max_percent: Decimal::from(2),
            timeliness_target_percent: Decimal::from(90),
            satisfaction_target_percent: Decimal::from(85),
            service_complaint_max_percent: Decimal::from(3),
        }
    }
}

impl Policy {
    /// Checks that the numbers make sense together; the message names the key.
    pub fn validate(&self) -> Result<(), String> {
        let positive = [
            ("policy.reply_within_hours", self.reply_within_hours),
            ("policy.near_arrival_hours", self.near_arrival_hours),
            ("policy.far_arrival_hours", self.far_arrival_hours),
            ("policy.remote_arrival_hours", self.remote_arrival_hours),
            ("policy.severe_arrival_hours", self.severe_arrival_hours),
            ("policy.old_part_due_days", self.old_part_due_days),
            ("policy.old_part_escalation_days", self.old_part_escalation_days),
            ("policy.sla_escalation_hours", self.sla_escalation_hours),
            ("policy.visit_escalation_hours", self.visit_escalation_hours),
            ("policy.return_visit_working_days", self.return_visit_working_days),
        ];
        for (key, value) in positive {
            if value <= 0 {
                return Err(format!("{key} must be positive, got {value}"));
            }
        }
        if self.near_km <= 0 || self.far_km <= self.near_km {
            return Err(format!(
                "policy.near_km ({}) must be positive and below policy.far_km ({})",
                self.near_km, self.far_km
            ));
        }
        if self.local_sale_department_limit <= self.local_sale_project_limit {
            return Err(
                "policy.local_sale_department_limit must exceed policy.local_sale_project_limit".into()
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_carries_the_regulation_values_and_is_valid() {
        let p = Policy::default();
        assert_eq!(p.reply_within_hours, 24);
        assert_eq!((p.near_km, p.far_km), (300, 1000));
        assert_eq!(p.old_part_due_days, 7);
        assert_eq!(p.remote_provinces.len(), 15);
        assert!(p.validate().is_ok());
    }

    #[test]
    fn policy_with_far_below_near_is_rejected_naming_the_key() {
        let p = Policy { far_km: 100, ..Policy::default() };
        let err = p.validate().unwrap_err();
        assert!(err.contains("policy.near_km"), "{err}");
    }
}
