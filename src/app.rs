//! The console as a whole, without a terminal: the session state, what is on screen, and what
//! a key press does to both. The runtime feeds it keys and the time; tests do the same.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use crossterm::event::KeyEvent;

use crate::core::{Action, BlockId, Event, Replan, State, TimerId, propose_replan, update};
use crate::journal;
use crate::keymap::{self, Command, Mode};
use crate::programme::BlockKind;
use crate::programme::Workshop;
pub use crate::view::Pane;
use crossterm::event::{KeyCode, KeyModifiers};

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
}

/// What is on screen but is not part of the session: not journaled, not replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
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
    pub swap_mark: Option<String>,
    /// The first person chosen for a together/apart pair.
    pub pair_mark: Option<(String, crate::core::PairRule)>,
    /// Selected room in the exercise tracker.
    pub tracker_room: usize,
    /// The exercise pane shows every exercise by room.
    pub overview: bool,
}

/// Something for the runtime to do besides recording events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Ring the terminal bell.
    Bell,
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Write a file (the Zoom pre-assignment CSV).
    WriteFile { path: String, contents: String },
}

/// What a key press asks of the runtime.
#[derive(Debug, Default, PartialEq)]
pub struct Step {
    /// Events to record and then apply with [`App::apply`].
    pub events: Vec<Event>,
    pub quit: bool,
    pub effects: Vec<Effect>,
}

impl Step {
    fn quit() -> Step {
        Step {
            quit: true,
            ..Step::default()
        }
    }
}

/// A journal being replayed: its events, and how many of them are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    pub records: Vec<journal::Record>,
    pub position: usize,
    /// When the journal was started: the time on screen before the first event.
    pub opened: DateTime<Utc>,
}

/// A question waiting for yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Quit,
    FinishDay(usize),
    DeleteTimer(TimerId),
    ClearGroups,
}

/// What a line being typed is for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum InputKind {
    #[default]
    Countdown,
    /// How to form groups: `5 mixed`, `size 6 fresh`, `keep`.
    Groups,
    RenameRoom(usize),
    /// A room's notes for an exercise: several lines.
    Notes {
        exercise: String,
        room: usize,
    },
}

impl InputKind {
    pub fn prompt(&self) -> &'static str {
        match self {
            InputKind::Countdown => "New countdown (minutes, then a name): ",
            InputKind::Groups => "Form groups (count or `size N`, then random/mixed/fresh/keep): ",
            InputKind::RenameRoom(_) => "New room name: ",
            InputKind::Notes { .. } => "Notes: ",
        }
    }
}

/// A line of text being typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    pub text: String,
    /// Cursor position, in characters.
    pub cursor: usize,
    pub kind: InputKind,
}

impl Input {
    pub fn new(text: &str) -> Input {
        Input::of(InputKind::Countdown, text)
    }

