//! End-to-end tests live in tests/, benches in benches/. This library holds
//! what both use: real receivers for what the worker sends.

pub mod sinks;
