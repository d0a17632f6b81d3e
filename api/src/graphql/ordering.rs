//! The `orderBy` arguments of the lists a front end pages through: a field
//! and a direction, ties always broken by id. Without one a list keeps the
//! order its rows were recorded in. A cursor belongs to the ordering it was
//! read in: used with another it is `VALIDATION` on `after`/`before`.

use async_graphql::{Enum, InputObject};
use service::ordering;
use service::pagination::{OrderBy, SortDirection};

/// Which way a list runs.
#[derive(Enum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OrderDirection {
    /// Smallest (earliest, first in the alphabet) first; rows without a
    /// value last.
    #[default]
    Asc,
    /// Largest (latest) first; rows without a value first.
    Desc,
}

impl From<OrderDirection> for SortDirection {
    fn from(d: OrderDirection) -> Self {
        match d {
            OrderDirection::Asc => Self::Asc,
            OrderDirection::Desc => Self::Desc,
        }
    }
}

/// Declares a list's field enum and `orderBy` input, and their mapping to
/// the service's ordering.
macro_rules! list_order {
    ($(#[$doc:meta])* $input:ident, $field:ident => $service:ty {
        $($(#[$vdoc:meta])* $variant:ident => $target:ident),* $(,)?
    }) => {
        #[doc = concat!("What `", stringify!($input), "` can order by.")]
        #[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $field {
            $($(#[$vdoc])* $variant),*
        }

        $(#[$doc])*
        #[derive(InputObject, Debug, Clone, Copy)]
        pub struct $input {
            /// The key the list is ordered by.
            pub field: $field,
            /// Which way (default `ASC`).
            #[graphql(default)]
            pub direction: OrderDirection,
        }

        impl $input {
            /// The service's ordering; without one, as recorded.
            pub fn or_recorded(order: Option<Self>) -> OrderBy<$service> {
                order.map_or_else(OrderBy::default, |o| OrderBy {
                    field: match o.field {
                        $($field::$variant => <$service>::$target),*
                    },
                    direction: o.direction.into(),
                })
            }
        }
    };
}

list_order!(
    /// How to order tickets.
    TicketOrder, TicketOrderField => ordering::TicketOrder {
        /// When the ticket was recorded.
        CreatedAt => CreatedAt,
        /// The reply deadline.
        ReplyDueAt => ReplyDueAt,
        /// The on-site arrival deadline.
        ArrivalDueAt => ArrivalDueAt,
        /// The ticket number (报修单号).
        Number => Number,
    }
);

list_order!(
    /// How to order old parts.
    OldPartOrder, OldPartOrderField => ordering::OldPartOrder {
        /// When the old part was recorded.
        CreatedAt => CreatedAt,
        /// The due date (要求交期).
        DueOn => DueOn,
        /// The approval number (审批号).
        ApprovalNumber => ApprovalNumber,
    }
);

list_order!(
    /// How to order complaints.
    ComplaintOrder, ComplaintOrderField => ordering::ComplaintOrder {
        /// When the complaint was recorded.
        CreatedAt => CreatedAt,
        /// The routing deadline (quality complaints); those without one
        /// come last going up, first going down.
        RouteDueAt => RouteDueAt,
        /// The complaint number.
        Number => Number,
    }
);

list_order!(
    /// How to order return visits.
    ReturnVisitOrder, ReturnVisitOrderField => ordering::VisitOrder {
        /// When the visit was planned.
        CreatedAt => CreatedAt,
        /// When the visit is due.
        DueAt => DueAt,
    }
);

list_order!(
    /// How to order units.
    UnitOrder, UnitOrderField => ordering::UnitOrder {
        /// When the unit was registered.
        CreatedAt => CreatedAt,
        /// The serial number (设备编号).
        SerialNumber => SerialNumber,
    }
);
