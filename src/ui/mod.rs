//! Drawing: a pure function of the application state and the time. One file per pane.

mod agenda;
mod big;
pub mod bigdigits;
mod exercises;
mod footer;
mod groups;
mod header;
mod help;
mod popup;
mod replan;
pub mod revision;
pub mod text;
pub mod theme;
mod timers;
pub mod tracker;
pub mod zones;

use chrono::{DateTime, Utc};
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};
use ratatui::{Frame, Terminal};

use crate::keymap::Mode;
use crate::session::{LocalZone, Look, Seat, Session};
use crate::view::Pane;

pub use crate::view::{MIN_HEIGHT, MIN_WIDTH};

/// Whether the console lays out its panes in an area; smaller, it shows only how to go on,
/// and keys other than quitting are ignored.
pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Where everything goes on a screen of a given size.
struct Areas {
    head: Rect,
    strip: Rect,
    foot: Rect,
    agenda: Rect,
    timers: Rect,
    groups: Rect,
    exercises: Rect,
}

fn layout(app: &Look<'_>, now: DateTime<Utc>, area: Rect) -> Areas {
    let strip_height = zone_strip(app, now, area.height).as_ref().map_or(0, |s| {
        zones::rows_needed(s.block_start.is_some()) + strip_rule(area.height)
    });
    let [head, strip, body, foot] = Layout::vertical([
        Constraint::Length(header::HEIGHT),
        Constraint::Length(strip_height),
        Constraint::Min(0),
        Constraint::Length(footer::height(app, area.width as usize)),
    ])
    .areas(area);
    let [agenda, right] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(body);
    let mut timers_height = (timers::rows_wanted(app) + 2).clamp(7, (body.height / 2).max(7));
    let lower_focused = matches!(app.view.focus, Pane::Groups | Pane::Exercises);
    if lower_focused && right.height.saturating_sub(timers_height) < SHORT_OF_ROOM {
        // Pane 3 or 4 in focus on a short screen: the timers keep the clock and its bar.
        timers_height = timers_height.min(SHORT_TIMERS + app.state.timers.len() as u16);
    }
    // While an exercise is tracked, its rooms come first: pane 4 takes what they need.
    let tracked_rooms = app
        .state
        .current_round()
        .filter(|_| app.tracking())
        .map(|r| r.rooms.len() as u16);
    let [timers, groups, exercises] = match tracked_rooms {
        Some(rooms) => {
            let rest = right.height.saturating_sub(timers_height);
            let tracker = rooms + 3;
            if rest < SHORT_OF_ROOM && app.view.focus != Pane::Groups {
                // Short of room, the tracker's rooms come first: the groups keep what it
                // leaves, when that is a title and a line, else give way until focused.
                let groups = rest.saturating_sub(tracker);
                let groups = if groups >= 3 { groups } else { 0 };
                Layout::vertical([
                    Constraint::Length(timers_height),
                    Constraint::Length(groups),
                    Constraint::Length(rest - groups),
                ])
                .areas(right)
            } else {
                Layout::vertical([
                    Constraint::Length(timers_height),
                    Constraint::Min(3),
                    Constraint::Length(tracker.min(rest.saturating_sub(3))),
                ])
                .areas(right)
            }
        }
        None => {
            // Short of room for both, the pane in focus of the two takes what the other does
            // not need for its title and first line; the groups, when neither is.
            let rest = right.height.saturating_sub(timers_height);
            if rest < SHORT_OF_ROOM {
                let (groups, exercises) = match app.view.focus {
                    Pane::Exercises => (0, rest),
                    Pane::Groups => (rest, 0),
                    _ => (rest.saturating_sub(3), 3),
                };
                Layout::vertical([
                    Constraint::Length(timers_height),
                    Constraint::Length(groups),
                    Constraint::Length(exercises),
                ])
                .areas(right)
            } else {
                Layout::vertical([
                    Constraint::Length(timers_height),
                    Constraint::Percentage(45),
                    Constraint::Min(0),
                ])
                .areas(right)
            }
        }
    };
    Areas {
        head,
        strip,
        foot,
        agenda,
        timers,
        groups,
        exercises,
    }
}

