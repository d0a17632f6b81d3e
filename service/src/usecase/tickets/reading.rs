//! Reading tickets: one by id or number, and filtered pages.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, JoinType, QueryFilter,
    QueryResult, QuerySelect, QueryTrait, RelationTrait, Select,
};

use entity::enums::TicketStatus;
use entity::{customer, engineer, ticket, unit, user};

use super::visible_ticket;
use crate::auth::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::ordering::TicketOrder;
use crate::pagination::{OrderBy, Page, PageRequest, count_if_asked, with_literal_limit};
use crate::positional::{RowReader, select_columns};
use crate::rules::sla;
use crate::text_search;

/// Which tickets to list.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub statuses: Vec<TicketStatus>,
    pub engineer_id: Option<i64>,
    /// Only the acting user's: dispatched to it (an engineer's jobs) or reported by it (the desk's).
    pub mine: bool,
    pub dealer_id: Option<i64>,
    pub customer_id: Option<i64>,
    /// Start of the unit's serial number.
    pub serial_prefix: Option<String>,
    /// The customer's province (region), exactly.
    pub region: Option<String>,
    /// Only tickets that missed their reply or arrival deadline, kept late
    /// or not kept (or only those that did not): `rules::sla::overdue`.
    pub overdue: Option<bool>,
    pub reported_from: Option<DateTime<Utc>>,
    pub reported_to: Option<DateTime<Utc>>,
    /// Part of the number or the fault description.
    pub text: Option<String>,
}

/// A ticket and, when asked for, the parties every ticket view shows
/// beside it, read in the same query as the ticket.
#[derive(Debug, Clone)]
pub struct TicketRead {
    pub ticket: ticket::Model,
    pub parties: Option<TicketParties>,
}

/// The customer, the unit and the dispatched engineer of a ticket.
#[derive(Debug, Clone)]
pub struct TicketParties {
    pub customer: Option<customer::Model>,
    pub unit: Option<unit::Model>,
    /// The engineer's profile row and user, when one is dispatched.
    pub engineer: Option<(engineer::Model, user::Model)>,
}

/// Which ticket to read.
#[derive(Debug, Clone, Copy)]
pub enum TicketKey<'a> {
    Id(i64),
    /// 报修单号.
    Number(&'a str),
}

pub async fn get_ticket(db: &DatabaseConnection, actor: &Actor, id: i64) -> ServiceResult<ticket::Model> {
    visible_ticket(db, actor, id).await
}

/// One ticket by id or number, with its parties in the same query when
/// `with_parties`.
pub async fn read_ticket(
    db: &DatabaseConnection,
    actor: &Actor,
    key: TicketKey<'_>,
    with_parties: bool,
) -> ServiceResult<TicketRead> {
    actor.require_staff_or_dealer()?;
    let select = match key {
        TicketKey::Id(id) => ticket::Entity::find_by_id(id),
        TicketKey::Number(number) => ticket::Entity::find().filter(ticket::Column::Number.eq(number.trim())),
    };
    read_with_parties(db, select, with_parties)
        .await?
        .into_iter()
        .next()
        .filter(|t| actor.can_see_dealer_record(t.ticket.dealer_id))
        .ok_or_else(|| match key {
            TicketKey::Id(id) => ServiceError::not_found("ticket", id),
            TicketKey::Number(number) => ServiceError::not_found("ticket", number.trim()),
        })
}

