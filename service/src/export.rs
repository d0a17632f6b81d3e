//! Tables as downloads: CSV written row by row as the rows arrive, XLSX in
//! the spreadsheet writer's constant-memory mode on a blocking thread, fed
//! through a bounded channel. Neither holds the whole table in memory.

use chrono::NaiveDate;
use futures::{Stream, StreamExt};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook};

use crate::error::{ServiceError, ServiceResult};

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Integer(i64),
    /// Two decimal places.
    Money(Decimal),
    /// Written as `YYYY-MM-DD` text, so every reader sees the same day.
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn optional_date(date: Option<NaiveDate>) -> Self {
        date.map_or(Self::Empty, Self::Date)
    }

    pub fn optional_text(text: Option<String>) -> Self {
        text.map_or(Self::Empty, Self::Text)
    }

    /// The cell as CSV text. Text is neutralised ([`neutralise_formula`]);
    /// numbers and dates are written by us and stay as they are, so a
    /// negative number remains a number.
    pub fn to_text(&self) -> String {
        match self {
            Self::Text(s) => neutralise_formula(s),
            Self::Integer(n) => n.to_string(),
            Self::Money(m) => format!("{:.2}", m.round_dp(2)),
            Self::Date(d) => d.format("%Y-%m-%d").to_string(),
            Self::Empty => String::new(),
        }
    }
}

/// What makes a spreadsheet program read a CSV field as a formula (OWASP's
/// CSV injection list): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text as a CSV field that a spreadsheet opens as text: one beginning
/// with a formula trigger gets a leading `'` (OWASP's advice), so
/// `=HYPERLINK(…)` shows as typed instead of running. The CSV writer quotes
/// the field where its content needs it.
pub fn neutralise_formula(text: &str) -> String {
    if text.starts_with(FORMULA_TRIGGERS) { format!("'{text}") } else { text.to_owned() }
}

/// Rows of one worksheet, the header included (the format's limit).
const XLSX_MAX_ROWS: u32 = 1_048_576;

/// Rows waiting between the database and the XLSX writer.
const XLSX_CHANNEL_ROWS: usize = 1024;

fn xlsx_error(err: rust_xlsxwriter::XlsxError) -> ServiceError {
    ServiceError::Internal(format!("writing the spreadsheet: {err}"))
}

/// Writes `headers` and `rows` as one worksheet named `sheet` into a
/// temporary file and returns it, rewound. Rows are written as they come.
pub async fn xlsx<S>(sheet: &str, headers: &'static [&'static str], rows: S) -> ServiceResult<std::fs::File>
where
    S: Stream<Item = ServiceResult<Vec<Cell>>> + Send,
{
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Vec<Cell>>(XLSX_CHANNEL_ROWS);
    let sheet = sheet.to_owned();
    let writer = tokio::task::spawn_blocking(move || -> ServiceResult<std::fs::File> {
        let mut workbook = Workbook::new();
        let money = Format::new().set_num_format("0.00");
        let bold = Format::new().set_bold();
        let mut sheets = 0;
        let mut row = XLSX_MAX_ROWS;
        while let Some(cells) = receiver.blocking_recv() {
            // A full sheet continues on the next one, headers repeated.
            if row == XLSX_MAX_ROWS {
                sheets += 1;
                let name = if sheets == 1 { sheet.clone() } else { format!("{sheet} ({sheets})") };
                start_sheet(&mut workbook, &name, headers, &bold)?;
                row = 1;
            }
            let worksheet = workbook.worksheet_from_index(sheets - 1).map_err(xlsx_error)?;
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match cell {
                    // A string cell, never a formula, whatever it begins with.
                    Cell::Text(s) => worksheet.write_string(row, col, s).map(|_| ()),
                    Cell::Integer(n) => worksheet.write_number(row, col, *n as f64).map(|_| ()),
                    // A spreadsheet number is a double; two-place amounts
                    // survive the conversion exactly as displayed.
                    Cell::Money(m) => worksheet
                        .write_number_with_format(
                            row,
                            col,
                            m.round_dp(2).to_f64().unwrap_or_default(),
                            &money,
                        )
                        .map(|_| ()),
                    Cell::Date(d) => {
                        worksheet.write_string(row, col, d.format("%Y-%m-%d").to_string()).map(|_| ())
                    }
                    Cell::Empty => Ok(()),
                }
                .map_err(xlsx_error)?;
            }
            row += 1;
        }
        if sheets == 0 {
            start_sheet(&mut workbook, &sheet, headers, &bold)?;
        }
        let mut file = tempfile::tempfile().map_err(|e| ServiceError::Internal(format!("temp file: {e}")))?;
        workbook.save_to_writer(&mut file).map_err(xlsx_error)?;
        std::io::Seek::rewind(&mut file).map_err(|e| ServiceError::Internal(format!("temp file: {e}")))?;
        Ok(file)
    });
    let mut rows = std::pin::pin!(rows);
    let mut failure = None;
    while let Some(next) = rows.next().await {
        match next {
            Ok(cells) => {
                if sender.send(cells).await.is_err() {
                    break;
                }
            }
            Err(err) => {
                failure = Some(err);
                break;
            }
        }
    }
    drop(sender);
    let written = writer.await.map_err(|e| ServiceError::Internal(format!("spreadsheet writer: {e}")))?;
    match failure {
        Some(err) => Err(err),
        None => written,
    }
}

