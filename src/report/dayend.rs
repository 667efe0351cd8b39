//! The short summary shown when a day ends: what ran and what did not, how late the blocks
//! that ran ended, the breakout rounds, the exercises reported back, who attended, and when
//! the next day starts in every participant time zone.

use std::collections::BTreeSet;

use crate::core::{DayEnd, RoundIx, State};

use super::{block_names, drift_words, hhmm};

/// How many blocks not run are named one by one; with more, only those of high priority are.
const NAMED_WHEN_AT_MOST: usize = 3;

/// The summary of a day that is over, a line each; `None` while the day is not over.
pub fn day_summary(state: &State, day: usize) -> Option<Vec<String>> {
    let end = state.day_end(day)?;
    let tz = state.workshop.tz;
    let planned = state
        .planned_end(day)
        .map(|p| format!(" (planned {})", hhmm(p, tz)))
        .unwrap_or_default();
    let mut lines = vec![format!(
        "Day {} ended at {}{planned}.",
        day + 1,
        hhmm(end.at, tz)
    )];
    lines.push(what_ran(state, day, &end));
    let blocks = if end.ran == 1 { "block" } else { "blocks" };
    lines.push(format!(
        "The {blocks} that ran ended {}.",
        drift_words(end.drift)
    ));
    lines.extend(rounds_and_reports(state, day));
    lines.extend(attendance(state, day));
    lines.push(next_day(state, day));
    Some(lines)
}

/// "Ran 12 of 15 blocks; not run: …", naming a few, or of many only those of high priority.
fn what_ran(state: &State, day: usize, end: &DayEnd) -> String {
    let total = state.days.get(day).map_or(0, |d| d.blocks.len());
    let not_run = super::not_run(state, day);
    let high: Vec<&str> = not_run
        .iter()
        .filter(|(_, h)| *h)
        .map(|(t, _)| t.as_str())
        .collect();
    let ran = end.ran;
    match not_run.len() {
        0 => format!("Ran all {total} blocks."),
        n if n <= NAMED_WHEN_AT_MOST => format!(
            "Ran {ran} of {total} blocks; not run: {}.",
            block_names(not_run.iter().map(|(t, h)| (t.as_str(), *h))).join("; ")
        ),
        n if high.is_empty() => {
            format!("Ran {ran} of {total} blocks; {n} not run, none of high priority.")
        }
        n => {
            // Listed under "of high priority", each needs no mark of its own.
            let names: Vec<String> = high.iter().map(|t| format!("“{t}”")).collect();
            format!(
                "Ran {ran} of {total} blocks; {n} not run, {} of high priority: {}.",
                high.len(),
                names.join("; ")
            )
        }
    }
}

/// The day's breakout rounds, and per exercise worked in them how many rooms reported back.
pub(super) fn rounds_and_reports(state: &State, day: usize) -> Vec<String> {
    let rounds: Vec<(RoundIx, &crate::core::Round)> = state
        .rounds
        .iter()
        .enumerate()
        .filter(|(_, r)| r.day == day)
        .map(|(i, r)| (RoundIx(i), r))
        .collect();
    if rounds.is_empty() {
        return vec!["No breakout rooms were formed.".into()];
    }
    let each: Vec<String> = rounds
        .iter()
        .map(|(_, r)| format!("{} ({} rooms)", r.label, r.rooms.len()))
        .collect();
    let word = if rounds.len() == 1 { "round" } else { "rounds" };
    let mut lines = vec![format!("Breakout {word}: {}.", each.join("; "))];

    let day_rounds: BTreeSet<RoundIx> = rounds.iter().map(|(i, _)| *i).collect();
    let mut reported: Vec<(String, usize, usize)> = Vec::new();
    for ((exercise, round, _), progress) in state.tracker.all() {
        if !day_rounds.contains(round) {
            continue;
        }
        let title = state
            .workshop
            .exercise(exercise)
            .map_or_else(|| exercise.clone(), |e| e.title.clone());
        let called = usize::from(progress.called.is_some());
        match reported.iter_mut().find(|(t, _, _)| *t == title) {
            Some(entry) => entry.1 += called,
            None => {
                let rooms = state.rounds.get(round.0).map_or(0, |r| r.rooms.len());
                reported.push((title, called, rooms));
            }
        }
    }
    if !reported.is_empty() {
        let each: Vec<String> = reported
            .iter()
            .map(|(title, called, rooms)| format!("“{title}” {called} of {rooms} rooms"))
            .collect();
        lines.push(format!("Reported back: {}.", each.join("; ")));
    }
    lines
}

/// Who attended: from the Zoom report when imported, else as marked on the roster.
pub(super) fn attendance(state: &State, day: usize) -> Option<String> {
    let roster = state.roster.participants.len();
    match state.attendance.get(&day) {
        Some(a) => {
            let extra = if a.unmatched.is_empty() {
                String::new()
            } else {
                format!(", and {} not on the roster", a.unmatched.len())
            };
            Some(format!(
                "Attended (Zoom report): {} of {roster} on the roster{extra}.",
                a.present.len()
            ))
        }
        None if roster > 0 => {
            let away = state.absences.on(day).len();
            Some(format!(
                "Present as marked: {} of {roster} ({away} marked absent); the Zoom \
                 participants report gives minutes.",
                roster.saturating_sub(away)
            ))
        }
        None => None,
    }
}

/// When the next day starts in every participant zone (a time kept with its place by a
/// no-break space), or that this was the last day.
pub(super) fn next_day(state: &State, day: usize) -> String {
    let w = &state.workshop;
    let tz = w.tz;
    let Some(start) = state
        .day_start(day + 1)
        .filter(|_| day + 1 < state.days.len())
    else {
        return "That was the last day of the workshop.".into();
    };
    let mut times: Vec<String> = Vec::new();
    if !w.places.iter().any(|(_, zone)| *zone == tz) {
        times.push(format!(
            "{}\u{a0}{}",
            hhmm(start, tz),
            crate::programme::place_name(tz.name())
        ));
    }
    let date = start.with_timezone(&tz).date_naive();
    for (place, zone) in &w.places {
        let local = start.with_timezone(zone);
        let mark = match (local.date_naive() - date).num_days() {
            0 => String::new(),
            s if s > 0 => format!(" (+{s} day)"),
            s => format!(" ({s} day)"),
        };
        times.push(format!("{}\u{a0}{place}{mark}", local.format("%H:%M")));
    }
    format!(
        "Day {} starts {}: {}.",
        day + 2,
        date.format("%a %-d %b %Y"),
        times.join(" · ")
    )
}
