//! Keyset pagination: stable under inserts, cheap on large tables (an index
//! seek instead of OFFSET), with the total count.
//!
//! A list is ordered by one key column in either direction (or by id
//! alone), ties broken by id, so every row has one place. A page is read
//! forward (`first`/`after`) or backward (`last`/`before`) from a
//! [`Cursor`]: the sort key and id of the row it starts from, and the name
//! of the ordering it belongs to, so a cursor of another ordering is
//! refused instead of giving a wrong page. A NULL key sorts after every
//! value (last going up, first going down), on both backends.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, NullOrdering, Order, Value};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, ModelTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select, Statement,
};
use serde::{Deserialize, Serialize};

use crate::error::{ServiceError, ServiceResult};
use crate::positional::{Positional, select_columns};

/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: u64 = 200;
/// Page size when the client does not say.
pub const DEFAULT_PAGE_SIZE: u64 = 50;

/// Which way a list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortDirection {
    #[default]
    Asc,
    Desc,
}

impl SortDirection {
    fn name(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// What a sort key column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Time,
    Date,
    Text,
}

/// A row's sort key, as its cursor carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyValue {
    #[serde(rename = "t")]
    Time(DateTime<Utc>),
    #[serde(rename = "d")]
    Date(NaiveDate),
    #[serde(rename = "s")]
    Text(String),
    /// The row has no value in the key column.
    #[serde(rename = "n")]
    Null,
}

impl KeyValue {
    fn kind(&self) -> Option<KeyKind> {
        match self {
            Self::Time(_) => Some(KeyKind::Time),
            Self::Date(_) => Some(KeyKind::Date),
            Self::Text(_) => Some(KeyKind::Text),
            Self::Null => None,
        }
    }

    fn from_value(value: Value) -> ServiceResult<Self> {
        Ok(match value {
            Value::ChronoDateTimeUtc(Some(t)) => Self::Time(t),
            Value::ChronoDate(Some(d)) => Self::Date(d),
            Value::String(Some(s)) => Self::Text(s),
            Value::ChronoDateTimeUtc(None) | Value::ChronoDate(None) | Value::String(None) => Self::Null,
            other => return Err(ServiceError::Internal(format!("a sort key of unexpected type: {other:?}"))),
        })
    }

    fn into_value(self) -> Value {
        match self {
            Self::Time(t) => t.into(),
            Self::Date(d) => d.into(),
            Self::Text(s) => s.into(),
            Self::Null => Value::String(None),
        }
    }
}

/// Where a row stands in an ordering; clients get it, encoded, as an
/// edge's cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The ordering it belongs to, e.g. `tickets.createdAt.desc`.
    #[serde(rename = "o")]
    pub ordering: String,
    /// The row's sort key; none when the list is ordered by id alone.
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<KeyValue>,
    #[serde(rename = "i")]
    pub id: i64,
}

/// Which page: up to `first` rows after the cursor `after`, or up to
/// `last` rows before `before` (never both ways at once).
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    pub first: Option<u64>,
    pub after: Option<Cursor>,
    pub last: Option<u64>,
    pub before: Option<Cursor>,
    /// Count every row of the filter too (`total_count`; else 0).
    pub with_total: bool,
}

impl PageRequest {
    /// Up to `first` rows after `after` (a first page without it).
    pub fn forward(first: Option<u64>, after: Option<Cursor>) -> Self {
        Self { first, after, ..Self::default() }
    }

    /// Whether the page is read backward (`last`/`before`).
    pub fn is_backward(&self) -> bool {
        self.last.is_some() || self.before.is_some()
    }