    pub fn of(kind: InputKind, text: &str) -> Input {
        Input {
            text: text.to_string(),
            cursor: text.chars().count(),
            kind,
        }
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Edits with a key: characters, Backspace, Delete, ←, →, Home, End, Ctrl-U. Returns
    /// whether the key was an editing key.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let len = self.text.chars().count();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Enter if matches!(self.kind, InputKind::Notes { .. }) => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, '\n');
                self.cursor += 1;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            // In notes, Home and End go to the start and end of the line.
            KeyCode::Home => {
                let chars: Vec<char> = self.text.chars().collect();
                self.cursor = chars[..self.cursor.min(chars.len())]
                    .iter()
                    .rposition(|c| *c == '\n')
                    .map_or(0, |i| i + 1);
            }
            KeyCode::End => {
                let chars: Vec<char> = self.text.chars().collect();
                let from = self.cursor.min(chars.len());
                self.cursor = chars[from..]
                    .iter()
                    .position(|c| *c == '\n')
                    .map_or(len, |i| from + i);
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// Pasted text goes in at the cursor: on one line, except in notes.
    pub fn paste(&mut self, text: &str) {
        let multiline = matches!(self.kind, InputKind::Notes { .. });
        for c in text.chars().filter(|c| *c != '\r') {
            let c = if c == '\n' && multiline {
                c
            } else if c.is_control() {
                ' '
            } else {
                c
            };
            let at = self.byte_at(self.cursor);
            self.text.insert(at, c);
            self.cursor += 1;
        }
    }
}

/// A seed for forming groups: from the time, so each round differs; recorded with the
/// groups, so the journal replays the same rooms.
fn spec_seed(now: DateTime<Utc>) -> u64 {
    now.timestamp().unsigned_abs()
}

/// Reads `15 Breakout rooms` or `1:30 Speaker` as a countdown length and a name.
pub fn parse_countdown(text: &str) -> Result<(u32, String), String> {
    let text = text.trim();
    let (figure, label) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let seconds = match figure.split_once(':') {
        Some((m, s)) => m
            .parse::<u32>()
            .ok()
            .zip(s.parse::<u32>().ok().filter(|s| *s < 60))
            .map(|(m, s)| m * 60 + s),
        None => figure.parse::<u32>().ok().map(|m| m.saturating_mul(60)),
    };
    match seconds {
        Some(s) if s > 0 => Ok((s, label.trim().to_string())),
        _ => Err(format!(
            "“{figure}” is not a length: type minutes (or m:ss) first, e.g. `15 Breakout rooms`"
        )),
    }
}

pub struct App {
    pub state: State,
    pub view: ViewState,
    /// A journal being watched again, read-only.
    pub replay: Option<Replay>,
    /// Counts changes: every key, paste and applied event bumps it.
    revision: u64,
}

const PAGE: usize = 10;

impl App {
    /// A console on a programme, opened on the day that fits `now`.
    pub fn new(workshop: Arc<Workshop>, now: DateTime<Utc>, local_zone: LocalZone) -> Self {
        let days = workshop.days().len();
        let day = workshop.day_for(now);
        let state = State::new(workshop);
        App {
            state,
            replay: None,
            revision: 0,
            view: ViewState {
                mode: Mode::Normal,
                focus: Pane::Agenda,
                day,
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
            },
        }
    }

    /// Changes with every key, paste and applied event: what is drawn from the state and the
    /// view can be kept while it stays the same.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn workshop(&self) -> &Workshop {
        &self.state.workshop
    }

    /// Handles a key press: changes what is on screen at once, and returns the events that
    /// the session should record.
    pub fn on_key(&mut self, key: &KeyEvent, now: DateTime<Utc>) -> Step {
        self.revision += 1;
        if matches!(self.view.mode, Mode::Input | Mode::Notes)
            && key.kind != crossterm::event::KeyEventKind::Release
            && keymap::lookup(self.view.mode, key).is_none()
            && let Some(input) = self.view.input.as_mut()
        {
            input.edit(key);
            return Step::default();
        }
        match keymap::lookup(self.view.mode, key) {
            Some(command) => {
                self.view.status = None;
                self.on_command(command, now)
            }
            None => Step::default(),
        }
    }

    /// Records nothing itself: applies events the runtime has recorded.
    pub fn apply(&mut self, events: &[Event]) {
        if events.is_empty() {
            return;
        }
        self.revision += 1;
        // Said before applying: an undo describes the batch as it was.
        let undo = events.iter().find_map(|e| match e {
            Event::Undone { .. } => Some(crate::core::describe(&self.state, e)),
            _ => None,
        });
        self.state.apply_batch(events);
        if let Some(text) = undo {
            let mut text = text;
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + &text[1..];
            }
            self.say(text, false);
        }
        if let Some(event) = events.last() {
            self.follow(event);
        }
        // A deleted timer must not leave the selection past the end.
        self.view.timer_selected = self.view.timer_selected.min(self.state.timers.len());
    }

    /// Pasted text: into the line being typed, if any.
    pub fn on_paste(&mut self, text: &str) {
        self.revision += 1;
        if matches!(self.view.mode, Mode::Input | Mode::Notes)
            && let Some(input) = self.view.input.as_mut()
        {
            input.paste(text);
        }
    }

    /// Test and headless helper: a key press whose events are applied at once.
    pub fn press(&mut self, key: &KeyEvent, now: DateTime<Utc>) -> Step {
        let step = self.on_key(key, now);
        self.apply(&step.events);
        step
    }

