//! Keyset pagination over id order: stable under inserts, cheap on large
//! tables (an index seek instead of OFFSET), with the total count.

use sea_orm::sea_query::Value;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select, Statement,
};

use crate::error::{ServiceError, ServiceResult};
use crate::positional::{Positional, select_columns};

/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: u64 = 200;
/// Page size when the client does not say.
pub const DEFAULT_PAGE_SIZE: u64 = 50;

/// Which page: up to `first` rows after the row with id `after`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageRequest {
    pub first: Option<u64>,
    pub after: Option<i64>,
    /// Count every row of the filter too (`total_count`; else 0).
    pub with_total: bool,
}

/// One page of rows in id order.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_next_page: bool,
    /// Every row of the filter; 0 unless the request asked for it.
    pub total_count: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            has_next_page: self.has_next_page,
            total_count: self.total_count,
        }
    }
}

impl PageRequest {
    /// The page size, checked against the limits.
    pub fn size(&self) -> ServiceResult<u64> {
        match self.first {
            None => Ok(DEFAULT_PAGE_SIZE),
            Some(0) => Err(ServiceError::validation("first", "must be at least 1")),
            Some(n) if n > MAX_PAGE_SIZE => {
                Err(ServiceError::validation("first", format!("must be at most {MAX_PAGE_SIZE}")))
            }
            Some(n) => Ok(n),
        }
    }
}

/// Runs `select` (already filtered) as one page ordered by `id_column`.
pub async fn paginate<E, C>(
    db: &C,
    select: Select<E>,
    id_column: E::Column,
    request: PageRequest,
) -> ServiceResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    C: ConnectionTrait,
{
    let total_count = count_if_asked(db, &select, request).await?;
    let (window, size) = keyset_window(select, id_column, request)?;
    let statement = with_literal_limit(window.build(db.get_database_backend()));
    let items = E::find().from_raw_sql(statement).all(db).await?;
    Ok(Page::from_window(items, size, total_count))
}

/// [`paginate`] for the hot lists: the rows are read by column position
/// ([`Positional`]) instead of by name.
pub async fn paginate_positional<M, C>(
    db: &C,
    select: Select<M::Entity>,
    id_column: <M::Entity as EntityTrait>::Column,
    request: PageRequest,
) -> ServiceResult<Page<M>>
where
    M: Positional,
    <M::Entity as EntityTrait>::Model: Send + Sync,
    C: ConnectionTrait,
{
    let total_count = count_if_asked(db, &select, request).await?;
    let (window, size) = keyset_window(select_columns::<M, _>(select.select_only())?, id_column, request)?;
    let rows = db.query_all_raw(with_literal_limit(window.build(db.get_database_backend()))).await?;
    let items = rows.iter().map(|row| M::decode(row, 0)).collect::<Result<_, _>>()?;
    Ok(Page::from_window(items, size, total_count))
}

/// Every row of the filter when the request asks for the total, else 0.
pub async fn count_if_asked<E, C>(db: &C, select: &Select<E>, request: PageRequest) -> ServiceResult<u64>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    C: ConnectionTrait,
{
    Ok(if request.with_total { select.clone().count(db).await? } else { 0 })
}

/// The rows of the page and one more (to tell whether another page
/// follows), in `id_column` order; joins can be added before it runs.
pub fn keyset_window<E: EntityTrait>(
    select: Select<E>,
    id_column: E::Column,
    request: PageRequest,
) -> ServiceResult<(Select<E>, u64)> {
    let size = request.size()?;
    let mut window = select.order_by_asc(id_column).limit(size + 1);
    if let Some(after) = request.after {
        window = window.filter(id_column.gt(after));
    }
    Ok((window, size))
}

/// The statement with its trailing LIMIT written into the SQL instead of
/// bound. PostgreSQL cannot tell a bound LIMIT of 51 from one of a million,
/// so it plans such a statement anew on every execution; with the number
/// in the SQL, a connection plans each page query once and reuses the plan
/// (for a page with joins, planning cost more than running it).
pub fn with_literal_limit(mut statement: Statement) -> Statement {
    let Some(values) = statement.values.as_mut() else { return statement };
    let Some(Value::BigUnsigned(Some(limit))) = values.0.last().cloned() else { return statement };
    let placeholder = match statement.db_backend {
        DbBackend::Postgres => format!(" LIMIT ${}", values.0.len()),
        _ => " LIMIT ?".to_owned(),
    };
    if let Some(head) = statement.sql.strip_suffix(&placeholder) {
        statement.sql = format!("{head} LIMIT {limit}");
        values.0.pop();
    }
    statement
}

impl<T> Page<T> {
    /// The page from a window read by [`keyset_window`].
    pub fn from_window(mut items: Vec<T>, size: u64, total_count: u64) -> Self {
        let has_next_page = items.len() as u64 > size;
        items.truncate(size as usize);
        Page { items, has_next_page, total_count }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entity::ticket;

    #[test]
    fn page_size_defaults_and_is_bounded() {
        assert_eq!(PageRequest::default().size().ok(), Some(DEFAULT_PAGE_SIZE));
        let zero = PageRequest { first: Some(0), after: None, with_total: true };
        assert_eq!(zero.size().unwrap_err().field(), Some("first"));
        let huge = PageRequest { first: Some(MAX_PAGE_SIZE + 1), after: None, with_total: true };
        assert!(huge.size().is_err());
    }

    #[test]
    fn the_page_limit_is_written_into_the_sql() {
        let request = PageRequest { first: Some(50), after: Some(7), with_total: false };
        for backend in [DbBackend::Postgres, DbBackend::Sqlite] {
            let (window, _) =
                keyset_window(ticket::Entity::find(), ticket::Column::Id, request).expect("a window");
            let statement = with_literal_limit(window.build(backend));
            assert!(statement.sql.ends_with(" LIMIT 51"), "{}", statement.sql);
            let values = statement.values.expect("the cursor is still bound").0;
            assert_eq!(values, vec![Value::BigInt(Some(7))], "only the cursor is bound");
        }
    }
}
