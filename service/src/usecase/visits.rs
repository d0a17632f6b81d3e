//! The return-visit work list (回访): what is due, what is overdue, whose.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use entity::enums::{Role, VisitKind};
use entity::return_visit;

use crate::auth::Actor;
use crate::error::ServiceResult;
use crate::pagination::{Page, PageRequest, paginate};

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

/// Return visits, oldest first (AGENT, SERVICE_MANAGER).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: VisitFilter,
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
    paginate(db, select, return_visit::Column::Id, page).await
}
