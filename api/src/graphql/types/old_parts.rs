//! Old parts, responsibility determinations, local sales and the return
//! progress report as the API shows them.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use entity::{local_sale, local_sale_quote, old_part, responsibility_determination};
use service::rules::money::cents;
use service::rules::old_parts::{ReturnDates, days_late, delay_days, determination_overdue, overdue};
use service::usecase::parts::old_part_reports::{ReturnReportRow, Totals};

use super::catalogue::{Engineer, Part};
use super::enums::{
    ApprovalLevel, Disposition, LocalSaleStatus, OldPartStatus, PartKind, ResponsibilityOutcome, Role,
};
use super::master::Unit;
use super::stock::part_of;
use crate::graphql::context::{load, state};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::{
    DeterminationsByOldPartLoader, EngineerLoader, ItemsByLotLoader, OldPartLoader, QuotesByLotLoader,
    UnitLoader,
};

/// Today in the business time zone: what "overdue" and delay days refer to.
fn business_today(ctx: &Context<'_>) -> NaiveDate {
    Utc::now().with_timezone(&state(ctx).settings.business_tz()).date_naive()
}

/// A replaced part on its way back to head office (旧件).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct OldPart {
    /// Opaque old-part id.
    pub id: ID,
    /// The ticket it was replaced on.
    pub ticket_id: ID,
    /// 审批号: the ticket (dispatch order) number.
    pub approval_number: String,
    /// 数量.
    pub quantity: i32,
    /// 单价.
    pub unit_price: Decimal,
    /// 总价.
    pub total: Decimal,
    /// 区域: the engineer's region.
    pub region: String,
    /// 旧件问题: what is wrong with it.
    pub reason: String,
    /// 旧件是否需回司: must it come back.
    pub must_return: bool,
    /// 申请日期.
    pub applied_on: NaiveDate,
    /// 完工日期: the repair's completion date.
    pub completed_on: NaiveDate,
    /// 要求交期: completion + 7 days.
    pub due_on: NaiveDate,
    /// 回复日期: when the engineer replied.
    pub replied_on: Option<NaiveDate>,
    /// The hand-in date the engineer promised.
    pub promised_on: Option<NaiveDate>,
    /// Why the promised date is after the due date.
    pub delay_reason: Option<String>,
    /// The service manager accepted that reason: lateness up to the promised date is not delay.
    pub delay_reason_accepted: bool,
    /// 回收日期: collected by the regional warehouse keeper.
    pub collected_on: Option<NaiveDate>,
    /// 返司日期: shipped to head office.
    pub shipped_on: Option<NaiveDate>,
    /// Received at head office.
    pub received_on: Option<NaiveDate>,
    /// Where it is.
    pub status: OldPartStatus,
    /// What is done with it.
    pub disposition: Option<Disposition>,
    /// The regulation's reason for the disposition.
    pub disposition_reason: Option<String>,
    /// 备注.
    pub remarks: Option<String>,
    /// Optimistic-lock version: send it back with the next step.
    pub version: i32,
    #[graphql(skip)]
    pub model: old_part::Model,
}

impl OldPart {
    fn dates(&self) -> ReturnDates {
        ReturnDates::of(&self.model)
    }
}

#[ComplexObject]
impl OldPart {
    /// 延期天数 on a date (default today): days past due while not handed
    /// in, not counting lateness with an accepted reason. 0 for parts that
    /// need not come back.
    async fn delay_days(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to count to; default today in the business time zone.")] on: Option<
            NaiveDate,
        >,
    ) -> i64 {
        if !self.model.must_return {
            return 0;
        }
        delay_days(&self.dates(), on.unwrap_or_else(|| business_today(ctx)))
    }

    /// Days past due whatever the reason (tracked even when excused).
    async fn days_late(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to count to; default today in the business time zone.")] on: Option<
            NaiveDate,
        >,
    ) -> i64 {
        if !self.model.must_return {
            return 0;
        }
        days_late(&self.dates(), on.unwrap_or_else(|| business_today(ctx)))
    }

