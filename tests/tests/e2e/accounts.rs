//! User administration: a user changes their own password, an admin
//! resets one, deactivates and reactivates accounts and changes roles;
//! each audited, refused to non-admins, and old tokens stop working after
//! a password change or reset and a deactivation. Admins cannot lock
//! themselves out. Demo accounts never go into a production database.

use entity::enums::Role;
use serde_json::{Value, json};

use crate::helpers::{ADMIN, Backend, PASSWORD, TestApp, spawn_app, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    a_user_changes_their_password_and_every_older_token_stops_working,
    an_admin_resets_a_password_and_the_users_old_token_stops_working,
    a_deactivated_user_is_locked_out_at_once_and_reactivated_signs_in_anew,
    an_admin_changes_roles_which_hold_at_the_users_next_request,
    admins_cannot_lock_themselves_out,
    only_admins_administer_accounts,
    demo_accounts_are_refused_in_a_production_database,
);

const ME: &str = "{ me { username roles } }";
const CHANGE: &str = "mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { token expiresAt user { username version } } }";
const RESET: &str = "mutation($u: ID!, $p: String!, $v: Int) { resetPassword(input: {userId: $u, newPassword: $p, version: $v}) { user { username version } } }";
const DEACTIVATE: &str =
    "mutation($u: ID!) { deactivateUser(input: {userId: $u}) { user { username active version } } }";
const REACTIVATE: &str =
    "mutation($u: ID!) { reactivateUser(input: {userId: $u}) { user { username active version } } }";
const ROLES: &str = "mutation($u: ID!, $r: [Role!]!, $region: String, $v: Int) { setUserRoles(input: {userId: $u, roles: $r, region: $region, version: $v}) { user { username roles version } } }";

/// A user's API id, as `me` gives it.
async fn api_id(app: &TestApp, token: &str) -> Value {
    app.gql(Some(token), "{ me { id } }", json!({})).await.expect_ok()["me"]["id"].clone()
}

async fn signed_out(app: &TestApp, token: &str) -> bool {
    app.gql(Some(token), ME, json!({})).await.error_code() == Some("UNAUTHENTICATED")
}

/// The audit entries of `action`, newest last.
async fn audited(app: &TestApp, admin: &str, action: &str) -> Vec<Value> {
    let log = app
        .gql(
            Some(admin),
            "{ auditLog(first: 200) { edges { node { action actorId before after } } } }",
            json!({}),
        )
        .await;
    let edges = log.expect_ok()["auditLog"]["edges"].as_array().expect("edges").clone();
    edges.into_iter().map(|e| e["node"].clone()).filter(|n| n["action"] == action).collect()
}

async fn a_user_changes_their_password_and_every_older_token_stops_working(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let first = app.user_with("agent.wu", &[Role::Agent], None).await;
    let second = app.token("agent.wu", PASSWORD).await;

    let wrong = app.gql(Some(&first), CHANGE, json!({"c": "not-my-password", "n": "a-new-password-1"})).await;
    assert_eq!((wrong.error_code(), wrong.error_field()), (Some("VALIDATION"), Some("currentPassword")));
    for (new, why) in [("short", "too short"), (PASSWORD, "the same")] {
        let bad = app.gql(Some(&first), CHANGE, json!({"c": PASSWORD, "n": new})).await;
        assert_eq!((bad.error_code(), bad.error_field()), (Some("VALIDATION"), Some("newPassword")), "{why}");
    }
    // A control character is refused before the mutation runs.
    let bad = app.gql(Some(&first), CHANGE, json!({"c": PASSWORD, "n": "new\u{7}password"})).await;
    assert_eq!(bad.error_code(), Some("VALIDATION"));
    assert!(!signed_out(&app, &first).await, "a refused change changes nothing");

    let changed = app.gql(Some(&first), CHANGE, json!({"c": PASSWORD, "n": "a-new-password-1"})).await;
    let payload = &changed.expect_ok()["changePassword"];
    assert_eq!(payload["user"]["username"], "agent.wu");
    let fresh = payload["token"].as_str().expect("a new token").to_owned();
    assert!(signed_out(&app, &first).await, "the token the change was made with");
    assert!(signed_out(&app, &second).await, "another session's token");
    assert_eq!(app.gql(Some(&fresh), ME, json!({})).await.expect_ok()["me"]["username"], "agent.wu");
    assert_eq!(app.login("agent.wu", PASSWORD).await.error_code(), Some("UNAUTHENTICATED"));
    app.login("agent.wu", "a-new-password-1").await.expect_ok();

    let entries = audited(&app, &admin, "user.change_password").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(entries[0]["actorId"].is_string());
    assert!(!entries[0].to_string().contains("argon2"), "no password hash in the audit log");
}

