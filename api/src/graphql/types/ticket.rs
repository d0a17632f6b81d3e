//! Tickets and what hangs off them, as the API shows them.

use async_graphql::{ComplexObject, Context, Enum, ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use entity::{dealer_chargeback, quote, quote_line, repair_part, repair_record, ticket, ticket_event};
use service::rules::money::cents;
use service::rules::sla;
use service::rules::ticket_roles::{self, Offer};
use service::usecase::tickets::entitlement::Entitlement;
use service::usecase::tickets::reading::{TicketParties, TicketRead};

use super::catalogue::{Engineer, Part, ServiceContract, WarrantyPolicy};
use super::enums::{
    Channel, ChargebackStatus, Exclusion, FaultCategory, QuoteStatus, ServiceType, Severity, TicketStatus,
};
use super::master::{Customer, Unit};
use super::stock::part_of;
use crate::graphql::context::{actor, load};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::loaders::{
    ChargebacksByTicketLoader, CustomerLoader, EngineerLoader, EventsByTicketLoader, LinesByQuoteLoader,
    PartsByRepairLoader, QuotesByTicketLoader, RepairsByTicketLoader, TicketLoader, UnitLoader, UserLoader,
};

/// 报修单: one reported fault on one unit, from intake to close.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Ticket {
    /// Opaque ticket id.
    pub id: ID,
    /// 报修单号, e.g. `SR-2026-000123`.
    pub number: String,
    /// How the fault report came in.
    pub channel: Channel,
    /// Where the ticket is in its lifecycle.
    pub status: TicketStatus,
    /// Decided at triage.
    pub service_type: Option<ServiceType>,
    /// Why the warranty does not apply, when it does not.
    pub exclusion: Option<Exclusion>,
    /// The fault as the customer described it (故障描述).
    pub fault_description: String,
    /// Fault category; dispatch matches it to engineer skills.
    pub fault_category: FaultCategory,
    /// How bad the fault is; tightens the on-site deadline.
    pub severity: Severity,
    /// Who to contact about this ticket (联系人).
    pub contact_name: Option<String>,
    /// Contact phone for this ticket.
    pub contact_phone: Option<String>,
    /// Contact email for this ticket.
    pub contact_email: Option<String>,
    /// What the customer was told at triage about the entitlement.
    pub entitlement_note: Option<String>,
    /// When the fault was reported; the SLA deadlines count from here.
    pub reported_at: DateTime<Utc>,
    /// Appointment agreed with the customer at dispatch.
    pub appointment_at: Option<DateTime<Utc>>,
    /// When the engineer arrived on site (as the phone recorded it).
    pub arrived_at: Option<DateTime<Utc>>,
    /// When the repair was completed.
    pub repaired_at: Option<DateTime<Utc>>,
    /// Signed off by the customer.
    pub customer_accepted_at: Option<DateTime<Utc>>,
    /// When the ticket was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// How often the customer sent it back (再次维修).
    pub rework_count: i32,
    /// 返厂单号 when returned to the factory.
    pub return_slip_number: Option<String>,
    /// Optimistic-lock version: send it back with every step.
    pub version: i32,
    #[graphql(skip)]
    pub model: ticket::Model,
    /// Customer, unit and engineer when read in the ticket's own query.
    #[graphql(skip)]
    pub parties: Option<TicketParties>,
}

/// The response and on-site deadlines of a ticket.
#[derive(SimpleObject)]
pub struct Deadlines {
    /// Answer the customer by then (24 h).
    pub reply_due_at: DateTime<Utc>,
    /// When the customer was answered (at triage).
    pub replied_at: Option<DateTime<Utc>>,
    /// Not answered in time (or answered late).
    pub reply_overdue: bool,
    /// On site by then (by distance and severity).
    pub arrival_due_at: DateTime<Utc>,
    /// When the engineer arrived on site.
    pub arrived_at: Option<DateTime<Utc>>,
    /// Not on site in time (or arrived late); never for phone guidance.
    pub arrival_overdue: bool,
    /// Either deadline missed: what `tickets(filter: {overdue: true})`
    /// lists and the KPI counts against timeliness. A cancelled ticket
    /// owes nothing; a closed one that was late stays overdue.
    pub overdue: bool,
}

