//! `convene attendance REPORT [--roster R]`: minutes per person from a Zoom participants
//! report, matched to a roster when one is given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono_tz::Tz;
use unicode_width::UnicodeWidthStr;

use super::inputs::{load_journal, read_roster};
use super::{BAD_INPUT, Outcome, Stop, values};
use crate::import::{self, Attendance, DateOrder, Matched, MatchedBy};
use crate::roster::{Participant, Roster};
use crate::sanitise::sayln;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Zoom participants report (CSV)
    #[arg(required_unless_present = "workshop", conflicts_with = "workshop")]
    pub report: Option<PathBuf>,
    /// The whole workshop instead: its journal files (or the folder that holds them), or each
    /// day's participants report with --roster; per person the minutes and share of each
    /// day's planned time
    #[arg(long, value_name = "JOURNAL_OR_REPORT", num_args = 1..)]
    pub workshop: Vec<PathBuf>,
    /// With --workshop and reports: the programme they are of (the built-in one without it)
    #[arg(long, value_name = "FILE", requires = "workshop")]
    pub programme: Option<PathBuf>,
    /// With --workshop: the share of the planned time a certificate needs, e.g. 80%
    #[arg(long, value_name = "SHARE", value_parser = values::percent, requires = "workshop")]
    pub certificate: Option<u32>,
    /// With --workshop: write the table as CSV to FILE (readable by you only)
    #[arg(long, value_name = "FILE", requires = "workshop")]
    pub csv: Option<PathBuf>,
    /// Match the people to this roster (convene's CSV or Zoom's registration report)
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// The Zoom account's time zone, in which the report's times are written
    #[arg(long, value_name = "ZONE", default_value = "Asia/Jakarta", value_parser = values::time_zone)]
    pub tz: Tz,
    /// How the report writes dates
    #[arg(long, value_name = "ORDER", value_enum, default_value_t = DateOrder::Auto)]
    pub dates: DateOrder,
    /// Match by hand: `NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER`, repeatable; a person
    /// already matched may be named again for a second device
    #[arg(
        long = "match",
        value_name = "REPORTED=ROSTER",
        value_parser = values::report_match
    )]
    pub matches: Vec<(String, String)>,
}

/// Prints everyone's minutes, or, with a roster, who is on it, who on it is not in the
/// report and who in the report is not on it. Exits 2 when a row of the report was refused.
/// With `--workshop`, the table across the days.
pub fn run(args: &Args) -> Outcome {
    let Some(report) = &args.report else {
        return workshop(args);
    };
    let read =
        import::load_participants(report, args.tz, args.dates).map_err(|e| Stop(e.to_string()))?;
    let name = report.display().to_string();
    if let Some(m) = &read.meeting {
        sayln!(
            "{} · meeting {} · {} row(s)",
            m.topic,
            m.id,
            read.rows.len()
        );
    }
    for r in &read.refused {
        sayln!("{name}:{}: refused: {}", r.line, r.reason);
    }
    let people = import::merge(&read);
    match &args.roster {
        None => {
            let lines = Lines {
                name_width: people.iter().map(|p| p.name.width()).max().unwrap_or(0),
            };
            sayln!("{} people:", people.len());
            for p in &people {
                sayln!("{}", lines.line(&p.name, p, ""));
            }
        }
        Some(path) => matched(path, people, &args.matches)?,
    }
    Ok(if read.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(BAD_INPUT)
    })
}

/// The people of the report matched to the roster in `path`: by email, by name, by hand.
/// Each is listed under their roster name, with the names Zoom showed beside it where they
/// differ.
fn matched(path: &Path, people: Vec<Attendance>, by_hand: &[(String, String)]) -> Result<(), Stop> {
    let (_, participants) = read_roster(path)?;
    let roster = Roster { participants };
    let (matched, unmatched) = import::match_roster(&roster, people);
    let (matched, unmatched) = import::match_by_hand(&roster, matched, unmatched, by_hand)
        .map_err(|e| Stop(format!("convene: --match: {e}")))?;
    fn roster_name<'a>(roster: &'a Roster, m: &'a Matched) -> &'a str {
        roster
            .participants
            .get(m.participant)
            .map_or(m.attendance.name.as_str(), |p| p.name.as_str())
    }
    let lines = Lines {
        name_width: matched
            .iter()
            .map(|m| roster_name(&roster, m).width())
            .chain(unmatched.iter().map(|a| a.name.width()))
            .max()
            .unwrap_or(0),
    };
    sayln!("On the roster ({}):", matched.len());
    for m in &matched {
        let name = roster_name(&roster, m);
        let zoom: Vec<String> = m
            .zoom_names()
            .into_iter()
            .filter(|z| *z != name)
            .map(|z| format!("“{z}”"))
            .collect();
        let mut note = String::new();
        if !zoom.is_empty() {
            note.push_str(&format!("  Zoom: {}", zoom.join(", ")));
        }
        let more = match m.devices.len() {
            0 => String::new(),
            1 => "1 more device by hand".into(),
            n => format!("{n} more devices by hand"),
        };
        note.push_str(&match (m.by, more.is_empty()) {
            (MatchedBy::Email, true) => String::new(),
            (MatchedBy::Email, false) => format!("  ({more})"),
            (MatchedBy::Name, true) => "  (matched by name)".into(),
            (MatchedBy::Name, false) => format!("  (matched by name, {more})"),
            (MatchedBy::Hand, _) => "  (matched by hand)".into(),
        });
        sayln!("{}", lines.line(name, &m.attendance, &note));
    }
    let absent: Vec<&Participant> = roster
        .participants
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.iter().any(|m| m.participant == *i))
        .map(|(_, p)| p)
        .collect();
    sayln!("Not in the report ({}):", absent.len());
    for p in absent {
        sayln!("  {}", p.name);
    }
    sayln!(
        "Not on the roster ({}): match them by hand or add them to the roster",
        unmatched.len()
    );
    for p in &unmatched {
        sayln!("{}", lines.line(&p.name, p, ""));
    }
    Ok(())
}

