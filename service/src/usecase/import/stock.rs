//! Opening stock (期初库存): the quantity on hand of a part in a warehouse,
//! and its safety stock. The natural key is warehouse + part. The quantity
//! is set, not added: every change of it is written to the ledger as an
//! `ADJUST` movement of the difference, as a count would be, so the books
//! still add up.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

use entity::enums::MovementKind;
use entity::{part, stock_level, stock_movement, warehouse};

use super::fields::{self, Lookup, RowCheck, Seen};
use super::reader::{self, Column, Sheet};
use super::{ImportOptions, Plan, Problem, ProblemCode, Tally};
use crate::auth::Actor;
use crate::error::ServiceResult;

/// Most of one part one warehouse may hold, a bound on typing errors.
const MAX_QUANTITY: i64 = 10_000_000;

/// The ledger's reason for an imported quantity.
const REASON: &str = "opening stock import (期初库存导入)";

pub(super) const COLUMNS: &[Column] = &[
    Column { name: "warehouse", required: true, aliases: &["仓库", "仓库编码", "仓库代码"] },
    Column {
        name: "partNumber", required: true, aliases: &["物料编码", "零件号", "物料号", "零件编码"]
    },
    Column {
        name: "onHand",
        required: true,
        aliases: &["数量", "库存", "库存数量", "在库数量", "期初数量", "期初库存"],
    },
    Column { name: "safetyStock", required: false, aliases: &["安全库存"] },
];

/// What a stock file refers to.
struct Refs {
    warehouse_codes: Lookup,
    warehouse_names: Lookup,
    parts: Lookup,
}

struct StockRow {
    warehouse_id: i64,
    part_id: i64,
    on_hand: i32,
    safety_stock: Option<Option<i32>>,
}

fn check_row(check: &mut RowCheck<'_>, refs: &Refs, seen: &mut Seen<(i64, i64)>) -> Option<StockRow> {
    let warehouse_id = check
        .required("warehouse")
        .and_then(|_| {
            check
                .reference(
                    "warehouse",
                    &[&refs.warehouse_codes, &refs.warehouse_names],
                    ProblemCode::UnknownWarehouse,
                    "warehouse",
                )
                .ok()
        })
        .flatten()
        .flatten();
    let part_id = check
        .required("partNumber")
        .and_then(|_| check.reference("partNumber", &[&refs.parts], ProblemCode::UnknownPart, "part").ok())
        .flatten()
        .flatten();
    if let (Some(store), Some(item)) = (warehouse_id, part_id)
        && let Some(first) = seen.earlier((store, item), check.row.number)
    {
        check.fail(
            "partNumber",
            ProblemCode::Duplicate,
            format!("this part in this warehouse is also on row {first}"),
        );
    }
    let on_hand = check.required("onHand").and_then(|n| {
        fields::integer(n, 0, MAX_QUANTITY)
            .map_err(|why| check.fail("onHand", ProblemCode::BadNumber, why))
            .ok()
    });
    let safety_stock =
        check.optional("safetyStock", ProblemCode::BadNumber, |n| fields::integer(n, 0, MAX_QUANTITY));
    if !check.is_good() {
        return None;
    }
    Some(StockRow {
        warehouse_id: warehouse_id?,
        part_id: part_id?,
        on_hand: on_hand? as i32,
        safety_stock: safety_stock.ok()?.map(|s| s.map(|s| s as i32)),
    })
}

struct Writes {
    creates: Vec<stock_level::ActiveModel>,
    updates: Vec<stock_level::ActiveModel>,
    movements: Vec<stock_movement::ActiveModel>,
}

fn movement(
    row: &StockRow,
    change: i32,
    actor: Option<i64>,
    now: DateTime<Utc>,
) -> stock_movement::ActiveModel {
    stock_movement::ActiveModel {
        warehouse_id: Set(row.warehouse_id),
        part_id: Set(row.part_id),
        kind: Set(MovementKind::Adjust),
        quantity: Set(change),
        balance_after: Set(row.on_hand),
        ticket_id: Set(None),
        requisition_id: Set(None),
        reason: Set(Some(REASON.to_owned())),
        actor_user_id: Set(actor),
        created_at: Set(now),
        ..Default::default()
    }
}

