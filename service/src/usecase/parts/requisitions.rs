//! Requisitions (领用): an engineer asks for parts for a ticket, the service
//! manager approves, the warehouse issues them against the ticket, and what
//! was not fitted comes back to stock. Valuable parts (贵重件) are limited
//! per requisition (限量领用).

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use entity::enums::{MovementKind, RequisitionStatus, Role, TicketStatus};
use entity::{part, repair_part, repair_record, requisition, requisition_line, stock_movement};

use super::stock::{self, Movement};
use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::stock::exceeds_valuable_limit;
use crate::rules::validate;
use crate::usecase::tickets::visible_ticket;
use crate::usecase::versioned::{find_or_404, update_versioned};

/// One part asked for.
#[derive(Debug, Clone, Copy)]
pub struct Wanted {
    pub part_id: i64,
    pub quantity: i32,
}

/// One line per part, quantities added up.
fn merged(lines: &[Wanted]) -> Vec<Wanted> {
    let mut by_part: BTreeMap<i64, i32> = BTreeMap::new();
    for w in lines {
        *by_part.entry(w.part_id).or_default() += w.quantity;
    }
    by_part.into_iter().map(|(part_id, quantity)| Wanted { part_id, quantity }).collect()
}

/// Tickets that may still take parts: between acceptance and the repair.
pub(crate) fn takes_parts(status: TicketStatus) -> bool {
    matches!(
        status,
        TicketStatus::Accepted
            | TicketStatus::Quoted
            | TicketStatus::QuoteApproved
            | TicketStatus::Dispatched
            | TicketStatus::OnSite
    )
}

