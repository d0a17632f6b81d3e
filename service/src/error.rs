//! The one error type of the domain layer. Every variant maps to a stable
//! client-facing code, so the API layer never inspects messages.

use sea_orm::{DbErr, SqlErr};

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

impl From<DbErr> for ServiceError {
    /// A unique or foreign-key violation that slipped past the checks (two
    /// writers at once) is a conflict the client can act on, not an
    /// internal error.
    fn from(err: DbErr) -> Self {
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
