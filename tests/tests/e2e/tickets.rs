//! The ticket lifecycle over HTTP.

use entity::enums::{FaultCategory, Role};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;

on_both_backends!(
    free_ticket_walks_from_report_to_close_with_every_event_recorded,
    illegal_step_is_invalid_transition_naming_the_state_and_stale_version_is_conflict,
    concurrent_reports_get_distinct_numbers,
    dealer_sold_unit_in_warranty_opens_a_chargeback_and_notifies_the_dealer,
    warranty_status_answers_for_a_serial_and_date,
);

/// A unit 120 km away, invoiced `invoice`, 12 months' warranty; returns its serial.
async fn unit_in_field(
    app: &TestApp,
    admin: &str,
    serial: &str,
    invoice: &str,
    dealer: Option<&str>,
) -> String {
    let customer = app
        .gql(
            Some(admin),
            "mutation { createCustomer(input: {name: \"徐州路桥\", province: \"江苏\", distanceKm: 120, phone: \"13800138000\"}) { customer { id } } }",
            json!({}),
        )
        .await;
    let customer_id = customer.expect_ok()["createCustomer"]["customer"]["id"].clone();
    let model = app
        .gql(
            Some(admin),
            "mutation($c: String!) { createProductModel(input: {code: $c, name: \"XCT25\", category: \"起重机\", defaultWarrantyMonths: 12, salePrice: \"1180000\"}) { productModel { id } } }",
            json!({"c": format!("M-{serial}")}),
        )
        .await;
    let model_id = model.expect_ok()["createProductModel"]["productModel"]["id"].clone();
    let dealer_id = match dealer {
        Some(code) => {
            let d = app
                .gql(
                    Some(admin),
                    "mutation($c: String!) { createDealer(input: {code: $c, name: $c, region: \"江苏\", email: \"dealer@example.cn\"}) { dealer { id } } }",
                    json!({"c": code}),
                )
                .await;
            d.expect_ok()["createDealer"]["dealer"]["id"].clone()
        }
        None => Value::Null,
    };
    app.gql(
        Some(admin),
        "mutation($s: String!, $m: ID!, $c: ID, $d: ID, $i: NaiveDate) { registerUnit(input: {serialNumber: $s, productModelId: $m, productionDate: \"2024-01-05\", invoiceDate: $i, customerId: $c, dealerId: $d}) { unit { id } } }",
        json!({"s": serial, "m": model_id, "c": customer_id, "d": dealer_id, "i": invoice}),
    )
    .await
    .expect_ok();
    serial.to_owned()
}

const REPORT: &str = "mutation($s: String!) { reportFault(input: {channel: PHONE, serialNumber: $s, faultDescription: \"变幅油缸漏油\", faultCategory: HYDRAULIC}) { ticket { id number status version reportedAt deadlines { replyDueAt arrivalDueAt replyOverdue arrivalOverdue } } } }";

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

async fn step(app: &TestApp, token: &str, mutation: &str, vars: Value) -> Value {
    let r = app.gql(Some(token), mutation, vars).await;
    r.expect_ok().clone()
}

async fn free_ticket_walks_from_report_to_close_with_every_event_recorded(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-F-1", &today(), None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    app.engineer("eng.elec", "江苏", &[FaultCategory::Electrical]).await;
    let (hydraulic_id, hydraulic) = app.engineer("eng.hyd", "江苏", &[FaultCategory::Hydraulic]).await;

    let reported = step(&app, &agent, REPORT, json!({"s": serial})).await["reportFault"]["ticket"].clone();
    let number = reported["number"].as_str().expect("number");
    assert!(number.starts_with("SR-") && number.ends_with("-000001"), "{number}");
    assert_eq!(reported["status"], "REPORTED");
    let at =
        chrono::DateTime::parse_from_rfc3339(reported["reportedAt"].as_str().expect("at")).expect("time");
    let due =
        chrono::DateTime::parse_from_rfc3339(reported["deadlines"]["arrivalDueAt"].as_str().expect("due"))
            .expect("time");
    assert_eq!((due - at).num_hours(), 24, "120 km: on site within 24 h");
    let id = reported["id"].clone();

    let accepted = step(&app, &agent,
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { status serviceType version } } }",
        json!({"id": id})).await;
    assert_eq!(accepted["acceptTicket"]["ticket"]["serviceType"], "FREE");
    let dispatched = step(&app, &agent,
        "mutation($id: ID!) { dispatchTicket(input: {ticket: {id: $id, version: 2}, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status engineer { id username } } } }",
        json!({"id": id})).await;
    assert_eq!(
        dispatched["dispatchTicket"]["ticket"]["engineer"]["id"],
        json!(hydraulic_id),
        "the skilled engineer"
    );
    step(
        &app,
        &hydraulic,
        "mutation($id: ID!) { arriveOnSite(input: {id: $id, version: 3}) { ticket { status } } }",
        json!({"id": id}),
    )
    .await;
    let repaired = step(&app, &hydraulic,
        "mutation($id: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"油缸密封老化\", measures: \"更换密封件\", labourHours: \"2.5\"}) { ticket { status repeatRepair } repairRecord { faultCause customerSignedAt } } }",
        json!({"id": id})).await;
    assert_eq!(repaired["recordRepair"]["ticket"]["status"], "REPAIRED");
    assert!(
        repaired["recordRepair"]["repairRecord"]["customerSignedAt"].is_null(),
        "not signed before sign-off"
    );
    step(&app, &agent, "mutation($id: ID!) { signOff(input: {id: $id, version: 5}, signedBy: \"王经理\") { ticket { status } } }", json!({"id": id})).await;
    step(&app, &agent, "mutation($id: ID!) { recordReturnVisit(input: {ticket: {id: $id, version: 6}, channel: PHONE, satisfaction: 5, solved: true}) { ticket { status } } }", json!({"id": id})).await;
    let closed = step(&app, &agent,
        "mutation($id: ID!) { closeTicket(input: {id: $id, version: 7}) { ticket { status events { fromStatus toStatus } repairRecord { customerSignedName } } } }",
        json!({"id": id})).await;
    let ticket = &closed["closeTicket"]["ticket"];
    assert_eq!(ticket["status"], "CLOSED");
    assert_eq!(ticket["repairRecord"]["customerSignedName"], "王经理");
    let path: Vec<&str> = ticket["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["toStatus"].as_str().expect("to"))
        .collect();
    assert_eq!(
        path,
        [
            "REPORTED",
            "ACCEPTED",
            "DISPATCHED",
            "ON_SITE",
            "REPAIRED",
            "CUSTOMER_ACCEPTED",
            "VISITED",
            "CLOSED"
        ]
    );
}

