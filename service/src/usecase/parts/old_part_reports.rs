//! Reading old parts: the list with its filters, the totals outstanding and
//! overdue by region and engineer, and the return progress report
//! (旧件返司进度汇报表) with exactly the regulation's 18 columns.

use chrono::NaiveDate;
use futures::{Stream, StreamExt};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, StreamTrait,
};

use entity::enums::{OldPartStatus, Role};
use entity::{old_part, part, unit, user};

use crate::auth::Actor;
use crate::error::{ServiceError, ServiceResult};
use crate::export::Cell;
use crate::ordering::OldPartOrder;
use crate::pagination::{OrderBy, Page, PageRequest, paginate_positional};
use crate::rules::money::cents;
use crate::rules::old_parts::{self, ReturnDates, delay_days};

/// Which old parts.
#[derive(Debug, Clone, Default)]
pub struct OldPartFilter {
    pub status: Option<OldPartStatus>,
    /// Late on `as_of` and not handed in (true), or not (false).
    pub overdue: Option<bool>,
    pub engineer_id: Option<i64>,
    /// Only the acting engineer's own.
    pub mine: bool,
    pub region: Option<String>,
    pub dealer_id: Option<i64>,
    /// Application date (申请日期) from, inclusive.
    pub from: Option<NaiveDate>,
    /// Application date up to, inclusive.
    pub to: Option<NaiveDate>,
}

/// Must come back and head office does not have it yet.
fn outstanding() -> Condition {
    Condition::all()
        .add(old_part::Column::MustReturn.eq(true))
        .add(old_part::Column::ReceivedOn.is_null())
        .add(old_part::Column::Status.ne(OldPartStatus::Disposed))
}

/// `SUM(CASE WHEN condition THEN then ELSE 0 END)`, as text for money.
fn sum_when(condition: Condition, then: Expr) -> Expr {
    Expr::expr(Func::sum(Expr::case(condition, then).finally(0)))
}

/// The filter as a condition, with the actor's dealer or engineer scope.
fn condition(actor: &Actor, filter: &OldPartFilter, as_of: NaiveDate) -> Condition {
    let mut cond = Condition::all();
    if let Some(dealer) = actor.dealer_scope() {
        cond = cond.add(old_part::Column::DealerId.eq(dealer));
    }
    if let Some(engineer) = actor.engineer_scope() {
        cond = cond.add(old_part::Column::EngineerId.eq(engineer));
    }
    if let Some(status) = filter.status {
        cond = cond.add(old_part::Column::Status.eq(status));
    }
    match filter.overdue {
        Some(true) => cond = cond.add(old_parts::overdue_condition(old_part::Entity, as_of)),
        Some(false) => cond = cond.add(old_parts::overdue_condition(old_part::Entity, as_of).not()),
        None => {}
    }
    if let Some(id) = filter.engineer_id {
        cond = cond.add(old_part::Column::EngineerId.eq(id));
    }
    if filter.mine {
        cond = cond.add(old_part::Column::EngineerId.eq(actor.user_id));
    }
    if let Some(region) = filter.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        cond = cond.add(old_part::Column::Region.eq(region));
    }
    if let Some(id) = filter.dealer_id {
        cond = cond.add(old_part::Column::DealerId.eq(id));
    }
    if let Some(from) = filter.from {
        cond = cond.add(old_part::Column::AppliedOn.gte(from));
    }
    if let Some(to) = filter.to {
        cond = cond.add(old_part::Column::AppliedOn.lte(to));
    }
    cond
}

fn check_range(filter: &OldPartFilter) -> ServiceResult<()> {
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        return Err(ServiceError::validation("to", format!("{to} is before {from}")));
    }
    Ok(())
}

/// Old parts in the order asked for; a dealer sees its own.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: OldPartFilter,
    as_of: NaiveDate,
    order: OrderBy<OldPartOrder>,
    page: PageRequest,
) -> ServiceResult<Page<old_part::Model>> {
    actor.require_staff_or_dealer()?;
    check_range(&filter)?;
    let select = old_part::Entity::find().filter(condition(actor, &filter, as_of));
    paginate_positional(db, select, &order.sort(), &page).await
}

/// What is out and what is late, for one region or engineer.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// The region, or the engineer's user id.
    pub key: String,
    pub parts: i64,
    pub outstanding_count: i64,
    pub outstanding_value: Decimal,
    pub overdue_count: i64,
    pub overdue_value: Decimal,
}

#[derive(Debug, FromQueryResult)]
struct TotalsRow {
    key: String,
    parts: i64,
    outstanding_count: i64,
    outstanding_value: Option<String>,
    overdue_count: i64,
    overdue_value: Option<String>,
}