    pub fn on_command(&mut self, command: Command, now: DateTime<Utc>) -> Step {
        let v = &mut self.view;
        match command {
            Command::FocusNext => v.focus = v.focus.step(1),
            Command::FocusPrev => v.focus = v.focus.step(-1),
            Command::Focus(p) => v.focus = p,
            Command::Up => self.move_selection(-1),
            Command::Down => self.move_selection(1),
            Command::PageUp => self.move_selection(-(PAGE as isize)),
            Command::PageDown => self.move_selection(PAGE as isize),
            Command::Top => self.move_selection(isize::MIN / 2),
            Command::Bottom => self.move_selection(isize::MAX / 2),
            Command::PrevDay => self.show_day(self.view.day.checked_sub(1)),
            Command::NextDay => self.show_day(Some(self.view.day + 1)),
            Command::StartSelected => {
                if let Some(id) = self.selected_block_id() {
                    return self.act(Action::StartBlock(id), now);
                }
            }
            Command::Next => return self.act(Action::Next { day: self.view.day }, now),
            Command::Adjust(minutes) => {
                return match self.selected_timer() {
                    Some(timer) if self.view.focus == Pane::Timers => self.act(
                        Action::AdjustTimer {
                            timer,
                            seconds: i64::from(minutes) * 60,
                        },
                        now,
                    ),
                    _ => self.act(Action::ExtendRunning { minutes }, now),
                };
            }
            Command::Undo => return self.act(Action::Undo, now),
            Command::StepProgress(forward) => {
                if let Some((exercise, room)) = self.tracked_room() {
                    return self.act(
                        Action::StepProgress {
                            exercise,
                            room,
                            forward,
                        },
                        now,
                    );
                }
                self.say(self.tracker_hint(), true);
            }
            Command::RoomNeedsHelp => {
                if let Some((exercise, room)) = self.tracked_room() {
                    return self.act(Action::RoomNeedsHelp { exercise, room }, now);
                }
                self.say(self.tracker_hint(), true);
            }
            Command::WriteNotes => match self.tracked_room() {
                Some((exercise, room)) => {
                    let round = self.state.current_round_index().unwrap_or(0);
                    let text = self
                        .state
                        .tracker
                        .get(&exercise, round, room)
                        .map(|p| p.notes.clone())
                        .unwrap_or_default();
                    self.view.input = Some(Input::of(InputKind::Notes { exercise, room }, &text));
                    self.view.mode = Mode::Notes;
                }
                None => self.say(self.tracker_hint(), true),
            },
            Command::CallNextReport => match self.running_exercise() {
                Some(exercise) if self.state.current_round().is_some() => {
                    return self.act(Action::CallNextReport { exercise }, now);
                }
                _ => self.say(self.tracker_hint(), true),
            },
            Command::Overview => self.view.overview = !self.view.overview,
            Command::PairTogether | Command::PairApart => {
                let rule = if command == Command::PairTogether {
                    crate::core::PairRule::Together
                } else {
                    crate::core::PairRule::Apart
                };
                let Some(person) = self.selected_person() else {
                    self.say("Select someone in the groups pane (3) first".into(), true);
                    return Step::default();
                };
                match self.view.pair_mark.take() {
                    Some((first, r)) if r == rule && first != person => {
                        return self.act(
                            Action::RulePair {
                                a: first,
                                b: person,
                                rule,
                            },
                            now,
                        );
                    }
                    Some((first, r)) if r == rule && first == person => {
                        self.say("Pairing cancelled".into(), false);
                    }
                    _ => {
                        let name = self
                            .state
                            .person(&person)
                            .map_or(person.clone(), |p| p.name.clone());
                        let how = match rule {
                            crate::core::PairRule::Together => "together with",
                            crate::core::PairRule::Apart => "apart from",
                        };
                        let key = if rule == crate::core::PairRule::Together {
                            'T'
                        } else {
                            'A'
                        };
                        self.say(
                            format!("Keep {name} {how}…? Select the other person, {key} again"),
                            false,
                        );
                        self.view.pair_mark = Some((person, rule));
                    }
                }
            }
            Command::FormGroups => {
                let suggestion = match self.state.current_round() {
                    Some(r) => format!("{} fresh", r.rooms.len()),
                    None => "5 mixed".to_string(),
                };
                self.view.input = Some(Input::of(InputKind::Groups, &suggestion));
                self.view.mode = Mode::Input;
            }
            Command::MovePerson(by) => {
                if let Some(person) = self.selected_person() {
                    return self.act(Action::MovePerson { person, by }, now);
                }
                self.say("Select someone in the groups pane (3) first".into(), true);
            }
            Command::Swap => {
                let Some(person) = self.selected_person() else {
                    self.say("Select someone in the groups pane (3) first".into(), true);
                    return Step::default();
                };
                match self.view.swap_mark.take() {
                    None => {
                        let name = self
                            .state
                            .person(&person)
                            .map_or(person.clone(), |p| p.name.clone());
                        self.view.swap_mark = Some(person);
                        self.say(
                            format!("Swap {name} with…? Select the other person, S again"),
                            false,
                        );
                    }
                    Some(a) if a == person => self.say("Swap cancelled".into(), false),
                    Some(a) => return self.act(Action::Swap { a, b: person }, now),
                }
            }
            Command::ToggleAbsent => {
                if let Some(person) = self.selected_person() {
                    let day = self.view.day;
                    return self.act(Action::ToggleAbsent { person, day }, now);
                }
            }
            Command::PlaceLate => {
                if let Some(person) = self.selected_person() {
                    return self.act(Action::PlaceLate { person }, now);
                }
            }
            Command::Rapporteur => {
                if let Some(person) = self.selected_person() {
                    return self.act(Action::Rapporteur { person }, now);
                }
            }
            Command::RenameRoom => {
                let room = self
                    .selected_person()
                    .and_then(|p| self.state.current_round().and_then(|r| r.room_of(&p)));
                match (room, self.state.current_round()) {
                    (Some(room), Some(r)) => {
                        let name = r.rooms[room].name.clone();
                        self.view.input = Some(Input::of(InputKind::RenameRoom(room), &name));
                        self.view.mode = Mode::Input;
                    }
                    _ => self.say("Select someone in the room to rename first".into(), true),
                }
            }
            Command::ClearGroups => {
                if self.state.current_round().is_some() {
                    self.ask(Confirm::ClearGroups);
                } else {
                    self.say("No groups to clear".into(), true);
                }
            }
            Command::CopyGroups => match self.export_rooms() {
                Some(rooms) => {
                    let text = crate::export::chat_text(&rooms);
                    self.say(
                        format!("Copied the {} rooms for the chat", rooms.len()),
                        false,
                    );
                    return Step {
                        effects: vec![Effect::Copy(text)],
                        ..Step::default()
                    };
                }
                None => self.say("No groups yet: f forms them".into(), true),
            },
            Command::ExportZoom => match self.export_rooms() {
                Some(rooms) => match crate::export::zoom_csv(&rooms) {
                    Ok(export) => {
                        let round = self.state.rounds.len();
                        let path = format!("rooms-day{}-round{round}.csv", self.view.day + 1);
                        let mut text = format!("Wrote {path} for Zoom");
                        if !export.by_hand.is_empty() {
                            let names: Vec<String> = export
                                .by_hand
                                .iter()
                                .map(|b| format!("{} → {}", b.name, b.room))
                                .collect();
                            text.push_str(&format!("; move by hand: {}", names.join(", ")));
                        }
                        for w in &export.warnings {
                            text.push_str(&format!("; {w}"));
                        }
                        self.say(text, !export.by_hand.is_empty());
                        return Step {
                            effects: vec![Effect::WriteFile {
                                path,
                                contents: export.csv,
                            }],
                            ..Step::default()
                        };
                    }
                    Err(e) => self.say(e.0, true),
                },
                None => self.say("No groups yet: f forms them".into(), true),
            },
            Command::ToggleSkip => {
                if let Some(id) = self.selected_block_id() {
                    return self.act(Action::ToggleSkip(id), now);
                }
            }
            Command::MoveUp | Command::MoveDown => {
                if let Some(id) = self.selected_block_id() {
                    let by = if command == Command::MoveUp { -1 } else { 1 };
                    return self.act(Action::Move { block: id, by }, now);
                }
            }
            Command::InsertBreak(minutes) => {
                let day = self.view.day;
                let after = self.selected_block_id();
                return self.act(
                    Action::InsertBreak {
                        day,
                        after,
                        minutes,
                    },
                    now,
                );
            }
            Command::FinishDay => {
                let day = self.view.day;
                if self
                    .state
                    .days
                    .get(day)
                    .is_some_and(|d| d.finished_at.is_some())
                {
                    self.say(format!("Day {} is already finished", day + 1), true);
                } else {
                    self.ask(Confirm::FinishDay(day));
                }
            }
            Command::Replan => {
                let day = self.state.running().map_or(self.view.day, |(d, _)| d);
                match propose_replan(&self.state, day, now) {
                    None => self.say(format!("Day {} has nothing left to plan", day + 1), true),
                    Some(plan) if plan.changes.is_empty() => {
                        let tz = self.state.workshop.tz;
                        self.say(
                            format!(
                                "Day {} ends on time: projected {}, planned {}",
                                day + 1,
                                plan.end_before.with_timezone(&tz).format("%H:%M"),
                                plan.planned_end.with_timezone(&tz).format("%H:%M")
                            ),
                            false,
                        );
                    }
                    Some(plan) => {
                        self.view.replan = Some(plan.day);
                        self.view.mode = Mode::Replan;
                    }
                }
            }
            Command::NewCountdown => {
                self.view.input = Some(Input::new(&self.countdown_suggestion(now)));
                self.view.mode = Mode::Input;
            }
            Command::NewStopwatch => {
                return self.act(
                    Action::StartTimer {
                        label: "Stopwatch".into(),
                        seconds: None,
                    },
                    now,
                );
            }
            Command::PauseResume | Command::RestartTimer | Command::DeleteTimer => {
                let Some(timer) = self.selected_timer() else {
                    let hint = if self.state.timers.is_empty() {
                        "No timer yet: t starts a countdown, w a stopwatch"
                    } else {
                        "Select a timer in the timers pane (2, then ↑↓) first"
                    };
                    self.say(hint.into(), true);
                    return Step::default();
                };
                return match command {
                    Command::PauseResume => self.act(Action::PauseResume(timer), now),
                    Command::RestartTimer => self.act(Action::RestartTimer(timer), now),
                    _ => {
                        self.ask(Confirm::DeleteTimer(timer));
                        Step::default()
                    }
                };
            }
            Command::BigDigits => self.view.big = !self.view.big,
            Command::ToggleZones => self.view.zones = !self.view.zones,
            Command::CopyCue => {
                let text = self.state.running().and_then(|(_, b)| {
                    b.due_cues(now)
                        .first()
                        .and_then(|i| b.block.cues.get(*i))
                        .map(|c| c.text.clone())
                });
                let mut step = self.act(Action::SendCue, now);
                if let (Some(text), false) = (text, step.events.is_empty()) {
                    self.say(format!("Copied for broadcast: {text}"), false);
                    step.effects.push(Effect::Copy(text));
                }
                return step;
            }
            Command::Help => {
                v.mode = Mode::Help;
                v.help_scroll = 0;
            }
            Command::CloseHelp => {
                v.mode = if self.replay.is_some() {
                    Mode::Replay
                } else {
                    Mode::Normal
                };
            }
            Command::Quit => {
                if self.state.running().is_some() {
                    self.ask(Confirm::Quit);
                } else {
                    return Step::quit();
                }
            }
            Command::QuitNow => return Step::quit(),
            Command::Yes => {
                let confirm = self.view.confirm.take();
                self.view.mode = Mode::Normal;
                return match confirm {
                    Some(Confirm::Quit) => Step::quit(),
                    Some(Confirm::FinishDay(day)) => self.act(Action::FinishDay { day }, now),
                    Some(Confirm::DeleteTimer(timer)) => self.act(Action::DeleteTimer(timer), now),
                    Some(Confirm::ClearGroups) => self.act(Action::ClearGroups, now),
                    None => Step::default(),
                };
            }
            Command::No => {
                v.confirm = None;
                v.mode = Mode::Normal;
            }
            Command::Apply => {
                self.view.mode = Mode::Normal;
                if self.view.replan.is_some() {
                    let plan = self.replan_proposal(now);
                    self.view.replan = None;
                    if let Some(plan) = plan {
                        return self.act(
                            Action::Replan {
                                day: plan.day,
                                changes: plan.changes,
                            },
                            now,
                        );
                    }
                    return Step::default();
                }
                if let Some(input) = self.view.input.take() {
                    let action = match &input.kind {
                        InputKind::Countdown => {
                            parse_countdown(&input.text).map(|(seconds, label)| {
                                Action::StartTimer {
                                    label,
                                    seconds: Some(seconds),
                                }
                            })
                        }
                        InputKind::Groups => self.form_groups_action(&input.text, now),
                        InputKind::RenameRoom(room) => Ok(Action::RenameRoom {
                            room: *room,
                            name: input.text.clone(),
                        }),
                        InputKind::Notes { exercise, room } => Ok(Action::WriteNotes {
                            exercise: exercise.clone(),
                            room: *room,
                            text: input.text.clone(),
                        }),
                    };
                    return match action {
                        Ok(action) => {
                            let step = self.act(action, now);
                            if step.events.is_empty() {
                                // Refused: keep the line to correct it.
                                self.view.mode = if matches!(input.kind, InputKind::Notes { .. }) {
                                    Mode::Notes
                                } else {
                                    Mode::Input
                                };
                                self.view.input = Some(input);
                            }
                            step
                        }
                        Err(message) => {
                            self.view.mode = if matches!(input.kind, InputKind::Notes { .. }) {
                                Mode::Notes
                            } else {
                                Mode::Input
                            };
                            self.view.input = Some(input);
                            self.say(message, true);
                            Step::default()
                        }
                    };
                }
            }
            Command::ReplayStep(by) => {
                if let Some(r) = &self.replay {
                    let to = (r.position as i64 + i64::from(by)).clamp(0, r.records.len() as i64);
                    self.replay_to(to as usize);
                }
            }
            Command::ReplayJump(minutes) => {
                if let (Some(r), Some(at)) = (&self.replay, self.replay_now()) {
                    let target = at + chrono::Duration::minutes(i64::from(minutes));
                    // Forward: every event up to the target time; back: those before it.
                    let to = r
                        .records
                        .iter()
                        .take_while(|x| x.at.with_timezone(&Utc) <= target)
                        .count();
                    let to = if minutes < 0 {
                        to.min(r.position.saturating_sub(1))
                    } else {
                        to.max((r.position + 1).min(r.records.len()))
                    };
                    self.replay_to(to);
                }
            }
            Command::ReplayStart => self.replay_to(0),
            Command::ReplayEnd => {
                let end = self.replay.as_ref().map_or(0, |r| r.records.len());
                self.replay_to(end);
            }
            Command::Discard => {
                v.replan = None;
                v.input = None;
                v.mode = Mode::Normal;
            }
        }
        Step::default()
    }