/// Adds a worksheet named `name` with `headers` in bold on its first row.
fn start_sheet(workbook: &mut Workbook, name: &str, headers: &[&str], bold: &Format) -> ServiceResult<()> {
    let worksheet = workbook.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
    worksheet.set_name(name).map_err(xlsx_error)?;
    for (col, header) in headers.iter().enumerate() {
        worksheet.write_string_with_format(0, col as u16, *header, bold).map_err(xlsx_error)?;
    }
    Ok(())
}

/// Byte-order mark first, so spreadsheet programs read the Chinese headers
/// as UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Rows per chunk of the CSV stream.
const CSV_CHUNK_ROWS: usize = 512;

/// The CSV of `headers` and `rows`, as a stream of chunks for an HTTP body.
pub fn csv<S>(headers: &'static [&'static str], rows: S) -> impl Stream<Item = ServiceResult<Vec<u8>>> + Send
where
    S: Stream<Item = ServiceResult<Vec<Cell>>> + Send,
{
    let head = write_csv(UTF8_BOM.to_vec(), [headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()]);
    let body = rows.chunks(CSV_CHUNK_ROWS).map(|batch| {
        let lines = batch
            .into_iter()
            .map(|row| row.map(|cells| cells.iter().map(Cell::to_text).collect::<Vec<_>>()))
            .collect::<ServiceResult<Vec<_>>>()?;
        write_csv(Vec::with_capacity(lines.len() * 160), lines)
    });
    futures::stream::once(async move { head }).chain(body)
}

fn write_csv(start: Vec<u8>, lines: impl IntoIterator<Item = Vec<String>>) -> ServiceResult<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| ServiceError::Internal(format!("csv: {e}"));
    let mut writer = ::csv::WriterBuilder::new().from_writer(start);
    for line in lines {
        writer.write_record(line).map_err(|e| failed(&e))?;
    }
    writer.into_inner().map_err(|e| failed(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_print_as_users_expect() {
        assert_eq!(Cell::Money(Decimal::new(12345, 1)).to_text(), "1234.50");
        assert_eq!(Cell::Date(NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")).to_text(), "2026-01-10");
        assert_eq!(Cell::Empty.to_text(), "");
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_gets_a_leading_quote() {
        for (raw, safe) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(neutralise_formula(raw), safe, "{raw:?}");
            assert_eq!(Cell::Text(raw.into()).to_text(), safe, "{raw:?}");
        }
        for plain in ["油封老化", "a=b", " =1", "'quoted", ""] {
            assert_eq!(neutralise_formula(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn numbers_and_dates_are_never_neutralised() {
        assert_eq!(Cell::Integer(-3).to_text(), "-3");
        assert_eq!(Cell::Money(Decimal::new(-1250, 2)).to_text(), "-12.50");
    }

    #[tokio::test]
    async fn a_formula_in_text_reaches_the_csv_as_text() {
        let rows = futures::stream::iter(vec![Ok(vec![
            Cell::Text("=HYPERLINK(\"http://x\",\"y\")".into()),
            Cell::Integer(-2),
        ])]);
        let chunks: Vec<_> = csv(&["旧件问题", "延期天数"], rows).collect().await;
        let bytes: Vec<u8> = chunks.into_iter().flat_map(|c| c.expect("chunk")).collect();
        let text = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(text, "\u{feff}旧件问题,延期天数\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-2\n");
    }

    #[tokio::test]
    async fn csv_quotes_what_needs_quoting_and_starts_with_a_bom() {
        let rows = futures::stream::iter(vec![Ok(vec![Cell::Text("a,b".into()), Cell::Integer(2)])]);
        let chunks: Vec<_> = csv(&["名称", "数量"], rows).collect().await;
        let bytes: Vec<u8> = chunks.into_iter().flat_map(|c| c.expect("chunk")).collect();
        let text = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(text, "\u{feff}名称,数量\n\"a,b\",2\n");
    }
}
