//! Stored reports: the quarterly failure recurrence and the monthly KPIs,
//! generated on demand or by the scheduler, kept with their parameters,
//! their data as JSON, a workbook and a chart; the scheduled ones are
//! mailed to management with the workbook attached.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;

use entity::enums::{NotificationChannel, Role};
use entity::{report, user, user_role};

use super::kpi::{self, KpiGroupBy};
use super::recurrence::{self, READERS};
use crate::auth::Actor;
use crate::config::Settings;
use crate::error::{ServiceError, ServiceResult};
use crate::notify::{self, Outgoing};
use crate::report_files::{self, KPI_HEADERS, MonthKpis, RECURRENCE_HEADERS};
use crate::rules::recurrence::{previous_quarter, quarter_of};

/// Months the KPI chart's trend lines cover, ending with the report's.
const TREND_MONTHS: u32 = 6;

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// Quarterly, period `YYYY-Qn`.
    FailureRecurrence,
    /// By region, period `YYYY-MM` (monthly when scheduled), `YYYY-Qn` or `YYYY`.
    Kpi,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FailureRecurrence => "FAILURE_RECURRENCE",
            Self::Kpi => "KPI",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::FailureRecurrence => "故障重复发生季度报告",
            Self::Kpi => "售后服务 KPI 月度报告",
        }
    }
}

/// A report period, parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// `YYYY-Qn`.
    Quarter { year: i32, quarter: u32 },
    /// `YYYY-MM`.
    Month { first_day: NaiveDate },
    /// `YYYY`.
    Year { year: i32 },
}

impl Period {
    /// `YYYY-Qn` for the recurrence report; `YYYY-MM`, `YYYY-Qn` or `YYYY`
    /// for the KPIs.
    pub fn parse(kind: ReportKind, text: &str) -> ServiceResult<Self> {
        let text = text.trim();
        let shapes = match kind {
            ReportKind::FailureRecurrence => "quarter like 2026-Q3",
            ReportKind::Kpi => "month like 2026-09, quarter like 2026-Q3 or year like 2026",
        };
        let bad = || ServiceError::validation("period", format!("`{text}` is not a {shapes} (2000–2100)"));
        let (year, rest) = match text.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (text, None),
        };
        let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(bad)?;
        let period = match rest {
            None => Self::Year { year },
            Some(q) if q.starts_with(['Q', 'q']) => {
                let quarter = q[1..].parse().ok().filter(|q| (1..=4).contains(q)).ok_or_else(bad)?;
                Self::Quarter { year, quarter }
            }
            Some(month) if month.len() == 2 => {
                let month: u32 = month.parse().map_err(|_| bad())?;
                Self::Month { first_day: NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)? }
            }
            Some(_) => return Err(bad()),
        };
        match (kind, period) {
            (ReportKind::FailureRecurrence, Self::Quarter { .. }) | (ReportKind::Kpi, _) => Ok(period),
            _ => Err(bad()),
        }
    }

    pub fn label(self) -> String {
        match self {
            Self::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Self::Month { first_day } => first_day.format("%Y-%m").to_string(),
            Self::Year { year } => year.to_string(),
        }
    }

    /// The first day.
    pub fn start(self) -> NaiveDate {
        match self {
            Self::Quarter { year, quarter } => crate::rules::recurrence::quarter_bounds(year, quarter)
                .map_or(NaiveDate::MIN, |(start, _)| start),
            Self::Month { first_day } => first_day,
            Self::Year { year } => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The day after the period.
    pub fn end(self) -> NaiveDate {
        match self {
            Self::Quarter { year, quarter } => {
                crate::rules::recurrence::quarter_bounds(year, quarter).map_or(NaiveDate::MAX, |(_, end)| end)
            }
            Self::Month { first_day } => {
                first_day.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX)
            }
            Self::Year { year } => NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(NaiveDate::MAX),
        }
    }

    /// The last whole period of `kind` before `today`: what a scheduled
    /// run reports on (a quarter, or a month).
    pub fn last_complete(kind: ReportKind, today: NaiveDate) -> Self {
        match kind {
            ReportKind::FailureRecurrence => {
                let (year, quarter) = previous_quarter(quarter_of(today).0, quarter_of(today).1);
                Self::Quarter { year, quarter }
            }
            ReportKind::Kpi => {
                let this_month = today.with_day(1).unwrap_or(today);
                Self::Month { first_day: this_month.checked_sub_months(Months::new(1)).unwrap_or(this_month) }
            }
        }
    }
}

