//! The steps after intake: triage, site work, sign-off, visit, close, and
//! the side paths (rework, return to factory, cancel). Dispatch and quotes
//! have their own modules.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use entity::enums::{ComplaintCategory, Exclusion, Role, ServiceType, Severity, VisitChannel, VisitKind};
use entity::{part, repair_part, repair_record, return_visit, ticket, unit};

use super::chargeback;
use super::entitlement::entitlement_of;
use super::{Step, apply_step, visible_ticket};
use crate::auth::Actor;
use crate::config::Settings;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::device_time::taken_at;
use crate::rules::entitlement::service_type;
use crate::rules::repeat_repair::{EarlierRepair, repeats};
use crate::rules::ticket_flow::TicketAction;
use crate::rules::ticket_roles::{DESK, SIGN_OFF, SITE};
use crate::rules::{validate, visits};
use crate::usecase::complaints;
use crate::usecase::master::calendar::business_calendar;
use crate::usecase::master::fault_causes::active_cause;
use crate::usecase::parts::{old_parts, stock};

/// The triage decision.
#[derive(Debug, Clone, Default)]
pub struct Triage {
    /// Why the warranty does not apply, when it does not.
    pub exclusion: Option<Exclusion>,
    /// Consultation or phone guidance only: no site visit (service type OTHER).
    pub guidance_only: bool,
    /// What was explained to the customer.
    pub note: Option<String>,
}

/// An engineer may act on site only on tickets assigned to them.
fn require_site_actor(actor: &Actor, ticket: &ticket::Model) -> ServiceResult<()> {
    actor.require_any(SITE)?;
    let manager = actor.is_admin() || actor.has_role(Role::ServiceManager);
    if !manager && ticket.engineer_id != Some(actor.user_id) {
        return Err(ServiceError::Forbidden(format!(
            "ticket {} is assigned to another engineer",
            ticket.number
        )));
    }
    Ok(())
}

/// Triage (受理): decides the entitlement on the report date and the service
/// type, answers the customer (the reply deadline is met now), and for a
/// dealer-sold unit repaired free notifies the dealer and opens the
/// chargeback.
pub async fn accept_ticket(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    triage: Triage,
) -> ServiceResult<ticket::Model> {
    actor.require_any(DESK)?;
    let note = validate::optional_text("note", triage.note.as_deref(), 2000)?;
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, id).await?;
    let unit = unit::Entity::find_by_id(current.unit_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("unit", current.unit_id))?;
    let reported_on = current.reported_at.with_timezone(&settings.business_tz()).date_naive();
    let entitlement = entitlement_of(&txn, unit.clone(), reported_on).await?;
    let exclusion = triage.exclusion.or(entitlement.exclusion);
    let kind = service_type(entitlement.cover, exclusion, triage.guidance_only);
    let explanation = match note {
        Some(note) => format!("{}; {note}", entitlement.explanation()),
        None => entitlement.explanation(),
    };
    let now = Utc::now();
    let changes = ticket::ActiveModel {
        service_type: Set(Some(kind)),
        exclusion: Set(exclusion),
        warranty_policy_id: Set(entitlement.policy.as_ref().map(|p| p.id)),
        service_contract_id: Set(entitlement.contract.as_ref().map(|c| c.id)),
        entitlement_note: Set(Some(explanation.clone())),
        replied_at: Set(current.replied_at.or(Some(now))),
        ..Default::default()
    };
    let step = Step {
        action: TicketAction::Accept,
        expected_version: version,
        reason: Some(format!("{}: {explanation}", kind.as_str())),
        data: Some(serde_json::json!({ "serviceType": kind, "exclusion": exclusion })),
    };
    let accepted = apply_step(&txn, actor, &current, step, changes).await?;
    if let (Some(dealer_id), ServiceType::Free) = (unit.dealer_id, kind) {
        chargeback::open(&txn, &accepted, dealer_id, now).await?;
    }
    txn.commit().await?;
    Ok(accepted)
}

