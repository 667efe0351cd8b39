//! The help overlay: every key of every mode, straight from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::{text, theme};
use crate::keymap::{self, Mode};
use crate::session::Look;

/// Cells of the keys' column, its indent included.
const KEYS: usize = 24;

/// The help text for a width: each mode's title, then each binding's keys and what they do,
/// wrapped at spaces under the text's own column.
pub fn lines(width: usize) -> Vec<Line<'static>> {
    let text_width = width.saturating_sub(KEYS).max(10);
    let mut out = Vec::new();
    for mode in Mode::ALL {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.extend(
            text::wrap(mode.title(), width)
                .into_iter()
                .map(|l| Line::styled(l, theme::title())),
        );
        for b in keymap::bindings(mode) {
            let keys = keymap::keys_label(b);
            for (i, part) in text::wrap(b.help, text_width).into_iter().enumerate() {
                let column = if i == 0 {
                    Span::styled(format!("  {}", text::pad(&keys, KEYS - 2)), theme::key())
                } else {
                    Span::raw(" ".repeat(KEYS))
                };
                out.push(Line::from(vec![column, Span::raw(part)]));
            }
        }
    }
    out
}

pub fn draw(app: &Look<'_>, area: Rect, frame: &mut Frame) {
    let width = area.width.saturating_sub(8).min(90);
    let height = area.height.saturating_sub(4);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    // Inside the border and a column of padding on each side.
    let content = lines(width.saturating_sub(4) as usize);
    let inner_height = height.saturating_sub(2);
    let max_scroll = (content.len() as u16).saturating_sub(inner_height);
    let scroll = app.view.help_scroll.min(max_scroll);
    let more = if max_scroll > scroll {
        " ↓ more "
    } else {
        ""
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(content).scroll((scroll, 0)).block(
            Block::bordered()
                .padding(Padding::horizontal(1))
                .title(Line::styled(
                    crate::keymap::naming(
                        Mode::Help,
                        " Keys · {key} closes ",
                        &[crate::keymap::Command::CloseHelp],
                    ),
                    theme::title(),
                ))
                .title_bottom(Line::styled(more, theme::dim()))
                .border_style(theme::accent()),
        ),
        popup,
    );
}
