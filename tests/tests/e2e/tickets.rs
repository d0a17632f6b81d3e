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
    paid_ticket_over_ten_percent_discount_waits_for_the_general_manager,
    the_general_manager_refuses_a_quote_from_the_inbox_with_a_note,
    rework_and_return_to_factory_paths,
    rotation_skips_the_engineer_without_the_skill_and_the_busy_one,
    concurrent_transitions_of_one_ticket_apply_exactly_once,
    unit_out_of_warranty_under_a_service_contract_is_contract_service,
    steps_taken_offline_keep_the_phone_times_within_their_bounds,
);

/// A unit 120 km away, invoiced `invoice`, 12 months' warranty; returns its serial.
pub(crate) async fn unit_in_field(
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

pub(crate) fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// Puts `HY-SEAL-AGING` (油缸密封老化) in the failure-cause catalogue.
pub(crate) async fn seal_ageing_cause(app: &TestApp, admin: &str) {
    step(app, admin, "mutation { saveFaultCause(input: {code: \"HY-SEAL-AGING\", name: \"油缸密封老化\", faultCategory: HYDRAULIC}) { faultCause { code } } }", json!({})).await;
}

pub(crate) async fn step(app: &TestApp, token: &str, mutation: &str, vars: Value) -> Value {
    let r = app.gql(Some(token), mutation, vars).await;
    r.expect_ok().clone()
}

async fn free_ticket_walks_from_report_to_close_with_every_event_recorded(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-F-1", &today(), None).await;
    seal_ageing_cause(&app, &admin).await;
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
        "mutation($id: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"HY-SEAL-AGING\", measures: \"更换密封件\", labourHours: \"2.5\"}) { ticket { status repeatRepair } repairRecord { faultCause customerSignedAt } } }",
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

    // After service the dealer is charged parts, labour and travel at the tariff.
    step(&app, &admin, "mutation { setServiceTariff(input: {labourRate: \"150\", travelRatePerKm: \"3.5\", effectiveFrom: \"2020-01-01\"}) { tariff { labourRate } } }", json!({})).await;
    seal_ageing_cause(&app, &admin).await;
    let (_, engineer) = app.engineer("eng.d", "江苏", &[FaultCategory::Hydraulic]).await;
    step(&app, &agent, "mutation($id: ID!) { dispatchTicket(input: {ticket: {id: $id, version: 2}, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status } } }", json!({"id": id})).await;
    step(
        &app,
        &engineer,
        "mutation($id: ID!) { arriveOnSite(input: {id: $id, version: 3}) { ticket { status } } }",
        json!({"id": id}),
    )
    .await;
    step(&app, &engineer, "mutation($id: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"HY-SEAL-AGING\", measures: \"更换密封件\", labourHours: \"2\"}) { ticket { status } } }", json!({"id": id})).await;
    assert_eq!(
        app.count("dealer_chargebacks WHERE status = 'CHARGED'").await,
        0,
        "not before the customer signs"
    );
    step(&app, &agent, "mutation($id: ID!) { signOff(input: {id: $id, version: 5}, signedBy: \"李工\") { ticket { status } } }", json!({"id": id})).await;
    // 2 h × 150 + 2 × 120 km × 3.5 = 1140.
    assert_eq!(app.count("dealer_chargebacks WHERE status = 'CHARGED' AND amount = 1140").await, 1);
    let shown = step(
        &app,
        &agent,
        "query($id: ID!) { ticket(id: $id) { chargeback { amount status notifiedAt chargedAt } } }",
        json!({"id": id}),
    )
    .await;
    let chargeback = &shown["ticket"]["chargeback"];
    assert_eq!(
        (chargeback["amount"].clone(), chargeback["status"].clone()),
        (json!("1140.00"), json!("CHARGED"))
    );
    assert!(chargeback["notifiedAt"].is_string() && chargeback["chargedAt"].is_string());
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

/// Reports and accepts a ticket; returns its id.
async fn accepted_ticket(app: &TestApp, agent: &str, serial: &str) -> Value {
    let id = step(app, agent, REPORT, json!({"s": serial})).await["reportFault"]["ticket"]["id"].clone();
    step(
        app,
        agent,
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { id } } }",
        json!({"id": id}),
    )
    .await;
    id
}

