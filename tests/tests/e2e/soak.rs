//! A soak: concurrent clients mixing fault reports (writes) with ticket
//! lookups and pages (reads) for a while (`SOAK_SECS`; by default two
//! minutes on PostgreSQL, the production database, and 30 s on SQLite). No
//! request may fail, and afterwards the database holds exactly the tickets
//! the clients were told were created.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use entity::enums::Role;
use serde_json::json;

use crate::helpers::{Backend, spawn_app};
use crate::on_both_backends;
use crate::tickets::{today, unit_in_field};

on_both_backends!(a_soak_of_mixed_reads_and_writes_loses_nothing);

const CLIENTS: usize = 8;

async fn a_soak_of_mixed_reads_and_writes_loses_nothing(backend: Backend) {
    let default_secs = match backend {
        Backend::Postgres => 120,
        Backend::Sqlite => 30,
    };
    let secs: u64 = std::env::var("SOAK_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(default_secs);
    let app = Arc::new(spawn_app(backend).await);
    let admin = app.admin_token().await;
    let serial = unit_in_field(&app, &admin, "XCT25-SOAK", &today(), None).await;
    let agent = app.user_with("agent1", &[Role::Agent], None).await;
    let before = app.count("tickets").await;
    let (created, reads, failures) =
        (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)), Arc::new(Mutex::default()));
    let until = Instant::now() + Duration::from_secs(secs);
    let report = "mutation($s: String!) { reportFault(input: {channel: PHONE, serialNumber: $s, faultDescription: \"浸泡测试\", faultCategory: HYDRAULIC}) { ticket { number } } }";
    let lookup =
        "query($n: String!) { ticket(number: $n) { number status customer { name } unit { serialNumber } } }";
    let page = "{ tickets(first: 50) { totalCount edges { node { number customer { name } } } } }";
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (app, agent, serial) = (app.clone(), agent.clone(), serial.clone());
            let (created, reads, failures) = (created.clone(), reads.clone(), failures.clone());
            tokio::spawn(async move {
                let mut last: Option<String> = None;
                let mut round = 0usize;
                while Instant::now() < until {
                    round += 1;
                    let response = match (round + client) % 3 {
                        0 => app.gql(Some(&agent), report, json!({"s": serial})).await,
                        1 => match &last {
                            Some(number) => app.gql(Some(&agent), lookup, json!({"n": number})).await,
                            None => app.gql(Some(&agent), page, json!({})).await,
                        },
                        _ => app.gql(Some(&agent), page, json!({})).await,
                    };
                    if response.body.get("errors").is_some() {
                        failures.lock().push(response.body.to_string());
                        continue;
                    }
                    match response.body["data"]["reportFault"]["ticket"]["number"].as_str() {
                        Some(number) => {
                            created.fetch_add(1, Ordering::Relaxed);
                            last = Some(number.to_owned());
                        }
                        None => {
                            reads.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for client in clients {
        client.await.expect("a client ran to the end");
    }
    let failures = failures.lock().clone();
    let created = created.load(Ordering::Relaxed);
    let reads = reads.load(Ordering::Relaxed);
    println!(
        "soak {backend:?}: {secs} s, {CLIENTS} clients, {created} tickets reported, {reads} reads, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{} requests failed, e.g. {}", failures.len(), failures[0]);
    assert!(created > 0 && reads > 0, "both kinds ran: {created} writes, {reads} reads");
    assert_eq!(
        app.count("tickets").await,
        before + created as i64,
        "every reported ticket is there, none extra"
    );
    let events = app.count("ticket_events WHERE to_status = 'REPORTED'").await;
    assert_eq!(events, before + created as i64, "each with its first event");
}

/// A lock for the failure list (std's, held for a push at a time).
#[derive(Default)]
struct Mutex(std::sync::Mutex<Vec<String>>);

impl Mutex {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
