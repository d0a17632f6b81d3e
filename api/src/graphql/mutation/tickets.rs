//! The ticket lifecycle: one mutation per step. Each takes the ticket's id
//! and the `version` the client read; a stale version is `CONFLICT`, a step
//! the state does not allow is `INVALID_TRANSITION` naming the state.

use async_graphql::{Context, ID, InputObject, Object, OneofObject, SimpleObject};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use service::events::TicketChanged;
use service::usecase::tickets::{dispatch, intake, lifecycle, quotes};

use crate::graphql::context::{actor, db, state};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode, decode_opt};
use crate::graphql::types::enums::{
    Channel, ComplaintCategory, Exclusion, FaultCategory, Severity, VisitChannel,
};
use crate::graphql::types::ticket::{Quote, RepairRecord, Ticket};

#[derive(Default)]
pub struct TicketMutation;

/// A fault report.
#[derive(InputObject)]
pub struct ReportFaultInput {
    /// How it came in (a dealer user's reports are always DEALER).
    pub channel: Channel,
    /// 设备编号 of a registered unit.
    pub serial_number: String,
    /// Defaults to the unit's owner.
    pub customer_id: Option<ID>,
    /// The fault as the customer describes it (故障描述).
    pub fault_description: String,
    /// Fault category; dispatch matches it to engineer skills.
    pub fault_category: FaultCategory,
    /// How bad the fault is; tightens the on-site deadline.
    #[graphql(default_with = "Severity::General")]
    pub severity: Severity,
    /// How to reach the customer; defaults to the customer's record.
    pub contact_name: Option<String>,
    /// Contact phone; defaults to the customer's record.
    pub contact_phone: Option<String>,
    /// Contact email; defaults to the customer's record.
    pub contact_email: Option<String>,
    /// Someone was hurt by the fault (makes a quality incident major).
    #[graphql(default)]
    pub personal_injury: bool,
}

/// Which ticket, at which version.
#[derive(InputObject)]
pub struct TicketRef {
    /// Ticket id.
    pub id: ID,
    /// The version read.
    pub version: i32,
}

/// The triage decision.
#[derive(InputObject)]
pub struct AcceptTicketInput {
    /// The ticket, at the version read.
    pub ticket: TicketRef,
    /// Found at triage: turns the service type to PAID.
    pub exclusion: Option<Exclusion>,
    /// Consultation or phone guidance only (service type OTHER).
    #[graphql(default)]
    pub guidance_only: bool,
    /// What was explained to the customer.
    pub note: Option<String>,
}

/// One part line of a quote or a requisition.
#[derive(InputObject)]
pub struct PartQuantity {
    /// The part (物料).
    pub part_id: ID,
    /// How many, 1–10 000.
    pub quantity: i32,
}

/// A part replaced in a repair: it leaves stock against the ticket and
/// becomes an old part (旧件) that may have to come back.
#[derive(InputObject)]
pub struct ReplacedPartInput {
    /// The part (物料).
    pub part_id: ID,
    /// How many, 1–10 000.
    pub quantity: i32,
    /// What is wrong with the old part (旧件问题); the fault cause's name if not given.
    pub reason: Option<String>,
    /// Whether the old part must come back to head office (旧件是否需回司);
    /// by default yes for warranty and contract work and for valuable or
    /// critical parts.
    pub must_return: Option<bool>,
}

/// The general manager's refusal of a quote.
#[derive(InputObject)]
pub struct RefuseQuoteInput {
    /// The quote waiting for approval.
    pub quote_id: ID,
    /// Why (required; at most 1 000 characters), shown to whoever quoted.
    pub note: String,
}

