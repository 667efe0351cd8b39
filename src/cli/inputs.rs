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
    let loaded = read(&files)
        .map_err(|e| Stop(e.to_string()))?
        .ok_or_else(|| Stop("convene: no journal file found there".into()))?;
    let workshop = loaded.workshop().map_err(|e| Stop(e.to_string()))?;
    for torn in &loaded.torn {
        eprintln!("{}: {}", torn.file.display(), torn.describe());
    }
    Ok((loaded, workshop))
}
