//! Where a batch of generated rows goes. PostgreSQL takes them by `COPY …
//! FROM STDIN`, its bulk path (several times the rows per second of
//! multi-row INSERTs, which must be built, bound and parsed); other
//! databases by multi-row INSERT. Ids are reserved before the rows are
//! written, so a batch's children can name their parents without reading
//! anything back.

use std::fmt::Write as _;

use sea_orm::sea_query::Value;
use sea_orm::sqlx::{self, Postgres};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityName,
    EntityTrait, IdenStatic, Iterable, Statement, TransactionTrait,
};

use super::ROW_BATCH;
use crate::error::ServiceResult;

/// One transaction of generated rows.
pub(super) enum BatchWriter {
    Copy(sqlx::Transaction<'static, Postgres>),
    Insert(DatabaseTransaction),
}

impl BatchWriter {
    pub async fn begin(db: &DatabaseConnection) -> ServiceResult<Self> {
        Ok(match db.get_database_backend() {
            DbBackend::Postgres => {
                Self::Copy(db.get_postgres_connection_pool().begin().await.map_err(sqlx_error)?)
            }
            _ => Self::Insert(db.begin().await?),
        })
    }

    /// `count` fresh ids of `E`'s table, in increasing order.
    pub async fn reserve_ids<E: EntityTrait + Default>(&mut self, count: usize) -> ServiceResult<Vec<i64>> {
        let table = E::default().table_name().to_owned();
        match self {
            Self::Copy(txn) => sqlx::query_scalar::<_, i64>(
                "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)",
            )
            .bind(&table)
            .bind(count as i64)
            .fetch_all(&mut **txn)
            .await
            .map_err(sqlx_error),
            // The write transaction holds SQLite's only write lock: nobody
            // else can take these ids meanwhile.
            Self::Insert(txn) => {
                let statement = Statement::from_string(
                    txn.get_database_backend(),
                    format!("SELECT MAX(id) AS top FROM {table}"),
                );
                let top: Option<i64> = match txn.query_one_raw(statement).await? {
                    Some(row) => row.try_get("", "top")?,
                    None => None,
                };
                let first = top.unwrap_or(0) + 1;
                Ok((first..first + count as i64).collect())
            }
        }
    }

    /// Writes `rows` (every one with the same columns set); returns how many.
    pub async fn write<A>(&mut self, rows: Vec<A>) -> ServiceResult<usize>
    where
        A: ActiveModelTrait + Send,
    {
        let count = rows.len();
        if count == 0 {
            return Ok(0);
        }
        match self {
            Self::Copy(txn) => {
                let (columns, text) = copy_text(&rows)?;
                let table = <A::Entity as Default>::default().table_name().to_owned();
                let mut copy = txn
                    .copy_in_raw(&format!("COPY {table} ({}) FROM STDIN", columns.join(", ")))
                    .await
                    .map_err(sqlx_error)?;
                copy.send(text).await.map_err(sqlx_error)?;
                copy.finish().await.map_err(sqlx_error)?;
            }
            Self::Insert(txn) => {
                let mut rows = rows.into_iter().peekable();
                while rows.peek().is_some() {
                    let chunk: Vec<A> = rows.by_ref().take(ROW_BATCH).collect();
                    <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(&*txn).await?;
                }
            }
        }
        Ok(count)
    }

    pub async fn commit(self) -> ServiceResult<()> {
        match self {
            Self::Copy(txn) => txn.commit().await.map_err(sqlx_error)?,
            Self::Insert(txn) => txn.commit().await?,
        }
        Ok(())
    }
}

fn sqlx_error(e: sqlx::Error) -> crate::ServiceError {
    DbErr::Custom(format!("bulk write: {e}")).into()
}

/// The rows in COPY's text format, and the columns they fill: those set in
/// the first row.
fn copy_text<A: ActiveModelTrait>(rows: &[A]) -> ServiceResult<(Vec<String>, Vec<u8>)> {
    let columns: Vec<_> = <A::Entity as EntityTrait>::Column::iter()
        .filter(|c| rows[0].get(*c).into_value().is_some())
        .collect();
    let mut text = String::with_capacity(rows.len() * columns.len() * 12);
    for row in rows {
        for (i, column) in columns.iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            let value = row.get(*column).into_value().ok_or_else(|| {
                DbErr::Custom(format!(
                    "bulk write: column {} set in one row and not another",
                    column.as_str()
                ))
            })?;
            push_value(&mut text, value)?;
        }
        text.push('\n');
    }
    Ok((columns.iter().map(|c| c.as_str().to_owned()).collect(), text.into_bytes()))
}

/// One value in COPY's text format: `\N` for NULL, text with backslash,
/// tab and line breaks escaped.
fn push_value(out: &mut String, value: Value) -> ServiceResult<()> {
    fn text(out: &mut String, s: &str) {
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
    }
    const NULL: &str = "\\N";
    // Writing to a String cannot fail.
    let _ = match value {
        Value::Bool(v) => v.map(|b| write!(out, "{}", if b { 't' } else { 'f' })),
        Value::SmallInt(v) => v.map(|n| write!(out, "{n}")),
        Value::Int(v) => v.map(|n| write!(out, "{n}")),
        Value::BigInt(v) => v.map(|n| write!(out, "{n}")),
        Value::String(v) => v.map(|s| {
            text(out, &s);
            Ok(())
        }),
        Value::Decimal(v) => v.map(|d| write!(out, "{d}")),
        Value::ChronoDate(v) => v.map(|d| write!(out, "{}", d.format("%Y-%m-%d"))),
        Value::ChronoDateTimeUtc(v) => v.map(|t| write!(out, "{}", t.format("%Y-%m-%d %H:%M:%S%.f+00"))),
        Value::Json(v) => v.map(|j| {
            text(out, &j.to_string());
            Ok(())
        }),
        other => return Err(DbErr::Custom(format!("bulk write: no COPY text for {other:?}")).into()),
    }
    .unwrap_or_else(|| {
        out.push_str(NULL);
        Ok(())
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use rust_decimal::Decimal;

    fn one(value: Value) -> String {
        let mut out = String::new();
        push_value(&mut out, value).expect("has a text form");
        out
    }

    #[test]
    fn values_take_copy_text_form() {
        assert_eq!(one(Value::String(Some("a\tb\\c\nd".into()))), "a\\tb\\\\c\\nd");
        assert_eq!(one(Value::String(None)), "\\N");
        assert_eq!(one(Value::Bool(Some(false))), "f");
        assert_eq!(one(Value::Decimal(Some(Decimal::new(1250, 2)))), "12.50");
        assert_eq!(one(Value::ChronoDate(NaiveDate::from_ymd_opt(2026, 2, 3))), "2026-02-03");
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 4, 5, 6).single();
        assert_eq!(one(Value::ChronoDateTimeUtc(at)), "2026-11-26 04:05:06+00");
        assert!(push_value(&mut String::new(), Value::Double(Some(1.5))).is_err(), "money is never a float");
    }
}
