//! Domain rules as plain functions: they take values and return values, never
//! touch the database, and are unit-tested on their own.

pub mod money;
pub mod validate;