    /// The page size, checked against the limits, with the directions
    /// not mixed.
    pub fn size(&self) -> ServiceResult<u64> {
        if self.first.is_some() && self.last.is_some() {
            return Err(ServiceError::validation("last", "give first or last, not both"));
        }
        if self.is_backward() && (self.first.is_some() || self.after.is_some()) {
            let field = if self.after.is_some() { "after" } else { "first" };
            return Err(ServiceError::validation(
                field,
                "page forward (first, after) or backward (last, before), not both ways at once",
            ));
        }
        let (field, size) = if self.is_backward() { ("last", self.last) } else { ("first", self.first) };
        match size {
            None => Ok(DEFAULT_PAGE_SIZE),
            Some(0) => Err(ServiceError::validation(field, "must be at least 1")),
            Some(n) if n > MAX_PAGE_SIZE => {
                Err(ServiceError::validation(field, format!("must be at most {MAX_PAGE_SIZE}")))
            }
            Some(n) => Ok(n),
        }
    }

    /// The cursor the page starts from, with the argument that gave it.
    fn cursor(&self) -> Option<(&'static str, &Cursor)> {
        match (&self.after, &self.before) {
            (Some(after), _) => Some(("after", after)),
            (None, Some(before)) => Some(("before", before)),
            (None, None) => None,
        }
    }
}

/// A list's sort fields: each gives the list's ordering going up.
pub trait SortField: Copy {
    type Column: ColumnTrait;
    fn sort(self) -> Sort<Self::Column>;
}

/// The order a client asked a list in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrderBy<F> {
    pub field: F,
    pub direction: SortDirection,
}

impl<F: SortField> OrderBy<F> {
    pub fn sort(self) -> Sort<F::Column> {
        self.field.sort().direction(self.direction)
    }
}

/// The key column of an ordering.
#[derive(Debug, Clone, Copy)]
struct SortKey<C> {
    field: &'static str,
    column: C,
    kind: KeyKind,
    nullable: bool,
}

/// How a list is ordered: by a key column (or by id alone) in one
/// direction, ties broken by id in the same direction.
#[derive(Debug, Clone, Copy)]
pub struct Sort<C> {
    list: &'static str,
    id: C,
    key: Option<SortKey<C>>,
    direction: SortDirection,
}

impl<C: ColumnTrait> Sort<C> {
    /// By id, going up: the order the rows were recorded in. `list` names
    /// the list in its cursors.
    pub fn by_id(list: &'static str, id: C) -> Self {
        Self { list, id, key: None, direction: SortDirection::Asc }
    }

    /// Ordered by `column` (never NULL), `field` naming it in cursors.
    pub fn by(self, field: &'static str, column: C, kind: KeyKind) -> Self {
        Self { key: Some(SortKey { field, column, kind, nullable: false }), ..self }
    }

    /// Ordered by `column`, which may be NULL (those rows come last going
    /// up, first going down).
    pub fn by_nullable(self, field: &'static str, column: C, kind: KeyKind) -> Self {
        Self { key: Some(SortKey { field, column, kind, nullable: true }), ..self }
    }

    pub fn direction(self, direction: SortDirection) -> Self {
        Self { direction, ..self }
    }

    /// The name cursors of this ordering carry.
    pub fn name(&self) -> String {
        let field = self.key.as_ref().map_or("id", |k| k.field);
        format!("{}.{field}.{}", self.list, self.direction.name())
    }

    /// The cursor of `model` in this ordering.
    pub fn cursor_of<M>(&self, model: &M) -> ServiceResult<Cursor>
    where
        M: ModelTrait,
        M::Entity: EntityTrait<Column = C>,
    {
        let id = match model.get(self.id) {
            Value::BigInt(Some(id)) => id,
            other => return Err(ServiceError::Internal(format!("a row id of unexpected type: {other:?}"))),
        };
        let key = self.key.as_ref().map(|k| KeyValue::from_value(model.get(k.column))).transpose()?;
        Ok(Cursor { ordering: self.name(), key, id })
    }

