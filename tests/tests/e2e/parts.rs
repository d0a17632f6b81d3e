//! Parts and old parts over HTTP: the stock ledger under concurrent issues,
//! requisitions, old parts from repairs on their way back, responsibility,
//! and the return progress report with its downloads (local sale of the
//! scrap: `local_sale`).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate, Utc};
use entity::enums::{FaultCategory, Role};
use serde_json::{Value, json};

use service::usecase::identity::{self, NewUser};

use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app};
use crate::on_both_backends;
use crate::tickets::{seal_ageing_cause, step, today, unit_in_field};

on_both_backends!(
    stock_never_goes_negative_under_concurrent_issues_and_a_count_books_the_difference,
    requisition_is_approved_issued_fitted_and_leftovers_come_back,
    old_part_comes_back_with_delay_days_and_gets_a_disposition_and_a_determination,
    return_report_has_the_regulations_columns_in_graphql_xlsx_and_csv,
);

/// The regulation's report columns, typed out here on purpose: the test
/// must not read them from the code it checks.
const HEADERS: [&str; 18] = [
    "申请日期",
    "审批号",
    "设备编号",
    "物料编码",
    "数量",
    "单价",
    "总价",
    "申请人",
    "区域",
    "旧件问题",
    "旧件是否需回司",
    "完工日期",
    "要求交期",
    "回复日期",
    "延期天数",
    "回收日期",
    "返司日期",
    "备注",
];

/// Everyone a parts test needs, and a ticket with an engineer on site.
#[derive(Clone)]
pub(crate) struct Site {
    pub admin: String,
    pub agent: String,
    pub engineer: String,
    pub manager: String,
    pub keeper: String,
    pub warehouse: Value,
    pub ticket: Value,
    pub number: String,
}

pub(crate) async fn site(app: &TestApp) -> Site {
    let admin = app.admin_token().await;
    let serial = unit_in_field(app, &admin, "XCT25-P-1", &today(), None).await;
    seal_ageing_cause(app, &admin).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let keeper = app.user_with("keeper", &[Role::Warehouse], None).await;
    identity::create_user(
        &app.db,
        None,
        NewUser {
            username: "manager".into(),
            password: PASSWORD.into(),
            roles: vec![Role::ServiceManager],
            email: Some("manager@example.cn".into()),
            ..NewUser::default()
        },
    )
    .await
    .expect("manager created");
    let manager = app.token("manager", PASSWORD).await;
    let (_, engineer) = app.engineer("eng.hyd", "江苏", &[FaultCategory::Hydraulic]).await;
    let warehouse = step(
        app,
        &admin,
        "mutation { createWarehouse(input: {code: \"WH-JS\", name: \"江苏仓\", region: \"江苏\"}) { warehouse { id } } }",
        json!({}),
    )
    .await["createWarehouse"]["warehouse"]["id"]
        .clone();
    let reported = step(app, &agent,
        "mutation($s: String!) { reportFault(input: {channel: PHONE, serialNumber: $s, faultDescription: \"变幅油缸漏油\", faultCategory: HYDRAULIC}) { ticket { id number } } }",
        json!({"s": serial})).await;
    let ticket = reported["reportFault"]["ticket"]["id"].clone();
    let number = reported["reportFault"]["ticket"]["number"].as_str().expect("number").to_owned();
    step(
        app,
        &agent,
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { status } } }",
        json!({"id": ticket}),
    )
    .await;
    step(app, &agent, "mutation($id: ID!) { dispatchTicket(input: {ticket: {id: $id, version: 2}, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status } } }", json!({"id": ticket})).await;
    step(
        app,
        &engineer,
        "mutation($id: ID!) { arriveOnSite(input: {id: $id, version: 3}) { ticket { status } } }",
        json!({"id": ticket}),
    )
    .await;
    Site { admin, agent, engineer, manager, keeper, warehouse, ticket, number }
}

