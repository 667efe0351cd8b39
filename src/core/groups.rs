//! Breakout rounds as the session knows them: who is in which room, who is away.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::event::Room;

/// One round of breakout groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub day: usize,
    pub label: String,
    pub strategy: String,
    pub seed: u64,
    pub rooms: Vec<Room>,
    pub formed_at: DateTime<Utc>,
    /// Cleared rounds stay in the history (for "fresh" groups) but are no longer current.
    pub cleared: bool,
}

impl Round {
    /// The room someone is in.
    pub fn room_of(&self, person: &str) -> Option<usize> {
        self.rooms
            .iter()
            .position(|r| r.members.iter().any(|m| m == person))
    }

    pub(super) fn remove(&mut self, person: &str) {
        for room in &mut self.rooms {
            room.members.retain(|m| m != person);
            if room.rapporteur.as_deref() == Some(person) {
                room.rapporteur = None;
            }
        }
    }

    pub(super) fn place(&mut self, person: &str, to: usize) {
        if to < self.rooms.len() {
            self.remove(person);
            self.rooms[to].members.push(person.to_string());
        }
    }

    /// The index of the smallest room (the first of equals).
    pub fn smallest(&self) -> Option<usize> {
        (0..self.rooms.len()).min_by_key(|i| (self.rooms[*i].members.len(), *i))
    }
}

/// Who is away, per day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Absences {
    by_day: Vec<BTreeSet<String>>,
}

impl Absences {
    pub fn is_absent(&self, day: usize, person: &str) -> bool {
        self.by_day.get(day).is_some_and(|s| s.contains(person))
    }

    pub(super) fn set(&mut self, day: usize, person: &str, absent: bool) {
        if self.by_day.len() <= day {
            self.by_day.resize(day + 1, BTreeSet::new());
        }
        if absent {
            self.by_day[day].insert(person.to_string());
        } else {
            self.by_day[day].remove(person);
        }
    }
}
