//! Writing journals: the pure encoder, the one writer that appends and syncs, and the lock
//! that keeps a second console out of a journal folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{Header, JournalError, Line, Record, VERSION};
use crate::core::Stamped;
use crate::programme::Workshop;

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
    dir: std::path::PathBuf,
    /// Whether the folder was made for this console (a first start).
    made: bool,
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
        let made = !dir.exists();
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
        // Who holds it, for the message a second console gives. Not synced: another process
        // reads it from the page cache, and after a crash the lock is gone with its holder.
        let _ = file.set_len(0);
        let _ = write!(file, "{}", std::process::id());
        Ok(FolderLock {
            _file: file,
            dir: dir.to_path_buf(),
            made,
        })
    }
}

/// A console that wrote nothing (refused before it began, say) leaves no trace: when the lock
/// file is all the folder holds, it goes, and so does the folder if it was made for it.
impl Drop for FolderLock {
    fn drop(&mut self) {
        let alone = fs::read_dir(&self.dir)
            .map(|entries| entries.flatten().all(|e| e.file_name() == Self::FILE))
            .unwrap_or(false);
        if alone {
            let _ = fs::remove_file(self.dir.join(Self::FILE));
            if self.made {
                let _ = fs::remove_dir(&self.dir);
            }
        }
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

fn ends_with_newline(path: &Path, len: u64) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}
