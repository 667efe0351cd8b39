//! The selected timer in large digits, readable when the terminal is shared on a video call.
//! The whole screen shows only the timer, its name and, while a break runs, when the workshop
//! starts again in the participants' time zones: nothing of the facilitator's own (drift,
//! rehearsal, keys) goes out on the shared screen.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::bigdigits::{self, BigText};
use super::timers::{flashing, phase_style};
use super::{text, theme, zones};
use crate::session::Look;
use chrono_tz::Tz;

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    let inner = area;

    // The selected named timer, else the running block.
    let selected = app.selected_timer().and_then(|id| app.state.timer(id));
    let (label, figure, mut style, flash) = match (selected, app.state.running()) {
        (Some(t), _) => match t.remaining(now) {
            Some(r) => (
                t.label.clone(),
                signed(r),
                phase_style(t.phase(now)),
                flashing(&t.alerts, now),
            ),
            None => (
                format!("{} (stopwatch)", t.label),
                text::clock(t.elapsed(now)),
                theme::accent(),
                false,
            ),
        },
        (None, Some((_, b))) => (
            b.block.title.clone(),
            signed(b.remaining(now)),
            phase_style(b.phase(now)),
            flashing(&b.alerts, now),
        ),
        (None, None) => (
            "No block running".to_string(),
            "--:--".to_string(),
            theme::dim(),
            false,
        ),
    };
    if flash {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let height = bigdigits::HEIGHT;
    let again = back_at(app)
        .map(|at| starting_again(app, at, (inner.width as usize).saturating_sub(4)))
        .unwrap_or_default();
    let [_, title, _, digits, _, hint, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(height),
        Constraint::Length(if again.is_empty() { 0 } else { 1 }),
        Constraint::Length(again.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(Line::styled(
            text::fit(&label, inner.width as usize),
            theme::title(),
        ))
        .centered(),
        title,
    );
    frame.render_widget(BigText::new(&figure, style), digits);
    frame.render_widget(
        Paragraph::new(
            again
                .into_iter()
                .map(|l| Line::styled(l, theme::title()))
                .collect::<Vec<_>>(),
        )
        .centered(),
        hint,
    );
}

/// The planned end of the running block when it is a break: when the workshop starts again.
fn back_at(app: &Look<'_>) -> Option<DateTime<Utc>> {
    let (_, b) = app.state.running()?;
    (b.block.kind == crate::programme::BlockKind::Break).then_some(b.started_at? + b.planned())
}

/// "We start again at 14:44 Jakarta · 12:44 Karachi / Malé · …": the time in the workshop's
/// zone, then in each place of the zone strip (places that read the same time share it, a
/// place already on the next day or still on the previous one is marked `+1` or `-1`), in
/// lines of at most `width` cells broken between places.
pub fn starting_again(app: &Look<'_>, at: DateTime<Utc>, width: usize) -> Vec<String> {
    let w = app.workshop();
    let mut places: Vec<(String, Tz)> = Vec::new();
    let home = w
        .places
        .iter()
        .find(|(_, tz)| *tz == w.tz)
        .map_or_else(|| super::place_name(w.tz.name()), |(p, _)| p.clone());
    places.push((home.clone(), w.tz));
    places.extend(
        w.places
            .iter()
            .filter(|(p, tz)| !(*tz == w.tz && *p == home))
            .cloned(),
    );
    // Each time with the places that read it, in the order of their first place.
    let mut times: Vec<(String, Vec<String>)> = Vec::new();
    for cell in zones::zone_cells(&places, at, w.tz) {
        let time = match cell.day_shift {
            0 => cell.time.clone(),
            1.. => format!("{}+1", cell.time),
            _ => format!("{}-1", cell.time),
        };
        match times.iter_mut().find(|(t, _)| *t == time) {
            Some((_, names)) => names.push(cell.place),
            None => times.push((time, vec![cell.place])),
        }
    }
    let mut items: Vec<String> = times
        .into_iter()
        .map(|(time, names)| format!("{time} {}", names.join(" / ")))
        .collect();
    if let Some(first) = items.first_mut() {
        *first = format!("We start again at {first}");
    }
    text::pack(&items, " · ", width)
}

/// `12:30` while time is left, `+02:10` once over.
fn signed(remaining: chrono::Duration) -> String {
    if remaining < chrono::Duration::zero() {
        format!("+{}", text::clock(remaining))
    } else {
        text::clock(remaining)
    }
}
