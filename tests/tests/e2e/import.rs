//! Bulk import through `POST /imports/{kind}`: a preview lists every bad
//! row and writes nothing; a commit of a file with problems is refused
//! unless the bad rows are skipped, and then writes exactly the good ones
//! in one transaction; a second import of the same file changes nothing;
//! only an administrator imports; 50 000 units go in at once.

use std::fmt::Write as _;

use entity::enums::Role;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    a_units_file_is_previewed_refused_imported_skipping_bad_rows_and_imported_again_unchanged,
    customers_dealers_parts_and_stock_import_by_their_chinese_headers,
    only_an_administrator_imports_and_files_are_bounded,
    fifty_thousand_units_import_in_one_file,
);

/// Posts `body` to `/imports/{kind}?{query}`; the status and the JSON answer.
async fn upload(app: &TestApp, token: Option<&str>, kind: &str, query: &str, body: Vec<u8>) -> (u16, Value) {
    let mut request = app.http.post(format!("{}/imports/{kind}?{query}", app.address)).body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("import answers");
    let status = response.status().as_u16();
    (status, response.json().await.expect("a JSON answer"))
}

/// The model, customer and dealer a units file refers to.
async fn references(app: &TestApp, admin: &str) {
    app.gql(
        Some(admin),
        r#"mutation { createProductModel(input: {code: "XCT25", name: "XCT25 汽车起重机", category: "起重机", defaultWarrantyMonths: 12, salePrice: "1180000"}) { productModel { id } } }"#,
        json!({}),
    )
    .await
    .expect_ok();
    let customers = "客户名称,联系人,电话,省份\n江苏路桥,王工,13800000001,江苏\n";
    let (status, _) = upload(app, Some(admin), "customers", "mode=commit", customers.into()).await;
    assert_eq!(status, 200);
    let dealers = "代理商编码,代理商名称,区域\nD-JS,江苏代理,江苏\n";
    let (status, _) = upload(app, Some(admin), "dealers", "mode=commit", dealers.into()).await;
    assert_eq!(status, 200);
}

fn rows_and_codes(report: &Value) -> Vec<(u64, String)> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| (p["row"].as_u64().expect("row"), p["code"].as_str().expect("code").to_owned()))
        .collect()
}

fn counts(report: &Value) -> [u64; 5] {
    ["created", "updated", "unchanged", "invalid", "skipped"].map(|k| report[k].as_u64().expect(k))
}

async fn a_units_file_is_previewed_refused_imported_skipping_bad_rows_and_imported_again_unchanged(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    references(&app, &admin).await;
    let file = "序列号,型号,生产日期,开票日期,客户,代理商\n\
                SN-0001,XCT25,2026-01-05,2026-02-01,江苏路桥,D-JS\n\
                SN-0002,XCT99,2026-01-05,,,\n\
                SN-0003,XCT25,2026/01/06,,,\n\
                SN-0001,XCT25,2026-01-07,,,\n\
                SN-0004,XCT25,2026-02-30,,,\n\
                SN-0005,XCT25,2026-01-08,,无此客户,\n";

    let (status, preview) = upload(&app, Some(&admin), "units", "mode=preview", file.into()).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(
        rows_and_codes(&preview),
        [
            (3, "UNKNOWN_MODEL".into()),
            (5, "DUPLICATE".into()),
            (6, "BAD_DATE".into()),
            (7, "UNKNOWN_CUSTOMER".into())
        ]
    );
    assert_eq!((preview["rows"].as_u64(), counts(&preview)), (Some(6), [2, 0, 0, 4, 0]));
    assert_eq!(preview["committed"], false);
    assert_eq!(app.count("units").await, 0, "a preview writes nothing");

    let (status, refused) = upload(&app, Some(&admin), "units", "mode=commit", file.into()).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["code"], "VALIDATION");
    assert_eq!(refused["problemCount"], 4);
    assert_eq!(app.count("units").await, 0, "a file with problems is not imported");

    let (status, imported) =
        upload(&app, Some(&admin), "units", "mode=commit&skipInvalid=true", file.into()).await;
    assert_eq!(status, 200, "{imported}");
    assert_eq!(counts(&imported), [2, 0, 0, 4, 4]);
    assert_eq!(imported["committed"], true);
    assert_eq!(app.count("units").await, 2);
    let unit = app
        .gql(
            Some(&admin),
            r#"{ unit(serialNumber: "sn-0001") { serialNumber productionDate invoiceDate model { code } customer { name } dealer { code } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        unit.expect_ok()["unit"],
        json!({"serialNumber": "SN-0001", "productionDate": "2026-01-05", "invoiceDate": "2026-02-01",
               "model": {"code": "XCT25"}, "customer": {"name": "江苏路桥"}, "dealer": {"code": "D-JS"}})
    );
    let audits = app.count("audit_log").await;

    let (status, again) =
        upload(&app, Some(&admin), "units", "mode=commit&skipInvalid=true", file.into()).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(counts(&again), [0, 0, 2, 4, 0]);
    assert_eq!(again["committed"], false, "nothing to change: nothing written");
    assert_eq!(app.count("audit_log").await, audits, "not even an audit entry");

    // A corrected row updates its unit; one audit entry says so.
    let corrected = "serialNumber,model,productionDate,invoiceDate\nSN-0003,XCT25,2026-01-06,2026-03-01\n";
    let (_, updated) = upload(&app, Some(&admin), "units", "mode=commit", corrected.into()).await;
    assert_eq!(counts(&updated), [0, 1, 0, 0, 0]);
    assert_eq!(app.count("audit_log").await, audits + 1);
}

