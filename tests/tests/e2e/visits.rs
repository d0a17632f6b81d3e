//! Return visits over HTTP: the work list of due and overdue visits, and a
//! dissatisfied visit that must open a complaint or a rework, in one
//! transaction with the visit.

use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;
use crate::parts::{Site, site};
use crate::tickets::step;

on_both_backends!(
    the_work_list_shows_open_visits_and_which_are_overdue,
    a_dissatisfied_visit_must_open_a_complaint_or_a_rework,
    a_key_customer_gets_one_care_visit_per_interval,
);

/// The site's ticket repaired and signed off (version 6): a visit is open.
async fn signed_off(app: &TestApp, site: &Site) {
    step(app, &site.engineer,
        "mutation($id: ID!) { recordRepair(input: {ticket: {id: $id, version: 4}, faultCause: \"HY-SEAL-AGING\", measures: \"更换密封件\", labourHours: \"2\"}) { ticket { status } } }",
        json!({"id": site.ticket})).await;
    step(app, &site.agent, "mutation($id: ID!) { signOff(input: {id: $id, version: 5}, signedBy: \"王经理\") { ticket { status } } }", json!({"id": site.ticket})).await;
}

const LIST: &str = "query($f: ReturnVisitFilter) { returnVisits(filter: $f) { totalCount edges { node { kind overdue satisfaction followUp ticket { number } } } } }";

async fn listed(app: &TestApp, token: &str, filter: Value) -> Value {
    step(app, token, LIST, json!({"f": filter})).await["returnVisits"].clone()
}

async fn the_work_list_shows_open_visits_and_which_are_overdue(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    signed_off(&app, &site).await;
    let open = listed(&app, &site.agent, json!({"visited": false})).await;
    assert_eq!(open["totalCount"], 1);
    assert_eq!(open["edges"][0]["node"]["kind"], "AFTER_REPAIR");
    assert_eq!(open["edges"][0]["node"]["ticket"]["number"], site.number.as_str());
    assert_eq!(
        listed(&app, &site.agent, json!({"overdue": true})).await["totalCount"],
        0,
        "three working days to go"
    );

    let past = chrono::Utc::now() - chrono::Duration::days(2);
    entity::return_visit::Entity::update_many()
        .col_expr(entity::return_visit::Column::DueAt, sea_orm::sea_query::Expr::value(past))
        .exec(&app.db)
        .await
        .expect("visit overdue");
    let overdue = listed(&app, &site.manager, json!({"overdue": true})).await;
    assert_eq!(overdue["totalCount"], 1);
    assert_eq!(overdue["edges"][0]["node"]["overdue"], true);
    let refused = app.gql(Some(&site.engineer), LIST, json!({"f": {}})).await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"));
}

const VISIT: &str = "mutation($i: RecordVisitInput!) { recordReturnVisit(input: $i) { ticket { status version reworkCount } } }";

async fn a_dissatisfied_visit_must_open_a_complaint_or_a_rework(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    signed_off(&app, &site).await;
    let visit = |satisfaction: i32, solved: bool, follow_up: Value| {
        json!({"i": {"ticket": {"id": site.ticket, "version": 6}, "channel": "PHONE", "satisfaction": satisfaction,
            "solved": solved, "followUp": follow_up}})
    };
    let missing = app.gql(Some(&site.agent), VISIT, visit(2, true, Value::Null)).await;
    assert_eq!(missing.error_code(), Some("VALIDATION"));
    assert_eq!(missing.error_field(), Some("followUp"));
    assert_eq!(listed(&app, &site.agent, json!({"visited": true})).await["totalCount"], 0, "nothing written");

    let complaint = json!({"complaint": {"category": "SERVICE_ATTITUDE", "severity": "GENERAL", "description": "工程师态度差"}});
    let visited = step(&app, &site.agent, VISIT, visit(2, true, complaint)).await;
    assert_eq!(visited["recordReturnVisit"]["ticket"]["status"], "VISITED");
    let made = listed(&app, &site.agent, json!({"visited": true})).await;
    assert_eq!(made["edges"][0]["node"]["followUp"], "COMPLAINT");
    assert_eq!(made["edges"][0]["node"]["satisfaction"], 2);
    let complaints = step(
        &app,
        &site.manager,
        "query { complaints { totalCount edges { node { category routedTo ticket { number } } } } }",
        json!({}),
    )
    .await;
    assert_eq!(complaints["complaints"]["totalCount"], 1);
    assert_eq!(complaints["complaints"]["edges"][0]["node"]["category"], "SERVICE_ATTITUDE");
    assert_eq!(complaints["complaints"]["edges"][0]["node"]["ticket"]["number"], site.number.as_str());

    // A second ticket, not solved at the visit: back to the engineer.
    let second = site_ticket_again(&app, &site).await;
    let rework = json!({"rework": {"reason": "仍然漏油"}});
    let input = json!({"i": {"ticket": {"id": second, "version": 6}, "channel": "ON_SITE", "satisfaction": 4,
        "solved": false, "followUp": rework}});
    let reworked = step(&app, &site.agent, VISIT, input).await["recordReturnVisit"]["ticket"].clone();
    assert_eq!(reworked["status"], "DISPATCHED");
    assert_eq!(reworked["reworkCount"], 1);
}