    /// Late today and not handed in.
    async fn overdue(&self, ctx: &Context<'_>) -> bool {
        overdue(self.model.must_return, &self.dates(), business_today(ctx))
    }

    /// 设备编号: the unit it came out of.
    async fn unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Unit>> {
        Ok(load::<UnitLoader, _>(ctx, Some(self.model.unit_id)).await?.map(Unit::from))
    }

    /// 物料编码: the part.
    async fn part(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Part>> {
        part_of(ctx, self.model.part_id).await
    }

    /// 申请人: the engineer who replaced it.
    async fn engineer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Engineer>> {
        Ok(load::<EngineerLoader, _>(ctx, Some(self.model.engineer_id)).await?.map(Engineer::from))
    }

    /// The responsibility determination, once quality reviewed it.
    async fn determination(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Determination>> {
        let found = load::<DeterminationsByOldPartLoader, _>(ctx, Some(self.model.id)).await?;
        Ok(found.and_then(|rows| rows.into_iter().next()).map(Determination::from))
    }
}

impl From<old_part::Model> for OldPart {
    fn from(m: old_part::Model) -> Self {
        Self {
            id: encode(Kind::OldPart, m.id),
            ticket_id: encode(Kind::Ticket, m.ticket_id),
            approval_number: m.approval_number.clone(),
            quantity: m.quantity,
            unit_price: cents(m.unit_price),
            total: cents(m.total),
            region: m.region.clone(),
            reason: m.reason.clone(),
            must_return: m.must_return,
            applied_on: m.applied_on,
            completed_on: m.completed_on,
            due_on: m.due_on,
            replied_on: m.replied_on,
            promised_on: m.promised_on,
            delay_reason: m.delay_reason.clone(),
            delay_reason_accepted: m.delay_reason_accepted,
            collected_on: m.collected_on,
            shipped_on: m.shipped_on,
            received_on: m.received_on,
            status: m.status.into(),
            disposition: m.disposition.map(Into::into),
            disposition_reason: m.disposition_reason.clone(),
            remarks: m.remarks.clone(),
            version: m.version,
            model: m,
        }
    }
}

/// Who is responsible for a failed part (责任判定).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Determination {
    /// Opaque determination id.
    pub id: ID,
    /// The old part.
    pub old_part_id: ID,
    /// Sets the deadline: domestic 7, domestic critical 15, imported at home 20, abroad 90 days.
    pub part_kind: PartKind,
    /// When quality reviewed the part.
    pub reviewed_on: NaiveDate,
    /// The deadline for the finding.
    pub due_on: NaiveDate,
    /// The finding, once made.
    pub outcome: Option<ResponsibilityOutcome>,
    /// The supplier, when it is the supplier's fault.
    pub supplier_name: Option<String>,
    /// What the supplier is claimed for.
    pub claim_amount: Option<Decimal>,
    /// When the finding was made.
    pub determined_on: Option<NaiveDate>,
    /// Notes of the analysis.
    pub notes: Option<String>,
    /// Optimistic-lock version: send it back with the finding.
    pub version: i32,
}

#[ComplexObject]
impl Determination {
    /// Still open after its deadline, or made after it.
    async fn overdue(&self, ctx: &Context<'_>) -> bool {
        determination_overdue(self.due_on, self.determined_on, business_today(ctx))
    }
}

impl From<responsibility_determination::Model> for Determination {
    fn from(m: responsibility_determination::Model) -> Self {
        Self {
            id: encode(Kind::Determination, m.id),
            old_part_id: encode(Kind::OldPart, m.old_part_id),
            part_kind: m.part_kind.into(),
            reviewed_on: m.reviewed_on,
            due_on: m.due_on,
            outcome: m.outcome.map(Into::into),
            supplier_name: m.supplier_name,
            claim_amount: m.claim_amount.map(cents),
            determined_on: m.determined_on,
            notes: m.notes,
            version: m.version,
        }
    }
}

/// A lot of old parts sold locally as scrap (旧件变卖).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct LocalSale {
    /// Opaque lot id.
    pub id: ID,
    /// Lot number.
    pub lot_number: String,
    /// Province of the sale.
    pub province: String,
    /// The part (物料编码) of the items: same-specification items go in one lot.
    pub specification: String,
    /// Regional scrap market price per kg.
    pub market_price_per_kg: Decimal,
    /// Weight of the lot.
    pub total_weight_kg: Decimal,
    /// 处理基价: market price × weight.
    pub base_price: Decimal,
    /// The agreed price.
    pub sale_price: Decimal,
    /// The value that sets the approval level: the base price, or the sale price if higher.
    pub lot_value: Decimal,
    /// Sale price as percent of the base price.
    pub percent_of_market: Decimal,
    /// Why the price is below the floor (85 %, 75 % in remote provinces).
    pub below_floor_reason: Option<String>,
    /// Who approves by value: ≤ 20 000 project, ≤ 50 000 department, above company.
    pub approval_level: ApprovalLevel,
    /// Where the lot is.
    pub status: LocalSaleStatus,
    /// When it was approved.
    pub approved_at: Option<DateTime<Utc>>,
    /// The approver's note on approving, or why the lot was called off
    /// (a refusal from the approvals inbox is a cancellation with its note).
    pub decision_note: Option<String>,
    /// Proceeds paid to finance.
    pub proceeds_amount: Option<Decimal>,
    /// 回款单 number.
    pub proceeds_receipt_number: Option<String>,
    /// Optimistic-lock version: send it back with the next step.
    pub version: i32,
    #[graphql(skip)]
    pub model: local_sale::Model,
}

