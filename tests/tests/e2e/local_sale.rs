//! Local sale (就地变卖) of old parts over HTTP: the scrap-price floor, the
//! remote provinces, approval levels by value, and a lot never split.

use entity::enums::Role;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;
use crate::parts::{Site, part, receive, repair_with, site};
use crate::tickets::{step, today};

on_both_backends!(local_sale_floor_remote_provinces_approval_levels_and_no_splitting);

/// Six old parts of a steel boom section waiting for local sale.
async fn scrap_for_sale(app: &TestApp, site: &Site) -> Vec<Value> {
    let boom = part(app, &site.admin, "ST-BOOM-SEC", "900", "100", None).await;
    receive(app, site, &boom, 6).await;
    let lines: Vec<Value> =
        (0..6).map(|_| json!({"partId": boom, "quantity": 1, "mustReturn": false})).collect();
    let old = repair_with(app, site, Value::Array(lines)).await;
    let mut ids = Vec::new();
    for item in old {
        step(app, &site.manager,
            "mutation($id: ID!) { disposeOldPart(input: {oldPart: {id: $id, version: 1}, disposition: LOCAL_SALE, reason: NO_CLAIM_OR_REUSE_VALUE}) { oldPart { disposition } } }",
            json!({"id": item["id"]})).await;
        ids.push(item["id"].clone());
    }
    ids
}

fn three_quotes() -> Value {
    json!([
        {"buyerName": "甲废品站 张三 13800000001", "price": "16900", "quotedOn": today()},
        {"buyerName": "乙废品站 李四 13800000002", "price": "16950", "quotedOn": today()},
        {"buyerName": "丙废品站 王五 13800000003", "price": "16980", "quotedOn": today()},
    ])
}

const CREATE_LOT: &str = "mutation($p: String!, $m: Decimal!, $w: Decimal, $price: Decimal!, $r: String, $ids: [ID!]!, $q: [BuyerQuoteInput!]!) {
    createLocalSale(input: {province: $p, marketPricePerKg: $m, totalWeightKg: $w, salePrice: $price, belowFloorReason: $r, oldPartIds: $ids, quotes: $q}) {
        localSale { id version specification basePrice salePrice lotValue percentOfMarket belowFloor approvalLevel approvers status items { status } } } }";

/// Moves an old part to another region, as if a site there had replaced it.
async fn move_to(app: &TestApp, old_part: &Value, region: &str) {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(old_part.as_str().expect("id"))
        .expect("base64");
    let id = String::from_utf8(raw).expect("utf-8").trim_start_matches("OldPart:").to_owned();
    let sql = format!("UPDATE old_parts SET region = '{region}' WHERE id = {id}");
    app.db
        .execute_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .expect("region moved");
}

