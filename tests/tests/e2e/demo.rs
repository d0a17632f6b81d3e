//! The demo data set: realistic, loaded once, usable at once.

use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;
use service::demo::DEMO_PASSWORD;

on_both_backends!(demo_data_loads_once_and_its_users_can_log_in);

async fn demo_data_loads_once_and_its_users_can_log_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let first = service::demo::load(&app.db).await.expect("demo loads");
    assert!(first.loaded);
    let after_first = counts(&app).await;
    assert!(after_first.0 >= 300, "hundreds of units: {after_first:?}");
    let second = service::demo::load(&app.db).await.expect("second run");
    assert!(!second.loaded);
    assert_eq!(counts(&app).await, after_first, "a second run adds nothing");

    // One user per role, and a dealer user who sees only its own units.
    let gm = app.token("gm", DEMO_PASSWORD).await;
    let me = app.gql(Some(&gm), "{ me { roles } }", json!({})).await;
    assert_eq!(me.expect_ok()["me"]["roles"], json!(["GENERAL_MANAGER"]));
    let dealer = app.token("dealer", DEMO_PASSWORD).await;
    let units = app
        .gql(
            Some(&dealer),
            "{ units(first: 200) { totalCount edges { node { dealer { code } } } } }",
            json!({}),
        )
        .await;
    let data = units.expect_ok();
    let total = data["units"]["totalCount"].as_u64().expect("count");
    assert!(total > 0 && (total as i64) < after_first.0);
    for edge in data["units"]["edges"].as_array().expect("edges") {
        assert_eq!(edge["node"]["dealer"]["code"], "D-JS01");
    }

    // Tickets in every state, some overdue, some repeat repairs.
    let agent = app.token("agent", DEMO_PASSWORD).await;
    let statuses = [
        "REPORTED",
        "ACCEPTED",
        "QUOTED",
        "DISPATCHED",
        "ON_SITE",
        "REPAIRED",
        "CUSTOMER_ACCEPTED",
        "VISITED",
        "CLOSED",
        "RETURNED_TO_FACTORY",
        "CANCELLED",
    ];
    for status in statuses {
        let r = app
            .gql(
                Some(&agent),
                "query($s: TicketStatus!) { tickets(filter: {states: [$s]}) { totalCount } }",
                json!({"s": status}),
            )
            .await;
        assert!(
            r.expect_ok()["tickets"]["totalCount"].as_u64().unwrap_or(0) > 0,
            "no demo ticket is {status}"
        );
    }
    let overdue =
        app.gql(Some(&agent), "{ tickets(filter: {overdue: true}) { totalCount } }", json!({})).await;
    assert!(overdue.expect_ok()["tickets"]["totalCount"].as_u64().unwrap_or(0) > 0, "some are overdue");
    assert!(app.count("tickets WHERE repeat_of_ticket_id IS NOT NULL").await > 0, "some repeat repairs");

    // Old parts on their way back, some late; shelves below safety stock.
    let manager = app.token("manager", DEMO_PASSWORD).await;
    let old = app
        .gql(
            Some(&manager),
            "{ all: oldParts { totalCount } late: oldParts(filter: {overdue: true}) { totalCount } lowStock { onHand } oldPartReturnReport { rows { approvalNumber } } }",
            json!({}),
        )
        .await;
    let data = old.expect_ok();
    assert!(data["all"]["totalCount"].as_u64().unwrap_or(0) > 0, "demo repairs replaced parts");
    assert!(data["late"]["totalCount"].as_u64().unwrap_or(0) > 0, "some old parts are overdue");
    assert!(data["lowStock"].as_array().is_some_and(|l| !l.is_empty()), "some shelves run low");
    assert!(data["oldPartReturnReport"]["rows"].as_array().is_some_and(|r| !r.is_empty()));
}

async fn counts(app: &TestApp) -> (i64, i64, i64, i64) {
    (
        app.count("units").await,
        app.count("users").await,
        app.count("customers").await,
        app.count("stock_levels").await,
    )
}
