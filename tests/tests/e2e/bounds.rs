//! Numbers, exports and writes that cross a scope: every quantity and
//! amount has a bound, exports are safe to open, a dealer's fault report
//! cannot borrow another dealer's customer.

use std::io::{Cursor, Read, Write};

use base64::Engine;
use calamine::{Data, Reader, Xlsx};
use entity::enums::Role;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{Value, json};

use crate::helpers::{Backend, GqlResponse, TestApp, spawn_app};
use crate::on_both_backends;
use crate::parts::{part, receive, repair_with, site};
use crate::tickets::{step, today, unit_in_field};

on_both_backends!(
    receiving_two_billion_or_a_billion_is_refused_naming_quantity_and_the_stock_stays,
    every_number_of_the_stock_inputs_is_bounded_and_the_book_stops_at_its_maximum,
    huge_numbers_in_master_data_and_repairs_are_validation_errors_naming_the_field,
    a_formula_in_a_part_reason_reaches_the_csv_neutralised_and_the_xlsx_as_text,
    a_dealer_cannot_report_a_fault_with_another_dealers_customer,
    bad_export_parameters_answer_400_in_json_naming_the_parameter,
);

/// The error a refused request must give: `VALIDATION` naming `field`.
#[track_caller]
fn assert_refused(response: &GqlResponse, field: &str) {
    assert_eq!(response.error_code(), Some("VALIDATION"), "{field}: {}", response.body);
    assert_eq!(response.error_field(), Some(field), "{}", response.body);
}

/// A warehouse keeper's token, a warehouse and a part with `stock` on hand.
async fn shelf(app: &TestApp, stock: i32) -> (String, Value, Value) {
    let admin = app.admin_token().await;
    let keeper = app.user_with("keeper", &[Role::Warehouse], None).await;
    let warehouse = step(
        app,
        &admin,
        "mutation { createWarehouse(input: {code: \"WH-JS\", name: \"江苏仓\", region: \"江苏\"}) { warehouse { id } } }",
        json!({}),
    )
    .await["createWarehouse"]["warehouse"]["id"]
        .clone();
    let seal = part(app, &admin, "HY-SEAL-04", "380", "1", None).await;
    step(
        app,
        &keeper,
        "mutation($w: ID!, $p: ID!, $q: Int!) { receiveStock(input: {warehouseId: $w, partId: $p, quantity: $q}) { movement { balanceAfter } } }",
        json!({"w": warehouse, "p": seal, "q": stock}),
    )
    .await;
    (keeper, warehouse, seal)
}

const RECEIVE: &str = "mutation($w: ID!, $p: ID!, $q: Int!) { receiveStock(input: {warehouseId: $w, partId: $p, quantity: $q}) { movement { balanceAfter } } }";

async fn receiving_two_billion_or_a_billion_is_refused_naming_quantity_and_the_stock_stays(backend: Backend) {
    let app = spawn_app(backend).await;
    let (keeper, warehouse, seal) = shelf(&app, 5).await;
    for quantity in [i32::MAX, 1_000_000_000, 100_001] {
        let refused =
            app.gql(Some(&keeper), RECEIVE, json!({"w": warehouse, "p": seal, "q": quantity})).await;
        assert_refused(&refused, "quantity");
    }
    assert_eq!(app.count("stock_levels WHERE on_hand = 5").await, 1, "the book still says 5");
    assert_eq!(app.count("stock_movements").await, 1, "only the first receipt is booked");
    let accepted = app.gql(Some(&keeper), RECEIVE, json!({"w": warehouse, "p": seal, "q": 100_000})).await;
    assert_eq!(accepted.expect_ok()["receiveStock"]["movement"]["balanceAfter"], 100_005);
}

