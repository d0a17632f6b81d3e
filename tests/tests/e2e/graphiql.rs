//! GraphiQL works without internet (a closed factory network): the page and
//! every file it loads come from the server itself, at a pinned version, and
//! Chromium with nothing else reachable renders it.

use api::routes::graphiql::GRAPHIQL_VERSION;

use crate::helpers::{ADMIN, Backend, browser_check, spawn_app};

/// The values of every `attribute="…"` in `html`.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let opening = format!(" {attribute}=\"");
    html.split(opening.as_str()).skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_page_loads_only_its_own_assets_at_the_pinned_version() {
    let app = spawn_app(Backend::Sqlite).await;
    let page = app.get("/graphql").await;
    assert_eq!(page.status().as_u16(), 200);
    let policy = page.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
    let html = page.text().await.expect("html");

    // Nothing absolute: no http(s) URL, no protocol-relative one, and the
    // policy allows scripts and connections to this server alone.
    assert!(!html.contains("http:") && !html.contains("https:"), "an absolute URL in the page:\n{html}");
    for directive in ["default-src 'none'", "script-src 'self';", "connect-src 'self';"] {
        assert!(policy.contains(directive), "{directive} expected in {policy}");
    }
    assert!(!policy.contains("http") && !policy.contains('*'), "an outside source allowed: {policy}");

    let scripts = attribute_values(&html, "src");
    let sheets: Vec<&str> =
        attribute_values(&html, "href").into_iter().filter(|h| h.ends_with(".css")).collect();
    assert_eq!(scripts.len(), 4, "React, ReactDOM, GraphiQL and the start script: {scripts:?}");
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    let prefix = format!("/graphiql/{GRAPHIQL_VERSION}-");
    for (path, media_type) in
        scripts.iter().map(|p| (p, "text/javascript")).chain(sheets.iter().map(|p| (p, "text/css")))
    {
        assert!(path.starts_with(&prefix), "{path} is not under {prefix}");
        let asset = app.get(path).await;
        assert_eq!(asset.status().as_u16(), 200, "{path}");
        let header = |name: &str| asset.headers()[name].to_str().expect("ascii").to_owned();
        assert!(header("content-type").starts_with(media_type), "{path}: {}", header("content-type"));
        assert_eq!(header("cache-control"), "public, max-age=31536000, immutable", "{path}");
        assert!(!asset.bytes().await.expect("body").is_empty(), "{path}");
    }
    for href in attribute_values(&html, "href").into_iter().filter(|h| !h.ends_with(".css")) {
        assert!(href.starts_with("data:"), "a link outside the server: {href}");
    }

    // Another version's path, or a file that is not one of the page's, is not there.
    let tagged = scripts[0].rsplit_once('/').expect("a file name").0;
    assert_eq!(app.get(&format!("/graphiql/{GRAPHIQL_VERSION}-0/start.js")).await.status().as_u16(), 404);
    assert_eq!(app.get(&format!("{tagged}/update.sh")).await.status().as_u16(), 404);
}

/// The bundle is a megabyte: a browser that takes compressed answers gets one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_assets_are_compressed_for_browsers_that_accept_it() {
    let app = spawn_app(Backend::Sqlite).await;
    let html = app.get("/graphql").await.text().await.expect("html");
    let bundle = attribute_values(&html, "src")
        .into_iter()
        .find(|src| src.ends_with("/graphiql.min.js"))
        .expect("the GraphiQL bundle");
    let compressed = app
        .http
        .get(format!("{}{bundle}", app.address))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("request sent");
    assert_eq!(compressed.status().as_u16(), 200);
    assert_eq!(compressed.headers()["content-encoding"], "gzip");
}

/// GraphiQL switched off (production) serves neither the page nor its files.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_assets_are_gone_when_graphiql_is_off() {
    let app = spawn_app(Backend::Sqlite).await;
    let html = app.get("/graphql").await.text().await.expect("html");
    let start =
        attribute_values(&html, "src").into_iter().find(|s| s.ends_with("/start.js")).expect("start.js");
    let hidden = crate::helpers::spawn_app_with(Backend::Sqlite, |s| s.graphiql = Some(false)).await;
    assert_eq!(hidden.get("/graphql").await.status().as_u16(), 404);
    assert_eq!(hidden.get(start).await.status().as_u16(), 404);
}

/// Chromium with no network but the server: the page renders, the docs
/// explorer lists the query type and its fields, and a query signed in with
/// a token set in the headers editor answers; nothing outside was asked for.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_renders_and_documents_the_schema_in_chromium_with_no_network() {
    let app = spawn_app(Backend::Sqlite).await;
    let token = app.admin_token().await;
    let output =
        browser_check(&app, "graphiql.mjs", &[("GRAPHIQL_TOKEN", &token), ("GRAPHIQL_USERNAME", ADMIN)])
            .await;
    let report =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the GraphiQL browser check failed:\n{report}");
    assert!(report.contains("ok graphiql"), "{report}");
}

/// The harness itself: a page asking for a file by host name and another by
/// IP address outside the server fails its check, naming both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_checks_refuse_and_report_requests_outside_the_server() {
    let app = spawn_app(Backend::Sqlite).await;
    let output = browser_check(&app, "outside-is-refused.mjs", &[]).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("FAIL outside-is-refused: requests outside the server were attempted"),
        "{stderr}"
    );
    assert!(
        stderr.contains("https://cdn.example.com/pixel.png") && stderr.contains("http://192.0.2.1/data"),
        "{stderr}"
    );
}
