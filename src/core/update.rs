use std::fmt;

use chrono::{DateTime, Utc};

use super::{Action, BlockStatus, Event, Progress, State, agenda, timers, tracker};

/// Why an action was not carried out, in words for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub(super) fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(message.into()))
}

/// The shortest a block can be made from the keyboard.
pub(super) const MIN_BLOCK_MINUTES: i64 = 1;
/// The longest a countdown can be: a whole day.
pub(super) const MAX_TIMER_SECONDS: u32 = 24 * 3600;

/// Decides what an action means now. Pure: the state is not changed here; the caller records
/// the events and applies them.
pub fn update(state: &State, action: Action, now: DateTime<Utc>) -> Result<Vec<Event>, Refusal> {
    match action {
        Action::StartBlock(id) => agenda::start_block(state, id, now),
        Action::Next { day } => agenda::next(state, day, now),
        Action::ExtendRunning { minutes } => agenda::extend_running(state, minutes, now),
        Action::ToggleSkip(id) => agenda::toggle_skip(state, id, now),
        Action::Move { block, by } => agenda::move_block(state, block, by, now),
        Action::InsertBreak {
            day,
            after,
            minutes,
        } => agenda::insert_break(state, day, after, minutes, now),
        Action::FinishDay { day } => agenda::finish_day(state, day, now),
        Action::Replan { day, changes } => agenda::replan(day, changes, now),
        Action::StartTimer { label, seconds } => timers::start(state, label, seconds, now),
        Action::PauseResume(id) => timers::pause_resume(state, id, now),
        Action::AdjustTimer { timer, seconds } => timers::adjust(state, timer, seconds, now),
        Action::RestartTimer(id) => timers::restart(state, id, now),
        Action::DeleteTimer(id) => timers::delete(state, id, now),
        Action::SendCue => agenda::send_cue(state, now),
        Action::MovePerson { person, by } => {
            let round = current_round(state)?;
            let Some(from) = round.room_of(&person) else {
                return refuse(format!(
                    "{} is in no room: L places them in the smallest",
                    name(state, &person)
                ));
            };
            let n = round.rooms.len() as i64;
            let to = (from as i64 + i64::from(by)).rem_euclid(n) as usize;
            if to == from {
                return refuse("there is only one room");
            }
            Ok(vec![Event::ParticipantMoved {
                person,
                to,
                at: now,
            }])
        }
        Action::Swap { a, b } => {
            let round = current_round(state)?;
            match (round.room_of(&a), round.room_of(&b)) {
                (Some(x), Some(y)) if x != y => {
                    Ok(vec![Event::ParticipantsSwapped { a, b, at: now }])
                }
                (Some(_), Some(_)) => refuse("they are in the same room already"),
                _ => refuse("both must be in a room to swap"),
            }
        }
        Action::ToggleAbsent { person, day } => {
            if state.person(&person).is_none() {
                return refuse("that person is not on the roster");
            }
            if state.absences.is_absent(day, &person) {
                Ok(vec![Event::MarkedPresent {
                    person,
                    day,
                    at: now,
                }])
            } else {
                Ok(vec![Event::MarkedAbsent {
                    person,
                    day,
                    at: now,
                }])
            }
        }
        Action::PlaceLate { person } => {
            let round = current_round(state)?;
            if let Some(room) = round.room_of(&person) {
                return refuse(format!(
                    "{} is already in {}",
                    name(state, &person),
                    round.rooms[room].name
                ));
            }
            let to = round
                .smallest()
                .ok_or_else(|| Refusal("the round has no rooms".into()))?;
            let mut events = Vec::new();
            if state.absences.is_absent(round.day, &person) {
                events.push(Event::MarkedPresent {
                    person: person.clone(),
                    day: round.day,
                    at: now,
                });
            }
            events.push(Event::ParticipantMoved {
                person,
                to,
                at: now,
            });
            Ok(events)
        }
        Action::Rapporteur { person } => {
            let round = current_round(state)?;
            let Some(room) = round.room_of(&person) else {
                return refuse(format!("{} is in no room", name(state, &person)));
            };
            let same = round.rooms[room].rapporteur.as_deref() == Some(person.as_str());
            Ok(vec![Event::RapporteurChosen {
                room,
                person: if same { None } else { Some(person) },
                at: now,
            }])
        }
        Action::RenameRoom { room, name: new } => {
            let round = current_round(state)?;
            let new = new.trim().to_string();
            if new.is_empty() {
                return refuse("a room needs a name");
            }
            if round.rooms.get(room).is_none() {
                return refuse("there is no such room");
            }
            if round
                .rooms
                .iter()
                .enumerate()
                .any(|(i, r)| i != room && r.name == new)
            {
                return refuse(format!("another room is already called “{new}”"));
            }
            Ok(vec![Event::RoomRenamed {
                room,
                name: new,
                at: now,
            }])
        }
        Action::FormGroups {
            day,
            label,
            spec,
            seed,
        } => super::groups::form_round(state, day, label, spec, seed, now),
        Action::StepProgress {
            exercise,
            room,
            forward,
        } => tracker::step_progress(state, exercise, room, forward, now),
        Action::RoomNeedsHelp { exercise, room } => {
            tracker::toggle_help(state, exercise, room, now)
        }
        Action::WriteNotes {
            exercise,
            room,
            text,
        } => tracker::write_notes(state, exercise, room, text, now),
        Action::RulePair { a, b, rule } => {
            if a == b {
                return refuse("choose two different people");
            }
            if state.person(&a).is_none() || state.person(&b).is_none() {
                return refuse("both must be on the roster");
            }
            let existing = state
                .pairs
                .iter()
                .find(|(x, y, _)| (*x == a && *y == b) || (*x == b && *y == a))
                .map(|(_, _, r)| *r);
            Ok(vec![Event::PairRuled {
                a,
                b,
                rule: if existing == Some(rule) {
                    None
                } else {
                    Some(rule)
                },
                at: now,
            }])
        }
        Action::CallNextReport { exercise } => call_next_report(state, exercise, now),
        Action::ClearGroups => {
            current_round(state)?;
            Ok(vec![Event::GroupsCleared { at: now }])
        }
        Action::Undo => match state.last_undoable() {
            Some(batch) => Ok(vec![Event::Undone { batch, at: now }]),
            None => refuse("nothing to undo"),
        },
        Action::Tick => Ok(state
            .due_thresholds(now)
            .into_iter()
            .map(|(target, threshold)| Event::ThresholdCrossed {
                target,
                threshold,
                at: now,
            })
            .collect()),
    }
}

