//! The quarterly failure-recurrence report (故障重复发生): per failure cause,
//! its occurrences (repair records completed in the quarter), parts per
//! occurrence, parts cost, models and units affected, and the trend against
//! the previous quarter; flagged where it breaks the target; Pareto order.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, FromQueryResult, QueryFilter,
};
use serde::Serialize;

use entity::enums::Role;
use entity::repair_record;

use super::{instants, statement};
use crate::auth::Actor;
use crate::config::Settings;
use crate::error::{ServiceError, ServiceResult};
use crate::pagination::{Page, PageRequest, Sort, paginate};
use crate::rules::recurrence::{flags, pareto_shares, previous_quarter, quarter_bounds, trend};
use crate::rules::validate;
use crate::usecase::parts::old_part_reports::money_text;

/// Who reads the quality reports.
pub const READERS: &[Role] = &[Role::Quality, Role::ServiceManager, Role::GeneralManager];

/// One failure cause in the quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CauseRecurrence {
    pub code: String,
    pub name: Option<String>,
    pub occurrences: i64,
    pub previous_occurrences: i64,
    /// Occurrences minus the previous quarter's.
    pub trend: i64,
    pub total_parts: i64,
    pub max_parts_in_one: i64,
    /// Parts at their recorded prices.
    pub cost: Decimal,
    /// Product model codes affected.
    pub models: Vec<String>,
    pub units: i64,
    pub too_frequent: bool,
    pub too_many_parts: bool,
    /// Cumulative share of all occurrences up to this cause, in %.
    pub pareto_share: Decimal,
}

/// The whole quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecurrenceReport {
    pub year: i32,
    pub quarter: u32,
    pub occurrences: i64,
    /// Causes, most frequent first.
    pub causes: Vec<CauseRecurrence>,
}

#[derive(Debug, FromQueryResult)]
struct CauseRow {
    fault_cause: String,
    name: Option<String>,
    occurrences: i64,
    total_parts: i64,
    max_parts: i64,
    cost: Option<String>,
    units: i64,
    /// Model codes, comma-separated.
    models: Option<String>,
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    fault_cause: String,
    occurrences: i64,
}

/// The model codes of a comma-separated list, sorted, each once.
fn model_codes(list: Option<&str>) -> Vec<String> {
    let codes: BTreeSet<&str> = list.unwrap_or_default().split(',').filter(|c| !c.is_empty()).collect();
    codes.into_iter().map(str::to_owned).collect()
}

/// Per repair record in `[from, to)`: its cause, unit, model, parts, cost.
const PER_RECORD: &str = "SELECT rr.id, rr.fault_cause, t.unit_id, u.product_model_id, \
     COALESCE(SUM(rp.quantity), 0) AS parts, COALESCE(SUM(rp.quantity * rp.unit_price), 0) AS parts_cost \
     FROM repair_records rr \
     JOIN tickets t ON t.id = rr.ticket_id \
     JOIN units u ON u.id = t.unit_id \
     LEFT JOIN repair_parts rp ON rp.repair_record_id = rr.id \
     WHERE rr.completed_at >= ? AND rr.completed_at < ? \
     GROUP BY rr.id, rr.fault_cause, t.unit_id, u.product_model_id";

/// The report for `quarter` (1–4) of `year` (QUALITY, SERVICE_MANAGER,
/// GENERAL_MANAGER). Generating the same quarter twice gives the same
/// numbers: only repairs completed in it count.
pub async fn failure_recurrence(
    db: &DatabaseConnection,
    settings: &Settings,
    actor: &Actor,
    year: i32,
    quarter: u32,
) -> ServiceResult<RecurrenceReport> {
    actor.require_any(READERS)?;
    compute(db, settings, year, quarter).await
}

