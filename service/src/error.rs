//! The one error type of the domain layer. Every variant maps to a stable
//! client-facing code, so the API layer never inspects messages.

use sea_orm::{DbErr, RuntimeErr, SqlErr, SqlxPostgresError};

/// What went wrong in a use case or a rule.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not authenticated")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{entity} {key} not found")]
    NotFound { entity: &'static str, key: String },
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    #[error("{0}")]
    InvalidTransition(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    InsufficientStock(String),
    #[error("{0}")]
    ApprovalRequired(String),
    /// Too many attempts: the client may try again after `retry_after_secs`.
    #[error("{message}")]
    RateLimited { message: String, retry_after_secs: u64 },
    /// A service this one needs (the job queue's Redis, say) did not answer.
    #[error("{0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(DbErr),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    /// The stable code clients switch on (`extensions.code` in GraphQL).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::Validation { .. } => "VALIDATION",
            Self::InvalidTransition(_) => "INVALID_TRANSITION",
            Self::Conflict(_) => "CONFLICT",
            Self::InsufficientStock(_) => "INSUFFICIENT_STOCK",
            Self::ApprovalRequired(_) => "APPROVAL_REQUIRED",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::Unavailable(_) => "UNAVAILABLE",
            Self::Database(_) | Self::Internal(_) => "INTERNAL",
        }
    }

    /// Whether the message may be shown to a client; internal details are
    /// logged instead.
    pub fn is_internal(&self) -> bool {
        matches!(self, Self::Database(_) | Self::Internal(_))
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation { field: field.into(), message: message.into() }
    }

    pub fn not_found(entity: &'static str, key: impl std::fmt::Display) -> Self {
        Self::NotFound { entity, key: key.to_string() }
    }

    /// Seconds a rate-limited client should wait, for `extensions.retryAfter`.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after_secs, .. } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// The field a validation error names, for `extensions.field`.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// The SQLSTATE of a PostgreSQL error, as `sea_orm::DbErr::sql_err` finds
/// it (sea-orm classifies only constraint violations itself).
fn postgres_sqlstate(err: &DbErr) -> Option<String> {
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err else {
        return None;
    };
    let database = e.as_database_error()?;
    database.try_downcast_ref::<SqlxPostgresError>()?;
    database.code().map(|code| code.into_owned())
}

/// SQLSTATE class 22, "data exception": a value the column cannot take
/// (numeric_value_out_of_range 22003, string_data_right_truncation 22001,
/// character_not_in_repertoire 22021, invalid_binary_representation 22P03,
/// untranslatable_character 22P05, …). The request carried it, so it is
/// the client's to fix, never an internal error.
fn is_data_exception(sqlstate: &str) -> bool {
    sqlstate.starts_with("22")
}

impl From<DbErr> for ServiceError {
    /// A unique or foreign-key violation that slipped past the checks (two
    /// writers at once) is a conflict the client can act on, not an
    /// internal error; a value the database cannot store is a validation
    /// error of the input.
    fn from(err: DbErr) -> Self {
        if let Some(sqlstate) = postgres_sqlstate(&err).filter(|s| is_data_exception(s)) {
            // The checks in front should have caught it: log which.
            tracing::warn!(error = %err, %sqlstate, "data exception reported as a validation error");
            return Self::validation(
                "input",
                "a value is out of range or cannot be stored (a number too large, text too long or \
                 with characters the database refuses)",
            );
        }
        let constraint = err.sql_err();
        if constraint.is_some() {
            tracing::warn!(error = %err, "constraint violation reported as a conflict");
        }
        match constraint {
            // No connection free in time (the pool is exhausted) or none to
            // be had (the database is down): a clear, retryable answer
            // instead of an internal error.
            None if matches!(err, DbErr::ConnectionAcquire(_)) => {
                Self::Unavailable("the database is busy: no connection came free in time; try again".into())
            }
            None if matches!(err, DbErr::Conn(_)) => {
                Self::Unavailable("the database cannot be reached".into())
            }
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                Self::Conflict("a record with the same unique value was written concurrently".into())
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                Self::Conflict("a referenced record is missing or still in use".into())
            }
            _ => Self::Database(err),
        }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_exception_is_class_22_and_nothing_else_is() {
        for sqlstate in ["22003", "22001", "22021", "22P02", "22P05", "22008"] {
            assert!(is_data_exception(sqlstate), "{sqlstate}");
        }
        for sqlstate in ["23505", "23503", "40001", "08006", "42P01", "XX000"] {
            assert!(!is_data_exception(sqlstate), "{sqlstate}");
        }
    }

    #[test]
    fn errors_without_a_postgres_sqlstate_keep_their_mapping() {
        let err = ServiceError::from(DbErr::Custom("boom".into()));
        assert_eq!(err.code(), "INTERNAL");
        let err = ServiceError::from(DbErr::RecordNotFound("x".into()));
        assert_eq!(err.code(), "INTERNAL");
    }
}
