//! Opening a session: the journal, before the screen, then the console as the options ask
//! (resumed, on a day, rehearsed or replayed, with a roster and an attendance report).

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

/// Sets the console up as the options ask: the resumed session, the day, a rehearsal or a
/// replay, the journal's name, what to say in the footer, then the roster and the attendance
/// report, each recorded at `start`.
pub(super) fn prepare(
    app: &mut App,
    workshop: &Arc<Workshop>,
    options: Options,
    start: DateTime<Utc>,
) -> io::Result<()> {
    if let Some(loaded) = &options.resume {
        app.resume(loaded.replay(Arc::clone(workshop)));
    }
    if let Some(day) = options.day {
        app.seat.day = day;
    }
    app.seat.rehearsal = options.rehearse.is_some();
    if let Some(loaded) = options.replay {
        app.start_replay(loaded.records, loaded.header.created.with_timezone(&Utc));
    }
    if let Some(path) = &options.journal {
        app.seat.journal = Some(path.display().to_string());
    }
    if let Some(loaded) = &options.resume {
        say_resumed(app, loaded, &options.notices);
    }
    if let Some((source, participants)) = options.roster {
        import_roster(app, source, participants, start)?;
    }
    if let Some(report) = options.attendance {
        import_attendance(app, report, start)?;
    }
    Ok(())
}

/// Says in the footer how many events the session resumed from, with any torn end of the
/// journal and the notices; as an error when there is either.
fn say_resumed(app: &mut App, loaded: &journal::Loaded, notices: &[String]) {
    let mut notes = vec![format!(
        "Resumed from the journal: {} event(s)",
        loaded.records.len()
    )];
    for torn in &loaded.torn {
        notes.push(torn.describe());
    }
    if let Some(first) = loaded.repeated.first() {
        notes.push(match loaded.repeated.len() {
            1 => first.describe(),
            n => format!(
                "{n} lines repeat events read already and were left out, the first {}",
                first.describe()
            ),
        });
    }
    notes.extend(notices.iter().cloned());
    app.say_status(
        notes.join("; "),
        !loaded.torn.is_empty() || !loaded.repeated.is_empty() || !notices.is_empty(),
    );
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
