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
        Electrical,
        Hydraulic,
        Engine,
        Chassis,
        Structural,
        ControlSystem,
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
        Other,
    }
);