    /// Time passed: announces thresholds crossed since the last tick, with the bell.
    pub fn tick(&mut self, now: DateTime<Utc>) -> Step {
        match update(&self.state, Action::Tick, now) {
            Ok(events) if !events.is_empty() => Step {
                events,
                quit: false,
                effects: vec![Effect::Bell],
            },
            _ => Step::default(),
        }
    }

    fn ask(&mut self, confirm: Confirm) {
        self.view.confirm = Some(confirm);
        self.view.mode = Mode::Confirm;
    }

    fn say(&mut self, text: String, is_error: bool) {
        self.view.status = Some(Status { text, is_error });
    }

    /// A message for the footer from outside the key handling (the runtime's).
    pub fn say_status(&mut self, text: String, is_error: bool) {
        self.revision += 1;
        self.say(text, is_error);
    }

    /// Continues a session from a replayed journal: the screen opens on the running block's
    /// day, with it selected.
    pub fn resume(&mut self, state: State) {
        self.state = state;
        self.revision += 1;
        if let Some((day, b)) = self.state.running() {
            let id = b.id;
            self.view.day = day;
            if let Some(i) = self.state.days[day].blocks.iter().position(|x| x.id == id)
                && let Some(sel) = self.view.agenda_selected.get_mut(day)
            {
                *sel = i;
            }
        }
        let days = self.state.days.len();
        self.view.agenda_selected.resize(days, 0);
        self.view.exercise_selected.resize(days, 0);
    }

