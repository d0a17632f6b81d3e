//! Demo tickets: five months of service history, the batch of excavators
//! coming back with leaking seals, and the desk's open work at load time.
//! Every ticket is written with the rules the use cases run: the unit's
//! entitlement decides the service type, the SLA rule the deadlines, the
//! lifecycle rule every step, the repeat-repair rule the repeats, the
//! visit rule when the return visit is due; `story` plans when each step
//! happens, most in good time and a designated few late.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Set};

use entity::enums::{
    Channel, ComplaintCategory, Exclusion, FaultCategory, ServiceType, Severity, TicketStatus, VisitKind,
};
use entity::{fault_cause, ticket, ticket_event, ticket_sequence, unit};

use super::complaints::{self, DemoComplaint, People};
use super::data::*;
use super::fleet::{Fleet, cause, causes_of};
use super::records::{Job, PartUse};
use super::story::{Breach, End, Facts, cluster_window, fit_before, path, timeline, weighted};
use crate::error::ServiceResult;
use crate::policy::Policy;
use crate::rules::calendar::Calendar;
use crate::rules::entitlement::service_type;
use crate::rules::repeat_repair::{EarlierRepair, repeats};
use crate::rules::sla;
use crate::rules::ticket_flow::{TicketAction, next_status};
use crate::rules::visits;
use crate::usecase::tickets::entitlement::entitlement_of;

const SEED: u64 = 2026;
/// History tickets, reported from `SETTLED_DAYS` to `HISTORY_DAYS` days
/// before the load: by then each is finished, or waits only for its visit.
const HISTORY: usize = 96;
const HISTORY_DAYS: i64 = 150;
const SETTLED_DAYS: i64 = 8;
/// One ticket in ten misses a deadline, alternately the reply and the arrival.
const BREACH_EVERY: usize = 10;
/// One return visit in fifteen is made late.
const LATE_VISIT_EVERY: usize = 15;

/// Where a ticket comes from in the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    History(usize),
    Batch(usize),
    Live(usize),
}

struct Spec {
    reported_at: DateTime<Utc>,
    source: Source,
    end: End,
    breach: Option<Breach>,
    late_visit: bool,
}

/// A written ticket, for the complaints the story adds.
pub(super) struct Written {
    pub id: i64,
    pub customer_id: i64,
    pub source: Source,
    pub service_type: ServiceType,
    pub status: TicketStatus,
    pub last_step_at: DateTime<Utc>,
}

/// What a ticket is about.
struct Pick {
    unit: unit::Model,
    category: FaultCategory,
    cause: Option<&'static DemoCause>,
    wanted: Wanted,
    description: String,
}

