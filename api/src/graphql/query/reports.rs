//! The management reports.

use async_graphql::{Context, Enum, Object, SimpleObject};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use service::rules::incidents;
use service::usecase::reports::{incidents as incident_report, recurrence};

use crate::graphql::context::{actor, db, state};
use crate::graphql::error::{GqlResult, invalid};

#[derive(Default)]
pub struct ReportQuery;

/// The quarterly failure-recurrence report.
#[derive(SimpleObject)]
pub struct FailureRecurrenceReport {
    /// The year.
    pub year: i32,
    /// The quarter, 1–4.
    pub quarter: i32,
    /// Repairs completed in the quarter.
    pub occurrences: i64,
    /// Every failure cause that occurred, most frequent first (Pareto order).
    pub causes: Vec<CauseRecurrence>,
}

/// One failure cause in the quarter.
#[derive(SimpleObject)]
pub struct CauseRecurrence {
    /// The cause's code.
    pub code: String,
    /// The cause's name in the catalogue.
    pub name: Option<String>,
    /// Repairs with this cause completed in the quarter.
    pub occurrences: i64,
    /// The same in the previous quarter.
    pub previous_occurrences: i64,
    /// Occurrences minus the previous quarter's.
    pub trend: i64,
    /// Parts replaced in all occurrences.
    pub total_parts: i64,
    /// Most parts replaced in one occurrence.
    pub max_parts_in_one: i64,
    /// The parts at their recorded prices.
    pub cost: Decimal,
    /// Product model codes affected.
    pub models: Vec<String>,
    /// Units affected.
    pub units: i64,
    /// More than the policy's occurrences per quarter (default 10).
    pub too_frequent: bool,
    /// More than the policy's parts in one occurrence (default 3).
    pub too_many_parts: bool,
    /// Cumulative share of all occurrences up to this cause, in %.
    pub pareto_share: Decimal,
}

/// How grave a quality incident is.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum IncidentLevel {
    /// 批量质量事故: the batch size of returns (default 50 units).
    Batch,
    /// 重大质量事故: the major size (500 units), a loss of the major amount
    /// (20 000), or a personal injury.
    Major,
}

/// Returns of one product model and production date that make an incident.
#[derive(SimpleObject)]
pub struct QualityIncident {
    /// The product model's code.
    pub model_code: String,
    /// The product model's name.
    pub model_name: String,
    /// The production date the units share.
    pub production_date: NaiveDate,
    /// Units with a fault report in the period.
    pub units: i64,
    /// Their fault reports.
    pub tickets: i64,
    /// Parts replaced on those tickets, at their recorded prices.
    pub loss: Decimal,
    /// Someone was hurt.
    pub personal_injury: bool,
    /// Batch or major.
    pub level: IncidentLevel,
    /// The units behind it.
    pub serial_numbers: Vec<String>,
    /// The tickets behind it.
    pub ticket_numbers: Vec<String>,
}

#[Object]
impl ReportQuery {
    /// Quality incidents among the fault reports from `from` up to `to`
    /// (exclusive), largest first (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
    async fn batch_incidents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day.")] from: NaiveDate,
        #[graphql(desc = "Day after the last.")] to: NaiveDate,
    ) -> async_graphql::Result<Vec<QualityIncident>> {
        let found = incident_report::batch_incidents(db(ctx), &state(ctx).settings, actor(ctx)?, from, to)
            .await
            .gql()?;
        Ok(found
            .into_iter()
            .map(|i| QualityIncident {
                model_code: i.model_code,
                model_name: i.model_name,
                production_date: i.production_date,
                units: i.units,
                tickets: i.tickets,
                loss: i.loss,
                personal_injury: i.personal_injury,
                level: match i.level {
                    incidents::IncidentLevel::Batch => IncidentLevel::Batch,
                    incidents::IncidentLevel::Major => IncidentLevel::Major,
                },
                serial_numbers: i.serial_numbers,
                ticket_numbers: i.ticket_numbers,
            })
            .collect())
    }

    /// Failure recurrence for a quarter (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
    async fn failure_recurrence_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The year.")] year: i32,
        #[graphql(desc = "The quarter, 1–4.")] quarter: i32,
    ) -> async_graphql::Result<FailureRecurrenceReport> {
        let quarter = u32::try_from(quarter).map_err(|_| invalid("quarter", "must be 1 to 4"))?;
        let report =
            recurrence::failure_recurrence(db(ctx), &state(ctx).settings, actor(ctx)?, year, quarter)
                .await
                .gql()?;
        Ok(FailureRecurrenceReport {
            year: report.year,
            quarter: i32::try_from(report.quarter).unwrap_or_default(),
            occurrences: report.occurrences,
            causes: report
                .causes
                .into_iter()
                .map(|c| CauseRecurrence {
                    code: c.code,
                    name: c.name,
                    occurrences: c.occurrences,
                    previous_occurrences: c.previous_occurrences,
                    trend: c.trend,
                    total_parts: c.total_parts,
                    max_parts_in_one: c.max_parts_in_one,
                    cost: c.cost,
                    models: c.models,
                    units: c.units,
                    too_frequent: c.too_frequent,
                    too_many_parts: c.too_many_parts,
                    pareto_share: c.pareto_share,
                })
                .collect(),
        })
    }
}