async fn an_admin_resets_a_password_and_the_users_old_token_stops_working(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let agent = app.user_with("agent.qian", &[Role::Agent], None).await;
    let id = api_id(&app, &agent).await;

    let short = app.gql(Some(&admin), RESET, json!({"u": id, "p": "short"})).await;
    assert_eq!((short.error_code(), short.error_field()), (Some("VALIDATION"), Some("newPassword")));
    let stale = app.gql(Some(&admin), RESET, json!({"u": id, "p": "reset-password-1", "v": 7})).await;
    assert_eq!(stale.error_code(), Some("CONFLICT"));
    assert!(!signed_out(&app, &agent).await);

    let reset = app.gql(Some(&admin), RESET, json!({"u": id, "p": "reset-password-1", "v": 1})).await;
    assert_eq!(reset.expect_ok()["resetPassword"]["user"]["version"], 2);
    assert!(signed_out(&app, &agent).await, "the token from before the reset");
    assert_eq!(app.login("agent.qian", PASSWORD).await.error_code(), Some("UNAUTHENTICATED"));
    let fresh = app.token("agent.qian", "reset-password-1").await;
    assert!(!signed_out(&app, &fresh).await);
    assert!(!signed_out(&app, &admin).await, "the admin's own token is untouched");
    let entries = audited(&app, &admin, "user.reset_password").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["after"]["username"], "agent.qian");
    assert!(!entries[0].to_string().contains("argon2"));
    let missing =
        app.gql(Some(&admin), RESET, json!({"u": id_of("User", 987_654), "p": "reset-password-1"})).await;
    assert_eq!(missing.error_code(), Some("NOT_FOUND"));
}

fn id_of(kind: &str, id: i64) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

async fn a_deactivated_user_is_locked_out_at_once_and_reactivated_signs_in_anew(backend: Backend) {
    // The default actor cache: the deactivation must not wait for it.
    let app = spawn_app_with(backend, |s| s.actor_cache_ms = 60_000).await;
    let admin = app.admin_token().await;
    let agent = app.user_with("agent.sun", &[Role::Agent], None).await;
    let id = api_id(&app, &agent).await;
    assert!(!signed_out(&app, &agent).await, "cached now");

    let off = app.gql(Some(&admin), DEACTIVATE, json!({"u": id})).await;
    assert_eq!(off.expect_ok()["deactivateUser"]["user"]["active"], false);
    assert!(signed_out(&app, &agent).await, "at once, though the account was cached");
    assert_eq!(app.login("agent.sun", PASSWORD).await.error_code(), Some("UNAUTHENTICATED"));
    // Again: nothing more changes, nothing more is audited.
    app.gql(Some(&admin), DEACTIVATE, json!({"u": id})).await.expect_ok();

    let on = app.gql(Some(&admin), REACTIVATE, json!({"u": id})).await;
    assert_eq!(on.expect_ok()["reactivateUser"]["user"]["active"], true);
    assert!(signed_out(&app, &agent).await, "a token from before the deactivation stays void");
    let fresh = app.token("agent.sun", PASSWORD).await;
    assert!(!signed_out(&app, &fresh).await);
    assert_eq!(audited(&app, &admin, "user.deactivate").await.len(), 1);
    let reactivated = audited(&app, &admin, "user.reactivate").await;
    assert_eq!(reactivated.len(), 1);
    assert_eq!(
        (&reactivated[0]["before"]["active"], &reactivated[0]["after"]["active"]),
        (&json!(false), &json!(true))
    );
}

async fn an_admin_changes_roles_which_hold_at_the_users_next_request(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.actor_cache_ms = 60_000).await;
    let admin = app.admin_token().await;
    let user = app.user_with("staff.zhou", &[Role::Agent], None).await;
    let id = api_id(&app, &user).await;
    assert_eq!(app.gql(Some(&user), ME, json!({})).await.expect_ok()["me"]["roles"], json!(["AGENT"]));

    let set = app.gql(Some(&admin), ROLES, json!({"u": id, "r": ["WAREHOUSE", "QUALITY"], "v": 1})).await;
    assert_eq!(set.expect_ok()["setUserRoles"]["user"]["roles"], json!(["WAREHOUSE", "QUALITY"]));
    let me = app.gql(Some(&user), ME, json!({})).await;
    assert_eq!(me.expect_ok()["me"]["roles"], json!(["WAREHOUSE", "QUALITY"]), "at once, though cached");
    let stale = app.gql(Some(&admin), ROLES, json!({"u": id, "r": ["AGENT"], "v": 1})).await;
    assert_eq!(stale.error_code(), Some("CONFLICT"));

    let engineer = app.gql(Some(&admin), ROLES, json!({"u": id, "r": ["ENGINEER"]})).await;
    assert_eq!((engineer.error_code(), engineer.error_field()), (Some("VALIDATION"), Some("region")));
    let engineer = app.gql(Some(&admin), ROLES, json!({"u": id, "r": ["ENGINEER"], "region": "江苏"})).await;
    assert_eq!(engineer.expect_ok()["setUserRoles"]["user"]["roles"], json!(["ENGINEER"]));
    let profile =
        app.gql(Some(&admin), "query($id: ID!) { engineer(id: $id) { region } }", json!({"id": id})).await;
    assert_eq!(profile.expect_ok()["engineer"]["region"], "江苏");

    for roles in [json!([]), json!(["DEALER"]), json!(["AGENT", "DEALER"])] {
        let refused = app.gql(Some(&admin), ROLES, json!({"u": id, "r": roles})).await;
        assert_eq!(
            (refused.error_code(), refused.error_field()),
            (Some("VALIDATION"), Some("roles")),
            "{roles}"
        );
    }
    let entries = audited(&app, &admin, "user.set_roles").await;
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0]["before"]["roles"], json!(["AGENT"]));
    assert_eq!(entries[0]["after"]["roles"], json!(["WAREHOUSE", "QUALITY"]));
}

