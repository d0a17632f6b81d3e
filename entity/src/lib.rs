//! Database entities of aftersales: one sea-orm entity per table (one module per
//! table, named in the singular), and the enumerations stored as strings
//! ([`enums`]). The schema itself is created by the `migration` crate and
//! described in `docs/data-model.md`; keep the three in step.
//!
//! This crate owns the mapping between rows and Rust values, nothing else: no
//! queries, no rules.

pub mod enums;
pub mod prelude;

// Identity and audit
pub mod audit_log;
pub mod dealer;
pub mod deployment_fact;
pub mod engineer;
pub mod engineer_skill;
pub mod fault_cause;
pub mod login_attempt;
pub mod user;
pub mod user_role;

// Master data
pub mod customer;
pub mod holiday;
pub mod product_model;
pub mod service_contract;
pub mod service_tariff;
pub mod unit;
pub mod warranty_policy;

// Parts and stock
pub mod part;
pub mod stock_level;
pub mod stocktake;
pub mod stocktake_line;
pub mod warehouse;

// Tickets
pub mod dealer_chargeback;
pub mod dispatch_rotation;
pub mod quote;
pub mod quote_line;
pub mod repair_part;
pub mod repair_record;
pub mod ticket;
pub mod ticket_event;
pub mod ticket_sequence;

// Requisitions and stock movements
pub mod requisition;
pub mod requisition_line;
pub mod stock_movement;

// Old parts
pub mod local_sale;
pub mod local_sale_item;
pub mod local_sale_quote;
pub mod old_part;
pub mod responsibility_determination;

// Visits, complaints, notifications, reports
pub mod care_schedule;
pub mod complaint;
pub mod notification;
pub mod report;
pub mod return_visit;
