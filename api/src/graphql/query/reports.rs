//! The management reports.

use async_graphql::{Context, Enum, ID, Json, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use service::rules::{incidents, kpi as kpi_rules};
use service::usecase::reports::{incidents as incident_report, kpi, recurrence, stored};

use crate::graphql::connection::{PagedConnection, connection, page_request};
use crate::graphql::context::{actor, db, state};
use crate::graphql::error::{GqlResult, invalid};
use crate::graphql::ids::{Kind, encode};
use crate::graphql::types::ticket::RepairRecord;

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

/// The quality reports' limits.
#[derive(SimpleObject)]
pub struct QualityThresholds {
    /// A cause occurring more often than this in a quarter is flagged (10).
    pub recurrence_max_per_quarter: i64,
    /// An occurrence replacing more parts than this is flagged (3).
    pub recurrence_max_parts_per_occurrence: i64,
    /// Units of one model and production date failing alike that make a batch incident (50).
    pub batch_incident_units: i64,
    /// Units that make a major incident (500).
    pub major_incident_units: i64,
    /// Loss that makes a major incident (20 000).
    pub major_incident_loss: Decimal,
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

/// How the KPI report is broken down.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum KpiGroupBy {
    /// The customer's province.
    Region,
    /// The assigned engineer.
    Engineer,
    /// The selling dealer.
    Dealer,
    /// The unit's product model.
    Model,
}

impl From<KpiGroupBy> for kpi::KpiGroupBy {
    fn from(group: KpiGroupBy) -> Self {
        match group {
            KpiGroupBy::Region => Self::Region,
            KpiGroupBy::Engineer => Self::Engineer,
            KpiGroupBy::Dealer => Self::Dealer,
            KpiGroupBy::Model => Self::Model,
        }
    }
}

/// How a KPI is held against its target.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum KpiGoal {
    /// Met at the target or above.
    AtLeast,
    /// Met strictly below the target.
    Below,
    /// Met at the target or below.
    AtMost,
}

/// A KPI in percent with its target.
#[derive(SimpleObject)]
pub struct Kpi {
    /// The figure in percent; null when there is nothing to count.
    pub value: Option<Decimal>,
    /// The target in percent.
    pub target: Decimal,
    /// Which side of the target meets it.
    pub goal: KpiGoal,
    /// Whether the target is met; null without a figure.
    pub met: Option<bool>,
}

impl From<kpi_rules::Judged> for Kpi {
    fn from(j: kpi_rules::Judged) -> Self {
        Self {
            value: j.value,
            target: j.target,
            goal: match j.goal {
                kpi_rules::Goal::AtLeast => KpiGoal::AtLeast,
                kpi_rules::Goal::Below => KpiGoal::Below,
                kpi_rules::Goal::AtMost => KpiGoal::AtMost,
            },
            met: j.met,
        }
    }
}

/// The KPIs of a group or of all tickets in the period.
#[derive(SimpleObject)]
pub struct KpiFigures {
    /// Tickets reported in the period, not cancelled.
    pub tickets: i64,
    /// Replied and on site within the SLA (target ≥ 90 %).
    pub timeliness: Kpi,
    /// Return visits scoring 4–5 (target ≥ 85 %).
    pub satisfaction: Kpi,
    /// Complaints attributed to service per ticket (target < 3 %).
    pub service_complaint_rate: Kpi,
    /// Repaired tickets with no rework and no repeat repair, in %.
    pub first_time_fix_rate: Option<Decimal>,
    /// Mean hours from report to reply.
    pub mean_hours_to_respond: Option<Decimal>,
    /// Mean hours from report to arrival on site.
    pub mean_hours_to_arrive: Option<Decimal>,
    /// Mean hours from arrival to repair.
    pub mean_hours_to_repair: Option<Decimal>,
    /// What the manufacturer bore: parts and labour at the tariff.
    pub cost: Decimal,
    /// Cost per ticket.
    pub cost_per_ticket: Option<Decimal>,
    /// The calendar year's after-sales cost.
    pub year_cost: Decimal,
    /// The year's sales; null for engineers.
    pub year_sales: Option<Decimal>,
    /// The year's cost over its sales (target ≤ 2 %).
    pub cost_to_sales: Kpi,
    /// Dealer chargebacks on the period's tickets.
    pub chargebacks: i64,
    /// Their amount.
    pub chargeback_amount: Decimal,
}

impl From<kpi_rules::KpiFigures> for KpiFigures {
    fn from(f: kpi_rules::KpiFigures) -> Self {
        Self {
            tickets: f.tickets,
            timeliness: f.timeliness.into(),
            satisfaction: f.satisfaction.into(),
            service_complaint_rate: f.service_complaint_rate.into(),
            first_time_fix_rate: f.first_time_fix_rate,
            mean_hours_to_respond: f.mean_hours_to_respond,
            mean_hours_to_arrive: f.mean_hours_to_arrive,
            mean_hours_to_repair: f.mean_hours_to_repair,
            cost: f.cost,
            cost_per_ticket: f.cost_per_ticket,
            year_cost: f.year_cost,
            year_sales: f.year_sales,
            cost_to_sales: f.cost_to_sales.into(),
            chargebacks: f.chargebacks,
            chargeback_amount: f.chargeback_amount,
        }
    }
}

/// One group's KPIs.
#[derive(SimpleObject)]
pub struct KpiGroup {
    /// Province, engineer user name, dealer code or model code; null for
    /// tickets without one.
    pub key: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Its figures.
    pub figures: KpiFigures,
}

