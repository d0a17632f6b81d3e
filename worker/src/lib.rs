//! Background work: sweeps that find what has become due (visits, SLA
//! breaches, overdue old parts and determinations, low stock, complaints
//! not taken in time) and queue
//! reminders in the outbox, and delivery of the outbox by SMTP and SMS.
//! The jobs run on apalis, on Redis for a fleet of worker processes or on
//! SQLite inside the api (the embedded default). Several processes may run
//! at once: the sweeps are idempotent and every message is claimed by
//! exactly one of them. The jobs' payloads and the queues they wait in are
//! the `jobs` crate's, which the api reads too.

pub mod cli;
pub mod delivery;
pub mod metrics;
pub mod restart;
pub mod runner;
pub mod smtp;
