//! GraphQL enums mirroring the stored ones, so the API can evolve apart from
//! the database.

use async_graphql::Enum;

/// Declares a GraphQL enum with the same variants as a stored enum and the
/// conversions both ways.
macro_rules! mirror_enum {
    ($(#[$doc:meta])* $name:ident <=> $stored:path { $($(#[$vdoc:meta])* $variant:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl From<$stored> for $name {
            fn from(v: $stored) -> Self {
                use $stored as S;
                match v { $(S::$variant => Self::$variant),* }
            }
        }

        impl From<$name> for $stored {
            fn from(v: $name) -> Self {
                use $stored as S;
                match v { $($name::$variant => S::$variant),* }
            }
        }
    };
}

mirror_enum!(
    /// What a user may do. ADMIN may do everything; DEALER users see only their dealer's data.
    Role <=> entity::enums::Role {
        /// 客服: takes fault reports, triages, runs return visits.
        Agent,
        /// 服务工程师: goes on site and repairs.
        Engineer,
        /// 仓管员: keeps stock and old parts.
        Warehouse,
        /// 服务管代 / 售后服务部: approves, dispatches, maintains master data.
        ServiceManager,
        /// 财务部.
        Finance,
        /// 质管/品保: handles quality complaints and responsibility.
        Quality,
        /// 总经理: approves exceptions such as large quote discounts.
        GeneralManager,
        /// System administrator.
        Admin,
        /// 代理商 user, tied to one dealer.
        Dealer,
    }
);

mirror_enum!(
    /// Fault category of a ticket; also an engineer's skill.
    FaultCategory <=> entity::enums::FaultCategory {
        /// Electrical system (电气).
        Electrical,
        /// Hydraulic system (液压).
        Hydraulic,
        /// Engine (发动机).
        Engine,
        /// Chassis (底盘).
        Chassis,
        /// Structure and steelwork (结构).
        Structural,
        /// Control system (控制系统).
        ControlSystem,
        /// Anything else.
        Other,
    }
);

mirror_enum!(
    /// Category of a part (物料).
    PartCategory <=> entity::enums::PartCategory {
        /// 电器件
        Electrical,
        /// 底盘件
        Chassis,
        /// 结构件
        Structural,
        /// 液压件
        Hydraulic,
        /// Anything else.
        Other,
    }
);

mirror_enum!(
    /// How a fault report came in.
    Channel <=> entity::enums::Channel {
        /// By phone to the service desk (客服部).
        Phone,
        /// By email.
        Email,
        /// Through the online form.
        Web,
        /// By SMS.
        Sms,
        /// In person at a service outlet.
        WalkIn,
        /// Through the selling dealer (代理商).
        Dealer,
    }
);

mirror_enum!(
    /// How bad the fault is; tightens the on-site deadline.
    Severity <=> entity::enums::Severity {
        /// The customer's whole business is down: on site within 2 h.
        Severe,
        /// Half the distance allowance, at least 12 h.
        Major,
        /// The distance allowance: ≤300 km 24 h, ≤1000 km 48 h, beyond 72 h.
        General,
    }
);

mirror_enum!(
    /// Where a ticket is in its lifecycle.
    TicketStatus <=> entity::enums::TicketStatus {
        /// Recorded at intake, not yet triaged.
        Reported,
        /// Triaged: service type and entitlement decided.
        Accepted,
        /// Paid work: a quote (报价) is waiting for approval or the customer.
        Quoted,
        /// The quote is approved and accepted by the customer.
        QuoteApproved,
        /// An engineer and appointment are assigned (派工).
        Dispatched,
        /// The engineer has arrived on site.
        OnSite,
        /// The repair record (维修记录) is written.
        Repaired,
        /// Signed off by the customer (验收).
        CustomerAccepted,
        /// Return visit done.
        Visited,
        /// Done; terminal.
        Closed,
        /// 返厂.
        ReturnedToFactory,
        /// Cancelled before site work; terminal.
        Cancelled,
    }
);

mirror_enum!(
    /// 售后服务种类.
    ServiceType <=> entity::enums::ServiceType {
        /// In warranty: parts and labour free.
        Free,
        /// Under a service contract: parts at cost, labour free.
        Contract,
        /// Out of warranty or excluded: charged by quote.
        Paid,
        /// Consultation or phone guidance: no charge, no visit.
        Other,
    }
);

mirror_enum!(
    /// Why the warranty does not apply (不属于保修范围).
    Exclusion <=> entity::enums::Exclusion {
        /// Use or maintenance against the manual.
        Misuse,
        /// Force majeure (不可抗力).
        ForceMajeure,
        /// Self-disassembly, modification or repair.
        SelfModification,
        /// Warranty expired.
        Expired,
        /// Serial number altered, forged or unreadable.
        SerialTampered,
    }
);

mirror_enum!(
    /// Where a quote stands.
    QuoteStatus <=> entity::enums::QuoteStatus {
        /// Being prepared.
        Draft,
        /// More than 10 % below standard: waits for the general manager (总经理).
        PendingApproval,
        /// Within the allowed discount, or approved by the general manager.
        Approved,
        /// Accepted by the customer.
        Accepted,
        /// Superseded by a newer quote, or declined.
        Rejected,
    }
);

mirror_enum!(
    /// What a complaint is about.
    ComplaintCategory <=> entity::enums::ComplaintCategory {
        /// 交付: delivery.
        Delivery,
        /// 质量: product quality; routed to quality within two hours.
        Quality,
        /// 服务态度: service attitude.
        ServiceAttitude,
        /// 价格: price.
        Price,
    }
);

