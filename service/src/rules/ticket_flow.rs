//! The ticket lifecycle as a state machine: reported → accepted → (quoted →
//! quote approved, paid work only) → dispatched → on site → repaired →
//! accepted by the customer → visited → closed; rework back to dispatched;
//! return to factory; cancel. Every other move is refused, naming the state.

use entity::enums::{ServiceType, TicketStatus};

/// What someone does to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketAction {
    /// Triage: service type and entitlement decided.
    Accept,
    /// A quote is issued (paid work).
    Quote,
    /// The quote is approved and accepted by the customer.
    ApproveQuote,
    /// An engineer and an appointment are set.
    Dispatch,
    /// The engineer is on site.
    Arrive,
    /// The repair record is written.
    Repair,
    /// The customer signs the repair off (验收).
    SignOff,
    /// Phone guidance solved it (service type OTHER): no visit on site.
    ResolveByGuidance,
    /// The return visit is done.
    Visit,
    Close,
    /// The customer is not satisfied: back to an engineer (再次维修).
    Rework,
    /// Cannot be fixed on site: the unit goes to the factory (返厂).
    ReturnToFactory,
    Cancel,
}

impl TicketAction {
    pub fn name(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Quote => "quote",
            Self::ApproveQuote => "approve the quote of",
            Self::Dispatch => "dispatch",
            Self::Arrive => "record arrival on",
            Self::Repair => "record the repair of",
            Self::SignOff => "sign off",
            Self::ResolveByGuidance => "resolve by guidance",
            Self::Visit => "record the return visit of",
            Self::Close => "close",
            Self::Rework => "send to rework",
            Self::ReturnToFactory => "return to factory",
            Self::Cancel => "cancel",
        }
    }
}

/// A move the lifecycle does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IllegalTransition {
    pub from: TicketStatus,
    pub action: TicketAction,
    pub why: &'static str,
}

impl std::fmt::Display for IllegalTransition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot {} a ticket that is {}: {}", self.action.name(), self.from.as_str(), self.why)
    }
}

/// Terminal states: nothing moves a ticket out of them.
pub fn is_terminal(status: TicketStatus) -> bool {
    matches!(status, TicketStatus::Closed | TicketStatus::Cancelled)
}

