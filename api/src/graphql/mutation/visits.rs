//! Periodic care visits for key customers.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use service::usecase::visits;

use crate::graphql::context::{actor, db};
use crate::graphql::error::GqlResult;
use crate::graphql::ids::{Kind, decode, encode};

#[derive(Default)]
pub struct VisitMutation;

/// A key customer's care-visit schedule.
#[derive(InputObject)]
pub struct CareScheduleInput {
    /// The customer.
    pub customer_id: ID,
    /// Days between visits, 1–366.
    pub interval_days: i32,
    /// The first (or next) visit day.
    pub first_due_on: NaiveDate,
}

/// A care-visit schedule: the workers open a CARE return visit on each
/// due day.
#[derive(SimpleObject)]
pub struct CareSchedule {
    /// The customer.
    pub customer_id: ID,
    /// Days between visits.
    pub interval_days: i32,
    /// The next visit day.
    pub next_due_on: NaiveDate,
    /// Whether visits are still opened.
    pub active: bool,
}

#[Object]
impl VisitMutation {
    /// Puts a key customer on periodic care visits, or changes the
    /// interval and the next day (SERVICE_MANAGER).
    async fn schedule_care_visits(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The schedule.")] input: CareScheduleInput,
    ) -> async_graphql::Result<CareSchedule> {
        let customer = decode(Kind::Customer, &input.customer_id, "customerId")?;
        let saved = visits::schedule_care(
            db(ctx),
            actor(ctx)?,
            customer,
            i64::from(input.interval_days),
            input.first_due_on,
        )
        .await
        .gql()?;
        Ok(CareSchedule {
            customer_id: encode(Kind::Customer, saved.customer_id),
            interval_days: saved.interval_days,
            next_due_on: saved.next_due_on,
            active: saved.active,
        })
    }
}