/// A part in the catalogue; `limit` makes it valuable.
pub(crate) async fn part(
    app: &TestApp,
    admin: &str,
    number: &str,
    price: &str,
    weight: &str,
    limit: Option<i64>,
) -> Value {
    step(app, admin,
        "mutation($n: String!, $p: Decimal!, $w: Decimal!, $l: Int) { createPart(input: {partNumber: $n, name: $n, unitPrice: $p, weightKg: $w, category: HYDRAULIC, valuableLimit: $l}) { part { id } } }",
        json!({"n": number, "p": price, "w": weight, "l": limit})).await["createPart"]["part"]["id"].clone()
}

pub(crate) async fn receive(app: &TestApp, site: &Site, part: &Value, quantity: i32) {
    step(app, &site.keeper,
        "mutation($w: ID!, $p: ID!, $q: Int!) { receiveStock(input: {warehouseId: $w, partId: $p, quantity: $q}) { movement { balanceAfter } } }",
        json!({"w": site.warehouse, "p": part, "q": quantity})).await;
}

async fn on_hand(app: &TestApp, site: &Site, part: &Value) -> i64 {
    let levels = step(
        app,
        &site.keeper,
        "query($w: ID, $p: ID) { stockLevels(warehouseId: $w, partId: $p) { onHand } }",
        json!({"w": site.warehouse, "p": part}),
    )
    .await;
    levels["stockLevels"][0]["onHand"].as_i64().unwrap_or_default()
}

/// Records the repair with `parts` replaced and returns the ticket's old parts.
pub(crate) async fn repair_with(app: &TestApp, site: &Site, parts: Value) -> Vec<Value> {
    step(app, &site.engineer,
        "mutation($id: ID!, $parts: [ReplacedPartInput!]!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"HY-SEAL-AGING\", measures: \"更换\", labourHours: \"2\", partsReplaced: $parts}) { ticket { status } } }",
        json!({"id": site.ticket, "parts": parts})).await;
    let listed = step(app, &site.manager,
        "{ oldParts(first: 50) { totalCount edges { node { id version approvalNumber quantity unitPrice total region reason mustReturn completedOn dueOn status part { partNumber } unit { serialNumber } engineer { username } } } } }",
        json!({})).await;
    listed["oldParts"]["edges"].as_array().expect("edges").iter().map(|e| e["node"].clone()).collect()
}

/// Today where the business is (Asia/Shanghai by default), as the server counts.
pub(crate) fn business_today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive()
}

fn date(value: &Value) -> NaiveDate {
    value.as_str().expect("a date").parse().expect("an ISO date")
}

