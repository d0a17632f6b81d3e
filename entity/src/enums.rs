//! The enumerations of the data model. Each is stored as its SCREAMING_CASE
//! name in a `VARCHAR(32)` column (`DeriveActiveEnum`, `rs_type = "String"`),
//! serializes to the same name (serde), and parses from it (`FromStr`, which
//! also accepts any letter case, for config files and the command line).

use std::fmt;
use std::str::FromStr;

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A string that names no value of the enumeration it was parsed as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    /// The enumeration, e.g. `"TicketStatus"`.
    pub enum_name: &'static str,
    /// The string that did not parse.
    pub value: String,
    /// The values that would have parsed.
    pub expected: &'static [&'static str],
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a {}; expected one of {}",
            self.value,
            self.enum_name,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for ParseEnumError {}

/// Declares string-stored enumerations: the enum with its sea-orm and serde
/// mapping, `ALL`, `VALUES`, `as_str`, `Display` and `FromStr`.
macro_rules! string_enums {
    ($(
        $(#[$attr:meta])*
        $name:ident {
            $( $variant:ident = $value:tt, )+
        }
    )+) => {$(
        $(#[$attr])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            EnumIter, DeriveActiveEnum, Serialize, Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
        pub enum $name {
            $(
                #[sea_orm(string_value = $value)]
                #[serde(rename = $value)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stored names of [`Self::ALL`], in the same order.
            pub const VALUES: &'static [&'static str] = &[$($value),+];

            /// The name stored in the database and used in JSON, e.g. `"ON_SITE"`.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseEnumError;

            /// Parses the stored name, ignoring letter case and surrounding blanks.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| ParseEnumError {
                        enum_name: stringify!($name),
                        value: s.to_owned(),
                        expected: Self::VALUES,
                    })
            }
        }
    )+};
}

