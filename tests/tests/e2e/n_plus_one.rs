//! Related objects load through DataLoaders: a page of tickets with every
//! nested object costs (nearly) the same number of SQL statements for 10
//! tickets as for 50.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_graphql::Request;
use migration::{Migrator, MigratorTrait};
use serde_json::json;

use api::graphql::build_schema;
use api::graphql::context::RequestActor;
use api::state::AppState;
use service::auth::{LoginThrottle, TokenIssuer};
use service::config::Settings;
use service::usecase::identity;

use crate::helpers::{Backend, FreshDatabase, test_settings};
use crate::on_both_backends;

on_both_backends!(ticket_page_of_50_costs_no_more_statements_than_a_page_of_10);

const PAGE: &str = "query($n: Int) { tickets(first: $n) { totalCount edges { node { number deadlines { arrivalOverdue }
    customer { name } unit { serialNumber model { code } dealer { code } customer { name } }
    engineer { displayName skills } events { toStatus actorName } quote { total lines { amount part { name } } }
    repairRecord { faultCause parts { quantity part { name } } } } } } }";

async fn ticket_page_of_50_costs_no_more_statements_than_a_page_of_10(backend: Backend) {
    let database = FreshDatabase::create(backend).await;
    // A generous batching window takes timing out of the count: a slow debug
    // build on a busy machine would otherwise split batches, which is latency,
    // not the per-row queries this test is about.
    let settings = Settings { dataloader_delay_ms: 50, ..test_settings(&database.url) };
    let mut db = service::db::connect(&settings).await.expect("connects");
    Migrator::up(&db, None).await.expect("migrates");
    let statements = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let (counter, log) = (statements.clone(), seen.clone());
    db.set_metric_callback(move |info| {
        counter.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut log) = log.lock() {
            log.push(info.statement.sql.chars().take(60).collect());
        }
    });
    service::demo::load(&db).await.expect("demo tickets");
    let admin = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        entity::user::Entity::find()
            .filter(entity::user::Column::Username.eq("admin"))
            .one(&db)
            .await
            .expect("query")
            .expect("the demo admin")
    };
    let actor = identity::load_actor(&db, admin.id).await.expect("actor");
    let state = AppState {
        db: db.clone(),
        tokens: TokenIssuer::new("x".repeat(32).as_str(), 10),
        login_throttle: LoginThrottle::new(5, db.clone(), None),
        actors: Arc::new(api::actor_cache::ActorCache::new(std::time::Duration::ZERO)),
        redis: None,
        events: service::events::EventBus::local(),
        settings: Arc::new(settings),
        jobs: Arc::default(),
        stopping: Default::default(),
    };
    let schema = build_schema(state);
    let mut counts = Vec::new();
    for n in [10, 50] {
        let request = Request::new(PAGE)
            .variables(async_graphql::Variables::from_json(json!({"n": n})))
            .data(RequestActor(Some(actor.clone())));
        statements.store(0, Ordering::SeqCst);
        seen.lock().map(|mut l| l.clear()).ok();
        let response = schema.execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let data = response.data.into_json().expect("json");
        assert_eq!(data["tickets"]["edges"].as_array().map(Vec::len), Some(n));
        counts.push(statements.load(Ordering::SeqCst));
    }
    let last: Vec<String> = seen.lock().map(|l| l.clone()).unwrap_or_default();
    // A loader used at two nesting levels (customers of tickets and of
    // units) may run once or twice depending on whether the first batch
    // is back when the second level asks; per-row loading would add forty.
    assert!(counts[1] <= counts[0] + 2, "statements for 10 and for 50 tickets: {counts:?}\n{last:#?}");
    assert!(counts[1] <= 16, "a page takes a handful of statements, not one per row: {counts:?}");
}
