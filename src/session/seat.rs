//! One person's seat at the session: what they see and select, what they are typing or
//! being asked, and the footer's answer to their last key. Keys become actions here; the
//! session decides and records them.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use crossterm::event::KeyEvent;

use super::follow::{capitalised, headline};
use super::input::{Input, spec_seed};
use super::popup::Popup;
use super::{Session, Step};
use crate::core::{
    Action, BlockId, PersonKey, Replan, RoomIx, State, TimerId, propose_replan, update,
};
use crate::keymap::{self, Mode};
use crate::programme::{BlockKind, Workshop};
use crate::view::Pane;

/// The facilitator's own clock: the system's zone, or one named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalZone {
    System,
    Named(Tz),
}

/// A one-line message in the footer: the answer to the last key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
    /// When it was said (the time of the key that caused it): a cue that falls due later
    /// takes the footer from it, one due before does not.
    pub said_at: Option<DateTime<Utc>>,
}

/// One person's view of the session: what is on screen but is not part of the session (not
/// journaled, not replayed). A seat turns keys into actions; it never changes the state.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub mode: Mode,
    pub focus: Pane,
    /// The day shown in the agenda and exercises panes.
    pub day: usize,
    /// Selected agenda row, one per day.
    pub agenda_selected: Vec<usize>,
    /// Selected exercise row, one per day.
    pub exercise_selected: Vec<usize>,
    /// Selected row of the roster in the groups pane.
    pub roster_selected: usize,
    /// Selected row of the timers pane: 0 is the running block, then the named timers.
    pub timer_selected: usize,
    pub help_scroll: u16,
    pub status: Option<Status>,
    pub local_zone: LocalZone,
    pub confirm: Option<Confirm>,
    /// The day whose replan is being previewed.
    pub replan: Option<usize>,
    pub input: Option<Input>,
    /// The selected timer in large digits.
    pub big: bool,
    /// The participants' time zones strip.
    pub zones: bool,
    /// A rehearsal runs on a simulated clock; the header says so.
    pub rehearsal: bool,
    /// Where the session is journaled, for the header.
    pub journal: Option<String>,
    /// The first person chosen for a swap.
    pub swap_mark: Option<PersonKey>,
    /// The first person chosen for a together/apart pair.
    pub pair_mark: Option<(PersonKey, crate::core::PairRule)>,
    /// Selected room in the exercise tracker.
    pub tracker_room: usize,
    /// The exercise pane shows every exercise by room.
    pub overview: bool,
    /// Who sits here: what they may do.
    pub role: crate::core::Role,
    /// The person at this seat, as their actions are stamped and the header names them.
    pub who: crate::core::Who,
    /// The seat's terminal is smaller than the console lays out: only quitting works.
    pub too_small: bool,
    /// The size of the seat's terminal, columns and rows, as the runtime last saw it (the
    /// smallest laid out until then): how far a popup's text scrolls.
    pub screen: (u16, u16),
    /// The text being read in a popup.
    pub popup: Option<Popup>,
    /// Where files this seat asks for are written: the host's data folder for a seat over
    /// SSH; `None` for the folder the console was started in.
    pub files: Option<std::path::PathBuf>,
    /// The folders whose files this seat may have the host read: those the lead shared, for
    /// a seat over SSH; `None` for the host's own seat, which may read any.
    pub reads: Option<Vec<std::path::PathBuf>>,
    /// The time of the last key: when what the seat says now was said.
    pub clock: Option<DateTime<Utc>>,
    /// What the last action asked for did, in words, worded against the state it was decided
    /// on: said once its events are applied, unless something more specific is.
    pub(super) pending: Option<String>,
    /// Counts changes of the view: every key and paste, every message.
    pub(super) revision: u64,
}

/// A question waiting for yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Quit,
    FinishDay(usize),
    DeleteTimer(TimerId),
    ClearGroups,
    /// Finish the running block, started less than a minute ago, and start the next.
    Next(usize),
}

/// A block started less than this long ago is finished by `n` only once confirmed: two quick
/// presses must not finish a block after no time at all.
pub const EARLY_FINISH: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

impl Confirm {
    /// What a yes does, besides quitting.
    pub fn action(self) -> Option<Action> {
        match self {
            Confirm::Quit => None,
            Confirm::FinishDay(day) => Some(Action::FinishDay { day }),
            Confirm::DeleteTimer(timer) => Some(Action::DeleteTimer(timer)),
            Confirm::ClearGroups => Some(Action::ClearGroups),
            Confirm::Next(day) => Some(Action::Next { day }),
        }
    }

