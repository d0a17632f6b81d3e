//! Stored reports on demand: `generateReport` stores the figures with a
//! workbook and a chart, `reports` lists them, and `/reports/{id}.xlsx` and
//! `.svg` download them for the roles that read reports, nobody else.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, Duration};
use entity::enums::Role;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;
use crate::parts::site;
use crate::reports::repair;
use crate::tickets::step;

on_both_backends!(reports_are_generated_stored_listed_and_downloaded);

/// The workbook's columns, typed out here on purpose.
const RECURRENCE_HEADERS: [&str; 13] = [
    "故障原因",
    "名称",
    "发生次数",
    "上季度次数",
    "趋势",
    "零件总数",
    "单次最多零件",
    "费用",
    "涉及机型",
    "涉及台数",
    "超过次数目标",
    "超过零件目标",
    "累计占比%",
];

const GENERATE: &str = "mutation($k: ReportKind!, $p: String!) { generateReport(kind: $k, period: $p) { id kind period scheduled xlsxUrl chartUrl chartPngUrl parameters data } }";

async fn download(app: &TestApp, token: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.http.get(format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("download answers")
}

async fn reports_are_generated_stored_listed_and_downloaded(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let ticket = app.ticket_numbered(&site.number).await.id;
    let engineer = app.user_id("eng.hyd").await;
    // Q3 2026: eleven of one cause, two of another.
    let august = "2026-08-10T04:00:00Z".parse::<chrono::DateTime<chrono::Utc>>().expect("time");
    for i in 0..13 {
        let cause = if i < 11 { "CAUSE-A" } else { "CAUSE-B" };
        repair(&app, ticket, engineer, cause, august + Duration::hours(i), &[]).await;
    }

    let quality = app.user_with("qa", &[Role::Quality], None).await;
    let agent = app.user_with("desk", &[Role::Agent], None).await;
    let q3 = json!({"k": "FAILURE_RECURRENCE", "p": "2026-Q3"});
    assert_eq!(app.gql(Some(&agent), GENERATE, q3.clone()).await.error_code(), Some("FORBIDDEN"));
    for bad in ["2026-Q5", "2026-09", "Q3"] {
        let vars = json!({"k": "FAILURE_RECURRENCE", "p": bad});
        assert_eq!(app.gql(Some(&quality), GENERATE, vars).await.error_code(), Some("VALIDATION"), "{bad}");
    }

    let first = step(&app, &quality, GENERATE, q3.clone()).await["generateReport"].clone();
    assert_eq!(
        (first["kind"].as_str(), first["period"].as_str()),
        (Some("FAILURE_RECURRENCE"), Some("2026-Q3"))
    );
    assert_eq!(first["scheduled"], false);
    assert_eq!(first["parameters"], json!({"year": 2026, "quarter": 3}));
    let causes = first["data"]["causes"].as_array().expect("causes");
    assert_eq!(causes[0]["code"], "CAUSE-A");
    assert_eq!(
        (causes[0]["occurrences"].as_i64(), causes[0]["too_frequent"].as_bool()),
        (Some(11), Some(true))
    );
    let second = step(&app, &quality, GENERATE, q3).await["generateReport"].clone();
    assert_ne!(second["id"], first["id"], "stored again");
    assert_eq!(second["data"], first["data"], "the same period gives the same numbers");

    let list = step(&app, &quality, "{ reports(kind: FAILURE_RECURRENCE) { id period } }", json!({})).await;
    let ids: Vec<&Value> = list["reports"].as_array().expect("list").iter().map(|r| &r["id"]).collect();
    assert_eq!(ids, [&second["id"], &first["id"]], "newest first");
    assert_eq!(app.gql(Some(&agent), "{ reports { id } }", json!({})).await.error_code(), Some("FORBIDDEN"));

    let xlsx_url = first["xlsxUrl"].as_str().expect("url");
    let xlsx = download(&app, Some(&quality), xlsx_url).await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.headers()["content-disposition"].to_str().unwrap_or_default().contains("2026-Q3.xlsx"));
    let bytes = xlsx.bytes().await.expect("body");
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a real XLSX");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    let mut rows = sheet.rows();
    let header: Vec<String> = rows.next().expect("header").iter().map(|c| c.to_string()).collect();
    assert_eq!(header, RECURRENCE_HEADERS.map(String::from).to_vec());
    let top = rows.next().expect("a cause");
    assert_eq!(top[0], Data::String("CAUSE-A".into()));
    assert_eq!(top[2].to_string(), "11");
    assert_eq!(top[10], Data::String("是".into()));
    assert_eq!(rows.count(), 1, "two causes, two rows");

    let chart = download(&app, Some(&quality), first["chartUrl"].as_str().expect("url")).await;
    assert_eq!(chart.status(), 200);
    assert_eq!(chart.headers()["content-type"], "image/svg+xml");
    let svg = chart.text().await.expect("svg");
    assert!(svg.starts_with("<svg") && svg.contains("CAUSE-A") && svg.contains("<polyline"), "{svg}");

    let png = download(&app, Some(&quality), first["chartPngUrl"].as_str().expect("url")).await;
    assert_eq!(png.headers()["content-type"], "image/png");
    let image = png.bytes().await.expect("png");
    assert_eq!(&image[..8], b"\x89PNG\r\n\x1a\n", "a PNG image");
    assert!(image.len() > 1_000, "with something drawn: {} bytes", image.len());

    assert_eq!(download(&app, None, xlsx_url).await.status(), 401);
    assert_eq!(download(&app, Some(&agent), xlsx_url).await.status(), 403);
    assert_eq!(download(&app, Some(&quality), "/reports/999999.xlsx").await.status(), 404);
    assert_eq!(download(&app, Some(&quality), &xlsx_url.replace(".xlsx", ".pdf")).await.status(), 404);

    // The monthly KPIs, with their total row and trend chart.
    // This month, when the site's ticket was reported, and its quarter.
    let today = crate::parts::business_today();
    let first = today.with_day(1).expect("first day");
    let next = first.checked_add_months(chrono::Months::new(1)).expect("next month");
    let label = first.format("%Y-%m").to_string();
    let (year, q) = service::rules::recurrence::quarter_of(today);
    let (q_start, q_end) = service::rules::recurrence::quarter_bounds(year, q).expect("quarter");
    let kpi = json!({"k": "KPI", "p": label});
    let month = step(&app, &quality, GENERATE, kpi).await["generateReport"].clone();
    assert_eq!(month["parameters"], json!({"from": first, "to": next, "groupBy": "REGION"}));
    assert!(month["data"]["total"]["tickets"].as_i64().is_some_and(|n| n >= 1), "{}", month["data"]);
    let bytes = download(&app, Some(&quality), month["xlsxUrl"].as_str().expect("url")).await.bytes().await;
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.expect("body").to_vec())).expect("a real XLSX");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    assert_eq!(sheet.rows().next_back().map(|r| r[0].to_string()).as_deref(), Some("合计"));
    let svg = download(&app, Some(&quality), month["chartUrl"].as_str().expect("url")).await.text().await;
    assert!(svg.expect("svg").contains(&format!(">{label}<")), "the trend ends with the month");
    let quarter =
        step(&app, &quality, GENERATE, json!({"k": "KPI", "p": format!("{year}-Q{q}")})).await["generateReport"].clone();
    assert_eq!(quarter["parameters"], json!({"from": q_start, "to": q_end, "groupBy": "REGION"}));
    assert_eq!(
        quarter["data"]["total"]["tickets"], month["data"]["total"]["tickets"],
        "the site's one ticket, in both"
    );
}
