//! The GraphQL gateway: schema (types, queries, mutations, subscriptions),
//! authentication, the actix server with health, readiness and metrics, and
//! the command line. Thin over `service`, which holds the rules.

pub mod actor_cache;
pub mod cli;
pub mod graphql;
pub mod routes;
pub mod startup;
pub mod state;
