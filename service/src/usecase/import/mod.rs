//! Bulk import (批量导入) of master data from spreadsheets: customers,
//! dealers, units, parts and opening stock, from XLSX or CSV.
//!
//! A run reads the whole file, checks every row (values, references to
//! what the database or the file already holds, duplicates within the
//! file) and lists every problem before anything is written. A preview
//! stops there. A commit writes the file in one transaction, or nothing:
//! a file with problems is refused unless the caller asks to skip the bad
//! rows, and then exactly the good rows are written.
//!
//! Rows are matched to existing records by their natural key (customer
//! name, dealer code, serial number, part number, warehouse + part). A row
//! equal to its record is `unchanged`; one that differs `updated`s it —
//! the spreadsheet is the source of truth the manufacturer migrates from,
//! so a corrected file is imported again. A second import of the same file
//! therefore reports every row unchanged and writes nothing, not even an
//! audit entry. References are resolved against maps preloaded once per
//! file, and new records are inserted in chunks: never a query per row.

mod customers;
mod dealers;
mod fields;
mod parts;
pub mod reader;
mod stock;
mod units;

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, TransactionTrait,
};
use serde::Serialize;

use crate::audit::{self, AuditEntry};
use crate::auth::Actor;
use crate::db::begin_write;
use crate::error::{ServiceError, ServiceResult};

pub use reader::Sheet;

/// Who may import: administrators only (the role list is empty, and
/// `ADMIN` passes every check).
const IMPORTERS: &[entity::enums::Role] = &[];

/// Rows inserted per statement: well under SQLite's and PostgreSQL's
/// limits on bound values for the widest kind.
const INSERT_CHUNK: usize = 1_000;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportKind {
    Customers,
    Dealers,
    Units,
    Parts,
    Stock,
}

impl ImportKind {
    pub const ALL: [Self; 5] = [Self::Customers, Self::Dealers, Self::Units, Self::Parts, Self::Stock];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customers => "customers",
            Self::Dealers => "dealers",
            Self::Units => "units",
            Self::Parts => "parts",
            Self::Stock => "stock",
        }
    }

    /// The columns a file of this kind may have.
    pub fn columns(self) -> &'static [reader::Column] {
        match self {
            Self::Customers => customers::COLUMNS,
            Self::Dealers => dealers::COLUMNS,
            Self::Units => units::COLUMNS,
            Self::Parts => parts::COLUMNS,
            Self::Stock => stock::COLUMNS,
        }
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ImportKind {
    type Err = ServiceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            ServiceError::validation("kind", "imports are of customers, dealers, units, parts or stock")
        })
    }
}

/// How far a run goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Write (else only check and count: the preview).
    pub commit: bool,
    /// Write the good rows of a file with problems, skipping the bad ones.
    pub skip_invalid: bool,
}

/// Bounds of one file.
#[derive(Debug, Clone, Copy)]
pub struct ImportLimits {
    pub max_bytes: usize,
    pub max_rows: usize,
}

/// What is wrong with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProblemCode {
    /// A required cell is empty.
    Required,
    /// Not a date (YYYY-MM-DD and the usual spreadsheet spellings).
    BadDate,
    BadPhone,
    BadNumber,
    /// Any other value refused by the field's rule (length, characters, e-mail…).
    Invalid,
    UnknownModel,
    UnknownCustomer,
    UnknownDealer,
    UnknownPart,
    UnknownWarehouse,
    /// A reference that matches several records.
    Ambiguous,
    /// The same natural key as an earlier row of the file.
    Duplicate,
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The row as the spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The column's English name.
    pub column: &'static str,
    pub code: ProblemCode,
    pub message: String,
}

/// The outcome of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub kind: ImportKind,
    /// Data rows in the file (blank rows not counted).
    pub rows: usize,
    /// Good rows that create, update or leave alone a record (in a
    /// preview: would).
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows with problems.
    pub invalid: usize,
    /// Rows left out of a commit because of their problems.
    pub skipped: usize,
    /// Whether this run wrote (a preview, a refused commit, or a commit with
    /// nothing to change did not).
    pub committed: bool,
    /// Every problem, by row.
    pub problems: Vec<Problem>,
}

