//! Stock, requisitions, old parts, responsibility and local sale.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use service::usecase::parts::{local_sales, old_parts, requisitions, stock};

use super::tickets::PartQuantity;
use crate::graphql::context::{actor, db, state};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::types::enums::{Disposition, DispositionReason, ResponsibilityOutcome};
use crate::graphql::types::parts::{
    Determination, LocalSale, OldPart, Requisition, StockLevel, StockMovement, Stocktake,
};

#[derive(Default)]
pub struct PartsMutation;

/// Parts into or out of a warehouse's book.
#[derive(InputObject)]
pub struct StockChangeInput {
    /// The warehouse.
    pub warehouse_id: ID,
    /// The part.
    pub part_id: ID,
    /// Receipts: how many came in (≥ 1). Adjustments: the signed correction.
    pub quantity: i32,
    /// Why; required for adjustments.
    pub reason: Option<String>,
}

/// Parts handed out to, or taken back from, a ticket.
#[derive(InputObject)]
pub struct IssueStockInput {
    /// The warehouse.
    pub warehouse_id: ID,
    /// The part.
    pub part_id: ID,
    /// How many (≥ 1).
    pub quantity: i32,
    /// The ticket they are for or come back from.
    pub ticket_id: ID,
}

/// A safety stock level.
#[derive(InputObject)]
pub struct SafetyStockInput {
    /// The warehouse.
    pub warehouse_id: ID,
    /// The part.
    pub part_id: ID,
    /// Below this many on hand, `lowStock` lists the part.
    pub safety_stock: i32,
}

/// One shelf as counted.
#[derive(InputObject)]
pub struct CountInput {
    /// The part.
    pub part_id: ID,
    /// Units on the shelf.
    pub counted: i32,
}

/// A count of a warehouse (盘点).
#[derive(InputObject)]
pub struct StocktakeInput {
    /// The warehouse counted.
    pub warehouse_id: ID,
    /// What was found, one line per part.
    pub counts: Vec<CountInput>,
}

/// Parts asked for a ticket.
#[derive(InputObject)]
pub struct RequestPartsInput {
    /// The ticket.
    pub ticket_id: ID,
    /// The warehouse to issue from.
    pub warehouse_id: ID,
    /// Parts and quantities.
    pub lines: Vec<PartQuantity>,
}

/// A requisition at the version read.
#[derive(InputObject)]
pub struct RequisitionRef {
    /// Requisition id.
    pub id: ID,
    /// The version read.
    pub version: i32,
}

/// Unused parts back to stock.
#[derive(InputObject)]
pub struct ReturnLeftoversInput {
    /// The requisition.
    pub requisition: RequisitionRef,
    /// Parts and quantities coming back.
    #[graphql(default)]
    pub lines: Vec<PartQuantity>,
}

/// An old part at the version read.
#[derive(InputObject)]
pub struct OldPartRef {
    /// Old-part id.
    pub id: ID,
    /// The version read.
    pub version: i32,
}

/// The engineer's reply (回复).
#[derive(InputObject)]
pub struct ReplyOldPartInput {
    /// The old part.
    pub old_part: OldPartRef,
    /// The date the part will be handed in.
    pub promised_on: NaiveDate,
    /// Required when the promised date is after the due date.
    pub reason: Option<String>,
}

/// A step of the way back, on a date.
#[derive(InputObject)]
pub struct OldPartStepInput {
    /// The old part.
    pub old_part: OldPartRef,
    /// When it happened; default today in the business time zone.
    pub on: Option<NaiveDate>,
}

/// What happens to an old part.
#[derive(InputObject)]
pub struct DisposeOldPartInput {
    /// The old part.
    pub old_part: OldPartRef,
    /// Return, local sale, local destruction or gift.
    pub disposition: Disposition,
    /// One of the regulation's reasons for that disposition.
    pub reason: DispositionReason,
    /// 备注.
    pub remarks: Option<String>,
}

/// Quality's review of an old part.
#[derive(InputObject)]
pub struct OpenDeterminationInput {
    /// The old part.
    pub old_part_id: ID,
    /// The review date (default today); the deadline counts from it.
    pub reviewed_on: Option<NaiveDate>,
    /// An imported part sent abroad for testing (90 days).
    #[graphql(default)]
    pub tested_abroad: bool,
}

