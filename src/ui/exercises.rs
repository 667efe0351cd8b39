//! Pane 4: the day's exercises from the programme.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};

use super::{pane_block, text, theme};
use crate::session::Look;
use crate::view::Pane;

pub fn draw(app: &Look<'_>, area: Rect, buf: &mut Buffer) {
    let day = app.view.day;
    let exercises = app.workshop().day_exercises(day);
    let extra = if app.view.overview {
        "overview".to_string()
    } else if app.tracking() {
        // The border's corners, the pane's number and name take 16 cells.
        let room = (area.width as usize).saturating_sub(16);
        super::tracker::title(app, room).unwrap_or_else(|| "tracker".to_string())
    } else {
        format!("day {}", day + 1)
    };
    let mut block = pane_block(app, Pane::Exercises, Some(extra));
    if app.tracking()
        && !app.view.overview
        && let Some(notice) =
            super::tracker::short_notice(app, (area.width as usize).saturating_sub(6))
    {
        block = block.title_bottom(Line::styled(format!(" {notice} "), theme::warning()));
    }
    let inner = block.inner(area);
    (block).render(area, buf);
    if app.view.overview {
        super::tracker::overview(app, inner, buf);
        return;
    }
    if app.tracking() {
        super::tracker::matrix(app, inner, buf);
        return;
    }
    if exercises.is_empty() {
        (Paragraph::new(Line::styled("No exercises on this day.", theme::dim())))
            .render(inner, buf);
        return;
    }
    let focused = app.view.focus == Pane::Exercises;
    let selected = app
        .view
        .exercise_selected
        .get(day)
        .copied()
        .unwrap_or(0)
        .min(exercises.len() - 1);
    let width = inner.width as usize;

    // With room to spare, the selected exercise's instructions show below the list.
    let list_height = (exercises.len() as u16).min(inner.height);
    let [list, detail] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(inner);

    let visible = list.height as usize;
    let offset = (selected + 1).saturating_sub(visible);
    let rows: Vec<Line> = exercises
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, e)| {
            let chapter = e
                .chapter
                .map(|c| format!("{c:>2} "))
                .unwrap_or_else(|| "   ".into());
            let minutes = e
                .minutes
                .map(|m| format!("{:>4} ", text::minutes(i64::from(m))))
                .unwrap_or_else(|| "     ".into());
            let lead = format!("{chapter}{minutes}");
            let room = width.saturating_sub(text::width(&lead));
            let mut line = Line::from(vec![
                Span::styled(lead, theme::dim()),
                Span::raw(text::pad(&e.title, room)),
            ]);
            if i == selected && focused {
                line = line.style(theme::selected());
            }
            line
        })
        .collect();
    (Paragraph::new(rows)).render(list, buf);

    if detail.height >= 2 {
        let e = exercises[selected];
        let mut lines = vec![Line::styled("─".repeat(width), theme::dim())];
        let mode = e.mode.map(|m| m.label()).unwrap_or("exercise");
        lines.push(Line::styled(
            text::fit(&format!("{mode} · {}", e.title), width),
            theme::accent().add_modifier(Modifier::BOLD),
        ));
        if let Some(i) = &e.instructions {
            lines.push(Line::raw(i.clone()));
        }
        if let Some(o) = &e.expected_output {
            lines.push(Line::styled(
                format!("Output: {o}"),
                Style::new().fg(ratatui::style::Color::Gray),
            ));
        }
        (Paragraph::new(lines).wrap(Wrap { trim: true })).render(detail, buf);
    }
}