/// A plain step with the roles allowed, no facts but the reason.
async fn simple_step(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    action: TicketAction,
    reason: Option<String>,
    changes: impl FnOnce(&ticket::Model) -> ServiceResult<ticket::ActiveModel>,
) -> ServiceResult<ticket::Model> {
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, id).await?;
    let changes = changes(&current)?;
    let step = Step { action, expected_version: version, reason, data: None };
    let after = apply_step(&txn, actor, &current, step, changes).await?;
    txn.commit().await?;
    Ok(after)
}

/// The engineer is on site (ENGINEER assigned, SERVICE_MANAGER).
pub async fn arrive(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    at: Option<DateTime<Utc>>,
) -> ServiceResult<ticket::Model> {
    // The role first, so a caller without it learns nothing of the ticket.
    actor.require_any(SITE)?;
    let now = Utc::now();
    simple_step(db, actor, id, version, TicketAction::Arrive, None, |t| {
        require_site_actor(actor, t)?;
        // Not before the ticket's last step (the dispatch, or a rework).
        let at = device_time("arrivedAt", at, now, Some(t.updated_at))?;
        Ok(ticket::ActiveModel { arrived_at: Set(Some(at)), ..Default::default() })
    })
    .await
}

/// A replaced part in a repair record.
#[derive(Debug, Clone, Default)]
pub struct ReplacedPart {
    pub part_id: i64,
    pub quantity: i32,
    /// What is wrong with the old part (旧件问题); the cause's name if not given.
    pub reason: Option<String>,
    /// Whether the old part must come back; by the rule if not given.
    pub must_return: Option<bool>,
}

/// The repair record (维修记录 / 售后服务报告单).
#[derive(Debug, Clone)]
pub struct RepairInput {
    pub arrived_at: Option<DateTime<Utc>>,
    /// When the repair was finished, on the engineer's device; now if not given.
    pub completed_at: Option<DateTime<Utc>>,
    /// The failure cause, as quality reports group it.
    pub fault_cause: String,
    pub measures: String,
    pub parts: Vec<ReplacedPart>,
    pub labour_hours: Decimal,
}