/// Another ticket of the same unit walked to sign-off; returns its id.
async fn site_ticket_again(app: &TestApp, site: &Site) -> Value {
    let serial = step(
        app,
        &site.agent,
        "query($id: ID!) { ticket(id: $id) { unit { serialNumber } } }",
        json!({"id": site.ticket}),
    )
    .await["ticket"]["unit"]["serialNumber"]
        .clone();
    let reported = step(app, &site.agent,
        "mutation($s: String!) { reportFault(input: {channel: PHONE, serialNumber: $s, faultDescription: \"回转异响\", faultCategory: HYDRAULIC}) { ticket { id } } }",
        json!({"s": serial})).await["reportFault"]["ticket"]["id"].clone();
    step(
        app,
        &site.agent,
        "mutation($id: ID!) { acceptTicket(input: {ticket: {id: $id, version: 1}}) { ticket { status } } }",
        json!({"id": reported}),
    )
    .await;
    step(app, &site.agent, "mutation($id: ID!) { dispatchTicket(input: {ticket: {id: $id, version: 2}, appointment: \"2030-01-01T02:00:00Z\"}) { ticket { status } } }", json!({"id": reported})).await;
    step(
        app,
        &site.engineer,
        "mutation($id: ID!) { arriveOnSite(input: {id: $id, version: 3}) { ticket { status } } }",
        json!({"id": reported}),
    )
    .await;
    let twin = Site { ticket: reported.clone(), ..site.clone() };
    signed_off(app, &twin).await;
    reported
}

/// A care schedule due today: a sweep opens one CARE visit and moves the
/// schedule on by the interval; sweeping again opens nothing more.
async fn a_key_customer_gets_one_care_visit_per_interval(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let customer = step(
        &app,
        &site.agent,
        "query($id: ID!) { ticket(id: $id) { customer { id } } }",
        json!({"id": site.ticket}),
    )
    .await["ticket"]["customer"]["id"]
        .clone();
    let today = crate::parts::business_today();
    let schedule = "mutation($i: CareScheduleInput!) { scheduleCareVisits(input: $i) { intervalDays nextDueOn active } }";
    let input = json!({"i": {"customerId": customer, "intervalDays": 90, "firstDueOn": today.to_string()}});
    let refused = app.gql(Some(&site.agent), schedule, input.clone()).await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"), "service managers schedule care");
    let bad = json!({"i": {"customerId": customer, "intervalDays": 0, "firstDueOn": today.to_string()}});
    assert_eq!(app.gql(Some(&site.manager), schedule, bad).await.error_field(), Some("intervalDays"));
    step(&app, &site.manager, schedule, input).await;

    let worker = crate::delivery::handlers(&app, crate::helpers::test_settings(&app.database.url)).await;
    crate::delivery::sweep(&worker, &[jobs::SweepKind::ReturnVisits]).await;
    crate::delivery::sweep(&worker, &[jobs::SweepKind::ReturnVisits]).await;
    let care = listed(&app, &site.agent, json!({"kind": "CARE"})).await;
    assert_eq!(care["totalCount"], 1, "one visit, however many sweeps");
    let next: String = entity::care_schedule::Entity::find()
        .one(&app.db)
        .await
        .expect("schedule")
        .map(|s| s.next_due_on.to_string())
        .unwrap_or_default();
    assert_eq!(next, (today + chrono::Duration::days(90)).to_string());
}
