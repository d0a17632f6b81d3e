//! Relay connections over the service's keyset pages.

use async_graphql::connection::{Connection, CursorType, Edge, OpaqueCursor};
use async_graphql::{Context, OutputType, SimpleObject};
use service::pagination::{Page, PageRequest};

use super::error::invalid;

/// The cursor of an edge: the row id, encoded so clients treat it as opaque.
pub type Cursor = OpaqueCursor<i64>;

/// Extra connection fields.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// Number of nodes matching the filter, over all pages.
    pub total_count: u64,
}

/// A list of `Node`s with Relay paging and the total count.
pub type PagedConnection<Node> = Connection<Cursor, Node, ConnectionTotals>;

/// The page the client asked for with `first`/`after`; the total is counted
/// only when the client selects `totalCount` (a COUNT over the whole filter
/// costs more than the page itself on a big table).
pub fn page_request(
    ctx: &Context<'_>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PageRequest> {
    let first =
        first.map(|n| u64::try_from(n).map_err(|_| invalid("first", "must not be negative"))).transpose()?;
    let after = after
        .map(|c| {
            Cursor::decode_cursor(&c)
                .map(|c| c.0)
                .map_err(|_| invalid("after", "is not a cursor of this list"))
        })
        .transpose()?;
    let with_total = ctx.look_ahead().field("totalCount").exists();
    Ok(PageRequest { first, after, with_total })
}

/// Builds the connection from a page, with each row's id as cursor.
pub fn connection<M, Node: OutputType>(
    page: Page<M>,
    request: &PageRequest,
    id_of: impl Fn(&M) -> i64,
    to_node: impl Fn(M) -> Node,
) -> PagedConnection<Node> {
    let mut conn = Connection::with_additional_fields(
        request.after.is_some(),
        page.has_next_page,
        ConnectionTotals { total_count: page.total_count },
    );
    conn.edges = page.items.into_iter().map(|m| Edge::new(OpaqueCursor(id_of(&m)), to_node(m))).collect();
    conn
}