    /// `select` narrowed to the rows of the page and one more (to tell
    /// whether another page follows), in the order they are read: a
    /// backward page is read in reverse. Joins can be added before it runs.
    pub fn window<E>(&self, select: Select<E>, request: &PageRequest) -> ServiceResult<(Select<E>, u64)>
    where
        E: EntityTrait<Column = C>,
    {
        let size = request.size()?;
        let descending = (self.direction == SortDirection::Desc) != request.is_backward();
        let mut window = select;
        if let Some((field, cursor)) = request.cursor() {
            window = window.filter(self.beyond(field, cursor, descending)?);
        }
        let order = if descending { Order::Desc } else { Order::Asc };
        if let Some(key) = &self.key {
            window = if key.nullable {
                let nulls = if descending { NullOrdering::First } else { NullOrdering::Last };
                window.order_by_with_nulls(key.column, order.clone(), nulls)
            } else {
                window.order_by(key.column, order.clone())
            };
        }
        Ok((window.order_by(self.id, order).limit(size + 1), size))
    }

    /// The rows past `cursor` when reading `descending` (or not).
    fn beyond(&self, field: &str, cursor: &Cursor, descending: bool) -> ServiceResult<Condition> {
        if cursor.ordering != self.name() {
            return Err(ServiceError::validation(
                field,
                format!(
                    "is a cursor of another ordering ({}), this list is ordered by {}: start again without it",
                    cursor.ordering,
                    self.name()
                ),
            ));
        }
        let id = Expr::col(self.id.as_column_ref());
        let past_id = |id: Expr| if descending { id.lt(cursor.id) } else { id.gt(cursor.id) };
        let Some(key) = &self.key else {
            return if cursor.key.is_none() {
                Ok(Condition::all().add(past_id(id)))
            } else {
                Err(forged(field))
            };
        };
        let column = Expr::col(key.column.as_column_ref());
        let value = cursor.key.clone().ok_or_else(|| forged(field))?;
        match value.kind() {
            // NULL comes after every value: past a NULL only NULLs with a
            // greater id going up; going down, those with a smaller id and
            // every value.
            None if key.nullable => {
                let nulls = Condition::all().add(column.clone().is_null()).add(past_id(id));
                Ok(if descending { Condition::any().add(nulls).add(column.is_not_null()) } else { nulls })
            }
            Some(kind) if kind == key.kind => {
                let row = Expr::tuple([column.clone(), id]);
                let at = Expr::tuple([Expr::val(value.into_value()), Expr::val(cursor.id)]);
                let past = if descending { row.lt(at) } else { row.gt(at) };
                Ok(if key.nullable && !descending {
                    Condition::any().add(past).add(column.is_null())
                } else {
                    Condition::all().add(past)
                })
            }
            _ => Err(forged(field)),
        }
    }
}

/// A cursor that names this ordering but holds a key it never gives out.
fn forged(field: &str) -> ServiceError {
    ServiceError::validation(field, "is not a cursor of this list")
}

/// One page of rows in the list's order.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The cursor of each item, in step with `items`.
    pub cursors: Vec<Cursor>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
    /// Every row of the filter; 0 unless the request asked for it.
    pub total_count: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            cursors: self.cursors,
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
            total_count: self.total_count,
        }
    }

    /// The page with `items` in place of its own, one for one.
    pub fn with_items<U>(self, items: Vec<U>) -> Page<U> {
        Page {
            items,
            cursors: self.cursors,
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
            total_count: self.total_count,
        }
    }

    /// The page from the rows a [`Sort::window`] read: one too many tells
    /// that more follow; a backward page is put back in the list's order.
    /// `model_of` finds the row of each item, for its cursor.
    pub fn from_window<M, C>(
        mut items: Vec<T>,
        sort: &Sort<C>,
        request: &PageRequest,
        size: u64,
        total_count: u64,
        model_of: impl Fn(&T) -> &M,
    ) -> ServiceResult<Self>
    where
        C: ColumnTrait,
        M: ModelTrait,
        M::Entity: EntityTrait<Column = C>,
    {
        let more = items.len() as u64 > size;
        items.truncate(usize::try_from(size).unwrap_or(usize::MAX));
        let (has_next_page, has_previous_page) = if request.is_backward() {
            items.reverse();
            (request.before.is_some(), more)
        } else {
            (more, request.after.is_some())
        };
        let cursors =
            items.iter().map(|item| sort.cursor_of(model_of(item))).collect::<ServiceResult<_>>()?;
        Ok(Page { items, cursors, has_next_page, has_previous_page, total_count })
    }
}