mirror_enum!(
    /// Where a complaint is.
    ComplaintStatus <=> entity::enums::ComplaintStatus {
        /// Filed, not yet taken by its handler.
        Open,
        /// Taken by its handler.
        Routed,
        /// Handled and answered to the customer.
        Answered,
        /// Closed.
        Closed,
    }
);

mirror_enum!(
    /// Why a return visit is made.
    VisitKind <=> entity::enums::VisitKind {
        /// After a repair the customer accepted: 3 working days.
        AfterRepair,
        /// After phone guidance: 24 h.
        AfterGuidance,
        /// A periodic care visit of a key customer.
        Care,
    }
);

mirror_enum!(
    /// How a return visit was made.
    VisitChannel <=> entity::enums::VisitChannel {
        /// By phone.
        Phone,
        /// By SMS survey.
        Sms,
        /// By email survey.
        Email,
        /// In person at the customer's site.
        OnSite,
    }
);

mirror_enum!(
    /// The kind of a stock movement.
    MovementKind <=> entity::enums::MovementKind {
        /// 入库: parts received.
        Receive,
        /// 出库: parts issued to a ticket.
        Issue,
        /// 退库: unused parts back from a ticket.
        Return,
        /// A correction of the book, with a reason.
        Adjust,
        /// The difference found by a count (盘点).
        Stocktake,
    }
);

mirror_enum!(
    /// Where a requisition (领用单) is.
    RequisitionStatus <=> entity::enums::RequisitionStatus {
        /// Asked for by the engineer.
        Requested,
        /// Approved by the service manager.
        Approved,
        /// Turned down.
        Rejected,
        /// Issued by the warehouse.
        Issued,
        /// Leftovers returned; done.
        Closed,
    }
);

mirror_enum!(
    /// Where an old part (旧件) is on its way back.
    OldPartStatus <=> entity::enums::OldPartStatus {
        /// Replaced; the engineer has not replied yet.
        Pending,
        /// The engineer replied with a hand-in date.
        Replied,
        /// Handed to the regional warehouse keeper (回收).
        Collected,
        /// Shipped to head office (返司).
        Shipped,
        /// Received at head office.
        Received,
        /// Sold, destroyed or given away.
        Disposed,
    }
);

mirror_enum!(
    /// What is done with an old part.
    Disposition <=> entity::enums::Disposition {
        /// 返司: back to the company (claim value, reuse, technical rectification).
        Return,
        /// 当地销售: sold locally as scrap.
        LocalSale,
        /// 当地销毁: destroyed locally (no sale value).
        LocalDestroy,
        /// 赠送: given away (little or no value).
        Gift,
    }
);

mirror_enum!(
    /// The regulation's reasons for a disposition.
    DispositionReason <=> entity::enums::DispositionReason {
        /// RETURN: has claim value against the supplier (索赔价值).
        ClaimValue,
        /// RETURN: can be reused (再利用).
        Reusable,
        /// RETURN: a technical rectification needs it (技术整改).
        TechnicalRectification,
        /// LOCAL_SALE: no claim or reuse value.
        NoClaimOrReuseValue,
        /// LOCAL_SALE: returning costs more than it is worth.
        ReturnCostsMore,
        /// LOCAL_DESTROY: no sale value.
        NoSaleValue,
        /// GIFT: little or no value.
        LittleOrNoValue,
    }
);

mirror_enum!(
    /// The kind of a part, which sets the responsibility determination deadline.
    PartKind <=> entity::enums::PartKind {
        /// Domestic, not critical: 7 days.
        Domestic,
        /// Domestic critical, supplier analysis: 15 days.
        DomesticCritical,
        /// Imported, tested at home: 20 days.
        ImportedHome,
        /// Imported, tested abroad: 90 days.
        ImportedAbroad,
    }
);

mirror_enum!(
    /// Who is responsible for a failed part.
    ResponsibilityOutcome <=> entity::enums::ResponsibilityOutcome {
        /// The supplier: a supplier claim follows.
        Supplier,
        /// Manufacturing.
        Manufacturing,
        /// The customer's misuse.
        CustomerMisuse,
        /// No fault found.
        NoFaultFound,
    }
);

mirror_enum!(
    /// Who approves a local sale, by the lot's value.
    ApprovalLevel <=> entity::enums::ApprovalLevel {
        /// Up to 20 000: project level.
        Project,
        /// Up to 50 000: department level.
        Department,
        /// Above 50 000: company leadership.
        Company,
    }
);

mirror_enum!(
    /// Where a local sale lot is.
    LocalSaleStatus <=> entity::enums::LocalSaleStatus {
        /// Being prepared.
        Draft,
        /// Waiting for approval at its level.
        PendingApproval,
        /// Approved; may be sold.
        Approved,
        /// Sold; proceeds recorded.
        Sold,
        /// Called off.
        Cancelled,
    }
);

mirror_enum!(
    /// Where a dealer chargeback is.
    ChargebackStatus <=> entity::enums::ChargebackStatus {
        /// Opened, the dealer not told yet.
        Pending,
        /// The dealer was told before service.
        Notified,
        /// Charged after service.
        Charged,
        /// Called off.
        Cancelled,
    }
);

mirror_enum!(
    /// How a message is sent.
    NotificationChannel <=> entity::enums::NotificationChannel {
        /// By SMTP.
        Email,
        /// Through the SMS gateway.
        Sms,
    }
);

mirror_enum!(
    /// Where a message of the outbox is.
    NotificationStatus <=> entity::enums::NotificationStatus {
        /// Waiting for its (next) attempt.
        Pending,
        /// Claimed by a worker that is sending it.
        Sending,
        /// Delivered.
        Sent,
        /// Failed on every attempt; waits for a resend.
        Dead,
        /// Not sent: by the time its turn came, what it was about no longer
        /// needed saying (the part came back, the ticket was answered).
        Cancelled,
    }
);
