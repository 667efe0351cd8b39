//! The help overlay: every key of every mode, straight from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use super::{text, theme};
use crate::keymap::{self, Mode};
use crate::session::Look;

/// The help text, one line per key binding, grouped by mode.
pub fn lines() -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for mode in Mode::ALL {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(mode.title(), theme::title()));
        for b in keymap::bindings(mode) {
            let keys = keymap::keys_label(b);
            out.push(Line::from(vec![
                Span::styled(format!("  {}", text::pad(&keys, 22)), theme::key()),
                Span::raw(b.help),
            ]));
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
    let content = lines();
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