/// Writes the cause catalogue and the demo tickets with what hangs off
/// them; returns the tickets written.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    calendar: Calendar,
    batch_day: NaiveDate,
    people: &People,
) -> ServiceResult<Vec<Written>> {
    for c in CAUSES {
        fault_cause::ActiveModel {
            code: Set(c.code.to_string()),
            name: Set(c.name.to_string()),
            fault_category: Set(c.category),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let policy = Policy::default();
    let fleet = Fleet::load(txn, &policy, batch_day).await?;
    if fleet.units.is_empty() {
        return Ok(Vec::new());
    }
    let specs = specs(now, &calendar, &policy, fleet.batch.len());
    let mut w = Writer {
        txn,
        now,
        policy,
        calendar,
        fleet,
        people,
        history: HashMap::new(),
        sequences: BTreeMap::new(),
        visits_made: 0,
        unhappy: 0,
        written: Vec::with_capacity(specs.len()),
    };
    for spec in &specs {
        let key = match spec.source {
            Source::History(i) => 1_000 + i,
            Source::Batch(k) => 2_000 + k,
            Source::Live(j) => 3_000 + j,
        };
        let mut rng = StdRng::seed_from_u64(SEED * 10_000 + key as u64);
        w.write(spec, &mut rng).await?;
    }
    for (year, last_value) in &w.sequences {
        ticket_sequence::ActiveModel { year: Set(*year), last_value: Set(*last_value) }.insert(txn).await?;
    }
    Ok(w.written)
}

/// Every ticket of the story, oldest first, with the breaches and late
/// visits spread evenly over them in report order.
fn specs(now: DateTime<Utc>, calendar: &Calendar, policy: &Policy, batch_units: usize) -> Vec<Spec> {
    let mut specs = Vec::new();
    for i in 0..HISTORY {
        let mut rng = StdRng::seed_from_u64(SEED + i as u64);
        let minutes = rng.gen_range(SETTLED_DAYS * 1440..HISTORY_DAYS * 1440);
        let end = match (i % 25, i % 32) {
            (12, _) => End::Cancel,
            (_, 20) => End::Factory,
            _ => End::Full,
        };
        let source = Source::History(i);
        specs.push(Spec {
            reported_at: now - Duration::minutes(minutes),
            source,
            end,
            breach: None,
            late_visit: false,
        });
    }
    let returns = usize::try_from(policy.batch_incident_units + BATCH_RETURNS_OVER_THRESHOLD).unwrap_or(0);
    let (first, last) = cluster_window(now, calendar);
    let span = (last - first).num_minutes();
    let mut rng = StdRng::seed_from_u64(SEED + 500);
    for k in 0..returns.min(batch_units) {
        let share = (k as f64 + rng.gen_range(0.1..0.9)) / returns as f64;
        let reported_at = first + Duration::minutes((span as f64 * share) as i64);
        specs.push(Spec {
            reported_at,
            source: Source::Batch(k),
            end: End::Full,
            breach: None,
            late_visit: false,
        });
    }
    for (j, live) in LIVE.iter().enumerate() {
        specs.push(Spec {
            reported_at: now - Duration::hours(live.age_hours),
            source: Source::Live(j),
            end: End::At(live.status),
            breach: None,
            late_visit: live.late_visit,
        });
    }
    specs.sort_by_key(|s| s.reported_at);
    let counted = specs.iter_mut().filter(|s| !matches!(s.source, Source::Live(_)) && s.end != End::Cancel);
    for (n, spec) in counted.enumerate() {
        if n % BREACH_EVERY == BREACH_EVERY / 2 {
            let arrival = (n / BREACH_EVERY).is_multiple_of(2);
            spec.breach = Some(if arrival { Breach::ArrivalLate } else { Breach::ReplyLate });
        }
        spec.late_visit = n % LATE_VISIT_EVERY == LATE_VISIT_EVERY / 2;
    }
    specs
}

struct Writer<'a> {
    txn: &'a DatabaseTransaction,
    now: DateTime<Utc>,
    policy: Policy,
    calendar: Calendar,
    fleet: Fleet,
    people: &'a People,
    /// Repairs so far, per unit, for the repeat-repair rule.
    history: HashMap<i64, Vec<EarlierRepair>>,
    sequences: BTreeMap<i32, i64>,
    visits_made: usize,
    /// Dissatisfied visits so far.
    unhappy: usize,
    written: Vec<Written>,
}

/// The parts a repair of `cause` replaces, at catalogue prices.
fn part_lines(fleet: &Fleet, cause: Option<&DemoCause>) -> Vec<PartUse> {
    cause
        .map(|c| c.parts)
        .unwrap_or_default()
        .iter()
        .filter_map(|(number, qty)| fleet.parts.get(*number).map(|(id, price)| (*id, *qty, *price)))
        .collect()
}

fn cost_of(lines: &[PartUse]) -> Decimal {
    lines.iter().map(|(_, qty, price)| *price * Decimal::from(*qty)).sum()
}

fn weighted_cause(rng: &mut StdRng, category: FaultCategory) -> Option<&'static DemoCause> {
    let options = causes_of(category);
    (!options.is_empty()).then(|| options[weighted(rng, options.iter().map(|c| c.weight))])
}

fn site_description(cause: &DemoCause, batch: bool) -> String {
    if batch {
        format!("动臂油缸渗漏油,{}", cause.name)
    } else {
        format!("{}:客户报修,设备无法正常作业", cause.name)
    }
}

