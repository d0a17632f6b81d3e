//! The story the demo tells, as plain functions: which quarter the batch
//! failure falls in, the path each ticket takes through the lifecycle, and
//! when each step happens relative to the ticket's deadlines — most in good
//! time, a designated few late. The times are planned here; the writer runs
//! every step through the same lifecycle rule the use cases do.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use entity::enums::{ServiceType, TicketStatus, VisitKind};

use crate::policy::Policy;
use crate::rules::calendar::Calendar;
use crate::rules::recurrence::{previous_quarter, quarter_bounds, quarter_of};
use crate::rules::sla::Deadlines;
use crate::rules::ticket_flow::{TicketAction, next_status};
use crate::rules::visits;

/// The batch failure is told in the current quarter once it is this many
/// days old, else in the quarter before, so that every return of the batch
/// falls inside one quarter whenever the demo is loaded.
pub const STORY_QUARTER_MIN_AGE_DAYS: i64 = 21;
/// The batch comes back over about a month...
const CLUSTER_SPAN_DAYS: i64 = 32;
/// ... ending far enough back that every one of them is repaired by the
/// load (the slowest: reply, the longest arrival deadline plus a late half
/// day, the repair) ...
const CLUSTER_ENDS_BEFORE_NOW_DAYS: i64 = 5;
/// ... or, in the quarter before, far enough before that quarter's end that
/// the repairs are completed in it too.
const CLUSTER_ENDS_BEFORE_QUARTER_END_DAYS: i64 = 6;

/// The quarter (year, 1–4) the demo's batch failure and its recurrence
/// breach fall in, for a demo loaded on `today`: the current quarter once
/// it is three weeks old, else the previous one.
pub fn story_quarter(today: NaiveDate) -> (i32, u32) {
    let (year, quarter) = quarter_of(today);
    let started = quarter_bounds(year, quarter).map_or(today, |(start, _)| start);
    if (today - started).num_days() >= STORY_QUARTER_MIN_AGE_DAYS {
        (year, quarter)
    } else {
        previous_quarter(year, quarter)
    }
}

/// When the batch's returns are reported: about a month inside the story
/// quarter, ending days before the load (or before that quarter's end).
pub fn cluster_window(now: DateTime<Utc>, calendar: &Calendar) -> (DateTime<Utc>, DateTime<Utc>) {
    let (year, quarter) = story_quarter(calendar.local_date(now));
    let (first, after) =
        quarter_bounds(year, quarter).unwrap_or((calendar.local_date(now), calendar.local_date(now)));
    let (start, end) = (calendar.start_of_day(first), calendar.start_of_day(after));
    let last = (now - Duration::days(CLUSTER_ENDS_BEFORE_NOW_DAYS))
        .min(end - Duration::days(CLUSTER_ENDS_BEFORE_QUARTER_END_DAYS));
    let first = (start + Duration::hours(6)).max(last - Duration::days(CLUSTER_SPAN_DAYS));
    (first, last)
}

/// A deadline the ticket misses on purpose: the KPI's timeliness needs
/// some breaches to mean anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// The customer was answered hours after the reply deadline.
    ReplyLate,
    /// The engineer reached the site hours after the arrival deadline.
    ArrivalLate,
}

/// How a ticket's life goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Report to close (or as far as the load time lets it get).
    Full,
    /// Cancelled after triage (after the quote, for paid work: declined).
    Cancel,
    /// Could not be fixed on site: returned to the factory.
    Factory,
    /// Stopped in this state: the desk's open work.
    At(TicketStatus),
}

