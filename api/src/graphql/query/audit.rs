//! The audit log.

use async_graphql::{Context, Object};
use service::audit;

use crate::graphql::connection::{PagedConnection, connection, page_request};
use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::types::audit::AuditEntry;

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Recorded changes, oldest first (SERVICE_MANAGER, GENERAL_MANAGER, ADMIN).
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes to this entity type, e.g. `customer`.")] entity_type: Option<String>,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<AuditEntry>> {
        let actor = actor(ctx)?;
        let request = page_request(ctx, first, after)?;
        let page = audit::list(db(ctx), actor, entity_type, request).await.gql()?;
        Ok(connection(page, AuditEntry::from))
    }
}