/// A stored report without its files.
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct ReportSummary {
    pub id: i64,
    pub kind: String,
    pub period: String,
    pub parameters: serde_json::Value,
    pub data: serde_json::Value,
    pub generated_at: DateTime<Utc>,
    pub generated_by: Option<i64>,
}

/// A report built and not yet stored.
struct Built {
    period: Period,
    parameters: serde_json::Value,
    data: serde_json::Value,
    xlsx: Vec<u8>,
    chart: String,
}

/// Computes the report `kind` for `period` and renders its files.
async fn build(
    db: &DatabaseConnection,
    settings: &Settings,
    kind: ReportKind,
    period: &str,
) -> ServiceResult<Built> {
    let period = Period::parse(kind, period)?;
    let (parameters, data, xlsx, chart) = match (kind, period) {
        (ReportKind::FailureRecurrence, Period::Quarter { year, quarter }) => {
            let found = recurrence::compute(db, settings, year, quarter).await?;
            let rows = report_files::recurrence_rows(&found);
            let xlsx = report_files::workbook("故障重复发生", &RECURRENCE_HEADERS, rows).await?;
            let chart = report_files::pareto_svg(&found, settings.policy.recurrence_max_per_quarter);
            (json!({ "year": year, "quarter": quarter }), serde_json::to_value(&found), xlsx, chart)
        }
        (ReportKind::FailureRecurrence, _) => {
            return Err(ServiceError::validation("period", "the recurrence report is by quarter"));
        }
        (ReportKind::Kpi, _) => {
            let (from, to) = (period.start(), period.end());
            let found = kpi::compute(db, settings, from, to, KpiGroupBy::Region).await?;
            let rows = report_files::kpi_rows(&found);
            let xlsx = report_files::workbook("售后服务KPI", &KPI_HEADERS, rows).await?;
            // The trend: the months up to the period's last.
            let last_month = to.checked_sub_months(Months::new(1)).unwrap_or(from);
            let mut months = Vec::new();
            for back in (0..TREND_MONTHS).rev() {
                let Some(start) = last_month.checked_sub_months(Months::new(back)) else { continue };
                let end = start.checked_add_months(Months::new(1)).unwrap_or(start);
                let figures = if (start, end) == (from, to) {
                    found.total.clone()
                } else {
                    kpi::compute(db, settings, start, end, KpiGroupBy::Region).await?.total
                };
                months.push(MonthKpis { label: start.format("%Y-%m").to_string(), figures });
            }
            let to_month = last_month.format("%Y-%m");
            let title = format!(
                "售后服务KPI 近{TREND_MONTHS}个月至{to_month} · Service KPIs, {TREND_MONTHS} months to {to_month}"
            );
            let chart = report_files::kpi_trend_svg(&title, &months);
            let parameters = json!({ "from": from, "to": to, "groupBy": "REGION" });
            (parameters, serde_json::to_value(&found), xlsx, chart)
        }
    };
    let data = data.map_err(|e| ServiceError::Internal(format!("report data: {e}")))?;
    Ok(Built { period, parameters, data, xlsx, chart })
}

fn stored_row(
    kind: ReportKind,
    built: Built,
    now: DateTime<Utc>,
    by: Option<i64>,
    scheduled_key: Option<String>,
) -> report::ActiveModel {
    report::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        period: Set(built.period.label()),
        parameters: Set(built.parameters),
        data: Set(built.data),
        xlsx: Set(Some(built.xlsx)),
        chart_svg: Set(Some(built.chart.into_bytes())),
        generated_at: Set(now),
        generated_by: Set(by),
        scheduled_key: Set(scheduled_key),
        ..Default::default()
    }
}