impl Writer<'_> {
    /// The unit, fault and cause of a ticket.
    fn pick(&mut self, spec: &Spec, rng: &mut StdRng, on: NaiveDate) -> Option<Pick> {
        let (wanted, category, cause, description) = match spec.source {
            Source::Batch(k) => {
                let c = cause(BATCH_CAUSE)?;
                let unit = self.fleet.batch.get(k)?.clone();
                let description = site_description(c, true);
                return Some(Pick {
                    unit,
                    category: c.category,
                    cause: Some(c),
                    wanted: Wanted::Free,
                    description,
                });
            }
            Source::Live(j) => {
                let live = &LIVE[j];
                if live.wanted == Wanted::Guidance {
                    let (category, text) = GUIDANCE[j % GUIDANCE.len()];
                    (live.wanted, category, None, text.to_owned())
                } else {
                    let c = weighted_cause(rng, live.category)?;
                    (live.wanted, live.category, Some(c), site_description(c, false))
                }
            }
            Source::History(i) => {
                if i % 12 == 5
                    && let Some(pick) = self.repeat(rng, on)
                {
                    return Some(pick);
                }
                let wanted = MIX[i % MIX.len()];
                if wanted == Wanted::Guidance {
                    let (category, text) = GUIDANCE[(i / MIX.len()) % GUIDANCE.len()];
                    (wanted, category, None, text.to_owned())
                } else {
                    let category =
                        CATEGORY_WEIGHTS[weighted(rng, CATEGORY_WEIGHTS.iter().map(|(_, w)| *w))].0;
                    let c = weighted_cause(rng, category)?;
                    (wanted, category, Some(c), site_description(c, false))
                }
            }
        };
        let cost = cost_of(&part_lines(&self.fleet, cause));
        let unit = self.fleet.choose(rng, wanted, on, cost)?;
        Some(Pick { unit, category, cause, wanted, description })
    }

    /// A unit repaired in the last weeks comes back with the same fault.
    fn repeat(&self, rng: &mut StdRng, on: NaiveDate) -> Option<Pick> {
        let mut recent: Vec<(&unit::Model, &EarlierRepair)> = self
            .fleet
            .units
            .iter()
            .filter_map(|u| self.history.get(&u.id).and_then(|h| h.last()).map(|r| (u, r)))
            .filter(|(_, r)| (on - r.completed_on).num_days() < self.policy.repeat_repair_days - 10)
            .filter(|(u, r)| {
                cause(&r.fault_cause)
                    .is_some_and(|c| self.fleet.may_return(u, cost_of(&part_lines(&self.fleet, Some(c)))))
            })
            .collect();
        recent.sort_by_key(|(u, _)| u.id);
        let (unit, last) = recent.get(rng.gen_range(0..recent.len().max(1)))?;
        let c = cause(&last.fault_cause)?;
        let description = format!("{}:维修后再次出现同样故障", c.name);
        Some(Pick {
            unit: (*unit).clone(),
            category: c.category,
            cause: Some(c),
            wanted: Wanted::Free,
            description,
        })
    }

    fn severity(&self, source: Source, distance: i32) -> Severity {
        match source {
            Source::History(i) if i % 40 == 17 && distance <= self.policy.near_km => Severity::Severe,
            Source::History(i) if i % 9 == 4 => Severity::Major,
            Source::Batch(k) if k % 11 == 3 => Severity::Major,
            _ => Severity::General,
        }
    }

    async fn write(&mut self, spec: &Spec, rng: &mut StdRng) -> ServiceResult<()> {
        let mut reported_at = spec.reported_at;
        let Some(pick) = self.pick(spec, rng, self.calendar.local_date(reported_at)) else { return Ok(()) };
        let reported_on = self.calendar.local_date(reported_at);
        let entitlement = entitlement_of(self.txn, pick.unit.clone(), reported_on).await?;
        let misuse = pick.wanted == Wanted::Misuse;
        let exclusion = if misuse { Some(Exclusion::Misuse) } else { entitlement.exclusion };
        let kind = service_type(entitlement.cover, exclusion, pick.wanted == Wanted::Guidance);
        let mut note = entitlement.explanation();
        if misuse {
            note.push_str("; 现场判定违规操作导致损坏,按有偿服务报价");
        }
        let customer_id = pick.unit.customer_id.unwrap_or_default();
        let distance = self.fleet.distance.get(&customer_id).copied().unwrap_or(100);
        let severity = self.severity(spec.source, distance);
        let lines = part_lines(&self.fleet, pick.cause);
        let hours = pick.cause.map_or(1, |c| rng.gen_range(c.hours.0..c.hours.1));
        let actions = path(spec.end, kind);

        // The desk's open work has got exactly as far as it should by now;
        // one whose visit must be overdue is moved back until it is.
        let (deadlines, steps) = loop {
            let deadlines = sla::deadlines(&self.policy, &self.calendar, reported_at, distance, severity);
            let facts = Facts {
                reported_at,
                deadlines,
                breach: spec.breach,
                late_visit: spec.late_visit,
                policy: &self.policy,
                calendar: &self.calendar,
            };
            let mut steps = timeline(rng, &actions, &facts);
            if !matches!(spec.source, Source::Live(_)) {
                break (deadlines, steps);
            }
            // The last step some time in the last two fifths of its age.
            let lately = rng.gen_range(10..((self.now - reported_at).num_minutes() * 2 / 5).max(11));
            fit_before(&mut steps, reported_at, self.now - Duration::minutes(lately));
            let signed = steps.iter().find(|(a, _)| *a == TicketAction::SignOff).map(|(_, at)| *at);
            let visit_due =
                signed.map(|at| visits::due_at(&self.policy, &self.calendar, VisitKind::AfterRepair, at));
            match visit_due {
                Some(due) if spec.late_visit && due > self.now - Duration::hours(6) => {
                    reported_at -= Duration::days(1);
                }
                _ => break (deadlines, steps),
            }
        };
        let reported_on = self.calendar.local_date(reported_at);
        self.fleet.returned(&pick.unit, cost_of(&lines));

        let year = reported_on.year();
        let seq = self.sequences.entry(year).or_insert(0);
        *seq += 1;
        let number = format!("SR-{year}-{seq:06}");
        let mut t = ticket::ActiveModel {
            number: Set(number.clone()),
            channel: Set([Channel::Phone, Channel::Phone, Channel::Web, Channel::Dealer, Channel::Sms]
                [*seq as usize % 5]),
            customer_id: Set(customer_id),
            unit_id: Set(pick.unit.id),
            dealer_id: Set(pick.unit.dealer_id),
            fault_description: Set(pick.description.clone()),
            fault_category: Set(pick.category),
            severity: Set(severity),
            status: Set(TicketStatus::Reported),
            reported_at: Set(reported_at),
            reply_due_at: Set(deadlines.reply_due_at),
            arrival_due_at: Set(deadlines.arrival_due_at),
            rework_count: Set(0),
            personal_injury: Set(false),
            created_by: Set(self.people.agent),
            created_at: Set(reported_at),
            updated_at: Set(reported_at),
            version: Set(1),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;

        let target = match spec.end {
            End::At(status) => Some(status),
            _ => None,
        };
        // When the engineer is back: the repair, or the return to factory.
        let back = steps
            .iter()
            .find(|(a, _)| matches!(a, TicketAction::Repair | TicketAction::ReturnToFactory))
            .map_or(DateTime::<Utc>::MAX_UTC, |(_, at)| *at);
        // The appointment given to the customer: the hour the engineer is planned on site.
        let appointment = steps.iter().find(|(a, _)| *a == TicketAction::Arrive).map(|(_, at)| {
            let minute = i64::from(at.with_timezone(&self.calendar.tz()).minute());
            *at - Duration::minutes(minute)
        });
        let job = Job {
            txn: self.txn,
            ticket_id: t.id,
            customer_id,
            service_type: kind,
            distance_km: distance,
            parts: &lines,
            labour_hours: hours,
            agent: self.people.agent,
        };
        let mut changes = ticket::ActiveModel { id: Set(t.id), ..Default::default() };
        let mut events = vec![ticket_event::ActiveModel {
            ticket_id: Set(t.id),
            from_status: Set(None),
            to_status: Set(TicketStatus::Reported),
            actor_user_id: Set(self.people.agent),
            reason: Set(None),
            created_at: Set(reported_at),
            ..Default::default()
        }];
        let mut state = TicketStatus::Reported;
        let mut clock = reported_at;
        let mut engineer = None;
        let mut visit_id = None;
        let mut cause_code = None;
        for (action, at) in steps {
            if at > self.now || Some(state) == target {
                break;
            }
            let Ok(next) = next_status(state, action, Some(kind)) else { break };
            let mut reason = None;
            match action {
                TicketAction::Accept => {
                    changes.service_type = Set(Some(kind));
                    changes.exclusion = Set(exclusion);
                    changes.warranty_policy_id = Set(entitlement.policy.as_ref().map(|p| p.id));
                    changes.service_contract_id = Set(entitlement.contract.as_ref().map(|c| c.id));
                    changes.entitlement_note = Set(Some(note.clone()));
                    changes.replied_at = Set(Some(at));
                    reason = Some(format!("{}: {note}", kind.as_str()));
                }
                TicketAction::Quote => job.quote(&self.policy, at).await?,
                TicketAction::ApproveQuote => job.accept_quote(at).await?,
                TicketAction::Dispatch => {
                    engineer = match spec.source {
                        Source::Live(j) => {
                            LIVE[j].engineer.and_then(|name| self.fleet.engineer_by_name.get(name).copied())
                        }
                        _ => None,
                    };
                    match engineer {
                        Some(id) => self.fleet.assign(id, back),
                        None => engineer = self.fleet.dispatch(pick.category, at, back),
                    }
                    changes.engineer_id = Set(engineer);
                    changes.appointment_at = Set(Some(appointment.unwrap_or(at + Duration::hours(4))));
                }
                TicketAction::Arrive => changes.arrived_at = Set(Some(at)),
                TicketAction::Repair => {
                    let code = pick.cause.map_or("CS-PROGRAM-ERROR", |c| c.code);
                    cause_code = Some(code);
                    let history = self.history.entry(pick.unit.id).or_default();
                    let completed_on = self.calendar.local_date(at);
                    changes.repaired_at = Set(Some(at));
                    changes.repeat_of_ticket_id =
                        Set(repeats(history, code, completed_on, self.policy.repeat_repair_days));
                    job.repair(engineer.unwrap_or_default(), clock, code, at).await?;
                    history.push(EarlierRepair {
                        ticket_id: t.id,
                        completed_on,
                        fault_cause: code.to_owned(),
                    });
                }
                TicketAction::SignOff | TicketAction::ResolveByGuidance => {
                    changes.customer_accepted_at = Set(Some(at));
                    let kind_of_visit = if action == TicketAction::SignOff {
                        reason = Some("signed by 设备主管".to_owned());
                        job.sign("设备主管", at).await?;
                        VisitKind::AfterRepair
                    } else {
                        reason = Some("电话指导后问题已解决".to_owned());
                        VisitKind::AfterGuidance
                    };
                    let due = visits::due_at(&self.policy, &self.calendar, kind_of_visit, at);
                    visit_id = Some(job.open_visit(kind_of_visit, due, at).await?);
                }
                TicketAction::Visit => {
                    let satisfaction = SATISFACTION[self.visits_made % SATISFACTION.len()];
                    self.visits_made += 1;
                    let solved = satisfaction > 2;
                    let unhappy = visits::dissatisfied(i64::from(satisfaction), solved);
                    reason = Some(format!("satisfaction {satisfaction}, solved: {solved}"));
                    if let Some(id) = visit_id {
                        job.visit(id, satisfaction, solved, unhappy, at).await?;
                    }
                    if unhappy {
                        // Most are about the product; one in three blames the service.
                        let batch = cause_code == Some(BATCH_CAUSE);
                        let service = !batch && self.unhappy % 3 == 1;
                        self.unhappy += 1;
                        let (category, description) = match (batch, service) {
                            (true, _) => (ComplaintCategory::Quality, "维修后油缸仍有渗油,要求彻底解决"),
                            (false, true) => {
                                (ComplaintCategory::ServiceAttitude, "工程师到场后等待时间长,沟通态度差")
                            }
                            (false, false) => {
                                (ComplaintCategory::Quality, "修好没几天故障又出现,对产品质量不满意")
                            }
                        };
                        let complaint = DemoComplaint {
                            ticket_id: Some(t.id),
                            customer_id,
                            category,
                            severity: Severity::General,
                            description,
                            received_at: at,
                            left_open: false,
                            attributable_to_service: service,
                        };
                        complaints::file(self.txn, self.people, &self.policy, self.now, complaint).await?;
                    }
                }
                TicketAction::Close => changes.closed_at = Set(Some(at)),
                TicketAction::ReturnToFactory => {
                    reason = Some("现场无法修复,返厂维修".to_owned());
                    changes.return_slip_number = Set(Some(format!("RF-{year}-{seq:06}")));
                }
                TicketAction::Cancel => {
                    reason = Some(
                        if kind == ServiceType::Paid {
                            "客户未接受报价"
                        } else {
                            "客户已自行排除故障"
                        }
                        .to_owned(),
                    );
                }
                TicketAction::Rework => {}
            }
            events.push(ticket_event::ActiveModel {
                ticket_id: Set(t.id),
                from_status: Set(Some(state)),
                to_status: Set(next),
                actor_user_id: Set(self.people.agent),
                reason: Set(reason),
                created_at: Set(at),
                ..Default::default()
            });
            state = next;
            clock = at;
        }
        changes.status = Set(state);
        changes.updated_at = Set(clock);
        changes.version = Set(events.len() as i32);
        t = changes.update(self.txn).await?;
        ticket_event::Entity::insert_many(events).exec(self.txn).await?;
        self.written.push(Written {
            id: t.id,
            customer_id,
            source: spec.source,
            service_type: kind,
            status: state,
            last_step_at: clock,
        });
        Ok(())
    }
}
