//! Demo old parts: every part a demo repair replaced becomes an old part on
//! its way back. Most come back by their due date; one in six is handed
//! in days or weeks late, and a third of those from the last two months
//! are still out (overdue); one had a later date accepted with its reason; parts without claim value are sold or given
//! away locally. Due dates, lateness and what must come back are the
//! old-part rules'.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use sea_orm::{DatabaseTransaction, EntityTrait, QueryOrder, Set};

use entity::enums::{Disposition, DispositionReason, OldPartStatus, ServiceType};
use entity::{engineer, old_part, part, repair_part, repair_record, ticket};

use crate::error::ServiceResult;
use crate::policy::Policy;
use crate::rules::money::cents;
use crate::rules::old_parts::{ReturnDates, due_on, must_return_by_default, overdue};

const SEED: u64 = 2026_0007;
/// One part in this many that must come back is handed in late...
const LATE_EVERY: usize = 6;
/// ... and one late part in three of those completed in this many days is
/// still out.
const STILL_OUT_DAYS: i64 = 60;

/// Where one old part stands.
struct Row {
    model: old_part::ActiveModel,
    must_return: bool,
    due: NaiveDate,
    completed: NaiveDate,
    handed_in: Option<NaiveDate>,
    /// A later date accepted with its reason.
    excused_until: Option<NaiveDate>,
}

/// Writes the old parts of every demo repair; returns how many.
pub async fn seed(txn: &DatabaseTransaction, now: DateTime<Utc>) -> ServiceResult<usize> {
    let policy = Policy::default();
    let today = now.with_timezone(&Shanghai).date_naive();
    let parts: HashMap<i64, part::Model> =
        part::Entity::find().all(txn).await?.into_iter().map(|p| (p.id, p)).collect();
    let records: HashMap<i64, repair_record::Model> =
        repair_record::Entity::find().all(txn).await?.into_iter().map(|r| (r.id, r)).collect();
    let tickets: HashMap<i64, ticket::Model> =
        ticket::Entity::find().all(txn).await?.into_iter().map(|t| (t.id, t)).collect();
    let regions: HashMap<i64, String> =
        engineer::Entity::find().all(txn).await?.into_iter().map(|e| (e.user_id, e.region)).collect();
    let mut lines = repair_part::Entity::find().order_by_asc(repair_part::Column::Id).all(txn).await?;
    lines.sort_by_key(|l| records.get(&l.repair_record_id).map(|r| (r.completed_at, l.id)));

    let mut rows = Vec::with_capacity(lines.len());
    let mut returning = 0;
    for (k, line) in lines.iter().enumerate() {
        let (Some(record), Some(item)) = (records.get(&line.repair_record_id), parts.get(&line.part_id))
        else {
            continue;
        };
        let Some(job) = tickets.get(&record.ticket_id) else { continue };
        let mut rng = StdRng::seed_from_u64(SEED + k as u64);
        let covered = matches!(job.service_type, Some(ServiceType::Free | ServiceType::Contract));
        let must_return = must_return_by_default(covered, item.valuable, item.critical);
        let completed = record.completed_at.with_timezone(&Shanghai).date_naive();
        let due = due_on(&policy, completed);
        let mut model = old_part::ActiveModel {
            ticket_id: Set(job.id),
            repair_part_id: Set(Some(line.id)),
            approval_number: Set(job.number.clone()),
            unit_id: Set(job.unit_id),
            part_id: Set(item.id),
            quantity: Set(line.quantity),
            unit_price: Set(line.unit_price),
            total: Set(cents(line.unit_price * Decimal::from(line.quantity))),
            engineer_id: Set(record.engineer_id),
            region: Set(regions.get(&record.engineer_id).cloned().unwrap_or_default()),
            dealer_id: Set(job.dealer_id),
            reason: Set(super::fleet::cause(&record.fault_cause).map_or("", |c| c.name).to_owned()),
            must_return: Set(must_return),
            applied_on: Set(completed),
            completed_on: Set(completed),
            due_on: Set(due),
            delay_reason_accepted: Set(false),
            status: Set(OldPartStatus::Pending),
            created_at: Set(record.completed_at),
            updated_at: Set(record.completed_at),
            version: Set(1),
            ..Default::default()
        };
        let mut handed_in = None;
        if !must_return {
            // Scrap without claim value: sold or given away locally.
            let (disposition, reason) = if rng.gen_ratio(7, 10) {
                (Disposition::LocalSale, DispositionReason::NoClaimOrReuseValue)
            } else {
                (Disposition::Gift, DispositionReason::LittleOrNoValue)
            };
            model.disposition = Set(Some(disposition));
            model.disposition_reason = Set(Some(reason.as_str().into()));
            if disposition == Disposition::Gift {
                model.status = Set(OldPartStatus::Disposed);
            }
        } else {
            let late = returning % LATE_EVERY == LATE_EVERY / 2;
            let still_out =
                late && (returning / LATE_EVERY) % 3 == 1 && (today - completed).num_days() <= STILL_OUT_DAYS;
            returning += 1;
            // The engineer replies the next day with the date it will be in.
            let replied = completed + Duration::days(1);
            if replied <= today {
                model.replied_on = Set(Some(replied));
                model.status = Set(OldPartStatus::Replied);
                let promised = due - Duration::days(rng.gen_range(0..4));
                model.promised_on = Set(Some(promised));
                let handed = if late { due + Duration::days(rng.gen_range(3..20)) } else { promised };
                if handed <= today && !still_out {
                    handed_in = Some(handed);
                    on_its_way(&mut model, &mut rng, handed, today);
                }
            }
        }
        rows.push(Row { model, must_return, due, completed, handed_in, excused_until: None });
    }
    excuse_one(&mut rows, today);
    // However the load date falls, something is late.
    let late = |r: &Row| {
        overdue(
            r.must_return,
            &ReturnDates::new(r.due, r.handed_in, r.excused_until, r.excused_until.is_some()),
            today,
        )
    };
    if !rows.iter().any(late)
        && let Some(r) = rows
            .iter_mut()
            .filter(|r| r.must_return && r.excused_until.is_none() && r.due < today)
            .max_by_key(|r| r.completed)
    {
        r.handed_in = None;
        for field in [&mut r.model.collected_on, &mut r.model.shipped_on, &mut r.model.received_on] {
            *field = Set(None);
        }
        r.model.disposition = Set(None);
        r.model.disposition_reason = Set(None);
        r.model.status = Set(OldPartStatus::Replied);
    }
    let count = rows.len();
    for chunk in rows.chunks(200) {
        old_part::Entity::insert_many(chunk.iter().map(|r| r.model.clone())).exec(txn).await?;
    }
    Ok(count)
}

