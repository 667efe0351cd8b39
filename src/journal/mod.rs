//! The session journal: every event, one JSON object per line, appended in order and synced to
//! disk before the screen shows it as done. Replaying a journal rebuilds the session exactly.
//!
//! A journal file starts with a header line that carries the programme it was written for, so a
//! journal can be replayed and reviewed on its own:
//!
//! ```text
//! {"kind":"header","v":2,"created":"2021-11-08T12:55:00+07:00","source":"…","programme":{…}}
//! {"kind":"event","v":2,"seq":1,"batch":0,"at":"2021-11-08T13:00:00+07:00","by":"lead","n":1,"event":{"type":"block_started",…}}
//! ```
//!
//! `seq` numbers events across all the files of a session; `batch` groups the events of one
//! action (an undo names the batch it takes back). `at` and `by` stamp the event: when, and
//! who did it (`clock` for a countdown crossing a threshold).
//!
//! Format 1 wrote `at` a second time inside each event and had no `by`; it still reads (its
//! events are taken as the lead's), and a console that resumes it appends format 2 lines.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::core::{Event, Stamped, State, Who};
use crate::programme::{self, Programme, Workshop};

/// The newest journal format this build reads and writes.
pub const VERSION: u32 = 2;

/// One line of a journal file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Line {
    Header(Header),
    Event(Record),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub v: u32,
    pub created: DateTime<FixedOffset>,
    /// Where the programme was loaded from.
    pub source: String,
    pub programme: Programme,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub v: u32,
    pub seq: u64,
    pub batch: u64,
    /// When it was written, in the workshop's time zone.
    pub at: DateTime<FixedOffset>,
    /// How many events the batch holds (written on every line since the count was added; older
    /// journals lack it). A batch with fewer lines than this was cut off while being written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Who did it (format 1 had no `by`: its events are the lead's).
    #[serde(default)]
    pub by: Who,
    pub event: Event,
}

impl Record {
    /// The event with its stamp, as the state applies it.
    pub fn stamped(&self) -> Stamped {
        Stamped::new(self.at.to_utc(), self.by.clone(), self.event.clone())
    }
}

/// A torn end, found on reading and moved aside: the torn last line, together with the whole
/// lines of the action it belonged to, so that no half of an action is ever replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Torn {
    pub file: PathBuf,
    /// The first line moved aside (1-based).
    pub line: usize,
    /// How many lines it has, the torn one included.
    pub lines: usize,
    /// Where it was moved; `None` when it was only read, and left in the file.
    pub moved_to: Option<PathBuf>,
}

/// What was read from a session's journal files.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub header: Header,
    /// Every event of every file, in `seq` order, each once.
    pub records: Vec<Record>,
    pub torn: Vec<Torn>,
    /// Lines that repeat an event already read (the same file given twice, a copy, a line
    /// written twice): left out, never applied twice.
    pub repeated: Vec<Repeated>,
}

/// A line that repeats, word for word, an event read before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    pub file: PathBuf,
    pub line: usize,
    pub seq: u64,
}

impl Repeated {
    pub fn describe(&self) -> String {
        format!(
            "{}:{}: event {} read already, left out",
            self.file.display(),
            self.line,
            self.seq
        )
    }
}

impl Loaded {
    /// The workshop the journal was written for.
    pub fn workshop(&self) -> Result<Workshop, JournalError> {
        let text = serde_json::to_string(&self.header.programme).map_err(|e| JournalError {
            file: self.header.source.clone(),
            line: 1,
            message: format!("the programme in the journal cannot be written back: {e}"),
        })?;
        programme::parse(&self.header.source, &text).map_err(|e| JournalError {
            file: self.header.source.clone(),
            line: 1,
            message: format!("the programme in the journal is not valid: {e}"),
        })
    }

    /// The session as the journal leaves it.
    pub fn replay(&self, workshop: Arc<Workshop>) -> State {
        replay(workshop, &self.records)
    }

    pub fn next_seq(&self) -> u64 {
        self.records.last().map_or(1, |r| r.seq + 1)
    }

    pub fn next_batch(&self) -> u64 {
        self.records.last().map_or(0, |r| r.batch + 1)
    }
}

