//! Uploads: `POST /imports/{kind}` takes a spreadsheet (XLSX or CSV, the
//! request body as is) of customers, dealers, units, parts or stock and
//! previews or imports it for an administrator's bearer token. Beside the
//! exports rather than in GraphQL: a file of 50 000 rows is tens of
//! megabytes, past the GraphQL body limit, and needs no multipart framing.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use futures::StreamExt;
use serde_json::json;
use tracing_actix_web::RequestId;

use service::ServiceError;
use service::usecase::import::{self, ImportKind, ImportOptions, ImportReport};

use super::exports::{error_response, signed_in};
use crate::state::AppState;

/// Problems listed in an answer; past it the answer says how many there
/// are (`problemCount`) and the file's owner fixes the first ones first.
pub const MAX_PROBLEMS_SHOWN: usize = 1_000;

/// `mode` and `skipInvalid` from the query string.
fn options(query: &str) -> Result<ImportOptions, ServiceError> {
    let mut options = ImportOptions::default();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match (key, value) {
            ("mode", "preview") => options.commit = false,
            ("mode", "commit") => options.commit = true,
            ("mode", _) => return Err(ServiceError::validation("mode", "is `preview` or `commit`")),
            ("skipInvalid", "true") => options.skip_invalid = true,
            ("skipInvalid", "false") => options.skip_invalid = false,
            ("skipInvalid", _) => {
                return Err(ServiceError::validation("skipInvalid", "is `true` or `false`"));
            }
            _ => {
                return Err(ServiceError::validation(
                    "query",
                    "the parameters of an import are `mode` (preview, commit) and `skipInvalid`",
                ));
            }
        }
    }
    Ok(options)
}

fn too_large(limit: usize) -> HttpResponse {
    HttpResponse::PayloadTooLarge().json(json!({
        "errors": [{ "message": format!("the file is larger than {limit} bytes; split it into several files"),
                     "extensions": { "code": "PAYLOAD_TOO_LARGE", "limit": limit } }]
    }))
}

/// The report as JSON, its problems capped at [`MAX_PROBLEMS_SHOWN`].
pub fn report_json(report: &ImportReport) -> serde_json::Value {
    let mut body = serde_json::to_value(report).unwrap_or_default();
    body["problemCount"] = json!(report.problems.len());
    if report.problems.len() > MAX_PROBLEMS_SHOWN {
        body["problems"] = json!(report.problems[..MAX_PROBLEMS_SHOWN]);
    }
    body
}

/// `/imports/{kind}?mode=preview|commit&skipInvalid=true`: the report as
/// JSON. A commit refused because of bad rows answers 422 with the report
/// and a `VALIDATION` error on `file`; nothing was written.
pub async fn import(
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    kind: web::Path<String>,
    mut payload: web::Payload,
) -> HttpResponse {
    let actor = match signed_in(&state, &req, &request_id).await {
        Ok(actor) => actor,
        Err(refused) => return refused,
    };
    let kind: ImportKind = match kind.parse() {
        Ok(kind) => kind,
        Err(err) => return error_response(&err),
    };
    let options = match options(req.query_string()) {
        Ok(options) => options,
        Err(err) => return error_response(&err),
    };
    let limits = state.settings.import_limits();
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|length| length > limits.max_bytes) {
        return too_large(limits.max_bytes);
    }
    // Read by hand, not by the `Bytes` extractor, so the file has its own
    // limit instead of the GraphQL one.
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0));
    while let Some(chunk) = payload.next().await {
        let Ok(chunk) = chunk else {
            return error_response(&ServiceError::validation("file", "the upload was interrupted"));
        };
        if bytes.len() + chunk.len() > limits.max_bytes {
            return too_large(limits.max_bytes);
        }
        bytes.extend_from_slice(&chunk);
    }
    match import::import(&state.db, &actor, kind, bytes, options, limits).await {
        Ok(report) if options.commit && !options.skip_invalid && !report.committed && report.invalid > 0 => {
            let mut body = report_json(&report);
            body["errors"] = json!([{
                "message": format!(
                    "{} rows have problems: nothing was imported; fix them, or import skipping them (skipInvalid=true)",
                    report.invalid
                ),
                "extensions": { "code": "VALIDATION", "field": "file" }
            }]);
            HttpResponse::build(StatusCode::UNPROCESSABLE_ENTITY).json(body)
        }
        Ok(report) => HttpResponse::Ok().json(report_json(&report)),
        Err(err) => error_response(&err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_says_preview_or_commit_and_whether_to_skip_bad_rows() {
        assert_eq!(options("").expect("default"), ImportOptions { commit: false, skip_invalid: false });
        assert_eq!(
            options("mode=commit&skipInvalid=true").expect("commit"),
            ImportOptions { commit: true, skip_invalid: true }
        );
        assert_eq!(options("mode=write").expect_err("bad mode").field(), Some("mode"));
        assert_eq!(options("skipInvalid=1").expect_err("bad flag").field(), Some("skipInvalid"));
        assert_eq!(options("dryRun=true").expect_err("unknown").field(), Some("query"));
    }
}