/// Runs `select` (already filtered) as one page in `sort` order.
pub async fn paginate<E, C>(
    db: &C,
    select: Select<E>,
    sort: &Sort<E::Column>,
    request: &PageRequest,
) -> ServiceResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    C: ConnectionTrait,
{
    let total_count = count_if_asked(db, &select, request).await?;
    let (window, size) = sort.window(select, request)?;
    let statement = with_literal_limit(window.build(db.get_database_backend()));
    let items = E::find().from_raw_sql(statement).all(db).await?;
    Page::from_window(items, sort, request, size, total_count, |m| m)
}

/// [`paginate`] for the hot lists: the rows are read by column position
/// ([`Positional`]) instead of by name.
pub async fn paginate_positional<M, E, C>(
    db: &C,
    select: Select<E>,
    sort: &Sort<E::Column>,
    request: &PageRequest,
) -> ServiceResult<Page<M>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    M: Positional<Entity = E> + ModelTrait<Entity = E>,
    C: ConnectionTrait,
{
    let total_count = count_if_asked(db, &select, request).await?;
    let (window, size) = sort.window(select_columns::<M, _>(select.select_only())?, request)?;
    let rows = db.query_all_raw(with_literal_limit(window.build(db.get_database_backend()))).await?;
    let items = rows.iter().map(|row| M::decode(row, 0)).collect::<Result<_, _>>()?;
    Page::from_window(items, sort, request, size, total_count, |m| m)
}

