//! Downloads: `/exports/old-parts.xlsx` and `/exports/old-parts.csv`, the
//! return progress report (旧件返司进度汇报表) for the bearer token's user
//! (rows stream from the database into the file; the body streams out), and
//! the stored reports' workbooks and charts.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{NaiveDate, Utc};
use futures::{StreamExt, TryStreamExt};
use tracing_actix_web::RequestId;

use service::ServiceError;
use service::auth::Actor;
use service::export;
use service::rules::validate;
use service::usecase::parts::old_part_reports::{RETURN_REPORT_HEADERS, ReportScope, report_stream};
use service::usecase::reports::stored::{self, ReportFile};

use super::graphql::{authenticate, bearer};
use crate::state::AppState;

/// The report's parameters, as in `oldPartReturnReport`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ReportParams {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    region: Option<String>,
    as_of: Option<NaiveDate>,
}

/// Longest region (a province name) the export takes, as in master data.
const MAX_REGION_CHARS: usize = 32;

/// Longest parameter name echoed back in `extensions.field`.
const MAX_FIELD_NAME: usize = 32;

/// The field a refusal names: the parameter as sent when it is a plain
/// short name, else the whole `query`.
fn field_name(key: &str) -> &str {
    let plain = !key.is_empty()
        && key.len() <= MAX_FIELD_NAME
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain { key } else { "query" }
}

/// One `application/x-www-form-urlencoded` component, decoded strictly:
/// `+` is a space, `%` takes two hex digits, the bytes must be UTF-8, and
/// nothing is sent raw that a client must encode (controls, space, `"`,
/// `<`, `>`, non-ASCII: actix's request parser refuses those today, this
/// keeps the route safe if it ever lets them through). `url::form_urlencoded`
/// decodes leniently (a stray `%` stays, bad UTF-8 becomes U+FFFD), which
/// would turn a malformed request into a report of something else.
fn decode_component(raw: &str) -> Result<String, &'static str> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw.bytes();
    while let Some(b) = rest.next() {
        match b {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = |d: Option<u8>| d.and_then(|d| char::from(d).to_digit(16));
                match (hex(rest.next()), hex(rest.next())) {
                    (Some(high), Some(low)) => bytes.push((high * 16 + low) as u8),
                    _ => return Err("has a `%` that is not followed by two hex digits"),
                }
            }
            b'"' | b'<' | b'>' => return Err("must be URL-encoded"),
            b if !b.is_ascii_graphic() => return Err("must be URL-encoded"),
            b => bytes.push(b),
        }
    }
    String::from_utf8(bytes).map_err(|_| "is not UTF-8 once decoded")
}

/// A `YYYY-MM-DD` day; empty is not given.
fn day(field: &str, value: &str) -> Result<Option<NaiveDate>, ServiceError> {
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ServiceError::validation(field, format!("`{value}` is not a date (YYYY-MM-DD)")))
}

impl ReportParams {
    /// Parses the raw query string (`from`, `to`, `region`, `asOf`). A
    /// malformed pair, an unknown or repeated parameter or a bad value is
    /// `VALIDATION` naming the parameter, as GraphQL would answer.
    pub fn parse(query: &str) -> Result<Self, ServiceError> {
        let mut params = Self::default();
        let mut seen: Vec<String> = Vec::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode_component(raw_key)
                .map_err(|why| ServiceError::validation("query", format!("a parameter name {why}")))?;
            let field = field_name(&key).to_owned();
            let value = decode_component(raw_value)
                .map_err(|why| ServiceError::validation(&field, format!("the value {why}")))?;
            if seen.contains(&key) {
                return Err(ServiceError::validation(field, "is given twice"));
            }
            match key.as_str() {
                "from" => params.from = day("from", &value)?,
                "to" => params.to = day("to", &value)?,
                "asOf" => params.as_of = day("asOf", &value)?,
                "region" => {
                    validate::plain_text("region", &value)?;
                    params.region = validate::optional_text("region", Some(&value), MAX_REGION_CHARS)?;
                }
                _ => {
                    return Err(ServiceError::validation(
                        field,
                        "is not a parameter of this export (from, to, region, asOf)",
                    ));
                }
            }
            seen.push(key);
        }
        Ok(params)
    }
}

/// Bytes read from the finished spreadsheet per body chunk.
const FILE_CHUNK: usize = 64 * 1024;

/// The user behind the request's bearer token, or the response refusing
/// it: `UNAUTHENTICATED` without a valid token, `UNAVAILABLE` when the
/// user could not be read.
pub(super) async fn signed_in(
    state: &AppState,
    req: &HttpRequest,
    request_id: &RequestId,
) -> Result<Actor, HttpResponse> {
    match authenticate(state, bearer(req), Some(request_id.to_string())).await {
        Ok(Some(actor)) => Ok(actor),
        Ok(None) => Err(error_response(&ServiceError::Unauthenticated)),
        Err(err) => Err(error_response(&err)),
    }
}

/// An error as JSON with the same `extensions.code` GraphQL would give.
pub(super) fn error_response(err: &ServiceError) -> HttpResponse {
    let mut response = match err {
        ServiceError::Unauthenticated => HttpResponse::Unauthorized(),
        ServiceError::Forbidden(_) => HttpResponse::Forbidden(),
        ServiceError::Validation { .. } => HttpResponse::BadRequest(),
        ServiceError::NotFound { .. } => HttpResponse::NotFound(),
        ServiceError::ApprovalRequired(_) => HttpResponse::Forbidden(),
        ServiceError::Conflict(_)
        | ServiceError::InvalidTransition(_)
        | ServiceError::InsufficientStock(_) => HttpResponse::Conflict(),
        ServiceError::RateLimited { .. } => HttpResponse::TooManyRequests(),
        ServiceError::Unavailable(_) => HttpResponse::ServiceUnavailable(),
        ServiceError::Database(_) | ServiceError::Internal(_) => HttpResponse::InternalServerError(),
    };
    let message = if err.is_internal() {
        tracing::error!(error = %err, "export failed");
        "internal error".to_owned()
    } else {
        err.to_string()
    };
    response.json(serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": err.code(), "field": err.field() } }]
    }))
}