/// Generates the report `kind` for `period` now and stores it (QUALITY,
/// SERVICE_MANAGER, GENERAL_MANAGER). Each call stores a new report; the
/// same period gives the same numbers.
pub async fn generate(
    db: &DatabaseConnection,
    settings: &Settings,
    actor: &Actor,
    kind: ReportKind,
    period: &str,
    now: DateTime<Utc>,
) -> ServiceResult<ReportSummary> {
    actor.require_any(READERS)?;
    let built = build(db, settings, kind, period).await?;
    let stored = stored_row(kind, built, now, Some(actor.user_id), None).insert(db).await?;
    Ok(ReportSummary {
        id: stored.id,
        kind: stored.kind,
        period: stored.period,
        parameters: stored.parameters,
        data: stored.data,
        generated_at: stored.generated_at,
        generated_by: stored.generated_by,
    })
}

/// Stored reports, newest first, optionally of one kind (QUALITY,
/// SERVICE_MANAGER, GENERAL_MANAGER).
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: Option<ReportKind>,
    limit: u64,
) -> ServiceResult<Vec<ReportSummary>> {
    actor.require_any(READERS)?;
    let mut query = report::Entity::find()
        .select_only()
        .columns([
            report::Column::Id,
            report::Column::Kind,
            report::Column::Period,
            report::Column::Parameters,
            report::Column::Data,
            report::Column::GeneratedAt,
            report::Column::GeneratedBy,
        ])
        .order_by_desc(report::Column::GeneratedAt)
        .order_by_desc(report::Column::Id)
        .limit(limit.clamp(1, 200));
    if let Some(kind) = kind {
        query = query.filter(report::Column::Kind.eq(kind.as_str()));
    }
    Ok(query.into_model::<ReportSummary>().all(db).await?)
}

/// A stored report's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFile {
    Xlsx,
    Svg,
    /// The chart rasterised.
    Png,
}

impl ReportFile {
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension {
            "xlsx" => Some(Self::Xlsx),
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Svg => "image/svg+xml",
            Self::Png => "image/png",
        }
    }
}

/// The file name a stored report's workbook or chart goes by.
pub fn file_name(kind: &str, period: &str, file: ReportFile) -> String {
    let extension = match file {
        ReportFile::Xlsx => "xlsx",
        ReportFile::Svg => "svg",
        ReportFile::Png => "png",
    };
    format!("{}-{period}.{extension}", kind.to_lowercase().replace('_', "-"))
}

/// Report `id`'s workbook or chart, with its file name (QUALITY,
/// SERVICE_MANAGER, GENERAL_MANAGER).
pub async fn file(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    which: ReportFile,
) -> ServiceResult<(String, Vec<u8>)> {
    actor.require_any(READERS)?;
    let found =
        report::Entity::find_by_id(id).one(db).await?.ok_or_else(|| ServiceError::not_found("report", id))?;
    let missing = || ServiceError::not_found("report file", id);
    let bytes = match which {
        ReportFile::Xlsx => found.xlsx.ok_or_else(missing)?,
        ReportFile::Svg => found.chart_svg.ok_or_else(missing)?,
        ReportFile::Png => {
            let svg = found.chart_svg.ok_or_else(missing)?;
            let svg = String::from_utf8(svg).map_err(|e| ServiceError::Internal(format!("chart: {e}")))?;
            tokio::task::spawn_blocking(move || report_files::png(&svg))
                .await
                .map_err(|e| ServiceError::Internal(format!("chart: {e}")))??
        }
    };
    Ok((file_name(&found.kind, &found.period, which), bytes))
}

/// Report `id`'s workbook and its file name, for a mail's attachment.
pub async fn workbook_of(db: &DatabaseConnection, id: i64) -> ServiceResult<Option<(String, Vec<u8>)>> {
    let found = report::Entity::find_by_id(id).one(db).await?;
    Ok(found.and_then(|r| {
        let name = file_name(&r.kind, &r.period, ReportFile::Xlsx);
        r.xlsx.map(|bytes| (name, bytes))
    }))
}

/// Who gets the scheduled reports by mail.
fn management(kind: ReportKind) -> &'static [Role] {
    match kind {
        ReportKind::FailureRecurrence => &[Role::GeneralManager, Role::ServiceManager, Role::Quality],
        ReportKind::Kpi => &[Role::GeneralManager, Role::ServiceManager],
    }
}

