//! Master data through the API: validation, duplicates, optimistic locking,
//! paging and related objects.

use serde_json::json;

use crate::helpers::{Backend, spawn_app};
use crate::on_both_backends;

on_both_backends!(
    customer_with_blank_name_or_bad_phone_is_refused_and_nothing_is_written,
    duplicate_serial_number_is_a_validation_error,
    stale_version_on_update_is_a_conflict,
    units_page_through_with_cursors_and_load_their_model_and_customer,
    unknown_reference_in_an_input_is_a_validation_error,
    money_with_fractions_of_a_fen_and_malformed_dates_are_validation_errors,
    search_is_case_blind_and_takes_wildcards_literally,
    unit_shows_its_effective_warranty_policy_and_contracts,
);

const CREATE_CUSTOMER: &str =
    "mutation($c: CustomerInput!) { createCustomer(input: $c) { customer { id name phone version } } }";

async fn customer_with_blank_name_or_bad_phone_is_refused_and_nothing_is_written(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let blank = app
        .gql(
            Some(&admin),
            CREATE_CUSTOMER,
            json!({"c": {"name": "  ", "province": "江苏", "distanceKm": 20}}),
        )
        .await;
    assert_eq!(blank.error_code(), Some("VALIDATION"));
    assert_eq!(blank.error_field(), Some("name"));
    let phone = app
        .gql(
            Some(&admin),
            CREATE_CUSTOMER,
            json!({"c": {"name": "徐州建设", "phone": "12345", "province": "江苏", "distanceKm": 20}}),
        )
        .await;
    assert_eq!(phone.error_code(), Some("VALIDATION"));
    assert_eq!(phone.error_field(), Some("phone"));
    let email = app
        .gql(
            Some(&admin),
            CREATE_CUSTOMER,
            json!({"c": {"name": "徐州建设", "email": "no-at-sign", "province": "江苏", "distanceKm": 20}}),
        )
        .await;
    assert_eq!(email.error_field(), Some("email"));
    assert_eq!(app.count("customers").await, 0);
    let audit_before = app.count("audit_log").await;
    let ok = app
        .gql(
            Some(&admin),
            CREATE_CUSTOMER,
            json!({"c": {"name": "徐州建设", "phone": "138 0013 8000", "province": "江苏", "distanceKm": 20}}),
        )
        .await;
    assert_eq!(ok.expect_ok()["createCustomer"]["customer"]["phone"], "13800138000");
    assert_eq!(app.count("customers").await, 1);
    assert_eq!(app.count("audit_log").await, audit_before + 1);
}

async fn create_model(app: &crate::helpers::TestApp, token: &str) -> serde_json::Value {
    let r = app
        .gql(
            Some(token),
            r#"mutation { createProductModel(input: {code: "XE215", name: "XE215 挖掘机", category: "挖掘机", defaultWarrantyMonths: 12, salePrice: "680000.00"}) { productModel { id salePrice } } }"#,
            json!({}),
        )
        .await;
    let data = r.expect_ok();
    assert_eq!(data["createProductModel"]["productModel"]["salePrice"], "680000.00");
    data["createProductModel"]["productModel"]["id"].clone()
}

const REGISTER_UNIT: &str = "mutation($s: String!, $m: ID!, $c: ID) { registerUnit(input: {serialNumber: $s, productModelId: $m, productionDate: \"2025-01-10\", invoiceDate: \"2025-02-01\", customerId: $c}) { unit { id serialNumber version } } }";

async fn duplicate_serial_number_is_a_validation_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let model = create_model(&app, &admin).await;
    app.gql(Some(&admin), REGISTER_UNIT, json!({"s": "XE215-0001", "m": model})).await.expect_ok();
    let dup = app.gql(Some(&admin), REGISTER_UNIT, json!({"s": "XE215-0001", "m": model})).await;
    assert_eq!(dup.error_code(), Some("VALIDATION"));
    assert_eq!(dup.error_field(), Some("serialNumber"));
    assert_eq!(app.count("units").await, 1);
}

