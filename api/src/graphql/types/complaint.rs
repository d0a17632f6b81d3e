//! Complaints as the API shows them.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::complaint;

use super::enums::{ComplaintCategory, ComplaintStatus, Role, Severity};
use super::master::Customer;
use super::ticket::Ticket;
use crate::graphql::context::load;
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::{CustomerLoader, TicketLoader, UserLoader};

/// A customer complaint (投诉), routed by category and answered.
pub struct Complaint(pub complaint::Model);

#[Object]
impl Complaint {
    /// Opaque complaint id.
    async fn id(&self) -> ID {
        encode(Kind::Complaint, self.0.id)
    }
    /// `CP-yyyymmdd-nnnnnn`.
    async fn number(&self) -> &str {
        &self.0.number
    }
    /// Optimistic-lock version for the next step.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Delivery, quality, service attitude or price.
    async fn category(&self) -> ComplaintCategory {
        self.0.category.into()
    }
    /// How serious.
    async fn severity(&self) -> Severity {
        self.0.severity.into()
    }
    /// What the customer said.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// When the customer complained.
    async fn received_at(&self) -> DateTime<Utc> {
        self.0.received_at
    }
    /// The role it goes to: QUALITY for quality, else SERVICE_MANAGER.
    async fn routed_to(&self) -> Option<Role> {
        self.0.routed_to_role.map(Into::into)
    }
    /// By when it must reach that role (quality complaints).
    async fn route_due_at(&self) -> Option<DateTime<Utc>> {
        self.0.route_due_at
    }
    /// When its handler took it.
    async fn routed_at(&self) -> Option<DateTime<Utc>> {
        self.0.routed_at
    }
    /// Past its routing deadline and not yet taken.
    async fn routing_overdue(&self) -> bool {
        service::rules::complaints::routing_overdue(self.0.route_due_at, self.0.routed_at, Utc::now())
    }
    /// How it was handled.
    async fn handling(&self) -> Option<&str> {
        self.0.handling.as_deref()
    }
    /// What the customer was told.
    async fn answer(&self) -> Option<&str> {
        self.0.answer.as_deref()
    }
    /// Service was at fault: counts against the service complaint rate.
    async fn attributable_to_service(&self) -> bool {
        self.0.attributable_to_service
    }
    /// Open, taken, answered or closed.
    async fn status(&self) -> ComplaintStatus {
        self.0.status.into()
    }
    /// When it was closed.
    async fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.0.closed_at
    }
    /// Who complained.
    async fn customer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Customer>> {
        Ok(load::<CustomerLoader, _>(ctx, Some(self.0.customer_id)).await?.map(Customer::from))
    }
    /// The ticket it is about, if any.
    async fn ticket(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Ticket>> {
        Ok(load::<TicketLoader, _>(ctx, self.0.ticket_id).await?.map(Ticket::from))
    }
    /// Who took it (only they answer a taken quality complaint).
    async fn handler_id(&self) -> Option<ID> {
        self.0.handler_id.map(|id| encode(Kind::User, id))
    }
    /// The handler's display name.
    async fn handler_name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(load::<UserLoader, _>(ctx, self.0.handler_id).await?.map(|user| user.display_name))
    }
}
