//! The API's object types, mapped from the entities (never the entities
//! themselves, so the database can change without breaking clients).

pub mod account;
pub mod audit;
pub mod catalogue;
pub mod complaint;
pub mod enums;
pub mod jobs;
pub mod master;
pub mod notification;
pub mod old_parts;
pub mod stock;
pub mod ticket;
pub mod visit;
