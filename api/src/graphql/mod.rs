//! The GraphQL schema: built once at start and shared by every worker thread.

pub mod connection;
pub mod context;
pub mod error;
pub mod ids;
pub mod limits;
pub mod loaders;
pub mod mutation;
pub mod ordering;
pub mod query;
pub mod selection_order;
pub mod subscription;
pub mod types;

use async_graphql::dataloader::DataLoader;
use async_graphql::{Schema, SchemaBuilder};

use crate::state::AppState;
use loaders::{
    BusyTicketsByEngineerLoader, ChargebacksByTicketLoader, ContractsByUnitLoader, CustomerLoader,
    DealerLoader, DeterminationsByOldPartLoader, DispatchableEngineerLoader, EngineerLoader,
    EventsByTicketLoader, ItemsByLotLoader, LinesByQuoteLoader, LinesByRequisitionLoader, OldPartLoader,
    PartLoader, PartsByRepairLoader, ProductModelLoader, QuotesByLotLoader, QuotesByTicketLoader,
    RepairsByTicketLoader, SkillsByEngineerLoader, TicketLoader, UnitLoader, UserLoader, WarehouseLoader,
    WarrantyPolicyLoader,
};
use mutation::MutationRoot;
use query::QueryRoot;
use subscription::SubscriptionRoot;

pub type AppSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// The schema operations sent over the WebSocket run on: the same schema,
/// with the request limits as an engine extension.
#[derive(Clone)]
pub struct SocketSchema(pub AppSchema);

/// The schema for operations POSTed over HTTP. The handler holds them to
/// the request limits on the parsed document it then hands the engine
/// ([`limits::check`]): with any extension installed the engine
/// routes every field of every row through it (a few per cent of a
/// 50-ticket page's CPU in perf).
pub fn build_schema(state: AppState) -> AppSchema {
    builder(state).finish()
}

/// The schema for operations over the WebSocket, where there is no handler
/// to check them before the engine parses the document.
pub fn build_socket_schema(state: AppState) -> SocketSchema {
    let limits = limits::RequestLimits::from_settings(&state.settings);
    SocketSchema(builder(state).extension(limits::RequestGuard(limits)).finish())
}

/// The schema with its limits and the shared state and loaders.
fn builder(state: AppState) -> SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    let settings = state.settings.clone();
    let db = state.db.clone();
    let delay = std::time::Duration::from_millis(settings.dataloader_delay_ms);
    let mut builder = Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot)
        .limit_depth(settings.max_query_depth)
        .limit_complexity(settings.max_query_complexity)
        .data(DataLoader::new(CustomerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(TicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(UserLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(DealerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(ProductModelLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(WarrantyPolicyLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(ContractsByUnitLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(UnitLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(EngineerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(SkillsByEngineerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(BusyTicketsByEngineerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(DispatchableEngineerLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(EventsByTicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(QuotesByTicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(RepairsByTicketLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(PartsByRepairLoader::new(db.clone()), tokio::spawn).delay(delay))
        .data(DataLoader::new(LinesByQuoteLoader::new(db.clone()), tokio::spawn).delay(delay))
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
    builder
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