#[ComplexObject]
impl Ticket {
    /// Deadlines and whether they are missed, as of now.
    async fn deadlines(&self) -> Deadlines {
        let t = &self.model;
        let facts = sla::SlaFacts::from(t);
        let now = Utc::now();
        Deadlines {
            reply_due_at: t.reply_due_at,
            replied_at: t.replied_at,
            reply_overdue: sla::reply_overdue(&facts, now),
            arrival_due_at: t.arrival_due_at,
            arrived_at: t.arrived_at,
            arrival_overdue: sla::arrival_overdue(&facts, now),
            overdue: sla::overdue(&facts, now),
        }
    }

    /// The steps the signed-in user may take on this ticket now, in the
    /// lifecycle's order: what the console offers as buttons. The mutations
    /// still check everything (the version above all).
    async fn allowed_actions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TicketAction>> {
        let viewer = actor(ctx)?;
        let quote = match self.model.status {
            entity::enums::TicketStatus::Quoted => {
                let quotes =
                    load::<QuotesByTicketLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
                quotes.last().map(|q| q.status)
            }
            _ => None,
        };
        let roles: Vec<_> = viewer.roles.iter().copied().collect();
        let facts = ticket_roles::TicketFacts {
            status: self.model.status,
            service_type: self.model.service_type,
            quote,
        };
        let who =
            ticket_roles::Viewer { roles: &roles, assigned: self.model.engineer_id == Some(viewer.user_id) };
        Ok(ticket_roles::offered(facts, who).into_iter().map(TicketAction::from).collect())
    }

    /// The same fault cause on this unit within 90 days of an earlier repair.
    async fn repeat_repair(&self) -> bool {
        self.model.repeat_of_ticket_id.is_some()
    }

    /// The ticket this one repeats.
    async fn repeat_of(&self) -> Option<ID> {
        self.model.repeat_of_ticket_id.map(|id| encode(Kind::Ticket, id))
    }

    /// The customer (客户) who reported the fault.
    async fn customer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Customer>> {
        if let Some(parties) = &self.parties {
            return Ok(parties.customer.clone().map(Customer::from));
        }
        Ok(load::<CustomerLoader, _>(ctx, Some(self.model.customer_id)).await?.map(Customer::from))
    }

    /// The faulty unit (设备).
    async fn unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Unit>> {
        if let Some(parties) = &self.parties {
            return Ok(parties.unit.clone().map(Unit::from));
        }
        Ok(load::<UnitLoader, _>(ctx, Some(self.model.unit_id)).await?.map(Unit::from))
    }

    /// The dispatched engineer.
    async fn engineer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Engineer>> {
        if let Some(parties) = &self.parties {
            return Ok(parties.engineer.clone().map(Engineer::from));
        }
        Ok(load::<EngineerLoader, _>(ctx, self.model.engineer_id).await?.map(Engineer::from))
    }

