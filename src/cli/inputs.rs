//! The files several subcommands read, read once here: a roster whose every row must be
//! read, and a journal read without changing it.

use std::path::{Path, PathBuf};

use super::Stop;
use crate::journal;
use crate::programme::Workshop;
use crate::roster::Participant;

/// Reads a roster. Rows that cannot be read are not skipped silently: they are listed with
/// their line, and nothing goes on until the file is fixed.
pub fn read_roster(path: &Path) -> Result<(String, Vec<Participant>), Stop> {
    let name = path.display().to_string();
    let import = crate::import::load_people(path).map_err(|e| Stop(e.to_string()))?;
    if import.refused.is_empty() && import.duplicates.is_empty() {
        return Ok((name, import.roster.participants));
    }
    let mut lines: Vec<(usize, String)> = import
        .refused
        .iter()
        .map(|r| (r.line, r.reason.clone()))
        .chain(
            import
                .duplicates
                .iter()
                .map(|(line, what)| (*line, format!("duplicate: {what}"))),
        )
        .collect();
    lines.sort();
    let mut out: Vec<String> = lines
        .iter()
        .map(|(line, reason)| format!("{name}:{line}: {reason}"))
        .collect();
    out.push(format!(
        "{} row(s) read, {} not: fix the rows above and start again",
        import.roster.len(),
        lines.len()
    ));
    Err(Stop(out.join("\n")))
}

/// What a path is when it exists and is neither a regular file nor a folder: a FIFO or a
/// device would block a read or swallow a write, never a journal. `None` for a file, a
/// folder, or nothing there yet.
pub fn special_file(path: &Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Refuses a journal path that is a FIFO or a device, naming it.
pub fn journal_file(option: &str, path: &Path) -> Result<(), Stop> {
    match special_file(path) {
        None => Ok(()),
        Some(kind) => Err(Stop(format!(
            "convene: {option}{}: {kind}, not a file: a journal must be a regular file",
            path.display()
        ))),
    }
}

/// The journal files named on the command line: files as they are, folders by their days.
fn journal_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .flat_map(|p| {
            if p.is_dir() {
                journal::day_files(p)
            } else {
                vec![p.clone()]
            }
        })
        .collect()
}

/// How a journal is read: [`journal::read`] leaves it as it is, [`journal::recover`] moves a
/// torn end aside.
pub type Reader = fn(&[PathBuf]) -> Result<Option<journal::Loaded>, journal::JournalError>;

/// Reads a journal without changing it (review, replay, history).
pub fn load_journal(paths: &[PathBuf]) -> Result<(journal::Loaded, Workshop), Stop> {
    load_journal_with(paths, journal::read)
}

/// Reads a journal with `read`, and says in the shell what of it was torn.
pub fn load_journal_with(
    paths: &[PathBuf],
    read: Reader,
) -> Result<(journal::Loaded, Workshop), Stop> {
    let files = journal_files(paths);
    for file in &files {
        journal_file("", file)?;
    }
    let loaded = read(&files)
        .map_err(|e| Stop(e.to_string()))?
        .ok_or_else(|| Stop("convene: no journal file found there".into()))?;
    let workshop = loaded.workshop().map_err(|e| Stop(e.to_string()))?;
    for torn in &loaded.torn {
        eprintln!("{}: {}", torn.file.display(), torn.describe());
    }
    for repeated in &loaded.repeated {
        eprintln!("{}", repeated.describe());
    }
    Ok((loaded, workshop))
}
