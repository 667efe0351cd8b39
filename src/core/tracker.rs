//! The exercise tracker: where each room stands in each exercise, its notes, and who reported
//! back for it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::event::Progress;
use super::update::{refuse, room_of_round};
use super::{Event, Refusal, State};

/// A room of a round in an exercise.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoomProgress {
    /// Each step with when it was set, oldest first.
    pub steps: Vec<(Progress, DateTime<Utc>)>,
    pub notes: String,
    pub notes_at: Option<DateTime<Utc>>,
    /// When the room was called to report back, and who spoke.
    pub called: Option<(DateTime<Utc>, Option<String>)>,
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
    rooms: BTreeMap<(String, usize, usize), RoomProgress>,
    /// How often each person has reported back for a room, across the workshop.
    reports: BTreeMap<String, usize>,
}

impl Tracker {
    pub fn get(&self, exercise: &str, round: usize, room: usize) -> Option<&RoomProgress> {
        self.rooms.get(&(exercise.to_string(), round, room))
    }

    pub(super) fn entry(&mut self, exercise: &str, round: usize, room: usize) -> &mut RoomProgress {
        self.rooms
            .entry((exercise.to_string(), round, room))
            .or_default()
    }

    pub(super) fn reported_by(&mut self, person: &str) {
        *self.reports.entry(person.to_string()).or_default() += 1;
    }

    /// How many times someone has reported back so far.
    pub fn reports_by(&self, person: &str) -> usize {
        self.reports.get(person).copied().unwrap_or(0)
    }

    /// Every room that asked for help and has not been helped yet: exercise, round, room.
    pub fn needing_help(&self) -> Vec<(&str, usize, usize)> {
        self.rooms
            .iter()
            .filter(|(_, p)| p.progress() == Some(Progress::NeedsHelp))
            .map(|((e, round, room), _)| (e.as_str(), *round, *room))
            .collect()
    }

    /// All entries, for the review and the overview.
    pub fn all(&self) -> impl Iterator<Item = (&(String, usize, usize), &RoomProgress)> {
        self.rooms.iter()
    }
}

// The tracker's decisions: a room's step, its help call, its notes.

pub(super) fn step_progress(
    state: &State,
    exercise: String,
    room: usize,
    forward: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    let (round, r) = room_of_round(state, room)?;
    let now_at = state
        .tracker
        .get(&exercise, round, room)
        .and_then(|p| p.progress());
    let progress = match (now_at, forward) {
        (None, true) => Progress::Briefed,
        (None, false) => return refuse(format!("{} has not started", r.name)),
        (Some(p), true) => p.next(),
        (Some(p), false) => p.previous(),
    };
    if Some(progress) == now_at {
        return refuse(format!("{} is {} already", r.name, progress.label()));
    }
    Ok(vec![Event::ProgressSet {
        exercise,
        round,
        room,
        progress,
        at: now,
    }])
}

pub(super) fn toggle_help(
    state: &State,
    exercise: String,
    room: usize,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    let (round, _) = room_of_round(state, room)?;
    let now_at = state
        .tracker
        .get(&exercise, round, room)
        .and_then(|p| p.progress());
    let progress = if now_at == Some(Progress::NeedsHelp) {
        Progress::Working
    } else {
        Progress::NeedsHelp
    };
    Ok(vec![Event::ProgressSet {
        exercise,
        round,
        room,
        progress,
        at: now,
    }])
}

pub(super) fn write_notes(
    state: &State,
    exercise: String,
    room: usize,
    text: String,
    now: DateTime<Utc>,
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
        at: now,
    }])
}

/// Applies one of the tracker's events to the state (the state's `change` routes them here).
pub(super) fn apply(state: &mut State, event: &Event) {
    match event {
        Event::ProgressSet {
            exercise,
            round,
            room,
            progress,
            at,
        } => state
            .tracker
            .entry(exercise, *round, *room)
            .steps
            .push((*progress, *at)),
        Event::NotesWritten {
            exercise,
            round,
            room,
            text,
            at,
        } => {
            let entry = state.tracker.entry(exercise, *round, *room);
            entry.notes = text.clone();
            entry.notes_at = Some(*at);
        }
        Event::ReportCalled {
            exercise,
            round,
            room,
            speaker,
            at,
        } => {
            state.tracker.entry(exercise, *round, *room).called = Some((*at, speaker.clone()));
            if let Some(s) = speaker {
                state.tracker.reported_by(s);
            }
        }
        _ => {}
    }
}
