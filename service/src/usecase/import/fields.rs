//! Cell checks shared by the kinds: each turns a cell into a value or a
//! problem of its row, reusing the rules the forms use (`rules::validate`).

use std::collections::HashMap;
use std::hash::Hash;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::reader::{Columns, Row};
use super::{Problem, ProblemCode};
use crate::error::{ServiceError, ServiceResult};

/// The problems of one row as its cells are read.
pub(super) struct RowCheck<'a> {
    pub row: &'a Row,
    pub columns: &'a Columns,
    problems: &'a mut Vec<Problem>,
    bad: bool,
}

impl<'a> RowCheck<'a> {
    pub fn new(row: &'a Row, columns: &'a Columns, problems: &'a mut Vec<Problem>) -> Self {
        Self { row, columns, problems, bad: false }
    }

    /// Whether no cell of the row has a problem so far.
    pub fn is_good(&self) -> bool {
        !self.bad
    }

    pub fn fail(&mut self, column: &'static str, code: ProblemCode, message: impl Into<String>) {
        self.bad = true;
        self.problems.push(Problem { row: self.row.number, column, code, message: message.into() });
    }

    /// The cell of `column`: `None` when the file has no such column.
    pub fn cell(&self, column: &str) -> Option<&'a str> {
        self.columns.cell(self.row, column)
    }

    /// A rule's verdict on `column`: its value, or the problem `code` with
    /// the rule's message.
    pub fn take<T>(
        &mut self,
        column: &'static str,
        code: ProblemCode,
        result: ServiceResult<T>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.fail(column, code, message(err));
                None
            }
        }
    }

    /// A required cell as text (an empty one is `REQUIRED`).
    pub fn required(&mut self, column: &'static str) -> Option<&'a str> {
        match self.cell(column) {
            Some(value) if !value.is_empty() => Some(value),
            _ => {
                self.fail(column, ProblemCode::Required, "must not be empty");
                None
            }
        }
    }

    /// An optional text cell through `rule` (a form's validation): outer
    /// `None` when the file lacks the column; `Err(())` after recording the
    /// problem.
    pub fn text(
        &mut self,
        column: &'static str,
        code: ProblemCode,
        rule: impl FnOnce(Option<&str>) -> ServiceResult<Option<String>>,
    ) -> Result<Option<Option<String>>, ()> {
        match self.cell(column) {
            None => Ok(None),
            Some(value) => self.take(column, code, rule(Some(value))).map(Some).ok_or(()),
        }
    }

    /// An optional cell parsed by `parse`: outer `None` when the file lacks
    /// the column, inner `None` when the cell is empty; `Err(())` after
    /// recording the problem.
    pub fn optional<T>(
        &mut self,
        column: &'static str,
        code: ProblemCode,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<Option<T>>, ()> {
        match self.cell(column) {
            None => Ok(None),
            Some("") => Ok(Some(None)),
            Some(value) => match parse(value) {
                Ok(parsed) => Ok(Some(Some(parsed))),
                Err(why) => {
                    self.fail(column, code, why);
                    Err(())
                }
            },
        }
    }
}

/// The message of a rule's refusal, without the field name it starts with.
fn message(err: ServiceError) -> String {
    match err {
        ServiceError::Validation { message, .. } => message,
        other => other.to_string(),
    }
}

/// A day as spreadsheets write it: `2026-03-05`, `2026/3/5`, `2026.3.5`,
/// `20260305` or `2026年3月5日`, maybe followed by a time of day.
pub(super) fn date(value: &str) -> Result<NaiveDate, String> {
    let day = value.split([' ', 'T']).next().unwrap_or(value);
    let unified: String = day
        .trim_end_matches('日')
        .chars()
        .map(|c| if matches!(c, '/' | '.' | '年' | '月') { '-' } else { c })
        .collect();
    // Eight digits are YYYYMMDD; separators tell the parts apart otherwise.
    let unified = match unified.len() {
        8 if unified.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}-{}-{}", &unified[..4], &unified[4..6], &unified[6..])
        }
        _ => unified,
    };
    NaiveDate::parse_from_str(&unified, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| format!("`{value}` is not a date (YYYY-MM-DD)"))
}

/// Yes or no: `true`/`false`, `yes`/`no`, `1`/`0`, `是`/`否`, `Y`/`N`.
pub(super) fn flag(value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" | "√" => Ok(true),
        "false" | "no" | "n" | "0" | "否" | "×" => Ok(false),
        _ => Err(format!("`{value}` is not yes or no (是/否)")),
    }
}