async fn stale_version_on_update_is_a_conflict(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let created = app
        .gql(
            Some(&admin),
            CREATE_CUSTOMER,
            json!({"c": {"name": "甲", "province": "江苏", "distanceKm": 10}}),
        )
        .await;
    let id = created.expect_ok()["createCustomer"]["customer"]["id"].clone();
    let update = "mutation($id: ID!, $v: Int!, $name: String!) { updateCustomer(input: {id: $id, version: $v, customer: {name: $name, province: \"江苏\", distanceKm: 10}}) { customer { name version } } }";
    let first = app.gql(Some(&admin), update, json!({"id": id, "v": 1, "name": "乙"})).await;
    assert_eq!(first.expect_ok()["updateCustomer"]["customer"], json!({"name": "乙", "version": 2}));
    let stale = app.gql(Some(&admin), update, json!({"id": id, "v": 1, "name": "丙"})).await;
    assert_eq!(stale.error_code(), Some("CONFLICT"));
    let read =
        app.gql(Some(&admin), "query($id: ID!) { customer(id: $id) { name } }", json!({"id": id})).await;
    assert_eq!(read.expect_ok()["customer"]["name"], "乙");
}

async fn units_page_through_with_cursors_and_load_their_model_and_customer(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let model = create_model(&app, &admin).await;
    let customer = app
        .gql(
            Some(&admin),
            CREATE_CUSTOMER,
            json!({"c": {"name": "客户甲", "province": "山东", "distanceKm": 400}}),
        )
        .await;
    let customer_id = customer.expect_ok()["createCustomer"]["customer"]["id"].clone();
    for i in 0..5 {
        app.gql(
            Some(&admin),
            REGISTER_UNIT,
            json!({"s": format!("XE215-{i:04}"), "m": model, "c": customer_id}),
        )
        .await
        .expect_ok();
    }
    let page = "query($after: String) { units(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { serialNumber model { code } customer { name } } } } }";
    let mut after = serde_json::Value::Null;
    let mut seen = Vec::new();
    loop {
        let r = app.gql(Some(&admin), page, json!({"after": after})).await;
        let units = r.expect_ok()["units"].clone();
        assert_eq!(units["totalCount"], 5);
        for edge in units["edges"].as_array().expect("edges") {
            assert_eq!(edge["node"]["model"]["code"], "XE215");
            assert_eq!(edge["node"]["customer"]["name"], "客户甲");
            seen.push(edge["node"]["serialNumber"].as_str().expect("serial").to_owned());
        }
        if units["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = units["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen, (0..5).map(|i| format!("XE215-{i:04}")).collect::<Vec<_>>());
    let bad_cursor = app.gql(Some(&admin), page, json!({"after": "nonsense"})).await;
    assert_eq!(bad_cursor.error_code(), Some("VALIDATION"));
}

async fn unknown_reference_in_an_input_is_a_validation_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let model = create_model(&app, &admin).await;
    // A well-formed customer id that does not exist.
    let missing_customer = "Q3VzdG9tZXI6OTk5OTk";
    let r = app
        .gql(Some(&admin), REGISTER_UNIT, json!({"s": "XE215-0009", "m": model, "c": missing_customer}))
        .await;
    assert_eq!(r.error_code(), Some("VALIDATION"));
    assert_eq!(r.error_field(), Some("customerId"));
    // An id of the wrong kind.
    let wrong_kind =
        app.gql(Some(&admin), REGISTER_UNIT, json!({"s": "XE215-0009", "m": model, "c": model})).await;
    assert_eq!(wrong_kind.error_code(), Some("VALIDATION"));
    assert_eq!(app.count("units").await, 0);
}

