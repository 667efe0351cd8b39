//! Reading journal files: parsing their bytes (torn ends, versions, batch sizes, rising
//! numbers) without touching them, and the console's recovery that moves a torn end aside.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Header, JournalError, Line, Loaded, Record, Repeated, Torn, VERSION};

/// One journal file as read: its header, each record with its line, and a torn end.
pub type FileRead = (Header, Vec<(usize, Record)>, Option<Torn>);

/// Whether reading may mend a file: only the live console, which is about to append to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mend {
    /// Leave every file byte for byte as it is (review, replay, anything that only reads).
    No,
    /// Move a torn end aside to `FILE.torn` and cut the file back to its last whole action.
    TornEnds,
}

/// Reads one journal file; `None` for a journal that never got started (empty, or a torn
/// header only). A torn end is left out of the records: the last line when it has no
/// newline and is not a whole JSON object, together with the whole lines of the batch it
/// belongs to; likewise a last batch with fewer lines than its events (`n`). Every complete
/// batch before it is kept. With [`Mend::TornEnds`] the torn end is also moved to `FILE.torn`;
/// otherwise nothing is written. A newer format or a line that is not a known event is refused,
/// and the file is untouched.
pub fn read_file(path: &Path, mend: Mend) -> Result<Option<FileRead>, JournalError> {
    let name = path.display().to_string();
    let bytes = fs::read(path).map_err(|e| JournalError {
        file: name.clone(),
        line: 0,
        message: format!("cannot read the journal: {e}"),
    })?;
    if never_started(&bytes) {
        // An empty file, or a header cut off while being written (a first start on a full
        // disk): no journal yet. The console moves the torn header aside and starts afresh.
        if mend == Mend::TornEnds && !bytes.is_empty() {
            move_aside(path, &torn_path(path), &bytes, 0).map_err(|e| JournalError {
                file: name.clone(),
                line: 1,
                message: format!("cannot move the torn header aside: {e}"),
            })?;
        }
        return Ok(None);
    }
    let parsed = parse(&name, &bytes)?;
    let torn = match parsed.torn {
        Some(end) => {
            let moved_to = match mend {
                Mend::No => None,
                Mend::TornEnds => {
                    let aside = torn_path(path);
                    move_aside(path, &aside, &bytes[end.from..], end.from as u64).map_err(|e| {
                        JournalError {
                            file: name.clone(),
                            line: end.line,
                            message: format!("cannot move the torn end aside: {e}"),
                        }
                    })?;
                    Some(aside)
                }
            };
            Some(Torn {
                file: path.to_path_buf(),
                line: end.line,
                lines: end.lines,
                moved_to,
            })
        }
        None => None,
    };
    let records = parsed.lines.into_iter().zip(parsed.records).collect();
    Ok(Some((parsed.header, records, torn)))
}

/// Whether a file's bytes are a journal that never got its header written whole: nothing at
/// all, or one line without its newline that is not a complete header. Such a file holds no
/// event and is read as no journal.
fn never_started(bytes: &[u8]) -> bool {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return true;
    }
    !bytes.contains(&b'\n') && !matches!(serde_json::from_slice::<Line>(bytes), Ok(Line::Header(_)))
}

impl Torn {
    /// What happened, in words, for the footer and the shell.
    pub fn describe(&self) -> String {
        let what = if self.lines <= 1 {
            format!("line {} was cut off while being written", self.line)
        } else {
            format!(
                "lines {}-{} (one action) were cut off while being written",
                self.line,
                self.line + self.lines - 1
            )
        };
        match &self.moved_to {
            Some(aside) => format!("{what} and moved to {}", aside.display()),
            None => format!("{what}; left out, and left in the file as it is"),
        }
    }
}

/// What the bytes of one journal file hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub header: Header,
    /// The events of every complete batch, in file order.
    pub records: Vec<Record>,
    /// The line each record was read from (1-based).
    pub lines: Vec<usize>,
    /// A torn end, left out of `records`.
    pub torn: Option<TornEnd>,
}

/// Where a file's torn end starts: what reading moves aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TornEnd {
    /// The byte where the torn end starts.
    pub from: usize,
    /// Its first line (1-based).
    pub line: usize,
    /// How many lines it has, the torn one included.
    pub lines: usize,
}

