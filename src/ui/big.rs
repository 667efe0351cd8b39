//! The selected timer in large digits, readable when the terminal is shared on a video call.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::bigdigits::{self, BigText};
use super::timers::{flashing, phase_style};
use super::{text, theme};
use crate::session::Look;

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    let block = Block::bordered().border_style(theme::accent());
    let inner = block.inner(area);
    frame.render_widget(block, area);

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
    let [_, title, _, digits, _, hint, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(height),
        Constraint::Length(1),
        Constraint::Length(1),
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
        Paragraph::new(Line::styled("b returns to the panes", theme::dim())).centered(),
        hint,
    );
}

/// `12:30` while time is left, `+02:10` once over.
fn signed(remaining: chrono::Duration) -> String {
    if remaining < chrono::Duration::zero() {
        format!("+{}", text::clock(remaining))
    } else {
        text::clock(remaining)
    }
}