async fn paid_ticket_over_ten_percent_discount_waits_for_the_general_manager(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    step(&app, &admin, "mutation { setServiceTariff(input: {labourRate: \"150\", travelRatePerKm: \"3.5\", effectiveFrom: \"2020-01-01\"}) { tariff { labourRate } } }", json!({})).await;
    let part = step(&app, &admin,
        "mutation { createPart(input: {partNumber: \"HY-SEAL-04\", name: \"油缸密封件组\", unitPrice: \"380\", weightKg: \"1\", category: HYDRAULIC}) { part { id } } }",
        json!({})).await["createPart"]["part"]["id"].clone();
    // Invoiced in January 2024 with 12 months' warranty: out of warranty now, so PAID.
    let serial = unit_in_field(&app, &admin, "XCT25-P-1", "2024-01-10", None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let gm = app.user_with("gm1", &[Role::GeneralManager], None).await;
    let id = accepted_ticket(&app, &agent, &serial).await;
    let quote = "mutation($id: ID!, $v: Int!, $p: ID!, $d: Decimal!) { createQuote(input: {ticket: {id: $id, version: $v}, parts: [{partId: $p, quantity: 2}], labourHours: \"3.5\", discountPercent: $d}) { quote { id status standardTotal total } ticket { status serviceType version } } }";
    let absurd = quote.replace("quantity: 2", "quantity: 2147483647");
    let refused = app.gql(Some(&agent), &absurd, json!({"id": id, "v": 2, "p": part, "d": "0"})).await;
    assert_eq!(refused.error_code(), Some("VALIDATION"), "no line of two billion parts");
    let ten = step(&app, &agent, quote, json!({"id": id, "v": 2, "p": part, "d": "10"})).await;
    assert_eq!(ten["createQuote"]["ticket"]["serviceType"], "PAID");
    // 2 × 380 + 3.5 h × 150 + 2 × 120 km × 3.5 = 760 + 525 + 840.
    assert_eq!(ten["createQuote"]["quote"]["standardTotal"], "2125.00");
    assert_eq!(ten["createQuote"]["quote"]["status"], "APPROVED", "exactly 10 % passes");
    let over = step(&app, &agent, quote, json!({"id": id, "v": 3, "p": part, "d": "10.01"})).await;
    assert_eq!(over["createQuote"]["quote"]["status"], "PENDING_APPROVAL");
    let quote_id = over["createQuote"]["quote"]["id"].clone();
    let accept = "mutation($id: ID!, $v: Int!) { acceptQuote(input: {id: $id, version: $v}) { ticket { status } quote { status } } }";
    let waiting = app.gql(Some(&agent), accept, json!({"id": id, "v": 4})).await;
    assert_eq!(waiting.error_code(), Some("APPROVAL_REQUIRED"));
    let not_gm = app
        .gql(
            Some(&agent),
            "mutation($q: ID!) { approveQuote(quoteId: $q) { quote { status } } }",
            json!({"q": quote_id}),
        )
        .await;
    assert_eq!(not_gm.error_code(), Some("FORBIDDEN"));
    // Whoever follows the ticket hears of the approval: the agent may now record the acceptance.
    let mut followers = app.state.events.subscribe();
    // Approved once, however many approvals race (on PostgreSQL both read it waiting).
    let approve = "mutation($q: ID!) { approveQuote(quoteId: $q) { quote { status } ticket { id } } }";
    let (first, second) = tokio::join!(
        app.gql(Some(&gm), approve, json!({"q": quote_id})),
        app.gql(Some(&gm), approve, json!({"q": quote_id}))
    );
    let (approved, lost) = if first.error_code().is_none() { (first, second) } else { (second, first) };
    assert!(
        matches!(lost.error_code(), Some("CONFLICT" | "INVALID_TRANSITION")),
        "the second approval is refused: {:?}",
        lost.error_code()
    );
    assert_eq!(approved.expect_ok()["approveQuote"]["ticket"]["id"], id);
    let heard = tokio::time::timeout(std::time::Duration::from_secs(5), followers.recv()).await;
    assert!(matches!(heard, Ok(Ok(_))), "the approval is announced: {heard:?}");
    let accepted = step(&app, &agent, accept, json!({"id": id, "v": 4})).await;
    assert_eq!(accepted["acceptQuote"]["ticket"]["status"], "QUOTE_APPROVED");
    assert_eq!(accepted["acceptQuote"]["quote"]["status"], "ACCEPTED");
    let shown = step(&app, &agent, "query($id: ID!) { ticket(id: $id) { quote { lines { quantity unitPrice amount part { partNumber } } } } }", json!({"id": id})).await;
    assert_eq!(
        shown["ticket"]["quote"]["lines"],
        json!([{"quantity": 2, "unitPrice": "380.00", "amount": "760.00", "part": {"partNumber": "HY-SEAL-04"}}]),
        "the quote keeps its lines from the price list"
    );
}

/// The approvals inbox lists the quotes waiting for the general manager
/// with their ticket; a refusal says why, rejects the quote (the desk may
/// quote again) and leaves the inbox empty.
async fn the_general_manager_refuses_a_quote_from_the_inbox_with_a_note(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    step(&app, &admin, "mutation { setServiceTariff(input: {labourRate: \"150\", travelRatePerKm: \"3.5\", effectiveFrom: \"2020-01-01\"}) { tariff { labourRate } } }", json!({})).await;
    let serial = unit_in_field(&app, &admin, "XCT25-P-2", "2024-01-10", None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let gm = app.user_with("gm1", &[Role::GeneralManager], None).await;
    let id = accepted_ticket(&app, &agent, &serial).await;
    let quoted = step(&app, &agent,
        "mutation($id: ID!) { createQuote(input: {ticket: {id: $id, version: 2}, labourHours: \"4\", discountPercent: \"25\"}) { quote { id status } } }",
        json!({"id": id})).await;
    let quote_id = quoted["createQuote"]["quote"]["id"].clone();
    let inbox = "{ quotesAwaitingApproval { nodes { id discountPercent standardTotal total ticket { id number status } } } }";
    let listed = step(&app, &gm, inbox, json!({})).await;
    let nodes = listed["quotesAwaitingApproval"]["nodes"].as_array().expect("nodes").clone();
    assert_eq!(nodes.len(), 1, "{nodes:?}");
    assert_eq!(nodes[0]["id"], quote_id);
    assert_eq!(nodes[0]["discountPercent"], "25");
    assert_eq!(nodes[0]["ticket"]["id"], id);
    assert_eq!(app.gql(Some(&agent), inbox, json!({})).await.error_code(), Some("FORBIDDEN"));

    let refuse = "mutation($q: ID!, $n: String!) { refuseQuote(input: {quoteId: $q, note: $n}) { quote { status decisionNote } ticket { status } } }";
    let blank = app.gql(Some(&gm), refuse, json!({"q": quote_id, "n": "  "})).await;
    assert_eq!(blank.error_code(), Some("VALIDATION"), "a refusal says why");
    assert_eq!(blank.error_field(), Some("note"));
    let refused = step(&app, &gm, refuse, json!({"q": quote_id, "n": "折扣过大,按标准价重新报价"})).await;
    assert_eq!(refused["refuseQuote"]["quote"]["status"], "REJECTED");
    assert_eq!(refused["refuseQuote"]["quote"]["decisionNote"], "折扣过大,按标准价重新报价");
    assert_eq!(refused["refuseQuote"]["ticket"]["status"], "QUOTED", "the desk may quote again");
    let again = app.gql(Some(&gm), refuse, json!({"q": quote_id, "n": "again"})).await;
    assert_eq!(again.error_code(), Some("INVALID_TRANSITION"), "decided once");
    let empty = step(&app, &gm, inbox, json!({})).await;
    assert_eq!(empty["quotesAwaitingApproval"]["nodes"], json!([]));
}

async fn rework_and_return_to_factory_paths(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-R-1", &today(), None).await;
    seal_ageing_cause(&app, &admin).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let (_, first) = app.engineer("eng.a", "江苏", &[FaultCategory::Hydraulic]).await;
    let (second_id, second) = app.engineer("eng.b", "江苏", &[FaultCategory::Hydraulic]).await;
    let id = accepted_ticket(&app, &agent, &serial).await;
    step(&app, &agent, "mutation($id: ID!) { dispatchTicket(input: {ticket: {id: $id, version: 2}, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status } } }", json!({"id": id})).await;
    step(
        &app,
        &first,
        "mutation($id: ID!) { arriveOnSite(input: {id: $id, version: 3}) { ticket { status } } }",
        json!({"id": id}),
    )
    .await;
    let other_engineer = app
        .gql(Some(&second), "mutation($id: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"x\", measures: \"y\", labourHours: \"1\"}) { ticket { status } } }", json!({"id": id}))
        .await;
    assert_eq!(
        other_engineer.error_code(),
        Some("FORBIDDEN"),
        "only the assigned engineer records the repair"
    );
    let unknown_cause = app
        .gql(Some(&first), "mutation($id: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"NO-SUCH-CAUSE\", measures: \"y\", labourHours: \"1\"}) { ticket { status } } }", json!({"id": id}))
        .await;
    assert_eq!(unknown_cause.error_code(), Some("VALIDATION"));
    assert_eq!(unknown_cause.error_field(), Some("faultCause"));
    step(&app, &first, "mutation($id: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"HY-SEAL-AGING\", measures: \"更换密封件\", labourHours: \"2\"}) { ticket { status } } }", json!({"id": id})).await;
    let rework = step(&app, &agent,
        "mutation($id: ID!, $e: ID) { reworkTicket(input: {ticket: {id: $id, version: 5}, engineerId: $e, reason: \"客户不满意,仍漏油\"}) { ticket { status reworkCount engineer { id } } } }",
        json!({"id": id, "e": second_id})).await;
    assert_eq!(rework["reworkTicket"]["ticket"]["status"], "DISPATCHED");
    assert_eq!(rework["reworkTicket"]["ticket"]["reworkCount"], 1);
    assert_eq!(rework["reworkTicket"]["ticket"]["engineer"]["id"], json!(second_id));
    step(
        &app,
        &second,
        "mutation($id: ID!) { arriveOnSite(input: {id: $id, version: 6}) { ticket { status } } }",
        json!({"id": id}),
    )
    .await;
    let factory = step(&app, &second,
        "mutation($id: ID!) { returnToFactory(input: {ticket: {id: $id, version: 7}, reason: \"缸体裂纹,现场无法修复\"}) { ticket { status returnSlipNumber number } } }",
        json!({"id": id})).await;
    let t = &factory["returnToFactory"]["ticket"];
    assert_eq!(t["status"], "RETURNED_TO_FACTORY");
    assert_eq!(t["returnSlipNumber"].as_str().map(|s| s.starts_with("RF-")), Some(true));
    let cancel = app.gql(Some(&agent), "mutation($id: ID!) { cancelTicket(input: {ticket: {id: $id, version: 8}, reason: \"x\"}) { ticket { status } } }", json!({"id": id})).await;
    assert_eq!(cancel.error_code(), Some("INVALID_TRANSITION"));
}

async fn rotation_skips_the_engineer_without_the_skill_and_the_busy_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-Q-1", &today(), None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    app.engineer("eng.1", "江苏", &[FaultCategory::Electrical]).await;
    let (busy_id, _) = app.engineer("eng.2", "江苏", &[FaultCategory::Hydraulic]).await;
    let (free_id, _) = app.engineer("eng.3", "江苏", &[FaultCategory::Hydraulic]).await;
    let dispatch = "mutation($id: ID!, $e: ID) { dispatchTicket(input: {ticket: {id: $id, version: 2}, engineerId: $e, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { engineer { id } } } }";
    // eng.2 is made busy by a manual assignment (which does not move the rotation).
    let first = accepted_ticket(&app, &agent, &serial).await;
    step(&app, &agent, dispatch, json!({"id": first, "e": busy_id})).await;
    // The list says what dispatch will do: eng.2 is on duty but out on a job.
    let engineers = "query($a: Boolean) { engineers(filter: {skill: HYDRAULIC, available: $a}) { nodes { id onDuty available busyWith { id } } } }";
    let all = step(&app, &agent, engineers, json!({"a": null})).await;
    let shown = |id: &Value| {
        all["engineers"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|e| &e["id"] == id)
            .cloned()
            .expect("listed")
    };
    let busy = shown(&json!(busy_id));
    assert_eq!((busy["onDuty"].clone(), busy["available"].clone()), (json!(true), json!(false)), "{busy}");
    assert_eq!(busy["busyWith"], json!([{"id": first}]));
    assert_eq!(shown(&json!(free_id))["available"], true);
    let free_only = step(&app, &agent, engineers, json!({"a": true})).await;
    assert_eq!(
        free_only["engineers"]["nodes"]
            .as_array()
            .map(|n| n.iter().map(|e| e["id"].clone()).collect::<Vec<_>>()),
        Some(vec![json!(free_id)])
    );
    let second = accepted_ticket(&app, &agent, &serial).await;
    let chosen = step(&app, &agent, dispatch, json!({"id": second, "e": null})).await;
    assert_eq!(chosen["dispatchTicket"]["ticket"]["engineer"]["id"], json!(free_id));
    let none_free = step(&app, &agent, engineers, json!({"a": true})).await;
    assert_eq!(none_free["engineers"]["nodes"], json!([]), "nobody with the skill is free now");
    // Everyone with the skill is out now: the rotation says so instead of double-booking.
    let third = accepted_ticket(&app, &agent, &serial).await;
    let none = app.gql(Some(&agent), dispatch, json!({"id": third, "e": null})).await;
    assert_eq!(none.error_code(), Some("VALIDATION"));
    assert_eq!(none.error_field(), Some("engineerId"));
}

async fn concurrent_transitions_of_one_ticket_apply_exactly_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-X-1", &today(), None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let id = step(&app, &agent, REPORT, json!({"s": serial})).await["reportFault"]["ticket"]["id"].clone();
    let accept =
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { version } } }";
    let cancel = "mutation($id: ID!) { cancelTicket(input: {ticket: {id: $id, version: 1}, reason: \"重复报修\"}) { ticket { version } } }";
    let attempts =
        (0..6).map(|i| app.gql(Some(&agent), if i % 2 == 0 { accept } else { cancel }, json!({"id": id})));
    let results = futures::future::join_all(attempts).await;
    let applied = results.iter().filter(|r| r.body.get("errors").is_none()).count();
    assert_eq!(applied, 1, "{:?}", results.iter().map(|r| r.body.to_string()).collect::<Vec<_>>());
    for refused in results.iter().filter(|r| r.body.get("errors").is_some()) {
        assert!(
            matches!(refused.error_code(), Some("CONFLICT") | Some("INVALID_TRANSITION")),
            "{}",
            refused.body
        );
    }
    assert_eq!(app.count("ticket_events").await, 2);
}

