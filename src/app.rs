//! The console with one seat: the session and the seat of the person at this terminal. The
//! runtime feeds it keys and the time; tests do the same.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::core::{BlockId, Event, Replan, Stamped, State, TimerId};
use crate::journal;
use crate::keymap::Mode;
use crate::programme::Workshop;
pub use crate::session::{
    Confirm, Effect, Input, InputKind, LocalZone, Look, Popup, Replay, Seat, Session, Status, Step,
    parse_countdown,
};
pub use crate::view::Pane;

pub struct App {
    pub session: Session,
    pub seat: Seat,
}

impl App {
    /// A console on a programme, opened on the day that fits `now`.
    pub fn new(workshop: Arc<Workshop>, now: DateTime<Utc>, local_zone: LocalZone) -> Self {
        let seat = Seat::new(&workshop, now, local_zone);
        App {
            session: Session::new(workshop),
            seat,
        }
    }

    pub fn state(&self) -> &State {
        self.session.state()
    }

    pub fn workshop(&self) -> &Workshop {
        self.session.workshop()
    }

    /// What this seat draws.
    pub fn look(&self) -> Look<'_> {
        Look::new(&self.session, &self.seat)
    }

    /// Changes with every key, paste and applied event.
    pub fn revision(&self) -> (u64, u64) {
        self.look().revision()
    }

    /// The replay, when the session is a journal watched again.
    pub fn replay(&self) -> Option<&Replay> {
        self.session.replaying()
    }

    /// Handles a key press: changes what is on screen at once, and returns the events that
    /// the session should record. A step through a replay is shown at once.
    pub fn on_key(&mut self, key: &KeyEvent, now: DateTime<Utc>) -> Step {
        let step = self.seat.on_key(&self.session, key, now);
        if let Some(position) = step.replay_to {
            self.replay_to(position);
        }
        step
    }

    /// Applies events that need no record, as this seat's person's at `at`.
    pub fn apply(&mut self, events: &[Event], at: DateTime<Utc>) {
        let stamped = Stamped::all(events.iter().cloned(), at, &self.seat.who);
        let undone = self.session.apply(&stamped);
        self.seat.follow(self.session.state(), events, undone);
    }

    /// Records events in the journal, if the session keeps one, then applies them: what this
    /// seat's person did at `at`.
    pub fn commit(&mut self, events: &[Event], at: DateTime<Utc>) -> std::io::Result<()> {
        let undone = self.session.commit(events, at, &self.seat.who)?;
        self.seat.follow(self.session.state(), events, undone);
        Ok(())
    }

    /// Records and applies what the clock did (thresholds crossed), stamped as the clock's:
    /// applied even when the journal cannot be written (see [`Session::commit_clock`]).
    pub fn commit_tick(&mut self, events: &[Event], at: DateTime<Utc>) -> std::io::Result<()> {
        let written = self.session.commit_clock(events, at);
        self.seat.follow_clock(self.session.state(), events);
        written
    }

    /// Pasted text: into the line being typed, if any.
    pub fn on_paste(&mut self, text: &str) {
        self.seat.on_paste(text);
    }

    /// Test and headless helper: a key press whose events are applied at once.
    pub fn press(&mut self, key: &KeyEvent, now: DateTime<Utc>) -> Step {
        let step = self.on_key(key, now);
        self.apply(&step.events, now);
        step
    }

    /// Time passed: announces thresholds crossed since the last tick, with the bell.
    pub fn tick(&mut self, now: DateTime<Utc>) -> Step {
        self.session.due(now)
    }

    /// A message for the footer from outside the key handling (the runtime's).
    pub fn say_status(&mut self, text: String, is_error: bool) {
        self.seat.say_status(text, is_error);
    }

    /// Continues a session from a replayed journal: the screen opens on the running block's
    /// day, with it selected.
    pub fn resume(&mut self, state: State) {
        self.session.resume(state);
        self.seat.show_running(self.session.state());
    }

    /// Opens a journal read-only, at its start.
    pub fn start_replay(&mut self, records: Vec<journal::Record>, opened: DateTime<Utc>) {
        let workshop = Arc::clone(self.session.state().origin());
        self.session = Session::replay(workshop, records, opened);
        self.seat.mode = Mode::Replay;
        self.replay_to(0);
    }

    /// The time on screen in a replay: that of the last event applied.
    pub fn replay_now(&self) -> Option<DateTime<Utc>> {
        self.session.replaying().map(Replay::now)
    }

    fn replay_to(&mut self, position: usize) {
        if let Some(text) = self.session.replay_to(position) {
            self.seat.follow_replay(self.session.state());
            self.seat.say_status(text, false);
        }
    }

    pub fn running_exercise(&self) -> Option<String> {
        self.look().running_exercise()
    }

    pub fn tracking(&self) -> bool {
        self.look().tracking()
    }

    pub fn people_in_order(&self) -> Vec<crate::core::PersonKey> {
        crate::session::seat::people_in_order(self.state())
    }

    pub fn selected_person(&self) -> Option<crate::core::PersonKey> {
        self.look().selected_person()
    }

    pub fn replan_proposal(&self, now: DateTime<Utc>) -> Option<Replan> {
        self.look().replan_proposal(now)
    }

    pub fn selected_block_id(&self) -> Option<BlockId> {
        self.seat.selected_block_id(self.state())
    }

    pub fn selected_timer(&self) -> Option<TimerId> {
        self.look().selected_timer()
    }

    pub fn selected_block(&self) -> Option<usize> {
        self.look().selected_block()
    }

    pub fn shows_seconds(&self) -> bool {
        self.session.shows_seconds()
    }
}
