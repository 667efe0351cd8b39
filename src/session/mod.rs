//! The session and its seats. A [`Session`] is the one shared thing: the state of the
//! workshop, the journal it is written to, and (for a journal watched again) where the replay
//! stands. A [`Seat`] is one person's view of it: focus, selection, mode, prompt, popups,
//! footer. A seat turns keys into actions and never changes the state; the session records
//! and applies the events, and every seat follows them on its next draw.

mod commands;
mod follow;
pub mod input;
mod people;
pub mod popup;
mod rooms_file;
pub mod seat;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::core::{Event, Stamped, State, Who};
use crate::journal;
use crate::programme::Workshop;

pub use input::{Input, InputKind, parse_countdown};
pub use popup::Popup;
pub use seat::{Confirm, EARLY_FINISH, LocalZone, Seat, Status};

/// Something for the runtime to do besides recording events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Ring the terminal bell.
    Bell,
    /// Put text on a clipboard: the system's where there is one, else the terminal's (OSC 52).
    Copy(String),
    /// Write a file (the Zoom pre-assignment CSV).
    WriteFile { path: String, contents: String },
    /// Show who is on a served session and how to join it.
    Seats,
    /// Give a served session new join codes.
    RenewCodes,
}

/// What a key press at a seat asks of the session and the runtime.
#[derive(Debug, Default, PartialEq)]
pub struct Step {
    /// Events for the session to record and apply.
    pub events: Vec<Event>,
    pub quit: bool,
    pub effects: Vec<Effect>,
    /// In a replay: show the session as it was after this many events.
    pub replay_to: Option<usize>,
}

impl Step {
    pub(crate) fn quit() -> Step {
        Step {
            quit: true,
            ..Step::default()
        }
    }

    pub(crate) fn events(events: Vec<Event>) -> Step {
        Step {
            events,
            ..Step::default()
        }
    }
}

/// A journal being watched again: its events, and how many of them are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    pub records: Vec<journal::Record>,
    pub position: usize,
    /// When the journal was started: the time on screen before the first event.
    pub opened: DateTime<Utc>,
}

impl Replay {
    /// The time on screen: that of the last event applied.
    pub fn now(&self) -> DateTime<Utc> {
        match self
            .position
            .checked_sub(1)
            .and_then(|i| self.records.get(i))
        {
            Some(record) => record.at.with_timezone(&Utc),
            None => self.opened,
        }
    }
}

/// Whether a session is running live or is a journal watched again, read-only.
enum Kind {
    /// Live; events are written to the journal first, when there is one.
    Live(Option<journal::Writer>),
    Replay(Replay),
}

/// The state of the workshop, shared by every seat.
pub struct Session {
    state: State,
    kind: Kind,
    /// What the clock announced (thresholds crossed) while the journal could not be written:
    /// applied and shown, and written, in order, ahead of anything else once it can be.
    unsaved: Vec<Vec<Stamped>>,
    /// Counts changes of the state: what is drawn from it can be kept while it stays the same.
    revision: u64,
    /// Who is at a seat of a served session, with their role, the lead first: for the header.
    present: Vec<(String, crate::core::Role)>,
}

impl Session {
    /// A live session on a programme, kept in memory until a journal is attached.
    pub fn new(workshop: Arc<Workshop>) -> Session {
        Session {
            state: State::new(workshop),
            kind: Kind::Live(None),
            unsaved: Vec::new(),
            revision: 0,
            present: Vec::new(),
        }
    }

