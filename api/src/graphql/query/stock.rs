//! Reading stock levels, the ledger and requisitions.

use async_graphql::{Context, ID, InputObject, Object};
use service::usecase::parts::{requisitions, stock};

use crate::graphql::connection::{PagedConnection, connection, page_request};
use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode_opt};
use crate::graphql::types::enums::{MovementKind, RequisitionStatus};
use crate::graphql::types::stock::{Requisition, StockLevel, StockMovement};

#[derive(Default)]
pub struct StockQuery;

/// Which ledger rows to list.
#[derive(InputObject, Default)]
pub struct StockMovementFilter {
    /// Only this warehouse.
    pub warehouse_id: Option<ID>,
    /// Only this part.
    pub part_id: Option<ID>,
    /// Only movements against this ticket.
    pub ticket_id: Option<ID>,
    /// Only this kind.
    pub kind: Option<MovementKind>,
}

/// Which requisitions to list.
#[derive(InputObject, Default)]
pub struct RequisitionFilter {
    /// Only in this state.
    pub status: Option<RequisitionStatus>,
    /// Only for this ticket.
    pub ticket_id: Option<ID>,
    /// Only from this warehouse.
    pub warehouse_id: Option<ID>,
}

#[Object]
impl StockQuery {
    /// Stock by warehouse and part (staff).
    async fn stock_levels(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this warehouse.")] warehouse_id: Option<ID>,
        #[graphql(desc = "Only this part.")] part_id: Option<ID>,
    ) -> async_graphql::Result<Vec<StockLevel>> {
        let filter = stock::StockFilter {
            warehouse_id: decode_opt(Kind::Warehouse, warehouse_id.as_ref(), "warehouseId")?,
            part_id: decode_opt(Kind::Part, part_id.as_ref(), "partId")?,
            below_safety_stock: false,
        };
        let levels = stock::list_levels(db(ctx), actor(ctx)?, filter).await.gql()?;
        Ok(levels.into_iter().map(StockLevel::from).collect())
    }

    /// Parts below their safety stock: the reorder alert (staff).
    async fn low_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this warehouse.")] warehouse_id: Option<ID>,
    ) -> async_graphql::Result<Vec<StockLevel>> {
        let filter = stock::StockFilter {
            warehouse_id: decode_opt(Kind::Warehouse, warehouse_id.as_ref(), "warehouseId")?,
            part_id: None,
            below_safety_stock: true,
        };
        let levels = stock::list_levels(db(ctx), actor(ctx)?, filter).await.gql()?;
        Ok(levels.into_iter().map(StockLevel::from).collect())
    }

    /// The stock ledger, oldest first (staff).
    async fn stock_movements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which movements.")] filter: Option<StockMovementFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<StockMovement>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = stock::MovementFilter {
            warehouse_id: decode_opt(Kind::Warehouse, f.warehouse_id.as_ref(), "filter.warehouseId")?,
            part_id: decode_opt(Kind::Part, f.part_id.as_ref(), "filter.partId")?,
            ticket_id: decode_opt(Kind::Ticket, f.ticket_id.as_ref(), "filter.ticketId")?,
            kind: f.kind.map(Into::into),
        };
        let page = stock::list_movements(db(ctx), actor(ctx)?, filter, request).await.gql()?;
        Ok(connection(page, StockMovement::from))
    }

    /// Requisitions, oldest first; an engineer sees their own.
    async fn requisitions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which requisitions.")] filter: Option<RequisitionFilter>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<Requisition>> {
        let request = page_request(ctx, first, after)?;
        let f = filter.unwrap_or_default();
        let filter = requisitions::RequisitionFilter {
            status: f.status.map(Into::into),
            ticket_id: decode_opt(Kind::Ticket, f.ticket_id.as_ref(), "filter.ticketId")?,
            warehouse_id: decode_opt(Kind::Warehouse, f.warehouse_id.as_ref(), "filter.warehouseId")?,
        };
        let page = requisitions::list(db(ctx), actor(ctx)?, filter, request).await.gql()?;
        Ok(connection(page, Requisition::from))
    }
}
