//! Reads an uploaded spreadsheet into rows of text: XLSX (the first sheet)
//! or CSV (UTF-8, comma separated), told apart by content — an XLSX file
//! is a zip archive and starts with `PK\x03\x04` whatever it is called.
//! Header names are matched to a kind's columns by their English name or
//! a Chinese alias, so the exports' files and hand-made sheets both read.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::{Duration, NaiveDate};

use crate::error::{ServiceError, ServiceResult};

/// The zip signature every XLSX file starts with.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// One data row: its number as a spreadsheet shows it (the header is row
/// 1) and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// A file's header and data rows; blank rows are left out.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// A column a kind reads: its English name (as the exports and the API
/// name it) and the other headers accepted for it.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub aliases: &'static [&'static str],
}

/// Where each of a kind's columns is in a file.
#[derive(Debug, Default)]
pub struct Columns {
    at: HashMap<&'static str, usize>,
}

impl Columns {
    /// Whether the file has the column at all (an absent optional column
    /// leaves existing values alone; an empty cell clears them).
    pub fn has(&self, name: &str) -> bool {
        self.at.contains_key(name)
    }

    /// The cell of column `name` in `row`, trimmed; `None` when the file has
    /// no such column, `""` when the cell is empty.
    pub fn cell<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        let index = *self.at.get(name)?;
        Some(row.cells.get(index).map_or("", |c| c.trim()))
    }
}

/// A header as compared: lower case, without spaces, `_`, `-` or a
/// trailing `*` (the mark of a required column in templates), full-width
/// brackets as ASCII ones.
fn normalized(header: &str) -> String {
    header
        .trim()
        .trim_end_matches('*')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Finds `columns` in `header`. A required column missing, or two headers
/// naming the same column, is `VALIDATION` on `file`; headers of no column
/// are ignored (an export may carry more than an import reads).
pub fn locate(header: &[String], columns: &'static [Column]) -> ServiceResult<Columns> {
    let mut at = HashMap::new();
    for (index, raw) in header.iter().enumerate() {
        let name = normalized(raw);
        if name.is_empty() {
            continue;
        }
        let found = columns
            .iter()
            .find(|c| normalized(c.name) == name || c.aliases.iter().any(|a| normalized(a) == name));
        if let Some(column) = found
            && at.insert(column.name, index).is_some()
        {
            return Err(ServiceError::validation(
                "file",
                format!("two columns are `{}` (the second is `{raw}`)", column.name),
            ));
        }
    }
    let missing: Vec<String> = columns
        .iter()
        .filter(|c| c.required && !at.contains_key(c.name))
        .map(|c| match c.aliases.first() {
            Some(alias) => format!("{} ({alias})", c.name),
            None => c.name.to_owned(),
        })
        .collect();
    if !missing.is_empty() {
        return Err(ServiceError::validation("file", format!("missing columns: {}", missing.join(", "))));
    }
    Ok(Columns { at })
}

/// Reads `bytes` as XLSX or CSV, refusing more than `max_rows` data rows.
pub fn read(bytes: &[u8], max_rows: usize) -> ServiceResult<Sheet> {
    let sheet =
        if bytes.starts_with(ZIP_MAGIC) { read_xlsx(bytes, max_rows)? } else { read_csv(bytes, max_rows)? };
    if sheet.header.iter().all(|h| h.trim().is_empty()) {
        return Err(ServiceError::validation(
            "file",
            "the file is empty: the first row must name the columns",
        ));
    }
    Ok(sheet)
}

fn too_many(max_rows: usize) -> ServiceError {
    ServiceError::validation("file", format!("has more than {max_rows} rows; split it into several files"))
}

fn push_row(sheet: &mut Sheet, number: usize, cells: Vec<String>, max_rows: usize) -> ServiceResult<()> {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return Ok(());
    }
    if sheet.rows.len() >= max_rows {
        return Err(too_many(max_rows));
    }
    sheet.rows.push(Row { number, cells });
    Ok(())
}

fn read_csv(bytes: &[u8], max_rows: usize) -> ServiceResult<Sheet> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut sheet = Sheet::default();
    let mut record = csv::StringRecord::new();
    let mut number = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => return Err(csv_error(&err)),
        }
        number += 1;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if number == 1 {
            sheet.header = cells;
        } else {
            push_row(&mut sheet, number, cells, max_rows)?;
        }
    }
    Ok(sheet)
}