/// Every row of the filter when the request asks for the total, else 0.
pub async fn count_if_asked<E, C>(db: &C, select: &Select<E>, request: &PageRequest) -> ServiceResult<u64>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    C: ConnectionTrait,
{
    Ok(if request.with_total { select.clone().count(db).await? } else { 0 })
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

#[cfg(test)]
mod tests {
    use super::*;
    use entity::{complaint, ticket};

    fn cursor(ordering: &str, key: Option<KeyValue>, id: i64) -> Cursor {
        Cursor { ordering: ordering.into(), key, id }
    }

    #[test]
    fn page_size_defaults_and_is_bounded() {
        assert_eq!(PageRequest::default().size().ok(), Some(DEFAULT_PAGE_SIZE));
        let zero = PageRequest { first: Some(0), ..PageRequest::default() };
        assert_eq!(zero.size().unwrap_err().field(), Some("first"));
        let huge = PageRequest { first: Some(MAX_PAGE_SIZE + 1), ..PageRequest::default() };
        assert!(huge.size().is_err());
        let huge_back = PageRequest { last: Some(MAX_PAGE_SIZE + 1), ..PageRequest::default() };
        assert_eq!(huge_back.size().unwrap_err().field(), Some("last"));
    }

    #[test]
    fn a_page_goes_one_way_only() {
        let both = PageRequest { first: Some(5), last: Some(5), ..PageRequest::default() };
        assert_eq!(both.size().unwrap_err().field(), Some("last"));
        let mixed = PageRequest {
            after: Some(cursor("tickets.id.asc", None, 1)),
            last: Some(5),
            ..PageRequest::default()
        };
        assert_eq!(mixed.size().unwrap_err().field(), Some("after"));
    }

    #[test]
    fn the_page_limit_is_written_into_the_sql() {
        let request = PageRequest::forward(Some(50), Some(cursor("tickets.id.asc", None, 7)));
        let sort = Sort::by_id("tickets", ticket::Column::Id);
        for backend in [DbBackend::Postgres, DbBackend::Sqlite] {
            let (window, _) = sort.window(ticket::Entity::find(), &request).expect("a window");
            let statement = with_literal_limit(window.build(backend));
            assert!(statement.sql.ends_with(" LIMIT 51"), "{}", statement.sql);
            let values = statement.values.expect("the cursor is still bound").0;
            assert_eq!(values, vec![Value::BigInt(Some(7))], "only the cursor is bound");
        }
    }

    #[test]
    fn a_cursor_of_another_ordering_is_a_validation_error_naming_the_argument() {
        let by_number =
            Sort::by_id("tickets", ticket::Column::Id).by("number", ticket::Column::Number, KeyKind::Text);
        let descending = by_number.direction(SortDirection::Desc);
        let asc_cursor = cursor(&by_number.name(), Some(KeyValue::Text("SR-1".into())), 3);
        assert!(
            by_number
                .window(ticket::Entity::find(), &PageRequest::forward(None, Some(asc_cursor.clone())))
                .is_ok()
        );
        let before = PageRequest { before: Some(asc_cursor), ..PageRequest::default() };
        let err = descending.window(ticket::Entity::find(), &before).expect_err("another direction");
        assert_eq!((err.code(), err.field()), ("VALIDATION", Some("before")));
        assert!(err.to_string().contains("tickets.number.asc"), "{err}");
        let by_id = cursor("tickets.id.asc", None, 3);
        let err =
            by_number.window(ticket::Entity::find(), &PageRequest::forward(None, Some(by_id))).unwrap_err();
        assert_eq!(err.field(), Some("after"));
    }

    #[test]
    fn a_cursor_with_a_key_of_the_wrong_kind_is_refused_before_any_sql() {
        let sort = Sort::by_id("tickets", ticket::Column::Id).by(
            "createdAt",
            ticket::Column::CreatedAt,
            KeyKind::Time,
        );
        for key in [Some(KeyValue::Text("x".into())), Some(KeyValue::Null), None] {
            let forged = cursor(&sort.name(), key, 3);
            let err =
                sort.window(ticket::Entity::find(), &PageRequest::forward(None, Some(forged))).unwrap_err();
            assert_eq!((err.code(), err.field()), ("VALIDATION", Some("after")));
        }
    }

    #[test]
    fn nulls_come_last_going_up_and_first_going_down() {
        let sort = Sort::by_id("complaints", complaint::Column::Id).by_nullable(
            "routeDueAt",
            complaint::Column::RouteDueAt,
            KeyKind::Time,
        );
        let (up, _) = sort.window(complaint::Entity::find(), &PageRequest::default()).expect("window");
        let sql = up.build(DbBackend::Sqlite).sql;
        assert!(sql.contains(r#""route_due_at" ASC NULLS LAST"#), "{sql}");
        // Read backward, a descending list is read going up.
        let down = sort.direction(SortDirection::Desc);
        let (back, _) = down
            .window(complaint::Entity::find(), &PageRequest { last: Some(2), ..PageRequest::default() })
            .expect("window");
        let sql = back.build(DbBackend::Postgres).sql;
        assert!(sql.contains(r#""route_due_at" ASC NULLS LAST"#), "{sql}");
        let (front, _) = down.window(complaint::Entity::find(), &PageRequest::default()).expect("window");
        assert!(front.build(DbBackend::Postgres).sql.contains("DESC NULLS FIRST"));
    }

    #[test]
    fn a_cursor_round_trips_through_json() {
        let c = cursor("units.createdAt.desc", Some(KeyValue::Time(Utc::now())), 42);
        let json = serde_json::to_string(&c).expect("json");
        assert_eq!(serde_json::from_str::<Cursor>(&json).expect("parsed"), c);
        let by_id = serde_json::to_string(&cursor("units.id.asc", None, 1)).expect("json");
        assert_eq!(by_id, r#"{"o":"units.id.asc","i":1}"#);
    }
}
