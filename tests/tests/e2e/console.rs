//! The console (web/, served by the api at `/`) in a real browser: each
//! check of `tests/browser/console/` drives Debian's Chromium through a
//! whole piece of work against the real server on the embedded default
//! (SQLite), on a fresh database with the demo data. A failed check keeps a
//! screenshot and a Playwright trace in `tests/browser/artifacts/`.

use crate::helpers::{Backend, PASSWORD, TestApp, browser_check, spawn_app};

/// The server on a fresh embedded database, with the demo data loaded.
async fn console_app() -> TestApp {
    let app = spawn_app(Backend::Sqlite).await;
    service::demo::load(&app.db).await.expect("demo data loads");
    app
}

/// Runs `tests/browser/console/<script>` and fails with its report.
async fn run(script: &str) {
    let app = console_app().await;
    // The test server's administrator has the tests' password, not the demo's.
    let output = browser_check(&app, &format!("console/{script}"), &[("ADMIN_PASSWORD", PASSWORD)]).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{script} failed ({}):\n{stdout}\n{stderr}", output.status);
    assert!(stdout.contains("ok "), "{script} reported no passed check:\n{stdout}\n{stderr}");
}

/// The console's index: for `/` and for any of the app's routes (a deep
/// link), revalidated, under a policy that allows this server only.
#[tokio::test]
async fn the_api_serves_the_console_at_the_root_and_its_routes() {
    let app = spawn_app(Backend::Sqlite).await;
    for path in ["/", "/tickets", "/tickets/VGlja2V0OjE", "/my/jobs"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers().clone();
        assert_eq!(headers["cache-control"], "no-cache", "{path}");
        assert!(headers["content-type"].to_str().unwrap().starts_with("text/html"), "{path}");
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("default-src 'self'") && policy.contains("connect-src 'self'"), "{policy}");
        let page = response.text().await.unwrap();
        assert!(page.contains(r#"<div id="root"></div>"#), "{path}: {page}");
    }
}

/// Content-hashed assets are kept for a year; a missing asset is a 404, not
/// the index; the api's own paths keep answering themselves.
#[tokio::test]
async fn console_assets_are_cached_by_content_hash_and_misses_are_not_the_app() {
    let app = spawn_app(Backend::Sqlite).await;
    let page = app.get("/").await.text().await.unwrap();
    let script = page
        .split('"')
        .find(|part| part.starts_with("/assets/") && part.ends_with(".js"))
        .unwrap_or_else(|| panic!("the index loads a script from /assets/: {page}"));
    let response = app.get(script).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
    let identity = response.bytes().await.unwrap();
    assert!(!identity.is_empty());
    // Gzipped once at build time, sent to whoever accepts it.
    let packed = app
        .http
        .get(format!("{}{script}", app.address))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(packed.headers()["content-encoding"], "gzip");
    assert_eq!(packed.headers()["vary"], "Accept-Encoding");
    let packed = packed.bytes().await.unwrap();
    assert!(
        packed.starts_with(&[0x1f, 0x8b]) && packed.len() < identity.len(),
        "{} of {}",
        packed.len(),
        identity.len()
    );

    for missing in ["/assets/index-00000000.js", "/favicon.ico", "/graphql/anything", "/healthz/x"] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
    let posted = app.http.post(format!("{}/tickets", app.address)).send().await.unwrap();
    assert_eq!(posted.status(), 404, "only GET and HEAD reach the console");
}

#[tokio::test]
async fn console_walks_a_ticket_from_the_call_to_the_signature() {
    run("walk.mjs").await;
}

#[tokio::test]
async fn console_paid_quote_below_the_limit_waits_for_the_general_manager() {
    run("paid-quote.mjs").await;
}

#[tokio::test]
async fn console_dealer_cannot_open_another_dealers_ticket() {
    run("dealer-scope.mjs").await;
}

#[tokio::test]
async fn console_session_expiry_keeps_the_form() {
    run("session-expiry.mjs").await;
}

#[tokio::test]
async fn console_engineer_works_offline_and_the_outbox_sends_in_order() {
    run("offline.mjs").await;
}

#[tokio::test]
async fn console_warehouse_keeper_issues_a_requisition_and_books_a_stocktake() {
    run("warehouse.mjs").await;
}

#[tokio::test]
async fn console_manager_chases_a_late_old_part_and_downloads_the_return_report() {
    run("old-parts.mjs").await;
}

#[tokio::test]
async fn console_manager_sells_scrap_and_the_general_manager_approves_it_from_the_inbox() {
    run("scrap-sale.mjs").await;
}

#[tokio::test]
async fn console_general_manager_decides_a_discounted_quote_from_the_inbox() {
    run("approvals.mjs").await;
}

#[tokio::test]
async fn console_quality_reads_the_pareto_drills_down_and_downloads_the_workbook() {
    run("reports.mjs").await;
}

#[tokio::test]
async fn console_dissatisfied_visit_opens_a_complaint_that_is_taken_answered_and_closed() {
    run("visits.mjs").await;
}

#[tokio::test]
async fn console_administrator_manages_a_user_the_outbox_and_the_audit() {
    run("admin-users.mjs").await;
}

#[tokio::test]
async fn console_administrator_keeps_master_data() {
    run("master-data.mjs").await;
}

#[tokio::test]
async fn console_administrator_imports_fifty_thousand_units_with_a_few_bad_rows() {
    run("import.mjs").await;
}
