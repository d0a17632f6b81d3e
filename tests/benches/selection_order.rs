//! What putting an answer in the selection's order costs: the median time
//! of `selection_order::reorder` over a 50-ticket page with every nested
//! object (the `tickets` bench's page), beside the median time to
//! serialise the same answer, which every request pays anyway.
//!
//! Run: `cargo bench -p tests --bench selection_order`. It prints figures;
//! it asserts nothing about speed.

use std::time::{Duration, Instant};

use async_graphql::Value;
use serde_json::json;

const PAGE: &str = "query($after: String, $filter: TicketFilter) { tickets(first: 50, after: $after, filter: $filter) {
    totalCount pageInfo { endCursor } edges { node { number status deadlines { replyOverdue arrivalOverdue }
    customer { name } unit { serialNumber model { code } dealer { code } customer { name } }
    engineer { displayName skills } events { toStatus at } quote { total } repairRecord { faultCause parts { quantity } } } } } }";

/// A page as the engine leaves it: nested objects in another order than asked.
fn page() -> Value {
    let node = |n: usize| {
        json!({"node": {
            "repairRecord": {"parts": [{"quantity": 1}, {"quantity": 2}], "faultCause": "HY-SEAL-AGING"},
            "quote": {"total": "1200.00"},
            "events": (0..6).map(|e| json!({"at": "2026-11-30T08:00:00Z", "toStatus": format!("S{e}")})).collect::<Vec<_>>(),
            "engineer": {"skills": ["HYDRAULIC", "ENGINE"], "displayName": "工程师 张伟"},
            "unit": {"customer": {"name": "客户"}, "dealer": {"code": "D-JS01"}, "model": {"code": "XCT25"}, "serialNumber": format!("XCT25-{n:05}")},
            "customer": {"name": "客户"},
            "deadlines": {"arrivalOverdue": false, "replyOverdue": false},
            "status": "CLOSED",
            "number": format!("SR-2026-{n:06}"),
        }})
    };
    let edges: Vec<_> = (0..50).map(node).collect();
    Value::from_json(
        json!({"tickets": {"edges": edges, "pageInfo": {"endCursor": "x"}, "totalCount": 100000}}),
    )
    .expect("a value")
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let document = async_graphql::parser::parse_query(PAGE).expect("parses");
    let samples = 500;
    let mut reorder = Vec::with_capacity(samples);
    let mut serialise = Vec::with_capacity(samples);
    for _ in 0..samples {
        let mut data = page();
        let started = Instant::now();
        api::graphql::selection_order::reorder(&mut data, &document, None);
        reorder.push(started.elapsed());
        let started = Instant::now();
        let bytes = serde_json::to_vec(&data).expect("serialises");
        serialise.push(started.elapsed());
        assert!(bytes.len() > 10_000);
    }
    let (r, s) = (median(reorder), median(serialise));
    println!(
        "50-ticket page, {samples} samples: reorder median {r:?}, serialise median {s:?}, ratio {:.2}",
        r.as_secs_f64() / s.as_secs_f64()
    );
}
