//! Complaints over HTTP: filed by the desk, a quality one due at quality
//! within two hours and announced there at once, taken, answered, closed;
//! one not taken in time is escalated to the service managers once.

use chrono::{Duration, SubsecRound, Utc};
use entity::enums::Role;
use serde_json::{Value, json};
use service::usecase::identity::{self, NewUser};

use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app, test_settings};
use crate::on_both_backends;
use crate::parts::site;
use crate::tickets::step;

on_both_backends!(
    a_quality_complaint_reaches_quality_is_answered_and_closed,
    a_quality_complaint_not_taken_in_two_hours_is_escalated_once,
    bad_complaints_are_refused_with_the_field_named,
);

const FILE: &str = "mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id number version status category routedTo receivedAt routeDueAt routingOverdue customer { name } ticket { number } } }";

/// A quality reviewer reachable by mail.
async fn quality_user(app: &TestApp) -> String {
    identity::create_user(
        &app.db,
        None,
        NewUser {
            username: "qa".into(),
            password: PASSWORD.into(),
            roles: vec![Role::Quality],
            email: Some("qa@example.cn".into()),
            ..NewUser::default()
        },
    )
    .await
    .expect("quality user");
    app.token("qa", PASSWORD).await
}

async fn customer_of(app: &TestApp, token: &str, ticket: &Value) -> Value {
    step(app, token, "query($id: ID!) { ticket(id: $id) { customer { id } } }", json!({"id": ticket})).await["ticket"]
        ["customer"]["id"]
        .clone()
}

async fn a_quality_complaint_reaches_quality_is_answered_and_closed(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let quality = quality_user(&app).await;
    let customer = customer_of(&app, &site.agent, &site.ticket).await;
    let received = (Utc::now() - Duration::minutes(30)).trunc_subsecs(0);
    let filed = step(
        &app,
        &site.agent,
        FILE,
        json!({"i": {"customerId": customer, "ticketId": site.ticket, "category": "QUALITY", "severity": "MAJOR",
            "description": "同一油缸第二次漏油", "receivedAt": received.to_rfc3339()}}),
    )
    .await["fileComplaint"]
        .clone();
    assert_eq!(filed["status"], "OPEN");
    assert_eq!(filed["routedTo"], "QUALITY");
    assert_eq!(filed["ticket"]["number"], site.number.as_str());
    assert!(filed["number"].as_str().is_some_and(|n| n.starts_with("CP-")), "{filed}");
    let due = chrono::DateTime::parse_from_rfc3339(filed["routeDueAt"].as_str().expect("due")).expect("time");
    assert_eq!(
        (due.with_timezone(&Utc) - received).num_minutes(),
        120,
        "due at quality two hours after receipt"
    );
    assert_eq!(filed["routingOverdue"], false);
    assert_eq!(
        app.count("notifications WHERE template = 'complaint_received' AND recipient = 'qa@example.cn'")
            .await,
        1,
        "quality hears of it at once"
    );

    let id = filed["id"].clone();
    let take = "mutation($c: ComplaintRef!) { takeComplaint(complaint: $c) { status version routedAt } }";
    let refused = app.gql(Some(&site.engineer), take, json!({"c": {"id": id, "version": 1}})).await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"), "an engineer does not take complaints");
    let taken =
        step(&app, &quality, take, json!({"c": {"id": id, "version": 1}})).await["takeComplaint"].clone();
    assert_eq!(taken["status"], "ROUTED");
    assert!(taken["routedAt"].is_string());
    let again = app.gql(Some(&quality), take, json!({"c": {"id": id, "version": 2}})).await;
    assert_eq!(again.error_code(), Some("INVALID_TRANSITION"));
    // Its own page: who took it, by id; and the list by severity.
    let one = "query($id: ID!) { complaint(id: $id) { number handlerName severity } }";
    let read = step(&app, &site.agent, one, json!({"id": id})).await;
    assert_eq!(read["complaint"]["number"], filed["number"]);
    assert!(read["complaint"]["handlerName"].is_string(), "{read}");
    let by_severity =
        "query($s: Severity!) { complaints(first: 10, filter: {severity: $s}) { nodes { id } } }";
    let same = step(&app, &site.agent, by_severity, json!({"s": read["complaint"]["severity"]})).await;
    assert_eq!(same["complaints"]["nodes"][0]["id"], id);
    let other = if read["complaint"]["severity"] == "GENERAL" { "MAJOR" } else { "GENERAL" };
    let none = step(&app, &site.agent, by_severity, json!({"s": other})).await;
    assert_eq!(none["complaints"]["nodes"], json!([]));
    assert_eq!(app.gql(Some(&site.engineer), one, json!({"id": id})).await.error_code(), Some("FORBIDDEN"));

    let answer = "mutation($i: AnswerComplaintInput!) { answerComplaint(input: $i) { status version answer attributableToService } }";
    let answered = step(
        &app,
        &quality,
        answer,
        json!({"i": {"complaint": {"id": id, "version": 2}, "handling": "更换密封件批次", "answer": "已免费更换并回访",
            "attributableToService": false}}),
    )
    .await["answerComplaint"]
        .clone();
    assert_eq!(answered["status"], "ANSWERED");
    assert_eq!(answered["attributableToService"], false);

    let close = "mutation($c: ComplaintRef!) { closeComplaint(complaint: $c) { status closedAt } }";
    let stale = app.gql(Some(&site.agent), close, json!({"c": {"id": id, "version": 2}})).await;
    assert_eq!(stale.error_code(), Some("CONFLICT"), "a stale version is refused");
    let closed =
        step(&app, &site.agent, close, json!({"c": {"id": id, "version": 3}})).await["closeComplaint"]
            .clone();
    assert_eq!(closed["status"], "CLOSED");

    let listed = step(
        &app,
        &site.manager,
        "query { complaints(filter: {category: QUALITY}) { totalCount edges { node { number status } } } }",
        json!({}),
    )
    .await;
    assert_eq!(listed["complaints"]["totalCount"], 1);
    assert_eq!(listed["complaints"]["edges"][0]["node"]["status"], "CLOSED");
    assert_eq!(app.count("audit_log WHERE action LIKE 'complaint.%'").await, 4);
}

