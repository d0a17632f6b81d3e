//! Demo old parts: every demo repair replaced a part or two, and each is
//! somewhere on its way back — some late, some excused, some sold — so the
//! return progress report and the totals have something true to show.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Asia::Shanghai;
use rand::Rng;
use rand::rngs::StdRng;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Set};

use entity::enums::{Disposition, DispositionReason, OldPartStatus, ServiceType};
use entity::{engineer, old_part, part, repair_part, repair_record, ticket};

use crate::error::ServiceResult;
use crate::policy::Policy;
use crate::rules::money::cents;
use crate::rules::old_parts::{due_on, must_return_by_default};

/// Writes the replaced parts of every repair record and their old parts.
/// Returns how many old parts.
pub async fn seed(txn: &DatabaseTransaction, rng: &mut StdRng, now: DateTime<Utc>) -> ServiceResult<usize> {
    let policy = Policy::default();
    let parts = part::Entity::find().all(txn).await?;
    if parts.is_empty() {
        return Ok(0);
    }
    let today = now.with_timezone(&Shanghai).date_naive();
    let mut created = 0;
    for record in repair_record::Entity::find().all(txn).await? {
        let Some(job) = ticket::Entity::find_by_id(record.ticket_id).one(txn).await? else { continue };
        let region = engineer::Entity::find_by_id(record.engineer_id)
            .one(txn)
            .await?
            .map(|e| e.region)
            .unwrap_or_default();
        let covered = matches!(job.service_type, Some(ServiceType::Free | ServiceType::Contract));
        for _ in 0..rng.gen_range(1..=2) {
            let item = &parts[rng.gen_range(0..parts.len())];
            let quantity = rng.gen_range(1..=2);
            let line = repair_part::ActiveModel {
                repair_record_id: Set(record.id),
                part_id: Set(item.id),
                quantity: Set(quantity),
                unit_price: Set(item.unit_price),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let completed_on = record.completed_at.with_timezone(&Shanghai).date_naive();
            let due = due_on(&policy, completed_on);
            let must_return = must_return_by_default(covered, item.valuable, item.critical);
            let mut row = old_part::ActiveModel {
                ticket_id: Set(job.id),
                repair_part_id: Set(Some(line.id)),
                approval_number: Set(job.number.clone()),
                unit_id: Set(job.unit_id),
                part_id: Set(item.id),
                quantity: Set(quantity),
                unit_price: Set(item.unit_price),
                total: Set(cents(item.unit_price * Decimal::from(quantity))),
                engineer_id: Set(record.engineer_id),
                region: Set(region.clone()),
                dealer_id: Set(job.dealer_id),
                reason: Set(super::tickets::cause_name(&record.fault_cause).to_owned()),
                must_return: Set(must_return),
                applied_on: Set(completed_on),
                completed_on: Set(completed_on),
                due_on: Set(due),
                delay_reason_accepted: Set(false),
                status: Set(OldPartStatus::Pending),
                created_at: Set(record.completed_at),
                updated_at: Set(record.completed_at),
                version: Set(1),
                ..Default::default()
            };
            let age = (today - completed_on).num_days();
            let roll = rng.gen_range(0..10);
            if !must_return {
                // Scrap without claim value: sold or given away locally.
                let (disposition, reason) = if roll < 7 {
                    (Disposition::LocalSale, DispositionReason::NoClaimOrReuseValue)
                } else {
                    (Disposition::Gift, DispositionReason::LittleOrNoValue)
                };
                row.disposition = Set(Some(disposition));
                row.disposition_reason = Set(Some(reason.as_str().into()));
                if disposition == Disposition::Gift {
                    row.status = Set(OldPartStatus::Disposed);
                }
            } else if age > 1 && roll < 8 {
                // The engineer replied the next day; one in five asked for more time.
                let replied = completed_on + Duration::days(1);
                row.replied_on = Set(Some(replied));
                row.status = Set(OldPartStatus::Replied);
                let promised = if roll == 0 {
                    due + Duration::days(5)
                } else {
                    due - Duration::days(rng.gen_range(0..4))
                };
                row.promised_on = Set(Some(promised));
                if roll == 0 {
                    row.delay_reason = Set(Some("工地偏远,等物流车集中返回".into()));
                    row.delay_reason_accepted = Set(true);
                }
                // Most are handed in around the promised date; some are late.
                let handed = promised + Duration::days(if roll == 7 { 4 } else { 0 });
                if handed <= today && roll != 6 {
                    row.collected_on = Set(Some(handed));
                    row.status = Set(OldPartStatus::Collected);
                    let shipped = handed + Duration::days(3);
                    if shipped <= today {
                        row.shipped_on = Set(Some(shipped));
                        row.status = Set(OldPartStatus::Shipped);
                        let received = shipped + Duration::days(4);
                        if received <= today {
                            row.received_on = Set(Some(received));
                            row.status = Set(OldPartStatus::Received);
                            row.disposition = Set(Some(Disposition::Return));
                            row.disposition_reason = Set(Some(DispositionReason::ClaimValue.as_str().into()));
                        }
                    }
                }
            }
            row.insert(txn).await?;
            created += 1;
        }
    }
    Ok(created)
}