async fn unit_out_of_warranty_under_a_service_contract_is_contract_service(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    // Warranty ended in January 2025; a contract covers 2025-02-01 to 2030-01-31.
    let serial = unit_in_field(&app, &admin, "XCT25-K-1", "2024-01-10", None).await;
    let unit =
        step(&app, &admin, "query($s: String) { unit(serialNumber: $s) { id } }", json!({"s": serial})).await;
    step(&app, &admin,
        "mutation($u: ID!) { createServiceContract(input: {contractNumber: \"SC-K-1\", unitId: $u, startsOn: \"2025-02-01\", endsOn: \"2030-01-31\", price: \"28000\"}) { contract { id } } }",
        json!({"u": unit["unit"]["id"]})).await;
    let status = step(&app, &admin,
        "query($s: String!) { warrantyStatus(serialNumber: $s) { inWarranty covered serviceType contract { contractNumber } endsOn } }",
        json!({"s": serial})).await;
    assert_eq!(
        status["warrantyStatus"],
        json!({"inWarranty": false, "covered": true, "serviceType": "CONTRACT", "contract": {"contractNumber": "SC-K-1"}, "endsOn": "2030-01-31"})
    );
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let id = step(&app, &agent, REPORT, json!({"s": serial})).await["reportFault"]["ticket"]["id"].clone();
    let accepted = step(&app, &agent,
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { serviceType exclusion entitlementNote } } }",
        json!({"id": id})).await;
    let ticket = &accepted["acceptTicket"]["ticket"];
    assert_eq!(ticket["serviceType"], "CONTRACT");
    assert!(ticket["exclusion"].is_null());
    // Contract work is dispatched without a quote.
    app.engineer("eng.k", "江苏", &[FaultCategory::Hydraulic]).await;
    let dispatched = step(&app, &agent,
        "mutation($id: ID!) { dispatchTicket(input: {ticket: {id: $id, version: 2}, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status } } }",
        json!({"id": id})).await;
    assert_eq!(dispatched["dispatchTicket"]["ticket"]["status"], "DISPATCHED");
}

