//! Downloads: `/exports/old-parts.xlsx` and `/exports/old-parts.csv`, the
//! return progress report (旧件返司进度汇报表) for the bearer token's user
//! (rows stream from the database into the file; the body streams out), and
//! the stored reports' workbooks and charts.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{NaiveDate, Utc};
use futures::{StreamExt, TryStreamExt};
use serde::Deserialize;
use tracing_actix_web::RequestId;

use service::ServiceError;
use service::auth::Actor;
use service::export;
use service::usecase::parts::old_part_reports::{RETURN_REPORT_HEADERS, ReportScope, report_stream};
use service::usecase::reports::stored::{self, ReportFile};

use super::graphql::{authenticate, bearer};
use crate::state::AppState;

/// The report's parameters, as in `oldPartReturnReport`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportParams {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    region: Option<String>,
    as_of: Option<NaiveDate>,
}

/// Bytes read from the finished spreadsheet per body chunk.
const FILE_CHUNK: usize = 64 * 1024;

/// The user behind the request's bearer token, or the response refusing
/// it: `UNAUTHENTICATED` without a valid token, `UNAVAILABLE` when the
/// user could not be read.
async fn signed_in(
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
fn error_response(err: &ServiceError) -> HttpResponse {
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

pub async fn old_parts(
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    format: web::Path<String>,
    params: web::Query<ReportParams>,
) -> HttpResponse {
    let actor = match signed_in(&state, &req, &request_id).await {
        Ok(actor) => actor,
        Err(refused) => return refused,
    };
    let format = format.into_inner();
    if format != "xlsx" && format != "csv" {
        return error_response(&ServiceError::not_found("export format", format));
    }
    let params = params.into_inner();
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
    path: web::Path<(i64, String)>,
) -> HttpResponse {
    let actor = match signed_in(&state, &req, &request_id).await {
        Ok(actor) => actor,
        Err(refused) => return refused,
    };
    let (id, extension) = path.into_inner();
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
