//! Pane 2: the running block's clock, its next cue, and the named timers.

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::rows::Rows;
use super::{hhmm, pane_block, text, theme};
use crate::core::{Alerts, Phase, Timer};
use crate::keymap::{Command, Mode, naming};
use crate::session::Look;
use crate::view::Pane;

/// Rows the pane wants inside its border: the block's clock and a row per named timer.
pub fn rows_wanted(app: &Look<'_>) -> u16 {
    5 + app.state.timers.len() as u16
}

/// How long a clock flashes after crossing a threshold.
const FLASH: i64 = 3;

/// Whether a clock crossed a threshold a moment ago.
pub fn flashing(alerts: &Alerts, now: DateTime<Utc>) -> bool {
    alerts
        .last_at
        .is_some_and(|at| now >= at && now - at < Duration::seconds(FLASH))
}

/// The style of a countdown's figures in each phase.
pub fn phase_style(phase: Phase) -> Style {
    match phase {
        Phase::Normal => theme::running(),
        Phase::Warning => theme::warning(),
        Phase::Overtime => theme::overtime(),
    }
}

/// A countdown's figure: `12:30 left` or `+02:10 over`.
pub fn figure(remaining: Duration) -> String {
    if remaining < Duration::zero() {
        format!("+{} over", text::clock(remaining))
    } else {
        format!("{} left", text::clock(remaining))
    }
}

/// The pane's border and title: they change with the focus, never with the clock.
pub fn border(app: &Look<'_>, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    use ratatui::widgets::Widget;
    pane_block(app, Pane::Timers, None).render(area, buf);
}

/// Where the pane's lines go, inside its border.
pub fn inner(app: &Look<'_>, area: Rect) -> Rect {
    pane_block(app, Pane::Timers, None).inner(area)
}

/// The pane's lines, inside the border [`border`] draws around `area`.
pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, rows: &mut Rows, frame: &mut Frame) {
    let inner = inner(app, area);
    let width = inner.width as usize;
    let tz = app.workshop().tz;
    let focused = app.view.focus == Pane::Timers;
    let selected = app.view.timer_selected;
    let mut lines: Vec<Line> = Vec::new();

    match app.state.running() {
        Some((_, b)) => {
            let elapsed = b.elapsed(now);
            let remaining = b.remaining(now);
            let phase = b.phase(now);
            let mut style = phase_style(phase);
            if flashing(&b.alerts, now) {
                style = style.add_modifier(Modifier::REVERSED);
            }
            let planned = b.planned().num_seconds().max(1);
            let ends = b
                .started_at
                .map(|s| hhmm(s + b.planned(), tz))
                .unwrap_or_default();
            let bar_width = width.saturating_sub(6);
            let filled =
                ((elapsed.num_seconds().min(planned) as usize) * bar_width) / planned as usize;
            let percent = (elapsed.num_seconds() * 100 / planned).min(999);
            let mut title = Line::styled(text::fit(&b.block.title, width), theme::title());
            if focused && selected == 0 {
                title = title.style(theme::selected());
            }
            lines.push(title);
            lines.push(Line::from(vec![
                Span::styled("Elapsed ", theme::dim()),
                Span::styled(text::clock(elapsed), theme::title()),
                Span::raw("   "),
                Span::styled(figure(remaining), style),
            ]));
            lines.push(Line::from(vec![
                Span::styled("█".repeat(filled), phase_style(phase)),
                Span::styled("░".repeat(bar_width - filled), theme::dim()),
                Span::raw(format!("{percent:>4}%")),
            ]));
            lines.push(Line::styled(
                text::fit(
                    &format!(
                        "{}–{ends} · {} · warns at {} left",
                        b.started_at.map(|s| hhmm(s, tz)).unwrap_or_default(),
                        text::minutes(i64::from(b.block.minutes)),
                        text::clock(b.warning_at()),
                    ),
                    width,
                ),
                theme::dim(),
            ));
            let due = b.due_cues(now);
            let cue_line = match (due.first(), b.next_cue(now)) {
                (Some(i), _) => Line::styled(
                    text::fit(
                        &format!(
                            "Cue due ({}): {}",
                            crate::keymap::key_for(Mode::Normal, Command::CopyCue),
                            b.block.cues[*i].text
                        ),
                        width,
                    ),
                    theme::warning().add_modifier(Modifier::REVERSED),
                ),
                (None, Some((i, at))) => Line::styled(
                    text::fit(
                        &format!("Cue at {}: {}", hhmm(at, tz), b.block.cues[i].text),
                        width,
                    ),
                    theme::dim(),
                ),
                (None, None) => Line::raw(""),
            };
            // On a short pane the named timers come before the times and an empty cue line:
            // those give way first (the times, then the cue line), in that order.
            let rows = usize::from(inner.height);
            let wanted = 5 + app.state.timers.len();
            let cue_empty = cue_line.width() == 0;
            if !(cue_empty && wanted > rows) {
                lines.push(cue_line);
            }
            if wanted.saturating_sub(usize::from(cue_empty)) > rows {
                // The range and warning line, the fourth.
                lines.remove(3);
            }
        }
        None => {
            let mut title = Line::styled("No block running.", theme::title());
            if focused && selected == 0 {
                title = title.style(theme::selected());
            }
            lines.push(title);
            // Hints wrap at spaces: a key is never parted from what it does.
            let mut hints = vec![naming(
                Mode::Normal,
                "{key} starts the selected block; {key} the next.",
                &[Command::StartSelected, Command::Next],
            )];
            if app.state.timers.is_empty() {
                hints.push(naming(
                    Mode::Normal,
                    "{key} starts a countdown, {key} a stopwatch.",
                    &[Command::NewCountdown, Command::NewStopwatch],
                ));
            }
            lines.extend(
                hints
                    .iter()
                    .flat_map(|h| text::wrap(h, width))
                    .map(|l| Line::styled(l, theme::dim())),
            );
        }
    }
    for (i, t) in app.state.timers.iter().enumerate() {
        let mut line = timer_line(t, now, width);
        if focused && selected == i + 1 {
            line = line.style(theme::selected());
        }
        lines.push(line);
    }
    rows.draw(lines, inner, frame.buffer_mut());
}

/// One named timer on one line: name, figure, and whether it is paused.
fn timer_line(t: &Timer, now: DateTime<Utc>, width: usize) -> Line<'static> {
    let (figure_text, mut style) = match t.remaining(now) {
        Some(r) => (figure(r), phase_style(t.phase(now))),
        None => (
            format!("{} ↑", text::clock(t.elapsed(now))),
            theme::accent(),
        ),
    };
    if flashing(&t.alerts, now) {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let paused = if t.is_paused() { " paused" } else { "" };
    let right = format!(" {figure_text}{paused}");
    let name_room = width.saturating_sub(text::width(&right) + 2);
    Line::from(vec![
        Span::styled("◷ ", theme::dim()),
        Span::raw(text::pad(&t.label, name_room)),
        Span::styled(right, if t.is_paused() { theme::dim() } else { style }),
    ])
}