/// A phone without signal sends arrival, repair and signature later, each
/// with the time it was taken: kept when it follows the step before and is
/// not in the future, refused on the field otherwise.
async fn steps_taken_offline_keep_the_phone_times_within_their_bounds(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-OFF-1", &today(), None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let (_, engineer) = app.engineer("eng.off", "江苏", &[FaultCategory::Hydraulic]).await;
    seal_ageing_cause(&app, &admin).await;
    let id = step(&app, &agent, REPORT, json!({"s": serial})).await["reportFault"]["ticket"]["id"].clone();
    step(
        &app,
        &agent,
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { status } } }",
        json!({"id": id}),
    )
    .await;
    step(&app, &agent, "mutation($id: ID!) { dispatchTicket(input: {ticket: {id: $id, version: 2}, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status } } }", json!({"id": id})).await;

    let at = |minutes_ago: i64| (chrono::Utc::now() - chrono::Duration::minutes(minutes_ago)).to_rfc3339();
    // Minutes after the report (a clock a little ahead is allowed), each after the last.
    let (arrived, repaired, signed) = (at(-1), at(-2), at(-3));
    let arrive = "mutation($id: ID!, $at: DateTime) { arriveOnSite(input: {id: $id, version: 3}, at: $at) { ticket { status } } }";
    let before_report = app.gql(Some(&engineer), arrive, json!({"id": id, "at": at(60 * 24)})).await;
    assert_eq!(
        (before_report.error_code(), before_report.error_field()),
        (Some("VALIDATION"), Some("arrivedAt"))
    );
    step(&app, &engineer, arrive, json!({"id": id, "at": arrived})).await;

    let repair = "mutation($id: ID!, $at: DateTime) { recordRepair(input: {ticket: {id: $id, version: 4}, completedAt: $at, faultCause: \"HY-SEAL-AGING\", measures: \"更换密封件\", labourHours: \"2\"}) { repairRecord { completedAt } } }";
    let in_the_future = app.gql(Some(&engineer), repair, json!({"id": id, "at": at(-10)})).await;
    assert_eq!(
        (in_the_future.error_code(), in_the_future.error_field()),
        (Some("VALIDATION"), Some("completedAt"))
    );
    step(&app, &engineer, repair, json!({"id": id, "at": repaired})).await;

    let sign = "mutation($id: ID!, $at: DateTime) { signOff(input: {id: $id, version: 5}, signedBy: \"李工\", signedAt: $at) { ticket { status } } }";
    let before_repair = app.gql(Some(&engineer), sign, json!({"id": id, "at": arrived})).await;
    assert_eq!(
        (before_repair.error_code(), before_repair.error_field()),
        (Some("VALIDATION"), Some("signedAt"))
    );
    step(&app, &engineer, sign, json!({"id": id, "at": signed})).await;

    let shown = step(&app, &agent, "query($id: ID!) { ticket(id: $id) { status arrivedAt repairedAt customerAcceptedAt repairRecord { completedAt customerSignedAt } } }", json!({"id": id})).await;
    let ticket = &shown["ticket"];
    let instant = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().expect("a time")).expect("rfc3339").timestamp()
    };
    let sent = |s: &str| chrono::DateTime::parse_from_rfc3339(s).expect("rfc3339").timestamp();
    assert_eq!(ticket["status"], "CUSTOMER_ACCEPTED");
    assert_eq!(instant(&ticket["arrivedAt"]), sent(&arrived));
    assert_eq!(instant(&ticket["repairedAt"]), sent(&repaired));
    assert_eq!(instant(&ticket["repairRecord"]["completedAt"]), sent(&repaired));
    assert_eq!(instant(&ticket["customerAcceptedAt"]), sent(&signed));
    assert_eq!(instant(&ticket["repairRecord"]["customerSignedAt"]), sent(&signed));
}