fn to_body_error(err: ServiceError) -> actix_web::Error {
    tracing::error!(error = %err, "export stream failed");
    actix_web::error::ErrorInternalServerError("export failed")
}

/// `/exports/old-parts.{format}`: the return progress report as XLSX or
/// CSV. The query string is parsed here, not by an extractor, so a bad
/// parameter gets the JSON error naming it instead of actix's plain text.
pub async fn old_parts(
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    format: web::Path<String>,
) -> HttpResponse {
    let actor = match signed_in(&state, &req, &request_id).await {
        Ok(actor) => actor,
        Err(refused) => return refused,
    };
    let format = format.into_inner();
    if format != "xlsx" && format != "csv" {
        return error_response(&ServiceError::validation("format", "exports come as `xlsx` or `csv`"));
    }
    let params = match ReportParams::parse(req.query_string()) {
        Ok(params) => params,
        Err(err) => return error_response(&err),
    };
    let as_of =
        params.as_of.unwrap_or_else(|| Utc::now().with_timezone(&state.settings.business_tz()).date_naive());
    let scope = ReportScope { from: params.from, to: params.to, region: params.region };
    let rows = match report_stream(&state.db, &actor, &scope).await {
        Ok(rows) => rows.map(move |row| row.map(|r| r.cells(as_of))),
        Err(err) => return error_response(&err),
    };
    let file_name = format!("old-part-return-report-{as_of}.{format}");
    let disposition = (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\""));
    if format == "csv" {
        let body = export::csv(&RETURN_REPORT_HEADERS, rows).map_ok(web::Bytes::from).map_err(to_body_error);
        return HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(disposition)
            .streaming(body);
    }
    let file = match export::xlsx("旧件返司进度汇报表", &RETURN_REPORT_HEADERS, rows).await {
        Ok(file) => tokio::fs::File::from_std(file),
        Err(err) => return error_response(&err),
    };
    let body = futures::stream::try_unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut chunk = vec![0; FILE_CHUNK];
        let read = file.read(&mut chunk).await?;
        if read == 0 {
            return Ok::<_, std::io::Error>(None);
        }
        chunk.truncate(read);
        Ok(Some((web::Bytes::from(chunk), file)))
    });
    HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header(disposition)
        .streaming(body)
}

/// `/reports/{id}.xlsx` and `/reports/{id}.svg`: a stored report's workbook
/// or chart, for the roles that read the reports.
pub async fn stored_report(
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let actor = match signed_in(&state, &req, &request_id).await {
        Ok(actor) => actor,
        Err(refused) => return refused,
    };
    let (id, extension) = path.into_inner();
    // The route takes digits only; more than an id holds is no report, in
    // the JSON shape rather than the extractor's plain text.
    let Ok(id) = id.parse::<i64>() else {
        return error_response(&ServiceError::not_found("report", id));
    };
    let Some(which) = ReportFile::from_extension(&extension) else {
        return error_response(&ServiceError::not_found("report format", extension));
    };
    match stored::file(&state.db, &actor, id, which).await {
        Ok((file_name, bytes)) => HttpResponse::Ok()
            .content_type(which.content_type())
            .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")))
            .body(bytes),
        Err(err) => error_response(&err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field a refused query string names.
    fn refused(query: &str) -> String {
        let err = ReportParams::parse(query).expect_err(query);
        assert_eq!(err.code(), "VALIDATION", "{query}");
        err.field().unwrap_or_default().to_owned()
    }

    #[test]
    fn good_parameters_parse_and_empty_ones_are_not_given() {
        let params =
            ReportParams::parse("from=2026-01-01&to=2026-01-31&region=%E6%B1%9F%E8%8B%8F&asOf=2026-02-01")
                .expect("valid");
        assert_eq!(params.from, NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(params.to, NaiveDate::from_ymd_opt(2026, 1, 31));
        assert_eq!(params.region.as_deref(), Some("江苏"));
        assert_eq!(params.as_of, NaiveDate::from_ymd_opt(2026, 2, 1));
        assert_eq!(ReportParams::parse("").expect("none"), ReportParams::default());
        assert_eq!(ReportParams::parse("asOf=&region=+").expect("blank"), ReportParams::default());
    }

    #[test]
    fn a_bad_value_names_its_parameter() {
        assert_eq!(refused("asOf=2026-13-01"), "asOf");
        assert_eq!(refused("from=yesterday"), "from");
        assert_eq!(refused("from=2026-01-01&to=2026-02-30"), "to");
        assert_eq!(refused("asOf=2026-01-01&asOf=2026-01-02"), "asOf");
        assert_eq!(refused("region=%E6%B1"), "region", "not UTF-8");
        assert_eq!(refused("region=%ZZ"), "region");
        assert_eq!(refused("region=a%0"), "region");
        assert_eq!(refused("region=a%00b"), "region", "NUL");
        assert_eq!(refused("region=江苏"), "region", "sent raw, not encoded");
        assert_eq!(refused("region=a b"), "region");
        assert_eq!(refused("format=pdf"), "format");
        assert_eq!(refused("%FF=1"), "query");
        assert_eq!(refused("a%ZZ=1"), "query");
        assert_eq!(refused(&format!("{}=1", "k".repeat(100))), "query");
    }
}