/// The actions from report to the end for a service type, each legal by
/// the lifecycle (`rules::ticket_flow`).
pub fn path(end: End, kind: ServiceType) -> Vec<TicketAction> {
    use TicketAction as A;
    let paid = kind == ServiceType::Paid;
    let mut actions = vec![A::Accept];
    match end {
        End::Cancel => {
            if paid {
                actions.push(A::Quote);
            }
            actions.push(A::Cancel);
            return actions;
        }
        _ if kind == ServiceType::Other => {
            actions.extend([A::ResolveByGuidance, A::Visit, A::Close]);
        }
        End::Factory => {
            if paid {
                actions.extend([A::Quote, A::ApproveQuote]);
            }
            actions.extend([A::Dispatch, A::Arrive, A::ReturnToFactory]);
            return actions;
        }
        _ => {
            if paid {
                actions.extend([A::Quote, A::ApproveQuote]);
            }
            actions.extend([A::Dispatch, A::Arrive, A::Repair, A::SignOff, A::Visit, A::Close]);
        }
    }
    if let End::At(target) = end {
        let mut state = TicketStatus::Reported;
        let mut taken = Vec::new();
        for action in actions {
            if state == target {
                break;
            }
            let Ok(next) = next_status(state, action, Some(kind)) else { break };
            state = next;
            taken.push(action);
        }
        return taken;
    }
    actions
}

fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0).round() as i64)
}

/// `share` of a span of time.
fn part_of(span: Duration, share: f64) -> Duration {
    Duration::seconds((span.num_seconds() as f64 * share).round() as i64)
}

/// What the planner needs to know of a ticket.
pub struct Facts<'a> {
    pub reported_at: DateTime<Utc>,
    pub deadlines: Deadlines,
    pub breach: Option<Breach>,
    /// The return visit is made a day or more after it fell due.
    pub late_visit: bool,
    pub policy: &'a Policy,
    pub calendar: &'a Calendar,
}

/// The time of each action of `actions`: the reply well inside its
/// deadline, the arrival between a third and nine tenths of the arrival
/// allowance, quotes and dispatch in between, then repair, sign-off, the
/// return visit before it is due and the close. A breach moves the reply
/// or the arrival past its deadline; a late visit goes past its due time.
pub fn timeline(
    rng: &mut StdRng,
    actions: &[TicketAction],
    f: &Facts<'_>,
) -> Vec<(TicketAction, DateTime<Utc>)> {
    use TicketAction as A;
    let reply_window = f.deadlines.reply_due_at - f.reported_at;
    let arrival_window = f.deadlines.arrival_due_at - f.reported_at;
    let reply_at = match f.breach {
        Some(Breach::ReplyLate) => f.deadlines.reply_due_at + hours(rng.gen_range(1.0..10.0)),
        _ => f.reported_at + part_of(reply_window, rng.gen_range(0.05..0.45)).max(Duration::minutes(10)),
    };
    let arrive_at = match f.breach {
        Some(Breach::ArrivalLate) => f.deadlines.arrival_due_at + hours(rng.gen_range(1.0..12.0)),
        _ => f.reported_at + part_of(arrival_window, rng.gen_range(0.35..0.9)),
    }
    .max(reply_at + Duration::minutes(30));
    let mut clock = f.reported_at;
    let mut visit = VisitKind::AfterRepair;
    let mut steps = Vec::with_capacity(actions.len());
    for &action in actions {
        let to_arrival = arrive_at - clock;
        let at = match action {
            A::Accept => reply_at,
            A::Quote => clock + part_of(to_arrival, 0.25),
            A::ApproveQuote => clock + part_of(to_arrival, 0.4),
            A::Dispatch => clock + part_of(to_arrival, rng.gen_range(0.1..0.5)),
            A::Arrive => arrive_at,
            A::Repair => clock + hours(rng.gen_range(2.0..8.0)),
            A::ReturnToFactory => clock + hours(rng.gen_range(3.0..8.0)),
            A::SignOff => clock + hours(rng.gen_range(0.5..3.0)),
            A::ResolveByGuidance => {
                visit = VisitKind::AfterGuidance;
                clock + hours(rng.gen_range(0.3..3.0))
            }
            A::Visit => {
                let due = visits::due_at(f.policy, f.calendar, visit, clock);
                if f.late_visit {
                    due + hours(rng.gen_range(24.0..96.0))
                } else {
                    clock + part_of(due - clock, rng.gen_range(0.2..0.9))
                }
            }
            A::Close => clock + hours(rng.gen_range(1.0..20.0)),
            A::Cancel => clock + hours(rng.gen_range(2.0..20.0)),
            A::Rework => clock + hours(2.0),
        };
        steps.push((action, at));
        clock = at;
    }
    steps
}

