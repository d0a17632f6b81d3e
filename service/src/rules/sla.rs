//! Service-level deadlines set at intake: answer the customer within 24 h of
//! the report (接到服务信息,应在24小时内答复) and be on site by distance:
//! ≤ 300 km 24 h, ≤ 1000 km 48 h, beyond 72 h (路程300公里以内为24小时内,
//! 1000公里内为48小时,1000公里以外72小时内). Severity tightens them; declared
//! holidays stop the clock, except for a SEVERE outage.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, DynIden, Expr, IntoIden};

use entity::enums::{ServiceType, Severity, TicketStatus};
use entity::ticket;

use super::calendar::Calendar;
use super::ticket_flow::is_terminal;
use crate::policy::Policy;

/// The two deadlines of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    pub reply_due_at: DateTime<Utc>,
    pub arrival_due_at: DateTime<Utc>,
}

/// Hours allowed to arrive on site, by the distance band.
pub fn arrival_hours_by_distance(policy: &Policy, distance_km: i32) -> i64 {
    if distance_km <= policy.near_km {
        policy.near_arrival_hours
    } else if distance_km <= policy.far_km {
        policy.far_arrival_hours
    } else {
        policy.remote_arrival_hours
    }
}

/// Hours allowed to arrive, with the severity applied: SEVERE (a whole
/// business down) is handled within `severe_arrival_hours`; MAJOR halves the
/// distance allowance, not below `major_min_arrival_hours`.
pub fn arrival_hours(policy: &Policy, distance_km: i32, severity: Severity) -> i64 {
    let by_distance = arrival_hours_by_distance(policy, distance_km);
    match severity {
        Severity::Severe => policy.severe_arrival_hours.min(by_distance),
        Severity::Major => (by_distance / 2).max(policy.major_min_arrival_hours).min(by_distance),
        Severity::General => by_distance,
    }
}

/// The deadlines of a fault reported at `reported_at`. The reply is never
/// due after the arrival.
pub fn deadlines(
    policy: &Policy,
    calendar: &Calendar,
    reported_at: DateTime<Utc>,
    distance_km: i32,
    severity: Severity,
) -> Deadlines {
    let arrival = arrival_hours(policy, distance_km, severity);
    let clock = |hours: i64| {
        if severity == Severity::Severe {
            reported_at + chrono::Duration::hours(hours)
        } else {
            calendar.add_hours_skipping_holidays(reported_at, hours)
        }
    };
    let arrival_due_at = clock(arrival);
    let reply_due_at = clock(policy.reply_within_hours).min(arrival_due_at);
    Deadlines { reply_due_at, arrival_due_at }
}

/// A deadline is overdue when the thing has not happened and the time has
/// passed, or when it happened late.
pub fn is_overdue(due_at: DateTime<Utc>, done_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match done_at {
        Some(done) => done > due_at,
        None => now > due_at,
    }
}

// "Overdue" has one meaning everywhere (the `deadlines` field, the
// `overdue` filter, the breach reminders, the KPI's timeliness): a deadline
// of the ticket was missed, either kept late or not kept and already past.
// A ticket closed after a late arrival stays overdue: it is a breach on the
// record, and the KPI counts it against timeliness; a list of overdue work
// still to do adds a status filter. Cancelled tickets owe nothing. Phone
// guidance (`OTHER`) owes no arrival; a ticket whose service type is not
// decided yet does. The reminders speak only of what is still owed: not
// done, ticket not finished, deadline past.

/// What the deadline rules read of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaFacts {
    pub status: TicketStatus,
    pub service_type: Option<ServiceType>,
    pub reply_due_at: DateTime<Utc>,
    pub replied_at: Option<DateTime<Utc>>,
    pub arrival_due_at: DateTime<Utc>,
    pub arrived_at: Option<DateTime<Utc>>,
}

impl From<&ticket::Model> for SlaFacts {
    fn from(t: &ticket::Model) -> Self {
        Self {
            status: t.status,
            service_type: t.service_type,
            reply_due_at: t.reply_due_at,
            replied_at: t.replied_at,
            arrival_due_at: t.arrival_due_at,
            arrived_at: t.arrived_at,
        }
    }
}

/// Whether someone must go on site: all service but phone guidance.
pub fn owes_arrival(service_type: Option<ServiceType>) -> bool {
    service_type != Some(ServiceType::Other)
}

/// The reply deadline was missed.
pub fn reply_overdue(t: &SlaFacts, now: DateTime<Utc>) -> bool {
    t.status != TicketStatus::Cancelled && is_overdue(t.reply_due_at, t.replied_at, now)
}

/// The arrival deadline was missed.
pub fn arrival_overdue(t: &SlaFacts, now: DateTime<Utc>) -> bool {
    t.status != TicketStatus::Cancelled
        && owes_arrival(t.service_type)
        && is_overdue(t.arrival_due_at, t.arrived_at, now)
}

/// Either deadline was missed: the ticket is overdue.
pub fn overdue(t: &SlaFacts, now: DateTime<Utc>) -> bool {
    reply_overdue(t, now) || arrival_overdue(t, now)
}

/// The customer is still waiting for the answer that was due.
pub fn reply_still_owed_and_late(t: &SlaFacts, now: DateTime<Utc>) -> bool {
    !is_terminal(t.status) && t.replied_at.is_none() && now > t.reply_due_at
}

/// The customer is still waiting for the engineer who was due on site.
pub fn arrival_still_owed_and_late(t: &SlaFacts, now: DateTime<Utc>) -> bool {
    !is_terminal(t.status) && owes_arrival(t.service_type) && t.arrived_at.is_none() && now > t.arrival_due_at
}

/// The same rules as conditions on the tickets table (or an alias of it),
/// for filters, sweeps and reports.
pub mod sql {
    use sea_orm::sea_query::ExprTrait;

