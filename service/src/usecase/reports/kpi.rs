//! The service KPI report (section 8 of the domain) for a period, grouped by
//! region, engineer, dealer or product model. The database counts and sums
//! per group (GROUP BY); `rules::kpi` turns the sums into shares, means and
//! judgements, and the groups add up to the total.
//!
//! The figures, for tickets reported in the period and not cancelled:
//! timeliness = not overdue as of the report (`rules::sla::overdue`: the
//! reply and, unless it is phone guidance, the arrival kept in time or
//! not yet due); satisfaction =
//! visits done in the period scoring 4–5; service complaints = complaints
//! received in the period attributed to service, per ticket; first-time fix
//! = repaired tickets with no rework and no repeat repair after them (a
//! repeat report later cancelled does not count); cost = what the
//! manufacturer bears: parts and labour on `FREE` service and whatever was
//! used on `OTHER` (or not yet decided) service, labour on `CONTRACT`
//! service (the customer pays the parts), nothing on `PAID` service, labour
//! hours at the tariff in force at the period's end; cost to
//! sales = the calendar year's cost over the year's sales (units invoiced in
//! the year at their model's sale price).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::Alias;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult, Value};

use entity::enums::{ServiceType, TicketStatus};
use serde::Serialize;

use super::recurrence::READERS;
use super::{POPULATION, instants, one_when, population, statement};
use crate::auth::Actor;
use crate::config::Settings;
use crate::error::{ServiceError, ServiceResult};
use crate::rules::kpi::{KpiCounts, KpiFigures, figures};
use crate::rules::sla;
use crate::usecase::parts::old_part_reports::money_text;

/// How the KPI report is broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
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

/// One group's figures; `key` is `None` for tickets without one (no
/// engineer assigned, sold directly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KpiGroup {
    pub key: Option<String>,
    pub name: Option<String>,
    pub figures: KpiFigures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KpiReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: KpiGroupBy,
    /// The calendar year of the cost-to-sales ratio (the year of `from`).
    pub year: i32,
    /// The labour rate the labour hours are costed at.
    pub labour_rate: Decimal,
    pub total: KpiFigures,
    /// Groups by key.
    pub groups: Vec<KpiGroup>,
}

/// The group's key and name over tickets `t` of customers `c`, and the
/// joins they need.
pub fn ticket_dims(group: KpiGroupBy) -> (&'static str, &'static str, &'static str) {
    match group {
        KpiGroupBy::Region => ("c.province", "c.province", ""),
        KpiGroupBy::Engineer => {
            ("eu.username", "eu.display_name", "LEFT JOIN users eu ON eu.id = t.engineer_id")
        }
        KpiGroupBy::Dealer => ("d.code", "d.name", "LEFT JOIN dealers d ON d.id = t.dealer_id"),
        KpiGroupBy::Model => (
            "pm.code",
            "pm.name",
            "LEFT JOIN units u ON u.id = t.unit_id LEFT JOIN product_models pm ON pm.id = u.product_model_id",
        ),
    }
}

/// The same over units `u` of models `pm`; engineers sell nothing.
pub fn unit_dims(group: KpiGroupBy) -> Option<(&'static str, &'static str, &'static str)> {
    match group {
        KpiGroupBy::Region => {
            Some(("c.province", "c.province", "LEFT JOIN customers c ON c.id = u.customer_id"))
        }
        KpiGroupBy::Engineer => None,
        KpiGroupBy::Dealer => Some(("d.code", "d.name", "LEFT JOIN dealers d ON d.id = u.dealer_id")),
        KpiGroupBy::Model => Some(("pm.code", "pm.name", "")),
    }
}

/// Seconds from `earlier` to `later`, in the backend's SQL.
fn seconds(backend: DbBackend, later: &str, earlier: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("EXTRACT(EPOCH FROM ({later} - {earlier}))"),
        _ => format!("((julianday({later}) - julianday({earlier})) * 86400.0)"),
    }
}

