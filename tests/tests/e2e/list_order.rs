//! Lists a front end pages through: tickets, old parts, complaints, return
//! visits and units in every order they offer, both directions, paged
//! forward and backward across ties, give every row exactly once in the
//! order the database holds them in; a cursor of another ordering is a
//! typed error; "my tickets" and the case-blind serial lookup.

use std::cmp::Ordering;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use entity::enums::{ComplaintCategory, ComplaintStatus, Severity};
use entity::{complaint, customer, old_part, return_visit, ticket, unit};
use service::demo::DEMO_PASSWORD;

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;

on_both_backends!(
    every_list_pages_each_order_both_ways_giving_every_row_once_across_ties,
    a_cursor_of_another_ordering_or_list_is_a_validation_error,
    my_tickets_are_the_engineers_jobs_or_the_agents_reports_and_units_are_found_by_serial_in_any_case,
);

/// A row's sort key as the lists order it: values before NULL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Int(i64),
    Text(String),
    Null,
}

fn time(t: DateTime<Utc>) -> Key {
    Key::Int(t.timestamp_micros())
}

fn day(d: NaiveDate) -> Key {
    Key::Int(i64::from(d.num_days_from_ce()))
}

use chrono::Datelike;

/// One order of a list: its `orderBy` (null: as recorded) and each row's key.
struct Order {
    order_by: Value,
    keys: Vec<(i64, Key)>,
}

/// The ids in the order `keys` sort in, going up or down (down is the
/// exact reverse: NULL last going up, first going down; ties by id).
fn expected(keys: &[(i64, Key)], descending: bool) -> Vec<i64> {
    let mut sorted = keys.to_vec();
    sorted.sort_by(|(a_id, a), (b_id, b)| match a.cmp(b) {
        Ordering::Equal => a_id.cmp(b_id),
        other => other,
    });
    let mut ids: Vec<i64> = sorted.into_iter().map(|(id, _)| id).collect();
    if descending {
        ids.reverse();
    }
    ids
}

fn decode_id(id: &Value) -> i64 {
    let raw = URL_SAFE_NO_PAD.decode(id.as_str().expect("an id")).expect("base64");
    let text = String::from_utf8(raw).expect("utf-8");
    text.rsplit_once(':').expect("kind:number").1.parse().expect("a number")
}

fn page_query(list: &str, order_type: &str) -> String {
    format!(
        "query($order: {order_type}, $first: Int, $after: String, $last: Int, $before: String) {{
            {list}(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {{
                totalCount
                pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
                edges {{ cursor node {{ id }} }}
            }} }}"
    )
}