/// Speaking timers are named so.
const REPORT_TIMER: &str = "Report-back: ";

/// The current round's index and one of its rooms.
pub(super) fn room_of_round(state: &State, room: usize) -> Result<(usize, &super::Room), Refusal> {
    let index = state
        .current_round_index()
        .ok_or_else(|| Refusal("no groups yet: f forms them".into()))?;
    let r = current_round(state)?
        .rooms
        .get(room)
        .ok_or_else(|| Refusal("there is no such room".into()))?;
    Ok((index, r))
}

/// Ends the report-back in progress (that room has reported) and calls the next room that has
/// not, with its speaker and a speaking timer. The speaker is the room's rapporteur, else the
/// member who has reported least so far, so that across the days everyone gets a turn.
fn call_next_report(
    state: &State,
    exercise: String,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    let round_index = state
        .current_round_index()
        .ok_or_else(|| Refusal("no groups yet: f forms them".into()))?;
    let round = current_round(state)?;
    let progress = |room: usize| {
        state
            .tracker
            .get(&exercise, round_index, room)
            .and_then(|p| p.progress())
    };
    let called = |room: usize| {
        state
            .tracker
            .get(&exercise, round_index, room)
            .is_some_and(|p| p.called.is_some())
    };
    let mut events = Vec::new();
    // One speaking timer at a time: the last speaker's goes.
    for t in state
        .timers
        .iter()
        .filter(|t| t.label.starts_with(REPORT_TIMER))
    {
        events.push(Event::TimerDeleted {
            timer: t.id,
            at: now,
        });
    }
    // The room now speaking has reported.
    for room in 0..round.rooms.len() {
        if called(room) && progress(room) != Some(Progress::Reported) {
            events.push(Event::ProgressSet {
                exercise: exercise.clone(),
                round: round_index,
                room,
                progress: Progress::Reported,
                at: now,
            });
        }
    }
    let next =
        (0..round.rooms.len()).find(|r| !called(*r) && progress(*r) != Some(Progress::Reported));
    let Some(room) = next else {
        if events.is_empty() {
            return refuse("every group has reported back");
        }
        return Ok(events);
    };
    let r = &round.rooms[room];
    let speaker = r.rapporteur.clone().or_else(|| {
        r.members
            .iter()
            .min_by_key(|m| state.tracker.reports_by(m))
            .cloned()
    });
    let minutes = state
        .workshop
        .exercise(&exercise)
        .and_then(|e| e.report_minutes)
        .unwrap_or(3);
    let who = speaker
        .as_deref()
        .and_then(|k| state.person(k))
        .map(|p| format!(" · {}", p.name))
        .unwrap_or_default();
    events.push(Event::ReportCalled {
        exercise,
        round: round_index,
        room,
        speaker,
        at: now,
    });
    events.push(Event::TimerStarted {
        timer: state.next_timer_id(),
        label: format!("{REPORT_TIMER}{}{who}", r.name),
        seconds: Some(minutes * 60),
        at: now,
    });
    Ok(events)
}

fn current_round(state: &State) -> Result<&super::Round, Refusal> {
    state
        .current_round()
        .ok_or_else(|| Refusal("no groups yet: f forms them".into()))
}

fn name(state: &State, key: &str) -> String {
    state
        .person(key)
        .map_or_else(|| key.to_string(), |p| p.name.clone())
}

/// The position right after the last block that ran or runs: where the blocks still to run
/// begin.
pub(super) fn first_to_run(blocks: &[super::BlockState]) -> usize {
    blocks
        .iter()
        .rposition(|b| matches!(b.status(), BlockStatus::Running | BlockStatus::Done))
        .map_or(0, |p| p + 1)
}

pub(super) fn finish_running(state: &State, now: DateTime<Utc>) -> Vec<Event> {
    state
        .running()
        .map(|(_, b)| Event::BlockFinished {
            block: b.id,
            at: now,
        })
        .into_iter()
        .collect()
}
