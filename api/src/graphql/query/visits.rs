//! The return-visit work list.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::Utc;
use service::usecase::visits;

use crate::graphql::connection::{PagedConnection, Paging, connection, paged};
use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode_opt};
use crate::graphql::ordering::ReturnVisitOrder;
use crate::graphql::types::enums::VisitKind;
use crate::graphql::types::visit::ReturnVisit;

#[derive(Default)]
pub struct VisitQuery;

/// Which return visits to list.
#[derive(InputObject, Default)]
pub struct ReturnVisitFilter {
    /// Not yet made and due within 24 hours (or already due).
    #[graphql(default)]
    pub due: bool,
    /// Not yet made and past the deadline.
    #[graphql(default)]
    pub overdue: bool,
    /// Assigned to this agent.
    pub agent_id: Option<ID>,
    /// Only this kind.
    pub kind: Option<VisitKind>,
    /// Only for this ticket.
    pub ticket_id: Option<ID>,
    /// Made (true) or still open (false).
    pub visited: Option<bool>,
}

#[Object]
impl VisitQuery {
    /// The return-visit work list, in the order asked for (default: as
    /// recorded), forward or backward (AGENT, SERVICE_MANAGER).
    // Each argument is one of the list's GraphQL arguments (filter, order,
    // four paging ones): the API's shape, not a parameter list to shorten.
    #[allow(clippy::too_many_arguments)]
    async fn return_visits(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which visits.")] filter: Option<ReturnVisitFilter>,
        #[graphql(desc = "The order (default: as recorded); ties by id.")] order_by: Option<ReturnVisitOrder>,
        #[graphql(desc = "Page size going forward, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
        #[graphql(desc = "Page size going backward, 1–200: the rows just before `before`.")] last: Option<
            i32,
        >,
        #[graphql(desc = "Cursor of the first edge of the next page, to page backward.")] before: Option<
            String,
        >,
    ) -> async_graphql::Result<PagedConnection<ReturnVisit>> {
        let request = paged(ctx, Paging { first, after, last, before })?;
        let f = filter.unwrap_or_default();
        let filter = visits::VisitFilter {
            due: f.due,
            overdue: f.overdue,
            agent_id: decode_opt(Kind::User, f.agent_id.as_ref(), "filter.agentId")?,
            kind: f.kind.map(Into::into),
            ticket_id: decode_opt(Kind::Ticket, f.ticket_id.as_ref(), "filter.ticketId")?,
            visited: f.visited,
        };
        let page = visits::list(
            db(ctx),
            actor(ctx)?,
            filter,
            ReturnVisitOrder::or_recorded(order_by),
            request,
            Utc::now(),
        )
        .await
        .gql()?;
        Ok(connection(page, ReturnVisit))
    }
}
