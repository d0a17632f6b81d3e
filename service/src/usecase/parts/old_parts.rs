//! Old parts (旧件): every part replaced in a repair becomes a record that
//! must come back by its due date; the engineer replies with a hand-in date,
//! the regional keeper collects it, ships it to head office, head office
//! receives it and decides what happens to it (disposition) and who is
//! responsible for the failure (责任判定).

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use entity::enums::{
    Disposition, DispositionReason, NotificationChannel, OldPartStatus, RequisitionStatus,
    ResponsibilityOutcome, Role, ServiceType,
};
use entity::{
    engineer, old_part, part, repair_part, repair_record, requisition, requisition_line,
    responsibility_determination, ticket, user, user_role,
};

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::config::Settings;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::notify::{self, Outgoing};
use crate::rules::money::cents;
use crate::rules::old_parts as rules;
use crate::rules::validate;
use crate::usecase::versioned::{find_or_404, update_versioned};

/// What the repair record says about one replaced part.
#[derive(Debug, Clone)]
pub struct Replaced {
    pub repair_part: repair_part::Model,
    pub part: part::Model,
    /// 旧件问题; defaults to the repair's cause.
    pub reason: Option<String>,
    /// 旧件是否需回司; defaults by the rule.
    pub must_return: Option<bool>,
}

/// Writes the old-part records of a repair, in the repair's transaction.
pub(crate) async fn record_for_repair<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    job: &ticket::Model,
    record: &repair_record::Model,
    cause_name: &str,
    replaced: &[Replaced],
) -> ServiceResult<Vec<old_part::Model>> {
    let region =
        engineer::Entity::find_by_id(record.engineer_id).one(db).await?.map(|e| e.region).unwrap_or_default();
    let tz = settings.business_tz();
    let completed_on = record.completed_at.with_timezone(&tz).date_naive();
    // 申请日期 is when the replacement was asked for: the requisition of the
    // part on this ticket, else the repair itself.
    let requested = requisition::Entity::find()
        .filter(requisition::Column::TicketId.eq(job.id))
        .filter(requisition::Column::Status.ne(RequisitionStatus::Rejected))
        .order_by_asc(requisition::Column::Id)
        .find_with_related(requisition_line::Entity)
        .all(db)
        .await?;
    let applied_on = |part_id: i64| {
        requested
            .iter()
            .find(|(_, lines)| lines.iter().any(|l| l.part_id == part_id))
            .map_or(completed_on, |(r, _)| r.created_at.with_timezone(&tz).date_naive().min(completed_on))
    };
    let covered = matches!(job.service_type, Some(ServiceType::Free | ServiceType::Contract));
    let mut created = Vec::with_capacity(replaced.len());
    for item in replaced {
        let reason = validate::optional_text("partsReplaced.reason", item.reason.as_deref(), 500)?
            .unwrap_or_else(|| cause_name.to_owned());
        let must_return = item.must_return.unwrap_or_else(|| {
            rules::must_return_by_default(covered, item.part.valuable, item.part.critical)
        });
        let quantity = item.repair_part.quantity;
        let row = old_part::ActiveModel {
            ticket_id: Set(job.id),
            repair_part_id: Set(Some(item.repair_part.id)),
            approval_number: Set(job.number.clone()),
            unit_id: Set(job.unit_id),
            part_id: Set(item.part.id),
            quantity: Set(quantity),
            unit_price: Set(item.repair_part.unit_price),
            total: Set(cents(item.repair_part.unit_price * Decimal::from(quantity))),
            engineer_id: Set(record.engineer_id),
            region: Set(region.clone()),
            dealer_id: Set(job.dealer_id),
            reason: Set(reason),
            must_return: Set(must_return),
            applied_on: Set(applied_on(item.part.id)),
            completed_on: Set(completed_on),
            due_on: Set(rules::due_on(&settings.policy, completed_on)),
            delay_reason_accepted: Set(false),
            status: Set(OldPartStatus::Pending),
            created_at: Set(record.completed_at),
            updated_at: Set(record.completed_at),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await?;
        created.push(row);
    }
    Ok(created)
}

/// The old part with `id` if the actor may see it.
pub async fn visible<C: ConnectionTrait>(db: &C, actor: &Actor, id: i64) -> ServiceResult<old_part::Model> {
    actor.require_staff_or_dealer()?;
    old_part::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| actor.can_see_dealer_record(p.dealer_id))
        .filter(|p| actor.engineer_scope().is_none_or(|me| p.engineer_id == me))
        .ok_or_else(|| ServiceError::not_found("old part", id))
}

