//! Tabular files, once for every reader (the roster and the Zoom reports): turning bytes into
//! text, spotting files that are not CSV text, finding the file line of a CSV record, and
//! tidying cells for rows and messages. It knows nothing of rosters or reports, so both build on
//! it and the imports point one way: `import` -> `roster` -> `tabular`.

use csv::StringRecord;

/// A problem with a file as a whole, before it is tied to a reader's error type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileProblem {
    /// 1-based line; 0 when no line applies.
    pub line: usize,
    pub message: String,
}

impl FileProblem {
    fn new(line: usize, message: String) -> Self {
        FileProblem { line, message }
    }
}

/// Turns file bytes into text, or says why they are not UTF-8 CSV text.
pub(crate) fn decode_bytes(bytes: &[u8]) -> Result<String, FileProblem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileProblem::new(
            1,
            "the file is UTF-16 text, not UTF-8 (it starts with a UTF-16 byte-order mark); \
             save it again as CSV UTF-8"
                .to_owned(),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(FileProblem::new(
            1,
            "the file is a spreadsheet workbook or zip archive, not CSV text; export it from \
             Zoom as CSV"
                .to_owned(),
        ));
    }
    // Binary files (images, PDF, old spreadsheets) nearly always hold a NUL early on.
    if let Some(at) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(nul_problem(bytes, at));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let value = bytes.get(at).copied().unwrap_or_default();
            Err(FileProblem::new(
                LineIndex::new(bytes).line_of(at),
                format!(
                    "byte {at} (0x{value:02X}) is not valid UTF-8; the file is probably in an \
                     older encoding such as Windows-1252 or Shift_JIS: save it again as CSV UTF-8"
                ),
            ))
        }
    }
}

fn nul_problem(bytes: &[u8], at: usize) -> FileProblem {
    FileProblem::new(
        LineIndex::new(bytes).line_of(at),
        format!(
            "byte {at} is a NUL character, so this is binary data, not CSV text (if the file \
             was saved as \"Unicode text\" / UTF-16, save it again as CSV UTF-8)"
        ),
    )
}

/// The text without a leading byte-order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.trim_start_matches('\u{feff}')
}

/// Says where text stops looking like a CSV file: a NUL character, or many control
/// characters or replacement characters (`�`) near the start, as in a binary file opened as
/// text.
pub(crate) fn check_is_text(text: &str) -> Result<(), FileProblem> {
    if let Some(at) = text.find('\0') {
        return Err(nul_problem(text.as_bytes(), at));
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
        return Err(FileProblem::new(
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

/// The 1-based file line of byte offsets, counting `\n`, `\r\n` and a lone `\r` as line ends.
pub(crate) struct LineIndex {
    /// Byte offset where each line after the first starts.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub(crate) fn new(text: &[u8]) -> Self {
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
    pub(crate) fn line_of(&self, at: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= at.min(self.len))
            + 1
    }

    /// The last line holding text, given the text the index was built from.
    pub(crate) fn last_line(&self, text: &str) -> usize {
        self.line_of(text.trim_end().len().saturating_sub(1))
    }
}

/// The records of a CSV text with the file line each starts on. `body` is the text after any
/// byte-order mark; lines are still counted from the start of the file.
pub(crate) fn records(body: &str) -> Result<Vec<(usize, StringRecord)>, FileProblem> {
    let index = LineIndex::new(body.as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut out = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| {
            let line = e
                .position()
                .map_or(1, |p| index.line_of(to_usize(p.byte())));
            FileProblem::new(line, format!("not readable as CSV: {e}"))
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

pub(crate) fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A record of empty cells only: a blank line, or a line of commas.
pub(crate) fn is_blank(record: &StringRecord) -> bool {
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

/// When a refused row spans several lines, adds to its reason where it ends and the likely
/// cause: a quote left open runs on to the end of the file.
pub(crate) fn note_open_quote(reason: &mut String, body: &str, line: usize, record: &StringRecord) {
    let breaks = line_breaks(record);
    if breaks > 0 {
        let last = LineIndex::new(body.as_bytes()).last_line(body);
        reason.push_str(&format!(
            " (the row runs from line {line} to line {}: check for a quote `\"` that is not \
             closed)",
            (line + breaks).min(last)
        ));
    }
}

/// A data row must have a cell for every named header column, and nothing beyond the header
/// but empty cells; and it must not be the header again. `labels` are the header cells,
/// cleaned.
pub(crate) fn check_width(labels: &[String], record: &StringRecord) -> Result<(), String> {
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
            "the row has {} fields but the header has {width} columns (is a comma in a name \
             not quoted?)",
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

/// Trimmed, with runs of whitespace and control characters (a line break inside a quoted
/// cell) made one space.
pub(crate) fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let words = text
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
pub(crate) fn looks_like_email(email: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::split_original;

    #[test]
    fn lines_count_every_kind_of_break() {
        let index = LineIndex::new(b"a\r\nb\nc\rd");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(5), 3);
        assert_eq!(index.line_of(7), 4);
    }

    #[test]
    fn original_names_split_off() {
        assert_eq!(
            split_original("Ana (Ana María López)"),
            ("Ana".to_owned(), Some("Ana María López".to_owned()))
        );
        assert_eq!(
            split_original("王 芳（Wang Fang）"),
            ("王 芳".to_owned(), Some("Wang Fang".to_owned()))
        );
        assert_eq!(split_original("(Ana)"), ("(Ana)".to_owned(), None));
        assert_eq!(
            split_original("A (B (C))"),
            ("A".to_owned(), Some("B (C)".to_owned()))
        );
        assert_eq!(split_original("A (B) C"), ("A (B) C".to_owned(), None));
    }

    #[test]
    fn header_keys_ignore_spacing_and_width() {
        assert_eq!(header_key("所要時間（分）"), header_key("所要時間 (分)"));
        assert_eq!(header_key(" Duration (Minutes)"), "duration(minutes)");
    }
}
