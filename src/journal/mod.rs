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
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::core::{Event, Stamped, State, Who};

mod read;
mod write;

use crate::programme::{self, Programme, Workshop};
pub use read::{FileRead, Mend, Parsed, TornEnd, parse, read, read_file, recover};
pub use write::{Encoder, FolderLock, Storage, Writer};

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
        self.records.last().map_or(1, |r| r.seq.saturating_add(1))
    }

    pub fn next_batch(&self) -> u64 {
        self.records.last().map_or(0, |r| r.batch.saturating_add(1))
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
    Some(in_journals(&dirs.data_dir().join("journals"), workshop))
}

/// The workshop's folder among the journals' folders: by its `id`, unless only the folder its
/// title gave before it had an id exists (a session begun then goes on there).
pub fn in_journals(journals: &Path, workshop: &Workshop) -> PathBuf {
    let by_id = journals.join(folder(workshop));
    let by_title = journals.join(slug(workshop));
    if !by_id.exists() && by_title.is_dir() {
        by_title
    } else {
        by_id
    }
}

/// The name of a workshop's journal folder: see [`Workshop::folder_name`].
pub fn folder(workshop: &Workshop) -> String {
    workshop.folder_name()
}

/// See [`Workshop::slug`].
pub fn slug(workshop: &Workshop) -> String {
    workshop.slug()
}
