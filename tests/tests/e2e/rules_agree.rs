//! One rule, two forms: each rule that is also a query filter ("ticket
//! overdue", "old part late", "engineer busy") is evaluated in Rust and in
//! SQL on the same rows, on both backends, and must give the same answer.
//! The rows are the seeded data plus variants at every edge the rules have
//! (done early, on the minute, late, not done; each status and service
//! type; promised dates with and without an accepted reason).

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, Condition, EntityTrait, IntoActiveModel, QueryFilter, Set};

use entity::enums::{ServiceType, TicketStatus};
use entity::{old_part, ticket};
use service::rules::{dispatch, old_parts, sla};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;

on_both_backends!(ticket_rules_agree_in_rust_and_sql, old_part_rules_agree_in_rust_and_sql);

async fn seeded(backend: Backend) -> TestApp {
    let app = spawn_app(backend).await;
    let mut plan = service::seed::SeedPlan::for_tickets(300);
    plan.until = Utc::now().date_naive();
    service::seed::run(&app.db, &plan).await.expect("seeded");
    app
}

/// The ids the SQL form selects and the ids the Rust form accepts, among
/// the rows read back from the database (so both see the stored values).
async fn agree<E, M>(
    app: &TestApp,
    rule: &str,
    sql: Condition,
    rust: impl Fn(&M) -> bool,
    id: impl Fn(&M) -> i64,
) -> usize
where
    E: EntityTrait<Model = M>,
    M: sea_orm::FromQueryResult + Sized + Send + Sync + std::fmt::Debug,
{
    let all = E::find().all(&app.db).await.expect("rows");
    let by_sql: BTreeSet<i64> =
        E::find().filter(sql).all(&app.db).await.expect("filtered").iter().map(&id).collect();
    let by_rust: BTreeSet<i64> = all.iter().filter(|m| rust(m)).map(&id).collect();
    let first_difference = all.iter().find(|m| by_sql.contains(&id(m)) != by_rust.contains(&id(m)));
    assert!(
        first_difference.is_none(),
        "{rule}: SQL says {}, Rust says {} of {first_difference:?}",
        first_difference.is_some_and(|m| by_sql.contains(&id(m))),
        first_difference.is_some_and(|m| by_rust.contains(&id(m))),
    );
    assert_eq!(
        by_sql,
        by_rust,
        "{rule}: SQL and Rust disagree on {:?} and {:?}",
        by_sql.difference(&by_rust).collect::<Vec<_>>(),
        by_rust.difference(&by_sql).collect::<Vec<_>>()
    );
    by_rust.len()
}

async fn ticket_rules_agree_in_rust_and_sql(backend: Backend) {
    let app = seeded(backend).await;
    // Whole seconds: both backends store them exactly.
    let now = DateTime::<Utc>::from_timestamp(Utc::now().timestamp(), 0).expect("now");
    let base = ticket::Entity::find().one(&app.db).await.expect("query").expect("a seeded ticket");
    let past = now - Duration::hours(5);
    let future = now + Duration::hours(5);
    let statuses = [
        TicketStatus::Reported,
        TicketStatus::Accepted,
        TicketStatus::Dispatched,
        TicketStatus::OnSite,
        TicketStatus::Closed,
        TicketStatus::Cancelled,
    ];
    let service_types = [None, Some(ServiceType::Free), Some(ServiceType::Other)];
    let mut n = 0;
    for status in statuses {
        for service_type in service_types {
            for due in [past, now, future] {
                // Not done, done early, on the minute, late.
                for done in [None, Some(due - Duration::hours(1)), Some(due), Some(due + Duration::hours(1))]
                {
                    n += 1;
                    let mut row = base.clone().into_active_model();
                    row.id = sea_orm::ActiveValue::NotSet;
                    row.number = Set(format!("AGREE-{n}"));
                    row.status = Set(status);
                    row.service_type = Set(service_type);
                    row.reply_due_at = Set(due);
                    row.replied_at = Set(done);
                    // The arrival varies the other way round, so the two mix.
                    row.arrival_due_at = Set(due);
                    row.arrived_at = Set(if n % 2 == 0 { done } else { None });
                    row.engineer_id = Set(if n % 3 == 0 { None } else { base.engineer_id });
                    row.insert(&app.db).await.expect("variant");
                }
            }
        }
    }
    type T = ticket::Model;
    let facts = |t: &T| sla::SlaFacts::from(t);
    let id = |t: &T| t.id;
    let cases: [(&str, Condition, Box<dyn Fn(&T) -> bool>); 5] = [
        ("overdue", sla::sql::overdue(ticket::Entity, now), Box::new(move |t| sla::overdue(&facts(t), now))),
        (
            "reply overdue",
            sla::sql::reply_overdue(ticket::Entity, now),
            Box::new(move |t| sla::reply_overdue(&facts(t), now)),
        ),
        (
            "arrival overdue",
            sla::sql::arrival_overdue(ticket::Entity, now),
            Box::new(move |t| sla::arrival_overdue(&facts(t), now)),
        ),
        (
            "reply still owed",
            sla::sql::reply_still_owed_and_late(ticket::Entity, now),
            Box::new(move |t| sla::reply_still_owed_and_late(&facts(t), now)),
        ),
        (
            "arrival still owed",
            sla::sql::arrival_still_owed_and_late(ticket::Entity, now),
            Box::new(move |t| sla::arrival_still_owed_and_late(&facts(t), now)),
        ),
    ];
    let total = ticket::Entity::find().all(&app.db).await.expect("rows").len();
    for (rule, sql, rust) in cases {
        let hits = agree::<ticket::Entity, _>(&app, rule, sql.clone(), &rust, id).await;
        // Each rule must split the rows, or agreeing proves nothing.
        assert!(hits > 0 && hits < total, "{rule}: {hits} of {total}");
        let misses =
            agree::<ticket::Entity, _>(&app, &format!("not {rule}"), sql.not(), |t| !rust(t), id).await;
        assert_eq!(hits + misses, total, "{rule}: its negation is the rest");
    }
    let busy = agree::<ticket::Entity, _>(
        &app,
        "keeps the engineer busy",
        dispatch::keeps_engineer_busy_condition(ticket::Entity),
        |t| t.engineer_id.is_some() && dispatch::keeps_engineer_busy(t.status),
        id,
    )
    .await;
    assert!(busy > 0 && busy < total, "busy: {busy} of {total}");
    the_field_and_the_filter_agree(&app).await;
}