    /// The question in words, naming the keys that answer it.
    pub fn question(&self, state: &State, now: DateTime<Utc>) -> String {
        let (yes, no) = (keymap::Command::Yes, keymap::Command::No);
        let keys = |text: &str| keymap::naming(Mode::Confirm, text, &[yes, no]);
        let running = || {
            state
                .running()
                .map(|(_, b)| b.block.title.clone())
                .unwrap_or_default()
        };
        // Short, the keys early: a narrow footer cuts the end of the line.
        match self {
            Confirm::Quit => keys(&format!(
                "Quit while “{}” is running? {{key}} quits (it goes on counting), {{key}} stays",
                running()
            )),
            Confirm::FinishDay(day) => keys(&format!(
                "End day {} now? {{key}} ends it, {{key}} keeps it · blocks still to run will be marked as not run",
                day + 1
            )),
            Confirm::DeleteTimer(id) => {
                let label = state
                    .timer(*id)
                    .map(|t| t.label.clone())
                    .unwrap_or_default();
                keys(&format!(
                    "Delete the timer “{label}”? {{key}} deletes it, {{key}} keeps it"
                ))
            }
            Confirm::ClearGroups => keys(
                "Clear the groups? {key} clears them, {key} keeps them · they stay in the journal as history",
            ),
            Confirm::Next(_) => {
                let ran = state
                    .running()
                    .and_then(|(_, b)| b.started_at)
                    .map_or(0, |s| (now - s).num_seconds().max(0));
                keys(&format!(
                    "Finish “{}” after {ran} s? {{key}} finishes it and starts the next, {{key}} keeps it running",
                    running()
                ))
            }
        }
    }
}

impl Seat {
    /// A seat on a programme, opened on the day that fits `now`.
    pub fn new(workshop: &Workshop, now: DateTime<Utc>, local_zone: LocalZone) -> Seat {
        let days = workshop.days().len();
        Seat {
            mode: Mode::Normal,
            focus: Pane::Agenda,
            day: workshop.day_for(now),
            agenda_selected: vec![0; days],
            exercise_selected: vec![0; days],
            roster_selected: 0,
            timer_selected: 0,
            help_scroll: 0,
            status: None,
            local_zone,
            confirm: None,
            replan: None,
            input: None,
            big: false,
            zones: true,
            rehearsal: false,
            journal: None,
            swap_mark: None,
            pair_mark: None,
            tracker_room: 0,
            overview: false,
            role: crate::core::Role::Lead,
            who: crate::core::Who::lead(),
            too_small: false,
            screen: (crate::view::MIN_WIDTH, crate::view::MIN_HEIGHT),
            popup: None,
            files: None,
            reads: None,
            clock: None,
            pending: None,
            revision: 0,
        }
    }

    /// Changes with every key, paste and message at this seat.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A message for the footer from outside the key handling (the runtime's).
    pub fn say_status(&mut self, text: String, is_error: bool) {
        self.say(text, is_error);
    }

    /// Handles a key press: changes what is on screen at once, and returns the events that
    /// the session should record.
    pub fn on_key(&mut self, session: &Session, key: &KeyEvent, now: DateTime<Utc>) -> Step {
        // Too small, the screen shows only that: a key would act unseen. The quit keys quit
        // at once, as a question would not show either; every other key is ignored.
        if self.too_small {
            let quit = key.kind != crossterm::event::KeyEventKind::Release
                && keymap::lookup(Mode::Normal, key) == Some(keymap::Command::Quit);
            return if quit { Step::quit() } else { Step::default() };
        }
        if matches!(self.mode, Mode::Input | Mode::Notes)
            && key.kind != crossterm::event::KeyEventKind::Release
            && keymap::lookup(self.mode, key).is_none()
            && let Some(input) = self.input.as_mut()
        {
            match input.edit(key) {
                Ok(true) => self.revision += 1,
                Ok(false) => {}
                Err(full) => {
                    self.clock = Some(now);
                    self.say(full.to_string(), true)
                }
            }
            return Step::default();
        }
        // A popup closes at a key that is none of its own, and the key does what it does
        // under it: `c` copies the next cue over the last one's text.
        if self.mode == Mode::Popup
            && key.kind != crossterm::event::KeyEventKind::Release
            && keymap::lookup(Mode::Popup, key).is_none()
        {
            self.popup = None;
            self.mode = if session.replaying().is_some() {
                Mode::Replay
            } else {
                Mode::Normal
            };
            self.revision += 1;
        }
        match keymap::lookup(self.mode, key) {
            // The footer keeps its message until a later key says something or changes the
            // session.
            Some(command) => {
                self.revision += 1;
                self.pending = None;
                self.clock = Some(now);
                self.command(session, command, now)
            }
            None => Step::default(),
        }
    }