string_enums! {
    /// A user role; a user may hold several.
    Role {
        Agent = "AGENT",
        Engineer = "ENGINEER",
        Warehouse = "WAREHOUSE",
        ServiceManager = "SERVICE_MANAGER",
        Finance = "FINANCE",
        Quality = "QUALITY",
        GeneralManager = "GENERAL_MANAGER",
        Admin = "ADMIN",
        Dealer = "DEALER",
    }

    /// The kind of fault reported on a ticket; also an engineer skill.
    FaultCategory {
        Electrical = "ELECTRICAL",
        Hydraulic = "HYDRAULIC",
        Engine = "ENGINE",
        Chassis = "CHASSIS",
        Structural = "STRUCTURAL",
        ControlSystem = "CONTROL_SYSTEM",
        Other = "OTHER",
    }

    /// The category of a spare part.
    PartCategory {
        Electrical = "ELECTRICAL",
        Chassis = "CHASSIS",
        Structural = "STRUCTURAL",
        Hydraulic = "HYDRAULIC",
        Other = "OTHER",
    }

    /// How a ticket came in (intake channel).
    Channel {
        Phone = "PHONE",
        Email = "EMAIL",
        Web = "WEB",
        Sms = "SMS",
        WalkIn = "WALK_IN",
        Dealer = "DEALER",
    }

    /// How severe a fault or a complaint is.
    Severity {
        Severe = "SEVERE",
        Major = "MAJOR",
        General = "GENERAL",
    }

    /// Where a service ticket is in its life cycle.
    TicketStatus {
        Reported = "REPORTED",
        Accepted = "ACCEPTED",
        Quoted = "QUOTED",
        QuoteApproved = "QUOTE_APPROVED",
        Dispatched = "DISPATCHED",
        OnSite = "ON_SITE",
        Repaired = "REPAIRED",
        CustomerAccepted = "CUSTOMER_ACCEPTED",
        Visited = "VISITED",
        Closed = "CLOSED",
        ReturnedToFactory = "RETURNED_TO_FACTORY",
        Cancelled = "CANCELLED",
    }

    /// Who pays for a service: the entitlement decided for a ticket.
    ServiceType {
        Free = "FREE",
        Contract = "CONTRACT",
        Paid = "PAID",
        Other = "OTHER",
    }

    /// Why a unit under warranty is not covered.
    Exclusion {
        Misuse = "MISUSE",
        ForceMajeure = "FORCE_MAJEURE",
        SelfModification = "SELF_MODIFICATION",
        Expired = "EXPIRED",
        SerialTampered = "SERIAL_TAMPERED",
    }

    /// Where a repair quote is in its approval.
    QuoteStatus {
        Draft = "DRAFT",
        PendingApproval = "PENDING_APPROVAL",
        Approved = "APPROVED",
        Accepted = "ACCEPTED",
        Rejected = "REJECTED",
    }

    /// Where a dealer chargeback is.
    ChargebackStatus {
        Pending = "PENDING",
        Notified = "NOTIFIED",
        Charged = "CHARGED",
        Cancelled = "CANCELLED",
    }

    /// The kind of a stock movement.
    MovementKind {
        Receive = "RECEIVE",
        Issue = "ISSUE",
        Return = "RETURN",
        Adjust = "ADJUST",
        Stocktake = "STOCKTAKE",
    }

    /// Where a parts requisition is.
    RequisitionStatus {
        Requested = "REQUESTED",
        Approved = "APPROVED",
        Rejected = "REJECTED",
        Issued = "ISSUED",
        Closed = "CLOSED",
    }

    /// Whether a stocktake is still being counted.
    StocktakeStatus {
        Open = "OPEN",
        Closed = "CLOSED",
    }

    /// Where a replaced (old) part is on its way back.
    OldPartStatus {
        Pending = "PENDING",
        Replied = "REPLIED",
        Collected = "COLLECTED",
        Shipped = "SHIPPED",
        Received = "RECEIVED",
        Disposed = "DISPOSED",
    }

    /// What was done with an old part.
    Disposition {
        Return = "RETURN",
        LocalSale = "LOCAL_SALE",
        LocalDestroy = "LOCAL_DESTROY",
        Gift = "GIFT",
    }

    /// Why an old part goes where it goes, in the regulation's terms.
    DispositionReason {
        ClaimValue = "CLAIM_VALUE",
        Reusable = "REUSABLE",
        TechnicalRectification = "TECHNICAL_RECTIFICATION",
        NoClaimOrReuseValue = "NO_CLAIM_OR_REUSE_VALUE",
        ReturnCostsMore = "RETURN_COSTS_MORE",
        NoSaleValue = "NO_SALE_VALUE",
        LittleOrNoValue = "LITTLE_OR_NO_VALUE",
    }

    /// The kind of part, which sets the responsibility determination deadline.
    PartKind {
        Domestic = "DOMESTIC",
        DomesticCritical = "DOMESTIC_CRITICAL",
        ImportedHome = "IMPORTED_HOME",
        ImportedAbroad = "IMPORTED_ABROAD",
    }

    /// Who is responsible for a failed part.
    ResponsibilityOutcome {
        Supplier = "SUPPLIER",
        Manufacturing = "MANUFACTURING",
        CustomerMisuse = "CUSTOMER_MISUSE",
        NoFaultFound = "NO_FAULT_FOUND",
    }

    /// Which level approves a local sale of old parts.
    ApprovalLevel {
        Project = "PROJECT",
        Department = "DEPARTMENT",
        Company = "COMPANY",
    }

    /// Where a local sale of old parts is.
    LocalSaleStatus {
        Draft = "DRAFT",
        PendingApproval = "PENDING_APPROVAL",
        Approved = "APPROVED",
        Sold = "SOLD",
        Cancelled = "CANCELLED",
    }

    /// Why a customer is visited (called back).
    VisitKind {
        AfterRepair = "AFTER_REPAIR",
        AfterGuidance = "AFTER_GUIDANCE",
        Care = "CARE",
    }

    /// How a return visit was made.
    VisitChannel {
        Phone = "PHONE",
        Sms = "SMS",
        Email = "EMAIL",
        OnSite = "ON_SITE",
    }

    /// What a complaint is about.
    ComplaintCategory {
        Delivery = "DELIVERY",
        Quality = "QUALITY",
        ServiceAttitude = "SERVICE_ATTITUDE",
        Price = "PRICE",
    }

    /// Where a complaint is.
    ComplaintStatus {
        Open = "OPEN",
        Routed = "ROUTED",
        Answered = "ANSWERED",
        Closed = "CLOSED",
    }

    /// How a notification is delivered.
    NotificationChannel {
        Email = "EMAIL",
        Sms = "SMS",
    }

    /// Where a notification is in the outbox.
    NotificationStatus {
        Pending = "PENDING",
        Sending = "SENDING",
        Sent = "SENT",
        Dead = "DEAD",
        Cancelled = "CANCELLED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveEnum, Iterable};

    #[test]
    fn as_str_parses_back_and_matches_the_stored_value() {
        for status in TicketStatus::iter() {
            assert_eq!(status.as_str().parse::<TicketStatus>(), Ok(status));
            assert_eq!(status.to_value(), status.as_str());
        }
        assert_eq!(TicketStatus::ALL.len(), TicketStatus::iter().count());
    }

    #[test]
    fn from_str_ignores_case_and_blanks() {
        assert_eq!(" service_manager ".parse::<Role>(), Ok(Role::ServiceManager));
        assert_eq!("ON_SITE".parse::<VisitChannel>(), Ok(VisitChannel::OnSite));
    }

    #[test]
    fn from_str_names_the_expected_values_on_error() {
        let err = "LOUD".parse::<Severity>().expect_err("LOUD is no severity");
        assert_eq!(err.to_string(), "`LOUD` is not a Severity; expected one of SEVERE, MAJOR, GENERAL");
    }

    #[test]
    fn serde_uses_the_stored_names() {
        let json = serde_json::to_string(&TicketStatus::QuoteApproved).expect("serializes");
        assert_eq!(json, "\"QUOTE_APPROVED\"");
        let back: TicketStatus = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, TicketStatus::QuoteApproved);
    }
}
