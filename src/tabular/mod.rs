//! Tabular files, once for every reader (the roster and the Zoom reports) and writer (in
//! `write`: every CSV convene writes, its cells never starting a formula): reading a file,
//! turning its bytes into text, spotting files that are not CSV text, finding the file line of
//! each CSV record, saying what is wrong with a file ([`FileError`]) or with one of its rows
//! ([`Refused`]), and tidying cells for rows and messages (in `cells`). It knows nothing of
//! rosters or reports, so both build on it and the imports point one way: `import` ->
//! `roster` -> `tabular`.

mod cells;
mod write;

use std::fmt;
use std::path::Path;

use csv::StringRecord;

pub(crate) use cells::{Header, Problems, clean_text, email_cell, header_key, list_labels, quote};
pub(crate) use write::{Ends, csv_text, restore};
pub use write::{FORMULA_STARTS, neutralise};

/// A problem with a file as a whole: it cannot be read, it is not CSV text, or it lacks what
/// the reader needs (a header, say). A row that cannot be read is no error but a [`Refused`]
/// row, and the other rows are still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file's path, or the name it was given for messages.
    pub file: String,
    /// 1-based line; 0 when the problem is not tied to a line (the file cannot be read).
    pub line: usize,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    pub message: String,
}

impl FileError {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        FileError {
            file: file.to_owned(),
            line,
            column: None,
            message: message.into(),
        }
    }

    /// The same problem, tied to a column.
    pub(crate) fn in_column(self, column: impl Into<String>) -> Self {
        FileError {
            column: Some(column.into()),
            ..self
        }
    }
}

impl fmt::Display for FileError {
    /// ``file:line: column `name`: message``; without the line when it is 0, and without the
    /// column when none is concerned.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: ", self.file)?;
        } else {
            write!(f, "{}:{}: ", self.file, self.line)?;
        }
        if let Some(column) = &self.column {
            write!(f, "column `{column}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileError {}

/// A row that was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// 1-based file line where the row starts.
    pub line: usize,
    /// Why, naming the column when one is at fault: ``column `email`: "abc" is not an email
    /// address``. Several problems in one row are joined with `; `.
    pub reason: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Reads a file, turns its bytes into text, and reads that with `read`, which is given the
/// file's name for messages (its path as shown) and the text. `what` names the file in the
/// message when it cannot be read (`the roster file`).
pub(crate) fn load<T>(
    path: &Path,
    what: &str,
    read: impl FnOnce(&str, &str) -> Result<T, FileError>,
) -> Result<T, FileError> {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => read(&file, &decode(&file, &bytes)?),
        Err(e) => Err(FileError::new(&file, 0, format!("cannot read {what}: {e}"))),
    }
}

/// Turns the bytes of a CSV file into text, or says where they stop being UTF-8 (or that they
/// are UTF-16, a spreadsheet workbook, or binary data). `file_name` is used in messages only.
pub fn decode(file_name: &str, bytes: &[u8]) -> Result<String, FileError> {
    let error = |line: usize, message: String| FileError::new(file_name, line, message);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(error(
            1,
            "the file is UTF-16 text, not UTF-8 (it starts with a UTF-16 byte-order mark); \
             save it again as CSV UTF-8"
                .to_owned(),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(error(
            1,
            "the file is a spreadsheet workbook or zip archive, not CSV text; export it from \
             Zoom as CSV"
                .to_owned(),
        ));
    }
    // Binary files (images, PDF, old spreadsheets) nearly always hold a NUL early on.
    if let Some(at) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(nul_error(file_name, bytes, at));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let value = bytes.get(at).copied().unwrap_or_default();
            Err(error(
                LineIndex::new(bytes).line_of(at),
                format!(
                    "byte {at} (0x{value:02X}) is not valid UTF-8; the file is probably in an \
                     older encoding such as Windows-1252 or Shift_JIS: save it again as CSV UTF-8"
                ),
            ))
        }
    }
}