    /// Every transition: who, when, from, to, why.
    async fn events(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TicketEvent>> {
        let events = load::<EventsByTicketLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
        Ok(events.into_iter().map(TicketEvent::from).collect())
    }

    /// The latest quote (paid work).
    async fn quote(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Quote>> {
        let quotes = load::<QuotesByTicketLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
        Ok(quotes.into_iter().last().map(Quote::from))
    }

    /// The latest repair record.
    async fn repair_record(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<RepairRecord>> {
        let records = load::<RepairsByTicketLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
        Ok(records.into_iter().last().map(RepairRecord::from))
    }

    /// What the selling dealer is charged for in-warranty service of its
    /// unit (向代理方收取): notified before service, charged at sign-off.
    async fn chargeback(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DealerChargeback>> {
        let found = load::<ChargebacksByTicketLoader, _>(ctx, Some(self.model.id)).await?.unwrap_or_default();
        Ok(found.into_iter().next().map(DealerChargeback::from))
    }
}

/// A step the console offers on a ticket; each is one mutation.
// The same steps as `rules::ticket_roles::Offer`: the conversion is derived.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "Offer")]
pub enum TicketAction {
    /// `acceptTicket`: triage with entitlement.
    Accept,
    /// `createQuote` (paid work).
    Quote,
    /// `approveQuote`: the general manager approves a quote beyond the allowed discount.
    ApproveQuote,
    /// `acceptQuote`: the customer accepts the quote.
    AcceptQuote,
    /// `dispatchTicket`.
    Dispatch,
    /// `arriveOnSite`.
    Arrive,
    /// `recordRepair`.
    Repair,
    /// `signOff`: the customer signs the repair off.
    SignOff,
    /// `resolveByGuidance` (guidance-only service).
    ResolveByGuidance,
    /// `recordReturnVisit`.
    Visit,
    /// `closeTicket`.
    Close,
    /// `reworkTicket`.
    Rework,
    /// `returnToFactory`.
    ReturnToFactory,
    /// `cancelTicket`.
    Cancel,
}

/// A dealer chargeback of one ticket.
#[derive(SimpleObject)]
pub struct DealerChargeback {
    /// The dealer charged.
    pub dealer_id: ID,
    /// Parts, labour and travel at the tariff in force; 0 until sign-off.
    pub amount: Decimal,
    /// Notified before service, charged after it.
    pub status: ChargebackStatus,
    /// When the dealer was told.
    pub notified_at: Option<DateTime<Utc>>,
    /// When the amount was set.
    pub charged_at: Option<DateTime<Utc>>,
}

impl From<dealer_chargeback::Model> for DealerChargeback {
    fn from(m: dealer_chargeback::Model) -> Self {
        Self {
            dealer_id: encode(Kind::Dealer, m.dealer_id),
            amount: cents(m.amount),
            status: m.status.into(),
            notified_at: m.notified_at,
            charged_at: m.charged_at,
        }
    }
}

impl From<ticket::Model> for Ticket {
    fn from(m: ticket::Model) -> Self {
        Self {
            id: encode(Kind::Ticket, m.id),
            number: m.number.clone(),
            channel: m.channel.into(),
            status: m.status.into(),
            service_type: m.service_type.map(Into::into),
            exclusion: m.exclusion.map(Into::into),
            fault_description: m.fault_description.clone(),
            fault_category: m.fault_category.into(),
            severity: m.severity.into(),
            contact_name: m.contact_name.clone(),
            contact_phone: m.contact_phone.clone(),
            contact_email: m.contact_email.clone(),
            entitlement_note: m.entitlement_note.clone(),
            reported_at: m.reported_at,
            appointment_at: m.appointment_at,
            arrived_at: m.arrived_at,
            repaired_at: m.repaired_at,
            customer_accepted_at: m.customer_accepted_at,
            closed_at: m.closed_at,
            rework_count: m.rework_count,
            return_slip_number: m.return_slip_number.clone(),
            version: m.version,
            model: m,
            parties: None,
        }
    }
}

impl From<TicketRead> for Ticket {
    fn from(read: TicketRead) -> Self {
        Self { parties: read.parties, ..Ticket::from(read.ticket) }
    }
}

/// One transition of a ticket.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct TicketEvent {
    /// State before; null for the report that created the ticket.
    pub from_status: Option<TicketStatus>,
    /// State after.
    pub to_status: TicketStatus,
    /// Who made it (a user id).
    pub actor_id: Option<ID>,
    /// Why, or what was done.
    pub reason: Option<String>,
    /// When it happened.
    pub at: DateTime<Utc>,
    #[graphql(skip)]
    pub actor_user_id: Option<i64>,
}

#[ComplexObject]
impl TicketEvent {
    /// Who made it, by name (the timeline's "who"); null for the system.
    async fn actor_name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(load::<UserLoader, _>(ctx, self.actor_user_id).await?.map(|user| user.display_name))
    }
}

impl From<ticket_event::Model> for TicketEvent {
    fn from(m: ticket_event::Model) -> Self {
        Self {
            actor_user_id: m.actor_user_id,
            from_status: m.from_status.map(Into::into),
            to_status: m.to_status.into(),
            actor_id: m.actor_user_id.map(|id| encode(Kind::User, id)),
            reason: m.reason,
            at: m.created_at,
        }
    }
}

/// 报价: the price of paid work.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Quote {
    /// Opaque quote id.
    pub id: ID,
    /// Where the quote stands.
    pub status: QuoteStatus,
    /// Parts at standard prices.
    pub parts_amount: Decimal,
    /// Labour hours quoted.
    pub labour_hours: Decimal,
    /// Price per labour hour from the tariff.
    pub labour_rate: Decimal,
    /// Labour hours × rate.
    pub labour_amount: Decimal,
    /// There and back, per km.
    pub travel_amount: Decimal,
    /// The price-list price.
    pub standard_total: Decimal,
    /// Percent below standard.
    pub discount_percent: Decimal,
    /// What the customer pays.
    pub total: Decimal,
    /// When the quote was approved (by the general manager when needed).
    pub approved_at: Option<DateTime<Utc>>,
    /// When the customer accepted the quote.
    pub customer_accepted_at: Option<DateTime<Utc>>,
    /// The general manager's note on approving or refusing it.
    pub decision_note: Option<String>,
    #[graphql(skip)]
    pub quote_id: i64,
    #[graphql(skip)]
    pub ticket_id: i64,
}

#[ComplexObject]
impl Quote {
    /// The parts priced, from the price list.
    async fn lines(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<QuoteLine>> {
        let rows = load::<LinesByQuoteLoader, _>(ctx, Some(self.quote_id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(QuoteLine::from).collect())
    }

    /// The ticket quoted (what the approvals inbox shows beside the figures).
    /// A quote is only ever reached through its visible ticket or by the
    /// general manager, who sees every ticket.
    async fn ticket(&self, ctx: &Context<'_>) -> async_graphql::Result<Ticket> {
        ticket_by_id(ctx, self.ticket_id).await
    }
}

/// A part on a quote, at its price-list price.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct QuoteLine {
    /// How many.
    pub quantity: i32,
    /// Price-list price of one when quoted.
    pub unit_price: Decimal,
    /// Quantity × unit price.
    pub amount: Decimal,
    #[graphql(skip)]
    pub part_id: i64,
}

#[ComplexObject]
impl QuoteLine {
    /// The part (物料) quoted.
    async fn part(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Part>> {
        part_of(ctx, self.part_id).await
    }
}

impl From<quote_line::Model> for QuoteLine {
    fn from(m: quote_line::Model) -> Self {
        Self {
            quantity: m.quantity,
            unit_price: cents(m.unit_price),
            amount: cents(m.amount),
            part_id: m.part_id,
        }
    }
}

/// A ticket a quote or repair record belongs to (a foreign key: it exists).
async fn ticket_by_id(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Ticket> {
    load::<TicketLoader, _>(ctx, Some(id))
        .await?
        .map(Ticket::from)
        .ok_or_else(|| async_graphql::Error::new(format!("ticket {id} is gone")))
}

impl From<quote::Model> for Quote {
    fn from(m: quote::Model) -> Self {
        Self {
            id: encode(Kind::Quote, m.id),
            status: m.status.into(),
            parts_amount: cents(m.parts_amount),
            labour_hours: m.labour_hours.normalize(),
            labour_rate: cents(m.labour_rate),
            labour_amount: cents(m.labour_amount),
            travel_amount: cents(m.travel_amount),
            standard_total: cents(m.standard_total),
            discount_percent: m.discount_percent.normalize(),
            total: cents(m.total),
            approved_at: m.approved_at,
            customer_accepted_at: m.customer_accepted_at,
            decision_note: m.decision_note,
            quote_id: m.id,
            ticket_id: m.ticket_id,
        }
    }
}

/// 维修记录 / 售后服务报告单.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct RepairRecord {
    /// Opaque repair record id.
    pub id: ID,
    /// When the engineer arrived on site.
    pub arrived_at: DateTime<Utc>,
    /// The failure cause quality reports group by.
    pub fault_cause: String,
    /// Measures taken.
    pub measures: String,
    /// Labour hours spent.
    pub labour_hours: Decimal,
    /// When the repair was completed (完工日期).
    pub completed_at: DateTime<Utc>,
    /// Who signed for the customer, and when (after the repair, never before).
    pub customer_signed_name: Option<String>,
    /// When the customer signed the record off (验收).
    pub customer_signed_at: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub record_id: i64,
    #[graphql(skip)]
    pub ticket_id: i64,
}

#[ComplexObject]
impl RepairRecord {
    /// Parts replaced.
    async fn parts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ReplacedPart>> {
        let rows = load::<PartsByRepairLoader, _>(ctx, Some(self.record_id)).await?.unwrap_or_default();
        Ok(rows.into_iter().map(ReplacedPart::from).collect())
    }

