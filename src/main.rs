use std::process::ExitCode;

use clap::Parser;

use convene::app::LocalZone;
use convene::cli::{Cli, Command};
use convene::programme;
use convene::roster::{self, Participant};
use convene::runtime;

/// Exit status for a programme file with problems.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { file }) => match programme::load(&file) {
            Ok(workshop) => {
                print!("{}", programme::summary(&workshop));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                let n = e.problems.len();
                eprintln!("{n} problem{} found", if n == 1 { "" } else { "s" });
                ExitCode::from(BAD_INPUT)
            }
        },
        None => {
            let local_zone = match cli.local_tz.as_deref().map(str::parse) {
                None => LocalZone::System,
                Some(Ok(tz)) => LocalZone::Named(tz),
                Some(Err(_)) => {
                    eprintln!(
                        "convene: --local-tz: unknown time zone \"{}\": expected an IANA name such as Asia/Manila",
                        cli.local_tz.unwrap_or_default()
                    );
                    return ExitCode::from(BAD_INPUT);
                }
            };
            let workshop = match &cli.file {
                Some(path) => programme::load(path),
                None => programme::default_workshop(),
            };
            let workshop = match workshop {
                Ok(w) => w,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(BAD_INPUT);
                }
            };
            let days = workshop.days().len();
            let day = match cli.day.map(usize::from) {
                Some(n) if n > days => {
                    eprintln!(
                        "convene: --day {n}: {} has {days} day{}",
                        workshop.source_name,
                        if days == 1 { "" } else { "s" }
                    );
                    return ExitCode::from(BAD_INPUT);
                }
                other => other.map(|n| n - 1),
            };
            let roster = match &cli.roster {
                None => None,
                Some(path) => match read_roster(path) {
                    Ok(r) => Some(r),
                    Err(message) => {
                        eprintln!("{message}");
                        return ExitCode::from(BAD_INPUT);
                    }
                },
            };
            let rehearse = if cli.rehearse {
                match rehearsal_start(&workshop, day.unwrap_or(0), cli.at.as_deref(), cli.speed) {
                    Ok(r) => Some(r),
                    Err(message) => {
                        eprintln!("convene: {message}");
                        return ExitCode::from(BAD_INPUT);
                    }
                }
            } else {
                None
            };
            let day = if rehearse.is_some() {
                Some(day.unwrap_or(0))
            } else {
                day
            };
            let options = runtime::Options {
                local_zone,
                day,
                roster,
                rehearse,
            };
            match runtime::run(workshop, options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    runtime::restore();
                    eprintln!("convene: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Reads a roster for the console. Rows that cannot be read are not skipped silently: they are
/// listed with their line, and the console does not open until the file is fixed.
fn read_roster(path: &std::path::Path) -> Result<(String, Vec<Participant>), String> {
    let name = path.display().to_string();
    let import = roster::load_roster(path).map_err(|e| e.to_string())?;
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
    Err(out.join("\n"))
}

/// Where a rehearsal's clock starts: the day's planned start, or `--at` on that day.
fn rehearsal_start(
    workshop: &programme::Workshop,
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