/// Reads the bytes of one journal file without touching anything: the header, the records of
/// every complete batch, and the torn end, if any (see [`read_file`]).
pub fn parse(name: &str, bytes: &[u8]) -> Result<Parsed, JournalError> {
    let error = |line: usize, message: String| JournalError {
        file: name.to_string(),
        line,
        message,
    };

    // Split off a torn tail first: the bytes after the last newline, when they do not parse.
    let cut = match bytes.iter().rposition(|b| *b == b'\n') {
        Some(i) => i + 1,
        None => 0,
    };
    let tail = &bytes[cut..];
    let torn_tail = !tail.is_empty() && serde_json::from_slice::<serde_json::Value>(tail).is_err();
    let body = if torn_tail { &bytes[..cut] } else { bytes };
    let text = std::str::from_utf8(body).map_err(|e| {
        let line = body[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        error(line, "the line is not UTF-8 text".into())
    })?;

    let mut header = None;
    // Each record with the 1-based number and byte offset of its line.
    let mut records: Vec<(usize, usize, Record)> = Vec::new();
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let n = i + 1;
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| error(n, format!("not a JSON object: {e}")))?;
        let v = value.get("v").and_then(|v| v.as_u64()).unwrap_or(0);
        if v > u64::from(VERSION) {
            return Err(error(
                n,
                format!(
                    "written by a newer convene (journal format {v}; this one reads format {VERSION}): update convene to open it"
                ),
            ));
        }
        let parsed: Line = serde_json::from_value(value).map_err(|e| {
            error(
                n,
                format!("not an event this convene knows ({e}); the journal is left as it is"),
            )
        })?;
        match parsed {
            Line::Header(_) if header.is_some() => {
                return Err(error(n, "a second header line".into()));
            }
            Line::Header(h) => header = Some(h),
            Line::Event(r) => {
                if header.is_none() {
                    return Err(error(n, "an event before the header line".into()));
                }
                let repeats = |(_, _, earlier): &&(usize, usize, Record)| *earlier == r;
                if let Some((m, _, last)) = records.last()
                    && r.seq <= last.seq
                    && !records.iter().rev().any(|e| repeats(&e))
                {
                    return Err(error(
                        n,
                        format!(
                            "event {} comes after event {} (line {m}) and repeats none before it: the numbers must rise; two consoles wrote to this file at once?",
                            r.seq, last.seq
                        ),
                    ));
                }
                records.push((n, start, r));
            }
        }
    }
    let header = header.ok_or_else(|| error(1, "no header line: not a convene journal".into()))?;
    let lines_read = text.split_inclusive('\n').count();

    // The last batch is incomplete when it has fewer lines than it says it holds, or when the
    // torn tail names it as its own batch.
    let last_batch = records.last().map(|(_, _, r)| (r.batch, r.n));
    let incomplete = last_batch.and_then(|(batch, size)| {
        let first = records
            .iter()
            .rposition(|(_, _, r)| r.batch != batch)
            .map_or(0, |i| i + 1);
        let held = records.len() - first;
        let short = size.is_some_and(|size| held < size as usize);
        let torn_in_it = torn_tail && torn_batch(tail) == Some(batch);
        (short || torn_in_it).then_some(first)
    });
    let (keep, aside_from, first_line) = match incomplete {
        Some(first) => {
            let (line, start, _) = records[first];
            (first, Some(start), line)
        }
        None if torn_tail => (records.len(), Some(cut), lines_read + 1),
        None => (records.len(), None, 0),
    };
    let torn = aside_from.map(|from| TornEnd {
        from,
        line: first_line,
        lines: bytes[from..]
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
    });
    records.truncate(keep);
    let (lines, records) = records.into_iter().map(|(n, _, r)| (n, r)).unzip();
    Ok(Parsed {
        header,
        records,
        lines,
        torn,
    })
}

/// The batch number a torn event line names, when it got that far before it was cut off.
fn torn_batch(tail: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(tail);
    if !text.starts_with(r#"{"kind":"event""#) {
        return None;
    }
    let rest = &text[text.find(r#""batch":"#)? + r#""batch":"#.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    // Digits that run to the end of the tail may have been cut short themselves.
    if digits.is_empty() || digits.len() == rest.len() {
        return None;
    }
    digits.parse().ok()
}

/// Appends `moved` to the file beside the journal, then cuts the journal back to `len` bytes.
fn move_aside(path: &Path, moved_to: &Path, moved: &[u8], len: u64) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut aside = options.open(moved_to)?;
    aside.write_all(moved)?;
    if !moved.ends_with(b"\n") {
        aside.write_all(b"\n")?;
    }
    aside.sync_all()?;
    let file = OpenOptions::new().write(true).open(path)?;
    file.set_len(len)?;
    file.sync_all()
}

fn torn_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".torn");
    path.with_file_name(name)
}

/// Reads the journal files of a session (in any order) and merges their events by `seq`,
/// writing nothing: a torn end is left out and reported, and left in its file.
pub fn read(paths: &[PathBuf]) -> Result<Option<Loaded>, JournalError> {
    read_mending(paths, Mend::No)
}

/// Reads the journal files of a session the console is about to append to: as [`read`], and a
/// torn end is moved aside so that the next action starts on a line of its own.
pub fn recover(paths: &[PathBuf]) -> Result<Option<Loaded>, JournalError> {
    read_mending(paths, Mend::TornEnds)
}

fn read_mending(paths: &[PathBuf], mend: Mend) -> Result<Option<Loaded>, JournalError> {
    let mut header = None;
    let mut read: Vec<(&PathBuf, usize, Record)> = Vec::new();
    let mut torn = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        // The same file named twice is read once.
        if !seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())) {
            continue;
        }
        let Some((h, r, t)) = read_file(path, mend)? else {
            continue;
        };
        header.get_or_insert(h);
        read.extend(r.into_iter().map(|(line, record)| (path, line, record)));
        torn.extend(t);
    }
    read.sort_by_key(|(_, _, r)| r.seq);
    let mut records: Vec<Record> = Vec::with_capacity(read.len());
    let mut repeated = Vec::new();
    let mut last: Option<(&PathBuf, usize)> = None;
    for (path, line, record) in read {
        match (records.last(), last) {
            (Some(before), Some((file, at))) if before.seq == record.seq => {
                if *before != record {
                    return Err(JournalError {
                        file: path.display().to_string(),
                        line,
                        message: format!(
                            "event {} is also on {}:{at}, as another event: two consoles wrote to this journal at once; keep one of the files apart",
                            record.seq,
                            file.display()
                        ),
                    });
                }
                repeated.push(Repeated {
                    file: path.clone(),
                    line,
                    seq: record.seq,
                });
            }
            _ => {
                last = Some((path, line));
                records.push(record);
            }
        }
    }
    Ok(header.map(|header| Loaded {
        header,
        records,
        torn,
        repeated,
    }))
}
