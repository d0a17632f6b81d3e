//! The demo data set: realistic, loaded once, usable at once, and telling
//! a plausible story to a manager whenever it is loaded.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Asia::Shanghai;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;
use service::demo::DEMO_PASSWORD;
use service::rules::recurrence::quarter_bounds;

on_both_backends!(demo_data_loads_once_and_its_users_can_log_in, demo_tells_a_service_departments_story);

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

/// A figure of a report as a number.
fn number(value: &Value) -> f64 {
    value.as_str().and_then(|v| v.parse().ok()).or_else(|| value.as_f64()).unwrap_or(f64::NAN)
}

fn count(data: &Value, alias: &str) -> u64 {
    data[alias]["totalCount"].as_u64().unwrap_or(0)
}

fn assert_within(what: &str, value: f64, low: f64, high: f64) {
    assert!((low..=high).contains(&value), "{what} is {value}, expected {low}–{high}");
}

const KPI: &str = "query($from: NaiveDate!, $to: NaiveDate!) { kpiReport(from: $from, to: $to, groupBy: REGION) { total { \
    tickets timeliness { value } satisfaction { value } serviceComplaintRate { value met } meanHoursToArrive costPerTicket } } }";

/// The KPIs of `[from, to)` look like a real service department's: most
/// tickets on time, customers satisfied, engineers on site within a day or
/// so, the manufacturer paying a few hundred to a few thousand a ticket.
async fn assert_kpis_plausible(app: &TestApp, token: &str, period: &str, from: NaiveDate, to: NaiveDate) {
    let r = app.gql(Some(token), KPI, json!({"from": from, "to": to})).await;
    let total = r.expect_ok()["kpiReport"]["total"].clone();
    let what = |figure: &str| format!("{figure} of {period} {from}–{to}");
    assert!(total["tickets"].as_u64().unwrap_or(0) >= 15, "{}: {total}", what("tickets"));
    assert_within(&what("timeliness %"), number(&total["timeliness"]["value"]), 82.0, 97.0);
    assert_within(&what("satisfaction %"), number(&total["satisfaction"]["value"]), 80.0, 97.0);
    assert_within(&what("mean hours to arrive"), number(&total["meanHoursToArrive"]), 8.0, 36.0);
    assert_within(&what("cost per ticket"), number(&total["costPerTicket"]), 200.0, 5_000.0);
    assert_eq!(total["serviceComplaintRate"]["met"], true, "{}: {total}", what("service complaints"));
}

