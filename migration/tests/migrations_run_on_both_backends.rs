//! The migrations run on SQLite and PostgreSQL alike: `up` creates exactly
//! the tables of the entities, the entities read and write them, the
//! constraints hold, `down` drops everything, and `up` runs again.
//!
//! PostgreSQL: `TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) must reach a server where
//! the user may create databases; each test creates its own database and
//! drops it afterwards.

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{NaiveDate, TimeZone, Utc};
use entity::enums::{Channel, FaultCategory, PartCategory, Role, Severity, TicketStatus};
use entity::prelude::*;
use entity::{
    audit_log, customer, dealer, engineer, engineer_skill, part, product_model, report, stock_level, ticket,
    unit, user, user_role, warehouse,
};
use migration::{Migrator, MigratorTrait};
use sea_orm::prelude::{DateTimeUtc, Decimal};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    EntityName, EntityTrait, ModelTrait, PaginatorTrait, QueryFilter, Set, Statement,
};

/// The migrations' own bookkeeping table, which `down` leaves in place.
const MIGRATIONS_TABLE: &str = "seaql_migrations";

macro_rules! every_entity {
    ($($entity:ident),+ $(,)?) => {
        /// The table of every entity.
        fn entity_tables() -> BTreeSet<String> {
            [$($entity.table_name()),+].into_iter().map(str::to_owned).collect()
        }

        /// Selects all rows through every entity: fails when an entity names
        /// a column that the migrations did not create.
        async fn select_through_every_entity(db: &DatabaseConnection) -> Result<(), DbErr> {
            $($entity::find().all(db).await?;)+
            Ok(())
        }
    };
}

every_entity!(
    AuditLog,
    CareSchedule,
    Complaint,
    Customer,
    Dealer,
    DealerChargeback,
    DeploymentFact,
    DispatchRotation,
    Engineer,
    EngineerSkill,
    FaultCause,
    Holiday,
    LocalSale,
    LocalSaleItem,
    LocalSaleQuote,
    LoginAttempt,
    Notification,
    OldPart,
    Part,
    ProductModel,
    Quote,
    QuoteLine,
    RepairPart,
    RepairRecord,
    Report,
    Requisition,
    RequisitionLine,
    ResponsibilityDetermination,
    ReturnVisit,
    ServiceContract,
    ServiceTariff,
    StockLevel,
    StockMovement,
    Stocktake,
    StocktakeLine,
    Ticket,
    TicketEvent,
    TicketSequence,
    Unit,
    User,
    UserRole,
    Warehouse,
    WarrantyPolicy,
);

// ---------------------------------------------------------------- the tests

#[tokio::test]
async fn sqlite_up_creates_every_entity_table_down_drops_them_and_up_runs_again() {
    on_sqlite(up_down_up).await;
}

#[tokio::test]
async fn postgres_up_creates_every_entity_table_down_drops_them_and_up_runs_again() {
    on_postgres(up_down_up).await;
}

#[tokio::test]
async fn sqlite_entities_round_trip_through_the_migrated_schema() {
    on_sqlite(entities_round_trip).await;
}

#[tokio::test]
async fn postgres_entities_round_trip_through_the_migrated_schema() {
    on_postgres(entities_round_trip).await;
}

#[tokio::test]
async fn sqlite_stock_level_on_hand_cannot_go_negative() {
    on_sqlite(on_hand_cannot_go_negative).await;
}

#[tokio::test]
async fn postgres_stock_level_on_hand_cannot_go_negative() {
    on_postgres(on_hand_cannot_go_negative).await;
}

#[tokio::test]
async fn sqlite_unique_keys_and_foreign_keys_are_enforced() {
    on_sqlite(unique_and_foreign_keys_are_enforced).await;
}

#[tokio::test]
async fn postgres_unique_keys_and_foreign_keys_are_enforced() {
    on_postgres(unique_and_foreign_keys_are_enforced).await;
}

// ---------------------------------------------------------------- bodies