fn today(settings: &Settings) -> NaiveDate {
    Utc::now().with_timezone(&settings.business_tz()).date_naive()
}

/// A date the user gives for something that happened: not in the future
/// and not before the repair.
fn happened_on(
    settings: &Settings,
    field: &str,
    on: Option<NaiveDate>,
    after: NaiveDate,
) -> ServiceResult<NaiveDate> {
    let today = today(settings);
    let on = on.unwrap_or(today);
    if on > today {
        return Err(ServiceError::validation(field, format!("{on} is in the future")));
    }
    if on < after {
        return Err(ServiceError::validation(field, format!("{on} is before {after}")));
    }
    Ok(on)
}

/// Moves an old part from one of `from` with `changes`, checking the
/// version, and audits it.
async fn advance<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    before: &old_part::Model,
    version: i32,
    from: &[OldPartStatus],
    mut changes: old_part::ActiveModel,
    action: &str,
) -> ServiceResult<old_part::Model> {
    if !from.contains(&before.status) {
        return Err(ServiceError::InvalidTransition(format!(
            "old part {} is {}; this step needs {}",
            before.id,
            before.status.as_str(),
            from.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" or ")
        )));
    }
    changes.updated_at = Set(Utc::now());
    let after =
        update_versioned::<old_part::Entity, _, _>(db, before, Some(version), changes, before.id).await?;
    audit::record(db, Some(actor), AuditEntry::changed(action, "old_part", before.id, before, &after))
        .await?;
    Ok(after)
}