/// The service KPIs of a period.
#[derive(SimpleObject)]
pub struct KpiReport {
    /// First day.
    pub from: NaiveDate,
    /// Day after the last.
    pub to: NaiveDate,
    /// The calendar year of the cost-to-sales ratio.
    pub year: i32,
    /// The labour rate labour hours are costed at.
    pub labour_rate: Decimal,
    /// All tickets of the period.
    pub total: KpiFigures,
    /// By the requested grouping.
    pub groups: Vec<KpiGroup>,
}

impl From<kpi::KpiReport> for KpiReport {
    fn from(r: kpi::KpiReport) -> Self {
        Self {
            from: r.from,
            to: r.to,
            year: r.year,
            labour_rate: r.labour_rate,
            total: r.total.into(),
            groups: r
                .groups
                .into_iter()
                .map(|g| KpiGroup { key: g.key, name: g.name, figures: g.figures.into() })
                .collect(),
        }
    }
}

/// Which stored report.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// The quarterly failure-recurrence report, period `YYYY-Qn`.
    FailureRecurrence,
    /// The KPI report by region, period `YYYY-MM` (monthly when
    /// scheduled), `YYYY-Qn` or `YYYY`.
    Kpi,
}

impl From<ReportKind> for stored::ReportKind {
    fn from(kind: ReportKind) -> Self {
        match kind {
            ReportKind::FailureRecurrence => Self::FailureRecurrence,
            ReportKind::Kpi => Self::Kpi,
        }
    }
}

/// A generated report, kept with its workbook and chart.
#[derive(SimpleObject)]
pub struct StoredReport {
    /// The report.
    pub id: ID,
    /// `FAILURE_RECURRENCE` or `KPI`.
    pub kind: String,
    /// The quarter or month it covers.
    pub period: String,
    /// What it was generated for.
    pub parameters: Json<serde_json::Value>,
    /// Its figures, as the report queries give them.
    pub data: Json<serde_json::Value>,
    /// When it was generated.
    pub generated_at: DateTime<Utc>,
    /// Generated by the scheduler rather than a person.
    pub scheduled: bool,
    /// Where its workbook downloads (with the bearer token).
    pub xlsx_url: String,
    /// Where its chart (SVG) downloads (with the bearer token).
    pub chart_url: String,
    /// The same chart as a PNG image.
    pub chart_png_url: String,
}

impl From<stored::ReportSummary> for StoredReport {
    fn from(r: stored::ReportSummary) -> Self {
        Self {
            id: encode(Kind::Report, r.id),
            kind: r.kind,
            period: r.period,
            parameters: Json(r.parameters),
            data: Json(r.data),
            generated_at: r.generated_at,
            scheduled: r.generated_by.is_none(),
            xlsx_url: format!("/reports/{}.xlsx", r.id),
            chart_url: format!("/reports/{}.svg", r.id),
            chart_png_url: format!("/reports/{}.png", r.id),
        }
    }
}

#[Object]
impl ReportQuery {
    /// Stored reports, newest first (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
    async fn reports(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this kind.")] kind: Option<ReportKind>,
        #[graphql(desc = "At most this many (1–200, default 50).", default = 50)] first: i32,
    ) -> async_graphql::Result<Vec<StoredReport>> {
        let limit = u64::try_from(first).map_err(|_| invalid("first", "must be 1 to 200"))?;
        let found = stored::list(db(ctx), actor(ctx)?, kind.map(Into::into), limit).await.gql()?;
        Ok(found.into_iter().map(Into::into).collect())
    }

    /// Service KPIs for tickets reported from `from` up to `to`
    /// (exclusive), by region, engineer, dealer or model, each with its
    /// target (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
    async fn kpi_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day.")] from: NaiveDate,
        #[graphql(desc = "Day after the last.")] to: NaiveDate,
        #[graphql(desc = "The breakdown.")] group_by: KpiGroupBy,
    ) -> async_graphql::Result<KpiReport> {
        let report = kpi::kpi_report(db(ctx), &state(ctx).settings, actor(ctx)?, from, to, group_by.into())
            .await
            .gql()?;
        Ok(report.into())
    }

    /// The limits the quality reports judge by, as configured (QUALITY,
    /// SERVICE_MANAGER, GENERAL_MANAGER): what a dashboard draws its
    /// target lines at.
    async fn quality_thresholds(&self, ctx: &Context<'_>) -> async_graphql::Result<QualityThresholds> {
        actor(ctx)?.require_any(recurrence::READERS).gql()?;
        let policy = &state(ctx).settings.policy;
        Ok(QualityThresholds {
            recurrence_max_per_quarter: policy.recurrence_max_per_quarter,
            recurrence_max_parts_per_occurrence: policy.recurrence_max_parts_per_occurrence,
            batch_incident_units: policy.batch_incident_units,
            major_incident_units: policy.major_incident_units,
            major_incident_loss: policy.major_incident_loss,
        })
    }

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

    /// The repairs behind one cause of a quarter's failure recurrence (the
    /// report's drill-down; QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
    async fn recurrence_repairs(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The year.")] year: i32,
        #[graphql(desc = "The quarter, 1–4.")] quarter: i32,
        #[graphql(desc = "The failure cause's code, as in the report.")] cause: String,
        #[graphql(desc = "Page size, 1–200 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last edge of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<PagedConnection<RepairRecord>> {
        let quarter = u32::try_from(quarter).map_err(|_| invalid("quarter", "must be 1 to 4"))?;
        let request = page_request(ctx, first, after)?;
        let settings = &state(ctx).settings;
        let page =
            recurrence::repairs_of_cause(db(ctx), settings, actor(ctx)?, year, quarter, &cause, request)
                .await
                .gql()?;
        Ok(connection(page, RepairRecord::from))
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
