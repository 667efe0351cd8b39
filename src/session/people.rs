//! What the people, rooms and tracker commands do at a seat: pairs, moves, swaps, absences
//! and late joiners in the groups pane; naming and clearing rooms and copying them; each
//! room's steps, help, notes and report-back in the exercise tracker.

use chrono::{DateTime, Utc};

use super::input::{Input, InputKind};
use super::popup::Popup;
use super::seat::{Confirm, export_rooms, running_exercise};
use super::{Effect, Seat, Step};
use crate::core::{Action, RoundIx, State};
use crate::keymap::{self, Command, Mode};
use crate::view::Pane;

impl Seat {
    /// People in the groups pane: pairs to keep together or apart, moves, swaps, absences.
    pub(super) fn people_command(
        &mut self,
        state: &State,
        command: Command,
        now: DateTime<Utc>,
    ) -> Step {
        if !self.person_shown(command) {
            return Step::default();
        }
        match command {
            Command::PairTogether | Command::PairApart => {
                let rule = if command == Command::PairTogether {
                    crate::core::PairRule::Together
                } else {
                    crate::core::PairRule::Apart
                };
                let Some(person) = self.selected_person(state) else {
                    self.say(select_someone(), true);
                    return Step::default();
                };
                match self.pair_mark.take() {
                    Some((first, r)) if r == rule && first != person => {
                        return self.act(
                            state,
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
                        let name = state
                            .person(&person)
                            .map_or_else(|| person.to_string(), |p| p.name.clone());
                        let how = match rule {
                            crate::core::PairRule::Together => "together with",
                            crate::core::PairRule::Apart => "apart from",
                        };
                        let key = keymap::key_for(Mode::Normal, command);
                        self.say(
                            format!("Keep {name} {how}…? Select the other person, {key} again"),
                            false,
                        );
                        self.pair_mark = Some((person, rule));
                    }
                }
            }
            Command::MovePerson(by) => {
                if let Some(person) = self.selected_person(state) {
                    return self.act(state, Action::MovePerson { person, by }, now);
                }
                self.say(select_someone(), true);
            }
            Command::Swap => {
                let Some(person) = self.selected_person(state) else {
                    self.say(select_someone(), true);
                    return Step::default();
                };
                match self.swap_mark.take() {
                    None => {
                        let name = state
                            .person(&person)
                            .map_or_else(|| person.to_string(), |p| p.name.clone());
                        self.swap_mark = Some(person);
                        self.say(
                            format!(
                                "Swap {name} with…? Select the other person, {} again",
                                keymap::key_for(Mode::Normal, Command::Swap)
                            ),
                            false,
                        );
                    }
                    Some(a) if a == person => self.say("Swap cancelled".into(), false),
                    Some(a) => return self.act(state, Action::Swap { a, b: person }, now),
                }
            }
            Command::ToggleAbsent => {
                if let Some(person) = self.selected_person(state) {
                    let day = self.day;
                    return self.act(state, Action::ToggleAbsent { person, day }, now);
                }
                self.say(select_someone(), true);
            }
            Command::PlaceLate => {
                if let Some(person) = self.selected_person(state) {
                    return self.act(state, Action::PlaceLate { person }, now);
                }
                self.say(select_someone(), true);
            }
            Command::Rapporteur => {
                if let Some(person) = self.selected_person(state) {
                    return self.act(state, Action::Rapporteur { person }, now);
                }
                self.say(select_someone(), true);
            }
            _ => {}
        }
        Step::default()
    }

    /// Whether the person a command acts on is shown selected: only in the groups pane in
    /// focus. Elsewhere the command does nothing, focuses that pane and says so, so that
    /// nobody is moved or marked absent unseen.
    fn person_shown(&mut self, command: Command) -> bool {
        if self.focus == Pane::Groups {
            return true;
        }
        self.focus = Pane::Groups;
        self.say(
            keymap::naming(
                Mode::Normal,
                "Not done: {key} acts on the person selected in the groups pane, now in focus: select them, then {key} again",
                &[command, command],
            ),
            true,
        );
        false
    }

    /// Rooms: forming, renaming, clearing, copying for the chat, the Zoom file.
    pub(super) fn rooms_command(&mut self, state: &State, command: Command) -> Step {
        match command {
            Command::FormGroups => {
                let suggestion = match state.current_round() {
                    Some(r) => format!("{} fresh", r.rooms.len()),
                    None => "5 mixed".to_string(),
                };
                self.open_prompt(Input::suggest(InputKind::Groups, &suggestion));
            }
            Command::RenameRoom => {
                if !self.person_shown(command) {
                    return Step::default();
                }
                let room = self
                    .selected_person(state)
                    .and_then(|p| state.current_round().and_then(|r| r.room_of(&p)));
                match (room, state.current_round()) {
                    (Some(room), Some(r)) => {
                        let name = r.rooms[room.0].name.clone();
                        self.open_prompt(Input::suggest(InputKind::RenameRoom(room), &name));
                    }
                    _ => self.say("Select someone in the room to rename first".into(), true),
                }
            }
            Command::ClearGroups => {
                if state.current_round().is_some() {
                    self.ask(state, Confirm::ClearGroups);
                } else {
                    self.say("No groups to clear".into(), true);
                }
            }
            Command::CopyGroups => match export_rooms(state) {
                Some(rooms) => {
                    let text = crate::export::chat_text(&rooms);
                    let what = format!("the {} rooms for the Zoom chat", rooms.len());
                    self.say(
                        format!("The {} rooms for the Zoom chat", rooms.len()),
                        false,
                    );
                    self.open_popup(Popup::new(format!("Copied: {what}"), text.clone()));
                    return Step {
                        effects: vec![Effect::Copy(text)],
                        ..Step::default()
                    };
                }
                None => self.say(no_groups(), true),
            },
            Command::ExportZoom => match export_rooms(state) {
                Some(rooms) => match crate::export::zoom_csv(&rooms) {
                    Ok(export) => {
                        let round = state.rounds.len();
                        // Written where convene was started, and said by its full path.
                        let name = format!("rooms-day{}-round{round}.csv", self.day + 1);
                        let path = match &self.files {
                            Some(dir) => dir.join(&name).display().to_string(),
                            None => {
                                std::path::absolute(&name).map_or(name, |p| p.display().to_string())
                            }
                        };
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
                None => self.say(no_groups(), true),
            },
            _ => {}
        }
        Step::default()
    }

    /// The exercise tracker: a room's progress, help, notes, the report-back.
    pub(super) fn tracker_command(
        &mut self,
        state: &State,
        command: Command,
        now: DateTime<Utc>,
    ) -> Step {
        match command {
            Command::StepProgress(forward) => {
                if let Some((exercise, room)) = self.tracked_room(state) {
                    return self.act(
                        state,
                        Action::StepProgress {
                            exercise,
                            room,
                            forward,
                        },
                        now,
                    );
                }
                self.say(self.tracker_hint(state), true);
            }
            Command::RoomNeedsHelp => {
                if let Some((exercise, room)) = self.tracked_room(state) {
                    return self.act(state, Action::RoomNeedsHelp { exercise, room }, now);
                }
                // No exercise tracked, but a room still flagged (its block has ended): `h`
                // marks it helped. In the groups pane, the selected person's room if it is
                // flagged; elsewhere the first room the header lists.
                let flagged = state.tracker.needing_help();
                let own_room = (self.focus == Pane::Groups)
                    .then(|| self.selected_person(state))
                    .flatten()
                    .and_then(|p| {
                        let round = state.current_round_index()?;
                        Some((round, state.current_round()?.room_of(&p)?))
                    });
                let pick = own_room
                    .and_then(|(round, room)| {
                        flagged.iter().find(|(_, r, m)| (*r, *m) == (round, room))
                    })
                    .or(flagged.first());
                if let Some((exercise, round, room)) = pick {
                    let (exercise, round, room) = (exercise.to_string(), *round, *room);
                    return self.act(
                        state,
                        Action::Helped {
                            exercise,
                            round,
                            room,
                        },
                        now,
                    );
                }
                self.say(self.tracker_hint(state), true);
            }
            Command::WriteNotes => match self.tracked_room(state) {
                Some((exercise, room)) => {
                    let round = state.current_round_index().unwrap_or(RoundIx(0));
                    let text = state
                        .tracker
                        .get(&exercise, round, room)
                        .map(|p| p.notes.clone())
                        .unwrap_or_default();
                    self.input = Some(Input::of(InputKind::Notes { exercise, room }, &text));
                    self.mode = Mode::Notes;
                }
                None => self.say(self.tracker_hint(state), true),
            },
            Command::CallNextReport => match running_exercise(state) {
                Some(exercise) if state.current_round().is_some() => {
                    return self.act(state, Action::CallNextReport { exercise }, now);
                }
                _ => self.say(self.tracker_hint(state), true),
            },
            _ => {}
        }
        Step::default()
    }
}

/// Nobody selected for an action on a person: where to select them.
fn select_someone() -> String {
    keymap::naming(
        Mode::Normal,
        "Select someone in the groups pane ({key}) first",
        &[Command::Focus(Pane::Groups)],
    )
}

/// No groups to act on: the key that forms them.
pub(super) fn no_groups() -> String {
    keymap::naming(
        Mode::Normal,
        "No groups yet: {key} forms them",
        &[Command::FormGroups],
    )
}