async fn a_quality_complaint_not_taken_in_two_hours_is_escalated_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    quality_user(&app).await;
    let customer = customer_of(&app, &site.agent, &site.ticket).await;
    let received = Utc::now() - Duration::hours(3);
    step(
        &app,
        &site.agent,
        FILE,
        json!({"i": {"customerId": customer, "category": "QUALITY", "severity": "GENERAL",
            "description": "刹车异响", "receivedAt": received.to_rfc3339()}}),
    )
    .await;
    let other = step(
        &app,
        &site.agent,
        FILE,
        json!({"i": {"customerId": customer, "category": "PRICE", "severity": "GENERAL", "description": "配件价格偏高",
            "receivedAt": received.to_rfc3339()}}),
    )
    .await["fileComplaint"]
        .clone();
    assert_eq!(other["routedTo"], "SERVICE_MANAGER");
    assert!(other["routeDueAt"].is_null(), "no routing deadline outside quality");

    let overdue = step(
        &app,
        &site.manager,
        "query { complaints(filter: {routingOverdue: true}) { totalCount edges { node { category routingOverdue } } } }",
        json!({}),
    )
    .await;
    assert_eq!(overdue["complaints"]["totalCount"], 1);
    assert_eq!(overdue["complaints"]["edges"][0]["node"]["routingOverdue"], true);

    let worker = crate::delivery::handlers(&app, test_settings(&app.database.url)).await;
    crate::delivery::sweep(&worker, &[jobs::SweepKind::Complaints]).await;
    crate::delivery::sweep(&worker, &[jobs::SweepKind::Complaints]).await;
    assert_eq!(
        app.count(
            "notifications WHERE template = 'complaint_routing_overdue' AND recipient = 'manager@example.cn'"
        )
        .await,
        1,
        "the service manager hears of it once"
    );
}

async fn bad_complaints_are_refused_with_the_field_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let customer = customer_of(&app, &site.agent, &site.ticket).await;
    let future = (Utc::now() + Duration::hours(1)).to_rfc3339();
    let base =
        json!({"customerId": customer, "category": "DELIVERY", "severity": "GENERAL", "description": "晚到"});
    let with = |extra: Value| {
        let mut input = base.clone();
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        json!({"i": input})
    };
    let cases = [
        (with(json!({"receivedAt": future})), "receivedAt"),
        (with(json!({"description": "  "})), "description"),
    ];
    for (vars, field) in cases {
        let refused = app.gql(Some(&site.agent), FILE, vars).await;
        assert_eq!(refused.error_code(), Some("VALIDATION"), "{field}");
        assert_eq!(refused.error_field(), Some(field));
    }
    // Another customer's ticket.
    let admin = app.admin_token().await;
    let stranger = step(
        &app,
        &admin,
        "mutation { createCustomer(input: {name: \"另一家公司\", phone: \"13800000009\", province: \"江苏\", distanceKm: 40}) { customer { id } } }",
        json!({}),
    )
    .await["createCustomer"]["customer"]["id"]
        .clone();
    let mut input = base.clone();
    input["customerId"] = stranger;
    input["ticketId"] = site.ticket.clone();
    let refused = app.gql(Some(&site.agent), FILE, json!({"i": input})).await;
    assert_eq!(refused.error_field(), Some("ticketId"));
    let forbidden = app.gql(Some(&site.engineer), FILE, with(json!({}))).await;
    assert_eq!(forbidden.error_code(), Some("FORBIDDEN"));
    assert_eq!(app.count("complaints").await, 0, "nothing half-written");
}
