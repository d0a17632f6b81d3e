//! Limits the engine does not set itself, checked before it parses,
//! validates or coerces anything (after the OWASP GraphQL cheat sheet):
//! how deep brackets and values nest, that every string is text, how many
//! aliases a document uses, and what an operation costs. HTTP requests are
//! checked by the handler (which then hands the engine the parsed
//! document); socket operations by [`RequestGuard`], an engine extension.

mod aliases;
mod cost;
mod nesting;
mod values;

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest};
use async_graphql::{Pos, Request, ServerError, ServerResult};
use service::config::Settings;

use crate::graphql::error::to_gql_error;
pub use aliases::count_aliases;
pub use cost::operation_cost;

/// Most brackets of any kind open at once in a document. Selection sets
/// are held to `max_query_depth` by the engine; this bounds the parser.
pub const MAX_DOCUMENT_NESTING: usize = 64;
/// Most lists or input objects nested in one value, in a literal or in the
/// variables. No input of this API nests more than three.
pub const MAX_VALUE_NESTING: usize = 16;

/// The configured limits one operation is held to.
#[derive(Debug, Clone, Copy)]
pub struct RequestLimits {
    pub max_aliases: usize,
    /// The engine's complexity limit, also the limit of a whole batch.
    pub max_cost: usize,
}

impl RequestLimits {
    pub fn from_settings(settings: &Settings) -> Self {
        Self { max_aliases: settings.max_query_aliases, max_cost: settings.max_query_complexity }
    }
}

/// Checks one operation and leaves its document parsed in the request, so
/// the engine does not parse it again. Answers the operation's cost.
pub fn check(request: &mut Request, limits: &RequestLimits) -> ServerResult<usize> {
    if let Err(too_deep) = nesting::check(&request.query, MAX_DOCUMENT_NESTING, MAX_VALUE_NESTING) {
        let message = match too_deep {
            nesting::TooDeep::Document { limit } => {
                format!("the document nests more than {limit} brackets deep")
            }
            nesting::TooDeep::Value { limit } => {
                format!("a value nests lists or input objects more than {limit} deep")
            }
        };
        return Err(refused(message));
    }
    values::check_variables(&request.variables, MAX_VALUE_NESTING).map_err(coded)?;
    let operation_name = request.operation_name.clone();
    let document = request.parsed_query()?;
    values::check_literals(document).map_err(coded)?;
    let aliases = count_aliases(document);
    if aliases > limits.max_aliases {
        return Err(refused(format!(
            "the query uses {aliases} aliases; at most {} are allowed",
            limits.max_aliases
        )));
    }
    let cost = operation_cost(document, operation_name.as_deref());
    if cost > limits.max_cost {
        return Err(refused(format!("the query costs {cost}; at most {} is allowed", limits.max_cost)));
    }
    Ok(cost)
}

/// A document the limits refuse, coded as the engine's own refusals are.
pub fn refused(message: String) -> ServerError {
    let mut error = ServerError::new(message, None);
    error.extensions.get_or_insert_with(Default::default).set("code", "GRAPHQL_VALIDATION_FAILED");
    error
}

fn coded(err: service::ServiceError) -> ServerError {
    to_gql_error(err).into_server_error(Pos::default())
}

/// The same checks as an engine extension, for operations that arrive over
/// the WebSocket, where no handler stands before the engine. It runs before
/// the engine parses, so the document is parsed once here.
pub struct RequestGuard(pub RequestLimits);

impl ExtensionFactory for RequestGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestGuard(self.0))
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestGuard {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        check(&mut request, &self.0)?;
        next.run(ctx, request).await
    }
}
