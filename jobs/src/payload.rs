//! The jobs' payloads, as they are stored in the queues (JSON): a change
//! here must still read the jobs already waiting.

use serde::{Deserialize, Serialize};

use service::config::Settings;
use service::usecase::reports::stored::ReportKind;

/// What a sweep looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SweepKind {
    ReturnVisits,
    Sla,
    OldParts,
    Determinations,
    LowStock,
    Complaints,
    Outbox,
    RecurrenceReport,
    KpiReport,
}

impl SweepKind {
    pub const ALL: [Self; 9] = [
        Self::ReturnVisits,
        Self::Sla,
        Self::OldParts,
        Self::Determinations,
        Self::LowStock,
        Self::Complaints,
        Self::Outbox,
        Self::RecurrenceReport,
        Self::KpiReport,
    ];

    /// As in the settings (`schedules.<name>`), the logs and the metrics.
    pub fn name(self) -> &'static str {
        match self {
            Self::ReturnVisits => "return_visits",
            Self::Sla => "sla",
            Self::OldParts => "old_parts",
            Self::Determinations => "determinations",
            Self::LowStock => "low_stock",
            Self::Complaints => "complaints",
            Self::Outbox => "outbox",
            Self::RecurrenceReport => "recurrence_report",
            Self::KpiReport => "kpi_report",
        }
    }

    /// The management report the sweep produces, if it is one.
    pub fn report(self) -> Option<ReportKind> {
        match self {
            Self::RecurrenceReport => Some(ReportKind::FailureRecurrence),
            Self::KpiReport => Some(ReportKind::Kpi),
            _ => None,
        }
    }

    /// Its cron expression in `settings`.
    pub fn schedule(self, settings: &Settings) -> &str {
        let s = &settings.schedules;
        match self {
            Self::ReturnVisits => &s.return_visits,
            Self::Sla => &s.sla,
            Self::OldParts => &s.old_parts,
            Self::Determinations => &s.determinations,
            Self::LowStock => &s.low_stock,
            Self::Complaints => &s.complaints,
            Self::Outbox => &s.outbox,
            Self::RecurrenceReport => &s.recurrence_report,
            Self::KpiReport => &s.kpi_report,
        }
    }
}

/// One sweep, for the tick that asked for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SweepJob {
    pub kind: SweepKind,
    /// Unix seconds of the tick (0: the start-up sweep).
    pub tick: u64,
}

/// One attempt at delivering one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliverJob {
    pub notification_id: i64,
}