async fn stock_never_goes_negative_under_concurrent_issues_and_a_count_books_the_difference(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let seal = part(&app, &site.admin, "HY-SEAL-04", "380", "1", None).await;
    receive(&app, &site, &seal, 5).await;
    step(&app, &site.keeper,
        "mutation($w: ID!, $p: ID!) { setSafetyStock(input: {warehouseId: $w, partId: $p, safetyStock: 3}) { stockLevel { safetyStock } } }",
        json!({"w": site.warehouse, "p": seal})).await;

    // Twelve keepers' requests for the last five units at once.
    let issue = "mutation($w: ID!, $p: ID!, $t: ID!) { issueStock(input: {warehouseId: $w, partId: $p, quantity: 1, ticketId: $t}) { movement { balanceAfter } } }";
    let vars = json!({"w": site.warehouse, "p": seal, "t": site.ticket});
    let results =
        futures::future::join_all((0..12).map(|_| app.gql(Some(&site.keeper), issue, vars.clone()))).await;
    let issued = results.iter().filter(|r| r.body.get("errors").is_none()).count();
    let refused = results.iter().filter(|r| r.error_code() == Some("INSUFFICIENT_STOCK")).count();
    assert_eq!((issued, refused), (5, 7), "exactly the stock on hand is issued");
    let mut balances: Vec<i64> =
        results.iter().filter_map(|r| r.data()["issueStock"]["movement"]["balanceAfter"].as_i64()).collect();
    balances.sort_unstable();
    assert_eq!(balances, vec![0, 1, 2, 3, 4], "each issue saw its own balance");
    assert_eq!(on_hand(&app, &site, &seal).await, 0);
    assert_eq!(app.count("stock_levels WHERE on_hand < 0").await, 0);

    let low = step(
        &app,
        &site.keeper,
        "{ lowStock { onHand safetyStock shortfall belowSafetyStock part { partNumber } } }",
        json!({}),
    )
    .await;
    assert_eq!(low["lowStock"][0]["part"]["partNumber"], "HY-SEAL-04");
    assert_eq!(low["lowStock"][0]["shortfall"], 3);

    let adjust = "mutation($w: ID!, $p: ID!, $q: Int!, $r: String) { adjustStock(input: {warehouseId: $w, partId: $p, quantity: $q, reason: $r}) { movement { balanceAfter kind } } }";
    let no_reason =
        app.gql(Some(&site.keeper), adjust, json!({"w": site.warehouse, "p": seal, "q": 2})).await;
    assert_eq!(no_reason.error_code(), Some("VALIDATION"));
    assert_eq!(no_reason.error_field(), Some("reason"));
    let below_zero = app
        .gql(Some(&site.keeper), adjust, json!({"w": site.warehouse, "p": seal, "q": -1, "r": "损坏"}))
        .await;
    assert_eq!(below_zero.error_code(), Some("INSUFFICIENT_STOCK"));
    let agent_tries =
        app.gql(Some(&site.agent), adjust, json!({"w": site.warehouse, "p": seal, "q": 1, "r": "x"})).await;
    assert_eq!(agent_tries.error_code(), Some("FORBIDDEN"));

    receive(&app, &site, &seal, 10).await;
    let counted = step(&app, &site.keeper,
        "mutation($w: ID!, $p: ID!) { recordStocktake(input: {warehouseId: $w, counts: [{partId: $p, counted: 8}]}) { stocktake { lines { bookQuantity countedQuantity difference part { partNumber } } } } }",
        json!({"w": site.warehouse, "p": seal})).await;
    let line = &counted["recordStocktake"]["stocktake"]["lines"][0];
    assert_eq!(
        (line["bookQuantity"].as_i64(), line["countedQuantity"].as_i64(), line["difference"].as_i64()),
        (Some(10), Some(8), Some(-2))
    );
    assert_eq!(on_hand(&app, &site, &seal).await, 8);

    // The ledger adds up to the book: +5 −5 +10 −2.
    let ledger = step(&app, &site.keeper,
        "query($p: ID) { stockMovements(filter: {partId: $p}) { totalCount edges { node { kind quantity balanceAfter } } } }",
        json!({"p": seal})).await;
    let rows = ledger["stockMovements"]["edges"].as_array().expect("edges");
    let sum: i64 = rows.iter().map(|e| e["node"]["quantity"].as_i64().unwrap_or_default()).sum();
    assert_eq!(sum, 8);
    assert_eq!(rows.last().map(|e| e["node"]["kind"].clone()), Some(json!("STOCKTAKE")));
    assert_eq!(rows.last().map(|e| e["node"]["balanceAfter"].clone()), Some(json!(8)));

    // Five went out to the ticket and none was fitted: at most five come back.
    let back = "mutation($w: ID!, $p: ID!, $t: ID!, $q: Int!) { returnStock(input: {warehouseId: $w, partId: $p, quantity: $q, ticketId: $t}) { movement { kind balanceAfter } } }";
    let too_many = app
        .gql(Some(&site.keeper), back, json!({"w": site.warehouse, "p": seal, "t": site.ticket, "q": 6}))
        .await;
    assert_eq!(too_many.error_code(), Some("VALIDATION"));
    let returned =
        step(&app, &site.keeper, back, json!({"w": site.warehouse, "p": seal, "t": site.ticket, "q": 2}))
            .await;
    assert_eq!(returned["returnStock"]["movement"]["balanceAfter"], 10);
}