async fn money_with_fractions_of_a_fen_and_malformed_dates_are_validation_errors(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let fractional = app
        .gql(
            Some(&admin),
            r#"mutation { createProductModel(input: {code: "M1", name: "M1", category: "起重机", defaultWarrantyMonths: 12, salePrice: "100.005"}) { productModel { id } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(fractional.error_code(), Some("VALIDATION"));
    assert_eq!(fractional.error_field(), Some("salePrice"));
    let model = create_model(&app, &admin).await;
    let bad_date = app
        .gql(
            Some(&admin),
            "mutation($m: ID!) { registerUnit(input: {serialNumber: \"S-1\", productModelId: $m, productionDate: \"2025-02-30\"}) { unit { id } } }",
            json!({"m": model}),
        )
        .await;
    assert_eq!(bad_date.error_code(), Some("VALIDATION"), "{}", bad_date.body);
    let message = bad_date.body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("NaiveDate"), "{message}");
    let as_variable = app
        .gql(
            Some(&admin),
            "mutation($d: Int!) { createCustomer(input: {name: \"x\", province: \"江苏\", distanceKm: $d}) { customer { id } } }",
            json!({"d": "far"}),
        )
        .await;
    assert_eq!(as_variable.error_code(), Some("VALIDATION"), "{}", as_variable.body);
    assert_eq!(app.count("product_models").await, 1);
    assert_eq!(app.count("units").await, 0);
}

async fn search_is_case_blind_and_takes_wildcards_literally(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let model = create_model(&app, &admin).await;
    for serial in ["ab_01", "abX01", "AB_02"] {
        app.gql(Some(&admin), REGISTER_UNIT, json!({"s": serial, "m": model})).await.expect_ok();
    }
    let r = app
        .gql(
            Some(&admin),
            "query($p: String) { units(filter: {serialPrefix: $p}) { totalCount edges { node { serialNumber } } } }",
            json!({"p": "Ab_"}),
        )
        .await;
    let data = r.expect_ok();
    assert_eq!(data["units"]["totalCount"], 2, "{data}");
    let serials: Vec<&str> = data["units"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["serialNumber"].as_str().expect("serial"))
        .collect();
    assert_eq!(serials, vec!["ab_01", "AB_02"]);
}

async fn unit_shows_its_effective_warranty_policy_and_contracts(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let policy = app
        .gql(
            Some(&admin),
            r#"mutation { createWarrantyPolicy(input: {code: "STD-18", name: "18 个月", durationMonths: 18}) { policy { id } } }"#,
            json!({}),
        )
        .await;
    let policy_id = policy.expect_ok()["createWarrantyPolicy"]["policy"]["id"].clone();
    let model = app
        .gql(
            Some(&admin),
            "mutation($p: ID) { createProductModel(input: {code: \"QY70K\", name: \"QY70K\", category: \"起重机\", defaultWarrantyMonths: 12, salePrice: \"3600000\", warrantyPolicyId: $p}) { productModel { id warrantyPolicy { code } } } }",
            json!({"p": policy_id}),
        )
        .await;
    let model_data = model.expect_ok()["createProductModel"]["productModel"].clone();
    assert_eq!(model_data["warrantyPolicy"]["code"], "STD-18");
    let unit = app.gql(Some(&admin), REGISTER_UNIT, json!({"s": "QY70K-0001", "m": model_data["id"]})).await;
    let unit_id = unit.expect_ok()["registerUnit"]["unit"]["id"].clone();
    app.gql(
        Some(&admin),
        "mutation($u: ID!) { createServiceContract(input: {contractNumber: \"SC-1\", unitId: $u, startsOn: \"2026-02-01\", endsOn: \"2028-01-31\", price: \"28000\"}) { contract { id } } }",
        json!({"u": unit_id}),
    )
    .await
    .expect_ok();
    let read = app
        .gql(
            Some(&admin),
            "query($id: ID) { unit(id: $id) { warrantyPolicy { code durationMonths } serviceContracts { contractNumber price endsOn } } }",
            json!({"id": unit_id}),
        )
        .await;
    assert_eq!(
        read.expect_ok()["unit"],
        json!({"warrantyPolicy": {"code": "STD-18", "durationMonths": 18},
               "serviceContracts": [{"contractNumber": "SC-1", "price": "28000.00", "endsOn": "2028-01-31"}]})
    );
}
