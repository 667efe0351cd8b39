//! The exercise tracker: where each room stands in each exercise, its notes, and who reported
//! back for it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::event::{Progress, TimerKind};
use super::update::{current_round, refuse, room_of_round};
use super::{Event, PersonKey, Refusal, RoomIx, RoundIx, State};
use crate::programme::{Block, BlockKind, ExerciseMode};
use crate::roster::Role;

/// Speaking timers are named so.
const REPORT_TIMER: &str = "Report-back: ";

/// A room of a round in an exercise.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoomProgress {
    /// Each step with when it was set, oldest first.
    pub steps: Vec<(Progress, DateTime<Utc>)>,
    pub notes: String,
    pub notes_at: Option<DateTime<Utc>>,
    /// When the room was called to report back, and who spoke.
    pub called: Option<(DateTime<Utc>, Option<PersonKey>)>,
}

impl RoomProgress {
    pub fn progress(&self) -> Option<Progress> {
        self.steps.last().map(|(p, _)| *p)
    }

    pub fn since(&self) -> Option<DateTime<Utc>> {
        self.steps.last().map(|(_, at)| *at)
    }
}

/// Every room's progress in every exercise: keyed by exercise id, round and room.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tracker {
    rooms: BTreeMap<(String, RoundIx, RoomIx), RoomProgress>,
    /// How often each person has reported back for a room, across the workshop.
    reports: BTreeMap<PersonKey, usize>,
}

impl Tracker {
    pub fn get(&self, exercise: &str, round: RoundIx, room: RoomIx) -> Option<&RoomProgress> {
        self.rooms.get(&(exercise.to_string(), round, room))
    }

    pub(super) fn entry(
        &mut self,
        exercise: &str,
        round: RoundIx,
        room: RoomIx,
    ) -> &mut RoomProgress {
        self.rooms
            .entry((exercise.to_string(), round, room))
            .or_default()
    }

    pub(super) fn reported_by(&mut self, person: &PersonKey) {
        *self.reports.entry(person.clone()).or_default() += 1;
    }

    /// How many times someone has reported back so far.
    pub fn reports_by(&self, person: &PersonKey) -> usize {
        self.reports.get(person).copied().unwrap_or(0)
    }

    /// Every room that asked for help and has not been helped yet: exercise, round, room.
    pub fn needing_help(&self) -> Vec<(&str, RoundIx, RoomIx)> {
        self.rooms
            .iter()
            .filter(|(_, p)| p.progress() == Some(Progress::NeedsHelp))
            .map(|((e, round, room), _)| (e.as_str(), *round, *room))
            .collect()
    }

    /// All entries, for the review and the overview.
    pub fn all(&self) -> impl Iterator<Item = (&(String, RoundIx, RoomIx), &RoomProgress)> {
        self.rooms.iter()
    }
}

/// Minutes each room has to report back on an exercise when the programme does not say.
pub const DEFAULT_REPORT_MINUTES: u32 = 3;

/// Whether someone is one of the facilitators (lead or co-facilitator), not a participant.
pub(super) fn is_facilitator(state: &State, person: &PersonKey) -> bool {
    state
        .person(person)
        .is_some_and(|p| matches!(p.role, Role::Facilitator | Role::CoFacilitator))
}

/// Whether a block's own exercise is done in breakout rooms: a `breakout` block, or an
/// exercise whose mode is `breakout`. A plenary exercise has no rooms to track.
fn in_rooms(state: &State, block: &Block) -> bool {
    block.kind == BlockKind::Breakout
        || block
            .exercise
            .as_deref()
            .and_then(|id| state.workshop.exercise(id))
            .is_some_and(|e| e.mode == Some(ExerciseMode::Breakout))
}

/// The exercise whose rooms the tracker follows now: the running block's own exercise when it
/// is done in breakout rooms, else the exercise the running block reports back on.
pub fn tracked_exercise(state: &State) -> Option<String> {
    let (_, running) = state.running()?;
    let block = &running.block;
    match &block.exercise {
        Some(id) if in_rooms(state, block) => Some(id.clone()),
        _ => block.reports_on.clone(),
    }
}

/// Minutes each room has to report back on an exercise, as the programme plans them.
pub fn report_minutes(state: &State, exercise: &str) -> u32 {
    state
        .workshop
        .exercise(exercise)
        .and_then(|e| e.report_minutes)
        .unwrap_or(DEFAULT_REPORT_MINUTES)
        .max(1)
}

/// A report-back that needs more time than its block has: the rooms, the minutes each was to
/// have, the block's minutes and the turn that fits them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortReportBack {
    pub rooms: u32,
    pub report_minutes: u32,
    pub block_minutes: u32,
    /// The whole minutes each room can have so that every room speaks within the block (at
    /// least one).
    pub turn_minutes: u32,
}

