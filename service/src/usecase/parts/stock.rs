//! Stock per warehouse and part (库存) and its ledger: every change of the
//! book quantity is one movement row written in the same transaction as the
//! change. The quantity moves by a guarded `UPDATE … WHERE on_hand + n >= 0`,
//! so concurrent issues of the last units can never oversell: the database
//! serialises them on the row, and the loser sees `INSUFFICIENT_STOCK`.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use entity::enums::{MovementKind, Role, StocktakeStatus};
use entity::{part, stock_level, stock_movement, stocktake, stocktake_line, warehouse};

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::stock::{self as rules, StockError};
use crate::rules::validate;

/// Most stock levels one list returns.
const MAX_LEVELS: u64 = 5_000;

/// Who keeps the books of a warehouse.
pub const STOCK_KEEPERS: &[Role] = &[Role::Warehouse, Role::ServiceManager];

/// One change of stock.
#[derive(Debug, Clone)]
pub struct Movement {
    pub warehouse_id: i64,
    pub part_id: i64,
    pub kind: MovementKind,
    /// As the user says it: positive for receipts, issues and returns;
    /// signed for adjustments and counts.
    pub quantity: i32,
    pub ticket_id: Option<i64>,
    pub requisition_id: Option<i64>,
    pub reason: Option<String>,
}

async fn part_and_warehouse<C: ConnectionTrait>(
    db: &C,
    warehouse_id: i64,
    part_id: i64,
) -> ServiceResult<(warehouse::Model, part::Model)> {
    let store = warehouse::Entity::find_by_id(warehouse_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("warehouse", warehouse_id))?;
    let item = part::Entity::find_by_id(part_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("part", part_id))?;
    Ok((store, item))
}

/// Books `movement` inside the caller's transaction and returns the ledger
/// row. Taking more than is on hand is `INSUFFICIENT_STOCK`.
pub async fn book<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    movement: Movement,
) -> ServiceResult<stock_movement::Model> {
    let signed = rules::signed_quantity(movement.kind, movement.quantity).map_err(|e| match e {
        StockError::BadQuantity(message) => ServiceError::validation("quantity", message),
        StockError::Insufficient { .. } | StockError::AboveMaximum { .. } => {
            ServiceError::Internal("sign check reported a balance".into())
        }
    })?;
    let (store, item) = part_and_warehouse(db, movement.warehouse_id, movement.part_id).await?;
    let now = Utc::now();
    stock_level::Entity::insert(stock_level::ActiveModel {
        warehouse_id: Set(store.id),
        part_id: Set(item.id),
        on_hand: Set(0),
        safety_stock: Set(0),
        updated_at: Set(now),
        version: Set(1),
    })
    .on_conflict_do_nothing_on([stock_level::Column::WarehouseId, stock_level::Column::PartId])
    .exec_without_returning(db)
    .await?;
    // The guard in the WHERE clause is what stops an oversell: of two
    // issues of the last unit, the second finds the row already at zero.
    // Its upper bound keeps the book inside the column however many
    // receipts race (the bounds of `rules::balance_after`).
    let updated = stock_level::Entity::update_many()
        .col_expr(stock_level::Column::OnHand, Expr::col(stock_level::Column::OnHand).add(signed))
        .col_expr(stock_level::Column::Version, Expr::col(stock_level::Column::Version).add(1))
        .col_expr(stock_level::Column::UpdatedAt, Expr::value(now))
        .filter(stock_level::Column::WarehouseId.eq(store.id))
        .filter(stock_level::Column::PartId.eq(item.id))
        .filter(Expr::col(stock_level::Column::OnHand).add(signed).gte(0))
        .filter(Expr::col(stock_level::Column::OnHand).add(signed).lte(rules::MAX_ON_HAND))
        .exec(db)
        .await?;
    let level = stock_level::Entity::find_by_id((store.id, item.id))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal("stock level vanished".into()))?;
    if updated.rows_affected == 0 {
        return Err(match rules::balance_after(level.on_hand, signed) {
            Err(StockError::AboveMaximum { on_hand, adding }) => ServiceError::validation(
                "quantity",
                format!(
                    "warehouse {} has {on_hand} of part {} on hand; {adding} more would pass the most \
                     one part's book holds, {}",
                    store.code,
                    item.part_number,
                    rules::MAX_ON_HAND
                ),
            ),
            _ => ServiceError::InsufficientStock(format!(
                "warehouse {} has {} of part {} on hand, {} wanted",
                store.code,
                level.on_hand,
                item.part_number,
                signed.saturating_neg()
            )),
        });
    }
    let row = stock_movement::ActiveModel {
        warehouse_id: Set(store.id),
        part_id: Set(item.id),
        kind: Set(movement.kind),
        quantity: Set(signed),
        balance_after: Set(level.on_hand),
        ticket_id: Set(movement.ticket_id),
        requisition_id: Set(movement.requisition_id),
        reason: Set(movement.reason),
        actor_user_id: Set(actor.map(|a| a.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row)
}

/// The warehouse that supplies an engineer: the regional one of their
/// province, else head office.
pub async fn warehouse_for_engineer<C: ConnectionTrait>(
    db: &C,
    engineer_id: i64,
) -> ServiceResult<warehouse::Model> {
    let region = entity::engineer::Entity::find_by_id(engineer_id).one(db).await?.map(|e| e.region);
    let regional = match region.as_deref() {
        Some(region) => {
            warehouse::Entity::find()
                .filter(warehouse::Column::Region.eq(region))
                .filter(warehouse::Column::HeadOffice.eq(false))
                .order_by_asc(warehouse::Column::Id)
                .one(db)
                .await?
        }
        None => None,
    };
    if let Some(found) = regional {
        return Ok(found);
    }
    warehouse::Entity::find()
        .filter(warehouse::Column::HeadOffice.eq(true))
        .order_by_asc(warehouse::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| {
            ServiceError::validation(
                "parts",
                format!("no warehouse serves {}; set one up first", region.unwrap_or_default()),
            )
        })
}

/// Issues against `job` what its repair records fitted beyond what was
/// already issued to it (by requisition or earlier repairs), from the
/// engineer's warehouse.
pub async fn issue_fitted<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    job: &entity::ticket::Model,
    engineer_id: i64,
    part_ids: &[i64],
) -> ServiceResult<()> {
    let mut ids = part_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut store = None;
    for part_id in ids {
        let unfitted = super::requisitions::unfitted_on_ticket(db, job.id, part_id).await?;
        if unfitted >= 0 {
            continue;
        }
        let warehouse_id = match &store {
            Some(id) => *id,
            None => *store.insert(warehouse_for_engineer(db, engineer_id).await?.id),
        };
        let movement = Movement {
            warehouse_id,
            part_id,
            kind: MovementKind::Issue,
            quantity: -unfitted,
            ticket_id: Some(job.id),
            requisition_id: None,
            reason: Some(format!("fitted on {}", job.number)),
        };
        book(db, Some(actor), movement).await?;
    }
    Ok(())
}