/// Draws the whole screen as one seat sees the session.
pub fn draw(session: &Session, seat: &Seat, now: DateTime<Utc>, frame: &mut Frame) {
    let app = &Look::new(session, seat);
    let area = frame.area();
    if !fits(area) {
        too_small(area, frame);
        return;
    }
    if app.view.big {
        screen_share(app, now, frame);
        return;
    }
    let areas = layout(app, now, area);
    draw_slow(app, now, &areas, frame.buffer_mut());
    draw_fast(app, now, &areas, frame);
    settle(frame.buffer_mut());
}

/// The screen-share view: the big digits on the whole screen, and the footer only to ask a
/// question, take a line being typed or say why a key was refused.
fn screen_share(app: &Look<'_>, now: DateTime<Utc>, frame: &mut Frame) {
    let area = frame.area();
    let footer_shown = !matches!(app.view.mode, Mode::Normal | Mode::Replay)
        || app.view.status.as_ref().is_some_and(|s| s.is_error);
    let foot_height = if footer_shown {
        footer::height(app, area.width as usize)
    } else {
        0
    };
    let [body, foot] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(foot_height)]).areas(area);
    big::draw(app, now, body, frame);
    if footer_shown {
        footer::draw(app, now, foot, frame);
    }
    overlays(app, now, area, frame);
    settle(frame.buffer_mut());
}

/// Makes every cell of a finished screen hold what the terminal will draw there, in as many
/// cells as the terminal gives it (see [`text`]): a cluster of several characters that take
/// cells of their own is spread over the cells ratatui kept for it; joiners, variation
/// selectors and control characters are dropped; a character that would not fit (its second
/// cell written over by a border or a popup, or more cells than ratatui kept) gives way to
/// spaces. Nothing is then left for the terminal to draw over a neighbour.
pub fn settle(buf: &mut Buffer) {
    let rows = buf.area.top()..buf.area.bottom();
    settle_rows(buf, rows);
}

/// Settles these rows only (see [`settle`]): settling is done row by row, and a row already
/// settled is left as it is.
fn settle_rows(buf: &mut Buffer, rows: std::ops::Range<u16>) {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let area = buf.area;
    for y in rows.start.max(area.top())..rows.end.min(area.bottom()) {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            if symbol.len() == 1 && !crate::sanitise::is_unsafe(char::from(symbol.as_bytes()[0])) {
                // One ASCII character, one cell: most of a screen.
                x += 1;
                continue;
            }
            let mut chars = symbol.chars();
            let simple = match (chars.next(), chars.next()) {
                (Some(c), None) => !crate::sanitise::is_unsafe(c) && !text::is_presentation(c),
                _ => false,
            };
            let real = UnicodeWidthStr::width(symbol);
            let kept = real.max(1);
            // The cells after it that ratatui left blank for it.
            let room = 1
                + (1..kept)
                    .take_while(|k| {
                        x + (*k as u16) < area.right() && buf[(x + *k as u16, y)].symbol() == " "
                    })
                    .count();
            if simple && real == kept && room == kept {
                x += kept as u16;
                continue;
            }
            let mut pieces: Vec<(String, usize)> = Vec::new();
            for c in symbol.chars() {
                if crate::sanitise::is_unsafe(c) || text::is_presentation(c) {
                    continue;
                }
                match c.width().unwrap_or(0) {
                    0 => {
                        if let Some((piece, _)) = pieces.last_mut() {
                            piece.push(c);
                        }
                    }
                    w => pieces.push((c.to_string(), w)),
                }
            }
            let style = buf[(x, y)].style();
            let end = x + room as u16;
            let mut at = x;
            for (piece, w) in pieces {
                if at + w as u16 > end {
                    break;
                }
                buf[(at, y)].set_symbol(&piece).set_style(style);
                for k in 1..w as u16 {
                    buf[(at + k, y)].set_symbol(" ").set_style(style);
                }
                at += w as u16;
            }
            while at < end {
                buf[(at, y)].set_symbol(" ").set_style(style);
                at += 1;
            }
            x = end;
        }
    }
}

