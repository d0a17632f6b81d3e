//! The return progress report (旧件返司进度汇报表) over 1 000 000 old-part
//! rows on PostgreSQL: time and peak memory of the CSV and XLSX downloads of
//! every row (streamed: memory must not grow with the rows), and the median
//! of the GraphQL report for one region and month, the totals and the
//! overdue list.
//!
//! Run: `cargo bench -p tests --bench old_parts` (`BENCH_OLD_PARTS`,
//! `BENCH_SAMPLES` change the sizes). It prints figures; it asserts nothing
//! about speed.

mod support;

use std::time::Instant;

use sea_orm::DatabaseConnection;
use serde_json::json;

use support::{Bench, count, env_usize, execute, measure, memory_mib, reset_peak_memory};

/// `how_many` old parts over the demo's tickets, units, parts and
/// engineers, applied for across 2024–2026, in every state of the way back.
async fn bulk_old_parts(db: &DatabaseConnection, how_many: usize) {
    execute(
        db,
        &format!(
            "WITH t AS (SELECT id, number, unit_id, dealer_id, row_number() OVER (ORDER BY id) - 1 AS k FROM tickets),
                  p AS (SELECT id, unit_price, row_number() OVER (ORDER BY id) - 1 AS k FROM parts),
                  e AS (SELECT user_id, region, row_number() OVER (ORDER BY user_id) - 1 AS k FROM engineers),
                  g AS (SELECT g, date '2024-01-01' + (g % 1050) AS done FROM generate_series(1, {how_many}) AS g)
             INSERT INTO old_parts (ticket_id, approval_number, unit_id, part_id, quantity, unit_price, total,
                                    engineer_id, region, dealer_id, reason, must_return, applied_on, completed_on,
                                    due_on, replied_on, promised_on, delay_reason_accepted, collected_on, shipped_on,
                                    status, remarks, created_at, updated_at, version)
             SELECT t.id, t.number, t.unit_id, p.id, 1 + g.g % 3, p.unit_price, p.unit_price * (1 + g.g % 3),
                    e.user_id, e.region, t.dealer_id, '密封件老化漏油', g.g % 5 <> 0, g.done, g.done, g.done + 7,
                    CASE WHEN g.g % 4 = 0 THEN NULL ELSE g.done + 1 END,
                    CASE WHEN g.g % 4 = 0 THEN NULL ELSE g.done + 5 END,
                    false,
                    CASE WHEN g.g % 3 = 0 THEN NULL ELSE g.done + (g.g % 12) END,
                    CASE WHEN g.g % 3 = 0 OR g.g % 2 = 0 THEN NULL ELSE g.done + 14 END,
                    CASE WHEN g.g % 3 = 0 THEN 'PENDING' WHEN g.g % 2 = 0 THEN 'COLLECTED' ELSE 'SHIPPED' END,
                    CASE WHEN g.g % 7 = 0 THEN '工地偏远' ELSE NULL END,
                    now(), now(), 1
               FROM g
               JOIN t ON t.k = g.g % (SELECT count(*) FROM t)
               JOIN p ON p.k = g.g % (SELECT count(*) FROM p)
               JOIN e ON e.k = g.g % (SELECT count(*) FROM e)"
        ),
    )
    .await;
    execute(db, "ANALYZE").await;
}

#[tokio::main]
async fn main() {
    let rows = env_usize("BENCH_OLD_PARTS", 1_000_000);
    let samples = env_usize("BENCH_SAMPLES", 50);
    let mut bench = Bench::start("aftersales_bench_old_parts").await;
    let load = Instant::now();
    bulk_old_parts(&bench.db, rows).await;
    let total = count(&bench.db, "old_parts").await;
    println!("loaded {total} old parts in {:.1} s", load.elapsed().as_secs_f64());
    bench.sign_in("manager").await;
    let token = bench.client.token.clone().unwrap_or_default();

    println!("PostgreSQL, {total} old parts; the server runs in this process, so its memory is ours");
    for format in ["csv", "xlsx"] {
        let (before, _) = memory_mib();
        reset_peak_memory();
        let start = Instant::now();
        let response = bench
            .client
            .http
            .get(format!("{}/exports/old-parts.{format}?asOf=2026-11-25", bench.address))
            .bearer_auth(&token)
            .send()
            .await
            .expect("download starts");
        assert!(response.status().is_success(), "{}", response.status());
        let first_byte = start.elapsed();
        let mut response = response;
        let mut bytes = 0usize;
        while let Some(chunk) = response.chunk().await.expect("chunk") {
            bytes += chunk.len();
        }
        let (_, peak) = memory_mib();
        println!(
            "download every row as {format:<4}  {:>7.1} s   first byte after {:>6.1} s   {:>7.1} MiB   RSS before {:>6.1} MiB, peak {:>6.1} MiB",
            start.elapsed().as_secs_f64(),
            first_byte.as_secs_f64(),
            bytes as f64 / 1024.0 / 1024.0,
            before,
            peak
        );
    }

    let client = &bench.client;
    measure("oldPartReturnReport(江苏, one week)", samples, |_| async move {
        let data = client
            .gql(
                "{ oldPartReturnReport(region: \"江苏\", from: \"2025-03-01\", to: \"2025-03-07\", asOf: \"2026-11-25\") { rows { approvalNumber delayDays } } }",
                json!({}),
            )
            .await;
        assert!(data["oldPartReturnReport"]["rows"].as_array().is_some_and(|r| !r.is_empty()));
    })
    .await;
    measure("oldPartTotals(by: REGION), every row", samples.min(10), |_| async move {
        let data = client
            .gql("{ oldPartTotals(by: REGION) { key outstandingValue overdueValue } }", json!({}))
            .await;
        assert!(data["oldPartTotals"].as_array().is_some_and(|r| !r.is_empty()));
    })
    .await;
    measure("oldParts(filter: {overdue: true}, first: 50)", samples, |_| async move {
        let data = client
            .gql("{ oldParts(first: 50, filter: {overdue: true}) { totalCount edges { node { approvalNumber delayDays } } } }", json!({}))
            .await;
        assert_eq!(data["oldParts"]["edges"].as_array().map(Vec::len), Some(50));
    })
    .await;
}