/// Receives parts into a warehouse (入库).
pub async fn receive(
    db: &DatabaseConnection,
    actor: &Actor,
    warehouse_id: i64,
    part_id: i64,
    quantity: i32,
    note: Option<&str>,
) -> ServiceResult<stock_movement::Model> {
    actor.require_any(STOCK_KEEPERS)?;
    let reason = validate::optional_text("note", note, 500)?;
    let txn = begin_write(db).await?;
    let kind = MovementKind::Receive;
    let movement =
        Movement { warehouse_id, part_id, kind, quantity, ticket_id: None, requisition_id: None, reason };
    let row = book(&txn, Some(actor), movement).await?;
    audit::record(&txn, Some(actor), AuditEntry::created("stock.receive", "stock_movement", row.id, &row))
        .await?;
    txn.commit().await?;
    Ok(row)
}

/// Issues parts to a ticket over the counter (出库), without a
/// requisition: the ticket must be between acceptance and repair.
pub async fn issue_to_ticket(
    db: &DatabaseConnection,
    actor: &Actor,
    warehouse_id: i64,
    part_id: i64,
    quantity: i32,
    ticket_id: i64,
) -> ServiceResult<stock_movement::Model> {
    actor.require_any(&[Role::Warehouse])?;
    let txn = begin_write(db).await?;
    let job = crate::usecase::tickets::visible_ticket(&txn, actor, ticket_id).await?;
    if !super::requisitions::takes_parts(job.status) {
        return Err(ServiceError::InvalidTransition(format!(
            "ticket {} is {}; parts are issued between acceptance and repair",
            job.number,
            job.status.as_str()
        )));
    }
    let movement = Movement {
        warehouse_id,
        part_id,
        kind: MovementKind::Issue,
        quantity,
        ticket_id: Some(job.id),
        requisition_id: None,
        reason: Some(format!("issued to {}", job.number)),
    };
    let row = book(&txn, Some(actor), movement).await?;
    audit::record(&txn, Some(actor), AuditEntry::created("stock.issue", "stock_movement", row.id, &row))
        .await?;
    txn.commit().await?;
    Ok(row)
}

