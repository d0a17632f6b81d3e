//! One batch of tickets in one transaction, with everything that hangs off
//! them: status events, repair records and the parts they used, old parts
//! to come back, return visits and complaints.

use std::ops::Range;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use rust_decimal::Decimal;
use sea_orm::{DatabaseConnection, Set};

use entity::enums::{
    Channel, ComplaintCategory, ComplaintStatus, OldPartStatus, Severity, TicketStatus, VisitChannel,
    VisitKind,
};
use entity::{complaint, old_part, repair_part, repair_record, return_visit, ticket, ticket_event};

use super::fleet::Fleet;
use super::life::{life, path_to};
use super::writer::BatchWriter;
use super::{SeedReport, TICKET_BATCH};
use crate::error::ServiceResult;

/// Two years of reports, ending with the data set's last day.
const SPAN_HOURS: f64 = 2.0 * 365.0 * 24.0;

/// What every batch of one run shares.
pub(super) struct Run<'a> {
    pub fleet: &'a Fleet,
    /// Tags the ticket numbers: the seed.
    pub tag: &'a str,
    /// The last day tickets are reported on.
    pub until: NaiveDate,
    pub now: DateTime<Utc>,
}

/// Writes the tickets `numbers` (their running numbers) with what hangs
/// off them and counts what it wrote.
pub(super) async fn write_batch(
    db: &DatabaseConnection,
    run: &Run<'_>,
    rng: &mut StdRng,
    numbers: Range<usize>,
) -> ServiceResult<SeedReport> {
    let mut report = SeedReport::default();
    let Run { fleet, tag, until, now } = *run;
    let end = until.and_hms_opt(23, 0, 0).unwrap_or_default().and_utc();
    let mut lives = Vec::with_capacity(TICKET_BATCH);
    let mut rows = Vec::with_capacity(TICKET_BATCH);
    let mut names = Vec::with_capacity(TICKET_BATCH);
    for n in numbers {
        let age = rng.gen_range(0.0..SPAN_HOURS);
        let reported = end - hours(age);
        let life = life(rng, age);
        let which = rng.gen_range(0..fleet.units.len());
        let (owner, dealer, model) = fleet.unit_facts[which];
        let engineer = (life.arrived.is_some() || life.status == TicketStatus::Dispatched)
            .then(|| fleet.engineers[rng.gen_range(0..fleet.engineers.len())]);
        let at = |h: Option<f64>| h.map(|h| reported + hours(h));
        // Names come from the running number, not the id: the ids depend
        // on how the batches interleave, the data must not.
        let name = format!("SR{tag}-{n:09}");
        names.push(name.clone());
        rows.push(ticket::ActiveModel {
            number: Set(name),
            channel: Set([Channel::Phone, Channel::Web, Channel::Dealer, Channel::Email][n % 4]),
            customer_id: Set(fleet.customers[owner]),
            unit_id: Set(fleet.units[which]),
            dealer_id: Set(dealer),
            fault_description: Set("设备故障报修".into()),
            fault_category: Set(fleet.models[model].1),
            severity: Set(if n % 50 == 0 { Severity::Major } else { Severity::General }),
            status: Set(life.status),
            service_type: Set(life.service_type),
            engineer_id: Set(engineer),
            reported_at: Set(reported),
            reply_due_at: Set(reported + Duration::hours(24)),
            replied_at: Set(at(life.replied)),
            arrival_due_at: Set(reported + Duration::hours(48)),
            arrived_at: Set(at(life.arrived)),
            repaired_at: Set(at(life.repaired)),
            customer_accepted_at: Set(at(life.accepted)),
            closed_at: Set(at(life.closed)),
            rework_count: Set(i32::from(life.rework)),
            personal_injury: Set(false),
            created_at: Set(reported),
            updated_at: Set(reported),
            version: Set(1),
            ..Default::default()
        });
        lives.push((life, reported, engineer, owner, which));
    }
    let mut writer = BatchWriter::begin(db).await?;
    let ids = writer.reserve_ids::<ticket::Entity>(rows.len()).await?;
    for (row, id) in rows.iter_mut().zip(&ids) {
        row.id = Set(*id);
    }
    report.tickets += writer.write(rows).await?;
    let mut events = Vec::new();
    let mut records = Vec::new();
    let mut visits = Vec::new();
    let mut complaints = Vec::new();
    for (position, (id, (life, reported, engineer, owner, _))) in ids.iter().zip(&lives).enumerate() {
        let times = [
            None,
            life.replied,
            life.replied,
            life.arrived,
            life.repaired,
            life.accepted,
            life.accepted,
            life.closed,
        ];
        for (step, pair) in path_to(life.status).windows(2).enumerate() {
            let after = times.get(step + 1).copied().flatten().unwrap_or(0.5 * (step + 1) as f64);
            events.push(ticket_event::ActiveModel {
                ticket_id: Set(*id),
                from_status: Set(Some(pair[0])),
                to_status: Set(pair[1]),
                created_at: Set(*reported + hours(after)),
                ..Default::default()
            });
        }
        if let (Some(arrived), Some(repaired), Some(engineer)) = (life.arrived, life.repaired, engineer) {
            let (code, _) = &fleet.causes[rng.gen_range(0..fleet.causes.len())];
            records.push((
                position,
                repair_record::ActiveModel {
                    ticket_id: Set(*id),
                    engineer_id: Set(*engineer),
                    arrived_at: Set(*reported + hours(arrived)),
                    fault_cause: Set(code.clone()),
                    measures: Set("检查并更换故障件".into()),
                    labour_hours: Set(Decimal::new(rng.gen_range(5..80), 1)),
                    completed_at: Set(*reported + hours(repaired)),
                    created_at: Set(*reported + hours(repaired)),
                    updated_at: Set(*reported + hours(repaired)),
                    version: Set(1),
                    ..Default::default()
                },
            ));
        }
        if let (Some(score), Some(accepted)) = (life.visit, life.accepted) {
            let at = *reported + hours(accepted + 60.0);
            visits.push(return_visit::ActiveModel {
                ticket_id: Set(Some(*id)),
                customer_id: Set(fleet.customers[*owner]),
                kind: Set(VisitKind::AfterRepair),
                due_at: Set(at),
                channel: Set(Some(VisitChannel::Phone)),
                satisfaction: Set(Some(score)),
                solved: Set(Some(score >= 3)),
                visited_at: Set(Some(at)),
                created_at: Set(at),
                updated_at: Set(at),
                version: Set(1),
                ..Default::default()
            });
        }
        if life.complaint {
            let at = *reported + Duration::hours(30);
            let category = [
                ComplaintCategory::ServiceAttitude,
                ComplaintCategory::Quality,
                ComplaintCategory::Delivery,
                ComplaintCategory::Price,
            ][rng.gen_range(0..4)];
            complaints.push(complaint::ActiveModel {
                number: Set(format!("CP{}", &names[position][2..])),
                ticket_id: Set(Some(*id)),
                customer_id: Set(fleet.customers[*owner]),
                category: Set(category),
                severity: Set(Severity::General),
                description: Set("客户投诉".into()),
                received_at: Set(at),
                attributable_to_service: Set(category == ComplaintCategory::ServiceAttitude),
                status: Set(ComplaintStatus::Closed),
                closed_at: Set(Some(at + Duration::hours(48))),
                created_at: Set(at),
                updated_at: Set(at),
                version: Set(1),
                ..Default::default()
            });
        }
    }
    report.events += writer.write(events).await?;
    report.visits += writer.write(visits).await?;
    report.complaints += writer.write(complaints).await?;
    let (record_tickets, mut record_rows): (Vec<usize>, Vec<_>) = records.into_iter().unzip();
    let record_ids = writer.reserve_ids::<repair_record::Entity>(record_rows.len()).await?;
    for (row, id) in record_rows.iter_mut().zip(&record_ids) {
        row.id = Set(*id);
    }
    report.repair_records += writer.write(record_rows).await?;
    let mut used = Vec::new();
    let mut old = Vec::new();
    for (record, &position) in record_ids.iter().zip(&record_tickets) {
        let ticket_id = &ids[position];
        let (life, reported, engineer, _, which) = &lives[position];
        for _ in 0..rng.gen_range(0..4) {
            let (part_id, price) = fleet.parts[rng.gen_range(0..fleet.parts.len())];
            let quantity = rng.gen_range(1..3);
            used.push(repair_part::ActiveModel {
                repair_record_id: Set(*record),
                part_id: Set(part_id),
                quantity: Set(quantity),
                unit_price: Set(price),
                ..Default::default()
            });
            if rng.gen_bool(0.5) {
                let completed = (*reported + hours(life.repaired.unwrap_or(0.0))).date_naive();
                let back = completed + Duration::days(rng.gen_range(2..20));
                let status = if back > until { OldPartStatus::Pending } else { OldPartStatus::Received };
                old.push(old_part::ActiveModel {
                    ticket_id: Set(*ticket_id),
                    approval_number: Set(names[position].clone()),
                    unit_id: Set(fleet.units[*which]),
                    part_id: Set(part_id),
                    quantity: Set(quantity),
                    unit_price: Set(price),
                    total: Set(price * Decimal::from(quantity)),
                    engineer_id: Set(engineer.unwrap_or_default()),
                    region: Set(fleet.engineer_regions
                        [fleet.engineers.iter().position(|e| Some(*e) == *engineer).unwrap_or(0)]
                    .to_owned()),
                    reason: Set("故障件".into()),
                    must_return: Set(true),
                    applied_on: Set(completed),
                    completed_on: Set(completed),
                    due_on: Set(completed + Duration::days(7)),
                    delay_reason_accepted: Set(false),
                    received_on: Set((status == OldPartStatus::Received).then_some(back)),
                    status: Set(status),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                });
            }
        }
    }
    report.repair_parts += writer.write(used).await?;
    report.old_parts += writer.write(old).await?;
    writer.commit().await?;
    Ok(report)
}

fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0) as i64)
}
