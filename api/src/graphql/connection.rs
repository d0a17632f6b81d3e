//! Relay connections over the service's keyset pages.

use async_graphql::connection::{Connection, CursorType, Edge, OpaqueCursor};
use async_graphql::{Context, OutputType, SimpleObject};
use service::pagination::{self, Page, PageRequest};

use super::error::invalid;

/// The cursor of an edge: the row's place in the list's ordering (its sort
/// key and id), encoded so clients treat it as opaque.
pub type Cursor = OpaqueCursor<pagination::Cursor>;

/// Extra connection fields.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// Number of nodes matching the filter, over all pages.
    pub total_count: u64,
}

/// A list of `Node`s with Relay paging and the total count.
pub type PagedConnection<Node> = Connection<Cursor, Node, ConnectionTotals>;

/// The paging arguments of a list: forward with `first`/`after`, or
/// backward with `last`/`before`.
#[derive(Debug, Default)]
pub struct Paging {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// The page the client asked for with `first`/`after` (lists that page
/// forward only).
pub fn page_request(
    ctx: &Context<'_>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PageRequest> {
    paged(ctx, Paging { first, after, ..Paging::default() })
}

/// The page the client asked for; the total is counted only when the
/// client selects `totalCount` (a COUNT over the whole filter costs more
/// than the page itself on a big table).
pub fn paged(ctx: &Context<'_>, paging: Paging) -> async_graphql::Result<PageRequest> {
    let request = PageRequest {
        first: count("first", paging.first)?,
        after: decode("after", paging.after)?,
        last: count("last", paging.last)?,
        before: decode("before", paging.before)?,
        with_total: ctx.look_ahead().field("totalCount").exists(),
    };
    // Sizes and directions are checked before any query runs.
    request.size().map_err(super::error::to_gql_error)?;
    Ok(request)
}

fn count(field: &str, n: Option<i32>) -> async_graphql::Result<Option<u64>> {
    n.map(|n| u64::try_from(n).map_err(|_| invalid(field, "must not be negative"))).transpose()
}

fn decode(field: &str, cursor: Option<String>) -> async_graphql::Result<Option<pagination::Cursor>> {
    cursor
        .map(|c| {
            Cursor::decode_cursor(&c).map(|c| c.0).map_err(|_| invalid(field, "is not a cursor of this list"))
        })
        .transpose()
}

/// Builds the connection from a page, each row with its cursor.
pub fn connection<M, Node: OutputType>(page: Page<M>, to_node: impl Fn(M) -> Node) -> PagedConnection<Node> {
    let mut conn = Connection::with_additional_fields(
        page.has_previous_page,
        page.has_next_page,
        ConnectionTotals { total_count: page.total_count },
    );
    conn.edges = page
        .items
        .into_iter()
        .zip(page.cursors)
        .map(|(m, c)| Edge::new(OpaqueCursor(c), to_node(m)))
        .collect();
    conn
}