async fn illegal_step_is_invalid_transition_naming_the_state_and_stale_version_is_conflict(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-I-1", &today(), None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let id = step(&app, &agent, REPORT, json!({"s": serial})).await["reportFault"]["ticket"]["id"].clone();
    let early = app
        .gql(Some(&agent), "mutation($id: ID!) { signOff(input: {id: $id, version: 1}, signedBy: \"x\") { ticket { status } } }", json!({"id": id}))
        .await;
    assert_eq!(early.error_code(), Some("INVALID_TRANSITION"));
    assert!(early.body.to_string().contains("REPORTED"), "{}", early.body);
    let accept =
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { version } } }";
    step(&app, &agent, accept, json!({"id": id})).await;
    let again = app.gql(Some(&agent), accept, json!({"id": id})).await;
    assert_eq!(again.error_code(), Some("CONFLICT"));
    assert_eq!(app.count("ticket_events").await, 2, "report and accept only");
}

async fn concurrent_reports_get_distinct_numbers(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-C-1", &today(), None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let reports = (0..8).map(|_| app.gql(Some(&agent), REPORT, json!({"s": serial})));
    let results = futures::future::join_all(reports).await;
    let mut numbers: Vec<String> = results
        .iter()
        .map(|r| r.expect_ok()["reportFault"]["ticket"]["number"].as_str().expect("number").to_owned())
        .collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 8, "{numbers:?}");
    assert!(numbers.last().expect("last").ends_with("-000008"));
}

async fn dealer_sold_unit_in_warranty_opens_a_chargeback_and_notifies_the_dealer(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-D-1", &today(), Some("D-CB")).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let id = step(&app, &agent, REPORT, json!({"s": serial})).await["reportFault"]["ticket"]["id"].clone();
    step(&app, &agent, "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { serviceType } } }", json!({"id": id})).await;
    assert_eq!(app.count("dealer_chargebacks").await, 1);
    assert_eq!(app.count("notifications").await, 1, "the dealer is told before service");
}

async fn warranty_status_answers_for_a_serial_and_date(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-W-1", "2024-02-29", None).await;
    let q = "query($s: String!, $on: NaiveDate) { warrantyStatus(serialNumber: $s, on: $on) { inWarranty startsOn endsOn daysLeft serviceType exclusion } }";
    let last_day = app.gql(Some(&admin), q, json!({"s": serial, "on": "2025-02-28"})).await;
    assert_eq!(
        last_day.expect_ok()["warrantyStatus"],
        json!({"inWarranty": true, "startsOn": "2024-02-29", "endsOn": "2025-02-28", "daysLeft": 1, "serviceType": "FREE", "exclusion": null})
    );
    let after = app.gql(Some(&admin), q, json!({"s": serial, "on": "2025-03-01"})).await;
    assert_eq!(after.expect_ok()["warrantyStatus"]["exclusion"], "EXPIRED");
    assert_eq!(after.expect_ok()["warrantyStatus"]["serviceType"], "PAID");
    let unknown = app.gql(Some(&admin), q, json!({"s": "NOPE", "on": null})).await;
    assert_eq!(unknown.error_code(), Some("NOT_FOUND"));
}
