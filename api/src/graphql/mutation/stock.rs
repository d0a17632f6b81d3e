//! Stock and requisitions: receipts, issues and returns against tickets,
//! adjustments, counts, safety stock, and the requisition steps.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use service::usecase::parts::{requisitions, stock};

use super::tickets::PartQuantity;
use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::types::stock::{Requisition, StockLevel, StockMovement, Stocktake};

#[derive(Default)]
pub struct StockMutation;

/// Parts into or out of a warehouse's book.
#[derive(InputObject)]
pub struct StockChangeInput {
    /// The warehouse.
    pub warehouse_id: ID,
    /// The part.
    pub part_id: ID,
    /// Receipts: how many came in, 1–100 000. Adjustments: the signed
    /// correction, at most 100 000 either way. A part's book holds at most
    /// 10 000 000.
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
    /// How many, 1–100 000.
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
    /// Below this many on hand, `lowStock` lists the part; 0–10 000 000.
    pub safety_stock: i32,
}

/// One shelf as counted.
#[derive(InputObject)]
pub struct CountInput {
    /// The part.
    pub part_id: ID,
    /// Units on the shelf, 0–10 000 000.
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

fn requisition_ref(r: &RequisitionRef) -> async_graphql::Result<(i64, i32)> {
    Ok((decode(Kind::Requisition, &r.id, "requisition.id")?, r.version))
}

fn requisition(m: entity::requisition::Model) -> RequisitionPayload {
    RequisitionPayload { requisition: m.into() }
}

#[Object]
impl StockMutation {
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
}