/// The state after `action`, or why it is not allowed. `service_type` is the
/// one decided at triage (none before).
pub fn next_status(
    from: TicketStatus,
    action: TicketAction,
    service_type: Option<ServiceType>,
) -> Result<TicketStatus, IllegalTransition> {
    use TicketAction as A;
    use TicketStatus as S;
    let refuse = |why| Err(IllegalTransition { from, action, why });
    let paid = service_type == Some(ServiceType::Paid);
    let guidance = service_type == Some(ServiceType::Other);
    match (action, from) {
        (A::Accept, S::Reported) => Ok(S::Accepted),
        (A::Quote, S::Accepted) if paid => Ok(S::Quoted),
        (A::Quote, S::Accepted) => refuse("only paid work is quoted"),
        // A revised quote replaces the pending one.
        (A::Quote, S::Quoted) => Ok(S::Quoted),
        (A::ApproveQuote, S::Quoted) => Ok(S::QuoteApproved),
        (A::Dispatch, S::Accepted) if paid => refuse("paid work needs an approved quote first"),
        (A::Dispatch, S::Accepted) if guidance => refuse("guidance-only service has no site visit"),
        (A::Dispatch, S::Accepted | S::QuoteApproved) => Ok(S::Dispatched),
        // Re-dispatch before arrival: another engineer or appointment.
        (A::Dispatch, S::Dispatched) => Ok(S::Dispatched),
        (A::Arrive, S::Dispatched) => Ok(S::OnSite),
        (A::Repair, S::OnSite | S::ReturnedToFactory) => Ok(S::Repaired),
        (A::SignOff, S::Repaired) => Ok(S::CustomerAccepted),
        (A::SignOff, _) => refuse("the customer signs only after the repair record exists"),
        (A::ResolveByGuidance, S::Accepted) if guidance => Ok(S::CustomerAccepted),
        (A::ResolveByGuidance, S::Accepted) => {
            refuse("only guidance-only (OTHER) service is resolved by guidance")
        }
        (A::Visit, S::CustomerAccepted) => Ok(S::Visited),
        (A::Close, S::Visited) => Ok(S::Closed),
        (A::Rework, S::Repaired | S::CustomerAccepted | S::Visited) => Ok(S::Dispatched),
        (A::ReturnToFactory, S::OnSite) => Ok(S::ReturnedToFactory),
        (A::Cancel, S::Reported | S::Accepted | S::Quoted | S::QuoteApproved | S::Dispatched) => {
            Ok(S::Cancelled)
        }
        (A::Cancel, _) if is_terminal(from) => refuse("it is already finished"),
        (A::Cancel, _) => refuse("work has started on site"),
        _ if is_terminal(from) => refuse("it is already finished"),
        _ => refuse("that step does not follow from this state"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TicketAction as A;
    use TicketStatus as S;

    fn walk(service_type: ServiceType, actions: &[TicketAction]) -> Result<TicketStatus, IllegalTransition> {
        actions.iter().try_fold(S::Reported, |state, action| next_status(state, *action, Some(service_type)))
    }

    #[test]
    fn free_ticket_walks_from_report_to_close() {
        let path = [A::Accept, A::Dispatch, A::Arrive, A::Repair, A::SignOff, A::Visit, A::Close];
        assert_eq!(walk(ServiceType::Free, &path), Ok(S::Closed));
    }

    #[test]
    fn paid_ticket_needs_an_approved_quote_before_dispatch() {
        let skip = walk(ServiceType::Paid, &[A::Accept, A::Dispatch]).unwrap_err();
        assert_eq!(skip.from, S::Accepted);
        assert!(skip.to_string().contains("ACCEPTED"), "{skip}");
        let path = [A::Accept, A::Quote, A::ApproveQuote, A::Dispatch, A::Arrive, A::Repair];
        assert_eq!(walk(ServiceType::Paid, &path), Ok(S::Repaired));
    }

    #[test]
    fn free_work_is_not_quoted() {
        assert!(walk(ServiceType::Free, &[A::Accept, A::Quote]).is_err());
    }

    #[test]
    fn sign_off_before_the_repair_is_refused() {
        let err = walk(ServiceType::Free, &[A::Accept, A::Dispatch, A::Arrive, A::SignOff]).unwrap_err();
        assert_eq!(err.from, S::OnSite);
        assert!(err.to_string().contains("repair record"));
    }

    #[test]
    fn rework_goes_back_to_dispatched_from_repaired_or_after_the_visit() {
        assert_eq!(next_status(S::Repaired, A::Rework, Some(ServiceType::Free)), Ok(S::Dispatched));
        assert_eq!(next_status(S::Visited, A::Rework, Some(ServiceType::Free)), Ok(S::Dispatched));
        assert!(next_status(S::Closed, A::Rework, Some(ServiceType::Free)).is_err());
    }

    #[test]
    fn return_to_factory_from_site_then_repaired_on_return() {
        let path = [A::Accept, A::Dispatch, A::Arrive, A::ReturnToFactory, A::Repair, A::SignOff];
        assert_eq!(walk(ServiceType::Free, &path), Ok(S::CustomerAccepted));
    }

    #[test]
    fn guidance_only_is_resolved_without_dispatch() {
        assert!(walk(ServiceType::Other, &[A::Accept, A::Dispatch]).is_err());
        let path = [A::Accept, A::ResolveByGuidance, A::Visit, A::Close];
        assert_eq!(walk(ServiceType::Other, &path), Ok(S::Closed));
    }

    #[test]
    fn cancel_before_site_work_only_and_never_twice() {
        assert_eq!(next_status(S::Dispatched, A::Cancel, None), Ok(S::Cancelled));
        assert!(next_status(S::OnSite, A::Cancel, None).is_err());
        let twice = next_status(S::Cancelled, A::Cancel, None).unwrap_err();
        assert!(twice.to_string().contains("already finished"));
    }

    #[test]
    fn nothing_leaves_a_closed_ticket() {
        for action in [A::Accept, A::Dispatch, A::Arrive, A::Repair, A::Visit, A::Close, A::Rework] {
            assert!(next_status(S::Closed, action, Some(ServiceType::Free)).is_err(), "{action:?}");
        }
    }
}