/// The responsibility finding.
#[derive(InputObject)]
pub struct DetermineInput {
    /// The determination.
    pub id: ID,
    /// The version read.
    pub version: i32,
    /// Who is responsible.
    pub outcome: ResponsibilityOutcome,
    /// The supplier, for a supplier's fault.
    pub supplier_name: Option<String>,
    /// The supplier claim, for a supplier's fault.
    pub claim_amount: Option<Decimal>,
    /// Notes of the analysis.
    pub notes: Option<String>,
}

/// A scrap buyer's quote.
#[derive(InputObject)]
pub struct BuyerQuoteInput {
    /// Buyer, contact person and phone.
    pub buyer_name: String,
    /// Offered price for the lot.
    pub price: Decimal,
    /// When it was quoted.
    pub quoted_on: NaiveDate,
}

/// A lot of old parts for local sale.
#[derive(InputObject)]
pub struct CreateLocalSaleInput {
    /// Province of the sale: where the old parts are (remote provinces may go lower).
    pub province: String,
    /// Regional scrap market price per kg (废金属市场价).
    pub market_price_per_kg: Decimal,
    /// Weighed weight; the catalogue weights × quantities if not given.
    pub total_weight_kg: Option<Decimal>,
    /// The agreed price; also the lot's value for the approval level.
    pub sale_price: Decimal,
    /// Required below the floor (85 % of market, 75 % in remote provinces).
    pub below_floor_reason: Option<String>,
    /// Old parts marked LOCAL_SALE, all of one part (the lot's specification).
    pub old_part_ids: Vec<ID>,
    /// At least three scrap buyers' quotes.
    pub quotes: Vec<BuyerQuoteInput>,
}

/// A lot at the version read.
#[derive(InputObject)]
pub struct LocalSaleRef {
    /// Lot id.
    pub id: ID,
    /// The version read.
    pub version: i32,
}

/// A lot called off.
#[derive(InputObject)]
pub struct CancelLocalSaleInput {
    /// The lot.
    pub local_sale: LocalSaleRef,
    /// Why.
    pub reason: String,
}

/// The proceeds of a lot paid to finance (回款单).
#[derive(InputObject)]
pub struct RecordProceedsInput {
    /// The lot.
    pub local_sale: LocalSaleRef,
    /// Amount received; must equal the sale price.
    pub amount: Decimal,
    /// 回款单 number.
    pub receipt_number: String,
}

/// A booked stock movement.
#[derive(SimpleObject)]
pub struct StockMovementPayload {
    /// The ledger row.
    pub movement: StockMovement,
}

/// A stock level after a change.
#[derive(SimpleObject)]
pub struct StockLevelPayload {
    /// The stock level.
    pub stock_level: StockLevel,
}

/// A recorded count.
#[derive(SimpleObject)]
pub struct StocktakePayload {
    /// The count and its differences.
    pub stocktake: Stocktake,
}

/// A requisition after a step.
#[derive(SimpleObject)]
pub struct RequisitionPayload {
    /// The requisition.
    pub requisition: Requisition,
}

/// An old part after a step.
#[derive(SimpleObject)]
pub struct OldPartPayload {
    /// The old part.
    pub old_part: OldPart,
}

/// A determination after a step.
#[derive(SimpleObject)]
pub struct DeterminationPayload {
    /// The determination.
    pub determination: Determination,
}

/// A lot after a step.
#[derive(SimpleObject)]
pub struct LocalSalePayload {
    /// The lot.
    pub local_sale: LocalSale,
}

fn part_lines(lines: &[PartQuantity]) -> async_graphql::Result<Vec<requisitions::Wanted>> {
    lines
        .iter()
        .map(|l| {
            Ok(requisitions::Wanted {
                part_id: decode(Kind::Part, &l.part_id, "lines.partId")?,
                quantity: l.quantity,
            })
        })
        .collect()
}

fn stock_place(input: &StockChangeInput) -> async_graphql::Result<(i64, i64)> {
    Ok((
        decode(Kind::Warehouse, &input.warehouse_id, "warehouseId")?,
        decode(Kind::Part, &input.part_id, "partId")?,
    ))
}

fn old_part_ref(r: &OldPartRef) -> async_graphql::Result<(i64, i32)> {
    Ok((decode(Kind::OldPart, &r.id, "oldPart.id")?, r.version))
}

fn requisition_ref(r: &RequisitionRef) -> async_graphql::Result<(i64, i32)> {
    Ok((decode(Kind::Requisition, &r.id, "requisition.id")?, r.version))
}