/// Writes the repair record (ENGINEER assigned, SERVICE_MANAGER) and marks a
/// repeat repair: the same cause on the same unit within the policy's days.
pub async fn record_repair(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    input: RepairInput,
) -> ServiceResult<(ticket::Model, repair_record::Model)> {
    actor.require_any(SITE)?;
    validate::required_text("faultCause", &input.fault_cause, 128)?;
    let measures = validate::required_text("measures", &input.measures, 4000)?;
    let labour_hours = validate::hours("labourHours", input.labour_hours)?;
    validate::line_quantities("partsReplaced", input.parts.iter().map(|p| p.quantity))?;
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, id).await?;
    require_site_actor(actor, &current)?;
    // The cause comes from the catalogue, so the recurrence report counts like with like.
    let catalogued = active_cause(&txn, "faultCause", &input.fault_cause).await?;
    let (cause, cause_name) = (catalogued.code, catalogued.name);
    let engineer_id = current.engineer_id.ok_or_else(|| {
        ServiceError::InvalidTransition(format!("ticket {} has no engineer", current.number))
    })?;
    let received = Utc::now();
    let arrived_at = match current.arrived_at {
        Some(arrived) => arrived,
        None => device_time("arrivedAt", input.arrived_at, received, Some(current.updated_at))?,
    };
    // The repair's own time: when the phone recorded it, if it was offline.
    let now = device_time("completedAt", input.completed_at, received, Some(arrived_at))?;
    let tz = settings.business_tz();
    let earlier: Vec<EarlierRepair> = repair_record::Entity::find()
        .inner_join(ticket::Entity)
        .filter(ticket::Column::UnitId.eq(current.unit_id))
        .filter(repair_record::Column::TicketId.ne(current.id))
        .order_by_desc(repair_record::Column::CompletedAt)
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| EarlierRepair {
            ticket_id: r.ticket_id,
            completed_on: r.completed_at.with_timezone(&tz).date_naive(),
            fault_cause: r.fault_cause,
        })
        .collect();
    let repeat_of =
        repeats(&earlier, &cause, now.with_timezone(&tz).date_naive(), settings.policy.repeat_repair_days);
    let changes = ticket::ActiveModel {
        repaired_at: Set(Some(now)),
        arrived_at: Set(Some(arrived_at)),
        repeat_of_ticket_id: Set(repeat_of),
        ..Default::default()
    };
    let step = Step {
        action: TicketAction::Repair,
        expected_version: version,
        reason: Some(cause.clone()),
        data: Some(serde_json::json!({ "repeatOf": repeat_of, "parts": input.parts.len() })),
    };
    let after = apply_step(&txn, actor, &current, step, changes).await?;
    let record = repair_record::ActiveModel {
        ticket_id: Set(current.id),
        engineer_id: Set(engineer_id),
        arrived_at: Set(arrived_at),
        fault_cause: Set(cause),
        measures: Set(measures),
        labour_hours: Set(labour_hours),
        completed_at: Set(now),
        created_at: Set(received),
        updated_at: Set(received),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut replaced = Vec::with_capacity(input.parts.len());
    for fitted in &input.parts {
        let catalogue = part::Entity::find_by_id(fitted.part_id).one(&txn).await?.ok_or_else(|| {
            ServiceError::validation("partsReplaced", format!("no part {}", fitted.part_id))
        })?;
        // The old part's total is this product.
        validate::computed_money("partsReplaced", catalogue.unit_price * Decimal::from(fitted.quantity))?;
        let line = repair_part::ActiveModel {
            repair_record_id: Set(record.id),
            part_id: Set(catalogue.id),
            quantity: Set(fitted.quantity),
            unit_price: Set(catalogue.unit_price),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        replaced.push(old_parts::Replaced {
            repair_part: line,
            part: catalogue,
            reason: fitted.reason.clone(),
            must_return: fitted.must_return,
        });
    }
    // Fitted parts leave stock against the ticket: what a requisition did
    // not already issue comes from the engineer's regional warehouse.
    let part_ids: Vec<i64> = replaced.iter().map(|r| r.part.id).collect();
    stock::issue_fitted(&txn, actor, &after, engineer_id, &part_ids).await?;
    old_parts::record_for_repair(&txn, settings, &after, &record, &cause_name, &replaced).await?;
    txn.commit().await?;
    Ok((after, record))
}

/// The customer signs the repair off (验收); refused before the repair
/// record exists. Opens the return visit, due after the configured working
/// days.
pub async fn sign_off(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    signed_by: &str,
    signed_at: Option<DateTime<Utc>>,
) -> ServiceResult<ticket::Model> {
    actor.require_any(SIGN_OFF)?;
    let signed_by = validate::required_text("signedBy", signed_by, 100)?;
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, id).await?;
    // The signature's own time: when the customer signed on the phone. The
    // rows it touches keep the server's time as their bookkeeping.
    let received = Utc::now();
    let now = device_time("signedAt", signed_at, received, current.repaired_at)?;
    let changes = ticket::ActiveModel { customer_accepted_at: Set(Some(now)), ..Default::default() };
    let step = Step {
        action: TicketAction::SignOff,
        expected_version: version,
        reason: Some(format!("signed by {signed_by}")),
        data: None,
    };
    let after = apply_step(&txn, actor, &current, step, changes).await?;
    let record = repair_record::Entity::find()
        .filter(repair_record::Column::TicketId.eq(id))
        .order_by_desc(repair_record::Column::Id)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            ServiceError::InvalidTransition(format!("ticket {} has no repair record", current.number))
        })?;
    repair_record::ActiveModel {
        id: Set(record.id),
        customer_signed_name: Set(Some(signed_by)),
        customer_signed_at: Set(Some(now)),
        updated_at: Set(received),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    // The return visit falls due counting from the signature.
    open_return_visit(&txn, settings, &after, VisitKind::AfterRepair, now).await?;
    chargeback::settle(&txn, settings, &after, &record, received).await?;
    txn.commit().await?;
    Ok(after)
}

/// Phone guidance solved it (service type OTHER): a follow-up is due in 24 h.
pub async fn resolve_by_guidance(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    id: i64,
    version: i32,
    note: &str,
) -> ServiceResult<ticket::Model> {
    actor.require_any(DESK)?;
    let note = validate::required_text("note", note, 2000)?;
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, id).await?;
    let now = Utc::now();
    let changes = ticket::ActiveModel { customer_accepted_at: Set(Some(now)), ..Default::default() };
    let step = Step {
        action: TicketAction::ResolveByGuidance,
        expected_version: version,
        reason: Some(note),
        data: None,
    };
    let after = apply_step(&txn, actor, &current, step, changes).await?;
    open_return_visit(&txn, settings, &after, VisitKind::AfterGuidance, now).await?;
    txn.commit().await?;
    Ok(after)
}

