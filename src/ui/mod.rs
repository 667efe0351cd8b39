//! Drawing: a pure function of the application state and the time. One file per pane.

mod agenda;
mod exercises;
mod footer;
mod groups;
mod header;
mod help;
pub mod text;
pub mod theme;
mod timers;

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
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(header::HEIGHT),
        Constraint::Min(0),
        Constraint::Length(footer::HEIGHT),
    ])
    .areas(area);
    header::draw(app, now, head, frame);
    footer::draw(app, foot, frame);

    let [left, right] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(body);
    let timers_height = if body.height >= 30 { 9 } else { 7 };
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

    if app.view.mode == Mode::Help {
        help::draw(app, area, frame);
    }
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