async fn requisition_is_approved_issued_fitted_and_leftovers_come_back(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let pump = part(&app, &site.admin, "HY-PUMP-01", "5200", "18", Some(2)).await;
    let seal = part(&app, &site.admin, "HY-SEAL-04", "380", "1", None).await;
    let hose = part(&app, &site.admin, "HY-HOSE-09", "120.50", "2", None).await;
    receive(&app, &site, &pump, 1).await;
    receive(&app, &site, &seal, 10).await;
    receive(&app, &site, &hose, 4).await;

    let request = "mutation($t: ID!, $w: ID!, $lines: [PartQuantity!]!) { requestParts(input: {ticketId: $t, warehouseId: $w, lines: $lines}) { requisition { id version status lines { quantityRequested part { partNumber } } } } }";
    let too_many = app
        .gql(
            Some(&site.engineer),
            request,
            json!({"t": site.ticket, "w": site.warehouse, "lines": [{"partId": pump, "quantity": 3}]}),
        )
        .await;
    assert_eq!(too_many.error_code(), Some("VALIDATION"), "a valuable part is limited per requisition");
    let requested = step(&app, &site.engineer, request,
        json!({"t": site.ticket, "w": site.warehouse, "lines": [{"partId": pump, "quantity": 2}, {"partId": seal, "quantity": 3}]})).await;
    let req = requested["requestParts"]["requisition"].clone();
    assert_eq!(req["status"], "REQUESTED");
    let id = req["id"].clone();

    let approve = "mutation($id: ID!, $v: Int!) { approveRequisition(input: {id: $id, version: $v}) { requisition { status version } } }";
    let by_engineer = app.gql(Some(&site.engineer), approve, json!({"id": id, "v": 1})).await;
    assert_eq!(by_engineer.error_code(), Some("FORBIDDEN"));
    step(&app, &site.manager, approve, json!({"id": id, "v": 1})).await;

    let issue = "mutation($id: ID!, $v: Int!) { issueRequisition(input: {id: $id, version: $v}) { requisition { status version } } }";
    let short = app.gql(Some(&site.keeper), issue, json!({"id": id, "v": 2})).await;
    assert_eq!(short.error_code(), Some("INSUFFICIENT_STOCK"), "{:?}", short.body);
    assert_eq!(on_hand(&app, &site, &seal).await, 10, "all lines or none");
    receive(&app, &site, &pump, 1).await;
    let issued = step(&app, &site.keeper, issue, json!({"id": id, "v": 2})).await;
    assert_eq!(issued["issueRequisition"]["requisition"]["status"], "ISSUED");
    assert_eq!(on_hand(&app, &site, &seal).await, 7);
    assert_eq!(on_hand(&app, &site, &pump).await, 0);

    // Two seals and both pumps fitted from the requisition; one hose straight off the shelf.
    let old = repair_with(
        &app,
        &site,
        json!([
            {"partId": pump, "quantity": 2},
            {"partId": seal, "quantity": 2, "reason": "密封圈老化"},
            {"partId": hose, "quantity": 1, "mustReturn": false},
        ]),
    )
    .await;
    assert_eq!(on_hand(&app, &site, &hose).await, 3, "the hose was issued from the engineer's warehouse");
    assert_eq!(on_hand(&app, &site, &seal).await, 7, "the seals came from the requisition");
    assert_eq!(old.len(), 3, "one old part per replaced line");
    let pump_old = old.iter().find(|o| o["part"]["partNumber"] == "HY-PUMP-01").expect("pump old part");
    assert_eq!(pump_old["approvalNumber"], json!(site.number));
    assert_eq!(pump_old["unit"]["serialNumber"], "XCT25-P-1");
    assert_eq!(pump_old["engineer"]["username"], "eng.hyd");
    assert_eq!(pump_old["region"], "江苏");
    assert_eq!(pump_old["quantity"], 2);
    assert_eq!(pump_old["total"], "10400.00");
    assert_eq!(pump_old["mustReturn"], true, "warranty work: the part has claim value");
    assert_eq!(pump_old["reason"], "油缸密封老化", "the fault cause's name by default");
    assert_eq!(pump_old["status"], "PENDING");
    assert_eq!(date(&pump_old["dueOn"]) - date(&pump_old["completedOn"]), Duration::days(7));
    let seal_old = old.iter().find(|o| o["part"]["partNumber"] == "HY-SEAL-04").expect("seal old part");
    assert_eq!(seal_old["reason"], "密封圈老化");
    let hose_old = old.iter().find(|o| o["part"]["partNumber"] == "HY-HOSE-09").expect("hose old part");
    assert_eq!(hose_old["mustReturn"], false);

    let leftovers = "mutation($id: ID!, $v: Int!, $lines: [PartQuantity!]!) { returnLeftovers(input: {requisition: {id: $id, version: $v}, lines: $lines}) { requisition { status lines { quantityIssued quantityReturned } } } }";
    let too_much = app
        .gql(
            Some(&site.keeper),
            leftovers,
            json!({"id": id, "v": 3, "lines": [{"partId": seal, "quantity": 2}]}),
        )
        .await;
    assert_eq!(too_much.error_code(), Some("VALIDATION"), "two of three seals were fitted");
    let back = step(
        &app,
        &site.keeper,
        leftovers,
        json!({"id": id, "v": 3, "lines": [{"partId": seal, "quantity": 1}]}),
    )
    .await;
    assert_eq!(back["returnLeftovers"]["requisition"]["status"], "CLOSED");
    assert_eq!(on_hand(&app, &site, &seal).await, 8);
}