/// Sums as text: exact numeric on PostgreSQL, and on SQLite (which keeps
/// decimals as REAL) rounded back to cents.
pub(crate) fn money_text(text: Option<String>) -> ServiceResult<Decimal> {
    let Some(text) = text else { return Ok(Decimal::ZERO) };
    let value: Decimal = text
        .parse()
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|e| ServiceError::Internal(format!("sum `{text}`: {e}")))?;
    Ok(cents(value))
}

/// Which way to group the totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Region,
    Engineer,
}

/// Parts, value outstanding and value overdue on `as_of`, by region or by
/// engineer, for the parts the filter selects.
pub async fn totals(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: OldPartFilter,
    as_of: NaiveDate,
    group: GroupBy,
) -> ServiceResult<Vec<Totals>> {
    actor.require_staff_or_dealer()?;
    check_range(&filter)?;
    let key = match group {
        GroupBy::Region => "old_parts.region",
        GroupBy::Engineer => "CAST(old_parts.engineer_id AS TEXT)",
    };
    let overdue = || old_parts::overdue_condition(old_part::Entity, as_of);
    let total = || Expr::col((old_part::Entity, old_part::Column::Total));
    let as_text = |e: Expr| Expr::expr(Func::cast_as(e, Alias::new("TEXT")));
    let rows = old_part::Entity::find()
        .select_only()
        .column_as(Expr::cust(key), "key")
        .column_as(Expr::cust("COUNT(*)"), "parts")
        .column_as(sum_when(outstanding(), Expr::val(1)), "outstanding_count")
        .column_as(as_text(sum_when(outstanding(), total())), "outstanding_value")
        .column_as(sum_when(overdue(), Expr::val(1)), "overdue_count")
        .column_as(as_text(sum_when(overdue(), total())), "overdue_value")
        .filter(condition(actor, &filter, as_of))
        .group_by(Expr::cust(key))
        .order_by(Expr::cust(key), sea_orm::Order::Asc)
        .into_model::<TotalsRow>()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Totals {
                key: r.key,
                parts: r.parts,
                outstanding_count: r.outstanding_count,
                outstanding_value: money_text(r.outstanding_value)?,
                overdue_count: r.overdue_count,
                overdue_value: money_text(r.overdue_value)?,
            })
        })
        .collect()
}

/// The report's columns, in the regulation's order (附件三).
pub const RETURN_REPORT_HEADERS: [&str; 18] = [
    "申请日期",
    "审批号",
    "设备编号",
    "物料编码",
    "数量",
    "单价",
    "总价",
    "申请人",
    "区域",
    "旧件问题",
    "旧件是否需回司",
    "完工日期",
    "要求交期",
    "回复日期",
    "延期天数",
    "回收日期",
    "返司日期",
    "备注",
];

/// One line of the return progress report.
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct ReturnReportRow {
    pub old_part_id: i64,
    pub applied_on: NaiveDate,
    pub approval_number: String,
    pub serial_number: String,
    pub part_number: String,
    pub quantity: i32,
    pub unit_price: Decimal,
    pub total: Decimal,
    pub engineer_name: String,
    pub region: String,
    pub reason: String,
    pub must_return: bool,
    pub completed_on: NaiveDate,
    pub due_on: NaiveDate,
    pub replied_on: Option<NaiveDate>,
    pub promised_on: Option<NaiveDate>,
    pub delay_reason_accepted: bool,
    pub collected_on: Option<NaiveDate>,
    pub shipped_on: Option<NaiveDate>,
    pub remarks: Option<String>,
}

impl ReturnReportRow {
    /// 延期天数 on the report date: only parts that must come back can be late.
    pub fn delay_days(&self, as_of: NaiveDate) -> i64 {
        if !self.must_return {
            return 0;
        }
        let dates =
            ReturnDates::new(self.due_on, self.collected_on, self.promised_on, self.delay_reason_accepted);
        delay_days(&dates, as_of)
    }

    /// The 18 cells, in the order of [`RETURN_REPORT_HEADERS`].
    pub fn cells(&self, as_of: NaiveDate) -> Vec<Cell> {
        vec![
            Cell::Date(self.applied_on),
            Cell::Text(self.approval_number.clone()),
            Cell::Text(self.serial_number.clone()),
            Cell::Text(self.part_number.clone()),
            Cell::Integer(i64::from(self.quantity)),
            Cell::Money(self.unit_price),
            Cell::Money(self.total),
            Cell::Text(self.engineer_name.clone()),
            Cell::Text(self.region.clone()),
            Cell::Text(self.reason.clone()),
            Cell::Text(if self.must_return { "是" } else { "否" }.into()),
            Cell::Date(self.completed_on),
            Cell::Date(self.due_on),
            Cell::optional_date(self.replied_on),
            Cell::Integer(self.delay_days(as_of)),
            Cell::optional_date(self.collected_on),
            Cell::optional_date(self.shipped_on),
            Cell::optional_text(self.remarks.clone()),
        ]
    }
}

