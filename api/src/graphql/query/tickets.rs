//! Reading tickets and entitlement.

use async_graphql::{Context, ID, InputObject, Lookahead, Object};
use chrono::{DateTime, NaiveDate, Utc};
use service::usecase::master::engineers;
use service::usecase::tickets::reading::TicketKey;
use service::usecase::tickets::{dispatch, entitlement, quotes, reading};

use crate::graphql::connection::{PagedConnection, Paging, connection, page_request, paged};
use crate::graphql::context::{actor, db, state};
use crate::graphql::error::{GqlResult, invalid};
use crate::graphql::ids::{Kind, decode, decode_opt};
use crate::graphql::ordering::TicketOrder;
use crate::graphql::types::catalogue::Engineer;
use crate::graphql::types::enums::TicketStatus;
use crate::graphql::types::ticket::{Quote, Ticket, WarrantyStatus};

#[derive(Default)]
pub struct TicketQuery;

/// Which tickets to list.
#[derive(InputObject, Default)]
pub struct TicketFilter {
    /// Any of these states.
    #[graphql(default)]
    pub states: Vec<TicketStatus>,
    /// Dispatched to this engineer (user id).
    pub engineer_id: Option<ID>,
    /// Only my tickets: those dispatched to me (an engineer's jobs) or
    /// reported by me (an agent's).
    #[graphql(default)]
    pub mine: bool,
    /// Only tickets of this dealer (代理商).
    pub dealer_id: Option<ID>,
    /// Only tickets of this customer (客户).
    pub customer_id: Option<ID>,
    /// Start of the unit's serial number.
    pub serial: Option<String>,
    /// The customer's province (region), e.g. `江苏`.
    pub region: Option<String>,
    /// Past the reply or arrival deadline (true) or not (false).
    pub overdue: Option<bool>,
    /// Reported at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Reported before.
    pub created_to: Option<DateTime<Utc>>,
    /// Part of the ticket number or the fault description.
    pub text: Option<String>,
}

#[Object]
impl TicketQuery {
    /// One ticket, by id or by number (give exactly one). Another dealer's
    /// ticket is `NOT_FOUND` for a dealer user.
    async fn ticket(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Ticket id.")] id: Option<ID>,
        #[graphql(desc = "Ticket number (报修单号), e.g. `SR-2026-000123`.")] number: Option<String>,
    ) -> async_graphql::Result<Ticket> {
        let actor = actor(ctx)?;
        let id = id.map(|id| decode(Kind::Ticket, &id, "id")).transpose()?;
        let key = match (id, number.as_deref()) {
            (Some(id), None) => TicketKey::Id(id),
            (None, Some(number)) => TicketKey::Number(number),
            _ => return Err(invalid("id", "give either id or number")),
        };
        let with_parties = asks_for_parties(ctx.look_ahead());
        reading::read_ticket(db(ctx), actor, key, with_parties).await.gql().map(Ticket::from)
    }

    /// Tickets, in the order asked for (default: as recorded), forward
    /// (`first`/`after`) or backward (`last`/`before`). Dealer users see
    /// their own dealer's.
    // Each argument is one of the list's GraphQL arguments (filter, order,
    // four paging ones): the API's shape, not a parameter list to shorten.
    #[allow(clippy::too_many_arguments)]
    async fn tickets(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which tickets to list.")] filter: Option<TicketFilter>,
        #[graphql(desc = "The order (default: as recorded); ties by id.")] order_by: Option<TicketOrder>,
        #[graphql(desc = "Page size going forward, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
        #[graphql(desc = "Page size going backward, 1–200: the rows just before `before`.")] last: Option<
            i32,
        >,
        #[graphql(desc = "Cursor of the first edge of the next page, to page backward.")] before: Option<
            String,
        >,
    ) -> async_graphql::Result<PagedConnection<Ticket>> {
        let actor = actor(ctx)?;
        let request = paged(ctx, Paging { first, after, last, before })?;
        let f = filter.unwrap_or_default();
        let filter = reading::TicketFilter {
            statuses: f.states.into_iter().map(Into::into).collect(),
            engineer_id: decode_opt(Kind::User, f.engineer_id.as_ref(), "filter.engineerId")?,
            mine: f.mine,
            dealer_id: decode_opt(Kind::Dealer, f.dealer_id.as_ref(), "filter.dealerId")?,
            customer_id: decode_opt(Kind::Customer, f.customer_id.as_ref(), "filter.customerId")?,
            serial_prefix: f.serial,
            region: f.region,
            overdue: f.overdue,
            reported_from: f.created_from,
            reported_to: f.created_to,
            text: f.text,
        };
        let with_parties = asks_for_parties(ctx.look_ahead().field("edges").field("node"));
        let page = reading::list_tickets(
            db(ctx),
            actor,
            filter,
            TicketOrder::or_recorded(order_by),
            request,
            with_parties,
        )
        .await
        .gql()?;
        Ok(connection(page, Ticket::from))
    }

    /// Quotes more than the allowed discount below standard, waiting for
    /// the general manager's decision, oldest first (GENERAL_MANAGER): the
    /// approvals inbox.
    async fn quotes_awaiting_approval(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Quote>> {
        let request = page_request(ctx, first, after)?;
        let page = quotes::awaiting_approval(db(ctx), actor(ctx)?, request).await.gql()?;
        Ok(connection(page, Quote::from))
    }

    /// Whom the dispatch rotation would choose for the ticket now, without
    /// taking the turn (AGENT, SERVICE_MANAGER): the dispatch form's
    /// suggestion. Null when no engineer with the skill is free.
    async fn dispatch_suggestion(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Ticket id.")] ticket_id: ID,
    ) -> async_graphql::Result<Option<Engineer>> {
        let actor = actor(ctx)?;
        let id = decode(Kind::Ticket, &ticket_id, "ticketId")?;
        let Some(chosen) = dispatch::suggest_engineer(db(ctx), actor, id).await.gql()? else {
            return Ok(None);
        };
        engineers::get_engineer(db(ctx), actor, chosen).await.gql().map(|e| Some(Engineer::from(e)))
    }

    /// In or out of warranty on a date (default today in the business time
    /// zone), under which policy or contract, until when, and why not.
    async fn warranty_status(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Serial number of the unit (设备编号 / 序列号).")] serial_number: String,
        #[graphql(desc = "The date to check; default today in the business time zone.")] on: Option<
            NaiveDate,
        >,
    ) -> async_graphql::Result<WarrantyStatus> {
        let actor = actor(ctx)?;
        let on =
            on.unwrap_or_else(|| Utc::now().with_timezone(&state(ctx).settings.business_tz()).date_naive());
        entitlement::warranty_status(db(ctx), actor, &serial_number, on).await.gql().map(WarrantyStatus::from)
    }
}

/// Does the selection on a ticket ask for its customer, unit or engineer?
/// Then they are joined into the ticket's query instead of loaded after it.
fn asks_for_parties(ticket: Lookahead<'_>) -> bool {
    ["customer", "unit", "engineer"].into_iter().any(|party| ticket.field(party).exists())
}