/// Runs `select`, joining customer, unit and engineer when `with_parties`:
/// one round trip instead of one per party. Rows are read by column
/// position ([`positional`]). A page's LIMIT goes into the SQL as a number,
/// so PostgreSQL keeps the joined query's plan.
async fn read_with_parties(
    db: &DatabaseConnection,
    select: Select<ticket::Entity>,
    with_parties: bool,
) -> ServiceResult<Vec<TicketRead>> {
    let mut select = select_columns::<ticket::Model, _>(select.select_only())?;
    if with_parties {
        select = select
            .join(JoinType::LeftJoin, ticket::Relation::Customer.def())
            .join(JoinType::LeftJoin, ticket::Relation::Unit.def())
            .join(JoinType::LeftJoin, ticket::Relation::Engineer.def())
            .join(JoinType::LeftJoin, engineer::Relation::User.def());
        select = select_columns::<customer::Model, _>(select)?;
        select = select_columns::<unit::Model, _>(select)?;
        select = select_columns::<engineer::Model, _>(select)?;
        select = select_columns::<user::Model, _>(select)?;
    }
    let rows = db.query_all_raw(with_literal_limit(select.build(db.get_database_backend()))).await?;
    let read = |row: &QueryResult| -> Result<TicketRead, DbErr> {
        let mut columns = RowReader::new(row);
        let ticket = columns.read::<ticket::Model>()?;
        if !with_parties {
            return Ok(TicketRead { ticket, parties: None });
        }
        let customer = columns.read_joined()?;
        let unit = columns.read_joined()?;
        let engineer = columns.read_joined::<engineer::Model>()?;
        let user = columns.read_joined::<user::Model>()?;
        Ok(TicketRead {
            ticket,
            parties: Some(TicketParties { customer, unit, engineer: engineer.zip(user) }),
        })
    };
    Ok(rows.iter().map(read).collect::<Result<_, _>>()?)
}

pub async fn list_tickets(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: TicketFilter,
    order: OrderBy<TicketOrder>,
    page: PageRequest,
    with_parties: bool,
) -> ServiceResult<Page<TicketRead>> {
    actor.require_staff_or_dealer()?;
    let mut select = ticket::Entity::find();
    if let Some(own) = actor.dealer_scope() {
        select = select.filter(ticket::Column::DealerId.eq(own));
    }
    if !filter.statuses.is_empty() {
        select = select.filter(ticket::Column::Status.is_in(filter.statuses));
    }
    if let Some(id) = filter.engineer_id {
        select = select.filter(ticket::Column::EngineerId.eq(id));
    }
    if filter.mine {
        // An engineer's jobs; for the desk, the tickets it took.
        select = select.filter(
            Condition::any()
                .add(ticket::Column::EngineerId.eq(actor.user_id))
                .add(ticket::Column::CreatedBy.eq(actor.user_id)),
        );
    }
    if let Some(id) = filter.dealer_id {
        select = select.filter(ticket::Column::DealerId.eq(id));
    }
    if let Some(id) = filter.customer_id {
        select = select.filter(ticket::Column::CustomerId.eq(id));
    }
    if let Some(prefix) = filter.serial_prefix.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(
            ticket::Column::UnitId.in_subquery(
                Query::select()
                    .column(unit::Column::Id)
                    .from(unit::Entity)
                    .and_where(text_search::starts_with(unit::Column::SerialNumber, prefix))
                    .to_owned(),
            ),
        );
    }
    if let Some(region) = filter.region.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(
            ticket::Column::CustomerId.in_subquery(
                Query::select()
                    .column(customer::Column::Id)
                    .from(customer::Entity)
                    .and_where(customer::Column::Province.eq(region))
                    .to_owned(),
            ),
        );
    }
    match filter.overdue {
        Some(true) => select = select.filter(sla::sql::overdue(ticket::Entity, Utc::now())),
        Some(false) => select = select.filter(sla::sql::overdue(ticket::Entity, Utc::now()).not()),
        None => {}
    }
    if let Some(from) = filter.reported_from {
        select = select.filter(ticket::Column::ReportedAt.gte(from));
    }
    if let Some(to) = filter.reported_to {
        select = select.filter(ticket::Column::ReportedAt.lt(to));
    }
    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        select = select.filter(
            Condition::any()
                .add(text_search::contains(ticket::Column::Number, text))
                .add(text_search::contains(ticket::Column::FaultDescription, text)),
        );
    }
    let total_count = count_if_asked(db, &select, &page).await?;
    let sort = order.sort();
    let (window, size) = sort.window(select, &page)?;
    let rows = read_with_parties(db, window, with_parties).await?;
    Page::from_window(rows, &sort, &page, size, total_count, |read| &read.ticket)
}
