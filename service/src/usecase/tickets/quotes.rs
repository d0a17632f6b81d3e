//! Quotes for paid work: priced from the price list and the tariff, approved
//! by the general manager beyond the allowed discount, accepted by the
//! customer before dispatch.

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use entity::enums::QuoteStatus;
use entity::{customer, part, quote, quote_line, service_tariff, ticket};

use super::{Step, apply_step, visible_ticket};
use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::config::Settings;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::entitlement::charges;
use crate::rules::quote::{PartLine, price};
use crate::rules::ticket_flow::TicketAction;
use crate::rules::ticket_roles::{DESK, QUOTE_APPROVERS};
use crate::rules::validate;

/// What to quote.
#[derive(Debug, Clone)]
pub struct QuoteInput {
    /// Part id and quantity.
    pub parts: Vec<(i64, i32)>,
    pub labour_hours: Decimal,
    /// Percent below the standard price; beyond the policy's limit the
    /// general manager must approve.
    pub discount_percent: Decimal,
}

/// Issues a quote for a paid ticket (AGENT, SERVICE_MANAGER); a new quote
/// replaces a pending one.
pub async fn create_quote(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: &Settings,
    ticket_id: i64,
    version: i32,
    input: QuoteInput,
) -> ServiceResult<(ticket::Model, quote::Model)> {
    actor.require_any(DESK)?;
    let labour_hours = validate::hours("labourHours", input.labour_hours)?;
    let discount_percent = validate::percent("discountPercent", input.discount_percent)?;
    validate::line_quantities("parts", input.parts.iter().map(|(_, q)| *q))?;
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, ticket_id).await?;
    let today = Utc::now().with_timezone(&settings.business_tz()).date_naive();
    let tariff = service_tariff::Entity::find()
        .filter(service_tariff::Column::EffectiveFrom.lte(today))
        .order_by_desc(service_tariff::Column::EffectiveFrom)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            ServiceError::validation("tariff", "no service tariff is in force; record one first")
        })?;
    let owner = customer::Entity::find_by_id(current.customer_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("customer", current.customer_id))?;
    let mut lines = Vec::new();
    for (part_id, quantity) in &input.parts {
        let found = part::Entity::find_by_id(*part_id)
            .one(&txn)
            .await?
            .ok_or_else(|| ServiceError::validation("parts", format!("no part {part_id}")))?;
        validate::computed_money("parts", found.unit_price * Decimal::from(*quantity))?;
        lines.push((found, *quantity));
    }
    let priced: Vec<PartLine> =
        lines.iter().map(|(p, q)| PartLine { unit_price: p.unit_price, quantity: *q }).collect();
    let service_type = current.service_type.unwrap_or(entity::enums::ServiceType::Paid);
    let amounts = price(
        &settings.policy,
        &priced,
        labour_hours,
        tariff.labour_rate,
        owner.distance_km,
        tariff.travel_rate_per_km,
        discount_percent,
        charges(service_type),
    );
    // Every other amount of the quote is at most its standard total.
    let too_large = if amounts.parts > Decimal::from(validate::MAX_MONEY) { "parts" } else { "labourHours" };
    validate::computed_money(too_large, amounts.standard_total)?;
    let step = Step {
        action: TicketAction::Quote,
        expected_version: version,
        reason: Some(format!("quoted {} (standard {})", amounts.total, amounts.standard_total)),
        data: Some(serde_json::json!({ "total": amounts.total, "needsApproval": amounts.needs_approval })),
    };
    let after = apply_step(&txn, actor, &current, step, <ticket::ActiveModel as Default>::default()).await?;
    // A newer quote supersedes the ones still waiting.
    quote::Entity::update_many()
        .set(quote::ActiveModel {
            status: Set(QuoteStatus::Rejected),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .filter(quote::Column::TicketId.eq(ticket_id))
        .filter(quote::Column::Status.is_in([QuoteStatus::PendingApproval, QuoteStatus::Approved]))
        .exec(&txn)
        .await?;
    let now = Utc::now();
    let created = quote::ActiveModel {
        ticket_id: Set(ticket_id),
        parts_amount: Set(amounts.parts),
        labour_hours: Set(labour_hours),
        labour_rate: Set(tariff.labour_rate),
        labour_amount: Set(amounts.labour),
        travel_amount: Set(amounts.travel),
        standard_total: Set(amounts.standard_total),
        discount_percent: Set(amounts.discount_percent),
        total: Set(amounts.total),
        status: Set(if amounts.needs_approval {
            QuoteStatus::PendingApproval
        } else {
            QuoteStatus::Approved
        }),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (found, quantity) in &lines {
        quote_line::ActiveModel {
            quote_id: Set(created.id),
            part_id: Set(found.id),
            quantity: Set(*quantity),
            unit_price: Set(found.unit_price),
            amount: Set(found.unit_price * Decimal::from(*quantity)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(&txn, Some(actor), AuditEntry::created("quote.create", "quote", created.id, &created))
        .await?;
    txn.commit().await?;
    Ok((after, created))
}

/// The general manager's decision on a quote beyond the allowed discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteDecision {
    /// The customer may now accept it.
    Approve,
    /// The quote is rejected; the ticket stays quoted for a new quote.
    Refuse,
}

/// The general manager approves a quote beyond the allowed discount; the
/// `note`, if any, is kept for the requester.
pub async fn approve_quote(
    db: &DatabaseConnection,
    actor: &Actor,
    quote_id: i64,
    note: Option<&str>,
) -> ServiceResult<(ticket::Model, quote::Model)> {
    let note = validate::optional_text("note", note, 1000)?;
    decide_quote(db, actor, quote_id, QuoteDecision::Approve, note).await
}

/// The general manager refuses a quote beyond the allowed discount, saying
/// why: the quote is rejected and the desk may quote again.
pub async fn refuse_quote(
    db: &DatabaseConnection,
    actor: &Actor,
    quote_id: i64,
    note: &str,
) -> ServiceResult<(ticket::Model, quote::Model)> {
    let note = validate::required_text("note", note, 1000)?;
    decide_quote(db, actor, quote_id, QuoteDecision::Refuse, Some(note)).await
}

async fn decide_quote(
    db: &DatabaseConnection,
    actor: &Actor,
    quote_id: i64,
    decision: QuoteDecision,
    note: Option<String>,
) -> ServiceResult<(ticket::Model, quote::Model)> {
    actor.require_any(QUOTE_APPROVERS)?;
    let txn = begin_write(db).await?;
    let before = quote::Entity::find_by_id(quote_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("quote", quote_id))?;
    let ticket = visible_ticket(&txn, actor, before.ticket_id).await?;
    if before.status != QuoteStatus::PendingApproval {
        return Err(ServiceError::InvalidTransition(format!(
            "quote {quote_id} is {}, not waiting for approval",
            before.status.as_str()
        )));
    }
    let now = Utc::now();
    let (status, action) = match decision {
        QuoteDecision::Approve => (QuoteStatus::Approved, "quote.approve"),
        QuoteDecision::Refuse => (QuoteStatus::Rejected, "quote.refuse"),
    };
    let mut update = quote::Entity::update_many()
        .col_expr(quote::Column::Status, Expr::value(status.as_str()))
        .col_expr(quote::Column::DecisionNote, Expr::value(note))
        .col_expr(quote::Column::UpdatedAt, Expr::value(now))
        .col_expr(quote::Column::Version, Expr::value(before.version + 1));
    if decision == QuoteDecision::Approve {
        update = update
            .col_expr(quote::Column::ApprovedBy, Expr::value(Some(actor.user_id)))
            .col_expr(quote::Column::ApprovedAt, Expr::value(Some(now)));
    }
    // Only the quote as read: a re-quote or another decision in between
    // (PostgreSQL runs them concurrently) makes this a conflict, not a
    // rejected quote approved again.
    let decided = update
        .filter(quote::Column::Id.eq(quote_id))
        .filter(quote::Column::Status.eq(QuoteStatus::PendingApproval))
        .filter(quote::Column::Version.eq(before.version))
        .exec(&txn)
        .await?;
    if decided.rows_affected != 1 {
        return Err(ServiceError::Conflict(format!("quote {quote_id} changed while it was being decided")));
    }
    let after = quote::Entity::find_by_id(quote_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("quote", quote_id))?;
    audit::record(&txn, Some(actor), AuditEntry::changed(action, "quote", quote_id, &before, &after)).await?;
    txn.commit().await?;
    Ok((ticket, after))
}

/// Quotes waiting for the general manager's decision, oldest first (what
/// the approvals inbox lists).
pub async fn awaiting_approval(
    db: &DatabaseConnection,
    actor: &Actor,
    page: PageRequest,
) -> ServiceResult<Page<quote::Model>> {
    actor.require_any(QUOTE_APPROVERS)?;
    let select = quote::Entity::find().filter(quote::Column::Status.eq(QuoteStatus::PendingApproval));
    paginate(db, select, &Sort::by_id("quotesAwaitingApproval", quote::Column::Id), &page).await
}

/// Records the customer's acceptance of the current quote (AGENT,
/// SERVICE_MANAGER); a quote still waiting for the general manager is
/// `APPROVAL_REQUIRED`.
pub async fn accept_quote(
    db: &DatabaseConnection,
    actor: &Actor,
    ticket_id: i64,
    version: i32,
) -> ServiceResult<(ticket::Model, quote::Model)> {
    actor.require_any(DESK)?;
    let txn = begin_write(db).await?;
    let current = visible_ticket(&txn, actor, ticket_id).await?;
    let latest = quote::Entity::find()
        .filter(quote::Column::TicketId.eq(ticket_id))
        .filter(quote::Column::Status.is_in([QuoteStatus::PendingApproval, QuoteStatus::Approved]))
        .order_by_desc(quote::Column::Id)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            ServiceError::InvalidTransition(format!("ticket {} has no open quote", current.number))
        })?;
    if latest.status == QuoteStatus::PendingApproval {
        return Err(ServiceError::ApprovalRequired(format!(
            "the quote of ticket {} is {}% below standard and needs the general manager's approval",
            current.number, latest.discount_percent
        )));
    }
    let step = Step {
        action: TicketAction::ApproveQuote,
        expected_version: version,
        reason: Some(format!("customer accepted quote {}", latest.total)),
        data: None,
    };
    let after = apply_step(&txn, actor, &current, step, <ticket::ActiveModel as Default>::default()).await?;
    let now = Utc::now();
    let accepted = quote::ActiveModel {
        id: Set(latest.id),
        status: Set(QuoteStatus::Accepted),
        customer_accepted_at: Set(Some(now)),
        updated_at: Set(now),
        version: Set(latest.version + 1),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok((after, accepted))
}