    /// What `t` offers to type: the running breakout's length and title, else a report-back
    /// speaker's three minutes.
    fn countdown_suggestion(&self, now: DateTime<Utc>) -> String {
        match self.state.running() {
            Some((_, b)) if matches!(b.block.kind, BlockKind::Breakout | BlockKind::Exercise) => {
                let left = b.remaining(now).num_seconds().max(60) / 60;
                format!("{left} {}", b.block.title)
            }
            _ => "3 Report-back speaker".into(),
        }
    }

    fn act(&mut self, action: Action, now: DateTime<Utc>) -> Step {
        match update(&self.state, action, now) {
            Ok(events) => Step {
                events,
                quit: false,
                effects: Vec::new(),
            },
            Err(refusal) => {
                self.say(refusal.0, true);
                Step::default()
            }
        }
    }

    /// Opens a journal read-only, at its start.
    pub fn start_replay(&mut self, records: Vec<journal::Record>, opened: DateTime<Utc>) {
        self.replay = Some(Replay {
            records,
            position: 0,
            opened,
        });
        self.view.mode = Mode::Replay;
        self.replay_to(0);
    }

    /// The time on screen in a replay: that of the last event applied.
    pub fn replay_now(&self) -> Option<DateTime<Utc>> {
        let r = self.replay.as_ref()?;
        Some(
            match r.position.checked_sub(1).and_then(|i| r.records.get(i)) {
                Some(record) => record.at.with_timezone(&Utc),
                None => r.opened,
            },
        )
    }

