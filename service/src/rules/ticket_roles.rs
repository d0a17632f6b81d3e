//! Who may take which step of a ticket, and so which steps a viewer is
//! offered now: the lifecycle (`ticket_flow`) says what may follow the
//! state, these lists say who may do it. The use cases check the same lists.

use entity::enums::{QuoteStatus, Role, ServiceType, TicketStatus};

use super::ticket_flow::{TicketAction, next_status};

/// The service desk: triage, quotes, dispatch, close, cancel.
pub const DESK: &[Role] = &[Role::Agent, Role::ServiceManager];
/// Work on site: the assigned engineer, or a service manager.
pub const SITE: &[Role] = &[Role::Engineer, Role::ServiceManager];
/// Who reports a fault: the desk, and dealers for their own units.
pub const INTAKE: &[Role] = &[Role::Agent, Role::ServiceManager, Role::Dealer];
/// Who takes the customer's signature: the desk by phone, the engineer on site.
pub const SIGN_OFF: &[Role] = &[Role::Agent, Role::Engineer, Role::ServiceManager];
/// Who approves a quote beyond the allowed discount.
pub const QUOTE_APPROVERS: &[Role] = &[Role::GeneralManager];

/// A step as the console offers it: the lifecycle's actions, with its
/// quote approval split into the general manager's approval and the
/// customer's acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    Accept,
    Quote,
    ApproveQuote,
    AcceptQuote,
    Dispatch,
    Arrive,
    Repair,
    SignOff,
    ResolveByGuidance,
    Visit,
    Close,
    Rework,
    ReturnToFactory,
    Cancel,
}

impl Offer {
    pub const ALL: [Offer; 14] = [
        Offer::Accept,
        Offer::Quote,
        Offer::ApproveQuote,
        Offer::AcceptQuote,
        Offer::Dispatch,
        Offer::Arrive,
        Offer::Repair,
        Offer::SignOff,
        Offer::ResolveByGuidance,
        Offer::Visit,
        Offer::Close,
        Offer::Rework,
        Offer::ReturnToFactory,
        Offer::Cancel,
    ];

    /// The lifecycle's move this step makes.
    pub fn action(self) -> TicketAction {
        match self {
            Offer::Accept => TicketAction::Accept,
            Offer::Quote => TicketAction::Quote,
            Offer::ApproveQuote | Offer::AcceptQuote => TicketAction::ApproveQuote,
            Offer::Dispatch => TicketAction::Dispatch,
            Offer::Arrive => TicketAction::Arrive,
            Offer::Repair => TicketAction::Repair,
            Offer::SignOff => TicketAction::SignOff,
            Offer::ResolveByGuidance => TicketAction::ResolveByGuidance,
            Offer::Visit => TicketAction::Visit,
            Offer::Close => TicketAction::Close,
            Offer::Rework => TicketAction::Rework,
            Offer::ReturnToFactory => TicketAction::ReturnToFactory,
            Offer::Cancel => TicketAction::Cancel,
        }
    }

    /// Who may take it (an administrator may take any).
    pub fn roles(self) -> &'static [Role] {
        match self {
            Offer::ApproveQuote => QUOTE_APPROVERS,
            Offer::Arrive | Offer::Repair | Offer::ReturnToFactory => SITE,
            Offer::SignOff => SIGN_OFF,
            _ => DESK,
        }
    }

    /// Work on site, which an engineer does only on tickets assigned to them.
    fn on_site(self) -> bool {
        matches!(self, Offer::Arrive | Offer::Repair | Offer::ReturnToFactory)
    }
}

/// The ticket as far as the offer depends on it.
#[derive(Debug, Clone, Copy)]
pub struct TicketFacts {
    pub status: TicketStatus,
    pub service_type: Option<ServiceType>,
    /// The latest open quote's state.
    pub quote: Option<QuoteStatus>,
}

/// The viewer as far as the offer depends on them.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub roles: &'a [Role],
    /// The ticket is dispatched to this viewer.
    pub assigned: bool,
}

/// The steps `viewer` may take on the ticket now, in the lifecycle's order.
pub fn offered(ticket: TicketFacts, viewer: Viewer<'_>) -> Vec<Offer> {
    let has = |roles: &[Role]| viewer.roles.iter().any(|r| *r == Role::Admin || roles.contains(r));
    let manager = viewer.roles.iter().any(|r| matches!(r, Role::Admin | Role::ServiceManager));
    Offer::ALL
        .into_iter()
        .filter(|offer| next_status(ticket.status, offer.action(), ticket.service_type).is_ok())
        .filter(|offer| has(offer.roles()))
        .filter(|offer| !offer.on_site() || viewer.assigned || manager)
        .filter(|offer| match offer {
            Offer::ApproveQuote => ticket.quote == Some(QuoteStatus::PendingApproval),
            Offer::AcceptQuote => matches!(ticket.quote, Some(QuoteStatus::Approved | QuoteStatus::Draft)),
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(
        status: TicketStatus,
        service_type: Option<ServiceType>,
        quote: Option<QuoteStatus>,
    ) -> TicketFacts {
        TicketFacts { status, service_type, quote }
    }
    const AGENT: Viewer<'static> = Viewer { roles: &[Role::Agent], assigned: false };

    #[test]
    fn a_new_report_offers_the_desk_triage_and_cancel_and_nothing_to_a_dealer() {
        let new = facts(TicketStatus::Reported, None, None);
        assert_eq!(offered(new, AGENT), vec![Offer::Accept, Offer::Cancel]);
        assert!(offered(new, Viewer { roles: &[Role::Dealer], assigned: false }).is_empty());
    }

    #[test]
    fn a_quote_below_the_limit_waits_for_the_general_manager_before_the_customer_accepts() {
        let waiting =
            facts(TicketStatus::Quoted, Some(ServiceType::Paid), Some(QuoteStatus::PendingApproval));
        assert!(!offered(waiting, AGENT).contains(&Offer::AcceptQuote));
        let gm = Viewer { roles: &[Role::GeneralManager], assigned: false };
        assert_eq!(offered(waiting, gm), vec![Offer::ApproveQuote]);
        let approved = facts(TicketStatus::Quoted, Some(ServiceType::Paid), Some(QuoteStatus::Approved));
        assert_eq!(offered(approved, AGENT), vec![Offer::Quote, Offer::AcceptQuote, Offer::Cancel]);
        assert!(offered(approved, gm).is_empty());
    }

    #[test]
    fn site_work_is_offered_to_the_assigned_engineer_only() {
        let dispatched = facts(TicketStatus::Dispatched, Some(ServiceType::Free), None);
        assert_eq!(
            offered(dispatched, Viewer { roles: &[Role::Engineer], assigned: true }),
            vec![Offer::Arrive]
        );
        assert!(offered(dispatched, Viewer { roles: &[Role::Engineer], assigned: false }).is_empty());
        let repaired = facts(TicketStatus::Repaired, Some(ServiceType::Free), None);
        assert_eq!(
            offered(repaired, Viewer { roles: &[Role::Engineer], assigned: true }),
            vec![Offer::SignOff]
        );
    }

    #[test]
    fn paid_work_is_not_dispatched_before_its_quote_and_a_closed_ticket_offers_nothing() {
        let paid = facts(TicketStatus::Accepted, Some(ServiceType::Paid), None);
        assert_eq!(offered(paid, AGENT), vec![Offer::Quote, Offer::Cancel]);
        let admin = Viewer { roles: &[Role::Admin], assigned: false };
        assert!(offered(facts(TicketStatus::Closed, Some(ServiceType::Free), None), admin).is_empty());
    }
}