fn nul_error(file: &str, bytes: &[u8], at: usize) -> FileError {
    FileError::new(
        file,
        LineIndex::new(bytes).line_of(at),
        format!(
            "byte {at} is a NUL character, so this is binary data, not CSV text (if the file \
             was saved as \"Unicode text\" / UTF-16, save it again as CSV UTF-8)"
        ),
    )
}

/// Says where text stops looking like a CSV file: a NUL character, or many control
/// characters or replacement characters (`�`) near the start, as in a binary file opened as
/// text.
fn check_is_text(file: &str, text: &str) -> Result<(), FileError> {
    if let Some(at) = text.find('\0') {
        return Err(nul_error(file, text.as_bytes(), at));
    }
    const SAMPLE: usize = 4096;
    let mut total = 0usize;
    let mut odd = 0usize;
    let mut first_odd = None;
    for (at, c) in text.char_indices().take(SAMPLE) {
        total += 1;
        if is_binary_char(c) {
            odd += 1;
            first_odd.get_or_insert((at, c));
        }
    }
    // A stray control character can come from a pasted name; binary data has many.
    if let Some((at, c)) = first_odd
        && odd >= 3
        && odd * 20 > total
    {
        return Err(FileError::new(
            file,
            LineIndex::new(text.as_bytes()).line_of(at),
            format!(
                "the file holds binary data, not CSV text ({odd} control or unreadable \
                 characters in its first {total}, the first U+{:04X} at byte {at}); is this \
                 the right file?",
                u32::from(c)
            ),
        ));
    }
    Ok(())
}

fn is_binary_char(c: char) -> bool {
    c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// `,` unless the first line holding text has no comma but has `;` (spreadsheets in locales
/// with a decimal comma) or tabs.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if commas > 0 {
        b','
    } else if semicolons > 0 && semicolons >= tabs {
        b';'
    } else if tabs > 0 {
        b'\t'
    } else {
        b','
    }
}

/// A row of a table: the file line it starts on, and its cells.
pub(crate) type Row = (usize, StringRecord);

/// The rows of a CSV text that hold something: blank lines and rows of empty cells are left
/// out. There is always a first row.
pub(crate) struct Table<'t> {
    /// The text after any byte-order mark.
    body: &'t str,
    /// The lines of `body`, found once when a refused row first needs them.
    lines: std::cell::OnceCell<LineIndex>,
    pub first: Row,
    /// The rows after the first.
    pub rest: Vec<Row>,
}

impl<'t> Table<'t> {
    /// Reads a CSV text whose cells are separated by `delimiter`; `file` is used in messages
    /// only. A byte-order mark is skipped. Text that is not CSV, an empty file, or one of
    /// empty cells only is an error; `expected` ends the message for the last two (`its first
    /// line must be the header: …`).
    pub(crate) fn read(
        file: &str,
        text: &'t str,
        delimiter: u8,
        expected: &str,
    ) -> Result<Table<'t>, FileError> {
        let body = text.trim_start_matches('\u{feff}');
        check_is_text(file, text)?;
        if body.trim().is_empty() {
            return Err(FileError::new(
                file,
                1,
                format!("the file is empty; {expected}"),
            ));
        }
        let mut rows = records(file, body, delimiter)?
            .into_iter()
            .filter(|(_, record)| !is_blank(record));
        let Some(first) = rows.next() else {
            return Err(FileError::new(
                file,
                1,
                format!("the file has only empty cells; {expected}"),
            ));
        };
        Ok(Table {
            body,
            lines: std::cell::OnceCell::new(),
            first,
            rest: rows.collect(),
        })
    }

    /// Every row, the first included, in file order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &Row> {
        std::iter::once(&self.first).chain(&self.rest)
    }

    /// Reads each of `rows` with `read`: what it reads is kept with the row's line, and a row
    /// it cannot read is refused with its reason, to which is added where the row ends when
    /// it runs over several lines (a quote left open runs on to the end of the file).
    pub(crate) fn read_each<'r, T>(
        &self,
        rows: impl IntoIterator<Item = &'r Row>,
        mut read: impl FnMut(usize, &StringRecord) -> Result<T, String>,
    ) -> (Vec<(usize, T)>, Vec<Refused>) {
        let mut kept = Vec::new();
        let mut refused = Vec::new();
        for (line, record) in rows {
            match read(*line, record) {
                Ok(value) => kept.push((*line, value)),
                Err(mut reason) => {
                    self.note_open_quote(&mut reason, *line, record);
                    refused.push(Refused {
                        line: *line,
                        reason,
                    });
                }
            }
        }
        (kept, refused)
    }

    /// When a refused row spans several lines, adds to its reason where it ends and the
    /// likely cause.
    fn note_open_quote(&self, reason: &mut String, line: usize, record: &StringRecord) {
        let breaks = line_breaks(record);
        if breaks > 0 {
            let lines = self
                .lines
                .get_or_init(|| LineIndex::new(self.body.as_bytes()));
            let last = lines.last_line(self.body);
            reason.push_str(&format!(
                " (the row runs from line {line} to line {}: check for a quote `\"` that is \
                 not closed)",
                (line + breaks).min(last)
            ));
        }
    }
}