/// `convene attendance --workshop JOURNALS...` (or each day's report with `--roster`): the
/// table across the workshop's days, and its CSV for the certificates' mail merge.
fn workshop(args: &Args) -> Outcome {
    let reports = args
        .workshop
        .iter()
        .any(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    let (title, table) = if reports {
        from_reports(args)?
    } else {
        if args.roster.is_some() || args.programme.is_some() {
            return Err(Stop(
                "convene: --roster and --programme go with each day's participants report \
                 (.csv); a journal has its own"
                    .into(),
            ));
        }
        let (loaded, _) = load_journal(&args.workshop)?;
        let workshop = std::sync::Arc::new(loaded.workshop().map_err(|e| Stop(e.to_string()))?);
        let state = loaded.replay(workshop);
        (
            state.workshop.programme.title.clone(),
            crate::report::workshop_attendance(&state, args.certificate),
        )
    };
    sayln!("{title}");
    sayln!("{}", table.plan_line());
    if table.people.is_empty() {
        sayln!("No roster in the journal: start the console with --roster to record one.");
    }
    for line in table.text_lines() {
        sayln!("{line}");
    }
    for (day, names) in &table.unmatched {
        let list: Vec<String> = names
            .iter()
            .map(|(n, m)| format!("{n} ({m} min)"))
            .collect();
        sayln!("Day {}: not on the roster: {}", day + 1, list.join(", "));
    }
    if let Some(missing) = table.missing_reports() {
        sayln!(
            "{missing}: left out of the shares and the certificate (the console's \
             --attendance records one on its day)"
        );
    }
    if let Some(t) = table.threshold {
        let earned = table
            .people
            .iter()
            .filter(|p| table.certificate(p) == Some(true))
            .count();
        sayln!(
            "Certificate at {t}% of the planned time: {earned} of {} people",
            table.people.len()
        );
    }
    if let Some(path) = &args.csv {
        let text = table
            .csv()
            .map_err(|e| Stop(format!("convene: cannot write CSV: {e}")))?;
        let full = crate::export::write_private(path, text.as_bytes())
            .map_err(|e| Stop(format!("convene: cannot write {}: {e}", path.display())))?;
        sayln!("Wrote {}", full.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// A person's line: the name padded to the widest name listed, minutes, email.
struct Lines {
    name_width: usize,
}

impl Lines {
    fn line(&self, name: &str, p: &Attendance, note: &str) -> String {
        let pad = " ".repeat(self.name_width.saturating_sub(name.width()));
        format!(
            "  {name}{pad}  {:>4} min  {}{note}",
            p.minutes,
            p.email.as_deref().unwrap_or("(no email)")
        )
    }
}

/// The table from each day's participants report, matched to `--roster` (and by hand), each
/// report taken as the day its meeting was on.
fn from_reports(args: &Args) -> Result<(String, crate::report::WorkshopAttendance), Stop> {
    let Some(roster_path) = &args.roster else {
        return Err(Stop(
            "convene: --workshop with participants reports needs --roster: the people to match \
             them to"
                .into(),
        ));
    };
    let workshop = match &args.programme {
        Some(path) => crate::programme::load(path),
        None => crate::programme::default_workshop(),
    }
    .map_err(|e| Stop(e.to_string()))?;
    let (_, participants) = read_roster(roster_path)?;
    let title = workshop.programme.title.clone();
    let read = crate::report::from_report_files(
        std::sync::Arc::new(workshop),
        participants,
        &args.workshop,
        (args.tz, args.dates),
        &args.matches,
        args.certificate,
    )
    .map_err(Stop)?;
    for line in &read.refused {
        sayln!("{line}");
    }
    Ok((title, read.table))
}