/// The report itself, for the scheduled job as well.
pub async fn compute<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    year: i32,
    quarter: u32,
) -> ServiceResult<RecurrenceReport> {
    let (start, end) =
        quarter_bounds(year, quarter).ok_or_else(|| ServiceError::validation("quarter", "must be 1 to 4"))?;
    let (from, to) = instants(settings, start, end);
    let (py, pq) = previous_quarter(year, quarter);
    let (pstart, pend) =
        quarter_bounds(py, pq).ok_or_else(|| ServiceError::validation("year", "out of range"))?;
    let (pfrom, pto) = instants(settings, pstart, pend);
    let backend = db.get_database_backend();

    // The models affected come along as one list per cause.
    let models_list = match backend {
        DbBackend::Postgres => "STRING_AGG(DISTINCT pm.code, ',')",
        _ => "GROUP_CONCAT(DISTINCT pm.code)",
    };
    let causes_sql = format!(
        "SELECT r.fault_cause, fc.name, COUNT(*) AS occurrences, CAST(SUM(r.parts) AS BIGINT) AS total_parts, \
         CAST(MAX(r.parts) AS BIGINT) AS max_parts, CAST(SUM(r.parts_cost) AS TEXT) AS cost, \
         COUNT(DISTINCT r.unit_id) AS units, {models_list} AS models \
         FROM ({PER_RECORD}) r LEFT JOIN fault_causes fc ON fc.code = r.fault_cause \
         JOIN product_models pm ON pm.id = r.product_model_id \
         GROUP BY r.fault_cause, fc.name"
    );
    let rows = CauseRow::find_by_statement(statement(backend, &causes_sql, vec![from.into(), to.into()]))
        .all(db)
        .await?;
    let previous_sql = "SELECT fault_cause, COUNT(*) AS occurrences FROM repair_records \
         WHERE completed_at >= ? AND completed_at < ? GROUP BY fault_cause";
    let previous: HashMap<String, i64> =
        CountRow::find_by_statement(statement(backend, previous_sql, vec![pfrom.into(), pto.into()]))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.fault_cause, r.occurrences))
            .collect();
    let mut causes = rows
        .into_iter()
        .map(|r| {
            let before = previous.get(&r.fault_cause).copied().unwrap_or(0);
            let flagged = flags(
                r.occurrences,
                r.max_parts,
                settings.policy.recurrence_max_per_quarter,
                settings.policy.recurrence_max_parts_per_occurrence,
            );
            Ok(CauseRecurrence {
                models: model_codes(r.models.as_deref()),
                name: r.name,
                occurrences: r.occurrences,
                previous_occurrences: before,
                trend: trend(r.occurrences, before),
                total_parts: r.total_parts,
                max_parts_in_one: r.max_parts,
                cost: money_text(r.cost)?,
                units: r.units,
                too_frequent: flagged.too_frequent,
                too_many_parts: flagged.too_many_parts,
                pareto_share: Decimal::ZERO,
                code: r.fault_cause,
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    causes.sort_by(|a, b| b.occurrences.cmp(&a.occurrences).then_with(|| a.code.cmp(&b.code)));
    let counts: Vec<i64> = causes.iter().map(|c| c.occurrences).collect();
    for (cause, share) in causes.iter_mut().zip(pareto_shares(&counts)) {
        cause.pareto_share = share;
    }
    Ok(RecurrenceReport { year, quarter, occurrences: counts.iter().sum(), causes })
}

/// The repairs behind one cause of the quarter's report (its drill-down):
/// those completed in the quarter with that cause, in the order recorded
/// (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
pub async fn repairs_of_cause(
    db: &DatabaseConnection,
    settings: &Settings,
    actor: &Actor,
    year: i32,
    quarter: u32,
    cause: &str,
    page: PageRequest,
) -> ServiceResult<Page<repair_record::Model>> {
    actor.require_any(READERS)?;
    let cause = validate::code("cause", cause, 64)?;
    let (start, end) =
        quarter_bounds(year, quarter).ok_or_else(|| ServiceError::validation("quarter", "must be 1 to 4"))?;
    let (from, to) = instants(settings, start, end);
    let select = repair_record::Entity::find()
        .filter(repair_record::Column::FaultCause.eq(cause))
        .filter(repair_record::Column::CompletedAt.gte(from))
        .filter(repair_record::Column::CompletedAt.lt(to));
    paginate(db, select, &Sort::by_id("recurrenceRepairs", repair_record::Column::Id), &page).await
}
