//! Cells: the header of a table, tidying cells for rows and messages, and what is wrong with
//! a row.

use std::fmt;

use csv::StringRecord;

/// The header of a table: its cells, cleaned, as written.
pub(crate) struct Header {
    labels: Vec<String>,
}

impl Header {
    pub(crate) fn new(record: &StringRecord) -> Header {
        Header {
            labels: record
                .iter()
                .map(|cell| clean_text(cell.trim_start_matches('\u{feff}')))
                .collect(),
        }
    }

    /// The header cells, in file order.
    pub(crate) fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The header cell of column `at` (0-based); empty when there is none.
    pub(crate) fn label(&self, at: usize) -> &str {
        self.labels.get(at).map_or("", String::as_str)
    }

    /// The header cells for a message, as [`list_labels`] writes them.
    pub(crate) fn listed(&self) -> String {
        list_labels(self.labels.iter().map(String::as_str))
    }

    /// A data row must have a cell for every named header column, and nothing beyond the
    /// header but empty cells (header cells left empty at the end, a stray trailing comma,
    /// need no cell); and it must not be the header again.
    pub(crate) fn check_width(&self, record: &StringRecord) -> Result<(), String> {
        let labels = &self.labels;
        let width = labels.len();
        let needed = labels
            .iter()
            .rposition(|label| !label.is_empty())
            .map_or(0, |at| at + 1);
        if record.len() < needed {
            let missing: Vec<&str> = labels
                .get(record.len()..needed)
                .unwrap_or_default()
                .iter()
                .map(String::as_str)
                .filter(|label| !label.is_empty())
                .collect();
            let what = match missing.as_slice() {
                [one] => format!("column `{one}` is missing"),
                [first, .., last] => format!("columns `{first}` to `{last}` are missing"),
                [] => "columns are missing".to_owned(),
            };
            return Err(format!(
                "the row has {} fields but the header has {needed} columns: {what}",
                record.len()
            ));
        }
        if record
            .iter()
            .skip(width)
            .any(|cell| !cell.trim().is_empty())
        {
            return Err(format!(
                "the row has {} fields but the header has {width} columns (is a comma in a \
                 name not quoted?)",
                record.len()
            ));
        }
        if record
            .iter()
            .zip(labels)
            .all(|(cell, label)| clean_text(cell).eq_ignore_ascii_case(label))
        {
            return Err("the row repeats the header line".to_owned());
        }
        Ok(())
    }

    /// The cells of a row (of the header's width, see [`Header::check_width`]) in the columns
    /// for which `known` is false, cleaned, with their header cell: (header cell, value). A
    /// column without a heading (often a stray trailing comma) is kept as `column N` (1-based),
    /// and only where it holds something.
    pub(crate) fn other_cells(
        &self,
        record: &StringRecord,
        known: impl Fn(usize) -> bool,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (at, label) in self.labels.iter().enumerate() {
            if known(at) {
                continue;
            }
            let value = clean_text(record.get(at).unwrap_or_default());
            if !label.is_empty() {
                out.push((label.clone(), value));
            } else if !value.is_empty() {
                out.push((format!("column {}", at + 1), value));
            }
        }
        out
    }
}

/// What is wrong with one row, column by column.
#[derive(Default)]
pub(crate) struct Problems {
    found: Vec<String>,
}

impl Problems {
    /// Notes a problem with the cell of the column headed `label`.
    pub(crate) fn add(&mut self, label: &str, message: impl fmt::Display) {
        self.found.push(format!("column `{label}`: {message}"));
    }

    /// Nothing wrong, or the problems in the order noted, joined with `; `.
    pub(crate) fn check(self) -> Result<(), String> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(self.found.join("; "))
        }
    }
}

/// An email cell: `None` when it is empty, the address lowercased when it looks like one
/// (see [`looks_like_email`]), else why not.
///
/// An address that starts with a character a spreadsheet reads as a formula (`=1+2@x.org`,
/// `-x@x.org`) is refused: it would be written to Zoom's file with a quote in front, which
/// Zoom would not match. A roster cell convene wrote with a quote in front of a formula is
/// read without it (see [`super::restore`]), so such an address is refused as well.
pub(crate) fn email_cell(cell: &str) -> Result<Option<String>, String> {
    let raw = cell.trim();
    let email = super::restore(raw).to_lowercase();
    if email.is_empty() {
        Ok(None)
    } else if let Some(first) = email
        .chars()
        .next()
        .filter(|c| super::FORMULA_STARTS.contains(c))
    {
        Err(format!(
            "{} is not an email address (it starts with `{first}`, which a spreadsheet reads \
             as a formula)",
            quote(raw)
        ))
    } else if looks_like_email(&email) {
        Ok(Some(email))
    } else {
        Err(format!("{} is not an email address", quote(raw)))
    }
}

/// Trimmed, with runs of whitespace and control characters (a line break inside a quoted
/// cell) made one space; a quote convene put in front of a formula when it wrote the cell
/// is taken off (see [`super::restore`]).
pub(crate) fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let words = super::restore(text.trim_start())
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty());
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A header cell reduced for comparing: lowercased, without whitespace or invisible marks,
/// full-width parentheses made ASCII (`所要時間（分）` and `所要時間 (分)` give the same key).
pub(crate) fn header_key(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !is_invisible(*c))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    )
}

/// An address with one `@`, text before it, and a domain of at least two dot-separated
/// parts; no spaces, quotes or list separators anywhere.
fn looks_like_email(email: &str) -> bool {
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || ",;<>\"@".contains(c);
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let mut parts = 0;
    for part in domain.split('.') {
        if part.is_empty() || part.chars().any(forbidden) {
            return false;
        }
        parts += 1;
    }
    parts >= 2 && !local.is_empty() && !local.chars().any(forbidden)
}

/// A cell value for a message: in double quotes, on one line, cut after 60 characters.
pub(crate) fn quote(text: &str) -> String {
    const LONGEST: usize = 60;
    let shown: String = text
        .chars()
        .take(LONGEST)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cut = if text.chars().nth(LONGEST).is_some() {
        "…"
    } else {
        ""
    };
    format!("\"{shown}{cut}\"")
}

/// Header cells for a message, each in backquotes; long cells are cut, and after twelve the
/// rest are counted.
pub(crate) fn list_labels<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 12;
    let mut out = Vec::new();
    let mut hidden = 0usize;
    for label in labels {
        if out.len() == SHOWN {
            hidden += 1;
            continue;
        }
        let label = clean_text(label);
        out.push(if label.is_empty() {
            "(no name)".to_owned()
        } else {
            format!("`{}`", quote(&label).trim_matches('"'))
        });
    }
    if hidden > 0 {
        out.push(format!("and {hidden} more"));
    }
    out.join(", ")
}
