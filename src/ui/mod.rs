//! Drawing: a pure function of the application state and the time. One file per pane.

mod agenda;
mod big;
pub mod bigdigits;
mod exercises;
mod footer;
mod groups;
mod header;
mod help;
mod replan;
pub mod text;
pub mod theme;
mod timers;
pub mod zones;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use crate::app::{App, LocalZone, Pane};
use crate::keymap::Mode;

/// The smallest terminal the console lays out its panes in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole screen.
pub fn draw(app: &App, now: DateTime<Utc>, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, frame);
        return;
    }
    let strip = zone_strip(app, now, area.height);
    let strip_height = strip
        .as_ref()
        .map_or(0, |s| zones::rows_needed(s.block_start.is_some()) + 1);
    let [head, strip_area, body, foot] = Layout::vertical([
        Constraint::Length(header::HEIGHT),
        Constraint::Length(strip_height),
        Constraint::Min(0),
        Constraint::Length(footer::HEIGHT),
    ])
    .areas(area);
    header::draw(app, now, head, frame);
    footer::draw(app, now, foot, frame);
    if let Some(strip) = strip {
        let inner = Rect {
            x: strip_area.x + 1,
            y: strip_area.y + 1,
            width: strip_area.width.saturating_sub(2),
            height: strip_area.height.saturating_sub(1),
        };
        frame.render_widget(
            Paragraph::new(Line::styled("─".repeat(area.width as usize), theme::dim())),
            strip_area,
        );
        frame.render_widget(&strip, inner);
    }

    if app.view.big {
        big::draw(app, now, body, frame);
        overlays(app, now, area, frame);
        return;
    }

    let [left, right] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(body);
    let timers_height = (timers::rows_wanted(app) + 2).clamp(7, (body.height / 2).max(7));
    let [timers_area, groups_area, exercises_area] = Layout::vertical([
        Constraint::Length(timers_height),
        Constraint::Percentage(45),
        Constraint::Min(0),
    ])
    .areas(right);
    agenda::draw(app, now, left, frame);
    groups::draw(app, groups_area, frame);
    timers::draw(app, now, timers_area, frame);
    exercises::draw(app, exercises_area, frame);

    overlays(app, now, area, frame);
}

/// Popups drawn over everything else.
fn overlays(app: &App, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    match app.view.mode {
        Mode::Help => help::draw(app, area, frame),
        Mode::Replan => replan::draw(app, now, area, frame),
        _ => {}
    }
}

/// The strip needs 28 rows to leave the panes enough room; `z` hides it.
const STRIP_MIN_HEIGHT: u16 = 28;

/// The participants' time zones: now, and when the running (or next) block starts.
fn zone_strip(app: &App, now: DateTime<Utc>, height: u16) -> Option<zones::ZoneStrip<'_>> {
    let w = app.workshop();
    if !app.view.zones || w.places.is_empty() || height < STRIP_MIN_HEIGHT {
        return None;
    }
    let block_start = match app.state.running() {
        Some((_, b)) => b.started_at.map(|s| ("Start".to_string(), s)),
        None => {
            let day = app.view.day;
            let projection = app.state.projection(day, now);
            app.state.days.get(day).and_then(|d| {
                d.blocks
                    .iter()
                    .position(|b| b.status() == crate::core::BlockStatus::Pending)
                    .and_then(|i| projection.get(i).copied().flatten())
                    .map(|(s, _)| ("Next".to_string(), s))
            })
        }
    };
    Some(zones::ZoneStrip {
        places: &w.places,
        workshop_tz: w.tz,
        now,
        block_start,
    })
}

/// The bordered frame of a pane, with its number and title; the focused pane stands out.
pub(crate) fn pane_block(app: &App, pane: Pane, extra: Option<String>) -> Block<'static> {
    let focused = app.view.focus == pane;
    let mut title = vec![
        Span::styled(format!(" {} ", pane.number()), theme::key()),
        Span::styled(format!("{} ", pane.title()), theme::title()),
    ];
    if let Some(extra) = extra {
        title.push(Span::styled(format!("{extra} "), theme::dim()));
    }
    Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Line::from(title))
        .border_style(theme::border(focused))
}

/// The time of an instant in a zone, as HH:MM.
pub(crate) fn hhmm(at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    at.with_timezone(&tz).format("%H:%M").to_string()
}

/// A projected instant as HH:MM, rounded up to the minute: a projection never looks earlier
/// than it is, and it agrees with a drift rounded the same way.
pub(crate) fn hhmm_ceil(at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    use chrono::{DurationRound, TimeDelta};
    let up = at
        .duration_trunc(TimeDelta::minutes(1))
        .map(|t| if t < at { t + TimeDelta::minutes(1) } else { t })
        .unwrap_or(at);
    hhmm(up, tz)
}

/// Whole minutes, rounded up: 2 min 58 s behind is 3 minutes behind, 30 s ahead is on time.
pub(crate) fn ceil_minutes(d: chrono::Duration) -> i64 {
    -(-d.num_seconds()).div_euclid(60)
}

/// The facilitator's local time as HH:MM, with the zone's short name.
pub(crate) fn local_clock(zone: LocalZone, now: DateTime<Utc>) -> (String, String) {
    match zone {
        LocalZone::Named(tz) => {
            let t = now.with_timezone(&tz);
            (t.format("%H:%M").to_string(), place_name(tz.name()))
        }
        LocalZone::System => {
            let t = now.with_timezone(&chrono::Local);
            (t.format("%H:%M").to_string(), "Local".to_string())
        }
    }
}

/// `Asia/Jakarta` → `Jakarta`.
pub(crate) fn place_name(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

fn too_small(area: Rect, frame: &mut Frame) {
    let lines = vec![
        Line::styled("convene", theme::title()),
        Line::raw(""),
        Line::raw(format!(
            "Please enlarge the window to at least {MIN_WIDTH}x{MIN_HEIGHT}"
        )),
        Line::styled(
            format!("(now {}x{})", area.width, area.height),
            theme::dim(),
        ),
        Line::raw(""),
        Line::styled("q quits", theme::dim()),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        inner,
    );
}