#[derive(Debug, FromQueryResult)]
struct TicketRow {
    k: Option<String>,
    name: Option<String>,
    tickets: i64,
    on_time: i64,
    replied: i64,
    respond_seconds: Option<i64>,
    arrived: i64,
    arrive_seconds: Option<i64>,
    repaired: i64,
    repair_seconds: Option<i64>,
    fixed_first_time: i64,
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    k: Option<String>,
    name: Option<String>,
    n: i64,
    good: i64,
}

#[derive(Debug, FromQueryResult)]
struct MoneyRow {
    k: Option<String>,
    name: Option<String>,
    n: i64,
    first: Option<String>,
    second: Option<String>,
}

#[derive(Debug, FromQueryResult)]
struct RateRow {
    labour_rate: String,
}

/// The KPI report for `from` up to `to` (exclusive) by `group_by`
/// (QUALITY, SERVICE_MANAGER, GENERAL_MANAGER).
pub async fn kpi_report(
    db: &DatabaseConnection,
    settings: &Settings,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    group_by: KpiGroupBy,
) -> ServiceResult<KpiReport> {
    actor.require_any(READERS)?;
    compute(db, settings, from, to, group_by).await
}

/// The report itself, for the scheduled job as well.
pub async fn compute<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
    group_by: KpiGroupBy,
) -> ServiceResult<KpiReport> {
    if to <= from {
        return Err(ServiceError::validation("to", "must be after from"));
    }
    let year = from.year();
    let (year_start, year_end) = NaiveDate::from_ymd_opt(year, 1, 1)
        .zip(NaiveDate::from_ymd_opt(year + 1, 1, 1))
        .ok_or_else(|| ServiceError::validation("from", "year out of range"))?;
    let (start, end) = instants(settings, from, to);
    let (ystart, yend) = instants(settings, year_start, year_end);
    let backend = db.get_database_backend();
    let (key, name, joins) = ticket_dims(group_by);
    let mut groups: BTreeMap<Option<String>, (Option<String>, KpiCounts)> = BTreeMap::new();

    let (on_time, mut values) = one_when(sla::sql::overdue(Alias::new("t"), Utc::now()).not());
    let fixed_first = "t.repaired_at IS NOT NULL AND t.arrived_at IS NOT NULL AND t.rework_count = 0 \
         AND NOT EXISTS (SELECT 1 FROM tickets r WHERE r.repeat_of_ticket_id = t.id AND r.status <> ?)";
    values.push(TicketStatus::Cancelled.into());
    values.extend(population(start, end));
    let tickets_sql = format!(
        "SELECT {key} AS k, {name} AS name, COUNT(*) AS tickets, \
         CAST(SUM({on_time}) AS BIGINT) AS on_time, \
         COUNT(t.replied_at) AS replied, \
         CAST(ROUND(SUM({respond})) AS BIGINT) AS respond_seconds, \
         COUNT(t.arrived_at) AS arrived, \
         CAST(ROUND(SUM({arrive})) AS BIGINT) AS arrive_seconds, \
         CAST(SUM(CASE WHEN t.repaired_at IS NOT NULL AND t.arrived_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) \
             AS repaired, \
         CAST(ROUND(SUM(CASE WHEN t.arrived_at IS NOT NULL THEN {repair} END)) AS BIGINT) AS repair_seconds, \
         CAST(SUM(CASE WHEN {fixed_first} THEN 1 ELSE 0 END) AS BIGINT) AS fixed_first_time \
         FROM tickets t JOIN customers c ON c.id = t.customer_id {joins} \
         WHERE {POPULATION} GROUP BY {key}, {name}",
        respond = seconds(backend, "t.replied_at", "t.reported_at"),
        arrive = seconds(backend, "t.arrived_at", "t.reported_at"),
        repair = seconds(backend, "t.repaired_at", "t.arrived_at"),
    );
    for r in TicketRow::find_by_statement(statement(backend, &tickets_sql, values)).all(db).await? {
        let c = counts(&mut groups, r.k, r.name);
        c.tickets = r.tickets;
        c.on_time = r.on_time;
        c.replied = r.replied;
        c.respond_seconds = r.respond_seconds.unwrap_or_default();
        c.arrived = r.arrived;
        c.arrive_seconds = r.arrive_seconds.unwrap_or_default();
        c.repaired = r.repaired;
        c.repair_seconds = r.repair_seconds.unwrap_or_default();
        c.fixed_first_time = r.fixed_first_time;
    }

    // Visits and complaints belong to the group of their ticket, or by
    // region to their customer's when they have none.
    let visits_sql = format!(
        "SELECT {key} AS k, {name} AS name, COUNT(*) AS n, \
         CAST(SUM(CASE WHEN v.satisfaction >= 4 THEN 1 ELSE 0 END) AS BIGINT) AS good \
         FROM return_visits v JOIN customers c ON c.id = v.customer_id \
         LEFT JOIN tickets t ON t.id = v.ticket_id {joins} \
         WHERE v.visited_at >= ? AND v.visited_at < ? AND v.satisfaction IS NOT NULL GROUP BY {key}, {name}"
    );
    for r in CountRow::find_by_statement(statement(backend, &visits_sql, vec![start.into(), end.into()]))
        .all(db)
        .await?
    {
        let c = counts(&mut groups, r.k, r.name);
        (c.visits, c.satisfied) = (r.n, r.good);
    }
    let complaints_sql = format!(
        "SELECT {key} AS k, {name} AS name, COUNT(*) AS n, CAST(0 AS BIGINT) AS good \
         FROM complaints k JOIN customers c ON c.id = k.customer_id \
         LEFT JOIN tickets t ON t.id = k.ticket_id {joins} \
         WHERE k.received_at >= ? AND k.received_at < ? AND k.attributable_to_service GROUP BY {key}, {name}"
    );
    for r in CountRow::find_by_statement(statement(backend, &complaints_sql, vec![start.into(), end.into()]))
        .all(db)
        .await?
    {
        counts(&mut groups, r.k, r.name).service_complaints = r.n;
    }

    // What the manufacturer bears, per repair record, then per group.
    let cost_sql = format!(
        "SELECT x.k, x.name, COUNT(*) AS n, \
         CAST(SUM(CASE WHEN x.st IN (?, ?) THEN 0 ELSE x.parts END) AS TEXT) AS first, \
         CAST(SUM(CASE WHEN x.st = ? THEN 0 ELSE x.hours END) AS TEXT) AS second \
         FROM (SELECT {key} AS k, {name} AS name, COALESCE(CAST(t.service_type AS TEXT), '') AS st, rr.labour_hours AS hours, \
               COALESCE(SUM(rp.quantity * rp.unit_price), 0) AS parts \
               FROM tickets t JOIN customers c ON c.id = t.customer_id {joins} \
               JOIN repair_records rr ON rr.ticket_id = t.id \
               LEFT JOIN repair_parts rp ON rp.repair_record_id = rr.id \
               WHERE {POPULATION} \
               GROUP BY rr.id, {key}, {name}, t.service_type, rr.labour_hours) x \
         GROUP BY x.k, x.name"
    );
    for (bounds, in_year) in [((start, end), false), ((ystart, yend), true)] {
        // The manufacturer pays no parts on paid or contract work, no labour on paid work.
        let mut values: Vec<Value> =
            vec![ServiceType::Paid.into(), ServiceType::Contract.into(), ServiceType::Paid.into()];
        values.extend(population(bounds.0, bounds.1));
        let rows = MoneyRow::find_by_statement(statement(backend, &cost_sql, values)).all(db).await?;
        for r in rows {
            let (parts, hours) = (money_text(r.first)?, money_text(r.second)?);
            let c = counts(&mut groups, r.k, r.name);
            if in_year {
                (c.year_parts_cost, c.year_labour_hours) = (parts, hours);
            } else {
                (c.parts_cost, c.labour_hours) = (parts, hours);
            }
        }
    }

    let chargebacks_sql = format!(
        "SELECT {key} AS k, {name} AS name, COUNT(*) AS n, CAST(SUM(cb.amount) AS TEXT) AS first, \
         CAST(NULL AS TEXT) AS second \
         FROM dealer_chargebacks cb JOIN tickets t ON t.id = cb.ticket_id \
         JOIN customers c ON c.id = t.customer_id {joins} \
         WHERE {POPULATION} GROUP BY {key}, {name}"
    );
    for r in
        MoneyRow::find_by_statement(statement(backend, &chargebacks_sql, population(start, end).to_vec()))
            .all(db)
            .await?
    {
        let amount = money_text(r.first)?;
        let c = counts(&mut groups, r.k, r.name);
        (c.chargebacks, c.chargeback_amount) = (r.n, amount);
    }

    // The year's sales, per group where the grouping sells, else in total.
    let (skey, sname, sjoins, sgroup) = match unit_dims(group_by) {
        Some((key, name, joins)) => (key, name, joins, format!("GROUP BY {key}, {name}")),
        None => ("CAST(NULL AS TEXT)", "CAST(NULL AS TEXT)", "", String::new()),
    };
    let sales_sql = format!(
        "SELECT {skey} AS k, {sname} AS name, COUNT(*) AS n, CAST(SUM(pm.sale_price) AS TEXT) AS first, \
         CAST(NULL AS TEXT) AS second \
         FROM units u JOIN product_models pm ON pm.id = u.product_model_id {sjoins} \
         WHERE u.invoice_date >= ? AND u.invoice_date < ? {sgroup}"
    );
    let sales =
        MoneyRow::find_by_statement(statement(backend, &sales_sql, vec![year_start.into(), year_end.into()]))
            .all(db)
            .await?;
    let mut total_sales = Decimal::ZERO;
    for r in sales {
        let amount = money_text(r.first)?;
        total_sales += amount;
        if unit_dims(group_by).is_some() {
            counts(&mut groups, r.k, r.name).year_sales = Some(amount);
        }
    }

    let labour_rate = labour_rate(db, backend, to).await?;
    let mut total = KpiCounts::default();
    for (_, c) in groups.values() {
        total.add(c);
    }
    total.year_sales = Some(total_sales);
    Ok(KpiReport {
        from,
        to,
        group_by,
        year,
        labour_rate,
        total: figures(&total, labour_rate, &settings.policy),
        groups: groups
            .into_iter()
            .map(|(key, (name, c))| KpiGroup {
                key,
                name,
                figures: figures(&c, labour_rate, &settings.policy),
            })
            .collect(),
    })
}

