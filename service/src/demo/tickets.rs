//! Demo tickets: a few months of service history in every state, written
//! with the same rules the use cases run (deadlines, lifecycle, quotes,
//! repeat repairs) so the numbers in the demo mean what they say.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Asia::Shanghai;
use rand::Rng;
use rand::rngs::StdRng;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use entity::enums::{
    Channel, Exclusion, FaultCategory, QuoteStatus, ServiceType, Severity, TicketStatus, VisitChannel,
    VisitKind,
};
use entity::{
    customer, engineer_skill, fault_cause, product_model, quote, repair_record, return_visit, ticket,
    ticket_event, ticket_sequence, unit,
};

use crate::error::ServiceResult;
use crate::policy::Policy;
use crate::rules::calendar::Calendar;
use crate::rules::entitlement::{Cover, Warranty, cover_on, date_exclusion, service_type};
use crate::rules::quote::{PartLine, price};
use crate::rules::repeat_repair::{EarlierRepair, repeats};
use crate::rules::sla;
use crate::rules::ticket_flow::{TicketAction, next_status};

/// How many demo tickets, over how many days back.
const TICKETS: usize = 160;
const HISTORY_DAYS: i64 = 150;

/// The failure-cause catalogue of the demo: code, name, category.
const CAUSES: &[(&str, &str, FaultCategory)] = &[
    ("HY-SEAL-AGING", "油缸密封老化", FaultCategory::Hydraulic),
    ("HY-PUMP-LEAK", "主泵内泄", FaultCategory::Hydraulic),
    ("HY-VALVE-STUCK", "多路阀卡滞", FaultCategory::Hydraulic),
    ("HY-HOSE-BURST", "高压油管破裂", FaultCategory::Hydraulic),
    ("EL-HARNESS-SHORT", "线束磨损短路", FaultCategory::Electrical),
    ("EL-ALT-DEAD", "发电机不发电", FaultCategory::Electrical),
    ("EL-RELAY-BURN", "继电器烧蚀", FaultCategory::Electrical),
    ("EN-INJECTOR-CLOG", "喷油器堵塞", FaultCategory::Engine),
    ("EN-TURBO-LEAK", "增压器漏油", FaultCategory::Engine),
    ("EN-BELT-BREAK", "皮带断裂", FaultCategory::Engine),
    ("CH-BRAKE-WEAR", "制动蹄片磨损", FaultCategory::Chassis),
    ("CH-SHAFT-NOISE", "传动轴异响", FaultCategory::Chassis),
    ("ST-PIN-WEAR", "吊臂销轴磨损", FaultCategory::Structural),
    ("ST-WELD-CRACK", "焊缝开裂", FaultCategory::Structural),
    ("CS-LIMITER-FALSE", "力矩限制器误报", FaultCategory::ControlSystem),
    ("CS-PROGRAM-ERROR", "控制器程序错误", FaultCategory::ControlSystem),
    ("OT-AIR-FILTER", "空滤堵塞", FaultCategory::Other),
];

/// The catalogue's causes of a category.
fn causes(category: FaultCategory) -> Vec<(&'static str, &'static str)> {
    CAUSES.iter().filter(|(_, _, c)| *c == category).map(|(code, name, _)| (*code, *name)).collect()
}

/// The name of a cause code.
pub(super) fn cause_name(code: &str) -> &'static str {
    CAUSES.iter().find(|(c, _, _)| *c == code).map_or("", |(_, name, _)| name)
}

const CATEGORIES: [FaultCategory; 6] = [
    FaultCategory::Hydraulic,
    FaultCategory::Hydraulic,
    FaultCategory::Electrical,
    FaultCategory::Engine,
    FaultCategory::Chassis,
    FaultCategory::ControlSystem,
];

/// Where the walk of each ticket stops, cycling: most end closed, the rest
/// are spread over every other state.
const TARGETS: [TicketStatus; 14] = [
    TicketStatus::Closed,
    TicketStatus::Closed,
    TicketStatus::Closed,
    TicketStatus::Closed,
    TicketStatus::Visited,
    TicketStatus::CustomerAccepted,
    TicketStatus::Repaired,
    TicketStatus::OnSite,
    TicketStatus::Dispatched,
    TicketStatus::Accepted,
    TicketStatus::Reported,
    TicketStatus::Quoted,
    TicketStatus::ReturnedToFactory,
    TicketStatus::Cancelled,
];