    /// The ticket repaired (from a report's drill-down to the ticket page).
    /// A record is only ever reached through its visible ticket or by staff
    /// reading the quality reports, who see every ticket.
    async fn ticket(&self, ctx: &Context<'_>) -> async_graphql::Result<Ticket> {
        ticket_by_id(ctx, self.ticket_id).await
    }
}

impl From<repair_record::Model> for RepairRecord {
    fn from(m: repair_record::Model) -> Self {
        Self {
            id: encode(Kind::RepairRecord, m.id),
            arrived_at: m.arrived_at,
            fault_cause: m.fault_cause,
            measures: m.measures,
            labour_hours: m.labour_hours.normalize(),
            completed_at: m.completed_at,
            customer_signed_name: m.customer_signed_name,
            customer_signed_at: m.customer_signed_at,
            record_id: m.id,
            ticket_id: m.ticket_id,
        }
    }
}

/// A part replaced in a repair.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct ReplacedPart {
    /// The part (物料) replaced.
    pub part_id: ID,
    /// How many were replaced.
    pub quantity: i32,
    /// Standard price of one, at the time of the repair.
    pub unit_price: Decimal,
    #[graphql(skip)]
    pub part_key: i64,
}

#[ComplexObject]
impl ReplacedPart {
    /// The part itself: its number and name.
    async fn part(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Part>> {
        part_of(ctx, self.part_key).await
    }
}

impl From<repair_part::Model> for ReplacedPart {
    fn from(m: repair_part::Model) -> Self {
        Self {
            part_id: encode(Kind::Part, m.part_id),
            quantity: m.quantity,
            unit_price: cents(m.unit_price),
            part_key: m.part_id,
        }
    }
}

/// The entitlement of a unit on a date.
#[derive(SimpleObject)]
pub struct WarrantyStatus {
    /// The unit's serial number (设备编号 / 序列号).
    pub serial_number: String,
    /// The date asked about.
    pub on: NaiveDate,
    /// Inside the warranty period.
    pub in_warranty: bool,
    /// Covered by the warranty or a service contract.
    pub covered: bool,
    /// The policy of the unit (its own, else its model's).
    pub policy: Option<WarrantyPolicy>,
    /// The contract that covers the date, when the warranty does not.
    pub contract: Option<ServiceContract>,
    /// Start (the invoice date, or the contract start) and last covered day.
    pub starts_on: Option<NaiveDate>,
    /// Last covered day.
    pub ends_on: Option<NaiveDate>,
    /// Days of cover left counting the date itself.
    pub days_left: i64,
    /// The service type the dates imply (an exclusion found at triage can
    /// still make it PAID).
    pub service_type: ServiceType,
    /// Why not covered, when it is not.
    pub exclusion: Option<Exclusion>,
    /// In words, for the agent.
    pub explanation: String,
}

impl From<Entitlement> for WarrantyStatus {
    fn from(e: Entitlement) -> Self {
        let period = e.period();
        Self {
            serial_number: e.unit.serial_number.clone(),
            on: e.on,
            in_warranty: e.in_warranty(),
            covered: e.covered(),
            days_left: e.days_left(),
            explanation: e.explanation(),
            service_type: e.service_type.into(),
            exclusion: e.exclusion.map(Into::into),
            starts_on: period.map(|p| p.0),
            ends_on: period.map(|p| p.1),
            policy: e.policy.map(WarrantyPolicy::from),
            contract: e.contract.map(ServiceContract::from),
        }
    }
}