/// Every id of `list` in `order`, read forward `size` at a time, then
/// backward; both must be `want`.
async fn check_paging(
    app: &TestApp,
    token: &str,
    list: &str,
    order_type: &str,
    order: Value,
    size: usize,
    want: &[i64],
) {
    let query = page_query(list, order_type);
    let what = format!("{list} {order}");
    let mut forward = Vec::new();
    let mut after = Value::Null;
    for page in 0.. {
        assert!(page <= want.len(), "{what}: paging forward does not end");
        let vars = json!({"order": order, "first": size, "after": after});
        let body = app.gql(Some(token), &query, vars).await;
        let data = &body.expect_ok()[list];
        assert_eq!(data["totalCount"], json!(want.len()), "{what}");
        let edges = data["edges"].as_array().expect("edges");
        forward.extend(edges.iter().map(|e| decode_id(&e["node"]["id"])));
        assert_eq!(data["pageInfo"]["hasPreviousPage"], json!(page > 0), "{what} page {page}");
        if data["pageInfo"]["hasNextPage"] == json!(false) {
            break;
        }
        assert_eq!(edges.len(), size, "{what}: a page before the last is full");
        after = data["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(forward, want, "{what}: forward");

    let mut backward: Vec<i64> = Vec::new();
    let mut before = Value::Null;
    for page in 0.. {
        assert!(page <= want.len(), "{what}: paging backward does not end");
        let vars = json!({"order": order, "last": size, "before": before});
        let body = app.gql(Some(token), &query, vars).await;
        let data = &body.expect_ok()[list];
        let edges = data["edges"].as_array().expect("edges");
        let ids: Vec<i64> = edges.iter().map(|e| decode_id(&e["node"]["id"])).collect();
        backward.splice(0..0, ids);
        assert_eq!(data["pageInfo"]["hasNextPage"], json!(page > 0), "{what} page {page} from the end");
        if data["pageInfo"]["hasPreviousPage"] == json!(false) {
            break;
        }
        before = data["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(backward, want, "{what}: backward");
}

/// Runs every order of a list both ways.
async fn check_list(app: &TestApp, token: &str, list: &str, order_type: &str, orders: Vec<Order>) {
    for order in orders {
        let size = (order.keys.len() / 6).max(3);
        for descending in [false, true] {
            let order_by = match &order.order_by {
                Value::Null if descending => continue,
                Value::Null => Value::Null,
                by => json!({"field": by, "direction": if descending { "DESC" } else { "ASC" }}),
            };
            let want = expected(&order.keys, descending);
            check_paging(app, token, list, order_type, order_by, size, &want).await;
        }
    }
}

/// Gives the rows of `entity` a few shared values of `column` (by id), so
/// every order has ties a page boundary falls inside.
async fn share<E, V>(app: &TestApp, ids: &[i64], id: E::Column, column: E::Column, values: &[V])
where
    E: EntityTrait,
    V: Into<sea_orm::Value> + Clone,
{
    for (n, value) in values.iter().enumerate() {
        let group: Vec<i64> = ids.iter().copied().filter(|i| (*i as usize) % values.len() == n).collect();
        E::update_many()
            .col_expr(column, Expr::value(value.clone().into()))
            .filter(id.is_in(group))
            .exec(&app.db)
            .await
            .expect("shared values");
    }
}

async fn with_demo_data(backend: Backend) -> (TestApp, String) {
    let app = spawn_app(backend).await;
    service::demo::load(&app.db).await.expect("demo loads");
    let admin = app.admin_token().await;
    (app, admin)
}

async fn every_list_pages_each_order_both_ways_giving_every_row_once_across_ties(backend: Backend) {
    let (app, admin) = with_demo_data(backend).await;
    let base =
        DateTime::parse_from_rfc3339("2026-11-02T08:30:00.123456Z").expect("a time").with_timezone(&Utc);
    let hours = |n: i64| base + Duration::hours(n);
    let db = &app.db;

    // Tickets.
    let ids: Vec<i64> = ticket::Entity::find().all(db).await.expect("tickets").iter().map(|t| t.id).collect();
    share::<ticket::Entity, _>(
        &app,
        &ids,
        ticket::Column::Id,
        ticket::Column::CreatedAt,
        &[hours(0), hours(1), hours(2)],
    )
    .await;
    share::<ticket::Entity, _>(
        &app,
        &ids,
        ticket::Column::Id,
        ticket::Column::ReplyDueAt,
        &[hours(5), hours(3), hours(4), hours(3)],
    )
    .await;
    share::<ticket::Entity, _>(
        &app,
        &ids,
        ticket::Column::Id,
        ticket::Column::ArrivalDueAt,
        &[hours(9), hours(7)],
    )
    .await;
    let tickets = ticket::Entity::find().all(db).await.expect("tickets");
    let keyed = |f: &dyn Fn(&ticket::Model) -> Key| tickets.iter().map(|t| (t.id, f(t))).collect::<Vec<_>>();
    check_list(
        &app,
        &admin,
        "tickets",
        "TicketOrder",
        vec![
            Order { order_by: Value::Null, keys: keyed(&|_| Key::Null) },
            Order { order_by: json!("CREATED_AT"), keys: keyed(&|t| time(t.created_at)) },
            Order { order_by: json!("REPLY_DUE_AT"), keys: keyed(&|t| time(t.reply_due_at)) },
            Order { order_by: json!("ARRIVAL_DUE_AT"), keys: keyed(&|t| time(t.arrival_due_at)) },
            Order { order_by: json!("NUMBER"), keys: keyed(&|t| Key::Text(t.number.clone())) },
        ],
    )
    .await;

    // Old parts: several of one ticket share an approval number.
    let ids: Vec<i64> =
        old_part::Entity::find().all(db).await.expect("old parts").iter().map(|p| p.id).collect();
    assert!(ids.len() >= 12, "the demo has old parts: {}", ids.len());
    let on = |n: i64| NaiveDate::from_ymd_opt(2026, 11, 10).expect("a date") + Duration::days(n);
    share::<old_part::Entity, _>(
        &app,
        &ids,
        old_part::Column::Id,
        old_part::Column::CreatedAt,
        &[hours(1), hours(0)],
    )
    .await;
    share::<old_part::Entity, _>(
        &app,
        &ids,
        old_part::Column::Id,
        old_part::Column::DueOn,
        &[on(2), on(0), on(1)],
    )
    .await;
    let parts = old_part::Entity::find().all(db).await.expect("old parts");
    let keyed = |f: &dyn Fn(&old_part::Model) -> Key| parts.iter().map(|p| (p.id, f(p))).collect::<Vec<_>>();
    check_list(
        &app,
        &admin,
        "oldParts",
        "OldPartOrder",
        vec![
            Order { order_by: Value::Null, keys: keyed(&|_| Key::Null) },
            Order { order_by: json!("CREATED_AT"), keys: keyed(&|p| time(p.created_at)) },
            Order { order_by: json!("DUE_ON"), keys: keyed(&|p| day(p.due_on)) },
            Order {
                order_by: json!("APPROVAL_NUMBER"),
                keys: keyed(&|p| Key::Text(p.approval_number.clone())),
            },
        ],
    )
    .await;

    // Complaints: some without a routing deadline (NULL: last going up).
    let customer = customer::Entity::find().one(db).await.expect("query").expect("a customer");
    for n in 0..14_i64 {
        complaint::ActiveModel {
            number: Set(format!("CP-T-{:03}", 20 - n)),
            customer_id: Set(customer.id),
            category: Set(ComplaintCategory::Quality),
            severity: Set(Severity::General),
            description: Set("排序测试".into()),
            received_at: Set(hours(n)),
            route_due_at: Set((n % 3 != 0).then(|| hours(n % 2))),
            status: Set(ComplaintStatus::Open),
            attributable_to_service: Set(false),
            created_at: Set(hours(n % 3)),
            updated_at: Set(hours(0)),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("a complaint");
    }
    let complaints = complaint::Entity::find().all(db).await.expect("complaints");
    let keyed =
        |f: &dyn Fn(&complaint::Model) -> Key| complaints.iter().map(|c| (c.id, f(c))).collect::<Vec<_>>();
    check_list(
        &app,
        &admin,
        "complaints",
        "ComplaintOrder",
        vec![
            Order { order_by: Value::Null, keys: keyed(&|_| Key::Null) },
            Order { order_by: json!("CREATED_AT"), keys: keyed(&|c| time(c.created_at)) },
            Order {
                order_by: json!("ROUTE_DUE_AT"),
                keys: keyed(&|c| c.route_due_at.map_or(Key::Null, time)),
            },
            Order { order_by: json!("NUMBER"), keys: keyed(&|c| Key::Text(c.number.clone())) },
        ],
    )
    .await;

    // Return visits.
    let ids: Vec<i64> =
        return_visit::Entity::find().all(db).await.expect("visits").iter().map(|v| v.id).collect();
    assert!(ids.len() >= 6, "the demo has return visits: {}", ids.len());
    share::<return_visit::Entity, _>(
        &app,
        &ids,
        return_visit::Column::Id,
        return_visit::Column::CreatedAt,
        &[hours(2), hours(1), hours(2)],
    )
    .await;
    share::<return_visit::Entity, _>(
        &app,
        &ids,
        return_visit::Column::Id,
        return_visit::Column::DueAt,
        &[hours(8), hours(6)],
    )
    .await;
    let visits = return_visit::Entity::find().all(db).await.expect("visits");
    let keyed =
        |f: &dyn Fn(&return_visit::Model) -> Key| visits.iter().map(|v| (v.id, f(v))).collect::<Vec<_>>();
    check_list(
        &app,
        &admin,
        "returnVisits",
        "ReturnVisitOrder",
        vec![
            Order { order_by: Value::Null, keys: keyed(&|_| Key::Null) },
            Order { order_by: json!("CREATED_AT"), keys: keyed(&|v| time(v.created_at)) },
            Order { order_by: json!("DUE_AT"), keys: keyed(&|v| time(v.due_at)) },
        ],
    )
    .await;

    // Units.
    let ids: Vec<i64> = unit::Entity::find().all(db).await.expect("units").iter().map(|u| u.id).collect();
    share::<unit::Entity, _>(
        &app,
        &ids,
        unit::Column::Id,
        unit::Column::CreatedAt,
        &[hours(0), hours(3), hours(1)],
    )
    .await;
    let units = unit::Entity::find().all(db).await.expect("units");
    let keyed = |f: &dyn Fn(&unit::Model) -> Key| units.iter().map(|u| (u.id, f(u))).collect::<Vec<_>>();
    check_list(
        &app,
        &admin,
        "units",
        "UnitOrder",
        vec![
            Order { order_by: Value::Null, keys: keyed(&|_| Key::Null) },
            Order { order_by: json!("CREATED_AT"), keys: keyed(&|u| time(u.created_at)) },
            Order { order_by: json!("SERIAL_NUMBER"), keys: keyed(&|u| Key::Text(u.serial_number.clone())) },
        ],
    )
    .await;
}

async fn a_cursor_of_another_ordering_or_list_is_a_validation_error(backend: Backend) {
    let (app, admin) = with_demo_data(backend).await;
    let query = page_query("tickets", "TicketOrder");
    let by_created = json!({"field": "CREATED_AT", "direction": "ASC"});
    let first = app.gql(Some(&admin), &query, json!({"order": by_created, "first": 3})).await;
    let cursor = first.expect_ok()["tickets"]["pageInfo"]["endCursor"].clone();
    // The same ordering takes it.
    app.gql(Some(&admin), &query, json!({"order": by_created, "first": 3, "after": cursor}))
        .await
        .expect_ok();
    for (order, argument) in [
        (json!({"field": "NUMBER", "direction": "ASC"}), "after"),
        (json!({"field": "CREATED_AT", "direction": "DESC"}), "before"),
        (Value::Null, "after"),
    ] {
        let vars = if argument == "after" {
            json!({"order": order, "first": 3, "after": cursor})
        } else {
            json!({"order": order, "last": 3, "before": cursor})
        };
        let refused = app.gql(Some(&admin), &query, vars).await;
        assert_eq!(refused.error_code(), Some("VALIDATION"), "{order}: {:?}", refused.body);
        assert_eq!(refused.error_field(), Some(argument), "{order}");
        let message = refused.body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("another ordering"), "{message}");
    }
    // A ticket cursor is no unit cursor; garbage is no cursor at all.
    let units = page_query("units", "UnitOrder");
    let by_unit_created = json!({"field": "CREATED_AT", "direction": "ASC"});
    for bad in [cursor.clone(), json!("not-a-cursor")] {
        let refused =
            app.gql(Some(&admin), &units, json!({"order": by_unit_created, "first": 3, "after": bad})).await;
        assert_eq!(
            (refused.error_code(), refused.error_field()),
            (Some("VALIDATION"), Some("after")),
            "{bad}"
        );
    }
    // A page goes one way, within the size limits.
    for (vars, field) in [
        (json!({"first": 2, "last": 2}), "last"),
        (json!({"first": 2, "before": cursor}), "first"),
        (json!({"last": 201}), "last"),
        (json!({"last": 0}), "last"),
        (json!({"last": -1}), "last"),
    ] {
        let refused = app.gql(Some(&admin), &query, vars.clone()).await;
        assert_eq!(
            (refused.error_code(), refused.error_field()),
            (Some("VALIDATION"), Some(field)),
            "{vars}"
        );
    }
}

async fn my_tickets_are_the_engineers_jobs_or_the_agents_reports_and_units_are_found_by_serial_in_any_case(
    backend: Backend,
) {
    let (app, admin) = with_demo_data(backend).await;
    // The demo engineer with the most tickets.
    let tickets = ticket::Entity::find().all(&app.db).await.expect("tickets");
    let mut per_engineer = std::collections::BTreeMap::<i64, usize>::new();
    for engineer in tickets.iter().filter_map(|t| t.engineer_id) {
        *per_engineer.entry(engineer).or_default() += 1;
    }
    let (&engineer_id, &count) = per_engineer.iter().max_by_key(|(_, n)| **n).expect("dispatched tickets");
    let username = entity::user::Entity::find_by_id(engineer_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("user")
        .username;
    let engineer = app.token(&username, DEMO_PASSWORD).await;
    let mine = "query($f: TicketFilter) { tickets(filter: $f, first: 200) { totalCount edges { node { engineer { id } } } } }";
    let body = app.gql(Some(&engineer), mine, json!({"f": {"mine": true}})).await;
    let data = &body.expect_ok()["tickets"];
    assert_eq!(data["totalCount"], json!(count), "{username}'s tickets");
    let me = app.gql(Some(&engineer), "{ me { id } }", json!({})).await.expect_ok()["me"]["id"].clone();
    for edge in data["edges"].as_array().expect("edges") {
        assert_eq!(edge["node"]["engineer"]["id"], me);
    }
    // By engineer, as the desk sees it: the same tickets.
    let body = app.gql(Some(&admin), mine, json!({"f": {"engineerId": me}})).await;
    assert_eq!(body.expect_ok()["tickets"]["totalCount"], json!(count));
    // The admin has none of their own.
    let body = app.gql(Some(&admin), mine, json!({"f": {"mine": true}})).await;
    assert_eq!(body.expect_ok()["tickets"]["totalCount"], json!(0));
    // The desk's own are those it reported.
    let agent = entity::user::Entity::find()
        .filter(entity::user::Column::Username.eq("agent"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("the demo agent");
    let reported = tickets.iter().filter(|t| t.created_by == Some(agent.id)).count();
    assert!(reported > 0, "the demo agent reported tickets");
    let desk = app.token("agent", DEMO_PASSWORD).await;
    let body = app.gql(Some(&desk), mine, json!({"f": {"mine": true}})).await;
    assert_eq!(body.expect_ok()["tickets"]["totalCount"], json!(reported), "the agent's own reports");

    // A serial in any case, with spaces around it.
    let unit = unit::Entity::find().one(&app.db).await.expect("query").expect("a unit");
    let serial = unit.serial_number.clone();
    assert_ne!(serial.to_lowercase(), serial, "the demo serials have letters");
    let lookup = "query($s: String!) { unit(serialNumber: $s) { id serialNumber } }";
    for asked in [serial.clone(), serial.to_lowercase(), format!("  {}  ", serial.to_lowercase())] {
        let body = app.gql(Some(&admin), lookup, json!({"s": asked})).await;
        assert_eq!(body.expect_ok()["unit"]["serialNumber"], json!(serial), "{asked:?}");
    }
    let warranty = "query($s: String!) { warrantyStatus(serialNumber: $s) { inWarranty } }";
    app.gql(Some(&admin), warranty, json!({"s": serial.to_lowercase()})).await.expect_ok();
    // A serial that differs only in case is not registered twice.
    let model =
        app.gql(Some(&admin), "{ productModels(first: 1) { edges { node { id } } } }", json!({})).await;
    let model_id = model.expect_ok()["productModels"]["edges"][0]["node"]["id"].clone();
    let register = "mutation($s: String!, $m: ID!) { registerUnit(input: {serialNumber: $s, productModelId: $m, productionDate: \"2025-01-01\"}) { unit { id } } }";
    let twin = app.gql(Some(&admin), register, json!({"s": serial.to_lowercase(), "m": model_id})).await;
    assert_eq!(
        (twin.error_code(), twin.error_field()),
        (Some("VALIDATION"), Some("serialNumber")),
        "{:?}",
        twin.body
    );
}