/// A quote for paid work.
#[derive(InputObject)]
pub struct CreateQuoteInput {
    /// The ticket, at the version read.
    pub ticket: TicketRef,
    /// Parts to quote, at standard prices.
    #[graphql(default)]
    pub parts: Vec<PartQuantity>,
    /// Labour hours to quote, charged at the tariff's rate: 0–1 000, in
    /// hundredths.
    pub labour_hours: Decimal,
    /// Percent below the standard price, 0–100 in hundredths; more than 10
    /// needs GENERAL_MANAGER.
    #[graphql(default_with = "Decimal::ZERO")]
    pub discount_percent: Decimal,
}

/// Dispatch to an engineer.
#[derive(InputObject)]
pub struct DispatchTicketInput {
    /// The ticket, at the version read.
    pub ticket: TicketRef,
    /// Leave out for the round-robin rotation; give one to override it.
    pub engineer_id: Option<ID>,
    /// Appointment agreed with the customer.
    pub appointment: DateTime<Utc>,
}

/// The repair record.
#[derive(InputObject)]
pub struct RecordRepairInput {
    /// The ticket, at the version read.
    pub ticket: TicketRef,
    /// When the engineer arrived, if not recorded before.
    pub arrived_at: Option<DateTime<Utc>>,
    /// When the repair was finished, if the device recorded it offline: at
    /// most 7 days ago and not before the arrival; default now.
    pub completed_at: Option<DateTime<Utc>>,
    /// The failure cause (quality groups by it).
    pub fault_cause: String,
    /// Measures taken.
    pub measures: String,
    /// Parts replaced, with quantities.
    #[graphql(default)]
    pub parts_replaced: Vec<ReplacedPartInput>,
    /// Labour hours spent: 0–1 000, in hundredths.
    pub labour_hours: Decimal,
}

/// The return visit's findings.
#[derive(InputObject)]
pub struct RecordVisitInput {
    /// The ticket, at the version read.
    pub ticket: TicketRef,
    /// How the visit was made.
    pub channel: VisitChannel,
    /// 1 (very dissatisfied) to 5 (very satisfied).
    pub satisfaction: i32,
    /// Whether the problem is solved.
    pub solved: bool,
    /// The customer's comments.
    pub comments: Option<String>,
    /// Required when dissatisfied (satisfaction 2 or less, or not solved):
    /// a complaint or a rework.
    pub follow_up: Option<VisitFollowUpInput>,
}

/// What a dissatisfied visit leads to, as the user chooses.
#[derive(OneofObject)]
pub enum VisitFollowUpInput {
    /// File a complaint about the ticket with the visit.
    Complaint(VisitComplaintInput),
    /// Send the ticket back to an engineer.
    Rework(VisitReworkInput),
}

/// The complaint a dissatisfied visit files.
#[derive(InputObject)]
pub struct VisitComplaintInput {
    /// Delivery, quality, service attitude or price.
    pub category: ComplaintCategory,
    /// How serious.
    pub severity: Severity,
    /// What the customer said.
    pub description: String,
}

/// The rework a dissatisfied visit orders.
#[derive(InputObject)]
pub struct VisitReworkInput {
    /// Why.
    pub reason: String,
    /// Another engineer; default the one who did the repair.
    pub engineer_id: Option<ID>,
}

/// A step with a reason.
#[derive(InputObject)]
pub struct TicketReasonInput {
    /// The ticket, at the version read.
    pub ticket: TicketRef,
    /// Why; recorded with the transition.
    pub reason: String,
}

/// Rework with the same engineer or another.
#[derive(InputObject)]
pub struct ReworkInput {
    /// The ticket, at the version read.
    pub ticket: TicketRef,
    /// Another engineer; leave out for the same one.
    pub engineer_id: Option<ID>,
    /// Why the work is redone (再次维修).
    pub reason: String,
}

/// The ticket after a step.
#[derive(SimpleObject)]
pub struct TicketPayload {
    /// The ticket after the step.
    pub ticket: Ticket,
}

/// The ticket and its new quote.
#[derive(SimpleObject)]
pub struct QuotePayload {
    /// The ticket after the step (after `approveQuote` its state is unchanged).
    pub ticket: Option<Ticket>,
    /// The quote.
    pub quote: Quote,
}