/// The engineer's reply (回复): the date they will hand the part in. A date
/// after the due date needs a reason, and the service managers are told.
pub async fn reply(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    promised_on: NaiveDate,
    reason: Option<&str>,
) -> ServiceResult<old_part::Model> {
    actor.require_any(&[Role::Engineer, Role::ServiceManager])?;
    let reason = validate::optional_text("reason", reason, 1000)?;
    let txn = begin_write(db).await?;
    let before = visible(&txn, actor, id).await?;
    let manager = actor.is_admin() || actor.has_role(Role::ServiceManager);
    if !manager && before.engineer_id != actor.user_id {
        return Err(ServiceError::Forbidden(format!("old part {id} belongs to another engineer")));
    }
    let today = today(settings);
    if promised_on < before.completed_on {
        return Err(ServiceError::validation("promisedOn", "cannot be before the repair was completed"));
    }
    let late = rules::reply_needs_reason(before.due_on, promised_on);
    if late && reason.is_none() {
        return Err(ServiceError::validation(
            "reason",
            format!("{promised_on} is after the due date {}; say why", before.due_on),
        ));
    }
    let changes = old_part::ActiveModel {
        replied_on: Set(Some(today)),
        promised_on: Set(Some(promised_on)),
        delay_reason: Set(if late { reason.clone() } else { None }),
        delay_reason_accepted: Set(false),
        status: Set(OldPartStatus::Replied),
        ..Default::default()
    };
    let from = [OldPartStatus::Pending, OldPartStatus::Replied];
    let after = advance(&txn, actor, &before, version, &from, changes, "old_part.reply").await?;
    if late {
        tell_service_managers(&txn, &after, reason.as_deref().unwrap_or_default()).await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// "报告服务管代协助处理": a late reply goes to every service manager.
async fn tell_service_managers<C: ConnectionTrait>(
    db: &C,
    item: &old_part::Model,
    reason: &str,
) -> ServiceResult<()> {
    let managers = user::Entity::find()
        .inner_join(user_role::Entity)
        .filter(user_role::Column::Role.eq(Role::ServiceManager))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    let now = Utc::now();
    for manager in managers {
        let Some(email) = manager.email else { continue };
        let message = Outgoing {
            recipient: email,
            channel: NotificationChannel::Email,
            template: "old_part_late_reply",
            subject: Some(format!("旧件延期交回 {}", item.approval_number)),
            body: format!(
                "审批号 {} 的旧件要求交期 {},工程师回复 {} 交回。原因:{}",
                item.approval_number,
                item.due_on,
                item.promised_on.map(|d| d.to_string()).unwrap_or_default(),
                reason
            ),
            payload: Some(serde_json::json!({ "oldPart": item.id, "version": item.version })),
            unique_key: format!("old-part-late-reply:{}:{}:{}", item.id, item.version, manager.id),
            report_id: None,
        };
        notify::queue(db, message, now).await?;
    }
    Ok(())
}

/// The service manager accepts the reason of a late reply: lateness up to
/// the promised date is tracked but no longer counted as delay.
pub async fn accept_delay_reason(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> ServiceResult<old_part::Model> {
    actor.require_any(&[Role::ServiceManager])?;
    let txn = begin_write(db).await?;
    let before = visible(&txn, actor, id).await?;
    if before.delay_reason.is_none() {
        return Err(ServiceError::InvalidTransition(format!("old part {id} has no late reply to accept")));
    }
    let changes = old_part::ActiveModel { delay_reason_accepted: Set(true), ..Default::default() };
    let from =
        [OldPartStatus::Replied, OldPartStatus::Collected, OldPartStatus::Shipped, OldPartStatus::Received];
    let after = advance(&txn, actor, &before, version, &from, changes, "old_part.accept_delay").await?;
    txn.commit().await?;
    Ok(after)
}

/// The regional keeper takes the part from the engineer (回收日期).
pub async fn collect(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    on: Option<NaiveDate>,
) -> ServiceResult<old_part::Model> {
    actor.require_any(&[Role::Warehouse])?;
    let txn = begin_write(db).await?;
    let before = visible(&txn, actor, id).await?;
    let on = happened_on(settings, "collectedOn", on, before.completed_on)?;
    let changes = old_part::ActiveModel {
        collected_on: Set(Some(on)),
        status: Set(OldPartStatus::Collected),
        ..Default::default()
    };
    let from = [OldPartStatus::Pending, OldPartStatus::Replied];
    let after = advance(&txn, actor, &before, version, &from, changes, "old_part.collect").await?;
    txn.commit().await?;
    Ok(after)
}

/// The keeper ships the part to head office (返司日期).
pub async fn ship(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    on: Option<NaiveDate>,
) -> ServiceResult<old_part::Model> {
    actor.require_any(&[Role::Warehouse])?;
    let txn = begin_write(db).await?;
    let before = visible(&txn, actor, id).await?;
    let after_collection = before.collected_on.unwrap_or(before.completed_on);
    let on = happened_on(settings, "shippedOn", on, after_collection)?;
    let changes = old_part::ActiveModel {
        shipped_on: Set(Some(on)),
        status: Set(OldPartStatus::Shipped),
        ..Default::default()
    };
    let after =
        advance(&txn, actor, &before, version, &[OldPartStatus::Collected], changes, "old_part.ship").await?;
    txn.commit().await?;
    Ok(after)
}

/// Head office receives the part.
pub async fn receive(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    on: Option<NaiveDate>,
) -> ServiceResult<old_part::Model> {
    actor.require_any(&[Role::Warehouse])?;
    let txn = begin_write(db).await?;
    let before = visible(&txn, actor, id).await?;
    let after_shipping = before.shipped_on.unwrap_or(before.completed_on);
    let on = happened_on(settings, "receivedOn", on, after_shipping)?;
    let changes = old_part::ActiveModel {
        received_on: Set(Some(on)),
        status: Set(OldPartStatus::Received),
        ..Default::default()
    };
    let after =
        advance(&txn, actor, &before, version, &[OldPartStatus::Shipped], changes, "old_part.receive")
            .await?;
    txn.commit().await?;
    Ok(after)
}

/// Decides what happens to the part (处置), with one of the regulation's
/// reasons. A part that must come back is sold, destroyed or given away
/// only once head office has it. Destroyed and given parts are done;
/// parts for local sale wait for their lot.
pub async fn dispose(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    disposition: Disposition,
    reason: DispositionReason,
    remarks: Option<&str>,
) -> ServiceResult<old_part::Model> {
    actor.require_any(&[Role::ServiceManager, Role::Quality])?;
    if !rules::reasons_for(disposition).contains(&reason) {
        let allowed: Vec<&str> = rules::reasons_for(disposition).iter().map(|r| r.as_str()).collect();
        return Err(ServiceError::validation(
            "reason",
            format!(
                "{} is not a reason for {}; use {}",
                reason.as_str(),
                disposition.as_str(),
                allowed.join(", ")
            ),
        ));
    }
    let remarks = validate::optional_text("remarks", remarks, 1000)?;
    let txn = begin_write(db).await?;
    let before = visible(&txn, actor, id).await?;
    if before.must_return && disposition != Disposition::Return && before.status != OldPartStatus::Received {
        return Err(ServiceError::validation(
            "disposition",
            format!("old part {id} must come back to head office before it is {}", disposition.as_str()),
        ));
    }
    if let Some(lot) = super::local_sales::lot_of(&txn, id).await? {
        return Err(ServiceError::InvalidTransition(format!(
            "old part {id} is in lot {} ({}); cancel the lot first",
            lot.lot_number,
            lot.status.as_str()
        )));
    }
    let done = matches!(disposition, Disposition::LocalDestroy | Disposition::Gift);
    let changes = old_part::ActiveModel {
        disposition: Set(Some(disposition)),
        disposition_reason: Set(Some(reason.as_str().to_owned())),
        remarks: Set(remarks.or(before.remarks.clone())),
        status: Set(if done { OldPartStatus::Disposed } else { before.status }),
        ..Default::default()
    };
    let from = [
        OldPartStatus::Pending,
        OldPartStatus::Replied,
        OldPartStatus::Collected,
        OldPartStatus::Shipped,
        OldPartStatus::Received,
    ];
    let after = advance(&txn, actor, &before, version, &from, changes, "old_part.dispose").await?;
    txn.commit().await?;
    Ok(after)
}

/// Opens the responsibility determination when quality reviews the part:
/// the deadline follows the part's kind.
pub async fn open_determination(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    old_part_id: i64,
    reviewed_on: Option<NaiveDate>,
    tested_abroad: bool,
) -> ServiceResult<responsibility_determination::Model> {
    actor.require_any(&[Role::Quality])?;
    let txn = begin_write(db).await?;
    let item = visible(&txn, actor, old_part_id).await?;
    let catalogue = part::Entity::find_by_id(item.part_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("part", item.part_id))?;
    if tested_abroad && !catalogue.imported {
        return Err(ServiceError::validation("testedAbroad", "only imported parts are tested abroad"));
    }
    let reviewed_on = happened_on(settings, "reviewedOn", reviewed_on, item.completed_on)?;
    let kind = rules::part_kind(catalogue.imported, catalogue.critical, tested_abroad);
    let now = Utc::now();
    let taken = responsibility_determination::Entity::find()
        .filter(responsibility_determination::Column::OldPartId.eq(item.id))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(ServiceError::Conflict(format!("old part {old_part_id} is already under determination")));
    }
    let created = responsibility_determination::ActiveModel {
        old_part_id: Set(item.id),
        part_kind: Set(kind),
        reviewed_on: Set(reviewed_on),
        due_on: Set(rules::determination_due_on(&settings.policy, kind, reviewed_on)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let entry =
        AuditEntry::created("determination.open", "responsibility_determination", created.id, &created);
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok(created)
}

/// The finding (责任签定): a supplier's fault names the supplier and the
/// claim amount.
#[derive(Debug, Clone)]
pub struct Finding {
    pub outcome: ResponsibilityOutcome,
    pub supplier_name: Option<String>,
    pub claim_amount: Option<Decimal>,
    pub notes: Option<String>,
}

pub async fn determine(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    finding: Finding,
) -> ServiceResult<responsibility_determination::Model> {
    actor.require_any(&[Role::Quality])?;
    let supplier_name = validate::optional_text("supplierName", finding.supplier_name.as_deref(), 200)?;
    let claim_amount = finding.claim_amount.map(|a| validate::money("claimAmount", a)).transpose()?;
    let notes = validate::optional_text("notes", finding.notes.as_deref(), 2000)?;
    if finding.outcome == ResponsibilityOutcome::Supplier {
        if supplier_name.is_none() {
            return Err(ServiceError::validation("supplierName", "a supplier's fault names the supplier"));
        }
        if claim_amount.is_none_or(|a| a <= Decimal::ZERO) {
            return Err(ServiceError::validation(
                "claimAmount",
                "a supplier claim needs an amount above zero",
            ));
        }
    } else if supplier_name.is_some() || claim_amount.is_some() {
        return Err(ServiceError::validation("claimAmount", "only a supplier's fault carries a claim"));
    }
    let txn = begin_write(db).await?;
    let before = find_or_404::<responsibility_determination::Entity, _>(&txn, id).await?;
    visible(&txn, actor, before.old_part_id).await?;
    if before.outcome.is_some() {
        return Err(ServiceError::InvalidTransition(format!("determination {id} is already made")));
    }
    let changes = responsibility_determination::ActiveModel {
        outcome: Set(Some(finding.outcome)),
        supplier_name: Set(supplier_name),
        claim_amount: Set(claim_amount),
        determined_on: Set(Some(today(settings))),
        determined_by: Set(Some(actor.user_id)),
        notes: Set(notes),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let after = update_versioned::<responsibility_determination::Entity, _, _>(
        &txn,
        &before,
        Some(version),
        changes,
        id,
    )
    .await?;
    let entry =
        AuditEntry::changed("determination.make", "responsibility_determination", id, &before, &after);
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok(after)
}