async fn local_sale_floor_remote_provinces_approval_levels_and_no_splitting(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let ids = scrap_for_sale(&app, &site).await;
    for (i, region) in [(1, "新疆"), (2, "浙江"), (3, "安徽"), (4, "上海"), (5, "上海")] {
        move_to(&app, &ids[i], region).await;
    }
    let gm = app.user_with("gm", &[Role::GeneralManager], None).await;
    let finance = app.user_with("finance", &[Role::Finance], None).await;
    // Base 2.00/kg × 10 000 kg = 20 000.00; 16 980.00 is 84.9 % of it.
    let lot = |province: &str, id: &Value, price: &str, reason: Option<&str>| json!({"p": province, "m": "2.00", "w": "10000", "price": price, "r": reason, "ids": [id], "q": three_quotes()});

    let two_quotes = json!({"p": "江苏", "m": "2", "w": "10000", "price": "18000", "ids": [ids[0]], "q": [three_quotes()[0].clone(), three_quotes()[1].clone()]});
    assert_eq!(app.gql(Some(&site.manager), CREATE_LOT, two_quotes).await.error_code(), Some("VALIDATION"));
    // Three quotes from one and the same buyer are one buyer's quote.
    let one_buyer = json!([
        {"buyerName": "甲废品站 张三 13800000001", "price": "16900", "quotedOn": today()},
        {"buyerName": "甲废品站张三 138-0000-0001", "price": "16950", "quotedOn": today()},
        {"buyerName": "甲站 13800000001", "price": "16980", "quotedOn": today()},
    ]);
    let same_buyer =
        json!({"p": "江苏", "m": "2", "w": "10000", "price": "18000", "ids": [ids[0]], "q": one_buyer});
    let refused = app.gql(Some(&site.manager), CREATE_LOT, same_buyer).await;
    assert_eq!(
        (refused.error_code(), refused.error_field()),
        (Some("VALIDATION"), Some("quotes")),
        "{:?}",
        refused.body
    );
    let elsewhere = app.gql(Some(&site.manager), CREATE_LOT, lot("新疆", &ids[0], "16980.00", None)).await;
    assert_eq!(elsewhere.error_field(), Some("province"), "a 江苏 part is not sold at 新疆 prices");

    let unexplained = app.gql(Some(&site.manager), CREATE_LOT, lot("江苏", &ids[0], "16980.00", None)).await;
    assert_eq!(
        unexplained.error_code(),
        Some("VALIDATION"),
        "84.9 % outside remote provinces needs a reason"
    );
    assert_eq!(unexplained.error_field(), Some("belowFloorReason"));
    let explained = step(
        &app,
        &site.manager,
        CREATE_LOT,
        lot("江苏", &ids[0], "16980.00", Some("需切割吊装,收购商承担费用")),
    )
    .await;
    let low = explained["createLocalSale"]["localSale"].clone();
    assert_eq!(low["specification"], "ST-BOOM-SEC");
    assert_eq!(low["basePrice"], "20000.00");
    assert_eq!(low["lotValue"], "20000.00", "a low price does not lower the approval level");
    assert_eq!(low["percentOfMarket"], "84.90");
    assert_eq!(low["belowFloor"], true);
    assert_eq!(low["approvers"], json!(["GENERAL_MANAGER"]));
    let approve = "mutation($id: ID!, $v: Int!) { approveLocalSale(input: {id: $id, version: $v}) { localSale { status version } } }";
    let by_manager = app.gql(Some(&site.manager), approve, json!({"id": low["id"], "v": 1})).await;
    assert_eq!(by_manager.error_code(), Some("APPROVAL_REQUIRED"));
    let noted = step(&app, &gm,
        "mutation($id: ID!) { approveLocalSale(input: {id: $id, version: 1}, note: \"同意,尽快回款\") { localSale { status decisionNote } } }",
        json!({"id": low["id"]})).await;
    assert_eq!(noted["approveLocalSale"]["localSale"]["status"], "APPROVED");
    assert_eq!(
        noted["approveLocalSale"]["localSale"]["decisionNote"], "同意,尽快回款",
        "the requester reads the note"
    );
    let proceeds = "mutation($id: ID!, $a: Decimal!) { recordLocalSaleProceeds(input: {localSale: {id: $id, version: 2}, amount: $a, receiptNumber: \"HK-2026-001\"}) { localSale { status proceedsAmount items { status } } } }";
    let wrong = app.gql(Some(&finance), proceeds, json!({"id": low["id"], "a": "16000"})).await;
    assert_eq!(wrong.error_code(), Some("VALIDATION"));
    let sold = step(&app, &finance, proceeds, json!({"id": low["id"], "a": "16980.00"})).await;
    assert_eq!(sold["recordLocalSaleProceeds"]["localSale"]["status"], "SOLD");
    assert_eq!(sold["recordLocalSaleProceeds"]["localSale"]["items"][0]["status"], "DISPOSED");

    let remote = step(&app, &site.manager, CREATE_LOT, lot("新疆", &ids[1], "16980.00", None)).await;
    assert_eq!(remote["createLocalSale"]["localSale"]["belowFloor"], false, "remote provinces may go lower");
    let remote_id = remote["createLocalSale"]["localSale"]["id"].clone();
    step(&app, &site.manager, approve, json!({"id": remote_id, "v": 1})).await;
    let called_off = step(&app, &site.manager,
        "mutation($id: ID!) { cancelLocalSale(input: {localSale: {id: $id, version: 2}, reason: \"收购商违约\"}) { localSale { status decisionNote items { id } } } }",
        json!({"id": remote_id})).await;
    assert_eq!(
        called_off["cancelLocalSale"]["localSale"]["decisionNote"], "收购商违约",
        "why it was called off"
    );
    let relisted = step(&app, &site.manager, CREATE_LOT, lot("新疆", &ids[1], "17500", None)).await;
    assert_eq!(
        relisted["createLocalSale"]["localSale"]["status"], "PENDING_APPROVAL",
        "a cancelled lot frees its parts"
    );

    let at_limit = step(&app, &site.manager, CREATE_LOT, lot("浙江", &ids[2], "20000.00", None)).await;
    assert_eq!(at_limit["createLocalSale"]["localSale"]["approvalLevel"], "PROJECT");
    let above = step(&app, &site.manager, CREATE_LOT, lot("安徽", &ids[3], "20000.01", None)).await;
    assert_eq!(above["createLocalSale"]["localSale"]["approvalLevel"], "DEPARTMENT");
    let in_lot = app.gql(Some(&site.manager),
        "mutation($id: ID!) { disposeOldPart(input: {oldPart: {id: $id, version: 2}, disposition: GIFT, reason: LITTLE_OR_NO_VALUE}) { oldPart { status } } }",
        json!({"id": ids[2]})).await;
    assert_eq!(in_lot.error_code(), Some("INVALID_TRANSITION"), "a part in a lot waits for the lot");

    // 2 × 9 000 kg = 18 000 each: project level alone, department together.
    let half = |id: &Value| json!({"p": "上海", "m": "2", "w": "9000", "price": "15300", "ids": [id], "q": three_quotes()});
    step(&app, &site.manager, CREATE_LOT, half(&ids[4])).await;
    let split = app.gql(Some(&site.manager), CREATE_LOT, half(&ids[5])).await;
    assert_eq!(split.error_code(), Some("VALIDATION"), "splitting a lot under 20 000 is refused");
    assert_eq!(split.error_field(), Some("specification"));
    let again = app.gql(Some(&site.manager), CREATE_LOT, lot("江苏", &ids[0], "18000", None)).await;
    assert_eq!(again.error_code(), Some("VALIDATION"), "a sold part is not sold twice");
}
