//! Use cases: each checks the actor's role, validates input with the rules,
//! and writes in one transaction together with its audit entry.

pub mod accounts;
pub mod complaints;
pub mod identity;
pub mod import;
pub mod master;
pub mod parts;
pub mod reminders;
pub mod reports;
pub mod tickets;
pub mod versioned;
pub mod visits;
