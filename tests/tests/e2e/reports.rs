//! The management reports over HTTP, on data written straight to the
//! tables so the boundaries are exact: a cause with 10 occurrences and one
//! with 11, an occurrence with 3 parts and one with 4.

use chrono::{DateTime, Duration, Utc};
use entity::enums::Role;
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_backends;
use crate::parts::{business_today, part, site};
use crate::tickets::step;

on_both_backends!(
    failure_recurrence_flags_more_than_ten_occurrences_and_more_than_three_parts,
    fifty_returns_of_one_model_and_production_date_are_a_batch_incident_forty_nine_are_not,
);

pub(crate) async fn repair(
    app: &TestApp,
    ticket: i64,
    engineer: i64,
    cause: &str,
    at: DateTime<Utc>,
    parts: &[(i64, i32)],
) {
    let record = entity::repair_record::ActiveModel {
        ticket_id: Set(ticket),
        engineer_id: Set(engineer),
        arrived_at: Set(at),
        fault_cause: Set(cause.to_owned()),
        measures: Set("更换".into()),
        labour_hours: Set(Decimal::ONE),
        completed_at: Set(at),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("repair record");
    for (part_id, quantity) in parts {
        entity::repair_part::ActiveModel {
            repair_record_id: Set(record.id),
            part_id: Set(*part_id),
            quantity: Set(*quantity),
            unit_price: Set(Decimal::new(12050, 2)),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("repair part");
    }
}

fn cause<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["causes"].as_array().and_then(|c| c.iter().find(|c| c["code"] == code)).expect(code)
}

async fn failure_recurrence_flags_more_than_ten_occurrences_and_more_than_three_parts(backend: Backend) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    part(&app, &site.admin, "HY-PUMP-01", "120.50", "3", None).await;
    let ticket = app.ticket_numbered(&site.number).await.id;
    let engineer = app.user_id("eng.hyd").await;
    let pump = entity::part::Entity::find()
        .filter(entity::part::Column::PartNumber.eq("HY-PUMP-01"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("part")
        .id;
    let today = business_today();
    let (year, quarter) = service::rules::recurrence::quarter_of(today);
    let (start, _) = service::rules::recurrence::quarter_bounds(year, quarter).expect("quarter");
    // Noon on the quarter's first day in Shanghai, and a day before it.
    let in_quarter = start.and_hms_opt(4, 0, 0).expect("time").and_utc();
    let before = in_quarter - Duration::days(2);
    for _ in 0..10 {
        repair(&app, ticket, engineer, "CAUSE-TEN", in_quarter, &[(pump, 1)]).await;
    }
    for _ in 0..11 {
        repair(&app, ticket, engineer, "CAUSE-ELEVEN", in_quarter, &[]).await;
    }
    for _ in 0..2 {
        repair(&app, ticket, engineer, "CAUSE-ELEVEN", before, &[]).await;
    }
    repair(&app, ticket, engineer, "CAUSE-THREE", in_quarter, &[(pump, 3)]).await;
    repair(&app, ticket, engineer, "CAUSE-FOUR", in_quarter, &[(pump, 1), (pump, 3)]).await;

    let query = "query($y: Int!, $q: Int!) { failureRecurrenceReport(year: $y, quarter: $q) { occurrences causes { code occurrences previousOccurrences trend totalParts maxPartsInOne cost models units tooFrequent tooManyParts paretoShare } } }";
    let vars = json!({"y": year, "q": quarter});
    let agent = app.user_with("desk", &[Role::Agent], None).await;
    assert_eq!(app.gql(Some(&agent), query, vars.clone()).await.error_code(), Some("FORBIDDEN"));
    let quality = app.user_with("qa", &[Role::Quality], None).await;
    let report = step(&app, &quality, query, vars.clone()).await["failureRecurrenceReport"].clone();
    assert_eq!(report["occurrences"], 23);
    let order: Vec<&str> =
        report["causes"].as_array().expect("causes").iter().filter_map(|c| c["code"].as_str()).collect();
    assert_eq!(order, ["CAUSE-ELEVEN", "CAUSE-TEN", "CAUSE-FOUR", "CAUSE-THREE"], "Pareto order");

    let eleven = cause(&report, "CAUSE-ELEVEN");
    assert_eq!((eleven["tooFrequent"].as_bool(), eleven["trend"].as_i64()), (Some(true), Some(9)));
    assert_eq!(eleven["previousOccurrences"], 2);
    let ten = cause(&report, "CAUSE-TEN");
    assert_eq!(ten["tooFrequent"], false, "ten is within the target");
    assert_eq!((ten["totalParts"].as_i64(), ten["maxPartsInOne"].as_i64()), (Some(10), Some(1)));
    assert_eq!(ten["cost"], "1205.00");
    assert_eq!(ten["units"], 1);
    assert_eq!(ten["models"].as_array().map(Vec::len), Some(1));
    assert_eq!(cause(&report, "CAUSE-THREE")["tooManyParts"], false, "three parts is within the target");
    let four = cause(&report, "CAUSE-FOUR");
    assert_eq!((four["tooManyParts"].as_bool(), four["maxPartsInOne"].as_i64()), (Some(true), Some(4)));
    assert_eq!(cause(&report, "CAUSE-THREE")["paretoShare"], "100.00");

    let again = step(&app, &quality, query, vars).await["failureRecurrenceReport"].clone();
    assert_eq!(again, report, "the same quarter gives the same numbers");

    // The drill-down: the eleven repairs of the quarter behind CAUSE-ELEVEN
    // (not the two of the quarter before), each with its ticket, in pages.
    let drill = "query($y: Int!, $q: Int!, $c: String!, $after: String) { recurrenceRepairs(year: $y, quarter: $q, cause: $c, first: 6, after: $after) { nodes { faultCause completedAt ticket { number } } pageInfo { hasNextPage endCursor } } }";
    let first =
        step(&app, &quality, drill, json!({"y": year, "q": quarter, "c": "CAUSE-ELEVEN", "after": null}))
            .await;
    let page = &first["recurrenceRepairs"];
    assert_eq!(page["nodes"].as_array().map(Vec::len), Some(6));
    assert_eq!(page["nodes"][0]["ticket"]["number"], site.number.as_str());
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let rest = step(
        &app,
        &quality,
        drill,
        json!({"y": year, "q": quarter, "c": "CAUSE-ELEVEN", "after": page["pageInfo"]["endCursor"]}),
    )
    .await;
    let rest = rest["recurrenceRepairs"]["nodes"].as_array().expect("nodes").clone();
    assert_eq!(rest.len(), 5, "eleven in the quarter");
    assert!(rest.iter().all(|r| r["faultCause"] == "CAUSE-ELEVEN"));
    let refused =
        app.gql(Some(&agent), drill, json!({"y": year, "q": quarter, "c": "CAUSE-TEN", "after": null})).await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"));

    // The limits the dashboard draws its lines at are the configured ones.
    let limits = "{ qualityThresholds { recurrenceMaxPerQuarter recurrenceMaxPartsPerOccurrence batchIncidentUnits majorIncidentUnits majorIncidentLoss } }";
    let shown = step(&app, &quality, limits, json!({})).await;
    assert_eq!(
        shown["qualityThresholds"],
        json!({"recurrenceMaxPerQuarter": 10, "recurrenceMaxPartsPerOccurrence": 3, "batchIncidentUnits": 50, "majorIncidentUnits": 500, "majorIncidentLoss": "20000"})
    );
    assert_eq!(app.gql(Some(&agent), limits, json!({})).await.error_code(), Some("FORBIDDEN"));
}

/// `count` units of `model` made on `made`, each with one fault report now.
async fn returns(app: &TestApp, model: i64, customer: i64, made: &str, count: usize, injury: bool) {
    let now = Utc::now();
    let made: chrono::NaiveDate = made.parse().expect("date");
    for i in 0..count {
        let unit = entity::unit::ActiveModel {
            serial_number: Set(format!("B-{made}-{i:03}")),
            product_model_id: Set(model),
            production_date: Set(made),
            customer_id: Set(Some(customer)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("unit");
        entity::ticket::ActiveModel {
            number: Set(format!("SR-B-{made}-{i:03}")),
            channel: Set(entity::enums::Channel::Phone),
            customer_id: Set(customer),
            unit_id: Set(unit.id),
            fault_description: Set("同批次故障".into()),
            fault_category: Set(entity::enums::FaultCategory::Hydraulic),
            severity: Set(entity::enums::Severity::General),
            status: Set(entity::enums::TicketStatus::Reported),
            reported_at: Set(now),
            reply_due_at: Set(now + Duration::days(1)),
            arrival_due_at: Set(now + Duration::days(2)),
            rework_count: Set(0),
            personal_injury: Set(injury),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("ticket");
    }
}

async fn fifty_returns_of_one_model_and_production_date_are_a_batch_incident_forty_nine_are_not(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let site = site(&app).await;
    let ticket = app.ticket_numbered(&site.number).await;
    let unit =
        entity::unit::Entity::find_by_id(ticket.unit_id).one(&app.db).await.expect("query").expect("unit");
    returns(&app, unit.product_model_id, ticket.customer_id, "2026-03-01", 50, false).await;
    returns(&app, unit.product_model_id, ticket.customer_id, "2026-03-02", 49, false).await;
    returns(&app, unit.product_model_id, ticket.customer_id, "2026-03-03", 1, true).await;

    let today = business_today();
    let query = "query($f: NaiveDate!, $t: NaiveDate!) { batchIncidents(from: $f, to: $t) { productionDate units tickets level personalInjury serialNumbers ticketNumbers } }";
    let vars =
        json!({"f": (today - Duration::days(1)).to_string(), "t": (today + Duration::days(1)).to_string()});
    let quality = app.user_with("qa", &[Role::Quality], None).await;
    let found = step(&app, &quality, query, vars).await["batchIncidents"].clone();
    let dates: Vec<&str> =
        found.as_array().expect("list").iter().filter_map(|i| i["productionDate"].as_str()).collect();
    assert_eq!(dates, ["2026-03-01", "2026-03-03"], "49 units are no incident");
    assert_eq!(found[0]["level"], "BATCH");
    assert_eq!(found[0]["units"], 50);
    assert_eq!(found[0]["serialNumbers"].as_array().map(Vec::len), Some(50));
    assert_eq!(found[0]["ticketNumbers"][0], "SR-B-2026-03-01-000");
    assert_eq!(
        (found[1]["level"].as_str(), found[1]["personalInjury"].as_bool()),
        (Some("MAJOR"), Some(true))
    );

    // The same counts, independently, in SQL.
    let independent = app
        .count(
            "(SELECT u.production_date FROM tickets t JOIN units u ON u.id = t.unit_id \
             GROUP BY u.product_model_id, u.production_date HAVING COUNT(DISTINCT t.unit_id) >= 50) batches",
        )
        .await;
    assert_eq!(independent, 1);
}
