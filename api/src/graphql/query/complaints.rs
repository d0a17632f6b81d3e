//! Reading complaints.

use async_graphql::{Context, ID, InputObject, Object};
use service::usecase::complaints;

use crate::graphql::connection::{PagedConnection, Paging, connection, paged};
use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::ordering::ComplaintOrder;
use crate::graphql::types::complaint::Complaint;
use crate::graphql::types::enums::{ComplaintCategory, ComplaintStatus, Severity};

#[derive(Default)]
pub struct ComplaintQuery;

/// Which complaints to list.
#[derive(InputObject, Default)]
pub struct ComplaintFilter {
    /// Only in this state.
    pub status: Option<ComplaintStatus>,
    /// Only of this category.
    pub category: Option<ComplaintCategory>,
    /// Only of this severity.
    pub severity: Option<Severity>,
    /// Only about this ticket.
    pub ticket_id: Option<ID>,
    /// Only from this customer.
    pub customer_id: Option<ID>,
    /// Only quality complaints past their routing deadline, not yet taken.
    #[graphql(default)]
    pub routing_overdue: bool,
}

#[Object]
impl ComplaintQuery {
    /// One complaint (AGENT, SERVICE_MANAGER, QUALITY, GENERAL_MANAGER).
    async fn complaint(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Complaint id.")] id: ID,
    ) -> async_graphql::Result<Complaint> {
        let id = decode(Kind::Complaint, &id, "id")?;
        complaints::get(db(ctx), actor(ctx)?, id).await.gql().map(Complaint)
    }

    /// Complaints, in the order asked for (default: as recorded), forward or
    /// backward (AGENT, SERVICE_MANAGER, QUALITY, GENERAL_MANAGER).
    // Each argument is one of the list's GraphQL arguments (filter, order,
    // four paging ones): the API's shape, not a parameter list to shorten.
    #[allow(clippy::too_many_arguments)]
    async fn complaints(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which complaints.")] filter: Option<ComplaintFilter>,
        #[graphql(desc = "The order (default: as recorded); ties by id.")] order_by: Option<ComplaintOrder>,
        #[graphql(desc = "Page size going forward, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
        #[graphql(desc = "Page size going backward, 1–200: the rows just before `before`.")] last: Option<
            i32,
        >,
        #[graphql(desc = "Cursor of the first edge of the next page, to page backward.")] before: Option<
            String,
        >,
    ) -> async_graphql::Result<PagedConnection<Complaint>> {
        let request = paged(ctx, Paging { first, after, last, before })?;
        let f = filter.unwrap_or_default();
        let filter = complaints::ComplaintFilter {
            status: f.status.map(Into::into),
            category: f.category.map(Into::into),
            severity: f.severity.map(Into::into),
            ticket_id: f.ticket_id.map(|id| decode(Kind::Ticket, &id, "filter.ticketId")).transpose()?,
            customer_id: f
                .customer_id
                .map(|id| decode(Kind::Customer, &id, "filter.customerId"))
                .transpose()?,
            routing_overdue: f.routing_overdue,
        };
        let page =
            complaints::list(db(ctx), actor(ctx)?, filter, ComplaintOrder::or_recorded(order_by), request)
                .await
                .gql()?;
        Ok(connection(page, Complaint))
    }
}
