//! The dealer boundary: a dealer user sees its own tickets, units and old
//! parts only, and another dealer's ticket is not there for it.

use entity::enums::{FaultCategory, Role};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;
use crate::tickets::{seal_ageing_cause, step, today, unit_in_field};

on_both_backends!(dealer_user_sees_only_its_own_tickets_units_and_old_parts);

/// Reports a fault on `serial`, takes it to a repair that replaced one part
/// (so an old part exists) by `engineer`; returns the ticket number.
async fn repaired_ticket(
    app: &TestApp,
    agent: &str,
    engineer: (&str, &str),
    serial: &str,
    part: &Value,
) -> String {
    let reported = step(
        app,
        agent,
        "mutation($s: String!) { reportFault(input: {channel: PHONE, serialNumber: $s, faultDescription: \"变幅油缸漏油\", faultCategory: HYDRAULIC}) { ticket { id number } } }",
        json!({"s": serial}),
    )
    .await;
    let ticket = reported["reportFault"]["ticket"]["id"].clone();
    let number = reported["reportFault"]["ticket"]["number"].as_str().expect("number").to_owned();
    step(
        app,
        agent,
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { status } } }",
        json!({"id": ticket}),
    )
    .await;
    step(
        app,
        agent,
        "mutation($id: ID!, $e: ID) { dispatchTicket(input: {ticket: {id: $id, version: 2}, engineerId: $e, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status } } }",
        json!({"id": ticket, "e": engineer.0}),
    )
    .await;
    step(
        app,
        engineer.1,
        "mutation($id: ID!) { arriveOnSite(input: {id: $id, version: 3}) { ticket { status } } }",
        json!({"id": ticket}),
    )
    .await;
    step(
        app,
        engineer.1,
        "mutation($id: ID!, $p: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"HY-SEAL-AGING\", measures: \"更换\", labourHours: \"2\", partsReplaced: [{partId: $p, quantity: 1}]}) { ticket { status } } }",
        json!({"id": ticket, "p": part}),
    )
    .await;
    number
}

async fn dealer_user_sees_only_its_own_tickets_units_and_old_parts(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial_a = unit_in_field(&app, &admin, "XCT25-DA-1", &today(), Some("D-A")).await;
    let serial_b = unit_in_field(&app, &admin, "XCT25-DB-1", &today(), Some("D-B")).await;
    seal_ageing_cause(&app, &admin).await;
    let part = step(
        &app,
        &admin,
        "mutation { createPart(input: {partNumber: \"HY-SEAL-04\", name: \"油封\", unitPrice: \"380\", weightKg: \"1\", category: HYDRAULIC}) { part { id } } }",
        json!({}),
    )
    .await["createPart"]["part"]["id"]
        .clone();
    let warehouse = step(
        &app,
        &admin,
        "mutation { createWarehouse(input: {code: \"WH-JS\", name: \"江苏仓\", region: \"江苏\"}) { warehouse { id } } }",
        json!({}),
    )
    .await["createWarehouse"]["warehouse"]["id"]
        .clone();
    step(
        &app,
        &admin,
        "mutation($w: ID!, $p: ID!) { receiveStock(input: {warehouseId: $w, partId: $p, quantity: 2}) { movement { balanceAfter } } }",
        json!({"w": warehouse, "p": part}),
    )
    .await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let (id_a, eng_a) = app.engineer("eng.a", "江苏", &[FaultCategory::Hydraulic]).await;
    let (id_b, eng_b) = app.engineer("eng.b", "江苏", &[FaultCategory::Hydraulic]).await;
    let number_a = repaired_ticket(&app, &agent, (&id_a, &eng_a), &serial_a, &part).await;
    let number_b = repaired_ticket(&app, &agent, (&id_b, &eng_b), &serial_b, &part).await;
    let dealer = app.user_with("dealer-a", &[Role::Dealer], Some("D-A")).await;

    let lists = "{ tickets { totalCount edges { node { number } } } units { totalCount edges { node { serialNumber } } } oldParts { totalCount edges { node { unit { serialNumber } } } } }";
    let everything = app.gql(Some(&admin), lists, json!({})).await;
    let all = everything.expect_ok();
    for list in ["tickets", "units", "oldParts"] {
        assert_eq!(all[list]["totalCount"], 2, "the admin sees both dealers' {list}: {all}");
    }

    let own = app.gql(Some(&dealer), lists, json!({})).await;
    let own = own.expect_ok();
    for list in ["tickets", "units", "oldParts"] {
        assert_eq!(own[list]["totalCount"], 1, "dealer A sees only its own {list}: {own}");
    }
    assert_eq!(own["tickets"]["edges"][0]["node"]["number"], json!(number_a));
    assert_eq!(own["units"]["edges"][0]["node"]["serialNumber"], json!(serial_a));
    assert_eq!(own["oldParts"]["edges"][0]["node"]["unit"]["serialNumber"], json!(serial_a));
    let text = own.to_string();
    assert!(!text.contains(&serial_b) && !text.contains(&number_b), "nothing of dealer B: {text}");

    let by_number = "query($n: String) { ticket(number: $n) { number unit { serialNumber } } }";
    let mine = app.gql(Some(&dealer), by_number, json!({"n": number_a})).await;
    assert_eq!(mine.expect_ok()["ticket"]["number"], json!(number_a));
    let theirs = app.gql(Some(&dealer), by_number, json!({"n": number_b})).await;
    assert!(
        matches!(theirs.error_code(), Some("NOT_FOUND" | "FORBIDDEN")),
        "dealer B's ticket is not dealer A's to read: {}",
        theirs.body
    );
    assert!(theirs.data().is_null(), "no data of dealer B: {}", theirs.body);
    assert!(!theirs.body.to_string().contains(&serial_b), "{}", theirs.body);
}
