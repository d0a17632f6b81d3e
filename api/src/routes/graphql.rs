//! `/graphql`: POST executes, GET serves GraphiQL or upgrades to the
//! subscription WebSocket.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::{BatchRequest, BatchResponse, Request, Response, ServerResult};
use futures::StreamExt;
use tracing_actix_web::RequestId;

use service::ServiceError;
use service::auth::Actor;

use crate::graphql::context::{ClientAddress, RequestActor};
use crate::graphql::error::to_gql_error;
use crate::graphql::{AppSchema, SocketSchema};
use crate::graphql::{limits, selection_order};
use crate::state::AppState;

/// Most operations accepted in one batched request.
const MAX_BATCH: usize = 20;
/// Most operations of one batch that run at once: a batch must not take
/// more of the server than a few clients would.
const BATCH_CONCURRENCY: usize = 4;

/// The actor behind a bearer token; `None` when there is no valid token
/// (or its user is gone or deactivated, or the token is of an earlier
/// generation than the user's). An error when the user could not
/// be read: the database being away is not the client's fault, and
/// answering "unauthenticated" would sign a front end out.
pub(crate) async fn authenticate(
    state: &AppState,
    token: Option<&str>,
    request_id: Option<String>,
) -> Result<Option<Actor>, ServiceError> {
    let Some(verified) = token.and_then(|token| state.tokens.verify(token).ok()) else { return Ok(None) };
    let actor = state.current_actor(verified.user_id).await?;
    // A token of an earlier generation: the password has changed since,
    // or the account was deactivated.
    Ok(actor.filter(|a| a.token_generation == verified.generation).map(|actor| Actor { request_id, ..actor }))
}

pub(crate) fn bearer(req: &HttpRequest) -> Option<&str> {
    req.headers().get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// Executes a query or a batch. The body is read through actix's size limit.
pub async fn execute(
    schema: web::Data<AppSchema>,
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    body: web::Bytes,
) -> HttpResponse {
    let json_body = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("application/json"));
    if !json_body {
        return HttpResponse::UnsupportedMediaType().json(serde_json::json!({
            "errors": [{ "message": "send the request as application/json",
                         "extensions": { "code": "BAD_REQUEST" } }]
        }));
    }
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(e) => {
            return HttpResponse::BadRequest().json(serde_json::json!({
                "errors": [{ "message": format!("the body is not a GraphQL request: {e}"),
                             "extensions": { "code": "BAD_REQUEST" } }]
            }));
        }
    };
    if let BatchRequest::Batch(requests) = &batch
        && requests.len() > MAX_BATCH
    {
        return HttpResponse::BadRequest().json(serde_json::json!({
            "errors": [{ "message": format!("at most {MAX_BATCH} operations in one batch"),
                         "extensions": { "code": "BAD_REQUEST" } }]
        }));
    }
    let actor = match authenticate(&state, bearer(&req), Some(request_id.to_string())).await {
        Ok(actor) => actor,
        Err(err) => return not_run(err),
    };
    let address = req.peer_addr().map(|a| a.ip());
    let batch = batch.data(RequestActor(actor)).data(ClientAddress(address));
    // Past the limit the request is dropped where it stands: its
    // transaction, if any, rolls back.
    let limit = std::time::Duration::from_millis(state.settings.request_timeout_ms);
    let limits = limits::RequestLimits::from_settings(&state.settings);
    let Ok(executed) = tokio::time::timeout(limit, execute_checked(&schema, batch, &limits)).await else {
        tracing::warn!(
            ms = state.settings.request_timeout_ms,
            "request cancelled: it ran past the time limit"
        );
        return HttpResponse::ServiceUnavailable().json(serde_json::json!({
            "errors": [{ "message": format!("the request took longer than {} ms and was cancelled",
                                            state.settings.request_timeout_ms),
                         "extensions": { "code": "TIMEOUT" } }]
        }));
    };
    respond(&req, &with_error_codes(executed), state.settings.max_response_bytes)
}