/// An engineer (on their own ticket) or the service manager asks for parts
/// from a warehouse.
pub async fn request(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    warehouse_id: i64,
    wanted: &[Wanted],
) -> ServiceResult<(requisition::Model, Vec<requisition_line::Model>)> {
    actor.require_any(&[Role::Engineer, Role::ServiceManager])?;
    if wanted.is_empty() {
        return Err(ServiceError::validation("lines", "ask for at least one part"));
    }
    validate::line_quantities("lines", wanted.iter().map(|w| w.quantity))?;
    let merged = merged(wanted);
    let txn = begin_write(db).await?;
    let job = visible_ticket(&txn, actor, ticket_id).await?;
    let manager = actor.is_admin() || actor.has_role(Role::ServiceManager);
    if !manager && job.engineer_id != Some(actor.user_id) {
        return Err(ServiceError::Forbidden(format!(
            "ticket {} is assigned to another engineer",
            job.number
        )));
    }
    if !takes_parts(job.status) {
        return Err(ServiceError::InvalidTransition(format!(
            "ticket {} is {}; parts are requested between acceptance and repair",
            job.number,
            job.status.as_str()
        )));
    }
    let engineer_id = job.engineer_id.unwrap_or(actor.user_id);
    entity::warehouse::Entity::find_by_id(warehouse_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::validation("warehouseId", format!("no warehouse {warehouse_id}")))?;
    let now = Utc::now();
    let created = requisition::ActiveModel {
        ticket_id: Set(job.id),
        engineer_id: Set(engineer_id),
        warehouse_id: Set(warehouse_id),
        status: Set(RequisitionStatus::Requested),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut lines = Vec::with_capacity(merged.len());
    for Wanted { part_id, quantity } in merged {
        let item = part::Entity::find_by_id(part_id)
            .one(&txn)
            .await?
            .ok_or_else(|| ServiceError::validation("lines", format!("no part {part_id}")))?;
        if let Some(limit) = exceeds_valuable_limit(item.valuable, item.valuable_limit, quantity) {
            return Err(ServiceError::validation(
                "lines",
                format!(
                    "{} ({}) is a valuable part: at most {limit} per requisition, {quantity} asked",
                    item.part_number, item.name
                ),
            ));
        }
        let line = requisition_line::ActiveModel {
            requisition_id: Set(created.id),
            part_id: Set(item.id),
            quantity_requested: Set(quantity),
            quantity_issued: Set(0),
            quantity_returned: Set(0),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        lines.push(line);
    }
    let entry = AuditEntry::created("requisition.request", "requisition", created.id, &(&created, &lines));
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok((created, lines))
}

async fn moved<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    version: i32,
    from: RequisitionStatus,
    changes: requisition::ActiveModel,
    action: &str,
) -> ServiceResult<requisition::Model> {
    let before = find_or_404::<requisition::Entity, _>(db, id).await?;
    if before.status != from {
        return Err(ServiceError::InvalidTransition(format!(
            "requisition {id} is {}, not {}",
            before.status.as_str(),
            from.as_str()
        )));
    }
    let after =
        update_versioned::<requisition::Entity, _, _>(db, &before, Some(version), changes, id).await?;
    audit::record(db, Some(actor), AuditEntry::changed(action, "requisition", id, &before, &after)).await?;
    Ok(after)
}

/// The department head (SERVICE_MANAGER) approves a request.
pub async fn approve(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> ServiceResult<requisition::Model> {
    actor.require_any(&[Role::ServiceManager])?;
    let now = Utc::now();
    let changes = requisition::ActiveModel {
        status: Set(RequisitionStatus::Approved),
        approved_by: Set(Some(actor.user_id)),
        approved_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let after =
        moved(&txn, actor, id, version, RequisitionStatus::Requested, changes, "requisition.approve").await?;
    txn.commit().await?;
    Ok(after)
}

/// The department head turns a request down.
pub async fn reject(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> ServiceResult<requisition::Model> {
    actor.require_any(&[Role::ServiceManager])?;
    let changes = requisition::ActiveModel {
        status: Set(RequisitionStatus::Rejected),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let after =
        moved(&txn, actor, id, version, RequisitionStatus::Requested, changes, "requisition.reject").await?;
    txn.commit().await?;
    Ok(after)
}

async fn lines_of<C: ConnectionTrait>(db: &C, id: i64) -> ServiceResult<Vec<requisition_line::Model>> {
    Ok(requisition_line::Entity::find()
        .filter(requisition_line::Column::RequisitionId.eq(id))
        .order_by_asc(requisition_line::Column::Id)
        .all(db)
        .await?)
}

/// The warehouse issues an approved requisition in full, against its
/// ticket: all lines or none (`INSUFFICIENT_STOCK` names the short part).
pub async fn issue(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
) -> ServiceResult<requisition::Model> {
    actor.require_any(&[Role::Warehouse])?;
    let now = Utc::now();
    let changes = requisition::ActiveModel {
        status: Set(RequisitionStatus::Issued),
        issued_by: Set(Some(actor.user_id)),
        issued_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let after =
        moved(&txn, actor, id, version, RequisitionStatus::Approved, changes, "requisition.issue").await?;
    for line in lines_of(&txn, id).await? {
        let movement = Movement {
            warehouse_id: after.warehouse_id,
            part_id: line.part_id,
            kind: MovementKind::Issue,
            quantity: line.quantity_requested,
            ticket_id: Some(after.ticket_id),
            requisition_id: Some(id),
            reason: Some(format!("requisition {id}")),
        };
        stock::book(&txn, Some(actor), movement).await?;
        requisition_line::ActiveModel {
            id: Set(line.id),
            quantity_issued: Set(line.quantity_requested),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Units of `part_id` out on `ticket_id` and not fitted: issued minus
/// returned (the ledger) minus what the repair records say was fitted.
pub async fn unfitted_on_ticket<C: ConnectionTrait>(
    db: &C,
    ticket_id: i64,
    part_id: i64,
) -> ServiceResult<i32> {
    let out: i32 = stock_movement::Entity::find()
        .filter(stock_movement::Column::TicketId.eq(ticket_id))
        .filter(stock_movement::Column::PartId.eq(part_id))
        .filter(stock_movement::Column::Kind.is_in([MovementKind::Issue, MovementKind::Return]))
        .all(db)
        .await?
        .iter()
        .map(|m| -m.quantity)
        .sum();
    let fitted: i32 = repair_part::Entity::find()
        .inner_join(repair_record::Entity)
        .filter(repair_record::Column::TicketId.eq(ticket_id))
        .filter(repair_part::Column::PartId.eq(part_id))
        .all(db)
        .await?
        .iter()
        .map(|p| p.quantity)
        .sum();
    Ok(out - fitted)
}

/// Leftovers come back to stock (退库): at most what was issued on this
/// requisition and not fitted on the ticket. The requisition is closed.
pub async fn return_leftovers(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    version: i32,
    returned: &[Wanted],
) -> ServiceResult<requisition::Model> {
    actor.require_any(&[Role::Warehouse])?;
    validate::line_quantities("lines", returned.iter().map(|w| w.quantity))?;
    let returned = merged(returned);
    let changes = requisition::ActiveModel {
        status: Set(RequisitionStatus::Closed),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let after =
        moved(&txn, actor, id, version, RequisitionStatus::Issued, changes, "requisition.return").await?;
    let lines = lines_of(&txn, id).await?;
    for back in &returned {
        let line = lines.iter().find(|l| l.part_id == back.part_id).ok_or_else(|| {
            ServiceError::validation(
                "lines",
                format!("part {} was not issued on this requisition", back.part_id),
            )
        })?;
        let open_on_line = line.quantity_issued - line.quantity_returned;
        let unfitted = unfitted_on_ticket(&txn, after.ticket_id, back.part_id).await?;
        let most = open_on_line.min(unfitted).max(0);
        if back.quantity > most {
            return Err(ServiceError::validation(
                "lines",
                format!("at most {most} of part {} can come back; the rest was fitted", back.part_id),
            ));
        }
        let movement = Movement {
            warehouse_id: after.warehouse_id,
            part_id: back.part_id,
            kind: MovementKind::Return,
            quantity: back.quantity,
            ticket_id: Some(after.ticket_id),
            requisition_id: Some(id),
            reason: Some(format!("leftover of requisition {id}")),
        };
        stock::book(&txn, Some(actor), movement).await?;
        requisition_line::ActiveModel {
            id: Set(line.id),
            quantity_returned: Set(line.quantity_returned + back.quantity),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Which requisitions to list.
#[derive(Debug, Clone, Default)]
pub struct RequisitionFilter {
    pub status: Option<RequisitionStatus>,
    pub ticket_id: Option<i64>,
    pub warehouse_id: Option<i64>,
}

/// Requisitions, oldest first; an engineer sees their own.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: RequisitionFilter,
    page: PageRequest,
) -> ServiceResult<Page<requisition::Model>> {
    actor.require_any(crate::auth::roles::STAFF)?;
    let mut select = requisition::Entity::find();
    let sees_all =
        actor.is_admin() || [Role::ServiceManager, Role::Warehouse].iter().any(|r| actor.has_role(*r));
    if !sees_all {
        select = select.filter(requisition::Column::EngineerId.eq(actor.user_id));
    }
    if let Some(status) = filter.status {
        select = select.filter(requisition::Column::Status.eq(status));
    }
    if let Some(id) = filter.ticket_id {
        select = select.filter(requisition::Column::TicketId.eq(id));
    }
    if let Some(id) = filter.warehouse_id {
        select = select.filter(requisition::Column::WarehouseId.eq(id));
    }
    paginate(db, select, &Sort::by_id("requisitions", requisition::Column::Id), &page).await
}

/// Lines of requisitions, for the loader.
pub async fn lines_for<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> ServiceResult<Vec<requisition_line::Model>> {
    Ok(requisition_line::Entity::find()
        .filter(requisition_line::Column::RequisitionId.is_in(ids.iter().copied()))
        .order_by_asc(requisition_line::Column::Id)
        .all(db)
        .await?)
}
