//! The exercise tracker in pane 4: every room's step in the running exercise, and an overview
//! of every exercise by room.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{hhmm, text, theme};
use crate::core::{Progress, RoomIx, RoundIx, short_report_back};
use crate::keymap::{Command, Mode, naming};
use crate::session::Look;
use crate::view::Pane;

/// How a step looks.
pub fn progress_style(p: Option<Progress>) -> Style {
    match p {
        None => theme::dim(),
        Some(Progress::Briefed) => Style::new(),
        Some(Progress::Working) => theme::accent(),
        Some(Progress::NeedsHelp) => theme::overtime().add_modifier(Modifier::REVERSED),
        Some(Progress::Done) => theme::running(),
        Some(Progress::Reported) => theme::dim(),
    }
}

/// The running exercise: a row per room with its step, since when, its speaker and notes.
pub fn matrix(app: &Look<'_>, area: Rect, buf: &mut Buffer) {
    let (Some(exercise), Some(round), Some(round_index)) = (
        app.running_exercise(),
        app.state.current_round(),
        app.state.current_round_index(),
    ) else {
        return;
    };
    let tz = app.workshop().tz;
    let width = area.width as usize;
    let height = area.height as usize;
    // The exercise's title is on the pane's border (see `title`); here one line of its task
    // stays in view above the rooms.
    let mut lines = Vec::new();
    if let Some(task) = app
        .workshop()
        .exercise(&exercise)
        .and_then(|e| e.instructions.as_deref())
    {
        lines.push(Line::styled(text::fit(task, width), theme::dim()));
    }
    let focused = app.view.focus == Pane::Exercises;
    let selected = RoomIx(
        app.view
            .tracker_room
            .min(round.rooms.len().saturating_sub(1)),
    );
    let fixed = lines.len();
    let rows = height.saturating_sub(fixed).max(1);
    let offset = (selected.0 + 1).saturating_sub(rows);
    for (i, room) in round.indexed().skip(offset) {
        let entry = app.state.tracker.get(&exercise, round_index, i);
        let progress = entry.and_then(|e| e.progress());
        // Called to report back and not yet done: speaking now.
        let speaking =
            entry.is_some_and(|e| e.called.is_some()) && progress != Some(Progress::Reported);
        let label = if speaking {
            "speaking"
        } else {
            progress.map_or("not started", |p| p.label())
        };
        let since = entry
            .and_then(|e| {
                if speaking {
                    e.called.as_ref().map(|(at, _)| *at)
                } else {
                    e.since()
                }
            })
            .map(|t| format!(" {}", hhmm(t, tz)))
            .unwrap_or_default();
        let speaker = entry
            .and_then(|e| e.called.as_ref())
            .and_then(|(_, s)| s.as_ref())
            .or(room.rapporteur.as_ref())
            .and_then(|k| app.state.person(k))
            .map(|p| format!(" ★{}", p.name))
            .unwrap_or_default();
        let notes = if entry.is_some_and(|e| !e.notes.is_empty()) {
            " ✎"
        } else {
            ""
        };
        let name_width = 12.min(width / 3);
        let step = format!("{label}{since}");
        let used = name_width + 1 + text::width(&step) + text::width(notes);
        let mut line = Line::from(vec![
            Span::raw(text::pad(&room.name, name_width)),
            Span::raw(" "),
            Span::styled(step, progress_style(progress)),
            Span::styled(notes.to_string(), theme::key()),
            Span::styled(
                text::fit(&speaker, width.saturating_sub(used)),
                theme::dim(),
            ),
        ]);
        if focused && i == selected {
            line = line.style(theme::selected());
        }
        lines.push(line);
    }
    // The selected room's notes, below.
    if let Some(notes) = app
        .state
        .tracker
        .get(&exercise, round_index, selected)
        .map(|e| e.notes.clone())
        .filter(|n| !n.is_empty())
    {
        lines.push(Line::styled("─".repeat(width), theme::dim()));
        lines.extend(notes.lines().map(|l| Line::raw(l.to_string())));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// A report-back whose rooms need more than its block's minutes, in one line for the pane's
/// bottom border: what is short and the two ways out (shorter turns, or more time).
pub fn short_notice(app: &Look<'_>, width: usize) -> Option<String> {
    app.running_exercise()?;
    let short = short_report_back(app.state)?;
    let keys = [Command::CallNextReport, Command::Adjust(5)];
    let offer = naming(
        Mode::Normal,
        &format!("{{key}} {}-min turns, {{key}} +5", short.turn_minutes),
        &keys,
    );
    let full = format!(
        "{}×{} min > {} min: {offer}",
        short.rooms, short.report_minutes, short.block_minutes
    );
    // Narrow, the offer itself rather than the figures behind it.
    let text = if text::width(&full) <= width {
        full
    } else {
        offer
    };
    Some(text::fit(&text, width))
}

/// What the tracker's border says after the pane's name: the exercise tracked, and whether
/// its rooms are reporting back.
pub fn title(app: &Look<'_>, width: usize) -> Option<String> {
    let exercise = app.running_exercise()?;
    let name = app
        .workshop()
        .exercise(&exercise)
        .map_or(exercise.clone(), |e| e.title.clone());
    let report_back = app
        .state
        .running()
        .is_some_and(|(_, b)| b.block.reports_on.as_deref() == Some(exercise.as_str()));
    let text = if report_back {
        format!("report-back · {name}")
    } else {
        format!("tracker · {name}")
    };
    Some(text::fit(&text, width))
}

/// Every exercise that has any progress, by room of its round: a mark per room.
pub fn overview(app: &Look<'_>, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut lines = vec![Line::styled("Every exercise by room", theme::title())];
    // Per exercise and round: each room's mark and whether it has notes.
    type Marks = Vec<(RoomIx, char, char)>;
    let mut rows: Vec<(String, RoundIx, Marks)> = Vec::new();
    for ((exercise, round, room), p) in app.state.tracker.all() {
        let mark = match p.progress() {
            Some(Progress::Reported) => 'R',
            Some(Progress::Done) => '✓',
            Some(Progress::NeedsHelp) => '!',
            Some(Progress::Working) => '…',
            Some(Progress::Briefed) => '·',
            None => ' ',
        };
        let notes = if p.notes.is_empty() { ' ' } else { '✎' };
        match rows
            .iter_mut()
            .find(|(e, r, _)| e == exercise && r == round)
        {
            Some((_, _, marks)) => marks.push((*room, mark, notes)),
            None => rows.push((exercise.clone(), *round, vec![(*room, mark, notes)])),
        }
    }
    if rows.is_empty() {
        lines.push(Line::styled("No exercise has started yet.", theme::dim()));
    }
    for (exercise, round, mut marks) in rows {
        marks.sort_unstable();
        let title = app
            .workshop()
            .exercise(&exercise)
            .map_or(exercise.clone(), |e| e.title.clone());
        let cells: String = marks.iter().map(|(_, m, n)| format!("{m}{n}")).collect();
        let lead = format!("r{} ", round.number());
        let room = width.saturating_sub(text::width(&lead) + text::width(&cells) + 1);
        lines.push(Line::from(vec![
            Span::styled(lead, theme::dim()),
            Span::raw(text::pad(&text::fit(&title, room), room)),
            Span::raw(" "),
            Span::styled(cells, theme::accent()),
        ]));
    }
    lines.push(Line::styled(
        "· briefed … working ! help ✓ done R reported ✎ notes",
        theme::dim(),
    ));
    Paragraph::new(lines).render(area, buf);
}

/// Rooms needing help right now, as "Room 2 · Room 4", for the header.
pub fn needing_help(app: &Look<'_>, _now: DateTime<Utc>) -> Option<String> {
    let rooms: Vec<String> = app
        .state
        .tracker
        .needing_help()
        .into_iter()
        .filter_map(|(_, round, room)| {
            app.state
                .round(round)
                .and_then(|r| r.room(room))
                .map(|r| r.name.clone())
        })
        .collect();
    (!rooms.is_empty()).then(|| rooms.join(super::groups::LIST))
}