async fn customers_dealers_parts_and_stock_import_by_their_chinese_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    app.gql(
        Some(&admin),
        r#"mutation { createWarehouse(input: {code: "WH-JS", name: "江苏仓", region: "江苏"}) { warehouse { id } } }"#,
        json!({}),
    )
    .await
    .expect_ok();

    // The customers come as a workbook.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in ["客户名称", "电话", "省份", "距离(km)", "重点客户"].iter().enumerate()
    {
        sheet.write(0, col as u16, *header).expect("header");
    }
    for (row, values) in
        [["徐州矿山", "0516-83888888", "江苏", "120", "是"], ["南京港", "12345", "江苏", "", ""]]
            .iter()
            .enumerate()
    {
        for (col, value) in values.iter().enumerate() {
            sheet.write(row as u32 + 1, col as u16, *value).expect("cell");
        }
    }
    let workbook = book.save_to_buffer().expect("workbook");
    let (status, customers) =
        upload(&app, Some(&admin), "customers", "mode=commit&skipInvalid=true", workbook).await;
    assert_eq!(status, 200, "{customers}");
    assert_eq!(rows_and_codes(&customers), [(3, "BAD_PHONE".into())]);
    assert_eq!(counts(&customers), [1, 0, 0, 1, 1]);

    let parts = "物料编码,物料名称,单价,重量(kg),类别,关重件\nP-100,液压泵,1250.50,12.5,液压,是\nP-200,滤芯,35,0.4,其他,否\n";
    let (status, report) = upload(&app, Some(&admin), "parts", "mode=commit", parts.into()).await;
    assert_eq!((status, counts(&report)), (200, [2, 0, 0, 0, 0]), "{report}");
    let (_, again) = upload(&app, Some(&admin), "parts", "mode=commit", parts.into()).await;
    assert_eq!(counts(&again), [0, 0, 2, 0, 0], "12.5 stored as 12.500 is the same weight");

    let stock = "仓库,物料编码,期初数量,安全库存\nWH-JS,P-100,8,2\n江苏仓,P-200,40,10\nWH-JS,P-300,1,0\n";
    let (status, report) =
        upload(&app, Some(&admin), "stock", "mode=commit&skipInvalid=true", stock.into()).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(rows_and_codes(&report), [(4, "UNKNOWN_PART".into())]);
    assert_eq!(app.count("stock_movements").await, 2, "each opening quantity is in the ledger");
    let recount = "仓库,物料编码,期初数量\nWH-JS,P-100,5\n";
    let (_, report) = upload(&app, Some(&admin), "stock", "mode=commit", recount.into()).await;
    assert_eq!(counts(&report), [0, 1, 0, 0, 0]);
    assert_eq!(app.count("stock_movements").await, 3, "the difference is ledgered");

    let dealers = "代理商编码,代理商名称,区域,电话\nD-JS,江苏代理,江苏,13800000000\nD-ZJ,浙江代理,浙江,\n";
    let (status, report) = upload(&app, Some(&admin), "dealers", "mode=commit", dealers.into()).await;
    assert_eq!((status, counts(&report)), (200, [2, 0, 0, 0, 0]), "{report}");
}