/// Runs the request, each operation first held to the request limits. A
/// batch is held to them as a whole: its operations' costs together may
/// not pass the limit of one operation, and at most [`BATCH_CONCURRENCY`]
/// of them run at once (answers in order).
async fn execute_checked(
    schema: &AppSchema,
    batch: BatchRequest,
    limits: &limits::RequestLimits,
) -> BatchResponse {
    match batch {
        BatchRequest::Single(mut request) => {
            BatchResponse::Single(match limits::check(&mut request, limits) {
                Ok(_) => execute_in_order(schema, request).await,
                Err(refused) => Response::from_errors(vec![refused]),
            })
        }
        BatchRequest::Batch(requests) => {
            let checked: Vec<_> = requests
                .into_iter()
                .map(|mut request| limits::check(&mut request, limits).map(|cost| (request, cost)))
                .collect();
            let total = checked.iter().flatten().map(|(_, cost)| *cost).fold(0, usize::saturating_add);
            if total > limits.max_cost {
                let refusal = format!(
                    "the batch costs {total} together; at most {} is allowed for a whole batch",
                    limits.max_cost
                );
                return BatchResponse::Batch(
                    checked
                        .iter()
                        .map(|_| Response::from_errors(vec![limits::refused(refusal.clone())]))
                        .collect(),
                );
            }
            let run = |checked: ServerResult<(Request, usize)>| async move {
                match checked {
                    Ok((request, _)) => execute_in_order(schema, request).await,
                    Err(refused) => Response::from_errors(vec![refused]),
                }
            };
            BatchResponse::Batch(
                futures::stream::iter(checked).map(run).buffered(BATCH_CONCURRENCY).collect().await,
            )
        }
    }
}

/// Runs a checked request (its document parsed by the check) and puts
/// the answer in the order of its selection set.
async fn execute_in_order(schema: &AppSchema, mut request: Request) -> Response {
    let document = request.parsed_query().ok().cloned();
    let operation = request.operation_name.clone();
    let mut response = schema.execute(request).await;
    if let Some(document) = document {
        selection_order::reorder(&mut response.data, &document, operation.as_deref());
    }
    response
}

/// A request that could not start: 503 while a service it needs is away
/// (the client may retry), 500 otherwise; the error coded as always.
fn not_run(err: ServiceError) -> HttpResponse {
    let status = if matches!(err, ServiceError::Unavailable(_)) {
        actix_web::http::StatusCode::SERVICE_UNAVAILABLE
    } else {
        actix_web::http::StatusCode::INTERNAL_SERVER_ERROR
    };
    let error = to_gql_error(err).into_server_error(async_graphql::Pos::default());
    HttpResponse::build(status).json(async_graphql::Response::from_errors(vec![error]))
}

/// The response as the client asked for it (the GraphQL over HTTP spec):
/// `application/graphql-response+json` when accepted, with 400 for a
/// request that could not run at all (parse or validation failure, no
/// `data`) and 200 once it ran, even if a resolver's error left `data` null;
/// else `application/json`, always 200.
fn respond(req: &HttpRequest, response: &BatchResponse, max_bytes: usize) -> HttpResponse {
    let accepts = |media: &str| {
        req.headers().get(header::ACCEPT).and_then(|a| a.to_str().ok()).is_some_and(|a| a.contains(media))
    };
    let modern = accepts("application/graphql-response+json");
    // Parse and validation errors carry no path; a resolver's error does,
    // even when it nulls the whole `data` (a non-null root field).
    let not_run = match response {
        BatchResponse::Single(r) => {
            r.is_err() && r.data == async_graphql::Value::Null && r.errors.iter().all(|e| e.path.is_empty())
        }
        BatchResponse::Batch(_) => false,
    };
    // Written straight to bytes: going through a serde_json::Value first
    // copies every field of a 50-row page once more.
    let body = if modern && not_run {
        serde_json::to_value(response).map(|mut json| {
            if let Some(fields) = json.as_object_mut() {
                // A request that never ran has no data, not null data.
                fields.remove("data");
            }
            json.to_string().into_bytes()
        })
    } else {
        serde_json::to_vec(response)
    };
    let body = match body {
        Ok(body) if body.len() > max_bytes => return too_large(response, body.len(), max_bytes),
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "serialising a GraphQL response failed");
            return HttpResponse::InternalServerError().finish();
        }
    };
    let mut builder = if modern && not_run { HttpResponse::BadRequest() } else { HttpResponse::Ok() };
    if let Some(cache_control) = response.cache_control().value() {
        builder.insert_header((header::CACHE_CONTROL, cache_control));
    }
    let media = if modern { "application/graphql-response+json" } else { "application/json" };
    builder.content_type(media).body(body)
}

