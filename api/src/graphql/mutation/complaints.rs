//! Filing, taking, answering and closing complaints.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use service::usecase::complaints;

use crate::graphql::context::{actor, db, state};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode};
use crate::graphql::types::complaint::Complaint;
use crate::graphql::types::enums::{ComplaintCategory, Severity};

#[derive(Default)]
pub struct ComplaintMutation;

/// A complaint as the customer made it.
#[derive(InputObject)]
pub struct FileComplaintInput {
    /// Who complains.
    pub customer_id: ID,
    /// The ticket it is about, if any (must be the customer's).
    pub ticket_id: Option<ID>,
    /// Delivery, quality, service attitude or price.
    pub category: ComplaintCategory,
    /// How serious.
    pub severity: Severity,
    /// What the customer said.
    pub description: String,
    /// When the customer complained (default now; not in the future).
    pub received_at: Option<DateTime<Utc>>,
}

/// A complaint at the version read.
#[derive(InputObject)]
pub struct ComplaintRef {
    /// The complaint.
    pub id: ID,
    /// The version read.
    pub version: i32,
}

/// How a complaint was handled and what the customer was told.
#[derive(InputObject)]
pub struct AnswerComplaintInput {
    /// The complaint.
    pub complaint: ComplaintRef,
    /// What was done.
    pub handling: String,
    /// The answer given to the customer.
    pub answer: String,
    /// Service was at fault (counts against the service complaint rate).
    pub attributable_to_service: bool,
}

fn complaint_id(reference: &ComplaintRef) -> async_graphql::Result<i64> {
    decode(Kind::Complaint, &reference.id, "id")
}

#[Object]
impl ComplaintMutation {
    /// Files a complaint (AGENT, SERVICE_MANAGER). A quality complaint goes
    /// to QUALITY, due there within the policy's hours (default 2); the
    /// others go to the service managers. They hear of it at once.
    async fn file_complaint(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The complaint.")] input: FileComplaintInput,
    ) -> async_graphql::Result<Complaint> {
        let new = complaints::NewComplaint {
            customer_id: decode(Kind::Customer, &input.customer_id, "customerId")?,
            ticket_id: input.ticket_id.map(|id| decode(Kind::Ticket, &id, "ticketId")).transpose()?,
            category: input.category.into(),
            severity: input.severity.into(),
            description: input.description,
            received_at: input.received_at,
        };
        let filed = complaints::file(db(ctx), &state(ctx).settings, actor(ctx)?, new).await.gql()?;
        Ok(Complaint(filed))
    }

    /// Takes a complaint (someone of the role it was routed to, or a
    /// service manager): it has reached its handler.
    async fn take_complaint(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The complaint at the version read.")] complaint: ComplaintRef,
    ) -> async_graphql::Result<Complaint> {
        let id = complaint_id(&complaint)?;
        Ok(Complaint(complaints::take(db(ctx), actor(ctx)?, id, complaint.version).await.gql()?))
    }

    /// Records the handling and the answer (its handler, AGENT or SERVICE_MANAGER).
    async fn answer_complaint(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The answer.")] input: AnswerComplaintInput,
    ) -> async_graphql::Result<Complaint> {
        let id = complaint_id(&input.complaint)?;
        let answer = complaints::Answer {
            handling: input.handling,
            answer: input.answer,
            attributable_to_service: input.attributable_to_service,
        };
        Ok(Complaint(
            complaints::answer(db(ctx), actor(ctx)?, id, input.complaint.version, answer).await.gql()?,
        ))
    }

    /// Closes an answered complaint (AGENT, SERVICE_MANAGER).
    async fn close_complaint(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The complaint at the version read.")] complaint: ComplaintRef,
    ) -> async_graphql::Result<Complaint> {
        let id = complaint_id(&complaint)?;
        Ok(Complaint(complaints::close(db(ctx), actor(ctx)?, id, complaint.version).await.gql()?))
    }
}
