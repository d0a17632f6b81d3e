//! The data generator: a seeded data set lands whole and consistent, on
//! SQLite and PostgreSQL, and the same seed gives the same data.

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;

on_both_backends!(a_seeded_data_set_is_consistent_and_reproducible);

/// A fingerprint of what the generator wrote for seed 7.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mine = "t.number LIKE 'SRS7-%'";
    let mut figures = Vec::new();
    for status in ["CLOSED", "VISITED", "CUSTOMER_ACCEPTED", "REPAIRED", "ON_SITE", "DISPATCHED", "CANCELLED"]
    {
        figures.push(app.count(&format!("tickets t WHERE {mine} AND t.status = '{status}'")).await);
    }
    figures.push(app.count(&format!("tickets t WHERE {mine} AND t.rework_count > 0")).await);
    figures
        .push(app.count(&format!("ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE {mine}")).await);
    figures.push(
        app.count(&format!(
            "repair_parts rp JOIN repair_records rr ON rr.id = rp.repair_record_id \
             JOIN tickets t ON t.id = rr.ticket_id WHERE {mine} AND rp.quantity = 2"
        ))
        .await,
    );
    figures.push(
        app.count(&format!(
            "return_visits v JOIN tickets t ON t.id = v.ticket_id WHERE {mine} AND v.satisfaction >= 4"
        ))
        .await,
    );
    figures
}

async fn a_seeded_data_set_is_consistent_and_reproducible(backend: Backend) {
    let mut plan = service::seed::SeedPlan::for_tickets(3_000);
    plan.seed = 7;
    let app = spawn_app(backend).await;
    let report = service::seed::run(&app.db, &plan).await.expect("seeded");
    assert_eq!(report.tickets, 3_000);
    assert_eq!(app.count("tickets WHERE number LIKE 'SRS7-%'").await, 3_000);
    assert_eq!(app.count("units WHERE serial_number LIKE 'S7-%'").await, plan.units as i64);
    assert_eq!(
        report.events as i64,
        app.count("ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.number LIKE 'SRS7-%'").await
    );
    assert!(
        report.repair_records > 0 && report.old_parts > 0 && report.visits > 0 && report.complaints > 0,
        "{report:?}"
    );

    // Consistent: every ticket's last event is its status; repairs only on
    // repaired tickets; a unit's customer is the ticket's.
    let off_course = app
        .count(
            "tickets t WHERE t.number LIKE 'SRS7-%' AND t.status <> 'REPORTED' AND NOT EXISTS \
             (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.to_status = t.status)",
        )
        .await;
    assert_eq!(off_course, 0, "every ticket got to its status by events");
    let premature = app
        .count("repair_records rr JOIN tickets t ON t.id = rr.ticket_id WHERE t.repaired_at IS NULL")
        .await;
    assert_eq!(premature, 0, "repairs only on repaired tickets");
    let strangers = app
        .count("tickets t JOIN units u ON u.id = t.unit_id WHERE t.number LIKE 'SRS7-%' AND u.customer_id <> t.customer_id")
        .await;
    assert_eq!(strangers, 0, "a ticket is the unit owner's");
    let statuses = fingerprint(&app).await;
    assert!(statuses[..7].iter().all(|n| *n > 0), "tickets in every state: {statuses:?}");

    // Reproducible: the same seed into another database, the same data.
    let other = spawn_app(backend).await;
    service::seed::run(&other.db, &plan).await.expect("seeded again");
    assert_eq!(fingerprint(&other).await, statuses, "the same seed gives the same data");
}