/// The ticket and its repair record.
#[derive(SimpleObject)]
pub struct RepairPayload {
    /// The ticket after the step.
    pub ticket: Ticket,
    /// The repair record written.
    pub repair_record: RepairRecord,
}

fn ticket_id(r: &TicketRef) -> async_graphql::Result<i64> {
    decode(Kind::Ticket, &r.id, "ticket.id")
}

/// Tells live subscribers about the change and wraps the ticket.
async fn announce(ctx: &Context<'_>, ticket: entity::ticket::Model) -> Ticket {
    let change = TicketChanged { ticket_id: ticket.id, version: ticket.version };
    state(ctx).events.publish(change).await;
    ticket.into()
}

/// [`announce`] for the common payload.
async fn payload(ctx: &Context<'_>, ticket: entity::ticket::Model) -> TicketPayload {
    TicketPayload { ticket: announce(ctx, ticket).await }
}

fn part_lines(lines: &[PartQuantity]) -> async_graphql::Result<Vec<(i64, i32)>> {
    lines.iter().map(|l| Ok((decode(Kind::Part, &l.part_id, "parts.partId")?, l.quantity))).collect()
}

#[Object]
impl TicketMutation {
    /// Records a fault report and gives the ticket number; the reply and
    /// on-site deadlines are set now (AGENT, SERVICE_MANAGER, DEALER).
    async fn report_fault(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The fault report.")] input: ReportFaultInput,
    ) -> async_graphql::Result<TicketPayload> {
        let report = intake::FaultReport {
            channel: input.channel.into(),
            customer_id: decode_opt(Kind::Customer, input.customer_id.as_ref(), "customerId")?,
            serial_number: input.serial_number,
            fault_description: input.fault_description,
            fault_category: input.fault_category.into(),
            severity: input.severity.into(),
            contact_name: input.contact_name,
            contact_phone: input.contact_phone,
            contact_email: input.contact_email,
            personal_injury: input.personal_injury,
        };
        let settings = &state(ctx).settings;
        let done = intake::report_fault(db(ctx), actor(ctx)?, settings, report).await.gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Triage: decides entitlement and service type (AGENT, SERVICE_MANAGER).
    async fn accept_ticket(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket and the triage decision.")] input: AcceptTicketInput,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input.ticket)?;
        let triage = lifecycle::Triage {
            exclusion: input.exclusion.map(Into::into),
            guidance_only: input.guidance_only,
            note: input.note,
        };
        let settings = &state(ctx).settings;
        let done = lifecycle::accept_ticket(db(ctx), actor(ctx)?, settings, id, input.ticket.version, triage)
            .await
            .gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Quotes paid work (AGENT, SERVICE_MANAGER).
    async fn create_quote(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket and what to quote.")] input: CreateQuoteInput,
    ) -> async_graphql::Result<QuotePayload> {
        let id = ticket_id(&input.ticket)?;
        let quote = quotes::QuoteInput {
            parts: part_lines(&input.parts)?,
            labour_hours: input.labour_hours,
            discount_percent: input.discount_percent,
        };
        let settings = &state(ctx).settings;
        let (ticket, quote) =
            quotes::create_quote(db(ctx), actor(ctx)?, settings, id, input.ticket.version, quote)
                .await
                .gql()?;
        Ok(QuotePayload { ticket: Some(announce(ctx, ticket).await), quote: quote.into() })
    }

    /// Approves a quote beyond the allowed discount (GENERAL_MANAGER).
    async fn approve_quote(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The quote to approve.")] quote_id: ID,
        #[graphql(desc = "A note for whoever quoted (at most 1 000 characters).")] note: Option<String>,
    ) -> async_graphql::Result<QuotePayload> {
        let id = decode(Kind::Quote, &quote_id, "quoteId")?;
        let (ticket, quote) = quotes::approve_quote(db(ctx), actor(ctx)?, id, note.as_deref()).await.gql()?;
        // The ticket's state is unchanged, but whoever follows it now may accept the quote.
        Ok(QuotePayload { ticket: Some(announce(ctx, ticket).await), quote: quote.into() })
    }

    /// Refuses a quote beyond the allowed discount, saying why
    /// (GENERAL_MANAGER): the quote is REJECTED and the ticket stays QUOTED
    /// for a new quote.
    async fn refuse_quote(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The quote and why it is refused.")] input: RefuseQuoteInput,
    ) -> async_graphql::Result<QuotePayload> {
        let id = decode(Kind::Quote, &input.quote_id, "quoteId")?;
        let (ticket, quote) = quotes::refuse_quote(db(ctx), actor(ctx)?, id, &input.note).await.gql()?;
        Ok(QuotePayload { ticket: Some(announce(ctx, ticket).await), quote: quote.into() })
    }

    /// Records the customer's acceptance of the quote; `APPROVAL_REQUIRED`
    /// while the general manager has not approved it (AGENT, SERVICE_MANAGER).
    async fn accept_quote(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket, at the version read.")] input: TicketRef,
    ) -> async_graphql::Result<QuotePayload> {
        let id = ticket_id(&input)?;
        let (ticket, quote) = quotes::accept_quote(db(ctx), actor(ctx)?, id, input.version).await.gql()?;
        Ok(QuotePayload { ticket: Some(announce(ctx, ticket).await), quote: quote.into() })
    }

    /// Dispatches to an engineer: round robin by skill unless one is named
    /// (AGENT, SERVICE_MANAGER).
    async fn dispatch_ticket(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket, engineer and appointment.")] input: DispatchTicketInput,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input.ticket)?;
        let engineer = decode_opt(Kind::User, input.engineer_id.as_ref(), "engineerId")?;
        let done = dispatch::dispatch_ticket(
            db(ctx),
            actor(ctx)?,
            id,
            input.ticket.version,
            engineer,
            input.appointment,
        )
        .await
        .gql()?;
        Ok(payload(ctx, done).await)
    }

    /// The engineer is on site (the assigned ENGINEER, SERVICE_MANAGER).
    async fn arrive_on_site(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket, at the version read.")] input: TicketRef,
        #[graphql(desc = "Arrival time; default now.")] at: Option<DateTime<Utc>>,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input)?;
        let done = lifecycle::arrive(db(ctx), actor(ctx)?, id, input.version, at).await.gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Writes the repair record (the assigned ENGINEER, SERVICE_MANAGER).
    async fn record_repair(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket and the repair record.")] input: RecordRepairInput,
    ) -> async_graphql::Result<RepairPayload> {
        let id = ticket_id(&input.ticket)?;
        let parts = input
            .parts_replaced
            .into_iter()
            .map(|p| {
                Ok(lifecycle::ReplacedPart {
                    part_id: decode(Kind::Part, &p.part_id, "partsReplaced.partId")?,
                    quantity: p.quantity,
                    reason: p.reason,
                    must_return: p.must_return,
                })
            })
            .collect::<async_graphql::Result<Vec<_>>>()?;
        let repair = lifecycle::RepairInput {
            arrived_at: input.arrived_at,
            completed_at: input.completed_at,
            fault_cause: input.fault_cause,
            measures: input.measures,
            parts,
            labour_hours: input.labour_hours,
        };
        let settings = &state(ctx).settings;
        let (ticket, record) =
            lifecycle::record_repair(db(ctx), actor(ctx)?, settings, id, input.ticket.version, repair)
                .await
                .gql()?;
        Ok(RepairPayload { ticket: announce(ctx, ticket).await, repair_record: record.into() })
    }

    /// The customer signs the repair off; refused before the repair record
    /// exists (AGENT, ENGINEER, SERVICE_MANAGER).
    async fn sign_off(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket, at the version read.")] input: TicketRef,
        #[graphql(desc = "Name of the person who signs for the customer.")] signed_by: String,
        #[graphql(desc = "When the customer signed, if the device took it offline: at most 7 days \
                          ago and not before the repair; default now.")]
        signed_at: Option<DateTime<Utc>>,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input)?;
        let settings = &state(ctx).settings;
        let actor = actor(ctx)?;
        let done = lifecycle::sign_off(db(ctx), actor, settings, id, input.version, &signed_by, signed_at)
            .await
            .gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Phone guidance solved it (service type OTHER) (AGENT, SERVICE_MANAGER).
    async fn resolve_by_guidance(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket and the reason.")] input: TicketReasonInput,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input.ticket)?;
        let settings = &state(ctx).settings;
        let done = lifecycle::resolve_by_guidance(
            db(ctx),
            actor(ctx)?,
            settings,
            id,
            input.ticket.version,
            &input.reason,
        )
        .await
        .gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Records the return visit (AGENT, SERVICE_MANAGER).
    async fn record_return_visit(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket and the visit's findings.")] input: RecordVisitInput,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input.ticket)?;
        let visit = lifecycle::VisitInput {
            channel: input.channel.into(),
            satisfaction: i64::from(input.satisfaction),
            solved: input.solved,
            comments: input.comments,
            follow_up: input.follow_up.map(follow_up).transpose()?,
        };
        let settings = &state(ctx).settings;
        let done = lifecycle::record_visit(db(ctx), settings, actor(ctx)?, id, input.ticket.version, visit)
            .await
            .gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Closes a visited ticket (AGENT, SERVICE_MANAGER).
    async fn close_ticket(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket, at the version read.")] input: TicketRef,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input)?;
        let done = lifecycle::close_ticket(db(ctx), actor(ctx)?, id, input.version).await.gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Sends the ticket back to an engineer (AGENT, SERVICE_MANAGER).
    async fn rework_ticket(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket, engineer and reason.")] input: ReworkInput,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input.ticket)?;
        let engineer = decode_opt(Kind::User, input.engineer_id.as_ref(), "engineerId")?;
        let done = lifecycle::rework(db(ctx), actor(ctx)?, id, input.ticket.version, engineer, &input.reason)
            .await
            .gql()?;
        Ok(payload(ctx, done).await)
    }

    /// The unit goes to the factory with a return slip (the assigned
    /// ENGINEER, SERVICE_MANAGER).
    async fn return_to_factory(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket and the reason.")] input: TicketReasonInput,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input.ticket)?;
        let done =
            lifecycle::return_to_factory(db(ctx), actor(ctx)?, id, input.ticket.version, &input.reason)
                .await
                .gql()?;
        Ok(payload(ctx, done).await)
    }

    /// Cancels a ticket before site work (AGENT, SERVICE_MANAGER).
    async fn cancel_ticket(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ticket and the reason.")] input: TicketReasonInput,
    ) -> async_graphql::Result<TicketPayload> {
        let id = ticket_id(&input.ticket)?;
        let done =
            lifecycle::cancel(db(ctx), actor(ctx)?, id, input.ticket.version, &input.reason).await.gql()?;
        Ok(payload(ctx, done).await)
    }
}

fn follow_up(input: VisitFollowUpInput) -> async_graphql::Result<lifecycle::FollowUp> {
    Ok(match input {
        VisitFollowUpInput::Complaint(c) => lifecycle::FollowUp::Complaint {
            category: c.category.into(),
            severity: c.severity.into(),
            description: c.description,
        },
        VisitFollowUpInput::Rework(r) => lifecycle::FollowUp::Rework {
            reason: r.reason,
            engineer_id: decode_opt(Kind::User, r.engineer_id.as_ref(), "followUp.rework.engineerId")?,
        },
    })
}