/// Takes unfitted parts back from a ticket (退库): at most what is out on
/// the ticket and not fitted by its repair records.
pub async fn return_from_ticket(
    db: &DatabaseConnection,
    actor: &Actor,
    warehouse_id: i64,
    part_id: i64,
    quantity: i32,
    ticket_id: i64,
) -> ServiceResult<stock_movement::Model> {
    actor.require_any(&[Role::Warehouse])?;
    let txn = begin_write(db).await?;
    let job = crate::usecase::tickets::visible_ticket(&txn, actor, ticket_id).await?;
    let out = super::requisitions::unfitted_on_ticket(&txn, job.id, part_id).await?;
    if quantity > out {
        return Err(ServiceError::validation(
            "quantity",
            format!(
                "ticket {} has {} of part {part_id} out and unfitted; {quantity} cannot come back",
                job.number,
                Ord::max(out, 0)
            ),
        ));
    }
    let movement = Movement {
        warehouse_id,
        part_id,
        kind: MovementKind::Return,
        quantity,
        ticket_id: Some(job.id),
        requisition_id: None,
        reason: Some(format!("back from {}", job.number)),
    };
    let row = book(&txn, Some(actor), movement).await?;
    audit::record(&txn, Some(actor), AuditEntry::created("stock.return", "stock_movement", row.id, &row))
        .await?;
    txn.commit().await?;
    Ok(row)
}

/// Corrects the book by `delta` (damage, loss, a found box); the reason is
/// required.
pub async fn adjust(
    db: &DatabaseConnection,
    actor: &Actor,
    warehouse_id: i64,
    part_id: i64,
    delta: i32,
    reason: &str,
) -> ServiceResult<stock_movement::Model> {
    actor.require_any(STOCK_KEEPERS)?;
    let reason = validate::required_text("reason", reason, 500)?;
    let txn = begin_write(db).await?;
    let movement = Movement {
        warehouse_id,
        part_id,
        kind: MovementKind::Adjust,
        quantity: delta,
        ticket_id: None,
        requisition_id: None,
        reason: Some(reason),
    };
    let row = book(&txn, Some(actor), movement).await?;
    audit::record(&txn, Some(actor), AuditEntry::created("stock.adjust", "stock_movement", row.id, &row))
        .await?;
    txn.commit().await?;
    Ok(row)
}

/// Sets the safety stock (安全库存) of a part in a warehouse.
pub async fn set_safety_stock(
    db: &DatabaseConnection,
    actor: &Actor,
    warehouse_id: i64,
    part_id: i64,
    safety_stock: i32,
) -> ServiceResult<stock_level::Model> {
    actor.require_any(STOCK_KEEPERS)?;
    validate::in_range("safetyStock", i64::from(safety_stock), 0, i64::from(rules::MAX_ON_HAND))?;
    let txn = begin_write(db).await?;
    let (store, item) = part_and_warehouse(&txn, warehouse_id, part_id).await?;
    let now = Utc::now();
    let before = stock_level::Entity::find_by_id((store.id, item.id)).one(&txn).await?;
    stock_level::Entity::insert(stock_level::ActiveModel {
        warehouse_id: Set(store.id),
        part_id: Set(item.id),
        on_hand: Set(0),
        safety_stock: Set(safety_stock),
        updated_at: Set(now),
        version: Set(1),
    })
    .on_conflict_do_nothing_on([stock_level::Column::WarehouseId, stock_level::Column::PartId])
    .exec_without_returning(&txn)
    .await?;
    stock_level::Entity::update_many()
        .col_expr(stock_level::Column::SafetyStock, Expr::value(safety_stock))
        .col_expr(stock_level::Column::Version, Expr::col(stock_level::Column::Version).add(1))
        .col_expr(stock_level::Column::UpdatedAt, Expr::value(now))
        .filter(stock_level::Column::WarehouseId.eq(store.id))
        .filter(stock_level::Column::PartId.eq(item.id))
        .exec(&txn)
        .await?;
    let after = stock_level::Entity::find_by_id((store.id, item.id))
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::Internal("stock level vanished".into()))?;
    let entry = AuditEntry::changed("stock.safety", "stock_level", item.id, &before, &after);
    audit::record(&txn, Some(actor), entry).await?;
    txn.commit().await?;
    Ok(after)
}

/// One counted shelf in a stocktake.
#[derive(Debug, Clone, Copy)]
pub struct Count {
    pub part_id: i64,
    pub counted: i32,
}