async fn every_number_of_the_stock_inputs_is_bounded_and_the_book_stops_at_its_maximum(backend: Backend) {
    let app = spawn_app(backend).await;
    let (keeper, warehouse, seal) = shelf(&app, 5).await;
    let adjust = "mutation($w: ID!, $p: ID!, $q: Int!) { adjustStock(input: {warehouseId: $w, partId: $p, quantity: $q, reason: \"盘亏\"}) { movement { balanceAfter } } }";
    for quantity in [i32::MIN, -100_001, 100_001, i32::MAX] {
        let refused = app.gql(Some(&keeper), adjust, json!({"w": warehouse, "p": seal, "q": quantity})).await;
        assert_refused(&refused, "quantity");
    }
    let safety = "mutation($w: ID!, $p: ID!, $q: Int!) { setSafetyStock(input: {warehouseId: $w, partId: $p, safetyStock: $q}) { stockLevel { safetyStock } } }";
    let refused = app.gql(Some(&keeper), safety, json!({"w": warehouse, "p": seal, "q": i32::MAX})).await;
    assert_refused(&refused, "safetyStock");
    let count = "mutation($w: ID!, $p: ID!, $q: Int!) { recordStocktake(input: {warehouseId: $w, counts: [{partId: $p, counted: $q}]}) { stocktake { id } } }";
    for counted in [i32::MAX, 10_000_001, -1] {
        let refused = app.gql(Some(&keeper), count, json!({"w": warehouse, "p": seal, "q": counted})).await;
        assert_refused(&refused, "counts.counted");
    }
    assert_eq!(app.count("stock_levels WHERE on_hand = 5").await, 1, "nothing moved");
    assert_eq!(app.count("stocktakes").await, 0);

    // A count may fill the book to its maximum; no receipt goes past it.
    step(&app, &keeper, count, json!({"w": warehouse, "p": seal, "q": 10_000_000})).await;
    let refused = app.gql(Some(&keeper), RECEIVE, json!({"w": warehouse, "p": seal, "q": 1})).await;
    assert_refused(&refused, "quantity");
    assert_eq!(app.count("stock_levels WHERE on_hand = 10000000").await, 1);
    let issued = app.gql(Some(&keeper), adjust, json!({"w": warehouse, "p": seal, "q": -100_000})).await;
    assert_eq!(issued.expect_ok()["adjustStock"]["movement"]["balanceAfter"], 9_900_000);
}

