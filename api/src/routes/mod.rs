//! HTTP endpoints besides the GraphQL schema itself.

pub mod console;
pub mod exports;
pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod imports;
pub mod metrics;
pub mod socket;
