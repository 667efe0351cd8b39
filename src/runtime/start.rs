//! Opening a session: the console as the options ask (resumed, on a day, rehearsed or
//! replayed) and the reports to record checked against its day; the journal, before the
//! screen; then what is recorded as it opens (a roster, an attendance report) and said in its
//! footer.

use std::io;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{AttendanceReport, Options};
use crate::app::App;
use crate::core::Event;
use crate::journal;
use crate::programme::Workshop;
use crate::roster::Participant;

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
        warn |= !loaded.torn.is_empty();
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
/// session resumed.
pub(super) fn record(app: &mut App, opening: Opening, start: DateTime<Utc>) -> io::Result<()> {
    let Opening {
        roster,
        attendance,
        notes,
        warn,
    } = opening;
    if let Some((source, participants)) = roster {
        import_roster(app, source, participants, start)?;
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

/// Records the roster read before the console opened.
fn import_roster(
    app: &mut App,
    source: String,
    participants: Vec<Participant>,
    start: DateTime<Utc>,
) -> io::Result<()> {
    let events = [Event::RosterImported {
        source,
        participants,
    }];
    app.commit(&events, start)
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