/// What changes at most once a minute or on a key: the zone strip, the agenda, the groups and
/// the exercises.
fn draw_slow(app: &Look<'_>, now: DateTime<Utc>, areas: &Areas, buf: &mut Buffer) {
    if let Some(strip) = zone_strip(app, now, buf.area.height) {
        let s = areas.strip;
        let rule = strip_rule(buf.area.height);
        let inner = Rect {
            x: s.x + 1,
            y: s.y + rule,
            width: s.width.saturating_sub(2),
            height: s.height.saturating_sub(rule),
        };
        if rule > 0 {
            Paragraph::new(Line::styled("─".repeat(s.width as usize), theme::dim())).render(s, buf);
        }
        (&strip).render(inner, buf);
    }
    agenda::draw(app, now, areas.agenda, buf);
    groups::draw(app, areas.groups, buf);
    exercises::draw(app, areas.exercises, buf);
}

/// What can change every second: the header, the clocks of the timers pane or the big digits,
/// the footer and any popup.
fn draw_fast(app: &Look<'_>, now: DateTime<Utc>, areas: &Areas, frame: &mut Frame) {
    header::draw(app, now, areas.head, frame);
    footer::draw(app, now, areas.foot, frame);
    timers::draw(app, now, areas.timers, frame);
    overlays(app, now, frame.area(), frame);
}

/// Draws like [`draw`], keeping what changes slowly from one frame to the next: a frame that
/// only moves the seconds on redraws just the header, the timers and the footer.
#[derive(Default)]
pub struct Screen {
    cache: Option<(SlowKey, Buffer)>,
    /// What the last frame [`Screen::present`]ed showed in the panes that change each second,
    /// and the slow part it showed around them.
    shown: Option<Shown>,
}

/// The fast panes of a frame on screen: the header, the timers and the footer, each a copy of
/// its cells, and the key of the slow part drawn with them.
struct Shown {
    key: SlowKey,
    panes: [Buffer; 3],
}

/// What the slow part of the screen depends on besides the state: the screen's size, the
/// minute, and the application's revision (bumped by every key and every event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SlowKey {
    area: Rect,
    minute: i64,
    revision: (u64, u64),
}

impl Screen {
    pub fn draw(&mut self, session: &Session, seat: &Seat, now: DateTime<Utc>, frame: &mut Frame) {
        self.draw_frame(session, seat, now, frame);
    }