/// Folds the records into a state, batch by batch, exactly as they were applied live.
pub fn replay(workshop: Arc<Workshop>, records: &[Record]) -> State {
    let mut state = State::new(workshop);
    for batch in batches(records) {
        let events: Vec<Stamped> = batch.iter().map(Record::stamped).collect();
        state.apply_batch(&events);
    }
    state
}

/// The records grouped as they were written: one slice per action.
pub fn batches(records: &[Record]) -> impl Iterator<Item = &[Record]> {
    records.chunk_by(|a, b| a.batch == b.batch)
}

/// Something wrong with a journal file; the file is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalError {
    pub file: String,
    /// 1-based line; 0 for the file as a whole.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for JournalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for JournalError {}

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

fn ends_with_newline(path: &Path, len: u64) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
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

/// The journal files of a session kept in a folder: `day-1.jsonl`, `day-2.jsonl`, …
pub fn day_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(u32, PathBuf)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let n = name
                .strip_prefix("day-")?
                .strip_suffix(".jsonl")?
                .parse()
                .ok()?;
            Some((n, entry.path()))
        })
        .collect();
    files.sort();
    files.into_iter().map(|(_, p)| p).collect()
}

/// Where a workshop's journals live by default: a folder per workshop under the user's data
/// directory, with a file per day.
pub fn default_dir(workshop: &Workshop) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "convene", "convene")?;
    Some(dirs.data_dir().join("journals").join(folder(workshop)))
}

/// The name of a workshop's journal folder: the programme's `id` when it has one, so that an
/// edited title still finds the session; else, as before ids, the [`slug`] of its title.
pub fn folder(workshop: &Workshop) -> String {
    match &workshop.programme.id {
        Some(id) => id.clone(),
        None => slug(workshop),
    }
}

/// `training-of-trainers-on-localizing-the-sdgs-through-2021-11-08`.
pub fn slug(workshop: &Workshop) -> String {
    let mut words: Vec<String> = workshop
        .programme
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.truncate(8);
    if let Some(first) = workshop.days().first() {
        words.push(first.date.to_string());
    }
    words.join("-")
}

/// Turns a session into journal lines: the header, then each batch of events with its
/// sequence and batch numbers. Pure; [`Writer`] puts its bytes in a file.
#[derive(Debug, Clone)]
pub struct Encoder {
    tz: Tz,
    next_seq: u64,
    next_batch: u64,
}

impl Encoder {
    pub fn new(workshop: &Workshop, next_seq: u64, next_batch: u64) -> Encoder {
        Encoder {
            tz: workshop.tz,
            next_seq,
            next_batch,
        }
    }

    /// The header line of a new journal file for `workshop`.
    pub fn header(workshop: &Workshop, now: DateTime<Utc>) -> io::Result<Vec<u8>> {
        let header = Line::Header(Header {
            v: VERSION,
            created: now.with_timezone(&workshop.tz).fixed_offset(),
            source: workshop.source_name.clone(),
            programme: workshop.programme.clone(),
        });
        let mut line = serde_json::to_vec(&header).map_err(io::Error::other)?;
        line.push(b'\n');
        Ok(line)
    }

    /// The lines of one batch; the numbers move on only when `commit` says it was written.
    pub fn batch(&self, events: &[Stamped]) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        for (i, stamped) in events.iter().enumerate() {
            let record = Line::Event(Record {
                v: VERSION,
                seq: self.next_seq + i as u64,
                batch: self.next_batch,
                at: stamped.at.with_timezone(&self.tz).fixed_offset(),
                n: u32::try_from(events.len()).ok(),
                by: stamped.by.clone(),
                event: stamped.event.clone(),
            });
            serde_json::to_writer(&mut bytes, &record).map_err(io::Error::other)?;
            bytes.push(b'\n');
        }
        Ok(bytes)
    }

    /// Counts a batch of `events` events as written.
    pub fn commit(&mut self, events: usize) {
        self.next_seq += events as u64;
        self.next_batch += 1;
    }
}