/// The 1-based file line of byte offsets, counting `\n`, `\r\n` and a lone `\r` as line ends.
struct LineIndex {
    /// Byte offset where each line after the first starts.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    fn new(text: &[u8]) -> Self {
        let mut starts = Vec::new();
        let mut at = 0;
        while let Some(&b) = text.get(at) {
            match b {
                b'\r' if text.get(at + 1) == Some(&b'\n') => {
                    starts.push(at + 2);
                    at += 2;
                }
                b'\r' | b'\n' => {
                    starts.push(at + 1);
                    at += 1;
                }
                _ => at += 1,
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The line holding byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= at.min(self.len))
            + 1
    }

    /// The last line holding text, given the text the index was built from.
    fn last_line(&self, text: &str) -> usize {
        self.line_of(text.trim_end().len().saturating_sub(1))
    }
}

/// The records of a CSV text with the file line each starts on. `body` is the text after any
/// byte-order mark; lines are still counted from the start of the file.
fn records(file: &str, body: &str, delimiter: u8) -> Result<Vec<Row>, FileError> {
    let index = LineIndex::new(body.as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut out = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| {
            let line = e
                .position()
                .map_or(1, |p| index.line_of(to_usize(p.byte())));
            FileError::new(file, line, format!("not readable as CSV: {e}"))
        })?;
        let mut start = record.position().map_or(0, |p| to_usize(p.byte()));
        // The reader notes where it started reading, before the empty lines it skipped.
        while matches!(body.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        out.push((index.line_of(start), record));
    }
    Ok(out)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A record of empty cells only: a blank line, or a line of commas.
fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

/// How many line breaks a record's cells hold (a quote left open runs over several lines).
fn line_breaks(record: &StringRecord) -> usize {
    record
        .iter()
        .map(|cell| {
            cell.replace("\r\n", "\n")
                .chars()
                .filter(|c| matches!(c, '\n' | '\r'))
                .count()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_every_kind_of_break() {
        let index = LineIndex::new(b"a\r\nb\nc\rd");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(5), 3);
        assert_eq!(index.line_of(7), 4);
    }

    #[test]
    fn header_keys_ignore_spacing_and_width() {
        assert_eq!(header_key("所要時間（分）"), header_key("所要時間 (分)"));
        assert_eq!(header_key(" Duration (Minutes)"), "duration(minutes)");
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let error = FileError::new("roster.csv", 7, "appears twice in the header");
        assert_eq!(
            error.clone().in_column("email").to_string(),
            "roster.csv:7: column `email`: appears twice in the header"
        );
        assert_eq!(
            FileError { line: 0, ..error }.to_string(),
            "roster.csv: appears twice in the header"
        );
    }
}
