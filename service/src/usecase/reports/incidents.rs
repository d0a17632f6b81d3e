//! Batch quality incidents (批量/重大质量事故): after-sales returns grouped by
//! product model and production date, in the database; each group judged
//! by `rules::incidents` and listed with the units and tickets behind it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult};
use serde::Serialize;

use entity::enums::TicketStatus;

use super::recurrence::READERS;
use super::{instants, statement};
use crate::auth::Actor;
use crate::config::Settings;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::incidents::{IncidentLevel, Thresholds, classify};
use crate::usecase::parts::old_part_reports::money_text;

/// One model and production date whose returns make an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    pub model_code: String,
    pub model_name: String,
    pub production_date: NaiveDate,
    /// Units of the group with a fault report in the period.
    pub units: i64,
    pub tickets: i64,
    /// Parts replaced on those tickets, at their recorded prices.
    pub loss: Decimal,
    pub personal_injury: bool,
    #[serde(skip)]
    pub level: IncidentLevel,
    pub serial_numbers: Vec<String>,
    pub ticket_numbers: Vec<String>,
}

#[derive(Debug, FromQueryResult)]
struct GroupRow {
    model_id: i64,
    model_code: String,
    model_name: String,
    production_date: NaiveDate,
    units: i64,
    tickets: i64,
    loss: Option<String>,
    injury: i64,
}

#[derive(Debug, FromQueryResult)]
struct MemberRow {
    serial_number: String,
    number: String,
}

/// Tickets reported in `[from, to)`, not cancelled, with their parts cost.
const RETURNS: &str = "FROM tickets t \
     JOIN units u ON u.id = t.unit_id \
     JOIN product_models pm ON pm.id = u.product_model_id \
     LEFT JOIN (SELECT rr.ticket_id, SUM(rp.quantity * rp.unit_price) AS cost FROM repair_records rr \
                JOIN repair_parts rp ON rp.repair_record_id = rr.id GROUP BY rr.ticket_id) c ON c.ticket_id = t.id \
     WHERE t.reported_at >= ? AND t.reported_at < ? AND t.status <> ?";

/// The incidents among the returns reported from `from` up to `to`
/// (exclusive), largest first (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
pub async fn batch_incidents(
    db: &DatabaseConnection,
    settings: &Settings,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> ServiceResult<Vec<Incident>> {
    actor.require_any(READERS)?;
    if to <= from {
        return Err(ServiceError::validation("to", "must be after from"));
    }
    compute(db, settings, from, to).await
}

pub async fn compute<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
) -> ServiceResult<Vec<Incident>> {
    let policy = &settings.policy;
    let thresholds = Thresholds {
        batch_units: policy.batch_incident_units,
        major_units: policy.major_incident_units,
        major_loss: policy.major_incident_loss,
    };
    let (start, end) = instants(settings, from, to);
    let backend = db.get_database_backend();
    // Only groups that can be an incident come back: big enough, with an
    // injury, or with some loss (the loss threshold is judged in Rust, as
    // SQLite keeps decimals inexactly).
    let sql = format!(
        "SELECT u.product_model_id AS model_id, pm.code AS model_code, pm.name AS model_name, u.production_date, \
         COUNT(DISTINCT t.unit_id) AS units, COUNT(*) AS tickets, CAST(COALESCE(SUM(c.cost), 0) AS TEXT) AS loss, \
         CAST(MAX(CASE WHEN t.personal_injury THEN 1 ELSE 0 END) AS BIGINT) AS injury \
         {RETURNS} \
         GROUP BY u.product_model_id, pm.code, pm.name, u.production_date \
         HAVING COUNT(DISTINCT t.unit_id) >= ? OR MAX(CASE WHEN t.personal_injury THEN 1 ELSE 0 END) = 1 \
             OR COALESCE(SUM(c.cost), 0) > 0"
    );
    let groups = GroupRow::find_by_statement(statement(
        backend,
        &sql,
        vec![start.into(), end.into(), TicketStatus::Cancelled.into(), thresholds.batch_units.into()],
    ))
    .all(db)
    .await?;
    let mut incidents = Vec::new();
    for g in groups {
        let loss = money_text(g.loss)?;
        let injury = g.injury > 0;
        let Some(level) = classify(g.units, loss, injury, thresholds) else { continue };
        let members_sql = format!(
            "SELECT u.serial_number, t.number {RETURNS} AND u.product_model_id = ? AND u.production_date = ? \
             ORDER BY u.serial_number, t.number"
        );
        let members = MemberRow::find_by_statement(statement(
            backend,
            &members_sql,
            vec![
                start.into(),
                end.into(),
                TicketStatus::Cancelled.into(),
                g.model_id.into(),
                g.production_date.into(),
            ],
        ))
        .all(db)
        .await?;
        let mut serial_numbers: Vec<String> = members.iter().map(|m| m.serial_number.clone()).collect();
        serial_numbers.dedup();
        incidents.push(Incident {
            model_code: g.model_code,
            model_name: g.model_name,
            production_date: g.production_date,
            units: g.units,
            tickets: g.tickets,
            loss,
            personal_injury: injury,
            level,
            serial_numbers,
            ticket_numbers: members.into_iter().map(|m| m.number).collect(),
        });
    }
    incidents.sort_by(|a, b| b.units.cmp(&a.units).then_with(|| a.production_date.cmp(&b.production_date)));
    Ok(incidents)
}