impl ShortReportBack {
    /// How many minutes more the block needs for every room's full turn.
    pub fn missing(&self) -> u32 {
        (self.rooms * self.report_minutes).saturating_sub(self.block_minutes)
    }
}

/// When the running block is a report-back whose rooms need more than its planned minutes
/// (rooms x report minutes), what is short and the turn that fits. `None` otherwise.
pub fn short_report_back(state: &State) -> Option<ShortReportBack> {
    let (_, running) = state.running()?;
    let exercise = running.block.reports_on.as_deref()?;
    let rooms = u32::try_from(state.current_round()?.rooms.len()).ok()?;
    let report_minutes = report_minutes(state, exercise);
    let block_minutes = running.block.minutes;
    (rooms > 0 && rooms * report_minutes > block_minutes).then(|| ShortReportBack {
        rooms,
        report_minutes,
        block_minutes,
        turn_minutes: (block_minutes / rooms).max(1),
    })
}

/// The speaking turn `Q` gives a room: the exercise's report minutes, shortened to fit when
/// the running report-back block cannot hold every room's full turn.
pub fn turn_minutes(state: &State, exercise: &str) -> u32 {
    match short_report_back(state) {
        Some(short)
            if state
                .running()
                .and_then(|(_, b)| b.block.reports_on.as_deref())
                == Some(exercise) =>
        {
            short.turn_minutes
        }
        _ => report_minutes(state, exercise),
    }
}

// The tracker's decisions: a room's step, its help call, its notes.

/// Where a room of a round stands in an exercise, if it has started.
fn step_of(state: &State, exercise: &str, round: RoundIx, room: RoomIx) -> Option<Progress> {
    state
        .tracker
        .get(exercise, round, room)
        .and_then(|p| p.progress())
}

pub(super) fn step_progress(
    state: &State,
    exercise: String,
    room: RoomIx,
    forward: bool,
) -> Result<Vec<Event>, Refusal> {
    let (round, r) = room_of_round(state, room)?;
    let now_at = step_of(state, &exercise, round, room);
    let progress = match (now_at, forward) {
        (None, true) => Progress::Briefed,
        (None, false) => return refuse(format!("{} has not started", r.name)),
        (Some(p), true) => p.next(),
        (Some(p), false) => p.previous(),
    };
    if Some(progress) == now_at {
        return refuse(format!("{} is {} already", r.name, progress.label()));
    }
    Ok(progress_set(exercise, round, room, progress))
}

/// The one event that puts a room of a round at a step of an exercise.
fn progress_set(exercise: String, round: RoundIx, room: RoomIx, progress: Progress) -> Vec<Event> {
    vec![Event::ProgressSet {
        exercise,
        round,
        room,
        progress,
    }]
}

pub(super) fn toggle_help(
    state: &State,
    exercise: String,
    room: RoomIx,
) -> Result<Vec<Event>, Refusal> {
    let (round, _) = room_of_round(state, room)?;
    let now_at = step_of(state, &exercise, round, room);
    let progress = if now_at == Some(Progress::NeedsHelp) {
        Progress::Working
    } else {
        Progress::NeedsHelp
    };
    Ok(progress_set(exercise, round, room, progress))
}

/// A flagged room of any round has been helped: back to working. Refused when it is not
/// flagged.
pub(super) fn helped(
    state: &State,
    exercise: String,
    round: RoundIx,
    room: RoomIx,
) -> Result<Vec<Event>, Refusal> {
    let name = state
        .round(round)
        .and_then(|r| r.room(room))
        .map_or_else(|| format!("Room {}", room.number()), |r| r.name.clone());
    if step_of(state, &exercise, round, room) != Some(Progress::NeedsHelp) {
        return refuse(format!("{name} has not asked for help"));
    }
    Ok(progress_set(exercise, round, room, Progress::Working))
}

/// The step a flagged room had before it asked for help (working when it had none).
fn before_help(progress: &RoomProgress) -> Progress {
    progress
        .steps
        .iter()
        .rev()
        .map(|(p, _)| *p)
        .find(|p| *p != Progress::NeedsHelp)
        .unwrap_or(Progress::Working)
}

