//! HTTP endpoints besides the GraphQL schema itself.

pub mod graphql;
pub mod health;
