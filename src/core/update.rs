use chrono::{DateTime, Utc};

use super::{Action, BlockStatus, Event, State, agenda, groups, timers, tracker};
use crate::view::Command;

/// Why an action was not carried out, for the status line. Where it tells what to do
/// instead, `text` has a `{key}` for each command in `keys`, which the seat fills with the key
/// bound to it now (see `keymap::naming`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub text: String,
    pub keys: Vec<Command>,
}

impl Refusal {
    pub fn new(text: impl Into<String>) -> Refusal {
        Refusal {
            text: text.into(),
            keys: Vec::new(),
        }
    }

    /// A refusal that names the keys of `keys`, one `{key}` each.
    pub fn naming(text: impl Into<String>, keys: &[Command]) -> Refusal {
        Refusal {
            text: text.into(),
            keys: keys.to_vec(),
        }
    }

    /// No groups to act on: `f` forms them.
    pub(super) fn no_groups() -> Refusal {
        Refusal::naming("no groups yet: {key} forms them", &[Command::FormGroups])
    }
}

pub(super) fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(message))
}

/// The shortest a block can be made from the keyboard.
pub(super) const MIN_BLOCK_MINUTES: i64 = 1;
/// The longest a countdown can be: a whole day.
pub(super) const MAX_TIMER_SECONDS: u32 = 24 * 3600;

/// Decides what an action means now. Pure: the state is not changed here; the caller records
/// the events and applies them.
pub fn update(state: &State, action: Action, now: DateTime<Utc>) -> Result<Vec<Event>, Refusal> {
    match action {
        Action::StartBlock(id) => {
            agenda::start_block(state, id).map(|e| tracker::settle_help(state, e))
        }
        Action::Next { day } => agenda::next(state, day).map(|e| tracker::settle_help(state, e)),
        Action::ExtendRunning { minutes } => agenda::extend_running(state, minutes),
        Action::ToggleSkip(id) => agenda::toggle_skip(state, id),
        Action::Move { block, by } => agenda::move_block(state, block, by),
        Action::InsertBreak {
            day,
            after,
            minutes,
        } => agenda::insert_break(state, day, after, minutes),
        Action::FinishDay { day } => {
            agenda::finish_day(state, day).map(|e| tracker::settle_help(state, e))
        }
        Action::Replan { day, changes } => agenda::replan(day, changes),
        Action::StartTimer { label, seconds } => timers::start(state, label, seconds),
        Action::PauseResume(id) => timers::pause_resume(state, id),
        Action::AdjustTimer { timer, seconds } => timers::adjust(state, timer, seconds),
        Action::RestartTimer(id) => timers::restart(state, id),
        Action::DeleteTimer(id) => timers::delete(state, id),
        Action::SendCue => agenda::send_cue(state, now),
        Action::MovePerson { person, by } => groups::move_person(state, person, by),
        Action::Swap { a, b } => groups::swap(state, a, b),
        Action::ToggleAbsent { person, day } => groups::toggle_absent(state, person, day),
        Action::PlaceLate { person } => groups::place_late(state, person),
        Action::AddWalkIn {
            name,
            country,
            email,
        } => groups::add_walk_in(state, name, country, email),
        Action::Rapporteur { person } => groups::rapporteur(state, person),
        Action::RenameRoom { room, name: new } => groups::rename_room(state, room, new),
        Action::FormGroups {
            day,
            label,
            spec,
            seed,
        } => super::groups::form_round(state, day, label, spec, seed),
        Action::StepProgress {
            exercise,
            room,
            forward,
        } => tracker::step_progress(state, exercise, room, forward),
        Action::RoomNeedsHelp { exercise, room } => tracker::toggle_help(state, exercise, room),
        Action::Helped {
            exercise,
            round,
            room,
        } => tracker::helped(state, exercise, round, room),
        Action::WriteNotes {
            exercise,
            room,
            text,
        } => tracker::write_notes(state, exercise, room, text),
        Action::RulePair { a, b, rule } => groups::rule_pair(state, a, b, rule),
        Action::CallNextReport { exercise } => tracker::call_next_report(state, exercise),
        Action::ClearGroups => groups::clear(state),
        Action::Undo(who) => super::undo::undo(state, &who),
        Action::Tick => Ok(state
            .due_thresholds(now)
            .into_iter()
            .map(|(target, threshold)| Event::ThresholdCrossed { target, threshold })
            .collect()),
    }
}

/// The current round's index and one of its rooms.
pub(super) fn room_of_round(
    state: &State,
    room: super::RoomIx,
) -> Result<(super::RoundIx, &super::Room), Refusal> {
    let index = state.current_round_index().ok_or_else(Refusal::no_groups)?;
    let r = current_round(state)?
        .room(room)
        .ok_or_else(|| Refusal::new("there is no such room"))?;
    Ok((index, r))
}

pub(super) fn current_round(state: &State) -> Result<&super::Round, Refusal> {
    state.current_round().ok_or_else(Refusal::no_groups)
}

pub(super) fn name(state: &State, key: &super::PersonKey) -> String {
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

pub(super) fn finish_running(state: &State) -> Vec<Event> {
    state
        .running()
        .map(|(_, b)| Event::BlockFinished { block: b.id })
        .into_iter()
        .collect()
}
