//! Master data: the parties and things every ticket refers to. Plain
//! create/update/read use cases sharing the helpers below.

pub mod calendar;
pub mod customers;
pub mod dealers;
pub mod engineers;
pub mod fault_causes;
pub mod parts;
pub mod product_models;
pub mod tariffs;
pub mod units;
pub mod warranty;

pub use super::versioned::{Versioned, find_or_404, update_versioned};
