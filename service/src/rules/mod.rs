//! Domain rules as plain functions: they take values and return values, never
//! touch the database, and are unit-tested on their own.

pub mod calendar;
pub mod complaints;
pub mod device_time;
pub mod dispatch;
pub mod entitlement;
pub mod incidents;
pub mod kpi;
pub mod local_sale;
pub mod login_throttle;
pub mod money;
pub mod old_parts;
pub mod quote;
pub mod recurrence;
pub mod repeat_repair;
pub mod retry;
pub mod sla;
pub mod stock;
pub mod ticket_flow;
pub mod ticket_roles;
pub mod validate;
pub mod visits;