/// As a manager sees it, the demo is a service department at work: the
/// last full month and the story quarter (the current one, or in its first
/// three weeks the one before) within their ranges, breaches, overdue
/// visits, a complaint past its routing deadline, old parts late, a failure
/// cause past the recurrence target, one batch incident, someone free for
/// every skill; and the README's example runs on it as written.
async fn demo_tells_a_service_departments_story(backend: Backend) {
    let app = spawn_app(backend).await;
    service::demo::load(&app.db).await.expect("demo loads");
    let manager = app.token("manager", DEMO_PASSWORD).await;
    let today = Utc::now().with_timezone(&Shanghai).date_naive();
    let this_month = today.with_day(1).expect("first of the month");
    let last_month = (this_month - Duration::days(1)).with_day(1).expect("first of last month");
    let (year, quarter) = service::demo::story_quarter(today);
    let (quarter_from, quarter_to) = quarter_bounds(year, quarter).expect("quarter");

    assert_kpis_plausible(&app, &manager, "the last full month", last_month, this_month).await;
    assert_kpis_plausible(&app, &manager, "the story quarter", quarter_from, quarter_to).await;

    let lists = app
        .gql(
            Some(&manager),
            "{ late: tickets(filter: {overdue: true}) { totalCount } \
               lateVisits: returnVisits(filter: {overdue: true}) { totalCount } \
               dueVisits: returnVisits(filter: {due: true}) { totalCount } \
               complaints { totalCount } \
               unrouted: complaints(filter: {routingOverdue: true}) { totalCount } \
               lateParts: oldParts(filter: {overdue: true}) { totalCount } \
               parts: oldParts(first: 200) { edges { node { delayReasonAccepted overdue promisedOn dueOn } } } }",
            json!({}),
        )
        .await;
    let data = lists.expect_ok();
    assert_within("overdue tickets", count(data, "late") as f64, 5.0, 40.0);
    assert!(count(data, "lateVisits") >= 1, "some return visits are overdue: {data}");
    assert!(count(data, "dueVisits") > count(data, "lateVisits"), "some visits fall due soon: {data}");
    assert_within("complaints", count(data, "complaints") as f64, 3.0, 20.0);
    assert!(count(data, "unrouted") >= 1, "a quality complaint waits past its routing deadline: {data}");
    assert_within("old parts late", count(data, "lateParts") as f64, 1.0, 20.0);
    let excused = data["parts"]["edges"].as_array().expect("parts").iter().any(|e| {
        let part = &e["node"];
        part["delayReasonAccepted"] == true
            && part["overdue"] == false
            && part["promisedOn"].as_str() > part["dueOn"].as_str()
    });
    assert!(excused, "one old part has a later date accepted with its reason");

    let recurrence = app
        .gql(
            Some(&manager),
            "query($y: Int!, $q: Int!) { failureRecurrenceReport(year: $y, quarter: $q) { causes { code occurrences tooFrequent } } }",
            json!({"y": year, "q": quarter}),
        )
        .await;
    let causes =
        recurrence.expect_ok()["failureRecurrenceReport"]["causes"].as_array().expect("causes").clone();
    let too_frequent: Vec<&Value> = causes.iter().filter(|c| c["tooFrequent"] == true).collect();
    assert_eq!(
        too_frequent.len(),
        1,
        "one cause passes the recurrence target in {year}-Q{quarter}: {causes:?}"
    );
    assert_eq!(too_frequent[0]["code"], "HY-SEAL-AGING");
    assert!(too_frequent[0]["occurrences"].as_u64().unwrap_or(0) > 10);

    let incidents = app
        .gql(
            Some(&manager),
            "query($from: NaiveDate!, $to: NaiveDate!) { batchIncidents(from: $from, to: $to) { modelCode units loss level } }",
            json!({"from": quarter_from, "to": quarter_to}),
        )
        .await;
    let incidents = incidents.expect_ok()["batchIncidents"].as_array().expect("incidents").clone();
    assert_eq!(incidents.len(), 1, "exactly one quality incident in {year}-Q{quarter}: {incidents:?}");
    assert_eq!(incidents[0]["level"], "BATCH");
    assert_eq!(incidents[0]["modelCode"], "XE215");
    assert!(incidents[0]["units"].as_u64().unwrap_or(0) >= 50, "{incidents:?}");
    assert!(number(&incidents[0]["loss"]) < 20_000.0, "below the major loss: {incidents:?}");

    for skill in ["ELECTRICAL", "HYDRAULIC", "ENGINE", "CHASSIS", "STRUCTURAL", "CONTROL_SYSTEM", "OTHER"] {
        let free = app
            .gql(
                Some(&manager),
                "query($s: FaultCategory!) { engineers(filter: {skill: $s, available: true}) { totalCount } }",
                json!({"s": skill}),
            )
            .await;
        assert!(count(free.expect_ok(), "engineers") >= 1, "nobody with the {skill} skill is free");
    }

    readme_examples_run_on_the_demo(&app, &manager).await;
}

/// The README's ticket example (report as `agent`, accept, dispatch by
/// rotation), taken from the README itself, and its demo-reading queries.
async fn readme_examples_run_on_the_demo(app: &TestApp, manager: &str) {
    let readme = include_str!("../../../README.md");
    let block = readme
        .split("```graphql")
        .find(|b| b.contains("reportFault("))
        .and_then(|b| b.split("```").next())
        .expect("the README's ticket example");
    let steps: Vec<&str> = block.split("\n\n").map(str::trim).filter(|s| !s.is_empty()).collect();
    assert_eq!(steps.len(), 3, "report, accept, dispatch: {block}");
    let agent = app.token("agent", DEMO_PASSWORD).await;
    let reported = app.gql(Some(&agent), steps[0], json!({})).await;
    let id = reported.expect_ok()["reportFault"]["ticket"]["id"].clone();
    let accepted = app.gql(Some(&agent), steps[1], json!({"id": id})).await;
    assert_eq!(
        accepted.expect_ok()["acceptTicket"]["ticket"]["serviceType"],
        "FREE",
        "the README's unit is in warranty"
    );
    let dispatched = app.gql(Some(&agent), steps[2], json!({"id": id})).await;
    let ticket = &dispatched.expect_ok()["dispatchTicket"]["ticket"];
    assert_eq!(ticket["status"], "DISPATCHED");
    assert!(ticket["engineer"]["displayName"].is_string(), "the rotation found a free engineer: {ticket}");

    let reads = app
        .gql(
            Some(manager),
            "{ units(first: 3, filter: {serialPrefix: \"XCT25\"}) { totalCount } \
               oldPartReturnReport(region: \"江苏\") { rows { approvalNumber } } }",
            json!({}),
        )
        .await;
    let data = reads.expect_ok();
    assert!(count(data, "units") >= 3);
    assert!(data["oldPartReturnReport"]["rows"].as_array().is_some_and(|r| !r.is_empty()));
}
