//! The domain of aftersales: business rules as plain functions (`rules`,
//! `policy`), use cases that run them against the database in one
//! transaction (`usecase`), and what both binaries share: configuration,
//! telemetry, identity, audit and errors. Knows nothing of GraphQL or HTTP.

pub mod audit;
pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod environment;
pub mod error;
pub mod events;
pub mod export;
pub mod notify;
pub mod ordering;
pub mod pagination;
pub mod policy;
pub mod positional;
pub mod report_files;
pub mod rules;
pub mod seed;
pub mod telemetry;
pub mod text_search;
pub mod usecase;

pub use error::{ServiceError, ServiceResult};