/// Adds to the events of starting a block, `n` or ending a day the clearing of every help
/// flag whose exercise is over: its exercise is neither the block that then runs (its own
/// exercise or the one it reports back on) nor anything, when no block runs after them.
pub(super) fn settle_help(state: &State, mut events: Vec<Event>) -> Vec<Event> {
    let started = events.iter().rev().find_map(|e| match e {
        Event::BlockStarted { block } => state.block(*block),
        _ => None,
    });
    let goes_on: Vec<&str> = started
        .map(|b| {
            [b.block.exercise.as_deref(), b.block.reports_on.as_deref()]
                .into_iter()
                .flatten()
                .collect()
        })
        .unwrap_or_default();
    let cleared: Vec<Event> = state
        .tracker
        .rooms
        .iter()
        .filter(|((exercise, _, _), p)| {
            p.progress() == Some(Progress::NeedsHelp) && !goes_on.contains(&exercise.as_str())
        })
        .map(|((exercise, round, room), p)| Event::HelpCleared {
            exercise: exercise.clone(),
            round: *round,
            room: *room,
            progress: before_help(p),
        })
        .collect();
    events.extend(cleared);
    events
}

pub(super) fn write_notes(
    state: &State,
    exercise: String,
    room: RoomIx,
    text: String,
) -> Result<Vec<Event>, Refusal> {
    let (round, _) = room_of_round(state, room)?;
    let text = text.trim_end().to_string();
    let before = state
        .tracker
        .get(&exercise, round, room)
        .map(|p| p.notes.as_str())
        .unwrap_or("");
    if before == text {
        return refuse("the notes are unchanged");
    }
    Ok(vec![Event::NotesWritten {
        exercise,
        round,
        room,
        text,
    }])
}

/// Applies one of the tracker's events to the state (the state's `change` routes them here).
pub(super) fn apply(state: &mut State, event: &Event, at: DateTime<Utc>) {
    match event {
        // A flag left on is cleared by going back to the step before it: a step like another.
        Event::ProgressSet {
            exercise,
            round,
            room,
            progress,
        }
        | Event::HelpCleared {
            exercise,
            round,
            room,
            progress,
        } => state
            .tracker
            .entry(exercise, *round, *room)
            .steps
            .push((*progress, at)),
        Event::NotesWritten {
            exercise,
            round,
            room,
            text,
        } => {
            let entry = state.tracker.entry(exercise, *round, *room);
            entry.notes = text.clone();
            entry.notes_at = Some(at);
        }
        Event::ReportCalled {
            exercise,
            round,
            room,
            speaker,
        } => {
            state.tracker.entry(exercise, *round, *room).called = Some((at, speaker.clone()));
            if let Some(s) = speaker {
                state.tracker.reported_by(s);
            }
        }
        _ => {}
    }
}

/// Ends the report-back in progress (that room has reported) and calls the next room that has
/// not, with its speaker and a speaking timer. The speaker is the room's rapporteur, else the
/// member who has reported least so far, so that across the days everyone gets a turn.
pub(super) fn call_next_report(state: &State, exercise: String) -> Result<Vec<Event>, Refusal> {
    let round_index = state.current_round_index().ok_or_else(Refusal::no_groups)?;
    let round = current_round(state)?;
    let progress = |room: RoomIx| {
        state
            .tracker
            .get(&exercise, round_index, room)
            .and_then(|p| p.progress())
    };
    let called = |room: RoomIx| {
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
        .filter(|t| t.kind == TimerKind::Speaking)
    {
        events.push(Event::TimerDeleted { timer: t.id });
    }
    // The room now speaking has reported.
    for (room, _) in round.indexed() {
        if called(room) && progress(room) != Some(Progress::Reported) {
            events.extend(progress_set(
                exercise.clone(),
                round_index,
                room,
                Progress::Reported,
            ));
        }
    }
    let next = round
        .indexed()
        .find(|(r, _)| !called(*r) && progress(*r) != Some(Progress::Reported));
    let Some((room, r)) = next else {
        if events.is_empty() {
            return refuse("every group has reported back");
        }
        return Ok(events);
    };
    // Participants speak for their room: never a facilitator, even one made rapporteur.
    let speaker = r
        .rapporteur
        .clone()
        .filter(|k| !is_facilitator(state, k))
        .or_else(|| {
            r.members
                .iter()
                .filter(|m| !is_facilitator(state, m))
                .min_by_key(|m| state.tracker.reports_by(m))
                .cloned()
        });
    let minutes = turn_minutes(state, &exercise);
    let who = speaker
        .as_ref()
        .and_then(|k| state.person(k))
        .map(|p| format!(" · {}", p.name))
        .unwrap_or_default();
    events.push(Event::ReportCalled {
        exercise,
        round: round_index,
        room,
        speaker,
    });
    events.push(Event::TimerStarted {
        timer: state.next_timer_id(),
        label: format!("{REPORT_TIMER}{}{who}", r.name),
        seconds: Some(minutes * 60),
        kind: Some(TimerKind::Speaking),
    });
    Ok(events)
}