/// Which rows the report takes: application dates from–to, one region.
#[derive(Debug, Clone, Default)]
pub struct ReportScope {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub region: Option<String>,
}

/// Roles that pull the report; a dealer pulls its own.
const REPORT_READERS: &[Role] = &[
    Role::ServiceManager,
    Role::Warehouse,
    Role::Finance,
    Role::Quality,
    Role::GeneralManager,
    Role::Dealer,
];

fn report_query(actor: &Actor, scope: &ReportScope) -> SelectStatement {
    let filter = OldPartFilter {
        from: scope.from,
        to: scope.to,
        region: scope.region.clone(),
        ..OldPartFilter::default()
    };
    let cond = condition(actor, &filter, NaiveDate::MIN);
    let mut query = Query::select();
    query
        .expr_as(Expr::col((old_part::Entity, old_part::Column::Id)), Alias::new("old_part_id"))
        .columns([
            (old_part::Entity, old_part::Column::AppliedOn),
            (old_part::Entity, old_part::Column::ApprovalNumber),
        ])
        .expr_as(Expr::col((unit::Entity, unit::Column::SerialNumber)), Alias::new("serial_number"))
        .expr_as(Expr::col((part::Entity, part::Column::PartNumber)), Alias::new("part_number"))
        .columns([
            (old_part::Entity, old_part::Column::Quantity),
            (old_part::Entity, old_part::Column::UnitPrice),
            (old_part::Entity, old_part::Column::Total),
        ])
        .expr_as(Expr::col((user::Entity, user::Column::DisplayName)), Alias::new("engineer_name"))
        .columns([
            (old_part::Entity, old_part::Column::Region),
            (old_part::Entity, old_part::Column::Reason),
            (old_part::Entity, old_part::Column::MustReturn),
            (old_part::Entity, old_part::Column::CompletedOn),
            (old_part::Entity, old_part::Column::DueOn),
            (old_part::Entity, old_part::Column::RepliedOn),
            (old_part::Entity, old_part::Column::PromisedOn),
            (old_part::Entity, old_part::Column::DelayReasonAccepted),
            (old_part::Entity, old_part::Column::CollectedOn),
            (old_part::Entity, old_part::Column::ShippedOn),
            (old_part::Entity, old_part::Column::Remarks),
        ])
        .from(old_part::Entity)
        .inner_join(
            unit::Entity,
            Expr::col((unit::Entity, unit::Column::Id)).equals((old_part::Entity, old_part::Column::UnitId)),
        )
        .inner_join(
            part::Entity,
            Expr::col((part::Entity, part::Column::Id)).equals((old_part::Entity, old_part::Column::PartId)),
        )
        .inner_join(
            user::Entity,
            Expr::col((user::Entity, user::Column::Id))
                .equals((old_part::Entity, old_part::Column::EngineerId)),
        )
        .cond_where(cond)
        .order_by((old_part::Entity, old_part::Column::AppliedOn), sea_orm::Order::Asc)
        .order_by((old_part::Entity, old_part::Column::Id), sea_orm::Order::Asc);
    query
}

/// The report's rows as a stream straight from the database: the export
/// writes each as it arrives.
pub async fn report_stream(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: &ReportScope,
) -> ServiceResult<impl Stream<Item = ServiceResult<ReturnReportRow>> + Send + use<>> {
    actor.require_any(REPORT_READERS)?;
    check_range(&OldPartFilter { from: scope.from, to: scope.to, ..OldPartFilter::default() })?;
    let statement = db.get_database_backend().build(&report_query(actor, scope));
    let rows = db.stream_raw(statement).await?;
    Ok(rows.map(|row| {
        let row = row?;
        Ok(ReturnReportRow::from_query_result(&row, "")?)
    }))
}

/// Most rows the report returns through GraphQL; the download has no limit.
pub const REPORT_ROW_LIMIT: usize = 5_000;

/// The report's rows for GraphQL, refused beyond [`REPORT_ROW_LIMIT`].
pub async fn report_rows(
    db: &DatabaseConnection,
    actor: &Actor,
    scope: &ReportScope,
) -> ServiceResult<Vec<ReturnReportRow>> {
    actor.require_any(REPORT_READERS)?;
    check_range(&OldPartFilter { from: scope.from, to: scope.to, ..OldPartFilter::default() })?;
    let mut query = report_query(actor, scope);
    query.limit(REPORT_ROW_LIMIT as u64 + 1);
    let statement = db.get_database_backend().build(&query);
    let rows = db.query_all_raw(statement).await?;
    if rows.len() > REPORT_ROW_LIMIT {
        return Err(ServiceError::validation(
            "from",
            format!(
                "more than {REPORT_ROW_LIMIT} rows; narrow the dates or download /exports/old-parts.xlsx"
            ),
        ));
    }
    rows.iter().map(|row| Ok(ReturnReportRow::from_query_result(row, "")?)).collect()
}
