//! Role checks and the dealer boundary.

use entity::enums::Role;
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;

on_both_backends!(
    agent_may_not_create_a_dealer,
    dealer_user_cannot_read_another_dealers_unit,
    dealer_user_lists_only_its_own_units_and_dealer,
);

async fn agent_may_not_create_a_dealer(backend: Backend) {
    let app = spawn_app(backend).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let before = app.count("dealers").await;
    let r = app
        .gql(
            Some(&agent),
            r#"mutation { createDealer(input: {code: "D-X", name: "X", region: "江苏"}) { dealer { id } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"));
    assert_eq!(app.count("dealers").await, before, "nothing written");
}

/// Two dealers with one unit each; returns the serial numbers (A's, B's).
async fn two_dealers_with_a_unit_each(app: &TestApp, admin: &str) -> (String, String) {
    let model = app
        .gql(
            Some(admin),
            r#"mutation { createProductModel(input: {code: "XCT25", name: "XCT25 汽车起重机", category: "起重机", defaultWarrantyMonths: 12, salePrice: "1180000"}) { productModel { id } } }"#,
            json!({}),
        )
        .await;
    let model_id = model.expect_ok()["createProductModel"]["productModel"]["id"].clone();
    let mut serials = Vec::new();
    for (code, serial) in [("D-A", "XCT25-A-0001"), ("D-B", "XCT25-B-0001")] {
        let dealer = app
            .gql(
                Some(admin),
                "mutation($code: String!) { createDealer(input: {code: $code, name: $code, region: \"江苏\"}) { dealer { id } } }",
                json!({"code": code}),
            )
            .await;
        let dealer_id = dealer.expect_ok()["createDealer"]["dealer"]["id"].clone();
        app.gql(
            Some(admin),
            "mutation($s: String!, $m: ID!, $d: ID) { registerUnit(input: {serialNumber: $s, productModelId: $m, productionDate: \"2025-03-01\", invoiceDate: \"2025-04-01\", dealerId: $d}) { unit { id } } }",
            json!({"s": serial, "m": model_id, "d": dealer_id}),
        )
        .await
        .expect_ok();
        serials.push(serial.to_owned());
    }
    (serials[0].clone(), serials[1].clone())
}

async fn dealer_user_cannot_read_another_dealers_unit(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let (own, other) = two_dealers_with_a_unit_each(&app, &admin).await;
    let dealer = app.user_with("dealer-a", &[Role::Dealer], Some("D-A")).await;
    let query = "query($s: String) { unit(serialNumber: $s) { serialNumber dealer { code } } }";

    let mine = app.gql(Some(&dealer), query, json!({"s": own})).await;
    assert_eq!(mine.expect_ok()["unit"]["dealer"]["code"], "D-A");

    let theirs = app.gql(Some(&dealer), query, json!({"s": other})).await;
    assert_eq!(theirs.error_code(), Some("NOT_FOUND"));
    assert!(theirs.data().is_null(), "no data of the other dealer: {}", theirs.body);
    assert!(!theirs.body.to_string().contains("D-B"));
}

async fn dealer_user_lists_only_its_own_units_and_dealer(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    two_dealers_with_a_unit_each(&app, &admin).await;
    let dealer = app.user_with("dealer-a", &[Role::Dealer], Some("D-A")).await;
    let r = app
        .gql(
            Some(&dealer),
            "{ units { totalCount edges { node { serialNumber } } } dealers { totalCount edges { node { code } } } }",
            json!({}),
        )
        .await;
    let data = r.expect_ok();
    assert_eq!(data["units"]["totalCount"], 1);
    assert_eq!(data["units"]["edges"][0]["node"]["serialNumber"], "XCT25-A-0001");
    assert_eq!(data["dealers"]["totalCount"], 1);
    assert_eq!(data["dealers"]["edges"][0]["node"]["code"], "D-A");
    let admin_view = app.gql(Some(&admin), "{ units { totalCount } }", json!({})).await;
    assert_eq!(admin_view.expect_ok()["units"]["totalCount"], 2);
}
