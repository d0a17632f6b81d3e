//! Login, `me`, tokens, the login throttle and account creation.

use serde_json::json;

use crate::helpers::{ADMIN, Backend, PASSWORD, spawn_app, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    login_as_admin_then_me_returns_the_admin,
    wrong_password_and_unknown_user_are_unauthenticated,
    sixth_login_attempt_in_a_minute_is_rate_limited,
    queries_without_a_valid_token_are_unauthenticated,
    admin_creates_a_dealer_user_who_can_then_log_in,
    creating_a_user_writes_an_audit_entry_without_the_password_hash,
);

async fn login_as_admin_then_me_returns_the_admin(backend: Backend) {
    let app = spawn_app(backend).await;
    let login = app.login(ADMIN, PASSWORD).await;
    let data = login.expect_ok();
    assert_eq!(data["login"]["user"]["username"], ADMIN);
    assert_eq!(data["login"]["user"]["roles"], json!(["ADMIN"]));
    let token = data["login"]["token"].as_str().expect("token");
    let me = app.gql(Some(token), "{ me { username roles active } }", json!({})).await;
    assert_eq!(me.expect_ok()["me"], json!({"username": ADMIN, "roles": ["ADMIN"], "active": true}));
}

async fn wrong_password_and_unknown_user_are_unauthenticated(backend: Backend) {
    let app = spawn_app(backend).await;
    let wrong = app.login(ADMIN, "not-the-password").await;
    assert_eq!(wrong.error_code(), Some("UNAUTHENTICATED"));
    assert!(wrong.data().is_null());
    let unknown = app.login("nobody", PASSWORD).await;
    assert_eq!(unknown.error_code(), Some("UNAUTHENTICATED"));
}

async fn sixth_login_attempt_in_a_minute_is_rate_limited(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.login_attempts_per_minute = 5).await;
    // Successful logins do not count.
    for _ in 0..6 {
        app.login(ADMIN, PASSWORD).await.expect_ok();
    }
    for _ in 0..5 {
        let r = app.login(ADMIN, "guess").await;
        assert_eq!(r.error_code(), Some("UNAUTHENTICATED"));
    }
    // Even the right password waits once the failures are spent.
    let limited = app.login(ADMIN, PASSWORD).await;
    assert_eq!(limited.error_code(), Some("RATE_LIMITED"));
    // Another user name from the same address still has budget left.
    let other = app.login("someone-else", "guess").await;
    assert_eq!(other.error_code(), Some("UNAUTHENTICATED"));
}

async fn queries_without_a_valid_token_are_unauthenticated(backend: Backend) {
    let app = spawn_app(backend).await;
    let anonymous = app.gql(None, "{ me { username } }", json!({})).await;
    assert_eq!(anonymous.error_code(), Some("UNAUTHENTICATED"));
    let forged =
        app.gql(Some("eyJhbGciOiJIUzI1NiJ9.e30.bad"), "{ customers { totalCount } }", json!({})).await;
    assert_eq!(forged.error_code(), Some("UNAUTHENTICATED"));
}

async fn admin_creates_a_dealer_user_who_can_then_log_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let dealer = app
        .gql(
            Some(&admin),
            r#"mutation { createDealer(input: {code: "D-T1", name: "测试代理", region: "江苏"}) { dealer { id code } } }"#,
            json!({}),
        )
        .await;
    dealer.expect_ok();
    let created = app
        .gql(
            Some(&admin),
            r#"mutation { createUser(input: {username: "d1", password: "dealer-pass-1", roles: [DEALER], dealerCode: "D-T1"}) { user { username roles dealer { code } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        created.expect_ok()["createUser"]["user"],
        json!({"username": "d1", "roles": ["DEALER"], "dealer": {"code": "D-T1"}})
    );
    assert_eq!(
        app.login("d1", "dealer-pass-1").await.expect_ok()["login"]["user"]["roles"],
        json!(["DEALER"])
    );

    let without_dealer = app
        .gql(
            Some(&admin),
            r#"mutation { createUser(input: {username: "d2", password: "dealer-pass-1", roles: [DEALER]}) { user { id } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(without_dealer.error_code(), Some("VALIDATION"));
    assert_eq!(without_dealer.error_field(), Some("dealer"));
}

async fn creating_a_user_writes_an_audit_entry_without_the_password_hash(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let before = app.count("audit_log").await;
    app.gql(
        Some(&admin),
        r#"mutation { createUser(input: {username: "agent7", password: "agent-pass-7", roles: [AGENT]}) { user { id } } }"#,
        json!({}),
    )
    .await
    .expect_ok();
    assert_eq!(app.count("audit_log").await, before + 1);
    let log = app
        .gql(Some(&admin), "{ auditLog(first: 50) { edges { node { action actorId after } } } }", json!({}))
        .await;
    let edges = log.expect_ok()["auditLog"]["edges"].as_array().expect("edges").clone();
    let entry = edges
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["action"] == "user.create" && n["after"]["username"] == "agent7")
        .expect("audit entry for the new user");
    assert!(entry["actorId"].is_string(), "the admin is recorded as actor: {entry}");
    assert!(!entry["after"].to_string().contains("argon2"), "no password hash in the audit log");
}
