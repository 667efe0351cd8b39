//! Opening a session: the console as the options ask (resumed, on a day, rehearsed or
//! replayed) and the reports to record checked against its day; the journal, before the
//! screen; then what is recorded as it opens (a roster, an attendance report) and said in its
//! footer.

use std::io;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{AttendanceReport, Options};
use crate::app::App;
use crate::core::{Event, State};
use crate::journal;
use crate::programme::Workshop;
use crate::roster::Participant;

/// How many of the people no longer on the roster file the footer names; it counts the rest.
const NAMED_OFF_FILE: usize = 3;

/// The journal the options name, opened for appending from where a resumed session left off;
/// `None` when the session is kept in memory only. A journal that cannot be opened is an
/// error that names it.
pub(super) fn open_journal(
    options: &Options,
    workshop: &Workshop,
    start: DateTime<Utc>,
) -> io::Result<Option<journal::Writer>> {
    let Some(path) = &options.journal else {
        return Ok(None);
    };
    let (seq, batch) = options
        .resume
        .as_ref()
        .map_or((1, 0), |l| (l.next_seq(), l.next_batch()));
    let writer = journal::Writer::open(path, workshop, start, seq, batch).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot open the journal {}: {e}", path.display()),
        )
    })?;
    Ok(Some(writer))
}

/// What the console records once its journal is open, and what its footer says then.
pub(super) struct Opening {
    roster: Option<(String, Vec<Participant>)>,
    attendance: Option<AttendanceReport>,
    /// The resumed journal, its torn end, the notices.
    notes: Vec<String>,
    /// Whether a note tells of something wrong.
    warn: bool,
}

/// Sets the console up as the options ask: the resumed session, the day, a rehearsal or a
/// replay, the journal's name. Nothing is written yet: an attendance report of a meeting on
/// another date than the day shown is refused here (unless forced), with both dates. Returns
/// what [`record`] records and says once the journal is open.
pub(super) fn prepare(
    app: &mut App,
    workshop: &Arc<Workshop>,
    options: &mut Options,
) -> io::Result<Opening> {
    if let Some(loaded) = &options.resume {
        app.resume(loaded.replay(Arc::clone(workshop)));
    }
    if let Some(day) = options.day {
        app.seat.day = day;
    }
    app.seat.rehearsal = options.rehearse.is_some();
    if let Some(loaded) = options.replay.take() {
        app.start_replay(loaded.records, loaded.header.created.with_timezone(&Utc));
    }
    if let Some(path) = &options.journal {
        app.seat.journal = Some(path.display().to_string());
    }
    let (mut notes, mut warn) = (Vec::new(), !options.notices.is_empty());
    if let Some(loaded) = &options.resume {
        notes.push(format!(
            "Resumed from the journal: {} event(s)",
            loaded.records.len()
        ));
        notes.extend(loaded.torn.iter().map(journal::Torn::describe));
        if let Some(first) = loaded.repeated.first() {
            notes.push(match loaded.repeated.len() {
                1 => first.describe(),
                n => format!(
                    "{n} lines repeat events read already and were left out (the first at {}:{})",
                    first.file.display(),
                    first.line
                ),
            });
        }
        warn |= !loaded.torn.is_empty() || !loaded.repeated.is_empty();
    }
    notes.extend(options.notices.iter().cloned());
    if let Some(report) = &options.attendance {
        check_report_day(report, workshop, app.seat.day)?;
    }
    Ok(Opening {
        roster: options.roster.take(),
        attendance: options.attendance.take(),
        notes,
        warn,
    })
}