#[ComplexObject]
impl LocalSale {
    /// Below the floor for its province: needs the head of service's approval.
    async fn below_floor(&self, ctx: &Context<'_>) -> bool {
        service::usecase::parts::local_sales::is_below_floor(&state(ctx).settings, &self.model)
    }

    /// The roles that may approve this lot.
    async fn approvers(&self, ctx: &Context<'_>) -> Vec<Role> {
        let below = service::usecase::parts::local_sales::is_below_floor(&state(ctx).settings, &self.model);
        service::usecase::parts::local_sales::approvers(self.model.approval_level, below)
            .iter()
            .map(|r| (*r).into())
            .collect()
    }

    /// The scrap buyers' quotes on record.
    async fn quotes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BuyerQuote>> {
        let rows = load::<QuotesByLotLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(BuyerQuote::from).collect())
    }

    /// The old parts in the lot (none once it is cancelled).
    async fn items(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<OldPart>> {
        let links = load::<ItemsByLotLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
        let mut items = Vec::with_capacity(links.len());
        for link in links {
            if let Some(found) = load::<OldPartLoader, _>(ctx, Some(link.old_part_id)).await? {
                items.push(OldPart::from(found));
            }
        }
        Ok(items)
    }
}

impl From<local_sale::Model> for LocalSale {
    fn from(m: local_sale::Model) -> Self {
        Self {
            id: encode(Kind::LocalSale, m.id),
            lot_number: m.lot_number.clone(),
            province: m.province.clone(),
            specification: m.specification.clone(),
            market_price_per_kg: m.market_price_per_kg.normalize(),
            total_weight_kg: m.total_weight_kg.normalize(),
            base_price: cents(m.base_price),
            sale_price: cents(m.sale_price),
            lot_value: cents(service::rules::local_sale::lot_value(m.base_price, m.sale_price)),
            percent_of_market: service::rules::local_sale::percent_of_base(m.sale_price, m.base_price),
            below_floor_reason: m.below_floor_reason.clone(),
            approval_level: m.approval_level.into(),
            status: m.status.into(),
            approved_at: m.approved_at,
            decision_note: m.decision_note.clone(),
            proceeds_amount: m.proceeds_amount.map(cents),
            proceeds_receipt_number: m.proceeds_receipt_number.clone(),
            version: m.version,
            model: m,
        }
    }
}

