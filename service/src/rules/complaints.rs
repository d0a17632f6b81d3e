//! Complaints (投诉): where one goes and what may happen to it next. A
//! quality complaint reaches quality within the policy's hours of receipt;
//! the others go to the service managers.

use chrono::{DateTime, Duration, Utc};
use entity::enums::{ComplaintCategory, ComplaintStatus, Role};

/// Who takes a complaint, and by when it must have reached them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Routing {
    pub role: Role,
    pub due_at: Option<DateTime<Utc>>,
}

pub fn routing(category: ComplaintCategory, received_at: DateTime<Utc>, quality_route_hours: i64) -> Routing {
    match category {
        ComplaintCategory::Quality => {
            Routing { role: Role::Quality, due_at: Some(received_at + Duration::hours(quality_route_hours)) }
        }
        ComplaintCategory::Delivery | ComplaintCategory::ServiceAttitude | ComplaintCategory::Price => {
            Routing { role: Role::ServiceManager, due_at: None }
        }
    }
}

/// What can be done to a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintStep {
    /// Its handler takes it (it has reached the routed role).
    Take,
    /// The handling and the answer to the customer are recorded.
    Answer,
    Close,
}

/// The status after `step`, or `None` when `step` does not apply now.
pub fn next_status(from: ComplaintStatus, step: ComplaintStep) -> Option<ComplaintStatus> {
    use ComplaintStatus::{Answered, Closed, Open, Routed};
    match (from, step) {
        (Open, ComplaintStep::Take) => Some(Routed),
        (Open | Routed, ComplaintStep::Answer) => Some(Answered),
        (Answered, ComplaintStep::Close) => Some(Closed),
        _ => None,
    }
}

/// Whether a complaint is past its routing deadline without having
/// reached its handler.
pub fn routing_overdue(
    due_at: Option<DateTime<Utc>>,
    routed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    routed_at.is_none() && due_at.is_some_and(|due| due < now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, h, m, 0).single().expect("time")
    }

    #[test]
    fn a_quality_complaint_goes_to_quality_within_two_hours() {
        let route = routing(ComplaintCategory::Quality, at(9, 30), 2);
        assert_eq!(route, Routing { role: Role::Quality, due_at: Some(at(11, 30)) });
    }

    #[test]
    fn other_complaints_go_to_the_service_managers_without_a_routing_deadline() {
        for category in
            [ComplaintCategory::Delivery, ComplaintCategory::ServiceAttitude, ComplaintCategory::Price]
        {
            assert_eq!(routing(category, at(9, 0), 2), Routing { role: Role::ServiceManager, due_at: None });
        }
    }

    #[test]
    fn routing_is_overdue_only_after_the_deadline_and_before_it_is_taken() {
        let due = Some(at(11, 30));
        assert!(!routing_overdue(due, None, at(11, 30)), "on the minute is in time");
        assert!(routing_overdue(due, None, at(11, 31)));
        assert!(!routing_overdue(due, Some(at(10, 0)), at(12, 0)), "taken in time");
        assert!(!routing_overdue(None, None, at(23, 0)), "no deadline");
    }

    #[test]
    fn a_complaint_is_taken_answered_then_closed() {
        use ComplaintStatus::{Answered, Closed, Open, Routed};
        assert_eq!(next_status(Open, ComplaintStep::Take), Some(Routed));
        assert_eq!(next_status(Routed, ComplaintStep::Answer), Some(Answered));
        assert_eq!(next_status(Open, ComplaintStep::Answer), Some(Answered), "answered at once by the desk");
        assert_eq!(next_status(Answered, ComplaintStep::Close), Some(Closed));
        assert_eq!(next_status(Open, ComplaintStep::Close), None, "not closed unanswered");
        assert_eq!(next_status(Routed, ComplaintStep::Take), None);
        assert_eq!(next_status(Closed, ComplaintStep::Answer), None);
    }
}