    /// Draws the seat's screen on a terminal and writes what changed. When the slow part is
    /// the one already on screen (a second tick), only the cells of the header, the timers
    /// and the footer are compared with what the terminal shows, instead of every cell.
    pub fn present<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        session: &Session,
        seat: &Seat,
        now: DateTime<Utc>,
    ) -> Result<(), B::Error> {
        let mut frame = terminal.get_frame();
        let fast = self.draw_frame(session, seat, now, &mut frame);
        let buffer = terminal.current_buffer_mut();
        let now_shown = fast.map(|(key, panes)| Shown {
            key,
            panes: panes.map(|pane| cells_of(buffer, pane)),
        });
        let before = self.shown.take();
        match (&before, &now_shown) {
            (Some(before), Some(now_shown))
                if before.key == now_shown.key
                    && before
                        .panes
                        .iter()
                        .map(|p| p.area)
                        .eq(now_shown.panes.iter().map(|p| p.area)) =>
            {
                let updates: Vec<(u16, u16, &ratatui::buffer::Cell)> = before
                    .panes
                    .iter()
                    .zip(&now_shown.panes)
                    .flat_map(|(was, is)| was.diff(is))
                    .collect();
                terminal.backend_mut().draw(updates.into_iter())?;
                // As a full draw does: the cursor stays hidden, the frame drawn becomes the one
                // on screen, and the output goes out in one write.
                terminal.hide_cursor()?;
                terminal.swap_buffers();
                terminal.backend_mut().flush()?;
            }
            _ => {
                terminal.apply_buffer()?;
            }
        }
        self.shown = now_shown;
        Ok(())
    }

    /// Draws the frame; for a screen of panes without a popup over them, returns the key of
    /// its slow part and the areas of the panes that change each second.
    fn draw_frame(
        &mut self,
        session: &Session,
        seat: &Seat,
        now: DateTime<Utc>,
        frame: &mut Frame,
    ) -> Option<(SlowKey, [Rect; 3])> {
        let app = &Look::new(session, seat);
        let area = frame.area();
        if !fits(area) {
            self.cache = None;
            too_small(area, frame);
            return None;
        }
        if app.view.big {
            self.cache = None;
            screen_share(app, now, frame);
            return None;
        }
        let areas = layout(app, now, area);
        let key = SlowKey {
            area,
            minute: now.timestamp().div_euclid(60),
            revision: app.revision(),
        };
        match &self.cache {
            Some((cached, buffer)) if *cached == key => copy_into(frame.buffer_mut(), buffer),
            _ => {
                let mut buffer = Buffer::empty(area);
                draw_slow(app, now, &areas, &mut buffer);
                // Settled once here: the slow panes and the fast ones do not share a cell, and
                // a character never reaches past its pane, so what is settled stays settled.
                settle(&mut buffer);
                copy_into(frame.buffer_mut(), &buffer);
                self.cache = Some((key, buffer));
            }
        }
        draw_fast(app, now, &areas, frame);
        if matches!(
            app.view.mode,
            Mode::Help | Mode::Replan | Mode::Notes | Mode::Popup
        ) {
            // A popup may lie over any pane.
            settle(frame.buffer_mut());
            return None;
        }
        let fast = [areas.head, areas.timers, areas.foot];
        for pane in fast {
            settle_rows(frame.buffer_mut(), pane.top()..pane.bottom());
        }
        Some((key, fast))
    }
}

/// A copy of the cells of one pane, as a buffer of the pane's area.
fn cells_of(buffer: &Buffer, pane: Rect) -> Buffer {
    let mut pane = pane.intersection(buffer.area);
    if pane.is_empty() {
        pane = Rect::new(pane.x, pane.y, 0, 0);
    }
    let mut content = Vec::with_capacity(usize::from(pane.width) * usize::from(pane.height));
    for y in pane.top()..pane.bottom() {
        let start = buffer.index_of(pane.x, y);
        content.extend_from_slice(&buffer.content[start..start + usize::from(pane.width)]);
    }
    Buffer {
        area: pane,
        content,
    }
}

/// Puts the cached slow panes into a frame of the same size, cell for cell (a merge would
/// first work out a shared area and move every cell).
fn copy_into(frame: &mut Buffer, cached: &Buffer) {
    if frame.area == cached.area {
        frame.content.clone_from_slice(&cached.content);
    } else {
        frame.merge(cached);
    }
}

/// Popups drawn over everything else.
fn overlays(app: &Look<'_>, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    match app.view.mode {
        Mode::Help => help::draw(app, area, frame),
        Mode::Replan => replan::draw(app, now, area, frame),
        Mode::Notes => notes(app, area, frame),
        Mode::Popup => popup::draw(app, area, frame),
        _ => {}
    }
}

/// Rows under the timers below which panes 3 and 4 no longer share them evenly: the one in
/// focus takes them all (the other shows again with focus), else pane 4 keeps its title and a
/// line.
const SHORT_OF_ROOM: u16 = 16;