    use super::*;

    fn col(table: &DynIden, column: ticket::Column) -> Expr {
        Expr::col((table.clone(), column))
    }

    fn not_cancelled(t: &DynIden) -> Condition {
        Condition::all().add(col(t, ticket::Column::Status).ne(TicketStatus::Cancelled))
    }

    fn not_terminal(t: &DynIden) -> Condition {
        let terminal: Vec<TicketStatus> =
            TicketStatus::ALL.iter().copied().filter(|s| is_terminal(*s)).collect();
        Condition::all().add(col(t, ticket::Column::Status).is_not_in(terminal))
    }

    fn owes_arrival(t: &DynIden) -> Condition {
        Condition::any()
            .add(col(t, ticket::Column::ServiceType).is_null())
            .add(col(t, ticket::Column::ServiceType).ne(ServiceType::Other))
    }

    /// `is_overdue` on a due and a done column. Never NULL, so that its
    /// negation (`overdue: false`) is the rest of the rows.
    fn missed(t: &DynIden, due: ticket::Column, done: ticket::Column, now: DateTime<Utc>) -> Condition {
        Condition::any()
            .add(Condition::all().add(col(t, done).is_not_null()).add(col(t, done).gt(col(t, due))))
            .add(Condition::all().add(col(t, done).is_null()).add(col(t, due).lt(now)))
    }

    pub fn reply_overdue(table: impl IntoIden, now: DateTime<Utc>) -> Condition {
        let t = table.into_iden();
        not_cancelled(&t).add(missed(&t, ticket::Column::ReplyDueAt, ticket::Column::RepliedAt, now))
    }

    pub fn arrival_overdue(table: impl IntoIden, now: DateTime<Utc>) -> Condition {
        let t = table.into_iden();
        not_cancelled(&t).add(owes_arrival(&t)).add(missed(
            &t,
            ticket::Column::ArrivalDueAt,
            ticket::Column::ArrivedAt,
            now,
        ))
    }

    pub fn overdue(table: impl IntoIden, now: DateTime<Utc>) -> Condition {
        let t = table.into_iden();
        Condition::any().add(reply_overdue(t.clone(), now)).add(arrival_overdue(t, now))
    }

    pub fn reply_still_owed_and_late(table: impl IntoIden, now: DateTime<Utc>) -> Condition {
        let t = table.into_iden();
        not_terminal(&t)
            .add(col(&t, ticket::Column::RepliedAt).is_null())
            .add(col(&t, ticket::Column::ReplyDueAt).lt(now))
    }

    pub fn arrival_still_owed_and_late(table: impl IntoIden, now: DateTime<Utc>) -> Condition {
        let t = table.into_iden();
        not_terminal(&t)
            .add(owes_arrival(&t))
            .add(col(&t, ticket::Column::ArrivedAt).is_null())
            .add(col(&t, ticket::Column::ArrivalDueAt).lt(now))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::{Duration, NaiveDate};
    use chrono_tz::Asia::Shanghai;

    use super::*;

    fn policy() -> Policy {
        Policy::default()
    }

    #[test]
    fn seed_distances_give_24_24_48_72_hours() {
        let p = policy();
        assert_eq!(arrival_hours(&p, 290, Severity::General), 24);
        assert_eq!(arrival_hours(&p, 300, Severity::General), 24);
        assert_eq!(arrival_hours(&p, 301, Severity::General), 48);
        assert_eq!(arrival_hours(&p, 1000, Severity::General), 48);
        assert_eq!(arrival_hours(&p, 1001, Severity::General), 72);
    }

    #[test]
    fn severity_tightens_the_arrival() {
        let p = policy();
        assert_eq!(arrival_hours(&p, 1001, Severity::Severe), 2);
        assert_eq!(arrival_hours(&p, 1001, Severity::Major), 36);
        assert_eq!(arrival_hours(&p, 100, Severity::Major), 12);
    }

    #[test]
    fn reply_is_due_in_24_hours_and_never_after_the_arrival() {
        let p = policy();
        let cal = Calendar::new(Shanghai, HashMap::new());
        let at = "2026-11-02T02:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let far = deadlines(&p, &cal, at, 1200, Severity::General);
        assert_eq!(far.reply_due_at, at + Duration::hours(24));
        assert_eq!(far.arrival_due_at, at + Duration::hours(72));
        let severe = deadlines(&p, &cal, at, 1200, Severity::Severe);
        assert_eq!(severe.arrival_due_at, at + Duration::hours(2));
        assert_eq!(severe.reply_due_at, at + Duration::hours(2));
    }

    #[test]
    fn a_declared_holiday_moves_a_general_deadline_but_not_a_severe_one() {
        let p = policy();
        let holiday = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let cal = Calendar::new(Shanghai, HashMap::from([(holiday, false)]));
        // 30 Sep 12:00 Shanghai.
        let at = "2026-09-30T04:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let general = deadlines(&p, &cal, at, 100, Severity::General);
        assert_eq!(general.arrival_due_at, at + Duration::hours(48));
        let severe = deadlines(&p, &cal, at, 100, Severity::Severe);
        assert_eq!(severe.arrival_due_at, at + Duration::hours(2));
    }

    #[test]
    fn overdue_when_late_or_still_open_past_the_deadline() {
        let due = "2026-11-02T02:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let before = due - Duration::minutes(1);
        let after = due + Duration::minutes(1);
        assert!(!is_overdue(due, None, before));
        assert!(is_overdue(due, None, after));
        assert!(!is_overdue(due, Some(before), after));
        assert!(is_overdue(due, Some(after), after));
        assert!(!is_overdue(due, Some(due), after), "on the minute is on time");
    }
}
