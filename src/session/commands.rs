//! What each command does at a seat, by domain: the view, popups, the agenda, the timers,
//! the prompts, the replay (people, rooms and the tracker are in `people.rs`). A command that
//! changes the session becomes an action, decided by `core::update`; the rest change only
//! this seat.

use chrono::{DateTime, Utc};

use super::input::{Input, InputKind, parse_countdown};
use super::popup::{self, Popup};
use super::seat::{Confirm, EARLY_FINISH, running_exercise};
use super::{Effect, Seat, Session, Step};
use crate::core::{Action, State, propose_replan};
use crate::keymap::{self, Command, Mode};
use crate::view::Pane;

/// Rows moved by Page Up and Page Down.
const PAGE: usize = 10;

impl Seat {
    /// Carries out a command of this seat's.
    pub(super) fn command(
        &mut self,
        session: &Session,
        command: Command,
        now: DateTime<Utc>,
    ) -> Step {
        let state = session.state();
        match command {
            Command::FocusNext
            | Command::FocusPrev
            | Command::Focus(_)
            | Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::Top
            | Command::Bottom
            | Command::PrevDay
            | Command::NextDay
            | Command::Overview
            | Command::BigDigits
            | Command::ToggleZones
            | Command::Help
            | Command::CloseHelp
            | Command::Redraw => self.view_command(session, command),
            Command::ShowText | Command::ClosePopup | Command::ChatMessage | Command::Workshop => {
                self.popup_command(session, command, now)
            }
            Command::AddWalkIn => {
                self.open_prompt(Input::of(InputKind::WalkIn, ""));
                Step::default()
            }
            Command::StartSelected
            | Command::Next
            | Command::Adjust(_)
            | Command::Undo
            | Command::ToggleSkip
            | Command::MoveUp
            | Command::MoveDown
            | Command::InsertBreak(_)
            | Command::FinishDay
            | Command::Replan
            | Command::CopyCue => self.agenda_command(state, command, now),
            Command::NewCountdown
            | Command::NewStopwatch
            | Command::PauseResume
            | Command::RestartTimer
            | Command::DeleteTimer => self.timers_command(state, command, now),
            Command::PairTogether
            | Command::PairApart
            | Command::MovePerson(_)
            | Command::Swap
            | Command::ToggleAbsent
            | Command::PlaceLate
            | Command::Rapporteur => self.people_command(state, command, now),
            Command::FormGroups
            | Command::RenameRoom
            | Command::ClearGroups
            | Command::CopyGroups
            | Command::ExportZoom => self.rooms_command(state, command),
            Command::StepProgress(_)
            | Command::RoomNeedsHelp
            | Command::WriteNotes
            | Command::CallNextReport => self.tracker_command(state, command, now),
            Command::Quit
            | Command::QuitNow
            | Command::Yes
            | Command::No
            | Command::Apply
            | Command::Discard => self.prompt_command(state, command, now),
            Command::ReplayStep(_)
            | Command::ReplayJump(_)
            | Command::ReplayStart
            | Command::ReplayEnd => self.replay_command(session, command),
            Command::Seats => Step {
                effects: vec![Effect::Seats],
                ..Step::default()
            },
            Command::RenewCodes if self.role != crate::core::Role::Lead => {
                self.say(
                    format!(
                        "Not done: new join codes are the lead's to give, and this seat is a {}",
                        self.role.name()
                    ),
                    true,
                );
                Step::default()
            }
            Command::RenewCodes => Step {
                effects: vec![Effect::RenewCodes],
                ..Step::default()
            },
        }
    }

    /// Focus, selection, the day shown, toggles, help: this seat only.
    fn view_command(&mut self, session: &Session, command: Command) -> Step {
        let state = session.state();
        match command {
            Command::FocusNext => self.focus = self.focus.step(1),
            Command::FocusPrev => self.focus = self.focus.step(-1),
            Command::Focus(p) => self.focus = p,
            Command::Up => self.move_selection(state, -1),
            Command::Down => self.move_selection(state, 1),
            Command::PageUp => self.move_selection(state, -(PAGE as isize)),
            Command::PageDown => self.move_selection(state, PAGE as isize),
            Command::Top => self.move_selection(state, isize::MIN / 2),
            Command::Bottom => self.move_selection(state, isize::MAX / 2),
            Command::PrevDay => self.show_day(state, self.day.checked_sub(1)),
            Command::NextDay => self.show_day(state, Some(self.day + 1)),
            Command::Overview => self.overview = !self.overview,
            Command::BigDigits => self.big = !self.big,
            // Said, as the strip is left out of a window too low for it.
            Command::ToggleZones => {
                self.zones = !self.zones;
                let text = if self.zones {
                    "Participants' time zones shown (when the window is tall enough)"
                } else {
                    "Participants' time zones hidden"
                };
                self.say(text.into(), false);
            }
            Command::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Command::CloseHelp => {
                self.mode = if session.replaying().is_some() {
                    Mode::Replay
                } else {
                    Mode::Normal
                };
            }
            // The runtime, which holds the terminal, clears it and draws every cell again.
            Command::Redraw => {}
            _ => {}
        }
        Step::default()
    }

