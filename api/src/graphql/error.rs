//! Domain errors as GraphQL errors: a stable `extensions.code`, the field for
//! validation errors, and no internal detail (that is logged with the
//! request id instead).

use async_graphql::{Error, ErrorExtensions};
use service::ServiceError;

/// Converts results of use cases into GraphQL results.
pub trait GqlResult<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResult<T> for Result<T, ServiceError> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(to_gql_error)
    }
}

pub fn to_gql_error(err: ServiceError) -> Error {
    let code = err.code();
    let message = if err.is_internal() {
        tracing::error!(error = %err, "internal error");
        "internal error; the request id in the response header identifies it in the logs".to_owned()
    } else {
        err.to_string()
    };
    let field = err.field().map(str::to_owned);
    let retry_after = err.retry_after_secs();
    Error::new(message).extend_with(|_, ext| {
        ext.set("code", code);
        if let Some(field) = &field {
            ext.set("field", field.as_str());
        }
        if let Some(secs) = retry_after {
            ext.set("retryAfter", secs);
        }
    })
}

/// A `VALIDATION` error on `field` raised in the API layer (bad id or cursor).
pub fn invalid(field: &str, message: impl Into<String>) -> Error {
    to_gql_error(ServiceError::validation(field, message))
}
