//! The console as a whole, without a terminal: the session state, what is on screen, and what
//! a key press does to both. The runtime feeds it keys and the time; tests do the same.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use crossterm::event::KeyEvent;

use crate::core::{Action, BlockStatus, Event, State, update};
use crate::keymap::{self, Command, Mode};
use crate::programme::Workshop;

/// The four panes, in the order Tab visits them and 1-4 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    Timers,
    Groups,
    Exercises,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Agenda, Pane::Timers, Pane::Groups, Pane::Exercises];

    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Agenda => "Agenda",
            Pane::Groups => "Breakout groups",
            Pane::Timers => "Timers",
            Pane::Exercises => "Exercises",
        }
    }

    fn step(self, by: isize) -> Pane {
        let n = Pane::ALL.len() as isize;
        let i = (self.number() as isize - 1 + by).rem_euclid(n);
        Pane::ALL[i as usize]
    }
}

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
    pub help_scroll: u16,
    pub status: Option<Status>,
    pub local_zone: LocalZone,
}

/// What a key press asks of the runtime.
#[derive(Debug, Default, PartialEq)]
pub struct Step {
    /// Events to record and then apply with [`App::apply`].
    pub events: Vec<Event>,
    pub quit: bool,
}

pub struct App {
    pub state: State,
    pub view: ViewState,
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
            view: ViewState {
                mode: Mode::Normal,
                focus: Pane::Agenda,
                day,
                agenda_selected: vec![0; days],
                exercise_selected: vec![0; days],
                roster_selected: 0,
                help_scroll: 0,
                status: None,
                local_zone,
            },
        }
    }

    pub fn workshop(&self) -> &Workshop {
        &self.state.workshop
    }

    /// Handles a key press: changes what is on screen at once, and returns the events that
    /// the session should record.
    pub fn on_key(&mut self, key: &KeyEvent, now: DateTime<Utc>) -> Step {
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
        for e in events {
            self.state.apply(e);
        }
        if let Some(event) = events.last() {
            self.follow(event);
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
                let day = self.view.day;
                let selected = self.view.agenda_selected.get(day).copied().unwrap_or(0);
                let Some(block) = self
                    .state
                    .days
                    .get(day)
                    .and_then(|d| d.blocks.get(selected))
                else {
                    return Step::default();
                };
                return self.act(Action::StartBlock(block.id), now);
            }
            Command::Next => return self.act(Action::Next { day: self.view.day }, now),
            Command::Help => {
                v.mode = Mode::Help;
                v.help_scroll = 0;
            }
            Command::CloseHelp => v.mode = Mode::Normal,
            Command::Quit => {
                if self.state.running().is_some() {
                    self.view.mode = Mode::ConfirmQuit;
                } else {
                    return Step {
                        events: Vec::new(),
                        quit: true,
                    };
                }
            }
            Command::ConfirmQuit => {
                return Step {
                    events: Vec::new(),
                    quit: true,
                };
            }
            Command::CancelQuit => v.mode = Mode::Normal,
        }
        Step::default()
    }

    fn act(&mut self, action: Action, now: DateTime<Utc>) -> Step {
        match update(&self.state, action, now) {
            Ok(events) => Step {
                events,
                quit: false,
            },
            Err(refusal) => {
                self.view.status = Some(Status {
                    text: refusal.0,
                    is_error: true,
                });
                Step::default()
            }
        }
    }

    /// After a block starts, the screen follows it: its day is shown and it is selected.
    fn follow(&mut self, event: &Event) {
        if let Event::BlockStarted { block, .. } = event
            && let Some((day, index)) = self.state.find(*block)
        {
            self.view.day = day;
            if let Some(sel) = self.view.agenda_selected.get_mut(day) {
                *sel = index;
            }
            let title = &self.state.days[day].blocks[index].block.title;
            self.view.status = Some(Status {
                text: format!("Started “{title}”"),
                is_error: false,
            });
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
            Pane::Exercises => (
                self.state.workshop.day_exercises(day).len(),
                self.view.exercise_selected.get_mut(day),
            ),
            Pane::Groups => (
                self.state.roster.len(),
                Some(&mut self.view.roster_selected),
            ),
            Pane::Timers => return,
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
        self.state
            .running()
            .is_some_and(|(_, b)| b.status() == BlockStatus::Running)
    }
}
