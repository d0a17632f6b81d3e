//! CORS: none by default (no CORS headers at all); with allowed origins, a
//! preflight from one of them is answered with what GraphQL needs, and
//! any other origin gets no allow header.

use reqwest::Method;
use reqwest::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, HeaderMap,
};
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    without_allowed_origins_there_are_no_cors_headers,
    allowed_origins_get_preflight_and_allow_headers_others_do_not
);

const CONSOLE: &str = "http://console.test:5173";
const STRANGER: &str = "https://evil.example";

async fn preflight(app: &TestApp, origin: &str) -> reqwest::Response {
    app.http
        .request(Method::OPTIONS, format!("{}/graphql", app.address))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type, authorization")
        .send()
        .await
        .expect("preflight sent")
}

async fn post(app: &TestApp, origin: &str, token: &str) -> reqwest::Response {
    app.http
        .post(format!("{}/graphql", app.address))
        .header("origin", origin)
        .bearer_auth(token)
        .json(&json!({"query": "{ me { username } }"}))
        .send()
        .await
        .expect("request sent")
}

fn has_cors(headers: &HeaderMap) -> bool {
    headers.keys().any(|name| name.as_str().starts_with("access-control-"))
}

async fn without_allowed_origins_there_are_no_cors_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let answer = preflight(&app, CONSOLE).await;
    assert!(!has_cors(answer.headers()), "{:?}", answer.headers());
    let answer = post(&app, CONSOLE, &admin).await;
    assert_eq!(answer.status(), 200);
    assert!(!has_cors(answer.headers()), "{:?}", answer.headers());
}

async fn allowed_origins_get_preflight_and_allow_headers_others_do_not(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.cors_allowed_origins = vec![CONSOLE.into()]).await;
    let admin = app.admin_token().await;

    let answer = preflight(&app, CONSOLE).await;
    assert!(answer.status().is_success(), "{}", answer.status());
    let headers = answer.headers();
    assert_eq!(headers.get(ACCESS_CONTROL_ALLOW_ORIGIN).and_then(|v| v.to_str().ok()), Some(CONSOLE));
    let methods = headers.get(ACCESS_CONTROL_ALLOW_METHODS).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(methods.contains("POST") && methods.contains("GET"), "{methods}");
    let allowed = headers.get(ACCESS_CONTROL_ALLOW_HEADERS).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let allowed = allowed.to_lowercase();
    assert!(allowed.contains("content-type") && allowed.contains("authorization"), "{allowed}");

    let answer = post(&app, CONSOLE, &admin).await;
    assert_eq!(
        answer.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).and_then(|v| v.to_str().ok()),
        Some(CONSOLE)
    );
    let exposed =
        answer.headers().get(ACCESS_CONTROL_EXPOSE_HEADERS).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(exposed.contains("x-request-id"), "{exposed}");
    let body: serde_json::Value = answer.json().await.expect("JSON");
    assert_eq!(body["data"]["me"]["username"], "admin");

    // Another origin: no allow header on the preflight nor on the request
    // (which a non-browser client may still make).
    let answer = preflight(&app, STRANGER).await;
    assert!(answer.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{:?}", answer.headers());
    let answer = post(&app, STRANGER, &admin).await;
    assert_eq!(answer.status(), 200);
    assert!(answer.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{:?}", answer.headers());
    // No Origin at all (curl, another server): as before.
    let plain = app.gql(Some(&admin), "{ me { username } }", json!({})).await;
    plain.expect_ok();
}