/// The group's counts, made on first sight.
fn counts(
    groups: &mut BTreeMap<Option<String>, (Option<String>, KpiCounts)>,
    key: Option<String>,
    name: Option<String>,
) -> &mut KpiCounts {
    let slot = groups.entry(key).or_insert_with(|| (None, KpiCounts::default()));
    if slot.0.is_none() {
        slot.0 = name;
    }
    &mut slot.1
}

/// The labour rate of the tariff in force on the period's last day; none
/// declared costs labour at zero.
async fn labour_rate<C: ConnectionTrait>(
    db: &C,
    backend: DbBackend,
    to: NaiveDate,
) -> ServiceResult<Decimal> {
    let last_day = to.pred_opt().unwrap_or(to);
    let sql = "SELECT CAST(labour_rate AS TEXT) AS labour_rate FROM service_tariffs \
         WHERE effective_from <= ? ORDER BY effective_from DESC LIMIT 1";
    let row = RateRow::find_by_statement(statement(backend, sql, vec![last_day.into()])).one(db).await?;
    Ok(match row {
        Some(r) => r
            .labour_rate
            .parse()
            .map(|rate: Decimal| rate.normalize())
            .map_err(|e| ServiceError::Internal(format!("labour rate `{}`: {e}", r.labour_rate)))?,
        None => Decimal::ZERO,
    })
}