/// The answer in place of a response past `max_bytes`: the same shape (one
/// answer, or one per operation of a batch), each refused.
fn too_large(response: &BatchResponse, bytes: usize, max_bytes: usize) -> HttpResponse {
    tracing::warn!(bytes, max_bytes, "response refused: too large");
    let error = || {
        serde_json::json!({
            "errors": [{ "message": format!("the response would be {bytes} bytes; at most {max_bytes} are sent: ask for fewer rows or fields"),
                         "extensions": { "code": "RESPONSE_TOO_LARGE", "limit": max_bytes } }]
        })
    };
    let body = match response {
        BatchResponse::Single(_) => error(),
        BatchResponse::Batch(responses) => {
            serde_json::Value::Array(responses.iter().map(|_| error()).collect())
        }
    };
    HttpResponse::Ok().json(body)
}

/// GraphiQL for a browser, the subscription socket for a WebSocket client.
pub async fn get(
    schema: web::Data<SocketSchema>,
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    payload: web::Payload,
) -> actix_web::Result<HttpResponse> {
    if req.headers().contains_key(header::UPGRADE) {
        return super::socket::upgrade(
            schema.get_ref().clone(),
            state.get_ref().clone(),
            &req,
            request_id,
            payload,
        );
    }
    if req.query_string().split('&').any(|pair| pair.starts_with("query=")) {
        // Operations go by POST only: a GET must never change anything.
        return Ok(HttpResponse::MethodNotAllowed().insert_header((header::ALLOW, "POST")).json(serde_json::json!({
            "errors": [{ "message": "send GraphQL operations by POST", "extensions": { "code": "BAD_REQUEST" } }]
        })));
    }
    if !state.settings.graphiql_enabled() {
        return Ok(HttpResponse::NotFound().finish());
    }
    Ok(super::graphiql::page())
}

/// Errors raised by the GraphQL engine itself get a code too, so clients
/// can rely on `extensions.code` for every error: a value of the wrong type
/// in an argument is `VALIDATION` (naming the argument when the engine
/// does), anything else the
/// engine refuses (syntax, unknown field, depth or complexity limit) is
/// `GRAPHQL_VALIDATION_FAILED`. The engine gives its own errors no kind to
/// read (a `ServerError` is a message, locations, a path and extensions;
/// its validation rules' errors are messages only), so the one distinction
/// made here, a bad argument value, is read from the message's fixed
/// prefix; everything this server raises itself is coded where raised.
fn with_error_codes(response: BatchResponse) -> BatchResponse {
    fn tag(mut response: async_graphql::Response) -> async_graphql::Response {
        for error in &mut response.errors {
            let has_code = error.extensions.as_ref().is_some_and(|e| e.get("code").is_some());
            if has_code {
                continue;
            }
            let argument = error
                .message
                .strip_prefix("Invalid value for argument \"")
                .and_then(|rest| rest.split('"').next())
                .map(str::to_owned);
            let bad_value = argument.is_some() || error.message.starts_with("Failed to parse \"");
            let extensions = error.extensions.get_or_insert_with(Default::default);
            if let Some(field) = argument {
                extensions.set("field", field);
            }
            extensions.set("code", if bad_value { "VALIDATION" } else { "GRAPHQL_VALIDATION_FAILED" });
        }
        response
    }
    match response {
        BatchResponse::Single(r) => BatchResponse::Single(tag(r)),
        BatchResponse::Batch(rs) => BatchResponse::Batch(rs.into_iter().map(tag).collect()),
    }
}
