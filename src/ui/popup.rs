//! A text read in a popup (a block's or an exercise's whole text, or what was just copied):
//! a rule with the title above, a rule with the keys below, and between them the text alone,
//! wrapped to the width, so that a line selected with the mouse is the text and nothing else.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::{text, theme};
use crate::keymap::{self, Command, Mode};
use crate::sanitise::sanitise;
use crate::session::{Look, popup};

pub fn draw(app: &Look<'_>, area: Rect, frame: &mut Frame) {
    let Some(shown) = &app.view.popup else {
        return;
    };
    let (x, y, width, height) = popup::area(area.width, area.height);
    let rect = Rect {
        x: area.x + x,
        y: area.y + y,
        width,
        height,
    };
    if width < 8 || height < 3 {
        return;
    }
    let lines = shown.lines((area.width, area.height));
    let rows = popup::text_rows(height);
    let max_scroll = lines.len().saturating_sub(rows);
    let scroll = shown.scroll.min(max_scroll);
    let w = usize::from(width);

    let title = text::fit(&format!("── {} ", sanitise(&shown.title)), w);
    let rule = "─".repeat(w.saturating_sub(text::width(&title)));
    let position = if lines.len() > rows {
        format!(
            "· lines {}–{} of {} ",
            scroll + 1,
            (scroll + rows).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let keys = keymap::naming(
        Mode::Popup,
        " {key} closes · {key}{key} scroll ",
        &[Command::ClosePopup, Command::Up, Command::Down],
    );
    let bottom = format!("──{keys}{position}");
    let bottom_rule = "─".repeat(w.saturating_sub(text::width(&bottom)));

    let mut out = vec![Line::styled(format!("{title}{rule}"), theme::accent())];
    out.extend((0..rows).map(|i| match lines.get(scroll + i) {
        Some(line) => Line::raw(format!("  {line}")),
        None => Line::raw(""),
    }));
    out.push(Line::styled(
        text::fit(&format!("{bottom}{bottom_rule}"), w),
        theme::dim(),
    ));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(out), rect);
}