/// A count (盘点) of a warehouse: each counted part's book quantity is
/// compared with the shelf, the difference is booked as a STOCKTAKE
/// movement, and the stocktake keeps book, counted and difference per line.
pub async fn stocktake(
    db: &DatabaseConnection,
    actor: &Actor,
    warehouse_id: i64,
    counts: &[Count],
) -> ServiceResult<(stocktake::Model, Vec<stocktake_line::Model>)> {
    actor.require_any(STOCK_KEEPERS)?;
    if counts.is_empty() {
        return Err(ServiceError::validation("counts", "count at least one part"));
    }
    for count in counts {
        validate::in_range("counts.counted", i64::from(count.counted), 0, i64::from(rules::MAX_ON_HAND))?;
    }
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = counts.iter().find(|c| !seen.insert(c.part_id)) {
        return Err(ServiceError::validation("counts", format!("part {} is counted twice", twice.part_id)));
    }
    let txn = begin_write(db).await?;
    warehouse::Entity::find_by_id(warehouse_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("warehouse", warehouse_id))?;
    let now = Utc::now();
    let take = stocktake::ActiveModel {
        warehouse_id: Set(warehouse_id),
        status: Set(StocktakeStatus::Closed),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        closed_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut lines = Vec::with_capacity(counts.len());
    for count in counts {
        part_and_warehouse(&txn, warehouse_id, count.part_id).await?;
        let mut level = stock_level::Entity::find_by_id((warehouse_id, count.part_id));
        // The book must not move between reading it and booking the
        // difference; SQLite's write transaction already excludes writers.
        if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
            level = level.lock_exclusive();
        }
        let book_quantity = level.one(&txn).await?.map_or(0, |level| level.on_hand);
        let difference = rules::stocktake_difference(book_quantity, count.counted);
        if difference != 0 {
            let movement = Movement {
                warehouse_id,
                part_id: count.part_id,
                kind: MovementKind::Stocktake,
                quantity: difference,
                ticket_id: None,
                requisition_id: None,
                reason: Some(format!("stocktake {}", take.id)),
            };
            book(&txn, Some(actor), movement).await?;
        }
        let line = stocktake_line::ActiveModel {
            stocktake_id: Set(take.id),
            part_id: Set(count.part_id),
            book_quantity: Set(book_quantity),
            counted_quantity: Set(count.counted),
            difference: Set(difference),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        lines.push(line);
    }
    audit::record(&txn, Some(actor), AuditEntry::created("stock.stocktake", "stocktake", take.id, &lines))
        .await?;
    txn.commit().await?;
    Ok((take, lines))
}

/// Which stock levels to list.
#[derive(Debug, Clone, Default)]
pub struct StockFilter {
    pub warehouse_id: Option<i64>,
    pub part_id: Option<i64>,
    /// Only parts below their safety stock (reorder alert).
    pub below_safety_stock: bool,
}

/// Stock levels, by warehouse and part.
pub async fn list_levels(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: StockFilter,
) -> ServiceResult<Vec<stock_level::Model>> {
    actor.require_any(crate::auth::roles::STAFF)?;
    let mut select = stock_level::Entity::find();
    if let Some(id) = filter.warehouse_id {
        select = select.filter(stock_level::Column::WarehouseId.eq(id));
    }
    if let Some(id) = filter.part_id {
        select = select.filter(stock_level::Column::PartId.eq(id));
    }
    if filter.below_safety_stock {
        select = select
            .filter(Expr::col(stock_level::Column::OnHand).lt(Expr::col(stock_level::Column::SafetyStock)));
    }
    let levels = select
        .order_by_asc(stock_level::Column::WarehouseId)
        .order_by_asc(stock_level::Column::PartId)
        .limit(MAX_LEVELS)
        .all(db)
        .await?;
    Ok(levels)
}

/// Which ledger rows to list.
#[derive(Debug, Clone, Default)]
pub struct MovementFilter {
    pub warehouse_id: Option<i64>,
    pub part_id: Option<i64>,
    pub ticket_id: Option<i64>,
    pub kind: Option<MovementKind>,
}

/// The ledger, oldest first.
pub async fn list_movements(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: MovementFilter,
    page: PageRequest,
) -> ServiceResult<Page<stock_movement::Model>> {
    actor.require_any(crate::auth::roles::STAFF)?;
    let mut select = stock_movement::Entity::find();
    if let Some(id) = filter.warehouse_id {
        select = select.filter(stock_movement::Column::WarehouseId.eq(id));
    }
    if let Some(id) = filter.part_id {
        select = select.filter(stock_movement::Column::PartId.eq(id));
    }
    if let Some(id) = filter.ticket_id {
        select = select.filter(stock_movement::Column::TicketId.eq(id));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(stock_movement::Column::Kind.eq(kind));
    }
    paginate(db, select, &Sort::by_id("stockMovements", stock_movement::Column::Id), &page).await
}
