//! The job dashboard's data: the workers' queues (ADMIN).

use async_graphql::{Context, Object};
use entity::enums::Role;

use crate::graphql::context::{actor, state};
use crate::graphql::error::GqlResult;
use crate::graphql::types::jobs::JobQueue;

#[derive(Default)]
pub struct JobQuery;

#[Object]
impl JobQuery {
    /// The background workers' job queues with their figures, workers and
    /// latest jobs (ADMIN). `UNAVAILABLE` when the queue backend is away.
    async fn job_queues(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Latest jobs per queue, 0–100 (default 20).")] recent: Option<i32>,
    ) -> async_graphql::Result<Vec<JobQueue>> {
        actor(ctx)?.require_any(&[Role::Admin]).gql()?;
        let recent = recent.unwrap_or(20).clamp(0, 100).unsigned_abs();
        let store = state(ctx).jobs().await.gql()?;
        let queues = store
            .snapshot(recent)
            .await
            .map_err(|e| service::ServiceError::Unavailable(format!("job queues: {e}")))
            .gql()?;
        Ok(queues.into_iter().map(|q| JobQueue::new(store.backend_name(), q)).collect())
    }
}