/// Squeezes the steps (times after `reported_at`) so the last is no later
/// than `latest`: a ticket of the desk's open work has got exactly as far
/// as it should by the load, each step earlier than planned, never later.
pub fn fit_before(
    steps: &mut [(TicketAction, DateTime<Utc>)],
    reported_at: DateTime<Utc>,
    latest: DateTime<Utc>,
) {
    let Some(&(_, last)) = steps.last() else { return };
    if last <= latest || latest <= reported_at {
        return;
    }
    let share = (latest - reported_at).num_seconds() as f64 / (last - reported_at).num_seconds() as f64;
    for (_, at) in steps.iter_mut() {
        *at = reported_at + part_of(*at - reported_at, share);
    }
}

/// An index picked by relative weights.
pub fn weighted(rng: &mut StdRng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let total: u32 = weights.clone().sum();
    let mut roll = rng.gen_range(0..total.max(1));
    for (i, w) in weights.enumerate() {
        if roll < w {
            return i;
        }
        roll -= w;
    }
    0
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use chrono_tz::Asia::Shanghai;
    use rand::SeedableRng;
    use rust_decimal::Decimal;

    use entity::enums::{FaultCategory, Severity};

    use super::super::data::{BATCH_CAUSE, BATCH_RETURNS_OVER_THRESHOLD, CAUSES, ENGINEERS, LIVE, PARTS};
    use super::*;
    use crate::rules::dispatch::keeps_engineer_busy;
    use crate::rules::incidents::{IncidentLevel, Thresholds, classify};
    use crate::rules::sla::{self, SlaFacts};

    fn day(d: &str) -> NaiveDate {
        d.parse().expect("date")
    }

    fn calendar() -> Calendar {
        Calendar::new(Shanghai, HashMap::new())
    }

    #[test]
    fn the_story_is_told_in_the_current_quarter_once_it_is_three_weeks_old() {
        assert_eq!(story_quarter(day("2026-12-01")), (2026, 4));
        assert_eq!(story_quarter(day("2026-10-22")), (2026, 4));
        assert_eq!(story_quarter(day("2026-10-21")), (2026, 3));
        assert_eq!(story_quarter(day("2027-01-05")), (2026, 4));
    }

    #[test]
    fn the_batch_returns_fall_inside_the_story_quarter_whenever_the_demo_is_loaded() {
        let cal = calendar();
        let mut today = day("2026-01-01");
        while today < day("2028-01-01") {
            let now = cal.start_of_day(today) + Duration::hours(15);
            let (first, last) = cluster_window(now, &cal);
            let (year, quarter) = story_quarter(today);
            let (start, end) = quarter_bounds(year, quarter).expect("quarter");
            assert!(first >= cal.start_of_day(start), "{today}: starts in the quarter");
            assert!(
                last + Duration::days(5) <= cal.start_of_day(end).min(now),
                "{today}: repaired in it, by now"
            );
            assert!(last - first >= Duration::days(14), "{today}: spread over weeks");
            today = today.succ_opt().expect("day");
        }
    }

    #[test]
    fn every_path_is_legal_and_ends_where_it_should() {
        use ServiceType as T;
        for kind in [T::Free, T::Contract, T::Paid, T::Other] {
            for end in [End::Full, End::Cancel, End::Factory] {
                let mut state = TicketStatus::Reported;
                for action in path(end, kind) {
                    state = next_status(state, action, Some(kind)).expect("legal step");
                }
                let expected = match (end, kind) {
                    (End::Cancel, _) => TicketStatus::Cancelled,
                    (End::Factory, k) if k != T::Other => TicketStatus::ReturnedToFactory,
                    _ => TicketStatus::Closed,
                };
                assert_eq!(state, expected, "{end:?} {kind:?}");
            }
        }
        let live = path(End::At(TicketStatus::OnSite), T::Paid);
        assert_eq!(live.last(), Some(&TicketAction::Arrive));
    }

    #[test]
    fn the_open_work_keeps_at_least_one_engineer_of_every_skill_free() {
        let busy: HashSet<&str> = LIVE
            .iter()
            .filter(|t| keeps_engineer_busy(t.status))
            .map(|t| t.engineer.expect("dispatched live tickets name their engineer"))
            .collect();
        for skill in FaultCategory::ALL {
            let free =
                ENGINEERS.iter().any(|(name, _, _, skills)| !busy.contains(name) && skills.contains(skill));
            assert!(free, "nobody with the {skill:?} skill is free");
        }
        for t in LIVE.iter().filter(|t| keeps_engineer_busy(t.status)) {
            let (_, _, _, skills) = ENGINEERS.iter().find(|e| Some(e.0) == t.engineer).expect("engineer");
            assert!(skills.contains(&t.category), "{:?} needs the skill", t.engineer);
        }
    }

    #[test]
    fn the_batch_is_a_batch_incident_and_no_major_one() {
        let policy = Policy::default();
        let thresholds = Thresholds {
            batch_units: policy.batch_incident_units,
            major_units: policy.major_incident_units,
            major_loss: policy.major_incident_loss,
        };
        let returns = policy.batch_incident_units + BATCH_RETURNS_OVER_THRESHOLD;
        let seal = CAUSES.iter().find(|c| c.code == BATCH_CAUSE).expect("cause");
        let per_repair: Decimal = seal
            .parts
            .iter()
            .map(|(number, qty)| {
                let part = PARTS.iter().find(|p| p.0 == *number).expect("part");
                Decimal::from(part.3 * i64::from(*qty))
            })
            .sum();
        let loss = per_repair * Decimal::from(returns);
        assert_eq!(classify(returns, loss, false, thresholds), Some(IncidentLevel::Batch));
        assert!(
            returns > policy.recurrence_max_per_quarter,
            "the seal cause breaks the recurrence target too"
        );
    }

    #[test]
    fn planned_steps_keep_the_deadlines_unless_breached() {
        let policy = Policy::default();
        let cal = calendar();
        let mut rng = StdRng::seed_from_u64(7);
        let actions = path(End::Full, ServiceType::Paid);
        for i in 0..300 {
            let reported_at =
                "2026-11-02T02:00:00Z".parse::<DateTime<Utc>>().expect("instant") + Duration::hours(i * 7);
            let distance = [50, 500, 2000][i as usize % 3];
            let severity = [Severity::General, Severity::Major, Severity::Severe][(i / 9) as usize % 3];
            let deadlines = sla::deadlines(&policy, &cal, reported_at, distance, severity);
            let breach = [None, Some(Breach::ReplyLate), Some(Breach::ArrivalLate)][(i / 3) as usize % 3];
            let facts =
                Facts { reported_at, deadlines, breach, late_visit: false, policy: &policy, calendar: &cal };
            let steps = timeline(&mut rng, &actions, &facts);
            let at = |a: TicketAction| steps.iter().find(|(s, _)| *s == a).map(|(_, t)| *t);
            assert!(steps.windows(2).all(|w| w[0].1 <= w[1].1), "in order");
            let sla = SlaFacts {
                status: TicketStatus::Closed,
                service_type: Some(ServiceType::Paid),
                reply_due_at: deadlines.reply_due_at,
                replied_at: at(TicketAction::Accept),
                arrival_due_at: deadlines.arrival_due_at,
                arrived_at: at(TicketAction::Arrive),
            };
            let late = sla::overdue(&sla, steps.last().expect("steps").1);
            assert_eq!(late, breach.is_some(), "{i}: {breach:?}");
        }
    }

    #[test]
    fn squeezed_steps_end_by_the_latest_and_keep_their_order() {
        let reported_at = "2026-11-02T02:00:00Z".parse::<DateTime<Utc>>().expect("instant");
        let mut steps = vec![
            (TicketAction::Accept, reported_at + Duration::hours(5)),
            (TicketAction::Dispatch, reported_at + Duration::hours(9)),
            (TicketAction::Arrive, reported_at + Duration::hours(20)),
        ];
        fit_before(&mut steps, reported_at, reported_at + Duration::hours(10));
        assert_eq!(steps[2].1, reported_at + Duration::hours(10));
        assert_eq!(steps[0].1, reported_at + Duration::hours(2) + Duration::minutes(30));
    }
}