/// The timers pane on a short screen while pane 3 or 4 is in focus: the running block's name,
/// its clock and its bar (and a line for each named timer).
const SHORT_TIMERS: u16 = 5;

/// From this many rows the strip has a rule above it; below, it goes without.
const STRIP_RULE_HEIGHT: u16 = 28;

/// The rule above the zone strip: one row on a tall screen, none on a short one.
fn strip_rule(height: u16) -> u16 {
    u16::from(height >= STRIP_RULE_HEIGHT)
}

/// The participants' time zones: now, and when the running (or next) block starts.
fn zone_strip<'a>(app: &Look<'a>, now: DateTime<Utc>, height: u16) -> Option<zones::ZoneStrip<'a>> {
    let w = app.workshop();
    if !app.view.zones || w.places.is_empty() || height < MIN_HEIGHT {
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
pub(crate) fn pane_block(app: &Look<'_>, pane: Pane, extra: Option<String>) -> Block<'static> {
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

pub(crate) use crate::programme::place_name;

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
        Line::styled(
            crate::keymap::naming(
                Mode::Normal,
                "Only {key} quits here; {key} redraws",
                &[crate::keymap::Command::Quit, crate::keymap::Command::Redraw],
            ),
            theme::dim(),
        ),
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

/// The notes being written for a room, in a box over the screen.
fn notes(app: &Look<'_>, area: Rect, frame: &mut Frame) {
    let Some(input) = &app.view.input else {
        return;
    };
    let title = match &input.kind {
        crate::session::InputKind::Notes { exercise, room } => {
            let exercise = app
                .workshop()
                .exercise(exercise)
                .map_or(exercise.clone(), |e| e.title.clone());
            let room = app
                .state
                .current_round()
                .and_then(|r| r.room(*room))
                .map_or_else(String::new, |r| r.name.clone());
            format!(" Notes · {room} · {exercise} ")
        }
        _ => " Notes ".to_string(),
    };
    let at = input
        .text
        .char_indices()
        .nth(input.cursor)
        .map_or(input.text.len(), |(i, _)| i);
    let shown = format!("{}▏{}", &input.text[..at], &input.text[at..]);
    let width = area.width.saturating_sub(10).min(80);
    let height = area.height.saturating_sub(8).min(16);
    let popup = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    frame.render_widget(ratatui::widgets::Clear, popup);
    frame.render_widget(
        Paragraph::new(shown).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .padding(Padding::horizontal(1))
                .title(Line::styled(
                    text::fit(&title, width as usize),
                    theme::title(),
                ))
                .title_bottom(Line::styled(
                    crate::keymap::naming(
                        Mode::Notes,
                        " Enter: new line · {key} keeps · {key} leaves ",
                        &[
                            crate::keymap::Command::Apply,
                            crate::keymap::Command::Discard,
                        ],
                    ),
                    theme::dim(),
                ))
                .border_style(theme::accent()),
        ),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buf: &Buffer) -> Vec<String> {
        (0..buf.area.width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    #[test]
    fn settling_puts_each_character_in_its_own_cells() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "सीता", ratatui::style::Style::new());
        settle(&mut buf);
        assert_eq!(row(&buf)[..4], ["स", "ी", "त", "ा"]);
    }

    #[test]
    fn settling_drops_what_a_terminal_draws_wider_or_over_a_border() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        // A tone kept in one cell of 2: the terminal would draw 4; the hand stays.
        buf.set_string(0, 0, "👍🏽", ratatui::style::Style::new());
        // A heart with its selector: 2 cells for ratatui, 1 for the terminal.
        buf.set_string(2, 0, "❤️", ratatui::style::Style::new());
        // A wide character whose second cell a popup's border took.
        buf.set_string(4, 0, "王", ratatui::style::Style::new());
        buf.set_string(5, 0, "│", ratatui::style::Style::new());
        settle(&mut buf);
        assert_eq!(row(&buf)[..6], ["👍", " ", "❤", " ", " ", "│"]);
    }
}
