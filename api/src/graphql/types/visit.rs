//! Return visits as the API shows them.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::return_visit;

use super::enums::{VisitChannel, VisitKind};
use super::master::Customer;
use super::ticket::Ticket;
use crate::graphql::context::load;
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::{CustomerLoader, TicketLoader};

/// A return visit (回访): after a repair, after phone guidance, or for care.
pub struct ReturnVisit(pub return_visit::Model);

#[Object]
impl ReturnVisit {
    /// Opaque visit id.
    async fn id(&self) -> ID {
        encode(Kind::ReturnVisit, self.0.id)
    }
    /// Why it is made.
    async fn kind(&self) -> VisitKind {
        self.0.kind.into()
    }
    /// When it is due.
    async fn due_at(&self) -> DateTime<Utc> {
        self.0.due_at
    }
    /// Not made and past the deadline.
    async fn overdue(&self) -> bool {
        self.0.visited_at.is_none() && self.0.due_at < Utc::now()
    }
    /// How it was made.
    async fn channel(&self) -> Option<VisitChannel> {
        self.0.channel.map(Into::into)
    }
    /// 1–5.
    async fn satisfaction(&self) -> Option<i32> {
        self.0.satisfaction.map(i32::from)
    }
    /// Whether the problem is solved.
    async fn solved(&self) -> Option<bool> {
        self.0.solved
    }
    /// The customer's comments.
    async fn comments(&self) -> Option<&str> {
        self.0.comments.as_deref()
    }
    /// When it was made.
    async fn visited_at(&self) -> Option<DateTime<Utc>> {
        self.0.visited_at
    }
    /// `COMPLAINT` or `REWORK` when a dissatisfied visit led to one.
    async fn follow_up(&self) -> Option<&str> {
        self.0.follow_up.as_deref()
    }
    /// The ticket it follows, if any.
    async fn ticket(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Ticket>> {
        Ok(load::<TicketLoader, _>(ctx, self.0.ticket_id).await?.map(Ticket::from))
    }
    /// The customer visited.
    async fn customer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Customer>> {
        Ok(load::<CustomerLoader, _>(ctx, Some(self.0.customer_id)).await?.map(Customer::from))
    }
}