async fn only_an_administrator_imports_and_files_are_bounded(backend: Backend) {
    let app = spawn_app_with(backend, |s| {
        s.import_max_rows = 3;
        s.import_max_bytes = 4_096;
    })
    .await;
    let admin = app.admin_token().await;
    let manager = app.user_with("manager", &[Role::ServiceManager], None).await;
    let file = "dealer code,name,region\nD-1,一,江苏\n";

    let (status, refused) = upload(&app, Some(&manager), "dealers", "mode=commit", file.into()).await;
    assert_eq!((status, refused["errors"][0]["extensions"]["code"].as_str()), (403, Some("FORBIDDEN")));
    let (status, refused) = upload(&app, None, "dealers", "mode=preview", file.into()).await;
    assert_eq!((status, refused["errors"][0]["extensions"]["code"].as_str()), (401, Some("UNAUTHENTICATED")));
    let (status, refused) = upload(&app, Some(&admin), "engineers", "", file.into()).await;
    assert_eq!((status, refused["errors"][0]["extensions"]["field"].as_str()), (400, Some("kind")));
    let (status, refused) = upload(&app, Some(&admin), "dealers", "", file.into()).await;
    assert_eq!(
        (status, refused["errors"][0]["extensions"]["field"].as_str()),
        (400, Some("file")),
        "`dealer code` is no column: code is missing"
    );

    let many = "code,name,region\nD-1,一,江苏\nD-2,二,江苏\nD-3,三,江苏\nD-4,四,江苏\n";
    let (status, refused) = upload(&app, Some(&admin), "dealers", "mode=preview", many.into()).await;
    assert_eq!(
        (status, refused["errors"][0]["extensions"]["field"].as_str()),
        (400, Some("file")),
        "{refused}"
    );
    let (status, refused) = upload(&app, Some(&admin), "dealers", "mode=preview", vec![b'a'; 5_000]).await;
    assert_eq!(
        (status, refused["errors"][0]["extensions"]["code"].as_str()),
        (413, Some("PAYLOAD_TOO_LARGE"))
    );
    assert_eq!(app.count("dealers").await, 0);
}

/// A units file of `n` rows on the model XCT25, every tenth sold.
fn units_csv(n: usize) -> String {
    let mut file = String::from("serialNumber,model,productionDate,invoiceDate,customer,dealer\n");
    for i in 0..n {
        let sold = if i % 10 == 0 { "2026-03-01" } else { "" };
        let customer = if i % 10 == 0 { "江苏路桥" } else { "" };
        let _ = writeln!(file, "XCT25-B-{i:06},XCT25,2026-01-{:02},{sold},{customer},", i % 28 + 1);
    }
    file
}

async fn fifty_thousand_units_import_in_one_file(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.admin_token().await;
    references(&app, &admin).await;
    let file = units_csv(50_000);
    // Timed for the record (`--nocapture`), never asserted: bench/import/run measures.
    let timed = std::time::Instant::now();
    let (status, preview) =
        upload(&app, Some(&admin), "units", "mode=preview", file.clone().into_bytes()).await;
    let preview_secs = timed.elapsed().as_secs_f64();
    assert_eq!((status, counts(&preview)), (200, [50_000, 0, 0, 0, 0]), "{preview}");
    assert_eq!(app.count("units").await, 0);
    let timed = std::time::Instant::now();
    let (status, imported) =
        upload(&app, Some(&admin), "units", "mode=commit", file.clone().into_bytes()).await;
    let commit_secs = timed.elapsed().as_secs_f64();
    assert_eq!(status, 200, "{imported}");
    assert_eq!(counts(&imported), [50_000, 0, 0, 0, 0]);
    assert_eq!(app.count("units").await, 50_000);
    let timed = std::time::Instant::now();
    let (_, again) = upload(&app, Some(&admin), "units", "mode=commit", file.clone().into_bytes()).await;
    let again_secs = timed.elapsed().as_secs_f64();
    assert_eq!(counts(&again), [0, 0, 50_000, 0, 0]);

    // The same rows as a workbook read the same: all unchanged.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, line) in file.lines().enumerate() {
        for (col, cell) in line.split(',').enumerate() {
            if !cell.is_empty() {
                sheet.write(row as u32, col as u16, cell).expect("cell");
            }
        }
    }
    let workbook = book.save_to_buffer().expect("workbook");
    let timed = std::time::Instant::now();
    let (_, from_xlsx) = upload(&app, Some(&admin), "units", "mode=preview", workbook).await;
    let xlsx_secs = timed.elapsed().as_secs_f64();
    assert_eq!(counts(&from_xlsx), [0, 0, 50_000, 0, 0], "{from_xlsx}");
    eprintln!(
        "50 000 units on {backend:?}: CSV preview {preview_secs:.2} s, commit {commit_secs:.2} s, \
         again {again_secs:.2} s; XLSX preview {xlsx_secs:.2} s"
    );
}