    /// A journal watched again, read-only, at its start.
    pub fn replay(
        workshop: Arc<Workshop>,
        records: Vec<journal::Record>,
        opened: DateTime<Utc>,
    ) -> Session {
        let mut session = Session::new(workshop);
        session.kind = Kind::Replay(Replay {
            records,
            position: 0,
            opened,
        });
        session.replay_to(0);
        session
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn workshop(&self) -> &Workshop {
        &self.state.workshop
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Who is at a seat of a served session (none when it is not served).
    pub fn present(&self) -> &[(String, crate::core::Role)] {
        &self.present
    }

    /// A seat opened or closed: every seat's header shows who is on.
    pub fn set_present(&mut self, present: Vec<(String, crate::core::Role)>) {
        if present != self.present {
            self.present = present;
            self.revision += 1;
        }
    }

    /// The replay, when this session is a journal watched again.
    pub fn replaying(&self) -> Option<&Replay> {
        match &self.kind {
            Kind::Replay(r) => Some(r),
            Kind::Live(_) => None,
        }
    }

    /// From now on, every batch is written to this journal before it is applied.
    pub fn keep_journal(&mut self, writer: journal::Writer) {
        self.kind = Kind::Live(Some(writer));
    }

    /// Continues from a state rebuilt from a journal.
    pub fn resume(&mut self, state: State) {
        self.state = state;
        self.revision += 1;
    }

    /// Records a batch (in the journal, when there is one), stamped with the moment and who
    /// did it, and then applies it, as [`Session::apply`]. When the journal cannot be written,
    /// nothing is applied and the error says why. A replay records and applies nothing.
    pub fn commit(
        &mut self,
        events: &[Event],
        at: DateTime<Utc>,
        by: &Who,
    ) -> std::io::Result<Option<String>> {
        if events.is_empty() {
            return Ok(None);
        }
        if self.replaying().is_some() {
            return Ok(None);
        }
        let stamped = Stamped::all(events.iter().cloned(), at, by);
        self.record(&stamped)?;
        Ok(self.apply(&stamped))
    }

    /// Records and applies what the clock did: a threshold crossed happened whatever the disk
    /// says, so it is applied (and announced) even when the journal cannot be written; then it
    /// is kept, and written ahead of the next batch once the journal takes writes again. The
    /// error says the journal is not being written.
    pub fn commit_clock(&mut self, events: &[Event], at: DateTime<Utc>) -> std::io::Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        if self.replaying().is_some() {
            return Ok(());
        }
        let stamped = Stamped::all(events.iter().cloned(), at, &Who::clock());
        let written = self.record(&stamped);
        self.apply(&stamped);
        if written.is_err() {
            self.unsaved.push(stamped);
        }
        written
    }

    /// Writes a batch to the journal, after any still waiting to be written; a session kept
    /// in memory only has nothing to write.
    fn record(&mut self, stamped: &[Stamped]) -> std::io::Result<()> {
        match &mut self.kind {
            Kind::Live(Some(writer)) => {
                write_unsaved(writer, &mut self.unsaved)?;
                writer.append(stamped)
            }
            _ => Ok(()),
        }
    }

    /// Writes what the clock announced while the journal could not be written, if it can be
    /// now. `Ok` once nothing is waiting.
    pub fn save_unsaved(&mut self) -> std::io::Result<()> {
        match &mut self.kind {
            Kind::Live(Some(writer)) => write_unsaved(writer, &mut self.unsaved),
            _ => Ok(()),
        }
    }

    /// How many batches are applied but not yet in the journal.
    pub fn unsaved(&self) -> usize {
        self.unsaved.len()
    }

    /// Applies events already recorded (or that need no record). An undo is returned in
    /// words, as the undone batch was before it was taken back, for the seats to say.
    pub fn apply(&mut self, events: &[Stamped]) -> Option<String> {
        if events.is_empty() {
            return None;
        }
        let undone = events.iter().find_map(|e| match e.event {
            Event::Undone { .. } => Some(crate::core::describe(&self.state, &e.event)),
            _ => None,
        });
        self.state.apply_batch(events);
        self.revision += 1;
        undone
    }

    /// Time passed: the thresholds crossed since the last look, to record and announce with
    /// the bell. A replay has none.
    pub fn due(&self, now: DateTime<Utc>) -> Step {
        if self.replaying().is_some() {
            return Step::default();
        }
        match crate::core::update(&self.state, crate::core::Action::Tick, now) {
            Ok(events) if !events.is_empty() => Step {
                events,
                effects: vec![Effect::Bell],
                ..Step::default()
            },
            _ => Step::default(),
        }
    }

    /// Whether anything on screen counts seconds (a running block, a running timer): then
    /// the screen changes every second, otherwise every minute.
    pub fn shows_seconds(&self) -> bool {
        seat::shows_seconds(&self.state)
    }

    /// Shows the replayed session as it was after `position` events, and says what the last
    /// of them did.
    pub fn replay_to(&mut self, position: usize) -> Option<String> {
        let Kind::Replay(r) = &mut self.kind else {
            return None;
        };
        let workshop = Arc::clone(self.state.origin());
        let position = position.min(r.records.len());
        let total = r.records.len();
        let text = match position.checked_sub(1) {
            Some(last) => {
                let before = journal::replay(Arc::clone(&workshop), &r.records[..last]);
                let record = &r.records[last];
                format!(
                    "Event {position} of {total} · {} · {}",
                    record.at.format("%a %-d %b %H:%M:%S"),
                    crate::core::describe(&before, &record.event)
                )
            }
            None => format!("The start of the journal · {total} event(s) · → steps through them"),
        };
        self.state = journal::replay(workshop, &r.records[..position]);
        r.position = position;
        self.revision += 1;
        Some(text)
    }
}

/// Writes the batches waiting to be written, oldest first; those that could not be stay.
fn write_unsaved(
    writer: &mut journal::Writer,
    unsaved: &mut Vec<Vec<Stamped>>,
) -> std::io::Result<()> {
    while let Some(batch) = unsaved.first() {
        writer.append(batch)?;
        unsaved.remove(0);
    }
    Ok(())
}

/// What one seat draws: the session as that seat sees it.
#[derive(Clone, Copy)]
pub struct Look<'a> {
    pub session: &'a Session,
    pub state: &'a State,
    pub view: &'a Seat,
}

impl<'a> Look<'a> {
    pub fn new(session: &'a Session, view: &'a Seat) -> Look<'a> {
        Look {
            session,
            state: session.state(),
            view,
        }
    }

    pub fn workshop(&self) -> &'a Workshop {
        &self.state.workshop
    }

    /// Changes whenever the state or the seat's view does.
    pub fn revision(&self) -> (u64, u64) {
        (self.session.revision(), self.view.revision())
    }

    pub fn replay(&self) -> Option<&'a Replay> {
        self.session.replaying()
    }

    pub fn tracking(&self) -> bool {
        self.view.tracking(self.state)
    }

    pub fn people_in_order(&self) -> Vec<crate::core::PersonKey> {
        seat::people_in_order(self.state)
    }

    pub fn running_exercise(&self) -> Option<String> {
        seat::running_exercise(self.state)
    }

    pub fn selected_block(&self) -> Option<usize> {
        self.view.selected_block(self.state)
    }

    pub fn selected_timer(&self) -> Option<crate::core::TimerId> {
        self.view.selected_timer(self.state)
    }

    pub fn selected_person(&self) -> Option<crate::core::PersonKey> {
        self.view.selected_person(self.state)
    }

    pub fn replan_proposal(&self, now: DateTime<Utc>) -> Option<crate::core::Replan> {
        self.view.replan_proposal(self.state, now)
    }
}