/// A whole number between `min` and `max`.
pub(super) fn integer(value: &str, min: i64, max: i64) -> Result<i64, String> {
    // Spreadsheets may write whole numbers as `12.0`.
    let whole = value.strip_suffix(".0").unwrap_or(value);
    match whole.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        Ok(_) => Err(format!("`{value}` must be between {min} and {max}")),
        Err(_) => Err(format!("`{value}` is not a whole number")),
    }
}

/// A decimal number (a thousands separator allowed).
pub(super) fn decimal(value: &str) -> Result<Decimal, String> {
    value.replace(',', "").parse::<Decimal>().map_err(|_| format!("`{value}` is not a number"))
}

/// Remembers the natural keys of a file's rows to flag repeats.
pub(super) struct Seen<K>(HashMap<K, usize>);

impl<K> Default for Seen<K> {
    fn default() -> Self {
        Self(HashMap::new())
    }
}

impl<K: Eq + Hash> Seen<K> {
    /// The earlier row with `key`, or `None` after noting `row` as its first.
    pub fn earlier(&mut self, key: K, row: usize) -> Option<usize> {
        match self.0.get(&key) {
            Some(first) => Some(*first),
            None => {
                self.0.insert(key, row);
                None
            }
        }
    }
}

/// A natural key or name as compared: trimmed, ASCII letters in lower case
/// (codes and serials differing only in case name the same thing).
pub(super) fn key(value: &str) -> String {
    value.trim().to_ascii_lowercase()
}

/// Records by the key their name or code has, to resolve a reference.
pub(super) struct Lookup(HashMap<String, Vec<i64>>);

/// What a reference resolves to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Found {
    One(i64),
    None,
    Several,
}

impl Lookup {
    pub fn new(entries: impl IntoIterator<Item = (String, i64)>) -> Self {
        let mut map: HashMap<String, Vec<i64>> = HashMap::new();
        for (name, id) in entries {
            map.entry(key(&name)).or_default().push(id);
        }
        Self(map)
    }

    pub fn find(&self, value: &str) -> Found {
        match self.0.get(&key(value)).map(Vec::as_slice) {
            None | Some([]) => Found::None,
            Some([id]) => Found::One(*id),
            Some(_) => Found::Several,
        }
    }
}

impl RowCheck<'_> {
    /// An optional reference in `column` to a record of `lookup`: the
    /// problem `unknown` when nothing matches, `AMBIGUOUS` when several do.
    pub fn reference(
        &mut self,
        column: &'static str,
        lookups: &[&Lookup],
        unknown: ProblemCode,
        what: &str,
    ) -> Result<Option<Option<i64>>, ()> {
        let Some(value) = self.cell(column) else { return Ok(None) };
        if value.is_empty() {
            return Ok(Some(None));
        }
        let mut several = false;
        for lookup in lookups {
            match lookup.find(value) {
                Found::One(id) => return Ok(Some(Some(id))),
                Found::Several => several = true,
                Found::None => {}
            }
        }
        if several {
            self.fail(column, ProblemCode::Ambiguous, format!("several {what}s are `{value}`"));
        } else {
            self.fail(column, unknown, format!("no {what} `{value}`"));
        }
        Err(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_the_usual_spreadsheet_spellings_and_nothing_else() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5);
        for spelling in
            ["2026-03-05", "2026/3/5", "2026.03.05", "20260305", "2026年3月5日", "2026-03-05 00:00:00"]
        {
            assert_eq!(date(spelling).ok(), day, "{spelling}");
        }
        for bad in ["2026-02-30", "05/03/2026", "yesterday", "45000", "0001-01-01"] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn flags_and_numbers_read_as_people_type_them() {
        assert_eq!(flag("是"), Ok(true));
        assert_eq!(flag("No"), Ok(false));
        assert!(flag("maybe").is_err());
        assert_eq!(integer("12.0", 0, 100), Ok(12));
        assert!(integer("-1", 0, 100).is_err());
        assert!(integer("1.5", 0, 100).is_err());
        assert_eq!(decimal("1,250.50"), Ok(Decimal::new(125_050, 2)));
    }

    #[test]
    fn a_key_seen_before_gives_the_row_it_was_first_seen_on() {
        let mut seen = Seen::default();
        assert_eq!(seen.earlier(key("SN-1"), 2), None);
        assert_eq!(seen.earlier(key("sn-1 "), 7), Some(2));
    }

    #[test]
    fn a_lookup_tells_one_from_none_and_from_several() {
        let lookup = Lookup::new([("ACME".to_owned(), 1), ("Beta".to_owned(), 2), ("beta".to_owned(), 3)]);
        assert_eq!(lookup.find("acme"), Found::One(1));
        assert_eq!(lookup.find("gamma"), Found::None);
        assert_eq!(lookup.find("BETA"), Found::Several);
    }
}
