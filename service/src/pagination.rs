//! Keyset pagination over id order: stable under inserts, cheap on large
//! tables (an index seek instead of OFFSET), with the total count.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::error::{ServiceError, ServiceResult};

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
    let size = request.size()?;
    let total_count = if request.with_total { select.clone().count(db).await? } else { 0 };
    let mut query = select.order_by_asc(id_column).limit(size + 1);
    if let Some(after) = request.after {
        query = query.filter(id_column.gt(after));
    }
    let mut items = query.all(db).await?;
    let has_next_page = items.len() as u64 > size;
    items.truncate(size as usize);
    Ok(Page { items, has_next_page, total_count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_defaults_and_is_bounded() {
        assert_eq!(PageRequest::default().size().ok(), Some(DEFAULT_PAGE_SIZE));
        let zero = PageRequest { first: Some(0), after: None, with_total: true };
        assert_eq!(zero.size().unwrap_err().field(), Some("first"));
        let huge = PageRequest { first: Some(MAX_PAGE_SIZE + 1), after: None, with_total: true };
        assert!(huge.size().is_err());
    }
}
