//! The GraphQL schema: built once at start and shared by every worker thread.

pub mod connection;
pub mod context;
pub mod error;
pub mod ids;
pub mod limits;
pub mod loaders;
pub mod mutation;
pub mod query;
pub mod subscription;
pub mod types;

use async_graphql::Schema;
use async_graphql::dataloader::DataLoader;

use crate::state::AppState;
use loaders::{
    ChargebacksByTicketLoader, ContractsByUnitLoader, CustomerLoader, DealerLoader,
    DeterminationsByOldPartLoader, EngineerLoader, EventsByTicketLoader, ItemsByLotLoader,
    LinesByRequisitionLoader, OldPartLoader, PartLoader, PartsByRepairLoader, ProductModelLoader,
    QuotesByLotLoader, QuotesByTicketLoader, RepairsByTicketLoader, SkillsByEngineerLoader, TicketLoader,
    UnitLoader, WarehouseLoader, WarrantyPolicyLoader,
};
use mutation::MutationRoot;
use query::QueryRoot;
use subscription::SubscriptionRoot;

pub type AppSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// Builds the schema with its limits and the shared state and loaders.
pub fn build_schema(state: AppState) -> AppSchema {
    let settings = state.settings.clone();
    let db = state.db.clone();
    let delay = std::time::Duration::from_millis(settings.dataloader_delay_ms);
    let mut builder = Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot)
        .limit_depth(settings.max_query_depth)
        .limit_complexity(settings.max_query_complexity)
        .extension(limits::AliasLimit(settings.max_query_aliases))
        .data(DataLoader::new(CustomerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(TicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(DealerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(ProductModelLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(WarrantyPolicyLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(ContractsByUnitLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(UnitLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(EngineerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(SkillsByEngineerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(EventsByTicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(QuotesByTicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(RepairsByTicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(PartsByRepairLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(ChargebacksByTicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(PartLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(OldPartLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(QuotesByLotLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(ItemsByLotLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(WarehouseLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(LinesByRequisitionLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(DeterminationsByOldPartLoader::new(db), tokio::spawn).delay(delay))
        .data(state);
    if !settings.introspection_enabled() {
        builder = builder.disable_introspection();
    }
    builder.finish()
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn schema_sdl() -> String {
    Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot).finish().sdl()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// The committed SDL is what front-end developers review; a change to the
    /// API must show in it. `UPDATE_SCHEMA=1 cargo test -p api` rewrites it.
    #[test]
    fn committed_schema_graphql_equals_the_built_schema() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
        let built = super::schema_sdl();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &built).expect("write schema.graphql");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == built,
            "api/schema.graphql is out of date; run `UPDATE_SCHEMA=1 cargo test -p api` and commit it"
        );
    }
}
