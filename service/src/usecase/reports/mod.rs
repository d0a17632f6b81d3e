//! The management reports (section 8 of the domain): counted by the
//! database (GROUP BY), judged by the rules in `rules::recurrence`.

pub mod incidents;
pub mod kpi;
pub mod recurrence;
pub mod stored;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{DbBackend, Statement, Value};

use crate::config::Settings;
use crate::rules::calendar::Calendar;

/// `[from, to)` business days as UTC instants (midnight in the business
/// time zone).
fn instants(settings: &Settings, from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let calendar = Calendar::new(settings.business_tz(), std::collections::HashMap::new());
    (calendar.start_of_day(from), calendar.start_of_day(to))
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
    fn placeholders_are_numbered_for_postgres_only() {
        let pg = statement(DbBackend::Postgres, "a >= ? AND a < ?", vec![1.into(), 2.into()]);
        assert_eq!(pg.sql, "a >= $1 AND a < $2");
        let lite = statement(DbBackend::Sqlite, "a >= ? AND a < ?", vec![1.into(), 2.into()]);
        assert_eq!(lite.sql, "a >= ? AND a < ?");
    }
}