fn old_part(m: entity::old_part::Model) -> OldPartPayload {
    OldPartPayload { old_part: m.into() }
}

fn requisition(m: entity::requisition::Model) -> RequisitionPayload {
    RequisitionPayload { requisition: m.into() }
}

#[Object]
impl PartsMutation {
    /// Receives parts into a warehouse (入库; WAREHOUSE, SERVICE_MANAGER).
    async fn receive_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where, what and how many.")] input: StockChangeInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        let (warehouse, part) = stock_place(&input)?;
        let row =
            stock::receive(db(ctx), actor(ctx)?, warehouse, part, input.quantity, input.reason.as_deref())
                .await
                .gql()?;
        Ok(StockMovementPayload { movement: row.into() })
    }

    /// Issues parts to a ticket over the counter (出库; WAREHOUSE). Taking
    /// more than is on hand is `INSUFFICIENT_STOCK`, however many ask at once.
    async fn issue_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where, what, how many and for which ticket.")] input: IssueStockInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        let warehouse = decode(Kind::Warehouse, &input.warehouse_id, "warehouseId")?;
        let part = decode(Kind::Part, &input.part_id, "partId")?;
        let ticket = decode(Kind::Ticket, &input.ticket_id, "ticketId")?;
        let row = stock::issue_to_ticket(db(ctx), actor(ctx)?, warehouse, part, input.quantity, ticket)
            .await
            .gql()?;
        Ok(StockMovementPayload { movement: row.into() })
    }

    /// Takes unfitted parts back from a ticket (退库; WAREHOUSE).
    async fn return_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where, what, how many and from which ticket.")] input: IssueStockInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        let warehouse = decode(Kind::Warehouse, &input.warehouse_id, "warehouseId")?;
        let part = decode(Kind::Part, &input.part_id, "partId")?;
        let ticket = decode(Kind::Ticket, &input.ticket_id, "ticketId")?;
        let row = stock::return_from_ticket(db(ctx), actor(ctx)?, warehouse, part, input.quantity, ticket)
            .await
            .gql()?;
        Ok(StockMovementPayload { movement: row.into() })
    }

    /// Corrects the book with a reason (WAREHOUSE, SERVICE_MANAGER); never below zero.
    async fn adjust_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where, what, the signed correction and why.")] input: StockChangeInput,
    ) -> async_graphql::Result<StockMovementPayload> {
        let (warehouse, part) = stock_place(&input)?;
        let reason = input.reason.as_deref().unwrap_or_default();
        let row = stock::adjust(db(ctx), actor(ctx)?, warehouse, part, input.quantity, reason).await.gql()?;
        Ok(StockMovementPayload { movement: row.into() })
    }

    /// Sets a part's safety stock in a warehouse (WAREHOUSE, SERVICE_MANAGER).
    async fn set_safety_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where, what and the level.")] input: SafetyStockInput,
    ) -> async_graphql::Result<StockLevelPayload> {
        let warehouse = decode(Kind::Warehouse, &input.warehouse_id, "warehouseId")?;
        let part = decode(Kind::Part, &input.part_id, "partId")?;
        let level =
            stock::set_safety_stock(db(ctx), actor(ctx)?, warehouse, part, input.safety_stock).await.gql()?;
        Ok(StockLevelPayload { stock_level: level.into() })
    }

    /// Records a count (盘点): differences to the book are booked as
    /// STOCKTAKE movements (WAREHOUSE, SERVICE_MANAGER).
    async fn record_stocktake(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The warehouse and what was counted.")] input: StocktakeInput,
    ) -> async_graphql::Result<StocktakePayload> {
        let warehouse = decode(Kind::Warehouse, &input.warehouse_id, "warehouseId")?;
        let counts = input
            .counts
            .iter()
            .map(|c| {
                Ok(stock::Count {
                    part_id: decode(Kind::Part, &c.part_id, "counts.partId")?,
                    counted: c.counted,
                })
            })
            .collect::<async_graphql::Result<Vec<_>>>()?;
        let (take, lines) = stock::stocktake(db(ctx), actor(ctx)?, warehouse, &counts).await.gql()?;
        Ok(StocktakePayload { stocktake: Stocktake::new(take, lines) })
    }

    /// Asks for parts for a ticket (ENGINEER on their ticket, SERVICE_MANAGER);
    /// valuable parts are limited per requisition.
    async fn request_parts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket, the warehouse and the parts.")] input: RequestPartsInput,
    ) -> async_graphql::Result<RequisitionPayload> {
        let ticket = decode(Kind::Ticket, &input.ticket_id, "ticketId")?;
        let warehouse = decode(Kind::Warehouse, &input.warehouse_id, "warehouseId")?;
        let lines = part_lines(&input.lines)?;
        let (created, _) =
            requisitions::request(db(ctx), actor(ctx)?, ticket, warehouse, &lines).await.gql()?;
        Ok(requisition(created))
    }

    /// Approves a requisition (SERVICE_MANAGER).
    async fn approve_requisition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The requisition at the version read.")] input: RequisitionRef,
    ) -> async_graphql::Result<RequisitionPayload> {
        let (id, version) = requisition_ref(&input)?;
        requisitions::approve(db(ctx), actor(ctx)?, id, version).await.gql().map(requisition)
    }

    /// Turns a requisition down (SERVICE_MANAGER).
    async fn reject_requisition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The requisition at the version read.")] input: RequisitionRef,
    ) -> async_graphql::Result<RequisitionPayload> {
        let (id, version) = requisition_ref(&input)?;
        requisitions::reject(db(ctx), actor(ctx)?, id, version).await.gql().map(requisition)
    }

    /// Issues an approved requisition against its ticket, all lines or none
    /// (WAREHOUSE; `INSUFFICIENT_STOCK` names the short part).
    async fn issue_requisition(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The requisition at the version read.")] input: RequisitionRef,
    ) -> async_graphql::Result<RequisitionPayload> {
        let (id, version) = requisition_ref(&input)?;
        requisitions::issue(db(ctx), actor(ctx)?, id, version).await.gql().map(requisition)
    }

    /// Takes unused parts back into stock and closes the requisition (WAREHOUSE).
    async fn return_leftovers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The requisition and what comes back.")] input: ReturnLeftoversInput,
    ) -> async_graphql::Result<RequisitionPayload> {
        let (id, version) = requisition_ref(&input.requisition)?;
        let lines = part_lines(&input.lines)?;
        requisitions::return_leftovers(db(ctx), actor(ctx)?, id, version, &lines).await.gql().map(requisition)
    }

    /// The engineer's reply with a hand-in date (ENGINEER, SERVICE_MANAGER);
    /// a date after the due date needs a reason and tells the service managers.
    async fn reply_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part, the promised date and, if late, why.")] input: ReplyOldPartInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::reply(
            db(ctx),
            actor(ctx)?,
            settings,
            id,
            version,
            input.promised_on,
            input.reason.as_deref(),
        )
        .await
        .gql()
        .map(old_part)
    }

    /// Accepts the reason of a late reply (SERVICE_MANAGER): lateness up to
    /// the promised date stops counting as delay.
    async fn accept_old_part_delay(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part at the version read.")] input: OldPartRef,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input)?;
        old_parts::accept_delay_reason(db(ctx), actor(ctx)?, id, version).await.gql().map(old_part)
    }

    /// The regional keeper takes the part from the engineer (回收; WAREHOUSE).
    async fn collect_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the date.")] input: OldPartStepInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::collect(db(ctx), actor(ctx)?, settings, id, version, input.on).await.gql().map(old_part)
    }

    /// The keeper ships the part to head office (返司; WAREHOUSE).
    async fn ship_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the date.")] input: OldPartStepInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::ship(db(ctx), actor(ctx)?, settings, id, version, input.on).await.gql().map(old_part)
    }

    /// Head office receives the part (WAREHOUSE).
    async fn receive_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the date.")] input: OldPartStepInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let settings = &state(ctx).settings;
        old_parts::receive(db(ctx), actor(ctx)?, settings, id, version, input.on).await.gql().map(old_part)
    }

    /// Decides what happens to an old part (SERVICE_MANAGER, QUALITY).
    async fn dispose_old_part(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part, the disposition and its reason.")] input: DisposeOldPartInput,
    ) -> async_graphql::Result<OldPartPayload> {
        let (id, version) = old_part_ref(&input.old_part)?;
        let done = old_parts::dispose(
            db(ctx),
            actor(ctx)?,
            id,
            version,
            input.disposition.into(),
            input.reason.into(),
            input.remarks.as_deref(),
        )
        .await
        .gql()?;
        Ok(old_part(done))
    }

    /// Opens the responsibility determination (责任判定; QUALITY): the
    /// deadline follows the part's kind.
    async fn open_determination(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The old part and the review.")] input: OpenDeterminationInput,
    ) -> async_graphql::Result<DeterminationPayload> {
        let id = decode(Kind::OldPart, &input.old_part_id, "oldPartId")?;
        let settings = &state(ctx).settings;
        let opened = old_parts::open_determination(
            db(ctx),
            actor(ctx)?,
            settings,
            id,
            input.reviewed_on,
            input.tested_abroad,
        )
        .await
        .gql()?;
        Ok(DeterminationPayload { determination: opened.into() })
    }

    /// Records who is responsible (QUALITY); a supplier's fault carries the claim.
    async fn determine_responsibility(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The determination and the finding.")] input: DetermineInput,
    ) -> async_graphql::Result<DeterminationPayload> {
        let id = decode(Kind::Determination, &input.id, "id")?;
        let finding = old_parts::Finding {
            outcome: input.outcome.into(),
            supplier_name: input.supplier_name,
            claim_amount: input.claim_amount,
            notes: input.notes,
        };
        let settings = &state(ctx).settings;
        let made =
            old_parts::determine(db(ctx), actor(ctx)?, settings, id, input.version, finding).await.gql()?;
        Ok(DeterminationPayload { determination: made.into() })
    }

    /// Puts a lot of old parts up for local sale (SERVICE_MANAGER, WAREHOUSE).
    async fn create_local_sale(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot, its price and the buyers' quotes.")] input: CreateLocalSaleInput,
    ) -> async_graphql::Result<LocalSalePayload> {
        let lot = local_sales::NewLot {
            province: input.province,
            market_price_per_kg: input.market_price_per_kg,
            total_weight_kg: input.total_weight_kg,
            sale_price: input.sale_price,
            below_floor_reason: input.below_floor_reason,
            old_part_ids: input
                .old_part_ids
                .iter()
                .map(|id| decode(Kind::OldPart, id, "oldPartIds"))
                .collect::<async_graphql::Result<_>>()?,
            quotes: input
                .quotes
                .into_iter()
                .map(|q| local_sales::BuyerQuote {
                    buyer_name: q.buyer_name,
                    price: q.price,
                    quoted_on: q.quoted_on,
                })
                .collect(),
        };
        let created = local_sales::create(db(ctx), actor(ctx)?, &state(ctx).settings, lot).await.gql()?;
        Ok(LocalSalePayload { local_sale: created.into() })
    }

    /// Approves a lot at its level; below the floor only GENERAL_MANAGER
    /// may (`APPROVAL_REQUIRED` otherwise).
    async fn approve_local_sale(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot at the version read.")] input: LocalSaleRef,
    ) -> async_graphql::Result<LocalSalePayload> {
        let id = decode(Kind::LocalSale, &input.id, "id")?;
        let approved = local_sales::approve(db(ctx), actor(ctx)?, &state(ctx).settings, id, input.version)
            .await
            .gql()?;
        Ok(LocalSalePayload { local_sale: approved.into() })
    }

    /// Calls off an unsold lot (SERVICE_MANAGER, GENERAL_MANAGER); its old
    /// parts may join another lot.
    async fn cancel_local_sale(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot and why.")] input: CancelLocalSaleInput,
    ) -> async_graphql::Result<LocalSalePayload> {
        let id = decode(Kind::LocalSale, &input.local_sale.id, "localSale.id")?;
        let cancelled =
            local_sales::cancel(db(ctx), actor(ctx)?, id, input.local_sale.version, &input.reason)
                .await
                .gql()?;
        Ok(LocalSalePayload { local_sale: cancelled.into() })
    }

    /// Records the proceeds paid to finance (回款单; FINANCE): the lot is
    /// sold and its old parts disposed of.
    async fn record_local_sale_proceeds(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lot, the amount and the receipt.")] input: RecordProceedsInput,
    ) -> async_graphql::Result<LocalSalePayload> {
        let id = decode(Kind::LocalSale, &input.local_sale.id, "localSale.id")?;
        let sold = local_sales::record_proceeds(
            db(ctx),
            actor(ctx)?,
            id,
            input.local_sale.version,
            input.amount,
            &input.receipt_number,
        )
        .await
        .gql()?;
        Ok(LocalSalePayload { local_sale: sold.into() })
    }
}
