//! Generating a stored report on demand.

use async_graphql::{Context, Object};
use chrono::Utc;
use service::usecase::reports::stored;

use crate::graphql::context::{actor, db, state};
use crate::graphql::error::GqlResult;
use crate::graphql::query::reports::{ReportKind, StoredReport};

#[derive(Default)]
pub struct ReportMutation;

#[Object]
impl ReportMutation {
    /// Generates and stores a report now: `FAILURE_RECURRENCE` for a
    /// quarter (`2026-Q3`), `KPI` for a month (`2026-09`, by region), with
    /// its workbook and chart (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
    async fn generate_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which report.")] kind: ReportKind,
        #[graphql(desc = "`YYYY-Qn` or `YYYY-MM`.")] period: String,
    ) -> async_graphql::Result<StoredReport> {
        let settings = &state(ctx).settings;
        let stored =
            stored::generate(db(ctx), settings, actor(ctx)?, kind.into(), &period, Utc::now()).await.gql()?;
        Ok(stored.into())
    }
}