    /// The whole text of the selected block (in the exercises pane: of the selected exercise)
    /// in a popup, and closing it.
    fn popup_command(&mut self, session: &Session, command: Command, now: DateTime<Utc>) -> Step {
        let state = session.state();
        match command {
            Command::ShowText => {
                let shown = match self.focus {
                    Pane::Exercises if self.tracking(state) => running_exercise(state)
                        .and_then(|id| state.workshop.exercise(&id))
                        .map(|ex| popup::exercise_text(&state.workshop, ex)),
                    Pane::Exercises => {
                        let exercises = state.workshop.day_exercises(self.day);
                        let selected = self.exercise_selected.get(self.day).copied().unwrap_or(0);
                        exercises
                            .get(selected.min(exercises.len().saturating_sub(1)))
                            .map(|ex| popup::exercise_text(&state.workshop, ex))
                    }
                    _ => self
                        .selected_block(state)
                        .and_then(|i| popup::block_text(state, self.day, i, now)),
                };
                match shown {
                    Some(p) => self.open_popup(p),
                    None if self.focus == Pane::Exercises => {
                        self.say(format!("Day {} has no exercise", self.day + 1), true)
                    }
                    None => self.say(format!("Day {} has no block", self.day + 1), true),
                }
            }
            Command::ChatMessage => {
                let shown = self.popup.as_ref().and_then(|p| p.message);
                match popup::next_message(state, self.day, now, shown) {
                    Some((p, text)) => {
                        let key = keymap::key_for(Mode::Popup, Command::ChatMessage);
                        self.say(format!("{}: {key} copies the next", p.title), false);
                        self.open_popup(p);
                        return Step {
                            effects: vec![Effect::Copy(text)],
                            ..Step::default()
                        };
                    }
                    None => self.say("The programme has no chat message".into(), true),
                }
            }
            Command::Workshop => self.open_popup(popup::workshop_text(&state.workshop)),
            Command::ClosePopup => {
                self.popup = None;
                self.mode = if session.replaying().is_some() {
                    Mode::Replay
                } else {
                    Mode::Normal
                };
            }
            _ => {}
        }
        Step::default()
    }

    /// Shows a text in a popup, from its start.
    pub fn open_popup(&mut self, popup: Popup) {
        self.revision += 1;
        self.popup = Some(popup);
        self.mode = Mode::Popup;
    }

    /// Opens a prompt with a suggestion, shown selected: typing replaces it, Enter takes it.
    pub(super) fn open_prompt(&mut self, input: Input) {
        self.input = Some(input);
        self.mode = Mode::Input;
        // What the footer said is replaced by the prompt; an old refusal must not stay
        // beside it.
        self.status = None;
    }