/// Records the roster and the attendance report at `start`, and says in the footer how the
/// session resumed and who the roster file lacks of the people the session knows.
pub(super) fn record(app: &mut App, opening: Opening, start: DateTime<Utc>) -> io::Result<()> {
    let Opening {
        roster,
        attendance,
        mut notes,
        mut warn,
    } = opening;
    if let Some((source, participants)) = roster {
        import_roster(app, source, participants, start)?;
    }
    if let Some(note) = off_file_note(app.state()) {
        notes.push(note);
        warn = true;
    }
    if let Some(report) = attendance {
        import_attendance(app, report, start)?;
    }
    if !notes.is_empty() {
        app.say_status(notes.join("; "), warn);
    }
    Ok(())
}

/// Refuses a report whose meeting was not on the day shown (see [`Workshop::is_of_day`]),
/// naming the file and both dates, unless `--force` was given. A report without times says
/// no date, and is taken.
fn check_report_day(report: &AttendanceReport, workshop: &Workshop, day: usize) -> io::Result<()> {
    let (Some(began), Some(shown)) = (report.began, workshop.day(day)) else {
        return Ok(());
    };
    if report.force || workshop.is_of_day(day, began) {
        return Ok(());
    }
    const DATE: &str = "%a %-d %b %Y";
    let held = began.with_timezone(&workshop.tz).date_naive();
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{}: this report is of a meeting on {}, but the console is on day {}, {}: give \
             --force to record it anyway",
            report.source,
            held.format(DATE),
            day + 1,
            shown.date.format(DATE)
        ),
    ))
}

/// Records the roster read before the console opened, unless the session has it already:
/// the same people from the same file are not journaled again at every start.
fn import_roster(
    app: &mut App,
    source: String,
    participants: Vec<Participant>,
    start: DateTime<Utc>,
) -> io::Result<()> {
    let state = app.state();
    let unchanged = state.roster_source.as_deref() == Some(source.as_str())
        && state.roster.on_file().eq(participants.iter());
    if unchanged {
        return Ok(());
    }
    let events = [Event::RosterImported {
        source,
        participants,
    }];
    app.commit(&events, start)
}

/// Who of the people the session knows the roster file lacks (they stay in their rooms, as
/// the journal has them): how many, and the first few by name.
fn off_file_note(state: &State) -> Option<String> {
    let missing: Vec<&str> = state.roster.off_file().map(|p| p.name.as_str()).collect();
    if missing.is_empty() {
        return None;
    }
    let file = state
        .roster_source
        .as_deref()
        .map_or("the roster file", |s| {
            std::path::Path::new(s)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(s)
        });
    let mut names = missing
        .iter()
        .take(NAMED_OFF_FILE)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if missing.len() > NAMED_OFF_FILE {
        names.push_str(&format!(" and {} more", missing.len() - NAMED_OFF_FILE));
    }
    let people = if missing.len() == 1 {
        "person"
    } else {
        "people"
    };
    Some(format!(
        "Not on {file}: {} {people} of the session ({names}), kept as the journal has them and \
         left out of new rounds",
        missing.len()
    ))
}

/// Records a participants report for the day the console shows: who was present and for how
/// long, and whom the report names that the roster does not.
fn import_attendance(
    app: &mut App,
    report: AttendanceReport,
    start: DateTime<Utc>,
) -> io::Result<()> {
    let AttendanceReport {
        source,
        people,
        by_hand,
        ..
    } = report;
    // Matched to the roster as the session has it: by email, then by name, then by hand.
    let (matched, unmatched) = crate::import::match_roster(&app.state().roster, people);
    let (matched, unmatched) =
        crate::import::match_by_hand(&app.state().roster, matched, unmatched, &by_hand)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, format!("--match: {e}")))?;
    let present = matched
        .iter()
        .filter_map(|m| {
            let p = app.state().roster.participants.get(m.participant)?;
            Some((p.key(), m.attendance.minutes))
        })
        .collect();
    let unmatched: Vec<(String, u32)> =
        unmatched.into_iter().map(|a| (a.name, a.minutes)).collect();
    let events = [Event::AttendanceImported {
        day: app.seat.day,
        source,
        present,
        unmatched,
    }];
    app.commit(&events, start)
}
