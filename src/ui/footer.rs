//! The bottom two lines: the answer to the last key, and the keys that work now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{text, theme};
use crate::app::App;
use crate::keymap::{self, Mode};

pub const HEIGHT: u16 = 2;

pub fn draw(app: &App, area: Rect, frame: &mut Frame) {
    let width = area.width as usize;
    let message = match (app.view.mode, &app.view.status) {
        (Mode::ConfirmQuit, _) => {
            let title = app
                .state
                .running()
                .map(|(_, b)| b.block.title.clone())
                .unwrap_or_default();
            Line::styled(
                text::fit(&format!(" Quit while “{title}” is running?"), width),
                theme::warning(),
            )
        }
        (_, Some(status)) => Line::styled(
            text::fit(&format!(" {}", status.text), width),
            if status.is_error {
                theme::error()
            } else {
                theme::accent()
            },
        ),
        _ => Line::raw(""),
    };
    frame.render_widget(
        Paragraph::new(vec![message, hints(app.view.mode, width)]),
        area,
    );
}

/// The footer's key hints for a mode, generated from the keymap, cut to fit.
pub fn hints(mode: Mode, width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for b in keymap::bindings(mode) {
        let Some((keys, label)) = b.footer else {
            continue;
        };
        let cost = text::width(keys) + 1 + text::width(label) + 2;
        if used + cost > width {
            break;
        }
        used += cost;
        spans.push(Span::styled(keys, theme::key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    Line::from(spans)
}