    /// Blocks: start, extend, skip, move, breaks, finishing the day, replanning, cues.
    fn agenda_command(&mut self, state: &State, command: Command, now: DateTime<Utc>) -> Step {
        match command {
            Command::StartSelected => {
                if let Some(id) = self.selected_block_id(state) {
                    return self.act(state, Action::StartBlock(id), now);
                }
            }
            Command::Next => {
                // Two quick presses must not finish a block after no time at all.
                let just_started = state
                    .running()
                    .and_then(|(_, b)| b.started_at)
                    .is_some_and(|s| now - s < EARLY_FINISH);
                if just_started {
                    self.ask(state, Confirm::Next(self.day));
                    return Step::default();
                }
                return self.act(state, Action::Next { day: self.day }, now);
            }
            Command::Adjust(minutes) => {
                return match self.selected_timer(state) {
                    Some(timer) if self.focus == Pane::Timers => self.act(
                        state,
                        Action::AdjustTimer {
                            timer,
                            seconds: i64::from(minutes) * 60,
                        },
                        now,
                    ),
                    _ => self.act(state, Action::ExtendRunning { minutes }, now),
                };
            }
            Command::Undo => return self.act(state, Action::Undo(self.who.clone()), now),
            Command::ToggleSkip => {
                if let Some(id) = self.selected_block_id(state) {
                    return self.act(state, Action::ToggleSkip(id), now);
                }
            }
            Command::MoveUp | Command::MoveDown => {
                if let Some(id) = self.selected_block_id(state) {
                    let by = if command == Command::MoveUp { -1 } else { 1 };
                    return self.act(state, Action::Move { block: id, by }, now);
                }
            }
            Command::InsertBreak(minutes) => {
                let day = self.day;
                let after = self.selected_block_id(state);
                return self.act(
                    state,
                    Action::InsertBreak {
                        day,
                        after,
                        minutes,
                    },
                    now,
                );
            }
            Command::FinishDay => {
                let day = self.day;
                if state.days.get(day).is_some_and(|d| d.finished_at.is_some()) {
                    self.say(format!("Day {} is already finished", day + 1), true);
                } else {
                    self.ask(state, Confirm::FinishDay(day));
                }
            }
            Command::Replan => {
                let day = state.running().map_or(self.day, |(d, _)| d);
                match propose_replan(state, day, now) {
                    None => self.say(format!("Day {} has nothing left to plan", day + 1), true),
                    Some(plan) if plan.changes.is_empty() => {
                        let tz = state.workshop.tz;
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
                        self.replan = Some(plan.day);
                        self.mode = Mode::Replan;
                    }
                }
            }
            Command::CopyCue => {
                let text = state.running().and_then(|(_, b)| {
                    b.due_cues(now)
                        .first()
                        .and_then(|i| b.block.cues.get(*i))
                        .map(|c| c.text.clone())
                });
                let mut step = self.act(state, Action::SendCue, now);
                if let (Some(text), false) = (text, step.events.is_empty()) {
                    // Shown in full too: a clipboard that stays empty leaves it readable.
                    self.open_popup(Popup::new("Cue, for Zoom's broadcast", text.clone()));
                    step.effects.push(Effect::Copy(text));
                }
                return step;
            }
            _ => {}
        }
        Step::default()
    }

    /// Named timers: a countdown, a stopwatch, pause, restart, delete.
    fn timers_command(&mut self, state: &State, command: Command, now: DateTime<Utc>) -> Step {
        match command {
            Command::NewCountdown => {
                let suggestion = self.countdown_suggestion(state, now);
                self.open_prompt(Input::suggest(InputKind::Countdown, &suggestion));
            }
            Command::NewStopwatch => {
                return self.act(
                    state,
                    Action::StartTimer {
                        label: "Stopwatch".into(),
                        seconds: None,
                    },
                    now,
                );
            }
            Command::PauseResume | Command::RestartTimer | Command::DeleteTimer => {
                let Some(timer) = self.selected_timer(state) else {
                    let hint = if state.timers.is_empty() {
                        keymap::naming(
                            Mode::Normal,
                            "No timer yet: {key} starts a countdown, {key} a stopwatch",
                            &[Command::NewCountdown, Command::NewStopwatch],
                        )
                    } else {
                        keymap::naming(
                            Mode::Normal,
                            "Select a timer in the timers pane ({key}, then ↑↓) first",
                            &[Command::Focus(Pane::Timers)],
                        )
                    };
                    self.say(hint, true);
                    return Step::default();
                };
                return match command {
                    Command::PauseResume => self.act(state, Action::PauseResume(timer), now),
                    Command::RestartTimer => self.act(state, Action::RestartTimer(timer), now),
                    _ => {
                        self.ask(state, Confirm::DeleteTimer(timer));
                        Step::default()
                    }
                };
            }
            _ => {}
        }
        Step::default()
    }

