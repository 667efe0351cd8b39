//! Pane 2: breakout groups.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::{pane_block, theme};
use crate::app::{App, Pane};

pub fn draw(app: &App, area: Rect, frame: &mut Frame) {
    let block = pane_block(app, Pane::Groups, None);
    let lines = vec![
        Line::styled("No roster loaded.", theme::title()),
        Line::styled(
            "Groups are formed from the participant roster.",
            theme::dim(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
