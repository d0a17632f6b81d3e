//! The job dashboard page. It holds no data: it signs in and reads
//! `jobQueues` through GraphQL, where the ADMIN check is.

use actix_web::HttpResponse;
use actix_web::http::header;

const JOBS_PAGE: &str = include_str!("../../assets/jobs.html");

/// `GET /admin/jobs`.
pub async fn jobs_page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
        ))
        .body(JOBS_PAGE)
}
