//! `convene attendance REPORT [--roster R]`: minutes per person from a Zoom participants
//! report, matched to a roster when one is given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono_tz::Tz;
use unicode_width::UnicodeWidthStr;

use super::inputs::read_roster;
use super::{BAD_INPUT, Outcome, Stop, values};
use crate::import::{self, Attendance, DateOrder, MatchedBy};
use crate::roster::{Participant, Roster};
use crate::sanitise::sayln;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Zoom participants report (CSV)
    pub report: PathBuf,
    /// Match the people to this roster (convene's CSV or Zoom's registration report)
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// The Zoom account's time zone, in which the report's times are written
    #[arg(long, value_name = "ZONE", default_value = "Asia/Jakarta", value_parser = values::time_zone)]
    pub tz: Tz,
    /// How the report writes dates
    #[arg(long, value_name = "ORDER", value_enum, default_value_t = DateOrder::Auto)]
    pub dates: DateOrder,
    /// Match by hand: `NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER`, repeatable
    #[arg(
        long = "match",
        value_name = "REPORTED=ROSTER",
        value_parser = values::report_match
    )]
    pub matches: Vec<(String, String)>,
}

/// Prints everyone's minutes, or, with a roster, who is on it, who on it is not in the
/// report and who in the report is not on it. Exits 2 when a row of the report was refused.
pub fn run(args: &Args) -> Outcome {
    let read = import::load_participants(&args.report, args.tz, args.dates)
        .map_err(|e| Stop(e.to_string()))?;
    let name = args.report.display().to_string();
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
    let lines = Lines {
        name_width: people.iter().map(|p| p.name.width()).max().unwrap_or(0),
    };
    match &args.roster {
        None => {
            sayln!("{} people:", people.len());
            for p in &people {
                sayln!("{}", lines.line(p, ""));
            }
        }
        Some(path) => matched(path, people, &args.matches, &lines)?,
    }
    Ok(if read.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(BAD_INPUT)
    })
}

/// The people of the report matched to the roster in `path`: by email, by name, by hand.
fn matched(
    path: &Path,
    people: Vec<Attendance>,
    by_hand: &[(String, String)],
    lines: &Lines,
) -> Result<(), Stop> {
    let (_, participants) = read_roster(path)?;
    let roster = Roster { participants };
    let (matched, unmatched) = import::match_roster(&roster, people);
    let (matched, unmatched) = import::match_by_hand(&roster, matched, unmatched, by_hand)
        .map_err(|e| Stop(format!("convene: --match: {e}")))?;
    sayln!("On the roster ({}):", matched.len());
    for m in &matched {
        let by = match m.by {
            MatchedBy::Email => "",
            MatchedBy::Name => "  (matched by name)",
            MatchedBy::Hand => "  (matched by hand)",
        };
        sayln!("{}", lines.line(&m.attendance, by));
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
        sayln!("{}", lines.line(p, ""));
    }
    Ok(())
}

/// A person's line: the name padded to the widest name in the report, minutes, email.
struct Lines {
    name_width: usize,
}

impl Lines {
    fn line(&self, p: &Attendance, note: &str) -> String {
        let pad = " ".repeat(self.name_width.saturating_sub(p.name.width()));
        format!(
            "  {}{pad}  {:>4} min  {}{note}",
            p.name,
            p.minutes,
            p.email.as_deref().unwrap_or("(no email)")
        )
    }
}
