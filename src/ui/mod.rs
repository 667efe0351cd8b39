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
mod rows;
mod settle;
pub use settle::settle;
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
    draw_fast(app, now, &areas, &mut rows::Rows::default(), frame);
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
        footer::draw(app, now, foot, &mut rows::Rows::default(), frame);
    }
    overlays(app, now, area, frame);
    settle(frame.buffer_mut());
}

/// What changes at most once a minute or on a key: the zone strip, the agenda, the timers
/// pane's border, the groups and the exercises.
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
    timers::border(app, areas.timers, buf);
    groups::draw(app, areas.groups, buf);
    exercises::draw(app, areas.exercises, buf);
}

/// What can change every second: the header, the clocks of the timers pane or the big digits,
/// the footer and any popup.
fn draw_fast(
    app: &Look<'_>,
    now: DateTime<Utc>,
    areas: &Areas,
    rows: &mut rows::Rows,
    frame: &mut Frame,
) {
    header::draw(app, now, areas.head, rows, frame);
    footer::draw(app, now, areas.foot, rows, frame);
    timers::draw(app, now, areas.timers, rows, frame);
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
    /// The rows of those panes as last drawn, to be copied when their line is the same.
    rows: rows::Rows,
}

/// The fast panes of a frame on screen: the header, the timers and the footer, each a copy of
/// its cells, and the key of the slow part drawn with them.
struct Shown {
    key: SlowKey,
    panes: [Buffer; 3],
    /// The same panes as the last full frame drew them: what ratatui believes is on screen
    /// there, while second ticks write past it.
    believed: [Buffer; 3],
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
    /// Draws the whole frame, for a terminal that is only ever drawn through
    /// [`Terminal::draw`] (whose diff then sees every cell): never just the fast panes.
    pub fn draw(&mut self, session: &Session, seat: &Seat, now: DateTime<Utc>, frame: &mut Frame) {
        self.shown = None;
        self.draw_frame(session, seat, now, frame);
    }

    /// Draws the seat's screen on a terminal and writes what changed. When the slow part is
    /// the one already on screen (a second tick), only the header, the timers and the footer
    /// are drawn, and only their cells are compared with what the terminal shows.
    ///
    /// Such a tick writes to the terminal without telling ratatui, whose idea of the screen
    /// then lags behind in those panes; the next full frame writes what differs from both.
    pub fn present<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        session: &Session,
        seat: &Seat,
        now: DateTime<Utc>,
    ) -> Result<(), B::Error> {
        let mut frame = terminal.get_frame();
        let drawn = self.draw_frame(session, seat, now, &mut frame);
        let buffer = terminal.current_buffer_mut();
        if drawn.only_fast
            && let Some(shown) = self.shown.as_mut()
        {
            // What the panes showed is brought up to this frame in place, row by row.
            let updates: Vec<_> = shown
                .panes
                .iter_mut()
                .flat_map(|pane| {
                    let columns = pane.area.left()..pane.area.right();
                    rows::catch_up(pane, buffer, |y| self.rows.unchanged(y, columns.clone()))
                })
                .collect();
            terminal
                .backend_mut()
                .draw(updates.iter().map(|(x, y, c)| (*x, *y, c)))?;
            // As a full draw does: the cursor stays hidden and the output goes out in one write.
            terminal.hide_cursor()?;
            terminal.backend_mut().flush()?;
            return Ok(());
        }
        let now_shown = drawn.fast.map(|(key, panes)| {
            let panes = panes.map(|pane| rows::cells_of(buffer, pane));
            Shown {
                key,
                believed: panes.clone(),
                panes,
            }
        });
        terminal.flush()?;
        if let Some(before) = self.shown.take() {
            // What the second ticks wrote since the last full frame, where ratatui did not
            // look: the cells it left as they were, believing them unchanged, are put right.
            let buffer = terminal.current_buffer_mut();
            let mut updates = Vec::new();
            for (shown, believed) in before.panes.iter().zip(&before.believed) {
                let now = rows::cells_of(buffer, shown.area);
                updates.extend(
                    rows::changes(shown, &now)
                        .into_iter()
                        .filter(|(x, y, cell)| {
                            believed.area.contains((*x, *y).into()) && believed[(*x, *y)] == *cell
                        }),
                );
            }
            terminal
                .backend_mut()
                .draw(updates.iter().map(|(x, y, c)| (*x, *y, c)))?;
        }
        terminal.hide_cursor()?;
        terminal.swap_buffers();
        terminal.backend_mut().flush()?;
        self.shown = now_shown;
        Ok(())
    }

    /// Draws the frame. For a screen of panes without a popup over them, says the key of its
    /// slow part and the areas of the panes that change each second; when that slow part is
    /// the one on screen, only those panes are drawn.
    fn draw_frame(
        &mut self,
        session: &Session,
        seat: &Seat,
        now: DateTime<Utc>,
        frame: &mut Frame,
    ) -> Drawn {
        let app = &Look::new(session, seat);
        let area = frame.area();
        let whole = Drawn {
            fast: None,
            only_fast: false,
        };
        if !fits(area) {
            self.cache = None;
            too_small(area, frame);
            return whole;
        }
        if app.view.big {
            self.cache = None;
            screen_share(app, now, frame);
            return whole;
        }
        let areas = layout(app, now, area);
        let key = SlowKey {
            area,
            minute: now.timestamp().div_euclid(60),
            revision: app.revision(),
        };
        let fast = [areas.head, timers::inner(app, areas.timers), areas.foot];
        // A popup may lie over any pane.
        let popup = matches!(
            app.view.mode,
            Mode::Help | Mode::Replan | Mode::Notes | Mode::Popup
        );
        let only_fast = !popup
            && self
                .cache
                .as_ref()
                .is_some_and(|(cached, _)| *cached == key)
            && self.shown.as_ref().is_some_and(|s| {
                s.key == key && s.panes.iter().map(|p| p.area).eq(fast.iter().copied())
            });
        match &self.cache {
            // The slow part is on screen: the fast panes start from the blank cells they are
            // drawn over in a whole frame, and nothing else of the frame is looked at.
            _ if only_fast => {
                for pane in fast {
                    blank(frame.buffer_mut(), pane);
                }
            }
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
        self.rows.begin();
        draw_fast(app, now, &areas, &mut self.rows, frame);
        if popup {
            settle(frame.buffer_mut());
            return whole;
        }
        // The rows of lines were settled as they were drawn, and nothing else is in them.
        Drawn {
            fast: Some((key, fast)),
            only_fast,
        }
    }
}

/// What [`Screen::draw_frame`] drew: the key of the slow part and the areas of the fast panes
/// (none under a popup, on a screen too small or in the screen-share view), and whether only
/// those panes were drawn.
struct Drawn {
    fast: Option<(SlowKey, [Rect; 3])>,
    only_fast: bool,
}

/// Turns every cell of `area` into a blank one, as a new buffer has.
fn blank(buffer: &mut Buffer, area: Rect) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        let start = buffer.index_of(area.x, y);
        for cell in &mut buffer.content[start..start + usize::from(area.width)] {
            cell.reset();
        }
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
    clock_face(&at.with_timezone(&tz))
}

/// A time of day as HH:MM (what `%H:%M` gives, without parsing a format each second).
fn clock_face(t: &impl chrono::Timelike) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
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
            (clock_face(&t), place_name(tz.name()))
        }
        LocalZone::System => {
            let t = now.with_timezone(&chrono::Local);
            (clock_face(&t), "Local".to_string())
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
