//! The orders a front end may list tickets, old parts, complaints, return
//! visits and units in: by when they were recorded, by their deadline and
//! by their number, either way, ties broken by id. Without a field a list
//! keeps the order its rows were recorded in (by id).

use entity::{complaint, old_part, return_visit, ticket, unit};

use crate::pagination::{KeyKind, Sort, SortField};

/// How tickets may be ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TicketOrder {
    /// As recorded (by id).
    #[default]
    Recorded,
    CreatedAt,
    /// The reply deadline (答复).
    ReplyDueAt,
    /// The on-site arrival deadline.
    ArrivalDueAt,
    /// The ticket number (报修单号).
    Number,
}

impl SortField for TicketOrder {
    type Column = ticket::Column;

    fn sort(self) -> Sort<ticket::Column> {
        use ticket::Column as C;
        let by_id = Sort::by_id("tickets", C::Id);
        match self {
            Self::Recorded => by_id,
            Self::CreatedAt => by_id.by("createdAt", C::CreatedAt, KeyKind::Time),
            Self::ReplyDueAt => by_id.by("replyDueAt", C::ReplyDueAt, KeyKind::Time),
            Self::ArrivalDueAt => by_id.by("arrivalDueAt", C::ArrivalDueAt, KeyKind::Time),
            Self::Number => by_id.by("number", C::Number, KeyKind::Text),
        }
    }
}

/// How old parts may be ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OldPartOrder {
    #[default]
    Recorded,
    CreatedAt,
    /// The due date (要求交期).
    DueOn,
    /// The approval number (审批号).
    ApprovalNumber,
}

impl SortField for OldPartOrder {
    type Column = old_part::Column;

    fn sort(self) -> Sort<old_part::Column> {
        use old_part::Column as C;
        let by_id = Sort::by_id("oldParts", C::Id);
        match self {
            Self::Recorded => by_id,
            Self::CreatedAt => by_id.by("createdAt", C::CreatedAt, KeyKind::Time),
            Self::DueOn => by_id.by("dueOn", C::DueOn, KeyKind::Date),
            Self::ApprovalNumber => by_id.by("approvalNumber", C::ApprovalNumber, KeyKind::Text),
        }
    }
}

/// How complaints may be ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ComplaintOrder {
    #[default]
    Recorded,
    CreatedAt,
    /// The routing deadline; complaints without one come last going up.
    RouteDueAt,
    Number,
}

impl SortField for ComplaintOrder {
    type Column = complaint::Column;

    fn sort(self) -> Sort<complaint::Column> {
        use complaint::Column as C;
        let by_id = Sort::by_id("complaints", C::Id);
        match self {
            Self::Recorded => by_id,
            Self::CreatedAt => by_id.by("createdAt", C::CreatedAt, KeyKind::Time),
            Self::RouteDueAt => by_id.by_nullable("routeDueAt", C::RouteDueAt, KeyKind::Time),
            Self::Number => by_id.by("number", C::Number, KeyKind::Text),
        }
    }
}

/// How return visits may be ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VisitOrder {
    #[default]
    Recorded,
    CreatedAt,
    DueAt,
}

impl SortField for VisitOrder {
    type Column = return_visit::Column;

    fn sort(self) -> Sort<return_visit::Column> {
        use return_visit::Column as C;
        let by_id = Sort::by_id("returnVisits", C::Id);
        match self {
            Self::Recorded => by_id,
            Self::CreatedAt => by_id.by("createdAt", C::CreatedAt, KeyKind::Time),
            Self::DueAt => by_id.by("dueAt", C::DueAt, KeyKind::Time),
        }
    }
}

/// How units may be ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnitOrder {
    #[default]
    Recorded,
    CreatedAt,
    SerialNumber,
}

impl SortField for UnitOrder {
    type Column = unit::Column;

    fn sort(self) -> Sort<unit::Column> {
        use unit::Column as C;
        let by_id = Sort::by_id("units", C::Id);
        match self {
            Self::Recorded => by_id,
            Self::CreatedAt => by_id.by("createdAt", C::CreatedAt, KeyKind::Time),
            Self::SerialNumber => by_id.by("serialNumber", C::SerialNumber, KeyKind::Text),
        }
    }
}
