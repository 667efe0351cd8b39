//! The short summary shown when a day ends: what ran and what did not, how late the blocks
//! that ran ended, the breakout rounds, the exercises reported back, who attended, and when
//! the next day starts in every participant time zone.

use std::collections::BTreeSet;

use crate::core::{RoundIx, State};

use super::{drift_words, hhmm};

/// The summary of a day that is over, a line each; `None` while the day is not over.
pub fn day_summary(state: &State, day: usize) -> Option<Vec<String>> {
    let end = state.day_end(day)?;
    let w = &state.workshop;
    let tz = w.tz;
    let d = state.days.get(day)?;
    let mut lines = Vec::new();

    let planned = state
        .planned_end(day)
        .map(|p| format!(" (planned {})", hhmm(p, tz)))
        .unwrap_or_default();
    lines.push(format!(
        "Day {} ended at {}{planned}.",
        day + 1,
        hhmm(end.at, tz)
    ));

    let total = d.blocks.len();
    let not_run: Vec<(&str, bool)> = end
        .not_run
        .iter()
        .filter_map(|id| state.block(*id))
        .map(|b| {
            (
                b.block.title.as_str(),
                b.block.priority == crate::programme::Priority::High,
            )
        })
        .collect();
    let high: Vec<String> = not_run
        .iter()
        .filter(|(_, high)| *high)
        .map(|(title, _)| format!("“{title}”"))
        .collect();
    match not_run.len() {
        0 => lines.push(format!("Ran all {total} blocks.")),
        // A few are named; more, and only those of high priority are.
        1..=3 => {
            let names = super::block_names(not_run.iter().copied());
            lines.push(format!(
                "Ran {} of {total} blocks; not run: {}.",
                end.ran,
                names.join("; ")
            ));
        }
        n if high.is_empty() => lines.push(format!(
            "Ran {} of {total} blocks; {n} not run, none of high priority.",
            end.ran
        )),
        n => lines.push(format!(
            "Ran {} of {total} blocks; {n} not run, {} of high priority: {}.",
            end.ran,
            high.len(),
            high.join("; ")
        )),
    }
    let blocks = if end.ran == 1 { "block" } else { "blocks" };
    lines.push(format!(
        "The {blocks} that ran ended {}.",
        drift_words(end.drift)
    ));

    let rounds: Vec<(RoundIx, &crate::core::Round)> = state
        .rounds
        .iter()
        .enumerate()
        .filter(|(_, r)| r.day == day)
        .map(|(i, r)| (RoundIx(i), r))
        .collect();
    if rounds.is_empty() {
        lines.push("No breakout rooms were formed.".into());
    } else {
        let each: Vec<String> = rounds
            .iter()
            .map(|(_, r)| format!("{} ({} rooms)", r.label, r.rooms.len()))
            .collect();
        let n = rounds.len();
        let word = if n == 1 { "round" } else { "rounds" };
        lines.push(format!("Breakout {word}: {}.", each.join("; ")));
    }

    // Per exercise worked in the day's rounds: how many rooms were called to report back.
    let day_rounds: BTreeSet<RoundIx> = rounds.iter().map(|(i, _)| *i).collect();
    let mut reported: Vec<(String, usize, usize)> = Vec::new();
    for ((exercise, round, _), progress) in state.tracker.all() {
        if !day_rounds.contains(round) {
            continue;
        }
        let title = w
            .exercise(exercise)
            .map_or_else(|| exercise.clone(), |e| e.title.clone());
        let rooms = state.rounds.get(round.0).map_or(0, |r| r.rooms.len());
        match reported.iter_mut().find(|(t, _, _)| *t == title) {
            Some(entry) => entry.1 += usize::from(progress.called.is_some()),
            None => reported.push((title, usize::from(progress.called.is_some()), rooms)),
        }
    }
    if !reported.is_empty() {
        let each: Vec<String> = reported
            .iter()
            .map(|(title, called, rooms)| format!("“{title}” {called} of {rooms} rooms"))
            .collect();
        lines.push(format!("Reported back: {}.", each.join("; ")));
    }

    let roster = state.roster.participants.len();
    match state.attendance.get(&day) {
        Some(a) => {
            let extra = if a.unmatched.is_empty() {
                String::new()
            } else {
                format!(", and {} not on the roster", a.unmatched.len())
            };
            lines.push(format!(
                "Attended (Zoom report): {} of {roster} on the roster{extra}.",
                a.present.len()
            ));
        }
        None if roster > 0 => {
            let away = state.absences.on(day).len();
            lines.push(format!(
                "Present as marked: {} of {roster} ({away} marked absent); the Zoom \
                 participants report gives minutes.",
                roster.saturating_sub(away)
            ));
        }
        None => {}
    }

    match state.day_start(day + 1) {
        Some(start) if day + 1 < state.days.len() => {
            let mut times: Vec<String> = Vec::new();
            if !w.places.iter().any(|(_, zone)| *zone == tz) {
                times.push(format!(
                    "{}\u{a0}{}",
                    hhmm(start, tz),
                    crate::ui::place_name(tz.name())
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
                // A time and its place stay on one line (a no-break space between them).
                times.push(format!("{}\u{a0}{place}{mark}", local.format("%H:%M")));
            }
            let mut when = format!(
                "Day {} starts {}: {}",
                day + 2,
                date.format("%a %-d %b %Y"),
                times.join(" · ")
            );
            when.push('.');
            lines.push(when);
        }
        _ => lines.push("That was the last day of the workshop.".into()),
    }
    Some(lines)
}
