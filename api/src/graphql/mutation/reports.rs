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
    /// quarter (`2026-Q3`), `KPI` by region for a month (`2026-09`), a
    /// quarter or a year (`2026`), with its workbook and chart (QUALITY,
    /// SERVICE_MANAGER, GENERAL_MANAGER).
    async fn generate_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which report.")] kind: ReportKind,
        #[graphql(desc = "`YYYY-Qn`, `YYYY-MM` or `YYYY`.")] period: String,
    ) -> async_graphql::Result<StoredReport> {
        let settings = &state(ctx).settings;
        let stored =
            stored::generate(db(ctx), settings, actor(ctx)?, kind.into(), &period, Utc::now()).await.gql()?;
        Ok(stored.into())
    }
}