/// The actions from report to `target` for a service type.
fn path(target: TicketStatus, kind: ServiceType) -> Vec<TicketAction> {
    use TicketAction as A;
    let mut actions = vec![A::Accept];
    if kind == ServiceType::Paid {
        actions.extend([A::Quote, A::ApproveQuote]);
    }
    actions.extend([A::Dispatch, A::Arrive, A::Repair, A::SignOff, A::Visit, A::Close]);
    match target {
        TicketStatus::Cancelled => vec![A::Accept, A::Cancel],
        TicketStatus::ReturnedToFactory => {
            let mut to_site: Vec<_> = actions.into_iter().take_while(|a| *a != A::Repair).collect();
            to_site.push(A::ReturnToFactory);
            to_site
        }
        _ => {
            let mut state = TicketStatus::Reported;
            let mut taken = Vec::new();
            for action in actions {
                if state == target {
                    break;
                }
                match next_status(state, action, Some(kind)) {
                    Ok(next) => {
                        state = next;
                        taken.push(action);
                    }
                    Err(_) => break,
                }
            }
            taken
        }
    }
}

/// Hours after the previous step that each action happens.
fn delay(action: TicketAction, rng: &mut StdRng, arrival_hours: i64) -> Duration {
    use TicketAction as A;
    let hours = match action {
        A::Accept => rng.gen_range(1..20),
        A::Quote => rng.gen_range(2..24),
        A::ApproveQuote => rng.gen_range(4..48),
        A::Dispatch => rng.gen_range(1..6),
        // Most arrive in time, some do not.
        A::Arrive => rng.gen_range(2..(arrival_hours + arrival_hours / 3).max(3)),
        A::Repair => rng.gen_range(2..10),
        A::ReturnToFactory => rng.gen_range(4..12),
        A::SignOff => rng.gen_range(1..3),
        A::Visit => rng.gen_range(24..96),
        A::Close => rng.gen_range(1..24),
        A::Cancel => rng.gen_range(1..30),
        A::ResolveByGuidance | A::Rework => 2,
    };
    Duration::hours(hours)
}

struct Context {
    units: Vec<unit::Model>,
    distance: HashMap<i64, i32>,
    months: HashMap<i64, i32>,
    engineers: HashMap<FaultCategory, Vec<i64>>,
    history: HashMap<i64, Vec<EarlierRepair>>,
    sequences: HashMap<i32, i64>,
}