async fn open_return_visit(
    txn: &sea_orm::DatabaseTransaction,
    settings: &Settings,
    ticket: &ticket::Model,
    kind: VisitKind,
    // When the visit starts counting: the signature, or the guidance given.
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let tz = settings.business_tz();
    let today = now.with_timezone(&tz).date_naive();
    let calendar = business_calendar(txn, tz, today, today + Duration::days(60)).await?;
    let due_at = visits::due_at(&settings.policy, &calendar, kind, now);
    let created = Utc::now();
    return_visit::ActiveModel {
        ticket_id: Set(Some(ticket.id)),
        customer_id: Set(ticket.customer_id),
        kind: Set(kind),
        due_at: Set(due_at),
        agent_id: Set(ticket.created_by),
        created_at: Set(created),
        updated_at: Set(created),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The return visit's findings.
#[derive(Debug, Clone)]
pub struct VisitInput {
    pub channel: VisitChannel,
    /// 1–5.
    pub satisfaction: i64,
    pub solved: bool,
    pub comments: Option<String>,
    /// Required when the visit is dissatisfied (see `rules::visits`).
    pub follow_up: Option<FollowUp>,
}

/// What a dissatisfied visit leads to, as the user chooses.
#[derive(Debug, Clone)]
pub enum FollowUp {
    /// A complaint about the ticket, filed with the visit.
    Complaint { category: ComplaintCategory, severity: Severity, description: String },
    /// The ticket goes back to an engineer (the same one unless named).
    Rework { reason: String, engineer_id: Option<i64> },
}

/// Records the return visit (AGENT, SERVICE_MANAGER). A dissatisfied one
/// opens a complaint or sends the ticket to rework, in the same
/// transaction, as `follow_up` says.
pub async fn record_visit(
    db: &DatabaseConnection,
    settings: &Settings,
    actor: &Actor,
    id: i64,
    version: i32,
    input: VisitInput,
) -> ServiceResult<ticket::Model> {
    actor.require_any(DESK)?;
    let satisfaction = validate::in_range(
        "satisfaction",
        input.satisfaction,
        visits::SATISFACTION_MIN,
        visits::SATISFACTION_MAX,
    )? as i16;
    let comments = validate::optional_text("comments", input.comments.as_deref(), 2000)?;
    if visits::dissatisfied(input.satisfaction, input.solved) && input.follow_up.is_none() {
        return Err(ServiceError::validation(
            "followUp",
            "a dissatisfied visit (satisfaction 2 or less, or not solved) opens a complaint or a rework",
        ));
    }
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, id).await?;
    let now = Utc::now();
    let step = Step {
        action: TicketAction::Visit,
        expected_version: version,
        reason: Some(format!("satisfaction {satisfaction}, solved: {}", input.solved)),
        data: None,
    };
    let after = apply_step(&txn, actor, &current, step, <ticket::ActiveModel as Default>::default()).await?;
    let open = return_visit::Entity::find()
        .filter(return_visit::Column::TicketId.eq(id))
        .filter(return_visit::Column::VisitedAt.is_null())
        .order_by_desc(return_visit::Column::Id)
        .one(&txn)
        .await?;
    let mut visit = match open {
        Some(open) => return_visit::ActiveModel { id: Set(open.id), ..Default::default() },
        None => return_visit::ActiveModel {
            ticket_id: Set(Some(id)),
            customer_id: Set(current.customer_id),
            kind: Set(VisitKind::AfterRepair),
            due_at: Set(now),
            created_at: Set(now),
            version: Set(1),
            ..Default::default()
        },
    };
    visit.channel = Set(Some(input.channel));
    visit.satisfaction = Set(Some(satisfaction));
    visit.solved = Set(Some(input.solved));
    visit.comments = Set(comments);
    visit.visited_at = Set(Some(now));
    visit.visited_by = Set(Some(actor.user_id));
    visit.updated_at = Set(now);
    let after = match input.follow_up {
        None => after,
        Some(FollowUp::Complaint { category, severity, description }) => {
            visit.follow_up = Set(Some("COMPLAINT".into()));
            let complaint = complaints::NewComplaint {
                customer_id: after.customer_id,
                ticket_id: Some(after.id),
                category,
                severity,
                description,
                received_at: Some(now),
            };
            complaints::file_in(&txn, settings, actor, complaint).await?;
            after
        }
        Some(FollowUp::Rework { reason, engineer_id }) => {
            visit.follow_up = Set(Some("REWORK".into()));
            let reason = validate::required_text("followUp.reason", &reason, 2000)?;
            if let Some(engineer_id) = engineer_id
                && entity::engineer::Entity::find_by_id(engineer_id).one(&txn).await?.is_none()
            {
                return Err(ServiceError::validation(
                    "followUp.engineerId",
                    format!("no engineer {engineer_id}"),
                ));
            }
            let step = Step {
                action: TicketAction::Rework,
                expected_version: after.version,
                reason: Some(reason),
                data: None,
            };
            let changes = ticket::ActiveModel {
                engineer_id: Set(engineer_id.or(after.engineer_id)),
                rework_count: Set(after.rework_count + 1),
                repaired_at: Set(None),
                customer_accepted_at: Set(None),
                ..Default::default()
            };
            apply_step(&txn, actor, &after, step, changes).await?
        }
    };
    visit.save(&txn).await?;
    txn.commit().await?;
    Ok(after)
}

/// Closes a visited ticket (AGENT, SERVICE_MANAGER).
pub async fn close_ticket(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> ServiceResult<ticket::Model> {
    actor.require_any(DESK)?;
    simple_step(db, actor, id, version, TicketAction::Close, None, |_| {
        Ok(ticket::ActiveModel { closed_at: Set(Some(Utc::now())), ..Default::default() })
    })
    .await
}

/// Sends the ticket back to an engineer (再次维修): the same one, or another.
pub async fn rework(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    engineer_id: Option<i64>,
    reason: &str,
) -> ServiceResult<ticket::Model> {
    actor.require_any(DESK)?;
    let reason = validate::required_text("reason", reason, 2000)?;
    if let Some(engineer_id) = engineer_id
        && entity::engineer::Entity::find_by_id(engineer_id).one(db).await?.is_none()
    {
        return Err(ServiceError::validation("engineerId", format!("no engineer {engineer_id}")));
    }
    simple_step(db, actor, id, version, TicketAction::Rework, Some(reason), |t| {
        Ok(ticket::ActiveModel {
            engineer_id: Set(engineer_id.or(t.engineer_id)),
            rework_count: Set(t.rework_count + 1),
            repaired_at: Set(None),
            customer_accepted_at: Set(None),
            ..Default::default()
        })
    })
    .await
}

/// The unit cannot be fixed on site and goes to the factory (返厂), with a
/// return slip.
pub async fn return_to_factory(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    reason: &str,
) -> ServiceResult<ticket::Model> {
    actor.require_any(SITE)?;
    let reason = validate::required_text("reason", reason, 2000)?;
    simple_step(db, actor, id, version, TicketAction::ReturnToFactory, Some(reason), |t| {
        require_site_actor(actor, t)?;
        let slip = t.number.replacen("SR-", "RF-", 1);
        Ok(ticket::ActiveModel { return_slip_number: Set(Some(slip)), ..Default::default() })
    })
    .await
}

/// Cancels a ticket before site work (AGENT, SERVICE_MANAGER).
pub async fn cancel(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    reason: &str,
) -> ServiceResult<ticket::Model> {
    actor.require_any(DESK)?;
    let reason = validate::required_text("reason", reason, 2000)?;
    simple_step(db, actor, id, version, TicketAction::Cancel, Some(reason), |_| {
        Ok(<ticket::ActiveModel as Default>::default())
    })
    .await
}

/// A step's time from the engineer's device, bounded by `rules::device_time`.
fn device_time(
    field: &str,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    after: Option<DateTime<Utc>>,
) -> ServiceResult<DateTime<Utc>> {
    taken_at(at, now, after).map_err(|refused| ServiceError::validation(field, refused.message()))
}