async fn huge_numbers_in_master_data_and_repairs_are_validation_errors_naming_the_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let max = i32::MAX;
    let cases = [
        (
            format!(
                r#"createPart(input: {{partNumber: "P-1", name: "P", unitPrice: "1", weightKg: "1", category: HYDRAULIC, valuableLimit: {max}}})"#
            ),
            "valuableLimit",
        ),
        (
            r#"createPart(input: {partNumber: "P-2", name: "P", unitPrice: "99999999999999999999", weightKg: "1", category: HYDRAULIC})"#.into(),
            "unitPrice",
        ),
        (
            r#"createPart(input: {partNumber: "P-3", name: "P", unitPrice: "1", weightKg: "1000000000000", category: HYDRAULIC})"#.into(),
            "weightKg",
        ),
        (
            format!(r#"createCustomer(input: {{name: "C", province: "江苏", distanceKm: {max}}})"#),
            "distanceKm",
        ),
        (
            format!(r#"createWarrantyPolicy(input: {{code: "W-1", name: "W", durationMonths: {max}}})"#),
            "durationMonths",
        ),
        (
            format!(
                r#"createProductModel(input: {{code: "M-1", name: "M", category: "起重机", defaultWarrantyMonths: {max}, salePrice: "1"}})"#
            ),
            "defaultWarrantyMonths",
        ),
        (
            r#"setServiceTariff(input: {labourRate: "1000000000", travelRatePerKm: "2", effectiveFrom: "2030-01-01"})"#
                .into(),
            "labourRate",
        ),
    ];
    for (call, field) in cases {
        let refused =
            app.gql(Some(&site.admin), &format!("mutation {{ {call} {{ __typename }} }}"), json!({})).await;
        assert_refused(&refused, field);
    }

    let seal = part(&app, &site.admin, "HY-SEAL-04", "380", "1", None).await;
    receive(&app, &site, &seal, 2).await;
    let repair = "mutation($id: ID!, $h: Decimal!, $parts: [ReplacedPartInput!]!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"HY-SEAL-AGING\", measures: \"更换\", labourHours: $h, partsReplaced: $parts}) { ticket { status } } }";
    let one = json!([{"partId": seal, "quantity": 1}]);
    for hours in ["1000000", "1000.01", "0.125"] {
        let refused =
            app.gql(Some(&site.engineer), repair, json!({"id": site.ticket, "h": hours, "parts": one})).await;
        assert_refused(&refused, "labourHours");
    }
    let too_many = json!([{"partId": seal, "quantity": max}]);
    let refused =
        app.gql(Some(&site.engineer), repair, json!({"id": site.ticket, "h": "2", "parts": too_many})).await;
    assert_refused(&refused, "partsReplaced");
    assert_eq!(app.count("repair_records").await, 0, "no repair was written");
    let done =
        app.gql(Some(&site.engineer), repair, json!({"id": site.ticket, "h": "1000", "parts": one})).await;
    assert_eq!(done.expect_ok()["recordRepair"]["ticket"]["status"], "REPAIRED");
}

/// PostgreSQL only: SQLite has no data exceptions (it stores what it is
/// given), which is why every bound is checked before the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_data_exception_is_a_validation_error_not_internal() {
    let app = spawn_app(Backend::Postgres).await;
    // The mapping itself, on the driver's real errors: out of range (22003)
    // and an invalid byte sequence (22021).
    for sql in ["SELECT CAST(2147483647 AS INTEGER) + 1", "SELECT convert_from('\\xff'::bytea, 'UTF8')"] {
        let err =
            app.db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await.expect_err(sql);
        let mapped = service::ServiceError::from(err);
        assert_eq!((mapped.code(), mapped.field()), ("VALIDATION", Some("input")), "{sql}: {mapped}");
    }
    // Over HTTP: a NUL byte PostgreSQL cannot store in text.
    let admin = app.admin_token().await;
    let nul = app
        .gql(
            Some(&admin),
            "mutation($n: String!) { createCustomer(input: {name: $n, province: \"江苏\", distanceKm: 1}) { customer { id } } }",
            json!({"n": "徐州\u{0}路桥"}),
        )
        .await;
    assert_eq!(nul.error_code(), Some("VALIDATION"), "{}", nul.body);
    assert_eq!(app.count("customers").await, 0);
}

/// The formula a hostile engineer types as the old part's problem.
const FORMULA: &str = r#"=HYPERLINK("http://x","y")"#;

async fn a_formula_in_a_part_reason_reaches_the_csv_neutralised_and_the_xlsx_as_text(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let seal = part(&app, &site.admin, "HY-SEAL-04", "380", "1", None).await;
    receive(&app, &site, &seal, 2).await;
    let old_parts =
        repair_with(&app, &site, json!([{"partId": seal, "quantity": 1, "reason": FORMULA}])).await;
    assert_eq!(old_parts[0]["reason"], FORMULA, "stored as typed");

    let download =
        |path: &str| app.http.get(format!("{}{path}", app.address)).bearer_auth(site.manager.clone()).send();
    let csv = download("/exports/old-parts.csv").await.expect("response");
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("text");
    let quoted = format!("\"'{}\"", FORMULA.replace('"', "\"\""));
    assert!(text.contains(&format!(",{quoted},")), "the cell starts with '=: {text}");
    assert!(!text.contains(",\"=") && !text.contains(",="), "no field starts with =: {text}");
    assert!(text.contains(",380.00,380.00,"), "numbers are left alone: {text}");

    let xlsx = download("/exports/old-parts.xlsx").await.expect("response");
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.expect("body");
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("XLSX");
    let sheet = workbook.worksheet_range_at(0).expect("a sheet").expect("readable");
    let row = sheet.rows().nth(1).expect("a data row");
    assert_eq!(row[9], Data::String(FORMULA.into()), "the reason is a text cell, as typed");
    let name = workbook.sheet_names()[0].clone();
    let formulas = workbook.worksheet_formula(&name).expect("formulas readable");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula in the workbook");
}

