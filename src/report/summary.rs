//! What the review opens each day with (the day in a few lines) and ends the workshop with
//! (its totals).

use std::collections::{HashMap, HashSet};

use crate::core::{BlockStatus, PersonKey, State};
use crate::roster::Role;

use super::dayend::{attendance, next_day, rounds_and_reports};
use super::{DayTotal, Totals, day_summary, workshop_attendance};

/// The day in a few lines: how it ended against its plan and what ran (as the console's
/// summary says it), the rounds and how many pairs in each had met in an earlier round, who
/// attended, and who attended under three quarters of the planned time; then when the next
/// day starts.
pub(super) fn day(state: &State, d: usize) -> Vec<String> {
    let mut lines = day_summary(state, d).unwrap_or_else(|| unfinished(state, d));
    let next = lines.pop();
    lines.extend(repeats(state, d));
    lines.extend(little(state, d));
    lines.extend(next);
    lines
}

/// A day the journal does not end: how many of its blocks ran, and the rest as for a day
/// that ended.
fn unfinished(state: &State, d: usize) -> Vec<String> {
    let blocks = state.days.get(d).map_or(&[][..], |day| &day.blocks[..]);
    let ran = blocks
        .iter()
        .filter(|b| b.status() == BlockStatus::Done)
        .count();
    let mut lines = vec![format!(
        "Day {} did not run to its end in the journal: {ran} of {} blocks ran.",
        d + 1,
        blocks.len()
    )];
    lines.extend(rounds_and_reports(state, d));
    lines.extend(attendance(state, d));
    lines.push(next_day(state, d));
    lines
}

/// Pairs of people who shared a room in rounds before `round`.
fn met_before(state: &State, round: usize) -> HashSet<(PersonKey, PersonKey)> {
    let mut pairs = HashSet::new();
    for r in state.rounds.iter().take(round) {
        for room in &r.rooms {
            for (i, a) in room.members.iter().enumerate() {
                for b in &room.members[i + 1..] {
                    pairs.insert(ordered(a, b));
                }
            }
        }
    }
    pairs
}

fn ordered(a: &PersonKey, b: &PersonKey) -> (PersonKey, PersonKey) {
    if a <= b {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    }
}

/// For each of the day's rounds after the workshop's first: how many pairs in its rooms had
/// shared a room before.
fn repeats(state: &State, d: usize) -> Vec<String> {
    state
        .rounds
        .iter()
        .enumerate()
        .filter(|(i, r)| r.day == d && *i > 0)
        .map(|(i, r)| {
            let before = met_before(state, i);
            let again: usize = r
                .rooms
                .iter()
                .map(|room| {
                    let m = &room.members;
                    (0..m.len())
                        .flat_map(|x| (x + 1..m.len()).map(move |y| (x, y)))
                        .filter(|(x, y)| before.contains(&ordered(&m[*x], &m[*y])))
                        .count()
                })
                .sum();
            let pairs = match again {
                0 => "no pair in its rooms had met in an earlier round".to_string(),
                1 => "1 pair in its rooms had met in an earlier round".to_string(),
                n => format!("{n} pairs in its rooms had met in an earlier round"),
            };
            format!("{} ({}): {pairs}.", r.label, r.strategy)
        })
        .collect()
}

/// Who attended under three quarters of the day's planned time, by the Zoom report.
fn little(state: &State, d: usize) -> Option<String> {
    let a = state.attendance.get(&d)?;
    let planned = match (state.day_start(d), state.planned_end(d)) {
        (Some(s), Some(e)) => (e - s).num_minutes(),
        _ => return None,
    };
    let few: Vec<String> = a
        .present
        .iter()
        .filter(|(_, m)| i64::from(*m) * 4 < planned * 3)
        .map(|(k, m)| {
            let name = state
                .person(k)
                .map_or_else(|| k.to_string(), |p| p.name.clone());
            format!("{name} ({m} min)")
        })
        .collect();
    (!few.is_empty()).then(|| {
        format!(
            "Under three quarters of the planned {planned} min: {}.",
            few.join(", ")
        )
    })
}

/// The workshop's totals: every day's blocks and end, everyone's attendance, and the
/// report-back turns.
pub(super) fn totals(state: &State, certificate: Option<u32>) -> Totals {
    let days = state
        .days
        .iter()
        .enumerate()
        .filter_map(|(d, day)| {
            Some(DayTotal {
                day: d,
                date: state.workshop.day(d)?.date,
                ran: day
                    .blocks
                    .iter()
                    .filter(|b| b.status() == BlockStatus::Done)
                    .count(),
                blocks: day.blocks.len(),
                drift: state.day_end(d).map(|e| e.drift),
                started: day.blocks.iter().any(|b| b.started_at.is_some()),
            })
        })
        .collect();
    let attendance =
        (!state.attendance.is_empty()).then(|| workshop_attendance(state, certificate));
    Totals {
        days,
        attendance,
        turns: turns(state),
    }
}

/// Report-back turns per person: everyone called to speak, and every participant on the
/// roster with none; most turns first, then by name.
fn turns(state: &State) -> Vec<(String, usize)> {
    let mut count: HashMap<PersonKey, usize> = HashMap::new();
    for (_, progress) in state.tracker.all() {
        if let Some((_, Some(key))) = &progress.called {
            *count.entry(key.clone()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = Vec::new();
    for p in &state.roster.participants {
        match count.remove(&p.key()) {
            Some(n) => out.push((p.name.clone(), n)),
            None if p.role == Role::Participant => out.push((p.name.clone(), 0)),
            None => {}
        }
    }
    out.extend(count.into_iter().map(|(k, n)| (k.to_string(), n)));
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}