    /// Shows the session as it was after `position` events.
    fn replay_to(&mut self, position: usize) {
        let Some(r) = &self.replay else {
            return;
        };
        let workshop = Arc::clone(&self.state.workshop);
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
        if let Some(r) = self.replay.as_mut() {
            r.position = position;
        }
        self.revision += 1;
        self.view.timer_selected = self.view.timer_selected.min(self.state.timers.len());
        if let Some((day, _)) = self.state.running() {
            self.view.day = day;
        }
        self.say(text, false);
    }

    /// The exercise of the running block, if it has one.
    pub fn running_exercise(&self) -> Option<String> {
        self.state.running()?.1.block.exercise.clone()
    }

    /// Whether the exercise pane tracks rooms: an exercise runs and there are groups.
    pub fn tracking(&self) -> bool {
        self.running_exercise().is_some() && self.state.current_round().is_some()
    }

    /// The running exercise and the room selected in the tracker.
    pub fn tracked_room(&self) -> Option<(String, usize)> {
        let rooms = self.state.current_round()?.rooms.len();
        let exercise = self.running_exercise()?;
        Some((
            exercise,
            self.view.tracker_room.min(rooms.saturating_sub(1)),
        ))
    }

    fn tracker_hint(&self) -> String {
        if self.state.current_round().is_none() {
            "No groups yet: f forms them".into()
        } else {
            "No exercise is running: start the block that has it".into()
        }
    }