/// Counts of what the good rows do.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    created: usize,
    updated: usize,
    unchanged: usize,
}

/// A kind's plan for a file: its problems, and what writing would do.
struct Plan<W> {
    problems: Vec<Problem>,
    tally: Tally,
    writes: W,
}

/// Imports (or previews) `bytes` as a file of `kind`. Only an
/// administrator may; a file over `limits` is `VALIDATION` on `file`. A
/// commit of a file with problems writes nothing and answers
/// `committed: false` unless `skip_invalid`.
#[tracing::instrument(skip(db, actor, bytes), fields(user = %actor.username, bytes = bytes.len()))]
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: ImportKind,
    bytes: Vec<u8>,
    options: ImportOptions,
    limits: ImportLimits,
) -> ServiceResult<ImportReport> {
    actor.require_any(IMPORTERS)?;
    if bytes.len() > limits.max_bytes {
        return Err(ServiceError::validation(
            "file",
            format!("is larger than {} bytes; split it into several files", limits.max_bytes),
        ));
    }
    // Unzipping and parsing 50 000 rows takes a while: not on the
    // request's thread.
    let sheet = tokio::task::spawn_blocking(move || reader::read(&bytes, limits.max_rows))
        .await
        .map_err(|e| ServiceError::Internal(format!("reading the file failed: {e}")))??;
    let rows = sheet.rows.len();
    // A commit takes the write lock first, so what was checked is what is
    // written; a preview only reads.
    let txn = if options.commit { begin_write(db).await? } else { db.begin().await? };
    let planned = match kind {
        ImportKind::Customers => customers::run(&txn, &sheet, options).await?,
        ImportKind::Dealers => dealers::run(&txn, &sheet, options).await?,
        ImportKind::Units => units::run(&txn, &sheet, options).await?,
        ImportKind::Parts => parts::run(&txn, &sheet, options).await?,
        ImportKind::Stock => stock::run(&txn, &sheet, options, actor).await?,
    };
    let (problems, tally, wrote) = planned;
    let invalid = problems.iter().map(|p| p.row).collect::<BTreeSet<_>>().len();
    let report = ImportReport {
        kind,
        rows,
        created: tally.created,
        updated: tally.updated,
        unchanged: tally.unchanged,
        invalid,
        skipped: if wrote { invalid } else { 0 },
        committed: wrote,
        problems,
    };
    if wrote {
        audit::record(
            &txn,
            Some(actor),
            AuditEntry {
                action: "import",
                entity_type: kind.as_str(),
                entity_id: None,
                before: None,
                after: Some(serde_json::json!({
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "skipped": report.skipped,
                })),
            },
        )
        .await?;
        txn.commit().await?;
        tracing::info!(kind = %kind, rows, created = tally.created, updated = tally.updated, "imported");
    } else {
        txn.rollback().await?;
    }
    Ok(report)
}

/// Whether a plan is to be written: a commit, something to change, and no
/// problem or the caller's leave to skip the bad rows.
fn writes<W>(plan: &Plan<W>, options: ImportOptions) -> bool {
    options.commit
        && (plan.problems.is_empty() || options.skip_invalid)
        && plan.tally.created + plan.tally.updated > 0
}

/// Inserts `rows` in chunks.
async fn insert_chunks<A, C>(db: &C, rows: Vec<A>) -> ServiceResult<()>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(INSERT_CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Updates each of `rows` (their primary key set), one statement each:
/// a re-import usually changes few.
async fn update_each<A, C>(db: &C, rows: Vec<A>) -> ServiceResult<()>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: ConnectionTrait,
{
    for row in rows {
        <A::Entity as EntityTrait>::update(row).exec(db).await?;
    }
    Ok(())
}

/// Writes a plan's creations and updates when it is to be written, and
/// says whether it was.
async fn apply<A, C>(
    db: &C,
    plan: Plan<(Vec<A>, Vec<A>)>,
    options: ImportOptions,
) -> ServiceResult<(Vec<Problem>, Tally, bool)>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: ConnectionTrait,
{
    let write = writes(&plan, options);
    if write {
        let (creates, updates) = plan.writes;
        insert_chunks(db, creates).await?;
        update_each(db, updates).await?;
    }
    Ok((plan.problems, plan.tally, write))
}