    /// The file a name typed at this seat means, when this seat may have it read: any for the
    /// host's own seat; for a seat over SSH only one inside a folder the lead shared, named
    /// relative to the first of them or in full. The refusal names no contents.
    pub fn may_read(&self, typed: &str) -> Result<std::path::PathBuf, String> {
        let typed = std::path::Path::new(typed.trim());
        let Some(shared) = &self.reads else {
            return Ok(typed.to_path_buf());
        };
        let Some(first) = shared.first() else {
            return Err(
                "Not done: the lead shared no folder with this seat (convene serve --share DIR)"
                    .into(),
            );
        };
        let path = if typed.is_absolute() {
            typed.to_path_buf()
        } else {
            first.join(typed)
        };
        let refused = || {
            format!(
                "Not done: {} is not in a folder the lead shared",
                typed.display()
            )
        };
        let real = path.canonicalize().map_err(|_| refused())?;
        let inside = shared
            .iter()
            .any(|dir| dir.canonicalize().is_ok_and(|dir| real.starts_with(dir)));
        if inside { Ok(real) } else { Err(refused()) }
    }

    /// Pasted text: into the line being typed, if any.
    pub fn on_paste(&mut self, text: &str) {
        if !self.too_small
            && matches!(self.mode, Mode::Input | Mode::Notes)
            && let Some(input) = self.input.as_mut()
        {
            self.revision += 1;
            if let Err(refused) = input.paste(text) {
                self.say(refused.to_string(), true);
            }
        }
    }

    /// Asks yes or no before an action, unless this seat may not take it: then the refusal
    /// is said at once, and nothing is asked.
    pub(super) fn ask(&mut self, state: &State, confirm: Confirm) {
        if let Some(action) = confirm.action()
            && let Err(refusal) = self.role.check(&action, state, &self.who)
        {
            self.say(refusal, true);
            return;
        }
        self.confirm = Some(confirm);
        self.mode = Mode::Confirm;
    }

    pub(super) fn say(&mut self, text: String, is_error: bool) {
        self.revision += 1;
        self.status = Some(Status {
            text,
            is_error,
            said_at: self.clock,
        });
    }

    /// What `t` offers to type: the running breakout's length and title, else a report-back
    /// speaker's three minutes.
    pub(super) fn countdown_suggestion(&self, state: &State, now: DateTime<Utc>) -> String {
        match state.running() {
            Some((_, b)) if matches!(b.block.kind, BlockKind::Breakout | BlockKind::Exercise) => {
                let left = b.remaining(now).num_seconds().max(60) / 60;
                format!("{left} {}", b.block.title)
            }
            _ => "3 Report-back speaker".into(),
        }
    }

    /// Asks the session to take an action: checked against this seat's role, then decided.
    pub(super) fn act(&mut self, state: &State, action: Action, now: DateTime<Utc>) -> Step {
        if let Err(refusal) = self.role.check(&action, state, &self.who) {
            self.say(refusal, true);
            return Step::default();
        }
        match update(state, action, now) {
            Ok(events) => {
                // Worded now, against the state the events apply to (a deleted timer's name).
                self.pending = headline(&events)
                    .map(|e| crate::core::describe(state, e))
                    .filter(|t| !t.is_empty())
                    .map(|t| capitalised(&t));
                Step::events(events)
            }
            Err(refusal) => {
                self.say(
                    keymap::naming(Mode::Normal, &refusal.text, &refusal.keys),
                    true,
                );
                Step::default()
            }
        }
    }

    /// Whether the exercise pane tracks rooms: an exercise in breakout rooms runs, or its
    /// report-back, and there are groups.
    pub fn tracking(&self, state: &State) -> bool {
        running_exercise(state).is_some() && state.current_round().is_some()
    }

    /// The running exercise and the room selected in the tracker.
    pub fn tracked_room(&self, state: &State) -> Option<(String, RoomIx)> {
        let rooms = state.current_round()?.rooms.len();
        let exercise = running_exercise(state)?;
        Some((
            exercise,
            RoomIx(self.tracker_room.min(rooms.saturating_sub(1))),
        ))
    }