fn plan(
    sheet: &Sheet,
    refs: &Refs,
    existing: &HashMap<(i64, i64), stock_level::Model>,
    actor: Option<i64>,
    now: DateTime<Utc>,
) -> ServiceResult<Plan<Writes>> {
    let columns = reader::locate(&sheet.header, COLUMNS)?;
    let mut problems: Vec<Problem> = Vec::new();
    let mut seen = Seen::default();
    let mut tally = Tally::default();
    let mut writes = Writes { creates: Vec::new(), updates: Vec::new(), movements: Vec::new() };
    for row in &sheet.rows {
        let mut check = RowCheck::new(row, &columns, &mut problems);
        let Some(good) = check_row(&mut check, refs, &mut seen) else { continue };
        let Some(old) = existing.get(&(good.warehouse_id, good.part_id)) else {
            tally.created += 1;
            if good.on_hand != 0 {
                writes.movements.push(movement(&good, good.on_hand, actor, now));
            }
            writes.creates.push(stock_level::ActiveModel {
                warehouse_id: Set(good.warehouse_id),
                part_id: Set(good.part_id),
                on_hand: Set(good.on_hand),
                safety_stock: Set(good.safety_stock.flatten().unwrap_or(0)),
                updated_at: Set(now),
                version: Set(1),
            });
            continue;
        };
        let safety = good.safety_stock.map_or(old.safety_stock, |s| s.unwrap_or(0));
        if (old.on_hand, old.safety_stock) == (good.on_hand, safety) {
            tally.unchanged += 1;
            continue;
        }
        tally.updated += 1;
        if good.on_hand != old.on_hand {
            writes.movements.push(movement(&good, good.on_hand - old.on_hand, actor, now));
        }
        writes.updates.push(stock_level::ActiveModel {
            warehouse_id: Unchanged(good.warehouse_id),
            part_id: Unchanged(good.part_id),
            on_hand: Set(good.on_hand),
            safety_stock: Set(safety),
            updated_at: Set(now),
            version: Set(old.version + 1),
        });
    }
    Ok(Plan { problems, tally, writes })
}

async fn refs<C: ConnectionTrait>(db: &C) -> ServiceResult<Refs> {
    let stores: Vec<(i64, String, String)> = warehouse::Entity::find()
        .select_only()
        .columns([warehouse::Column::Id, warehouse::Column::Code, warehouse::Column::Name])
        .into_tuple()
        .all(db)
        .await?;
    let parts: Vec<(i64, String)> = part::Entity::find()
        .select_only()
        .columns([part::Column::Id, part::Column::PartNumber])
        .into_tuple()
        .all(db)
        .await?;
    Ok(Refs {
        warehouse_codes: Lookup::new(stores.iter().map(|(id, code, _)| (code.clone(), *id))),
        warehouse_names: Lookup::new(stores.iter().map(|(id, _, name)| (name.clone(), *id))),
        parts: Lookup::new(parts.into_iter().map(|(id, number)| (number, id))),
    })
}

pub(super) async fn run<C: ConnectionTrait>(
    db: &C,
    sheet: &Sheet,
    options: ImportOptions,
    actor: &Actor,
) -> ServiceResult<(Vec<Problem>, Tally, bool)> {
    let refs = refs(db).await?;
    let existing: HashMap<(i64, i64), stock_level::Model> = stock_level::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|level| ((level.warehouse_id, level.part_id), level))
        .collect();
    let plan = plan(sheet, &refs, &existing, Some(actor.user_id), Utc::now())?;
    let write = super::writes(&plan, options);
    if write {
        super::insert_chunks(db, plan.writes.creates).await?;
        super::update_each(db, plan.writes.updates).await?;
        super::insert_chunks(db, plan.writes.movements).await?;
    }
    Ok((plan.problems, plan.tally, write))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::import::reader::read;

    #[test]
    fn a_set_quantity_is_ledgered_as_the_difference() {
        let refs = Refs {
            warehouse_codes: Lookup::new([("WH-HQ".to_owned(), 1)]),
            warehouse_names: Lookup::new([("总部仓".to_owned(), 1)]),
            parts: Lookup::new([("P-1".to_owned(), 5), ("P-2".to_owned(), 6)]),
        };
        let now = Utc::now();
        let old = stock_level::Model {
            warehouse_id: 1,
            part_id: 5,
            on_hand: 10,
            safety_stock: 2,
            updated_at: now,
            version: 1,
        };
        let existing = HashMap::from([((1, 5), old)]);
        let sheet = read(
            "仓库,物料编码,期初数量\n总部仓,P-1,14\nWH-HQ,P-2,3\nWH-HQ,P-9,1\nWH-X,P-1,1\nwh-hq,p-2,-4\n"
                .as_bytes(),
            10,
        )
        .expect("read");
        let plan = plan(&sheet, &refs, &existing, None, now).expect("planned");
        let codes: Vec<_> = plan.problems.iter().map(|p| (p.row, p.column, p.code)).collect();
        assert_eq!(
            codes,
            [
                (4, "partNumber", ProblemCode::UnknownPart),
                (5, "warehouse", ProblemCode::UnknownWarehouse),
                (6, "partNumber", ProblemCode::Duplicate),
                (6, "onHand", ProblemCode::BadNumber),
            ]
        );
        assert_eq!(plan.tally, Tally { created: 1, updated: 1, unchanged: 0 });
        let changes: Vec<_> =
            plan.writes.movements.iter().map(|m| (m.quantity.clone(), m.balance_after.clone())).collect();
        assert_eq!(changes, [(Set(4), Set(14)), (Set(3), Set(3))]);
        assert_eq!(plan.writes.updates[0].safety_stock, Set(2), "no safety column: kept");
    }
}