/// Handed in on `handed`: collected by the regional keeper, shipped to head
/// office days later, received, and kept for its claim value.
fn on_its_way(model: &mut old_part::ActiveModel, rng: &mut StdRng, handed: NaiveDate, today: NaiveDate) {
    model.collected_on = Set(Some(handed));
    model.status = Set(OldPartStatus::Collected);
    let shipped = handed + Duration::days(rng.gen_range(2..5));
    if shipped > today {
        return;
    }
    model.shipped_on = Set(Some(shipped));
    model.status = Set(OldPartStatus::Shipped);
    let received = shipped + Duration::days(rng.gen_range(3..6));
    if received > today {
        return;
    }
    model.received_on = Set(Some(received));
    model.status = Set(OldPartStatus::Received);
    model.disposition = Set(Some(Disposition::Return));
    model.disposition_reason = Set(Some(DispositionReason::ClaimValue.as_str().into()));
}

/// The part still out that fell due most recently (or falls due next) had
/// a later date accepted: the site is remote and the logistics truck
/// collects once a week.
fn excuse_one(rows: &mut [Row], today: NaiveDate) {
    let out = |r: &Row| r.must_return && r.handed_in.is_none() && r.completed + Duration::days(1) <= today;
    let past_due = rows.iter().any(|r| out(r) && r.due < today);
    let candidates = rows.iter_mut().filter(|r| out(r) && (!past_due || r.due < today));
    let chosen = if past_due { candidates.max_by_key(|r| r.due) } else { candidates.min_by_key(|r| r.due) };
    let Some(row) = chosen else { return };
    let promised = row.due.max(today) + Duration::days(7);
    row.excused_until = Some(promised);
    row.model.promised_on = Set(Some(promised));
    row.model.delay_reason = Set(Some("工地偏远,等物流车集中返回".into()));
    row.model.delay_reason_accepted = Set(true);
}
