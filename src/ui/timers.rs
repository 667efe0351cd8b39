//! Pane 3: the running block's clock.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{hhmm, pane_block, text, theme};
use crate::app::{App, Pane};

pub fn draw(app: &App, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    let block = pane_block(app, Pane::Timers, None);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let tz = app.workshop().tz;

    let lines = match app.state.running() {
        Some((_, b)) => {
            let elapsed = b.elapsed(now);
            let remaining = b.remaining(now);
            let over = remaining.num_seconds() < 0;
            let planned = b.planned().num_seconds().max(1);
            let ends = b
                .started_at
                .map(|s| hhmm(s + b.planned(), tz))
                .unwrap_or_default();
            let (left_label, left_value, left_style) = if over {
                (
                    "Over ",
                    format!("+{}", text::clock(remaining)),
                    theme::overtime(),
                )
            } else {
                ("Left ", text::clock(remaining), theme::running())
            };
            let bar_width = width.saturating_sub(6);
            let filled =
                ((elapsed.num_seconds().min(planned) as usize) * bar_width) / planned as usize;
            let percent = (elapsed.num_seconds() * 100 / planned).min(999);
            vec![
                Line::styled(text::fit(&b.block.title, width), theme::title()),
                Line::from(vec![
                    Span::styled("Elapsed ", theme::dim()),
                    Span::styled(text::clock(elapsed), theme::title()),
                    Span::raw("   "),
                    Span::styled(left_label, theme::dim()),
                    Span::styled(left_value, left_style),
                ]),
                Line::from(vec![
                    Span::styled("█".repeat(filled), left_style),
                    Span::styled("░".repeat(bar_width - filled), theme::dim()),
                    Span::raw(format!("{percent:>4}%")),
                ]),
                Line::styled(
                    text::fit(
                        &format!(
                            "{}–{ends} · {} planned",
                            b.started_at.map(|s| hhmm(s, tz)).unwrap_or_default(),
                            text::minutes(i64::from(b.block.minutes)),
                        ),
                        width,
                    ),
                    theme::dim(),
                ),
            ]
        }
        None => vec![
            Line::styled("No block running.", theme::title()),
            Line::styled("Enter starts the selected block; n the next.", theme::dim()),
        ],
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
