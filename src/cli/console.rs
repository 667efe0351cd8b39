//! `convene [FILE]`: the console on a programme, live or rehearsed, with its journal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::inputs::{journal_file, load_journal_with, read_roster};
use super::{Outcome, Stop, local_zone, on_screen, values};
use crate::journal;
use crate::programme::{self, Workshop};
use crate::runtime;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A programme file (sessions/*.json) to open instead of the built-in one
    pub file: Option<PathBuf>,

    /// Your own time zone for the local clock (IANA name, e.g. Asia/Manila); default: the system's
    #[arg(long, value_name = "ZONE", value_parser = values::own_time_zone)]
    pub local_tz: Option<Tz>,

    /// The participant roster (convene's CSV: name,email,organisation,city,country,time_zone,role;
    /// or Zoom's registration report)
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,

    /// A Zoom participants report of the day opened: who attended, recorded in the journal
    #[arg(long, value_name = "REPORT")]
    pub attendance: Option<PathBuf>,

    /// With --attendance, match by hand: `NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER`
    #[arg(
        long = "match",
        value_name = "REPORTED=ROSTER",
        requires = "attendance",
        value_parser = values::report_match
    )]
    pub matches: Vec<(String, String)>,

    /// With --attendance: record the report for the day opened even when its meeting was on
    /// another date
    #[arg(long, requires = "attendance")]
    pub force: bool,

    /// Open on this day (1 = the first day); default: today's workshop day, else the next one
    #[arg(long, value_name = "N", value_parser = values::day_number)]
    pub day: Option<u16>,

    /// Rehearse: run the day on a simulated clock from its planned start (or --at)
    #[arg(long)]
    pub rehearse: bool,

    /// With --rehearse: start the simulated clock at this time (HH:MM, workshop time zone)
    #[arg(long, value_name = "HH:MM", requires = "rehearse", value_parser = values::clock_time)]
    pub at: Option<NaiveTime>,

    /// With --rehearse: how many times faster than real time the clock runs (0.1 to 3600)
    #[arg(
        long,
        value_name = "X",
        default_value_t = 1.0,
        requires = "rehearse",
        value_parser = values::speed
    )]
    pub speed: f64,

    /// The journal file to keep the session in (default: a file per workshop and day in your
    /// data folder; a rehearsal keeps none unless given one)
    #[arg(long, value_name = "FILE", conflicts_with = "no_journal")]
    pub journal: Option<PathBuf>,

    /// Keep no journal: a try-out that leaves no trace and resumes nothing
    #[arg(long)]
    pub no_journal: bool,

    /// When the programme file was edited since the journal began: use its changes for the
    /// days not yet run, or keep the journaled programme, without being asked
    #[arg(long, value_name = "ANSWER", value_enum)]
    pub programme_changes: Option<runtime::ProgrammeChanges>,
}

/// Opens the console; everything it is given is read and checked before the screen opens.
/// Without a terminal nothing is read or written: no journal is begun that nobody sees.
pub fn run(args: &Args) -> Outcome {
    if let Err(e) = runtime::require_terminal() {
        eprintln!("convene: {e}");
        return Ok(ExitCode::FAILURE);
    }
    // The journal folder's lock is held until the console closes.
    let Prepared {
        workshop,
        options,
        lock: _lock,
    } = prepare(args)?;
    on_screen(runtime::run(workshop, options))
}

/// The programme, the options of the session and the journal folder's lock, held while the
/// session runs.
pub struct Prepared {
    pub workshop: Workshop,
    pub options: runtime::Options,
    pub lock: Option<journal::FolderLock>,
}

/// Reads and checks everything the console is given, and takes the journal's folder.
pub fn prepare(args: &Args) -> Result<Prepared, Stop> {
    if let Some(path) = &args.journal {
        journal_file("--journal ", path)?;
    }
    let workshop = match &args.file {
        Some(path) => programme::load(path),
        None => programme::default_workshop(),
    }
    .map_err(|e| Stop(e.to_string()))?;
    let day = chosen_day(&workshop, args.day)?;
    let roster = args.roster.as_deref().map(read_roster).transpose()?;
    let rehearse = if args.rehearse {
        Some(rehearsal_start(
            &workshop,
            day.unwrap_or(0),
            args.at,
            args.speed,
        )?)
    } else {
        None
    };
    let day = if rehearse.is_some() {
        Some(day.unwrap_or(0))
    } else {
        day
    };
    let (journal, existing) = journal_files(args, &workshop, day, rehearse.is_some());
    // One console writes in a journal folder: taken before anything in it is read or mended,
    // held until the console closes.
    let lock = journal
        .as_deref()
        .map(|path| {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
            journal::FolderLock::take(dir.unwrap_or(Path::new(".")))
        })
        .transpose()
        .map_err(|e| Stop(format!("convene: {e}")))?;
    let file_programme = workshop.programme.clone();
    let (resume, workshop, notices) = resumed(&existing, workshop)?;
    let rehearse =
        rehearse.map(|(origin, speed)| (rehearsal_goes_on(origin, resume.as_ref()), speed));
    let edited = resume.as_ref().map(|_| runtime::Edited {
        programme: file_programme,
        answer: args.programme_changes,
    });
    let attendance = attendance(args, &workshop)?;
    let options = runtime::Options {
        local_zone: local_zone(args.local_tz),
        day,
        roster,
        rehearse,
        journal,
        resume,
        replay: None,
        attendance,
        notices,
        edited,
    };
    Ok(Prepared {
        workshop,
        options,
        lock,
    })
}

/// `--day N` as an index, refused when the programme has fewer days.
fn chosen_day(workshop: &Workshop, day: Option<u16>) -> Result<Option<usize>, Stop> {
    let days = workshop.days().len();
    match day.map(usize::from) {
        Some(n) if n > days => Err(Stop(format!(
            "convene: --day {n}: {} has {days} day{}",
            workshop.source_name,
            if days == 1 { "" } else { "s" }
        ))),
        other => Ok(other.map(|n| n - 1)),
    }
}

/// Where a rehearsal's clock starts, and how fast it runs: the day's planned start, or `--at`
/// on that day.
fn rehearsal_start(
    workshop: &Workshop,
    day: usize,
    at: Option<NaiveTime>,
    speed: f64,
) -> Result<(DateTime<Utc>, f64), Stop> {
    let start = match at {
        None => workshop.day_start(day),
        Some(time) => workshop
            .day(day)
            .map(|d| programme::local_instant(workshop.tz, d.date.and_time(time))),
    };
    start
        .map(|s| (s, speed))
        .ok_or_else(|| Stop(format!("convene: the programme has no day {}", day + 1)))
}

/// Where a rehearsal's clock starts when it resumes a journal: from the journal's last
/// moment, when that is later than `origin` (the day's start, or `--at`). Started again at the
/// day's start, its running block would stand still until the clock caught up with its start,
/// and a block finished meanwhile would end before it began.
fn rehearsal_goes_on(origin: DateTime<Utc>, resume: Option<&journal::Loaded>) -> DateTime<Utc> {
    resume
        .and_then(|loaded| loaded.records.last())
        .map_or(origin, |last| origin.max(last.at.with_timezone(&Utc)))
}

/// The journal to append to, and the files of it that may hold the session so far: the one
/// given, else a file per day in the workshop's folder; a rehearsal keeps none unless given one.
fn journal_files(
    args: &Args,
    workshop: &Workshop,
    day: Option<usize>,
    rehearsal: bool,
) -> (Option<PathBuf>, Vec<PathBuf>) {
    let journal_day = day.unwrap_or_else(|| workshop.day_for(Utc::now()));
    let (journal, existing) = match (&args.journal, rehearsal || args.no_journal) {
        (Some(path), _) => (Some(path.clone()), with_its_days(path)),
        (None, true) => (None, Vec::new()),
        (None, false) => match journal::default_dir(workshop) {
            Some(dir) => (
                Some(dir.join(format!("day-{}.jsonl", journal_day + 1))),
                journal::day_files(&dir),
            ),
            None => (None, Vec::new()),
        },
    };
    (
        journal,
        existing.into_iter().filter(|p| p.exists()).collect(),
    )
}

/// A journal file given by name, and when it is one of a workshop's day files (`day-N.jsonl`),
/// the other day files beside it: the session runs across them, and so do its numbers.
fn with_its_days(path: &Path) -> Vec<PathBuf> {
    let is_day_file = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("day-")?.strip_suffix(".jsonl"))
            .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    let mut files = vec![path.to_path_buf()];
    if is_day_file(path) {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        files = journal::day_files(dir.unwrap_or(Path::new(".")));
        if !files.iter().any(|f| f.file_name() == path.file_name()) {
            files.push(path.to_path_buf());
        }
    }
    files
}

/// The session so far, from the journal files that exist: the console appends to them, so a
/// torn end is moved aside first. The session goes on from the programme as journaled; what
/// the file changes since is asked about when the console opens.
fn resumed(
    existing: &[PathBuf],
    workshop: Workshop,
) -> Result<(Option<journal::Loaded>, Workshop, Vec<String>), Stop> {
    if existing.is_empty() {
        return Ok((None, workshop, Vec::new()));
    }
    let (loaded, journaled) = load_journal_with(existing, journal::recover)?;
    Ok((Some(loaded), journaled, Vec::new()))
}

/// `--attendance REPORT`: the report's people, every row read, to record when the console opens.
fn attendance(args: &Args, workshop: &Workshop) -> Result<Option<runtime::AttendanceReport>, Stop> {
    let Some(path) = &args.attendance else {
        return Ok(None);
    };
    let read = crate::import::load_participants(path, workshop.tz, crate::import::DateOrder::Auto)
        .map_err(|e| Stop(e.to_string()))?;
    if !read.refused.is_empty() {
        let lines: Vec<String> = read
            .refused
            .iter()
            .map(|r| format!("{}:{}: {}", path.display(), r.line, r.reason))
            .collect();
        return Err(Stop(format!(
            "{}\nfix the rows above, or see them with `convene attendance`",
            lines.join("\n")
        )));
    }
    Ok(Some(runtime::AttendanceReport {
        source: path.display().to_string(),
        people: crate::import::merge(&read),
        by_hand: args.matches.clone(),
        began: read.began(workshop.tz),
        force: args.force,
    }))
}