async fn a_dealer_cannot_report_a_fault_with_another_dealers_customer(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let own_serial = unit_in_field(&app, &admin, "XCT25-DA-1", &today(), Some("D-A")).await;
    // Dealer B's customer, with details that must not travel.
    let theirs = step(
        &app,
        &admin,
        "mutation { createCustomer(input: {name: \"宿迁某工程公司\", province: \"江苏\", distanceKm: 80, phone: \"13900139000\", email: \"boss@suqian.example.cn\"}) { customer { id } } }",
        json!({}),
    )
    .await["createCustomer"]["customer"]["id"]
        .clone();
    let model = step(
        &app,
        &admin,
        "mutation { createProductModel(input: {code: \"M-B\", name: \"XCT25\", category: \"起重机\", defaultWarrantyMonths: 12, salePrice: \"1180000\"}) { productModel { id } } }",
        json!({}),
    )
    .await["createProductModel"]["productModel"]["id"]
        .clone();
    let dealer_b = step(
        &app,
        &admin,
        "mutation { createDealer(input: {code: \"D-B\", name: \"D-B\", region: \"江苏\", email: \"b@example.cn\"}) { dealer { id } } }",
        json!({}),
    )
    .await["createDealer"]["dealer"]["id"]
        .clone();
    step(
        &app,
        &admin,
        "mutation($m: ID!, $c: ID, $d: ID) { registerUnit(input: {serialNumber: \"XCT25-DB-1\", productModelId: $m, productionDate: \"2024-01-05\", customerId: $c, dealerId: $d}) { unit { id } } }",
        json!({"m": model, "c": theirs, "d": dealer_b}),
    )
    .await;
    // A customer nobody sold to is no dealer's either.
    let nobodys = step(
        &app,
        &admin,
        "mutation { createCustomer(input: {name: \"散户\", province: \"江苏\", distanceKm: 10}) { customer { id } } }",
        json!({}),
    )
    .await["createCustomer"]["customer"]["id"]
        .clone();
    let dealer = app.user_with("dealer-a", &[Role::Dealer], Some("D-A")).await;

    let report = "mutation($s: String!, $c: ID) { reportFault(input: {channel: DEALER, serialNumber: $s, customerId: $c, faultDescription: \"变幅油缸漏油\", faultCategory: HYDRAULIC}) { ticket { number customer { id name phone email } contactPhone contactEmail } } }";
    for customer in [&theirs, &nobodys] {
        let refused = app.gql(Some(&dealer), report, json!({"s": own_serial, "c": customer})).await;
        assert_refused(&refused, "customerId");
        let body = refused.body.to_string();
        for secret in ["宿迁某工程公司", "13900139000", "boss@suqian", "散户"] {
            assert!(!body.contains(secret), "nothing of the other customer: {body}");
        }
    }
    // Answered exactly as a customer that does not exist.
    let no_such = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("Customer:99999");
    let missing = app.gql(Some(&dealer), report, json!({"s": own_serial, "c": no_such})).await;
    let refused = app.gql(Some(&dealer), report, json!({"s": own_serial, "c": theirs})).await;
    assert_eq!(
        missing.error_code().map(str::to_owned),
        refused.error_code().map(str::to_owned),
        "{} / {}",
        missing.body,
        refused.body
    );
    assert_eq!(app.count("tickets").await, 0, "no ticket was written");

    let own_customer = step(
        &app,
        &admin,
        "query($s: String!) { unit(serialNumber: $s) { customer { id } } }",
        json!({"s": own_serial}),
    )
    .await["unit"]["customer"]["id"]
        .clone();
    for customer in [Value::Null, own_customer.clone()] {
        let reported = app.gql(Some(&dealer), report, json!({"s": own_serial, "c": customer})).await;
        let ticket = &reported.expect_ok()["reportFault"]["ticket"];
        assert_eq!(ticket["customer"]["id"], own_customer, "its own unit's owner: {ticket}");
    }
    assert_eq!(app.count("tickets").await, 2);
}