fn csv_error(err: &csv::Error) -> ServiceError {
    let line = err.position().map(|p| format!(" (line {})", p.line())).unwrap_or_default();
    match err.kind() {
        csv::ErrorKind::Utf8 { .. } => ServiceError::validation(
            "file",
            format!("is neither XLSX nor UTF-8 CSV{line}: save it as XLSX or \"CSV UTF-8\""),
        ),
        _ => ServiceError::validation("file", format!("cannot be read as CSV{line}: {err}")),
    }
}

fn read_xlsx(bytes: &[u8], max_rows: usize) -> ServiceResult<Sheet> {
    let unreadable =
        |err: calamine::Error| ServiceError::validation("file", format!("cannot be read as XLSX: {err}"));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| ServiceError::validation("file", "the workbook has no sheet"))?
        .map_err(unreadable)?;
    // Rows are numbered as the spreadsheet shows them, wherever the used
    // range starts.
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut sheet = Sheet::default();
    for (offset, cells) in range.rows().enumerate() {
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        let number = first_row + offset + 1;
        if offset == 0 {
            sheet.header = cells;
        } else {
            push_row(&mut sheet, number, cells, max_rows)?;
        }
    }
    Ok(sheet)
}

/// A cell as the text a CSV of the same sheet would hold: dates as
/// `YYYY-MM-DD`, whole numbers without a fraction.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(when) => {
            excel_day(when.as_f64()).map_or_else(|| when.as_f64().to_string(), |d| d.to_string())
        }
        Data::Error(err) => format!("#{err:?}"),
    }
}

/// The day of an Excel serial date (days since 1899-12-30, the 1900 leap
/// year bug included).
fn excel_day(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column { name: "serialNumber", required: true, aliases: &["序列号", "设备编号"] },
        Column { name: "invoiceDate", required: false, aliases: &["开票日期", "发票日期"] },
    ];

    #[test]
    fn headers_match_by_english_name_in_any_spelling_or_by_chinese_alias() {
        let header: Vec<String> = ["Serial Number", "发票日期", "备注"].map(String::from).into();
        let columns = locate(&header, COLUMNS).expect("located");
        let row = Row { number: 2, cells: vec![" A1 ".into(), String::new()] };
        assert_eq!(columns.cell(&row, "serialNumber"), Some("A1"));
        assert_eq!(columns.cell(&row, "invoiceDate"), Some(""), "a short row reads as empty cells");
        let header: Vec<String> = ["设备编号*", "serial_number"].map(String::from).into();
        assert!(locate(&header, COLUMNS).is_err(), "two headers for one column");
    }

    #[test]
    fn a_missing_required_column_names_it_with_its_chinese_header() {
        let header: Vec<String> = vec!["开票日期".into()];
        let err = locate(&header, COLUMNS).expect_err("serial missing");
        assert!(err.to_string().contains("serialNumber (序列号)"), "{err}");
    }

    #[test]
    fn csv_rows_keep_their_spreadsheet_numbers_and_skip_blank_lines() {
        let sheet = read("\u{feff}序列号,开票日期\nA1,2026-01-02\n,\nA2,\n".as_bytes(), 10).expect("read");
        assert_eq!(sheet.header, ["序列号", "开票日期"]);
        assert_eq!(sheet.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 4]);
        assert!(read(b"a\n1\n2\n3\n", 2).is_err(), "more rows than allowed");
        assert!(read(b"\xB2\xE2\xCA\xD4\n1\n", 2).is_err(), "GBK is not UTF-8");
    }

    #[test]
    fn xlsx_cells_read_as_the_csv_of_the_same_sheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 5).expect("date");
        let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        sheet.write(0, 0, "序列号").expect("write");
        sheet.write(0, 1, "开票日期").expect("write");
        sheet.write(1, 0, 12345).expect("write");
        sheet.write_datetime_with_format(1, 1, &date, &format).expect("write");
        let bytes = book.save_to_buffer().expect("saved");
        let sheet = read(&bytes, 10).expect("read");
        assert_eq!(sheet.rows, [Row { number: 2, cells: vec!["12345".into(), "2026-03-05".into()] }]);
    }
}