async fn old_part_comes_back_with_delay_days_and_gets_a_disposition_and_a_determination(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let seal = part(&app, &site.admin, "HY-SEAL-04", "380", "1", None).await;
    receive(&app, &site, &seal, 2).await;
    let old = repair_with(&app, &site, json!([{"partId": seal, "quantity": 1}])).await;
    let item = &old[0];
    let id = item["id"].clone();
    let due = date(&item["dueOn"]);
    // Another engineer sees none of it: an engineer's old parts are their own.
    let (_, other) = app.engineer("eng.other", "江苏", &[FaultCategory::Hydraulic]).await;
    let theirs = step(&app, &other, "{ oldParts(first: 50) { totalCount } }", json!({})).await;
    assert_eq!(theirs["oldParts"]["totalCount"], 0);
    let by_id = "query($id: ID!) { oldPart(id: $id) { id } }";
    assert_eq!(app.gql(Some(&other), by_id, json!({"id": id})).await.error_code(), Some("NOT_FOUND"));
    let own = step(&app, &site.engineer, "{ oldParts(first: 50) { totalCount } }", json!({})).await;
    assert_eq!(own["oldParts"]["totalCount"], 1);

    let reply = "mutation($id: ID!, $v: Int!, $on: NaiveDate!, $r: String) { replyOldPart(input: {oldPart: {id: $id, version: $v}, promisedOn: $on, reason: $r}) { oldPart { status version repliedOn promisedOn delayReason } } }";
    let late = (due + Duration::days(3)).to_string();
    let no_reason = app.gql(Some(&site.engineer), reply, json!({"id": id, "v": 1, "on": late})).await;
    assert_eq!(no_reason.error_code(), Some("VALIDATION"));
    assert_eq!(no_reason.error_field(), Some("reason"));
    let replied =
        step(&app, &site.engineer, reply, json!({"id": id, "v": 1, "on": late, "r": "工地偏远,需等物流车"}))
            .await;
    assert_eq!(replied["replyOldPart"]["oldPart"]["status"], "REPLIED");
    assert_eq!(
        app.count(
            "notifications WHERE template = 'old_part_late_reply' AND recipient = 'manager@example.cn'"
        )
        .await,
        1,
        "the service manager is told"
    );

    let delay = "query($id: ID!, $on: NaiveDate) { oldPart(id: $id) { delayDays(on: $on) daysLate(on: $on) version } }";
    let five_after = (due + Duration::days(5)).to_string();
    let before = step(&app, &site.manager, delay, json!({"id": id, "on": five_after})).await;
    assert_eq!(before["oldPart"]["delayDays"], 5, "a reason not yet accepted does not excuse");
    step(&app, &site.manager,
        "mutation($id: ID!) { acceptOldPartDelay(input: {id: $id, version: 2}) { oldPart { delayReasonAccepted } } }",
        json!({"id": id})).await;
    let after = step(&app, &site.manager, delay, json!({"id": id, "on": five_after})).await;
    assert_eq!(after["oldPart"]["delayDays"], 2, "counted from the accepted date");
    assert_eq!(after["oldPart"]["daysLate"], 5, "but tracked from the due date");
    let on_due = step(&app, &site.manager, delay, json!({"id": id, "on": due.to_string()})).await;
    assert_eq!(on_due["oldPart"]["delayDays"], 0);

    let collect = "mutation($id: ID!, $v: Int!, $on: NaiveDate) { collectOldPart(input: {oldPart: {id: $id, version: $v}, on: $on}) { oldPart { status collectedOn } } }";
    let future = (business_today() + Duration::days(30)).to_string();
    let in_future = app.gql(Some(&site.keeper), collect, json!({"id": id, "v": 3, "on": future})).await;
    assert_eq!(in_future.error_code(), Some("VALIDATION"));
    step(&app, &site.keeper, collect, json!({"id": id, "v": 3})).await;
    let handed_in =
        step(&app, &site.manager, delay, json!({"id": id, "on": (due + Duration::days(40)).to_string()}))
            .await;
    assert_eq!(handed_in["oldPart"]["delayDays"], 0, "handed in before the due date: never late");
    let ship = "mutation($id: ID!) { shipOldPart(input: {oldPart: {id: $id, version: 4}}) { oldPart { status shippedOn } } }";
    let wrong_order = app.gql(Some(&site.keeper), "mutation($id: ID!) { receiveOldPart(input: {oldPart: {id: $id, version: 4}}) { oldPart { status } } }", json!({"id": id})).await;
    assert_eq!(wrong_order.error_code(), Some("INVALID_TRANSITION"));
    step(&app, &site.keeper, ship, json!({"id": id})).await;
    step(&app, &site.keeper, "mutation($id: ID!) { receiveOldPart(input: {oldPart: {id: $id, version: 5}}) { oldPart { status receivedOn } } }", json!({"id": id})).await;

    let dispose = "mutation($id: ID!, $d: Disposition!, $r: DispositionReason!) { disposeOldPart(input: {oldPart: {id: $id, version: 6}, disposition: $d, reason: $r}) { oldPart { status disposition dispositionReason } } }";
    let wrong_reason =
        app.gql(Some(&site.manager), dispose, json!({"id": id, "d": "LOCAL_SALE", "r": "CLAIM_VALUE"})).await;
    assert_eq!(wrong_reason.error_code(), Some("VALIDATION"));
    let kept = step(&app, &site.manager, dispose, json!({"id": id, "d": "RETURN", "r": "CLAIM_VALUE"})).await;
    assert_eq!(kept["disposeOldPart"]["oldPart"]["disposition"], "RETURN");

    let quality = app.user_with("quality", &[Role::Quality], None).await;
    let today = business_today();
    let opened = step(&app, &quality,
        "mutation($id: ID!, $on: NaiveDate) { openDetermination(input: {oldPartId: $id, reviewedOn: $on}) { determination { id version partKind reviewedOn dueOn overdue } } }",
        json!({"id": id, "on": today.to_string()})).await;
    let determination = &opened["openDetermination"]["determination"];
    assert_eq!(determination["partKind"], "DOMESTIC");
    assert_eq!(date(&determination["dueOn"]) - date(&determination["reviewedOn"]), Duration::days(7));
    assert_eq!(determination["overdue"], false);
    let determine = "mutation($id: ID!, $s: String, $c: Decimal) { determineResponsibility(input: {id: $id, version: 1, outcome: SUPPLIER, supplierName: $s, claimAmount: $c}) { determination { outcome supplierName claimAmount determinedOn } } }";
    let no_claim =
        app.gql(Some(&quality), determine, json!({"id": determination["id"], "s": "恒立液压"})).await;
    assert_eq!(no_claim.error_code(), Some("VALIDATION"));
    let made =
        step(&app, &quality, determine, json!({"id": determination["id"], "s": "恒立液压", "c": "380"}))
            .await;
    assert_eq!(made["determineResponsibility"]["determination"]["claimAmount"], "380.00");
    let shown = step(
        &app,
        &site.manager,
        "query($id: ID!) { oldPart(id: $id) { determination { outcome } } }",
        json!({"id": id}),
    )
    .await;
    assert_eq!(shown["oldPart"]["determination"]["outcome"], "SUPPLIER");
}