/// The scheduled run: the last whole period's report, stored once (a rerun
/// or another worker's run reuses it) and queued by mail to management with
/// the workbook attached, once per person. Returns the messages queued.
pub async fn scheduled(
    db: &DatabaseConnection,
    settings: &Settings,
    kind: ReportKind,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let today = now.with_timezone(&settings.business_tz()).date_naive();
    let period = Period::last_complete(kind, today).label();
    // Several workers may get here at once: each builds, one stores.
    let key = format!("{}:{period}", kind.as_str());
    let find = || {
        report::Entity::find()
            .select_only()
            .column(report::Column::Id)
            .filter(report::Column::ScheduledKey.eq(key.as_str()))
            .into_tuple::<i64>()
    };
    if find().one(db).await?.is_none() {
        let built = build(db, settings, kind, &period).await?;
        report::Entity::insert(stored_row(kind, built, now, None, Some(key.clone())))
            .on_conflict_do_nothing_on([report::Column::ScheduledKey])
            .exec_without_returning(db)
            .await?;
    }
    let id =
        find().one(db).await?.ok_or_else(|| ServiceError::Internal(format!("report {key} not stored")))?;
    let recipients = user::Entity::find()
        .inner_join(user_role::Entity)
        .filter(user_role::Column::Role.is_in(management(kind).iter().copied()))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Email.is_not_null())
        .distinct()
        .all(db)
        .await?;
    let mut queued = 0;
    for person in recipients {
        let Some(email) = person.email else { continue };
        let message = Outgoing {
            recipient: email,
            channel: NotificationChannel::Email,
            template: "scheduled_report",
            subject: Some(format!("{} {period}", kind.title())),
            body: format!(
                "{},您好:\n\n{} {period} 已生成,见附件工作簿。\n\nThe {} report for {period} is attached.\n",
                person.display_name,
                kind.title(),
                kind.as_str().to_lowercase().replace('_', " ")
            ),
            payload: Some(json!({ "report": id, "user": person.id })),
            unique_key: format!("report:{}:{period}:{}:EMAIL", kind.as_str(), person.id),
            report_id: Some(id),
        };
        notify::queue(db, message, now).await?;
        queued += 1;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_per_kind_and_reject_nonsense() {
        let q = Period::parse(ReportKind::FailureRecurrence, "2026-Q3").expect("quarter");
        assert_eq!(q, Period::Quarter { year: 2026, quarter: 3 });
        assert_eq!(
            (q.label().as_str(), q.start().to_string(), q.end().to_string()),
            ("2026-Q3", "2026-07-01".into(), "2026-10-01".into())
        );
        for bad in ["2026-Q5", "2026", "2026-09", "Q3-2026", "1900-Q1", ""] {
            assert!(Period::parse(ReportKind::FailureRecurrence, bad).is_err(), "{bad}");
        }
        let m = Period::parse(ReportKind::Kpi, "2026-09").expect("month");
        assert_eq!((m.label().as_str(), m.end().to_string()), ("2026-09", "2026-10-01".into()));
        let y = Period::parse(ReportKind::Kpi, "2026").expect("year");
        assert_eq!((y.start().to_string(), y.end().to_string()), ("2026-01-01".into(), "2027-01-01".into()));
        assert_eq!(Period::parse(ReportKind::Kpi, "2026-q4").expect("quarter").label(), "2026-Q4");
        for bad in ["2026-13", "2026-9-1", "2026-9", "September", "", "2026-Q0"] {
            assert!(Period::parse(ReportKind::Kpi, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_scheduled_run_reports_the_last_whole_period() {
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        assert_eq!(
            Period::last_complete(ReportKind::FailureRecurrence, day("2026-10-01")).label(),
            "2026-Q3"
        );
        assert_eq!(
            Period::last_complete(ReportKind::FailureRecurrence, day("2026-01-05")).label(),
            "2025-Q4"
        );
        assert_eq!(Period::last_complete(ReportKind::Kpi, day("2026-12-01")).label(), "2026-11");
        assert_eq!(Period::last_complete(ReportKind::Kpi, day("2026-01-31")).label(), "2025-12");
        assert_eq!(Period::last_complete(ReportKind::Kpi, day("2026-01-31")).end(), day("2026-01-01"));
        assert_eq!(
            Period::last_complete(ReportKind::FailureRecurrence, day("2026-11-25")).end(),
            day("2026-10-01")
        );
        assert_eq!(
            file_name("FAILURE_RECURRENCE", "2026-Q3", ReportFile::Xlsx),
            "failure-recurrence-2026-Q3.xlsx"
        );
    }
}