/// A raw HTTP/1.1 GET, for request targets a client library would encode.
fn raw_get(address: &str, target: &[u8], token: &str) -> (u16, String) {
    let host = address.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    let mut request = b"GET ".to_vec();
    request.extend_from_slice(target);
    request.extend_from_slice(
        format!(" HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    stream.write_all(&request).expect("write");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_default();
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

async fn bad_export_parameters_answer_400_in_json_naming_the_parameter(backend: Backend) {
    let app = spawn_app(backend).await;
    let manager = app.user_with("manager", &[Role::ServiceManager], None).await;
    let cases = [
        ("/exports/old-parts.csv?asOf=2026-13-01", "asOf"),
        ("/exports/old-parts.xlsx?asOf=2026-13-01", "asOf"),
        ("/exports/old-parts.csv?from=yesterday", "from"),
        ("/exports/old-parts.csv?to=2026-02-30", "to"),
        ("/exports/old-parts.csv?from=2026-02-01&to=2026-01-01", "to"),
        ("/exports/old-parts.csv?asOf=2026-01-01&asOf=2026-01-02", "asOf"),
        ("/exports/old-parts.csv?region=%E6%B1", "region"),
        ("/exports/old-parts.csv?region=%ZZ", "region"),
        ("/exports/old-parts.csv?region=a%00b", "region"),
        ("/exports/old-parts.csv?asof=2026-01-01", "asof"),
        ("/exports/old-parts.csv?%FF=1", "query"),
        ("/exports/old-parts.pdf", "format"),
    ];
    for (path, field) in cases {
        let response = app
            .http
            .get(format!("{}{path}", app.address))
            .bearer_auth(&manager)
            .send()
            .await
            .expect("response");
        assert_eq!(response.status(), 400, "{path}");
        assert!(
            response.headers()["content-type"].to_str().unwrap_or_default().starts_with("application/json"),
            "{path}"
        );
        let body: Value = response.json().await.expect("a JSON body");
        let error = &body["errors"][0];
        assert_eq!(error["extensions"]["code"], "VALIDATION", "{path}: {body}");
        assert_eq!(error["extensions"]["field"], field, "{path}: {body}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{path}: {body}");
    }
    // Sent raw, not URL-encoded: actix's request parser refuses the target
    // (400, no body) before any route runs; the export's own check is the
    // second line should that parser ever let it through.
    let address = app.address.clone();
    let token = manager.clone();
    let (status, body) = tokio::task::spawn_blocking(move || {
        raw_get(&address, "/exports/old-parts.csv?region=江苏".as_bytes(), &token)
    })
    .await
    .expect("raw request");
    assert_eq!(status, 400, "{body}");

    // An id too large for any report is no report, in the same JSON shape.
    let response = app
        .http
        .get(format!("{}/reports/99999999999999999999.xlsx", app.address))
        .bearer_auth(&manager)
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND", "{body}");

    // Good parameters still give the report.
    let good = app
        .http
        .get(format!(
            "{}/exports/old-parts.csv?from=2026-01-01&to=2026-12-31&region=%E6%B1%9F%E8%8B%8F&asOf=",
            app.address
        ))
        .bearer_auth(&manager)
        .send()
        .await
        .expect("response");
    assert_eq!(good.status(), 200);
}
