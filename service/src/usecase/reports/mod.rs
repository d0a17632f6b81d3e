//! The management reports (section 8 of the domain): counted by the
//! database (GROUP BY), judged by the rules in `rules::recurrence`.

pub mod incidents;
pub mod kpi;
pub mod recurrence;
pub mod stored;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Condition, Expr, Query, SqliteQueryBuilder};
use sea_orm::{DbBackend, Statement, Value};

use entity::enums::TicketStatus;

use crate::config::Settings;
use crate::rules::calendar::Calendar;

/// `[from, to)` business days as UTC instants (midnight in the business
/// time zone).
fn instants(settings: &Settings, from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let calendar = Calendar::new(settings.business_tz(), std::collections::HashMap::new());
    (calendar.start_of_day(from), calendar.start_of_day(to))
}

/// Tickets reported in `[?, ?)`, not cancelled: bind [`population`].
const POPULATION: &str = "t.reported_at >= ? AND t.reported_at < ? AND t.status <> ?";

/// The values of [`POPULATION`].
fn population(start: DateTime<Utc>, end: DateTime<Utc>) -> [Value; 3] {
    [start.into(), end.into(), TicketStatus::Cancelled.into()]
}

/// A rule's SQL form (a condition from `rules`) as `CASE WHEN … THEN 1
/// ELSE 0 END` text with `?` placeholders and its values, to splice into
/// the hand-written report SQL. Identifiers are quoted alike on both
/// backends and every value is bound, so the SQLite rendering serves both.
fn one_when(condition: Condition) -> (String, Vec<Value>) {
    let (sql, values) = Query::select()
        .expr(Expr::case(condition, Expr::cust("1")).finally(Expr::cust("0")))
        .build(SqliteQueryBuilder);
    let sql = sql.strip_prefix("SELECT ").unwrap_or(&sql).to_owned();
    (sql, values.0)
}

/// A statement whose `?` placeholders are numbered for PostgreSQL.
fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = match backend {
        DbBackend::Postgres => {
            let mut numbered = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    numbered.push_str(&format!("${n}"));
                } else {
                    numbered.push(c);
                }
            }
            numbered
        }
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_becomes_a_case_with_bound_values() {
        use sea_orm::sea_query::{Alias, ExprTrait};
        let rule =
            Condition::all().add(Expr::col((Alias::new("t"), Alias::new("status"))).ne(TicketStatus::Closed));
        let (sql, values) = one_when(rule);
        assert_eq!(sql, r#"(CASE WHEN ("t"."status" <> ?) THEN 1 ELSE 0 END)"#);
        assert_eq!(values, vec![Value::from(TicketStatus::Closed)]);
    }

    #[test]
    fn placeholders_are_numbered_for_postgres_only() {
        let pg = statement(DbBackend::Postgres, "a >= ? AND a < ?", vec![1.into(), 2.into()]);
        assert_eq!(pg.sql, "a >= $1 AND a < $2");
        let lite = statement(DbBackend::Sqlite, "a >= ? AND a < ?", vec![1.into(), 2.into()]);
        assert_eq!(lite.sql, "a >= ? AND a < ?");
    }
}