    /// Questions and prompts: yes, no, apply what was typed, discard, quit.
    fn prompt_command(&mut self, state: &State, command: Command, now: DateTime<Utc>) -> Step {
        match command {
            Command::Quit => {
                if state.running().is_some() {
                    self.ask(state, Confirm::Quit);
                } else {
                    return Step::quit();
                }
            }
            Command::QuitNow => return Step::quit(),
            Command::Yes => {
                let confirm = self.confirm.take();
                self.mode = Mode::Normal;
                return match confirm {
                    Some(Confirm::Quit) => Step::quit(),
                    Some(confirm) => match confirm.action() {
                        Some(action) => self.act(state, action, now),
                        None => Step::default(),
                    },
                    None => Step::default(),
                };
            }
            Command::No => {
                self.confirm = None;
                self.mode = Mode::Normal;
                self.say("Not done: nothing changed".into(), false);
            }
            Command::Apply => {
                self.mode = Mode::Normal;
                if self.replan.is_some() {
                    let plan = self.replan_proposal(state, now);
                    self.replan = None;
                    if let Some(plan) = plan {
                        return self.act(
                            state,
                            Action::Replan {
                                day: plan.day,
                                changes: plan.changes,
                            },
                            now,
                        );
                    }
                    return Step::default();
                }
                if let Some(input) = self.input.take() {
                    let action = match &input.kind {
                        InputKind::Countdown => {
                            parse_countdown(&input.text).map(|(seconds, label)| {
                                Action::StartTimer {
                                    label,
                                    seconds: Some(seconds),
                                }
                            })
                        }
                        InputKind::Groups => self.form_groups_action(state, &input.text, now),
                        InputKind::RenameRoom(room) => Ok(Action::RenameRoom {
                            room: *room,
                            name: input.text.clone(),
                        }),
                        InputKind::Notes { exercise, room } => Ok(Action::WriteNotes {
                            exercise: exercise.clone(),
                            room: *room,
                            text: input.text.clone(),
                        }),
                        InputKind::WalkIn => Ok(walk_in(&input.text)),
                    };
                    return match action {
                        Ok(action) => {
                            let step = self.act(state, action, now);
                            if step.events.is_empty() {
                                // Refused: keep the line to correct it.
                                self.mode = if matches!(input.kind, InputKind::Notes { .. }) {
                                    Mode::Notes
                                } else {
                                    Mode::Input
                                };
                                self.input = Some(input);
                            }
                            step
                        }
                        Err(message) => {
                            self.mode = if matches!(input.kind, InputKind::Notes { .. }) {
                                Mode::Notes
                            } else {
                                Mode::Input
                            };
                            self.input = Some(input);
                            self.say(message, true);
                            Step::default()
                        }
                    };
                }
            }
            Command::Discard => {
                let what = if self.replan.take().is_some() {
                    "Replan discarded: nothing changed"
                } else {
                    "Cancelled: nothing changed"
                };
                self.input = None;
                self.mode = Mode::Normal;
                self.say(what.into(), false);
            }
            _ => {}
        }
        Step::default()
    }

    /// Stepping through a journal watched again: asks the session to show another moment.
    fn replay_command(&mut self, session: &Session, command: Command) -> Step {
        let Some(r) = session.replaying() else {
            return Step::default();
        };
        let to = match command {
            Command::ReplayStep(by) => {
                (r.position as i64 + i64::from(by)).clamp(0, r.records.len() as i64) as usize
            }
            Command::ReplayJump(minutes) => {
                let target = r.now() + chrono::Duration::minutes(i64::from(minutes));
                // Forward: every event up to the target time; back: those before it.
                let to = r
                    .records
                    .iter()
                    .take_while(|x| x.at.with_timezone(&Utc) <= target)
                    .count();
                if minutes < 0 {
                    to.min(r.position.saturating_sub(1))
                } else {
                    to.max((r.position + 1).min(r.records.len()))
                }
            }
            Command::ReplayEnd => r.records.len(),
            _ => 0,
        };
        Step {
            replay_to: Some(to),
            ..Step::default()
        }
    }
}

/// `name; country; email` as typed for a walk-in (a name may hold a comma: "Santos, Maria
/// Luisa"): the name first; then a part with `@` is the email and the other the country, in
/// either order.
fn walk_in(text: &str) -> Action {
    let mut parts = text.split(';').map(str::trim);
    let name = parts.next().unwrap_or_default().to_string();
    let (mut country, mut email) = (None, None);
    for part in parts.filter(|p| !p.is_empty()) {
        if part.contains('@') {
            email = Some(part.to_string());
        } else {
            country = Some(part.to_string());
        }
    }
    Action::AddWalkIn {
        name,
        country,
        email,
    }
}