async fn up_down_up(db: DatabaseConnection) -> Result<(), DbErr> {
    let mut with_migrations = entity_tables();
    with_migrations.insert(MIGRATIONS_TABLE.to_owned());

    Migrator::up(&db, None).await?;
    assert_eq!(tables_in(&db).await?, with_migrations);
    select_through_every_entity(&db).await?;
    let migrations = Migrator::migrations().len();
    assert_eq!(Migrator::get_applied_migrations(&db).await?.len(), migrations);

    Migrator::down(&db, None).await?;
    assert_eq!(tables_in(&db).await?, BTreeSet::from([MIGRATIONS_TABLE.to_owned()]));
    assert_eq!(Migrator::get_pending_migrations(&db).await?.len(), migrations);

    Migrator::up(&db, None).await?;
    assert_eq!(tables_in(&db).await?, with_migrations);
    select_through_every_entity(&db).await?;
    Ok(())
}

async fn entities_round_trip(db: DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(&db, None).await?;
    let now = at(2026, 11, 25, 8, 30);

    let dealer = new_dealer(&db, "D001", now).await?;
    assert_eq!(dealer.version, 1, "version defaults to 1");
    assert_eq!(Dealer::find_by_id(dealer.id).one(&db).await?, Some(dealer.clone()));

    let user = new_user(&db, "li.wei", Some(dealer.id), now).await?;
    assert!(user.active, "active defaults to true");
    user_role::ActiveModel { user_id: Set(user.id), role: Set(Role::Dealer) }.insert(&db).await?;
    user_role::ActiveModel { user_id: Set(user.id), role: Set(Role::ServiceManager) }.insert(&db).await?;
    let mut roles: Vec<Role> =
        user.find_related(UserRole).all(&db).await?.into_iter().map(|r| r.role).collect();
    roles.sort_by_key(|r| r.as_str());
    assert_eq!(roles, [Role::Dealer, Role::ServiceManager]);
    assert_eq!(User::find_by_id(user.id).one(&db).await?, Some(user.clone()));

    let engineer_user = new_user(&db, "zhang.min", None, now).await?;
    let engineer = engineer::ActiveModel {
        user_id: Set(engineer_user.id),
        region: Set("Shandong".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert!(engineer.available, "available defaults to true");
    engineer_skill::ActiveModel {
        engineer_id: Set(engineer.user_id),
        skill: Set(FaultCategory::ControlSystem),
    }
    .insert(&db)
    .await?;
    let skills = engineer.find_related(EngineerSkill).all(&db).await?;
    assert_eq!(skills.len(), 1);
    assert_eq!(skills[0].skill, FaultCategory::ControlSystem);

    let customer = customer::ActiveModel {
        name: Set("Jinan Construction".into()),
        province: Set("Shandong".into()),
        distance_km: Set(120),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert!(!customer.key_customer, "key_customer defaults to false");

    let price = Decimal::new(123_456_789, 2); // 1 234 567.89
    let model = product_model::ActiveModel {
        code: Set("EX-210".into()),
        name: Set("Excavator 21 t".into()),
        category: Set("EXCAVATOR".into()),
        default_warranty_months: Set(24),
        sale_price: Set(price),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert_eq!(
        ProductModel::find_by_id(model.id).one(&db).await?.map(|m| m.sale_price),
        Some(price),
        "money keeps its cents"
    );

    let unit = unit::ActiveModel {
        serial_number: Set("SN-0001".into()),
        product_model_id: Set(model.id),
        production_date: Set(day(2026, 1, 15)),
        invoice_date: Set(Some(day(2026, 2, 1))),
        customer_id: Set(Some(customer.id)),
        dealer_id: Set(Some(dealer.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert_eq!(Unit::find_by_id(unit.id).one(&db).await?, Some(unit.clone()));

    let ticket = ticket::ActiveModel {
        number: Set("T2026-000001".into()),
        channel: Set(Channel::WalkIn),
        customer_id: Set(customer.id),
        unit_id: Set(unit.id),
        dealer_id: Set(unit.dealer_id),
        fault_description: Set("Boom drifts down under load".into()),
        fault_category: Set(FaultCategory::Hydraulic),
        severity: Set(Severity::Major),
        status: Set(TicketStatus::OnSite),
        engineer_id: Set(Some(engineer.user_id)),
        reported_at: Set(now),
        reply_due_at: Set(at(2026, 11, 25, 9, 0)),
        arrival_due_at: Set(at(2026, 11, 26, 8, 30)),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert_eq!(ticket.rework_count, 0, "rework_count defaults to 0");
    assert_eq!(ticket.service_type, None);
    assert_eq!(Ticket::find_by_id(ticket.id).one(&db).await?, Some(ticket.clone()));
    assert_eq!(
        Ticket::find()
            .filter(ticket::Column::Status.eq(TicketStatus::OnSite))
            .filter(ticket::Column::ReportedAt.lte(now))
            .count(&db)
            .await?,
        1,
        "enums and times compare in queries"
    );
    assert_eq!(ticket.find_related(Engineer).one(&db).await?, Some(engineer));

    let entry = audit_log::ActiveModel {
        actor_user_id: Set(Some(user.id)),
        action: Set("ticket.dispatch".into()),
        entity_type: Set("ticket".into()),
        entity_id: Set(Some(ticket.id.to_string())),
        before: Set(Some(serde_json::json!({ "status": "QUOTE_APPROVED" }))),
        after: Set(Some(serde_json::to_value(&ticket).map_err(|e| DbErr::Custom(e.to_string()))?)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert_eq!(AuditLog::find_by_id(entry.id).one(&db).await?, Some(entry));

    let report = report::ActiveModel {
        kind: Set("RECURRENCE".into()),
        period: Set("2026-11".into()),
        parameters: Set(serde_json::json!({ "top": 10 })),
        data: Set(serde_json::json!([{ "cause": "seal", "count": 3 }])),
        xlsx: Set(Some(vec![0x50, 0x4b, 0x03, 0x04, 0x00, 0xff])),
        chart_svg: Set(None),
        generated_at: Set(now),
        generated_by: Set(Some(user.id)),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert_eq!(Report::find_by_id(report.id).one(&db).await?, Some(report));
    Ok(())
}

async fn on_hand_cannot_go_negative(db: DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(&db, None).await?;
    let now = at(2026, 11, 25, 8, 30);
    let warehouse = warehouse::ActiveModel {
        code: Set("WH-JN".into()),
        name: Set("Jinan".into()),
        region: Set("Shandong".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    let seal = new_part(&db, "P-100", now).await?;
    let pump = new_part(&db, "P-200", now).await?;

    let level = stock_level::ActiveModel {
        warehouse_id: Set(warehouse.id),
        part_id: Set(seal.id),
        on_hand: Set(0),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert_eq!((level.on_hand, level.safety_stock, level.version), (0, 0, 1));

    let negative = stock_level::ActiveModel {
        warehouse_id: Set(warehouse.id),
        part_id: Set(pump.id),
        on_hand: Set(-1),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .expect_err("a negative on_hand is rejected on insert");
    assert_check_violation(&negative);

    let taken = StockLevel::update_many()
        .col_expr(stock_level::Column::OnHand, Expr::col(stock_level::Column::OnHand).sub(1))
        .filter(stock_level::Column::WarehouseId.eq(warehouse.id))
        .filter(stock_level::Column::PartId.eq(seal.id))
        .exec(&db)
        .await
        .expect_err("taking from an empty shelf is rejected");
    assert_check_violation(&taken);

    let levels = StockLevel::find().all(&db).await?;
    assert_eq!(levels, [level], "nothing changed");
    Ok(())
}

async fn unique_and_foreign_keys_are_enforced(db: DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(&db, None).await?;
    let now = at(2026, 11, 25, 8, 30);
    new_dealer(&db, "D001", now).await?;
    new_dealer(&db, "D001", now).await.expect_err("dealer codes are unique");
    new_user(&db, "orphan", Some(999), now).await.expect_err("a user cannot point at a missing dealer");

    let dealer = new_dealer(&db, "D002", now).await?;
    new_user(&db, "li.wei", Some(dealer.id), now).await?;
    Dealer::delete_by_id(dealer.id)
        .exec(&db)
        .await
        .expect_err("a dealer with users cannot be deleted (ON DELETE RESTRICT)");

    let user = new_user(&db, "wang.fang", None, now).await?;
    user_role::ActiveModel { user_id: Set(user.id), role: Set(Role::Agent) }.insert(&db).await?;
    User::delete_by_id(user.id).exec(&db).await?;
    assert_eq!(UserRole::find().count(&db).await?, 0, "roles go with their user (ON DELETE CASCADE)");
    Ok(())
}

// ---------------------------------------------------------------- helpers

fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTimeUtc {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0).single().expect("a valid UTC time")
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

async fn new_dealer(db: &DatabaseConnection, code: &str, now: DateTimeUtc) -> Result<dealer::Model, DbErr> {
    dealer::ActiveModel {
        code: Set(code.into()),
        name: Set(format!("Dealer {code}")),
        region: Set("Shandong".into()),
        phone: Set(Some("+86 531 8000 0000".into())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

async fn new_user(
    db: &DatabaseConnection,
    username: &str,
    dealer_id: Option<i64>,
    now: DateTimeUtc,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        username: Set(username.into()),
        password_hash: Set("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
        display_name: Set(username.into()),
        dealer_id: Set(dealer_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

async fn new_part(db: &DatabaseConnection, number: &str, now: DateTimeUtc) -> Result<part::Model, DbErr> {
    part::ActiveModel {
        part_number: Set(number.into()),
        name: Set(format!("Part {number}")),
        unit_price: Set(Decimal::new(1250, 2)),
        weight_kg: Set(Decimal::new(1_250, 3)),
        category: Set(PartCategory::Hydraulic),
        critical: Set(false),
        imported: Set(false),
        valuable: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

fn assert_check_violation(err: &DbErr) {
    assert!(
        err.to_string().contains("ck_stock_levels_on_hand_not_negative"),
        "expected the on_hand CHECK to fail, got: {err}"
    );
}

/// The tables of the connected database (SQLite's own excluded).
async fn tables_in(db: &DatabaseConnection) -> Result<BTreeSet<String>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        DbBackend::Postgres => {
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema()"
        }
        other => panic!("no table listing for {other:?}"),
    };
    db.query_all_raw(Statement::from_string(backend, sql))
        .await?
        .iter()
        .map(|row| row.try_get::<String>("", "name"))
        .collect()
}

/// Runs `test` on a fresh in-memory SQLite database.
async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: Future<Output = Result<(), DbErr>>,
{
    let db = Database::connect("sqlite::memory:").await.expect("open an in-memory SQLite database");
    test(db).await.expect("the test body succeeds on SQLite");
}

/// Runs `test` on a fresh PostgreSQL database, dropped afterwards even when
/// the test fails.
async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: Future<Output = Result<(), DbErr>> + Send + 'static,
{
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let admin_url = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or_default();
    let name = format!(
        "aftersales_migration_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );

    let admin = Database::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("connect to PostgreSQL at {admin_url}: {e}"));
    admin
        .execute_unprepared(&format!(r#"CREATE DATABASE "{name}""#))
        .await
        .expect("create the test database");

    let db = Database::connect(&database_url(&admin_url, &name)).await.expect("connect to the test database");
    let outcome = tokio::spawn(test(db)).await;

    admin
        .execute_unprepared(&format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#))
        .await
        .expect("drop the test database");
    match outcome {
        Ok(result) => result.expect("the test body succeeds on PostgreSQL"),
        Err(join_error) => std::panic::resume_unwind(join_error.into_panic()),
    }
}

/// `admin_url` with its database name replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin_url, None),
    };
    let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}