async fn admins_cannot_lock_themselves_out(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let me = api_id(&app, &admin).await;
    let refused = app.gql(Some(&admin), DEACTIVATE, json!({"u": me})).await;
    assert_eq!((refused.error_code(), refused.error_field()), (Some("VALIDATION"), Some("userId")));
    let refused = app.gql(Some(&admin), ROLES, json!({"u": me, "r": ["SERVICE_MANAGER"]})).await;
    assert_eq!((refused.error_code(), refused.error_field()), (Some("VALIDATION"), Some("roles")));
    assert_eq!(app.gql(Some(&admin), ME, json!({})).await.expect_ok()["me"]["roles"], json!(["ADMIN"]));
    // Keeping ADMIN beside another role is fine; so is one admin demoting another.
    let both = app.gql(Some(&admin), ROLES, json!({"u": me, "r": ["ADMIN", "SERVICE_MANAGER"]})).await;
    assert_eq!(both.expect_ok()["setUserRoles"]["user"]["roles"], json!(["SERVICE_MANAGER", "ADMIN"]));
    let other = app.user_with("admin.two", &[Role::Admin], None).await;
    let other_id = api_id(&app, &other).await;
    app.gql(Some(&admin), DEACTIVATE, json!({"u": other_id})).await.expect_ok();
    assert!(signed_out(&app, &other).await);
}

async fn only_admins_administer_accounts(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let target = app.user_with("agent.he", &[Role::Agent], None).await;
    let target_id = api_id(&app, &target).await;
    for role in [Role::ServiceManager, Role::GeneralManager, Role::Agent] {
        let name = format!("not-admin-{}", role.as_str().to_lowercase());
        let token = app.user_with(&name, &[role], None).await;
        for (query, vars) in [
            (RESET, json!({"u": target_id, "p": "reset-password-1"})),
            (DEACTIVATE, json!({"u": target_id})),
            (REACTIVATE, json!({"u": target_id})),
            (ROLES, json!({"u": target_id, "r": ["ADMIN"]})),
        ] {
            let refused = app.gql(Some(&token), query, vars).await;
            assert_eq!(refused.error_code(), Some("FORBIDDEN"), "{role:?}: {query}");
        }
    }
    // Nothing happened to the target.
    assert_eq!(app.gql(Some(&target), ME, json!({})).await.expect_ok()["me"]["roles"], json!(["AGENT"]));
    // Anyone changes their own password; nobody without a token.
    let anonymous = app.gql(None, CHANGE, json!({"c": PASSWORD, "n": "a-new-password-1"})).await;
    assert_eq!(anonymous.error_code(), Some("UNAUTHENTICATED"));
    assert!(audited(&app, &admin, "user.reset_password").await.is_empty());
    let _ = ADMIN;
}

async fn demo_accounts_are_refused_in_a_production_database(backend: Backend) {
    let app = spawn_app_with(backend, |s| s.production = true).await;
    let Err(refused) = service::demo::load(&app.db).await else { panic!("demo data loaded in production") };
    assert_eq!(refused.code(), "FORBIDDEN");
    assert!(refused.to_string().contains("production database"), "{refused}");
    assert!(app.login("gm", service::demo::DEMO_PASSWORD).await.error_code().is_some(), "no demo user");
    // Once production, always: a later process without the setting refuses too.
    let laptop = app.another_instance(|s| s.production = false).await;
    let Err(still) = service::demo::load(&laptop.db).await else { panic!("demo data loaded in production") };
    assert_eq!(still.code(), "FORBIDDEN");
    // A database that never ran in production takes the demo.
    let dev = spawn_app(backend).await;
    assert!(service::demo::load(&dev.db).await.expect("loads").loaded);
}
