//! The return-visit work list (回访): what is due, what is overdue, whose;
//! and the periodic care visits of key customers.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use entity::enums::{Role, VisitKind};
use entity::{care_schedule, customer, return_visit};

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::config::Settings;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::ordering::VisitOrder;
use crate::pagination::{OrderBy, Page, PageRequest, paginate};
use crate::rules::calendar::Calendar;
use crate::rules::validate;
use crate::rules::visits::{MAX_CARE_INTERVAL_DAYS, care_due};

/// Which visits to list.
#[derive(Debug, Clone, Default)]
pub struct VisitFilter {
    /// Not yet made and due within the next 24 hours (or already due).
    pub due: bool,
    /// Not yet made and past the deadline.
    pub overdue: bool,
    /// Assigned to this agent.
    pub agent_id: Option<i64>,
    pub kind: Option<VisitKind>,
    pub ticket_id: Option<i64>,
    /// Made (true) or still open (false).
    pub visited: Option<bool>,
}

/// Return visits in the order asked for (AGENT, SERVICE_MANAGER).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: VisitFilter,
    order: OrderBy<VisitOrder>,
    page: PageRequest,
    now: DateTime<Utc>,
) -> ServiceResult<Page<return_visit::Model>> {
    actor.require_any(&[Role::Agent, Role::ServiceManager])?;
    let mut select = return_visit::Entity::find();
    if filter.due {
        select = select
            .filter(return_visit::Column::VisitedAt.is_null())
            .filter(return_visit::Column::DueAt.lte(now + Duration::hours(24)));
    }
    if filter.overdue {
        select = select
            .filter(return_visit::Column::VisitedAt.is_null())
            .filter(return_visit::Column::DueAt.lt(now));
    }
    if let Some(agent_id) = filter.agent_id {
        select = select.filter(return_visit::Column::AgentId.eq(agent_id));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(return_visit::Column::Kind.eq(kind));
    }
    if let Some(ticket_id) = filter.ticket_id {
        select = select.filter(return_visit::Column::TicketId.eq(ticket_id));
    }
    match filter.visited {
        Some(true) => select = select.filter(return_visit::Column::VisitedAt.is_not_null()),
        Some(false) => select = select.filter(return_visit::Column::VisitedAt.is_null()),
        None => {}
    }
    paginate(db, select, &order.sort(), &page).await
}

/// Puts a key customer on periodic care visits, or changes their interval
/// and next date (SERVICE_MANAGER). One schedule per customer.
pub async fn schedule_care(
    db: &DatabaseConnection,
    actor: &Actor,
    customer_id: i64,
    interval_days: i64,
    first_due_on: NaiveDate,
) -> ServiceResult<care_schedule::Model> {
    actor.require_any(&[Role::ServiceManager])?;
    let interval = validate::in_range("intervalDays", interval_days, 1, MAX_CARE_INTERVAL_DAYS)? as i32;
    let txn = begin_write(db).await?;
    customer::Entity::find_by_id(customer_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::validation("customerId", format!("no customer {customer_id}")))?;
    let now = Utc::now();
    let existing = care_schedule::Entity::find()
        .filter(care_schedule::Column::CustomerId.eq(customer_id))
        .one(&txn)
        .await?;
    let saved = match existing {
        Some(before) => {
            let after = care_schedule::ActiveModel {
                id: Set(before.id),
                interval_days: Set(interval),
                next_due_on: Set(first_due_on),
                active: Set(true),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(&txn)
            .await?;
            audit::record(
                &txn,
                Some(actor),
                AuditEntry::changed("care.schedule", "care_schedule", after.id, &before, &after),
            )
            .await?;
            after
        }
        None => {
            let created = care_schedule::ActiveModel {
                customer_id: Set(customer_id),
                interval_days: Set(interval),
                next_due_on: Set(first_due_on),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            audit::record(
                &txn,
                Some(actor),
                AuditEntry::created("care.schedule", "care_schedule", created.id, &created),
            )
            .await?;
            created
        }
    };
    txn.commit().await?;
    Ok(saved)
}

/// Opens the care visits that have come due: one visit per schedule, due
/// by the end of its day. Each schedule moves on with a guarded update, so
/// of several workers sweeping at once only one opens the visit.
pub async fn open_care_visits(
    db: &DatabaseConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let calendar = Calendar::new(settings.business_tz(), std::collections::HashMap::new());
    let today = now.with_timezone(&settings.business_tz()).date_naive();
    let due = care_schedule::Entity::find()
        .filter(care_schedule::Column::Active.eq(true))
        .filter(care_schedule::Column::NextDueOn.lte(today))
        .all(db)
        .await?;
    let mut opened = 0;
    for schedule in due {
        let Some((visit_on, next)) = care_due(schedule.next_due_on, i64::from(schedule.interval_days), today)
        else {
            continue;
        };
        let txn = begin_write(db).await?;
        let moved = care_schedule::Entity::update_many()
            .col_expr(care_schedule::Column::NextDueOn, Expr::value(next))
            .col_expr(care_schedule::Column::UpdatedAt, Expr::value(now))
            .filter(care_schedule::Column::Id.eq(schedule.id))
            .filter(care_schedule::Column::NextDueOn.eq(schedule.next_due_on))
            .exec(&txn)
            .await?;
        if moved.rows_affected != 1 {
            continue;
        }
        return_visit::ActiveModel {
            customer_id: Set(schedule.customer_id),
            kind: Set(VisitKind::Care),
            due_at: Set(calendar.start_of_day(visit_on + Duration::days(1))),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        opened += 1;
    }
    Ok(opened)
}