/// Over the API: a ticket is in `tickets(filter: {overdue: true})` exactly
/// when its `deadlines.overdue` says so, which is its reply or its arrival
/// overdue.
async fn the_field_and_the_filter_agree(app: &TestApp) {
    let admin = app.admin_token().await;
    let listed = |overdue: bool| {
        let admin = admin.clone();
        async move {
            let mut numbers = BTreeSet::new();
            let mut after: Option<String> = None;
            loop {
                let page = app
                    .gql(
                        Some(&admin),
                        "query($o: Boolean, $a: String) { tickets(first: 100, after: $a, filter: {overdue: $o}) { \
                         pageInfo { hasNextPage endCursor } \
                         nodes { number deadlines { overdue replyOverdue arrivalOverdue } } } }",
                        serde_json::json!({"o": overdue, "a": after}),
                    )
                    .await;
                let tickets = &page.expect_ok()["tickets"];
                for node in tickets["nodes"].as_array().expect("nodes") {
                    let d = &node["deadlines"];
                    assert_eq!(d["overdue"], overdue, "the field agrees with the filter: {node}");
                    let either = d["replyOverdue"] == true || d["arrivalOverdue"] == true;
                    assert_eq!(d["overdue"], either, "overdue is reply or arrival overdue: {node}");
                    numbers.insert(node["number"].as_str().expect("number").to_owned());
                }
                if tickets["pageInfo"]["hasNextPage"] != true {
                    return numbers;
                }
                after = tickets["pageInfo"]["endCursor"].as_str().map(str::to_owned);
            }
        }
    };
    let (overdue, on_time) = (listed(true).await, listed(false).await);
    assert!(!overdue.is_empty() && !on_time.is_empty());
    assert!(overdue.is_disjoint(&on_time));
    let total = ticket::Entity::find().all(&app.db).await.expect("rows").len();
    assert_eq!(overdue.len() + on_time.len(), total, "every ticket is one or the other");
}

async fn old_part_rules_agree_in_rust_and_sql(backend: Backend) {
    let app = seeded(backend).await;
    let today = Utc::now().date_naive();
    let base = old_part::Entity::find().one(&app.db).await.expect("query").expect("a seeded old part");
    let day = |offset: i64| today + Duration::days(offset);
    let mut n = 0;
    for must_return in [true, false] {
        for collected in [None, Some(day(-1))] {
            for due in [day(-3), day(0), day(3)] {
                for promised in [None, Some(day(-1)), Some(day(0)), Some(day(5))] {
                    for accepted in [false, true] {
                        n += 1;
                        let mut row = base.clone().into_active_model();
                        row.id = sea_orm::ActiveValue::NotSet;
                        row.repair_part_id = Set(None);
                        row.approval_number = Set(format!("AGREE-{n}"));
                        row.must_return = Set(must_return);
                        row.collected_on = Set(collected);
                        row.due_on = Set(due);
                        row.promised_on = Set(promised);
                        row.delay_reason_accepted = Set(accepted);
                        row.insert(&app.db).await.expect("variant");
                    }
                }
            }
        }
    }
    let total = old_part::Entity::find().all(&app.db).await.expect("rows").len();
    for as_of in [today, day(-10), day(10)] {
        let rust =
            |p: &old_part::Model| old_parts::overdue(p.must_return, &old_parts::ReturnDates::of(p), as_of);
        let sql = old_parts::overdue_condition(old_part::Entity, as_of);
        let late = agree::<old_part::Entity, _>(&app, "old part overdue", sql.clone(), rust, |p| p.id).await;
        let rest =
            agree::<old_part::Entity, _>(&app, "old part not overdue", sql.not(), |p| !rust(p), |p| p.id)
                .await;
        assert_eq!(late + rest, total);
        if as_of == today {
            assert!(late > 0 && late < total, "late: {late} of {total}");
        }
    }
}