async fn return_report_has_the_regulations_columns_in_graphql_xlsx_and_csv(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let seal = part(&app, &site.admin, "HY-SEAL-04", "380.5", "1", None).await;
    receive(&app, &site, &seal, 3).await;
    let old = repair_with(&app, &site, json!([{"partId": seal, "quantity": 2}])).await;
    let due = date(&old[0]["dueOn"]);
    let as_of = (due + Duration::days(2)).to_string();

    let report = step(&app, &site.manager,
        "query($a: NaiveDate) { oldPartReturnReport(region: \"江苏\", asOf: $a) { asOf headers rows { appliedOn approvalNumber serialNumber partNumber quantity unitPrice total engineerName region reason mustReturn completedOn dueOn repliedOn delayDays collectedOn shippedOn remarks } } }",
        json!({"a": as_of})).await;
    let report = &report["oldPartReturnReport"];
    assert_eq!(report["headers"], json!(HEADERS));
    let row = &report["rows"][0];
    assert_eq!(row["approvalNumber"], json!(site.number));
    assert_eq!(row["serialNumber"], "XCT25-P-1");
    assert_eq!(row["partNumber"], "HY-SEAL-04");
    assert_eq!((row["unitPrice"].clone(), row["total"].clone()), (json!("380.50"), json!("761.00")));
    assert_eq!(row["mustReturn"], "是");
    assert_eq!(row["delayDays"], 2, "not handed in two days after the due date");
    let elsewhere = step(
        &app,
        &site.manager,
        "{ oldPartReturnReport(region: \"四川\") { rows { approvalNumber } } }",
        json!({}),
    )
    .await;
    assert_eq!(elsewhere["oldPartReturnReport"]["rows"], json!([]));
    let totals = step(
        &app,
        &site.manager,
        "{ oldPartTotals(by: REGION) { key parts outstandingCount outstandingValue overdueCount } }",
        json!({}),
    )
    .await;
    assert_eq!(totals["oldPartTotals"][0]["key"], "江苏");
    assert_eq!(totals["oldPartTotals"][0]["outstandingValue"], "761.00");
    assert_eq!(totals["oldPartTotals"][0]["overdueCount"], 0, "not due yet");

    let download = |path: String, token: Option<String>| {
        let mut request = app.http.get(format!("{}{path}", app.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let anonymous = download("/exports/old-parts.xlsx".into(), None).await.expect("response");
    assert_eq!(anonymous.status(), 401);
    let body: Value = anonymous.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let engineer =
        download("/exports/old-parts.xlsx".into(), Some(site.engineer.clone())).await.expect("response");
    assert_eq!(engineer.status(), 403);

    let xlsx =
        download(format!("/exports/old-parts.xlsx?region=江苏&asOf={as_of}"), Some(site.manager.clone()))
            .await
            .expect("response");
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.headers()["content-type"].to_str().unwrap_or_default().contains("spreadsheetml"));
    let bytes = xlsx.bytes().await.expect("body");
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a real XLSX file");
    let sheet = workbook.worksheet_range_at(0).expect("a sheet").expect("readable");
    let mut rows = sheet.rows();
    let header: Vec<String> = rows.next().expect("header row").iter().map(|c| c.to_string()).collect();
    assert_eq!(header, HEADERS.map(String::from).to_vec(), "header row, character by character");
    let first = rows.next().expect("a data row");
    assert_eq!(first[1], Data::String(site.number.clone()));
    assert_eq!(first[10], Data::String("是".into()));
    assert_eq!(first[12], Data::String(due.to_string()));
    assert_eq!(first[14].to_string(), "2");
    assert!(rows.next().is_none(), "one old part, one row");

    let csv = download(format!("/exports/old-parts.csv?asOf={as_of}"), Some(site.manager.clone()))
        .await
        .expect("response");
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("text");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some(HEADERS.join(",").as_str()));
    let fields: Vec<&str> = lines.next().expect("a data row").split(',').collect();
    assert_eq!(fields.len(), 18);
    assert_eq!((fields[1], fields[6], fields[14]), (site.number.as_str(), "761.00", "2"));
}