    pub(super) fn tracker_hint(&self, state: &State) -> String {
        // A plenary exercise runs: it has no rooms.
        if let Some((_, b)) = state.running()
            && b.block.exercise.is_some()
            && running_exercise(state).is_none()
        {
            return format!(
                "“{}” is an exercise in plenary: there are no rooms to track",
                b.block.title
            );
        }
        if state.current_round().is_none() {
            super::people::no_groups()
        } else {
            "No exercise is running: start the block that has it, or its report-back".into()
        }
    }

    /// The person selected in the groups pane.
    pub fn selected_person(&self, state: &State) -> Option<PersonKey> {
        self.selected_among(&people_in_order(state))
    }

    /// The selected person, among the people of the groups pane in its order (as
    /// [`people_in_order`] gives them).
    pub fn selected_among(&self, people: &[PersonKey]) -> Option<PersonKey> {
        people
            .get(self.roster_selected.min(people.len().saturating_sub(1)))
            .cloned()
    }

    /// Reads `5 mixed`, `size 6 fresh`, `keep`, `plan rounds.csv 3`, `import rooms.csv` into
    /// a request to form groups.
    pub(super) fn form_groups_action(
        &self,
        state: &State,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Action, String> {
        let spec = match super::rooms_file::given_spec(text, self) {
            Some(given) => given?,
            None => crate::core::GroupSpec::parse(text)?,
        };
        let day = self.day;
        let label = state
            .running()
            .map(|(_, b)| b.block.title.clone())
            .or_else(|| {
                self.selected_block(state)
                    .and_then(|i| state.days.get(day)?.blocks.get(i))
                    .map(|b| b.block.title.clone())
            })
            .unwrap_or_else(|| format!("Day {}", day + 1));
        Ok(Action::FormGroups {
            day,
            label,
            spec,
            seed: spec_seed(now),
        })
    }

    /// The replan being previewed, as it stands at `now`.
    pub fn replan_proposal(&self, state: &State, now: DateTime<Utc>) -> Option<Replan> {
        propose_replan(state, self.replan?, now)
    }

    /// The id of the selected block of the shown day.
    pub fn selected_block_id(&self, state: &State) -> Option<BlockId> {
        let index = self.selected_block(state)?;
        Some(state.days.get(self.day)?.blocks.get(index)?.id)
    }

    /// The named timer selected in the timers pane (row 0 is the running block's clock).
    pub fn selected_timer(&self, state: &State) -> Option<TimerId> {
        let row = self.timer_selected;
        if row == 0 {
            return None;
        }
        state.timers.get(row - 1).map(|t| t.id)
    }

    pub(super) fn show_day(&mut self, state: &State, day: Option<usize>) {
        match day.filter(|d| *d < state.days.len()) {
            Some(d) => self.day = d,
            None => {
                self.status = Some(Status {
                    text: if day.is_none() {
                        "This is the first day".into()
                    } else {
                        "This is the last day".into()
                    },
                    is_error: false,
                    said_at: self.clock,
                })
            }
        }
    }

    pub(super) fn move_selection(&mut self, state: &State, by: isize) {
        let day = self.day;
        if self.mode == Mode::Popup {
            let screen = self.screen;
            if let Some(popup) = self.popup.as_mut() {
                popup.scroll_by(by, screen);
            }
            return;
        }
        if self.mode == Mode::Help {
            let scroll = self.help_scroll as isize + by.clamp(-1000, 1000);
            self.help_scroll = scroll.clamp(0, 1000) as u16;
            return;
        }
        let (len, selected) = match self.focus {
            Pane::Agenda => (
                state.days.get(day).map_or(0, |d| d.blocks.len()),
                self.agenda_selected.get_mut(day),
            ),
            Pane::Exercises if self.tracking(state) => (
                state.current_round().map_or(0, |r| r.rooms.len()),
                Some(&mut self.tracker_room),
            ),
            Pane::Exercises => (
                state.workshop.day_exercises(day).len(),
                self.exercise_selected.get_mut(day),
            ),
            Pane::Groups => (
                people_in_order(state).len(),
                Some(&mut self.roster_selected),
            ),
            Pane::Timers => (state.timers.len() + 1, Some(&mut self.timer_selected)),
        };
        if let Some(sel) = selected
            && len > 0
        {
            *sel = (*sel as isize)
                .saturating_add(by)
                .clamp(0, len as isize - 1) as usize;
        }
    }

    /// The selected block of the shown day.
    pub fn selected_block(&self, state: &State) -> Option<usize> {
        let day = self.day;
        let len = state.days.get(day)?.blocks.len();
        self.agenda_selected.get(day).copied().filter(|s| *s < len)
    }
}

/// The exercise whose rooms the tracker follows: the running block's own exercise in breakout
/// rooms, or the one it reports back on (see [`crate::core::tracked_exercise`]).
pub fn running_exercise(state: &State) -> Option<String> {
    crate::core::tracked_exercise(state)
}

/// The people of the groups pane in the order it lists them: room by room, then those in
/// no room; without groups, the roster.
pub fn people_in_order(state: &State) -> Vec<PersonKey> {
    let roster = &state.roster.participants;
    match state.current_round() {
        None => roster.iter().map(|p| p.key()).collect(),
        Some(round) => {
            let mut out: Vec<PersonKey> = round
                .rooms
                .iter()
                .flat_map(|r| r.members.iter().cloned())
                .collect();
            let placed: std::collections::HashSet<&PersonKey> =
                round.rooms.iter().flat_map(|r| r.members.iter()).collect();
            let outside: Vec<PersonKey> = roster
                .iter()
                .map(|p| p.key())
                .filter(|k| !placed.contains(k))
                .collect();
            out.extend(outside);
            out
        }
    }
}

/// The current round as the exports need it.
pub fn export_rooms(state: &State) -> Option<Vec<crate::export::Room>> {
    let round = state.current_round()?;
    Some(
        round
            .rooms
            .iter()
            .map(|r| crate::export::Room {
                name: r.name.clone(),
                members: r
                    .members
                    .iter()
                    .map(|key| {
                        let p = state.person(key);
                        crate::export::Member {
                            name: p.map_or_else(|| key.to_string(), |p| p.name.clone()),
                            email: p.and_then(|p| p.email.clone()),
                            country: p.and_then(|p| p.country.clone()),
                            rapporteur: r.rapporteur.as_ref() == Some(key),
                        }
                    })
                    .collect(),
            })
            .collect(),
    )
}

/// Whether anything on screen counts seconds (a running block): then the screen changes
/// every second, otherwise only every minute.
pub fn shows_seconds(state: &State) -> bool {
    state.running().is_some() || state.timers.iter().any(|t| !t.is_paused())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(reads: Option<Vec<std::path::PathBuf>>) -> Seat {
        let workshop = crate::programme::default_workshop().unwrap();
        let mut seat = Seat::new(&workshop, chrono::Utc::now(), LocalZone::System);
        seat.reads = reads;
        seat
    }

    #[test]
    fn a_remote_seat_reads_only_inside_the_folders_the_lead_shared() {
        let root = tempfile::tempdir().unwrap();
        let shared = root.path().join("shared");
        std::fs::create_dir_all(shared.join("day1")).unwrap();
        std::fs::write(shared.join("rounds.csv"), "x").unwrap();
        std::fs::write(shared.join("day1").join("rooms.csv"), "x").unwrap();
        std::fs::write(root.path().join("secret.csv"), "x").unwrap();
        let remote = seat(Some(vec![shared.clone()]));
        // Named from the first shared folder, or in full.
        assert!(remote.may_read("rounds.csv").is_ok());
        assert!(remote.may_read("day1/rooms.csv").is_ok());
        assert!(
            remote
                .may_read(&shared.join("rounds.csv").display().to_string())
                .is_ok()
        );
        // Not outside, not by climbing out, not what is missing; the refusal names the file as
        // typed and nothing of any contents.
        let outside = root.path().join("secret.csv").display().to_string();
        assert_eq!(
            remote.may_read(&outside),
            Err(format!(
                "Not done: {outside} is not in a folder the lead shared"
            ))
        );
        assert!(remote.may_read("../secret.csv").is_err());
        assert!(remote.may_read("day1/../../secret.csv").is_err());
        assert!(remote.may_read("missing.csv").is_err());
        // Nothing shared: nothing read.
        assert!(seat(Some(Vec::new())).may_read("rounds.csv").is_err());
        // The host's own seat reads what it is given.
        assert_eq!(
            seat(None).may_read("anything.csv"),
            Ok(std::path::PathBuf::from("anything.csv"))
        );
    }
}