/// A journal folder held by the one console that writes in it, for as long as that console
/// runs: a lock file, `convene.lock`, locked exclusively (the operating system lets go of it
/// when the process ends, however it ends). Readers (`review`, `replay`) take no lock.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    pub const FILE: &'static str = "convene.lock";

    /// Takes the folder, or says that another console has it.
    pub fn take(dir: &Path) -> Result<FolderLock, JournalError> {
        let failed = |message: String| JournalError {
            file: dir.display().to_string(),
            line: 0,
            message,
        };
        fs::create_dir_all(dir).map_err(|e| failed(format!("cannot create the folder: {e}")))?;
        let path = dir.join(Self::FILE);
        let mut options = OpenOptions::new();
        options.create(true).read(true).write(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(&path)
            .map_err(|e| failed(format!("cannot open {}: {e}", path.display())))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                let holder = holder.trim();
                let who = if holder.is_empty() {
                    String::new()
                } else {
                    format!(" (process {holder})")
                };
                return Err(failed(format!(
                    "a convene console already has this journal folder open{who}: one console writes a workshop's journal at a time; quit that one first (review and replay may read it meanwhile)"
                )));
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(failed(format!("cannot lock {}: {e}", path.display())));
            }
        }
        // Who holds it, for the message a second console gives.
        let _ = file.set_len(0);
        let _ = write!(file, "{}", std::process::id());
        let _ = file.sync_data();
        Ok(FolderLock { _file: file })
    }
}

/// Where a journal's bytes go: its file, or for a test, a file that fills up.
pub trait Storage: Send {
    /// Appends the bytes (all of them, or an error).
    fn add(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Makes what was written durable.
    fn sync(&mut self) -> io::Result<()>;
    /// Cuts the storage back to `len` bytes: what a write that failed half-way left is undone.
    fn cut(&mut self, len: u64) -> io::Result<()>;
}

impl Storage for File {
    fn add(&mut self, bytes: &[u8]) -> io::Result<()> {
        Write::write_all(self, bytes)
    }

    fn sync(&mut self) -> io::Result<()> {
        self.sync_data()
    }

    fn cut(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)?;
        self.sync_all()
    }
}

/// The one writer of a journal file: appends batches of events, each synced to disk before
/// `append` returns. The file is always a sequence of whole lines: a write that fails
/// half-way (a full disk) is cut back before `append` returns its error, and if even that
/// fails, before anything else is written.
pub struct Writer {
    storage: Box<dyn Storage>,
    /// The length of the whole lines written so far.
    len: u64,
    /// Bytes past `len` that a failed write may have left and that are still to be cut.
    ragged: bool,
    encoder: Encoder,
}

impl Writer {
    /// Opens `path` for appending, creating it (mode 0600: it holds participants' names and
    /// emails) with a header line when it does not exist or is empty.
    pub fn open(
        path: &Path,
        workshop: &Workshop,
        now: DateTime<Utc>,
        next_seq: u64,
        next_batch: u64,
    ) -> io::Result<Writer> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path)?;
        let len = file.metadata()?.len();
        let ends_whole = len == 0 || ends_with_newline(path, len)?;
        let mut writer = Writer::on(
            Box::new(file),
            len,
            Encoder::new(workshop, next_seq, next_batch),
        );
        if !ends_whole {
            // A last line that was whole but lost its newline: end it before appending.
            writer.put(b"\n")?;
        }
        if len == 0 {
            writer.put(&Encoder::header(workshop, now)?)?;
        }
        Ok(writer)
    }

    /// A writer on any storage that already holds `len` bytes of whole lines.
    pub fn on(storage: Box<dyn Storage>, len: u64, encoder: Encoder) -> Writer {
        Writer {
            storage,
            len,
            ragged: false,
            encoder,
        }
    }

    /// Appends the events of one action as one batch, in one write, then syncs the file. On
    /// an error nothing of the batch stays in the file and its numbers are not used.
    pub fn append(&mut self, events: &[Stamped]) -> io::Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let bytes = self.encoder.batch(events)?;
        self.put(&bytes)?;
        self.encoder.commit(events.len());
        Ok(())
    }

    /// Writes whole lines and syncs them, or leaves the storage as it was.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.ragged {
            self.storage.cut(self.len)?;
            self.ragged = false;
        }
        let written = self.storage.add(bytes).and_then(|()| self.storage.sync());
        match written {
            Ok(()) => {
                self.len += bytes.len() as u64;
                Ok(())
            }
            Err(e) => {
                self.ragged = self.storage.cut(self.len).is_err();
                Err(e)
            }
        }
    }
}
