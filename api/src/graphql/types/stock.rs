//! Stock levels, the ledger, counts and requisitions as the API shows them.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, Utc};

use entity::{requisition, requisition_line, stock_level, stock_movement, stocktake, stocktake_line};
use service::rules::stock::{needs_reorder, shortfall};

use super::catalogue::{Engineer, Part, Warehouse};
use super::enums::{MovementKind, RequisitionStatus};
use crate::graphql::context::load;
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::{EngineerLoader, LinesByRequisitionLoader, PartLoader, WarehouseLoader};

pub(super) async fn part_of(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Option<Part>> {
    Ok(load::<PartLoader, _>(ctx, Some(id)).await?.map(Part::from))
}

pub(super) async fn warehouse_of(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Option<Warehouse>> {
    Ok(load::<WarehouseLoader, _>(ctx, Some(id)).await?.map(Warehouse::from))
}

/// Stock of one part in one warehouse (库存).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct StockLevel {
    /// Units on the shelf by the book.
    pub on_hand: i32,
    /// Below this, reorder (安全库存).
    pub safety_stock: i32,
    /// On hand is below safety stock: a reorder alert.
    pub below_safety_stock: bool,
    /// Units to order to be back at safety stock.
    pub shortfall: i32,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub warehouse_id: i64,
    #[graphql(skip)]
    pub part_id: i64,
}

#[ComplexObject]
impl StockLevel {
    /// The warehouse.
    async fn warehouse(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Warehouse>> {
        warehouse_of(ctx, self.warehouse_id).await
    }

    /// The part.
    async fn part(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Part>> {
        part_of(ctx, self.part_id).await
    }
}

impl From<stock_level::Model> for StockLevel {
    fn from(m: stock_level::Model) -> Self {
        Self {
            on_hand: m.on_hand,
            safety_stock: m.safety_stock,
            below_safety_stock: needs_reorder(m.on_hand, m.safety_stock),
            shortfall: shortfall(m.on_hand, m.safety_stock),
            updated_at: m.updated_at,
            warehouse_id: m.warehouse_id,
            part_id: m.part_id,
        }
    }
}

/// One ledger row: every change of stock (台账).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct StockMovement {
    /// Opaque movement id.
    pub id: ID,
    /// Receipt, issue, return, adjustment or count.
    pub kind: MovementKind,
    /// Signed: positive in, negative out.
    pub quantity: i32,
    /// On hand after this movement.
    pub balance_after: i32,
    /// The ticket parts were issued to or returned from.
    pub ticket_id: Option<ID>,
    /// The requisition, for issues and returns by requisition.
    pub requisition_id: Option<ID>,
    /// Why (adjustments), or what it belongs to.
    pub reason: Option<String>,
    /// Who booked it (user id).
    pub actor_id: Option<ID>,
    /// When.
    pub created_at: DateTime<Utc>,
    #[graphql(skip)]
    pub warehouse: i64,
    #[graphql(skip)]
    pub part: i64,
}

#[ComplexObject]
impl StockMovement {
    /// The warehouse.
    async fn warehouse(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Warehouse>> {
        warehouse_of(ctx, self.warehouse).await
    }

    /// The part.
    async fn part(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Part>> {
        part_of(ctx, self.part).await
    }
}

impl From<stock_movement::Model> for StockMovement {
    fn from(m: stock_movement::Model) -> Self {
        Self {
            id: encode(Kind::StockMovement, m.id),
            kind: m.kind.into(),
            quantity: m.quantity,
            balance_after: m.balance_after,
            ticket_id: m.ticket_id.map(|id| encode(Kind::Ticket, id)),
            requisition_id: m.requisition_id.map(|id| encode(Kind::Requisition, id)),
            reason: m.reason,
            actor_id: m.actor_user_id.map(|id| encode(Kind::User, id)),
            created_at: m.created_at,
            warehouse: m.warehouse_id,
            part: m.part_id,
        }
    }
}

/// A count of a warehouse (盘点).
#[derive(SimpleObject)]
pub struct Stocktake {
    /// Opaque stocktake id.
    pub id: ID,
    /// When it was counted.
    pub created_at: DateTime<Utc>,
    /// Book, counted and difference per part.
    pub lines: Vec<StocktakeLine>,
}

impl Stocktake {
    pub fn new(take: stocktake::Model, lines: Vec<stocktake_line::Model>) -> Self {
        Self {
            id: encode(Kind::Stocktake, take.id),
            created_at: take.created_at,
            lines: lines.into_iter().map(StocktakeLine::from).collect(),
        }
    }
}

/// One counted part.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct StocktakeLine {
    /// On hand by the book before the count.
    pub book_quantity: i32,
    /// On the shelf.
    pub counted_quantity: i32,
    /// Counted minus book, booked as a STOCKTAKE movement.
    pub difference: i32,
    #[graphql(skip)]
    pub part_id: i64,
}

#[ComplexObject]
impl StocktakeLine {
    /// The part.
    async fn part(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Part>> {
        part_of(ctx, self.part_id).await
    }
}

impl From<stocktake_line::Model> for StocktakeLine {
    fn from(m: stocktake_line::Model) -> Self {
        Self {
            book_quantity: m.book_quantity,
            counted_quantity: m.counted_quantity,
            difference: m.difference,
            part_id: m.part_id,
        }
    }
}

/// A parts requisition for a ticket (领用单).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Requisition {
    /// Opaque requisition id.
    pub id: ID,
    /// The ticket the parts are for.
    pub ticket_id: ID,
    /// Requested, approved, rejected, issued or closed.
    pub status: RequisitionStatus,
    /// When the service manager approved it.
    pub approved_at: Option<DateTime<Utc>>,
    /// When the warehouse issued it.
    pub issued_at: Option<DateTime<Utc>>,
    /// When it was asked for.
    pub created_at: DateTime<Utc>,
    /// Optimistic-lock version: send it back with the next step.
    pub version: i32,
    #[graphql(skip)]
    pub model: requisition::Model,
}

#[ComplexObject]
impl Requisition {
    /// The requesting engineer.
    async fn engineer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Engineer>> {
        Ok(load::<EngineerLoader, _>(ctx, Some(self.model.engineer_id)).await?.map(Engineer::from))
    }

    /// The warehouse that issues.
    async fn warehouse(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Warehouse>> {
        warehouse_of(ctx, self.model.warehouse_id).await
    }

    /// Parts asked for, issued and returned.
    async fn lines(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RequisitionLine>> {
        let lines = load::<LinesByRequisitionLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
        Ok(lines.into_iter().map(RequisitionLine::from).collect())
    }
}

impl From<requisition::Model> for Requisition {
    fn from(m: requisition::Model) -> Self {
        Self {
            id: encode(Kind::Requisition, m.id),
            ticket_id: encode(Kind::Ticket, m.ticket_id),
            status: m.status.into(),
            approved_at: m.approved_at,
            issued_at: m.issued_at,
            created_at: m.created_at,
            version: m.version,
            model: m,
        }
    }
}

/// One part of a requisition.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct RequisitionLine {
    /// Asked for.
    pub quantity_requested: i32,
    /// Issued by the warehouse.
    pub quantity_issued: i32,
    /// Came back unused.
    pub quantity_returned: i32,
    #[graphql(skip)]
    pub part_id: i64,
}

#[ComplexObject]
impl RequisitionLine {
    /// The part.
    async fn part(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Part>> {
        part_of(ctx, self.part_id).await
    }
}

impl From<requisition_line::Model> for RequisitionLine {
    fn from(m: requisition_line::Model) -> Self {
        Self {
            quantity_requested: m.quantity_requested,
            quantity_issued: m.quantity_issued,
            quantity_returned: m.quantity_returned,
            part_id: m.part_id,
        }
    }
}
