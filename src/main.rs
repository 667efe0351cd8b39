use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use convene::app::LocalZone;
use convene::cli::{Cli, Command};
use convene::journal;
use convene::programme::{self, Workshop};
use convene::roster::{self, Participant};
use convene::runtime;

/// Exit status for input with problems: a programme, roster or journal file, or an option.
const BAD_INPUT: u8 = 2;

/// A reason not to go on, already in words for the user.
struct Stop(String);

type Outcome = Result<ExitCode, Stop>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Check { ref file }) => check(file),
        Some(Command::Review {
            ref journal,
            ref out,
        }) => review(journal, out),
        Some(Command::Replay {
            ref journal,
            ref local_tz,
        }) => replay(journal, local_tz.as_deref()),
        None => console(&cli),
    };
    match outcome {
        Ok(code) => code,
        Err(Stop(message)) => {
            eprintln!("{message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn check(file: &Path) -> Outcome {
    match programme::load(file) {
        Ok(workshop) => {
            print!("{}", programme::summary(&workshop));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let n = e.problems.len();
            Err(Stop(format!(
                "{e}\n{n} problem{} found",
                if n == 1 { "" } else { "s" }
            )))
        }
    }
}

fn local_zone(name: Option<&str>) -> Result<LocalZone, Stop> {
    match name {
        None => Ok(LocalZone::System),
        Some(n) => n.parse().map(LocalZone::Named).map_err(|_| {
            Stop(format!(
                "convene: --local-tz: unknown time zone \"{n}\": expected an IANA name such as Asia/Manila"
            ))
        }),
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

fn load_journal(paths: &[PathBuf]) -> Result<(journal::Loaded, Workshop), Stop> {
    let files = journal_files(paths);
    let loaded = journal::read(&files)
        .map_err(|e| Stop(e.to_string()))?
        .ok_or_else(|| Stop("convene: no journal file found there".into()))?;
    let workshop = loaded.workshop().map_err(|e| Stop(e.to_string()))?;
    for torn in &loaded.torn {
        eprintln!(
            "{}:{}: the last line was torn (cut off while being written); it was moved to {}",
            torn.file.display(),
            torn.line,
            torn.moved_to.display()
        );
    }
    Ok((loaded, workshop))
}

fn review(paths: &[PathBuf], out: &Path) -> Outcome {
    let (_loaded, _) = load_journal(paths)?;
    Err(Stop(format!("REVIEW_WIRING {}", out.display())))
}

fn replay(paths: &[PathBuf], zone: Option<&str>) -> Outcome {
    let local_zone = local_zone(zone)?;
    let (loaded, workshop) = load_journal(paths)?;
    run(runtime::run_replay(Arc::new(workshop), loaded, local_zone))
}

fn run(result: std::io::Result<()>) -> Outcome {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            runtime::restore();
            eprintln!("convene: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn console(cli: &Cli) -> Outcome {
    let local_zone = local_zone(cli.local_tz.as_deref())?;
    let workshop = match &cli.file {
        Some(path) => programme::load(path),
        None => programme::default_workshop(),
    }
    .map_err(|e| Stop(e.to_string()))?;
    let days = workshop.days().len();
    let day = match cli.day.map(usize::from) {
        Some(n) if n > days => {
            return Err(Stop(format!(
                "convene: --day {n}: {} has {days} day{}",
                workshop.source_name,
                if days == 1 { "" } else { "s" }
            )));
        }
        other => other.map(|n| n - 1),
    };
    let roster = cli.roster.as_deref().map(read_roster).transpose()?;
    let rehearse = if cli.rehearse {
        Some(
            rehearsal_start(&workshop, day.unwrap_or(0), cli.at.as_deref(), cli.speed)
                .map_err(|m| Stop(format!("convene: {m}")))?,
        )
    } else {
        None
    };
    let day = if rehearse.is_some() {
        Some(day.unwrap_or(0))
    } else {
        day
    };

    // The journal: the one given, else a file per day in the workshop's folder; a rehearsal
    // keeps none unless given one.
    let journal_day = day.unwrap_or_else(|| workshop.day_for(chrono::Utc::now()));
    let (journal, existing) = match (&cli.journal, rehearse.is_some()) {
        (Some(path), _) => (Some(path.clone()), vec![path.clone()]),
        (None, true) => (None, Vec::new()),
        (None, false) => match journal::default_dir(&workshop) {
            Some(dir) => (
                Some(dir.join(format!("day-{}.jsonl", journal_day + 1))),
                journal::day_files(&dir),
            ),
            None => (None, Vec::new()),
        },
    };
    let existing: Vec<PathBuf> = existing.into_iter().filter(|p| p.exists()).collect();
    let (resume, workshop) = if existing.is_empty() {
        (None, workshop)
    } else {
        let (loaded, journaled) = load_journal(&existing)?;
        if journaled.programme != workshop.programme {
            eprintln!(
                "convene: the journal was written for the programme as it was then; the session goes on with that programme"
            );
        }
        (Some(loaded), journaled)
    };

    let options = runtime::Options {
        local_zone,
        day,
        roster,
        rehearse,
        journal,
        resume,
        replay: None,
    };
    run(runtime::run(workshop, options))
}

/// Reads a roster for the console. Rows that cannot be read are not skipped silently: they are
/// listed with their line, and the console does not open until the file is fixed.
fn read_roster(path: &Path) -> Result<(String, Vec<Participant>), Stop> {
    let name = path.display().to_string();
    let import = roster::load_roster(path).map_err(|e| Stop(e.to_string()))?;
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

/// Where a rehearsal's clock starts: the day's planned start, or `--at` on that day.
fn rehearsal_start(
    workshop: &Workshop,
    day: usize,
    at: Option<&str>,
    speed: f64,
) -> Result<(chrono::DateTime<chrono::Utc>, f64), String> {
    if !(speed.is_finite() && (0.1..=3600.0).contains(&speed)) {
        return Err(format!(
            "--speed {speed}: expected a number from 0.1 to 3600"
        ));
    }
    let start = match at {
        None => workshop.day_start(day),
        Some(text) => {
            let time = chrono::NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
                format!("--at {text}: expected a time as HH:MM (24-hour, e.g. 14:30)")
            })?;
            workshop
                .day(day)
                .map(|d| programme::local_instant(workshop.tz, d.date.and_time(time)))
        }
    };
    start
        .map(|s| (s, speed))
        .ok_or_else(|| format!("the programme has no day {}", day + 1))
}