/// A scrap buyer's quote.
#[derive(SimpleObject)]
pub struct BuyerQuote {
    /// Buyer and contact.
    pub buyer_name: String,
    /// Offered price for the lot.
    pub price: Decimal,
    /// When it was quoted.
    pub quoted_on: NaiveDate,
}

impl From<local_sale_quote::Model> for BuyerQuote {
    fn from(m: local_sale_quote::Model) -> Self {
        Self { buyer_name: m.buyer_name, price: cents(m.price), quoted_on: m.quoted_on }
    }
}

/// Old parts out and late for one region or engineer.
#[derive(SimpleObject)]
pub struct OldPartTotals {
    /// The region, or the engineer's user id (opaque).
    pub key: String,
    /// Old parts selected.
    pub parts: i64,
    /// Must come back and head office does not have them yet.
    pub outstanding_count: i64,
    /// Their value.
    pub outstanding_value: Decimal,
    /// Past due and not handed in.
    pub overdue_count: i64,
    /// Their value.
    pub overdue_value: Decimal,
}

impl OldPartTotals {
    pub fn new(t: Totals, key: String) -> Self {
        Self {
            key,
            parts: t.parts,
            outstanding_count: t.outstanding_count,
            outstanding_value: t.outstanding_value,
            overdue_count: t.overdue_count,
            overdue_value: t.overdue_value,
        }
    }
}

/// One line of the return progress report (旧件返司进度汇报表), in the
/// column order of the regulation.
#[derive(SimpleObject)]
pub struct OldPartReturnReportRow {
    /// 申请日期.
    pub applied_on: NaiveDate,
    /// 审批号.
    pub approval_number: String,
    /// 设备编号.
    pub serial_number: String,
    /// 物料编码.
    pub part_number: String,
    /// 数量.
    pub quantity: i32,
    /// 单价.
    pub unit_price: Decimal,
    /// 总价.
    pub total: Decimal,
    /// 申请人.
    pub engineer_name: String,
    /// 区域.
    pub region: String,
    /// 旧件问题.
    pub reason: String,
    /// 旧件是否需回司: 是 or 否.
    pub must_return: String,
    /// 完工日期.
    pub completed_on: NaiveDate,
    /// 要求交期.
    pub due_on: NaiveDate,
    /// 回复日期.
    pub replied_on: Option<NaiveDate>,
    /// 延期天数 on the report date.
    pub delay_days: i64,
    /// 回收日期.
    pub collected_on: Option<NaiveDate>,
    /// 返司日期.
    pub shipped_on: Option<NaiveDate>,
    /// 备注.
    pub remarks: Option<String>,
}

impl OldPartReturnReportRow {
    pub fn new(row: ReturnReportRow, as_of: NaiveDate) -> Self {
        Self {
            delay_days: row.delay_days(as_of),
            applied_on: row.applied_on,
            approval_number: row.approval_number,
            serial_number: row.serial_number,
            part_number: row.part_number,
            quantity: row.quantity,
            unit_price: cents(row.unit_price),
            total: cents(row.total),
            engineer_name: row.engineer_name,
            region: row.region,
            reason: row.reason,
            must_return: if row.must_return { "是" } else { "否" }.into(),
            completed_on: row.completed_on,
            due_on: row.due_on,
            replied_on: row.replied_on,
            collected_on: row.collected_on,
            shipped_on: row.shipped_on,
            remarks: row.remarks,
        }
    }
}

/// The report: its date, the column headers in order, and the rows.
#[derive(SimpleObject)]
pub struct OldPartReturnReport {
    /// The date delay days are counted to.
    pub as_of: NaiveDate,
    /// The 18 column headers, in order.
    pub headers: Vec<String>,
    /// One row per old part, by application date.
    pub rows: Vec<OldPartReturnReportRow>,
}