    /// The people of the groups pane in the order it lists them: room by room, then those in
    /// no room; without groups, the roster.
    pub fn people_in_order(&self) -> Vec<String> {
        let roster = &self.state.roster.participants;
        match self.state.current_round() {
            None => roster.iter().map(|p| p.key()).collect(),
            Some(round) => {
                let mut out: Vec<String> = round
                    .rooms
                    .iter()
                    .flat_map(|r| r.members.iter().cloned())
                    .collect();
                for p in roster {
                    let key = p.key();
                    if !out.contains(&key) {
                        out.push(key);
                    }
                }
                out
            }
        }
    }

    /// The person selected in the groups pane.
    pub fn selected_person(&self) -> Option<String> {
        let people = self.people_in_order();
        people
            .get(
                self.view
                    .roster_selected
                    .min(people.len().saturating_sub(1)),
            )
            .cloned()
    }

    /// The current round as the exports need it.
    pub fn export_rooms(&self) -> Option<Vec<crate::export::Room>> {
        let round = self.state.current_round()?;
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
                            let p = self.state.person(key);
                            crate::export::Member {
                                name: p.map_or_else(|| key.clone(), |p| p.name.clone()),
                                email: p.and_then(|p| p.email.clone()),
                                country: p.and_then(|p| p.country.clone()),
                                rapporteur: r.rapporteur.as_deref() == Some(key.as_str()),
                            }
                        })
                        .collect(),
                })
                .collect(),
        )
    }

    /// Reads `5 mixed`, `size 6 fresh`, `keep` into a request to form groups.
    fn form_groups_action(&self, text: &str, now: DateTime<Utc>) -> Result<Action, String> {
        let spec = crate::core::GroupSpec::parse(text)?;
        let day = self.view.day;
        let label = self
            .state
            .running()
            .map(|(_, b)| b.block.title.clone())
            .or_else(|| {
                self.selected_block()
                    .and_then(|i| self.state.days.get(day)?.blocks.get(i))
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
    pub fn replan_proposal(&self, now: DateTime<Utc>) -> Option<Replan> {
        propose_replan(&self.state, self.view.replan?, now)
    }

    /// The id of the selected block of the shown day.
    pub fn selected_block_id(&self) -> Option<BlockId> {
        let index = self.selected_block()?;
        Some(self.state.days.get(self.view.day)?.blocks.get(index)?.id)
    }

    /// The named timer selected in the timers pane (row 0 is the running block's clock).
    pub fn selected_timer(&self) -> Option<TimerId> {
        let row = self.view.timer_selected;
        if row == 0 {
            return None;
        }
        self.state.timers.get(row - 1).map(|t| t.id)
    }

    /// After a block starts, the screen follows it: its day is shown and it is selected.
    fn follow(&mut self, event: &Event) {
        match event {
            Event::BlockStarted { block, .. } => {
                if let Some((day, index)) = self.state.find(*block) {
                    self.view.day = day;
                    if let Some(sel) = self.view.agenda_selected.get_mut(day) {
                        *sel = index;
                    }
                    let title = self.state.days[day].blocks[index].block.title.clone();
                    self.say(format!("Started “{title}”"), false);
                }
            }
            Event::BlockMoved { block, .. } | Event::BreakInserted { block, .. } => {
                if let Some((day, index)) = self.state.find(*block)
                    && let Some(sel) = self.view.agenda_selected.get_mut(day)
                {
                    *sel = index;
                }
            }
            Event::BlockResized { block, minutes, .. } => {
                if let Some(b) = self.state.block(*block) {
                    let past = match b.block.max_minutes {
                        Some(max) if *minutes > max => {
                            format!(" — past its planned maximum of {max} min")
                        }
                        _ => String::new(),
                    };
                    let text = format!("“{}” now {minutes} min{past}", b.block.title);
                    self.say(text, !past.is_empty());
                }
            }
            Event::ParticipantMoved { person, .. }
            | Event::ParticipantsSwapped { b: person, .. }
            | Event::MarkedAbsent { person, .. }
            | Event::MarkedPresent { person, .. } => {
                // The selection stays on the person, wherever the list now shows them.
                if let Some(i) = self.people_in_order().iter().position(|k| k == person) {
                    self.view.roster_selected = i;
                }
            }
            Event::TimerStarted { label, .. } => {
                self.view.timer_selected = self.state.timers.len();
                self.say(format!("Started “{label}”"), false);
            }
            Event::Replanned { day, changes, .. } => {
                self.say(
                    format!("Day {} replanned: {} change(s)", day + 1, changes.len()),
                    false,
                );
            }
            _ => {}
        }
    }

    fn show_day(&mut self, day: Option<usize>) {
        match day.filter(|d| *d < self.state.days.len()) {
            Some(d) => self.view.day = d,
            None => {
                self.view.status = Some(Status {
                    text: if day.is_none() {
                        "This is the first day".into()
                    } else {
                        "This is the last day".into()
                    },
                    is_error: false,
                })
            }
        }
    }

    fn move_selection(&mut self, by: isize) {
        let day = self.view.day;
        if self.view.mode == Mode::Help {
            let scroll = self.view.help_scroll as isize + by.clamp(-1000, 1000);
            self.view.help_scroll = scroll.clamp(0, 1000) as u16;
            return;
        }
        let (len, selected) = match self.view.focus {
            Pane::Agenda => (
                self.state.days.get(day).map_or(0, |d| d.blocks.len()),
                self.view.agenda_selected.get_mut(day),
            ),
            Pane::Exercises if self.tracking() => (
                self.state.current_round().map_or(0, |r| r.rooms.len()),
                Some(&mut self.view.tracker_room),
            ),
            Pane::Exercises => (
                self.state.workshop.day_exercises(day).len(),
                self.view.exercise_selected.get_mut(day),
            ),
            Pane::Groups => (
                self.people_in_order().len(),
                Some(&mut self.view.roster_selected),
            ),
            Pane::Timers => (
                self.state.timers.len() + 1,
                Some(&mut self.view.timer_selected),
            ),
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
    pub fn selected_block(&self) -> Option<usize> {
        let day = self.view.day;
        let len = self.state.days.get(day)?.blocks.len();
        self.view
            .agenda_selected
            .get(day)
            .copied()
            .filter(|s| *s < len)
    }

    /// Whether anything on screen counts seconds (a running block): then the screen changes
    /// every second, otherwise only every minute.
    pub fn shows_seconds(&self) -> bool {
        self.state.running().is_some() || self.state.timers.iter().any(|t| !t.is_paused())
    }
}