/// Writes the cause catalogue and the demo tickets; returns how many tickets.
pub async fn seed(txn: &DatabaseTransaction, rng: &mut StdRng, now: DateTime<Utc>) -> ServiceResult<usize> {
    for (code, name, category) in CAUSES {
        fault_cause::ActiveModel {
            code: Set(code.to_string()),
            name: Set(name.to_string()),
            fault_category: Set(*category),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let units: Vec<unit::Model> =
        unit::Entity::find().filter(unit::Column::CustomerId.is_not_null()).all(txn).await?;
    if units.is_empty() {
        return Ok(0);
    }
    let distance =
        customer::Entity::find().all(txn).await?.into_iter().map(|c| (c.id, c.distance_km)).collect();
    let months = product_model::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|m| (m.id, m.default_warranty_months))
        .collect();
    let mut engineers: HashMap<FaultCategory, Vec<i64>> = HashMap::new();
    for skill in engineer_skill::Entity::find().all(txn).await? {
        engineers.entry(skill.skill).or_default().push(skill.engineer_id);
    }
    let mut ctx =
        Context { units, distance, months, engineers, history: HashMap::new(), sequences: HashMap::new() };
    // Oldest first, so repeat repairs can look back.
    let mut reported: Vec<DateTime<Utc>> = (0..TICKETS)
        .map(|_| {
            now - Duration::days(rng.gen_range(0..HISTORY_DAYS)) - Duration::minutes(rng.gen_range(0..1440))
        })
        .collect();
    reported.sort();
    for (i, at) in reported.into_iter().enumerate() {
        one_ticket(txn, rng, &mut ctx, i, at, now).await?;
    }
    for (year, last_value) in &ctx.sequences {
        ticket_sequence::ActiveModel { year: Set(*year), last_value: Set(*last_value) }.insert(txn).await?;
    }
    Ok(TICKETS)
}

async fn one_ticket(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    ctx: &mut Context,
    i: usize,
    reported_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let policy = Policy::default();
    let calendar = Calendar::new(Shanghai, HashMap::new());
    // Every ninth ticket returns to a unit repaired before, with the same cause.
    let revisit = (i % 9 == 8).then(|| ctx.history.iter().find(|(_, h)| !h.is_empty())).flatten();
    let (unit, category, cause) = match revisit {
        Some((unit_id, history)) => {
            let unit =
                ctx.units.iter().find(|u| u.id == *unit_id).cloned().unwrap_or_else(|| ctx.units[0].clone());
            let last = &history[history.len() - 1];
            let category = CAUSES.iter().find(|(code, _, _)| *code == last.fault_cause).map(|(_, _, c)| *c);
            (unit, category.unwrap_or(FaultCategory::Hydraulic), last.fault_cause.clone())
        }
        None => {
            let unit = ctx.units[rng.gen_range(0..ctx.units.len())].clone();
            let category = CATEGORIES[rng.gen_range(0..CATEGORIES.len())];
            let options = causes(category);
            (unit, category, options[rng.gen_range(0..options.len())].0.to_owned())
        }
    };
    let customer_id = unit.customer_id.unwrap_or_default();
    let distance = ctx.distance.get(&customer_id).copied().unwrap_or(100);
    let severity = match i % 20 {
        0 => Severity::Severe,
        1..=4 => Severity::Major,
        _ => Severity::General,
    };
    let deadlines = sla::deadlines(&policy, &calendar, reported_at, distance, severity);
    let reported_on = reported_at.with_timezone(&Shanghai).date_naive();
    let months = ctx.months.get(&unit.product_model_id).copied().unwrap_or(12);
    let warranty = unit.invoice_date.map(|d| Warranty { starts_on: d, months: months.max(0) as u32 });
    let cover = cover_on(warranty, &[], reported_on);
    let exclusion =
        date_exclusion(warranty, cover, reported_on).or((i % 17 == 3).then_some(Exclusion::Misuse));
    let kind = service_type(cover, exclusion, false);
    let year = reported_on.year();
    let seq = ctx.sequences.entry(year).or_insert(0);
    *seq += 1;
    let engineer = ctx.engineers.get(&category).and_then(|e| e.get(i % e.len().max(1))).copied();

    let mut t = ticket::ActiveModel {
        number: Set(format!("SR-{year}-{seq:06}")),
        channel: Set([Channel::Phone, Channel::Phone, Channel::Web, Channel::Dealer, Channel::Sms][i % 5]),
        customer_id: Set(customer_id),
        unit_id: Set(unit.id),
        dealer_id: Set(unit.dealer_id),
        fault_description: Set(format!("{}:客户报修,设备无法正常作业", cause_name(&cause))),
        fault_category: Set(category),
        severity: Set(severity),
        status: Set(TicketStatus::Reported),
        reported_at: Set(reported_at),
        reply_due_at: Set(deadlines.reply_due_at),
        arrival_due_at: Set(deadlines.arrival_due_at),
        rework_count: Set(0),
        created_at: Set(reported_at),
        updated_at: Set(reported_at),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut events = vec![(None, TicketStatus::Reported, reported_at)];
    let mut state = TicketStatus::Reported;
    let mut clock = reported_at;
    let arrival_hours = (deadlines.arrival_due_at - reported_at).num_hours();
    let mut changes = ticket::ActiveModel { id: Set(t.id), ..Default::default() };
    for action in path(TARGETS[i % TARGETS.len()], kind) {
        let at = clock + delay(action, rng, arrival_hours);
        if at > now {
            break;
        }
        let Ok(next) = next_status(state, action, Some(kind)) else { break };
        match action {
            TicketAction::Accept => {
                changes.service_type = Set(Some(kind));
                changes.exclusion = Set(exclusion);
                changes.replied_at = Set(Some(at));
                changes.entitlement_note = Set(Some(match cover {
                    Cover::None => "out of warranty: paid service by quote".to_owned(),
                    _ => "in warranty".to_owned(),
                }));
            }
            TicketAction::Quote => {
                let lines = [PartLine { unit_price: Decimal::from(380), quantity: 2 }];
                let q = price(
                    &policy,
                    &lines,
                    Decimal::from(3),
                    Decimal::from(150),
                    distance,
                    Decimal::new(35, 1),
                    Decimal::ZERO,
                    (true, true),
                );
                quote::ActiveModel {
                    ticket_id: Set(t.id),
                    parts_amount: Set(q.parts),
                    labour_hours: Set(Decimal::from(3)),
                    labour_rate: Set(Decimal::from(150)),
                    labour_amount: Set(q.labour),
                    travel_amount: Set(q.travel),
                    standard_total: Set(q.standard_total),
                    discount_percent: Set(q.discount_percent),
                    total: Set(q.total),
                    status: Set(QuoteStatus::Approved),
                    created_at: Set(at),
                    updated_at: Set(at),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            TicketAction::ApproveQuote => {
                quote::Entity::update_many()
                    .set(quote::ActiveModel {
                        status: Set(QuoteStatus::Accepted),
                        customer_accepted_at: Set(Some(at)),
                        ..Default::default()
                    })
                    .filter(quote::Column::TicketId.eq(t.id))
                    .exec(txn)
                    .await?;
            }
            TicketAction::Dispatch => {
                changes.engineer_id = Set(engineer);
                changes.appointment_at = Set(Some(at + Duration::hours(4)));
            }
            TicketAction::Arrive => changes.arrived_at = Set(Some(at)),
            TicketAction::Repair => {
                let history = ctx.history.entry(unit.id).or_default();
                let repeat_of = repeats(
                    history,
                    &cause,
                    at.with_timezone(&Shanghai).date_naive(),
                    policy.repeat_repair_days,
                );
                changes.repaired_at = Set(Some(at));
                changes.repeat_of_ticket_id = Set(repeat_of);
                repair_record::ActiveModel {
                    ticket_id: Set(t.id),
                    engineer_id: Set(engineer.unwrap_or_default()),
                    arrived_at: Set(clock),
                    fault_cause: Set(cause.clone()),
                    measures: Set("检查、更换损坏件、试车正常".into()),
                    labour_hours: Set(Decimal::from(rng.gen_range(1..6))),
                    completed_at: Set(at),
                    created_at: Set(at),
                    updated_at: Set(at),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                history.push(EarlierRepair {
                    ticket_id: t.id,
                    completed_on: at.with_timezone(&Shanghai).date_naive(),
                    fault_cause: cause.clone(),
                });
            }
            TicketAction::SignOff => {
                changes.customer_accepted_at = Set(Some(at));
                repair_record::Entity::update_many()
                    .set(repair_record::ActiveModel {
                        customer_signed_name: Set(Some("设备主管".into())),
                        customer_signed_at: Set(Some(at)),
                        ..Default::default()
                    })
                    .filter(repair_record::Column::TicketId.eq(t.id))
                    .exec(txn)
                    .await?;
            }
            TicketAction::Visit => {
                return_visit::ActiveModel {
                    ticket_id: Set(Some(t.id)),
                    customer_id: Set(customer_id),
                    kind: Set(VisitKind::AfterRepair),
                    due_at: Set(clock + Duration::days(3)),
                    channel: Set(Some(VisitChannel::Phone)),
                    satisfaction: Set(Some([5, 5, 4, 4, 3, 5, 2][i % 7])),
                    solved: Set(Some(i % 7 != 6)),
                    visited_at: Set(Some(at)),
                    created_at: Set(clock),
                    updated_at: Set(at),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            TicketAction::Close => changes.closed_at = Set(Some(at)),
            TicketAction::ReturnToFactory => {
                changes.return_slip_number = Set(Some(format!("RF-{year}-{seq:06}")))
            }
            _ => {}
        }
        events.push((Some(state), next, at));
        state = next;
        clock = at;
    }
    changes.status = Set(state);
    changes.updated_at = Set(clock);
    changes.version = Set(events.len() as i32);
    t = changes.update(txn).await?;
    for (from, to, at) in events {
        ticket_event::ActiveModel {
            ticket_id: Set(t.id),
            from_status: Set(from),
            to_status: Set(to),
            reason: Set(Some("demo history".into())),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
