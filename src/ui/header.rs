//! The top three lines: the workshop, the day, what runs now and both clocks.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{hhmm, local_clock, place_name, text, theme};
use crate::app::App;

pub const HEIGHT: u16 = 3;

pub fn draw(app: &App, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    let w = app.workshop();
    let width = area.width as usize;
    let view_day = app.view.day;
    let days = w.days().len();

    // Line 1: title on the left, the clocks on the right.
    let (local_time, local_name) = local_clock(app.view.local_zone, now);
    let clocks = vec![
        Span::styled(format!("{} ", place_name(w.tz.name())), theme::dim()),
        Span::styled(hhmm(now, w.tz), theme::title()),
        Span::styled(format!("  {local_name} "), theme::dim()),
        Span::styled(local_time, theme::title()),
        Span::raw(" "),
    ];
    let clocks_width: usize = clocks.iter().map(|s| text::width(&s.content)).sum();
    let title_room = width.saturating_sub(clocks_width + 2);
    let mut line1 = vec![Span::styled(
        text::pad(&format!(" {}", w.programme.title), title_room),
        theme::title(),
    )];
    line1.push(Span::raw("  "));
    line1.extend(clocks);

    // Line 2: which day, its date and theme.
    let line2 = match w.day(view_day) {
        Some(day) => {
            let lead = format!(" Day {} of {days}", view_day + 1);
            let date = format!(" · {} · ", day.date.format("%a %-d %b %Y"));
            let room = width.saturating_sub(text::width(&lead) + text::width(&date));
            Line::from(vec![
                Span::styled(
                    lead,
                    theme::accent().add_modifier(ratatui::style::Modifier::BOLD),
                ),
                Span::raw(date),
                Span::raw(text::fit(&day.title, room)),
            ])
        }
        None => Line::raw(""),
    };

    // Line 3: what runs now.
    let line3 = match app.state.running() {
        Some((day, block)) => {
            let remaining = block.remaining(now);
            let (figure, style) = if remaining.num_seconds() < 0 {
                (
                    format!("+{} over", text::clock(remaining)),
                    theme::overtime(),
                )
            } else {
                (format!("{} left", text::clock(remaining)), theme::running())
            };
            let elsewhere = if day != view_day {
                format!(" (day {})", day + 1)
            } else {
                String::new()
            };
            let lead = format!(" ▶ Now{elsewhere} ");
            let room = width.saturating_sub(text::width(&lead) + text::width(&figure) + 4);
            Line::from(vec![
                Span::styled(lead, theme::running()),
                Span::styled(text::fit(&block.block.title, room), theme::title()),
                Span::raw(" · "),
                Span::styled(figure, style),
            ])
        }
        None => {
            let next = app.state.next_pending(view_day).map(|b| {
                let starts = app.state.planned_starts(view_day);
                let index = app.state.days[view_day]
                    .blocks
                    .iter()
                    .position(|x| x.id == b.id)
                    .unwrap_or(0);
                let at = starts
                    .get(index)
                    .map(|t| hhmm(*t, w.tz))
                    .unwrap_or_default();
                (at, b.block.title.clone())
            });
            match next {
                Some((at, title)) => {
                    let lead = " ■ No block running · next: ";
                    let room = width.saturating_sub(text::width(lead) + 7);
                    Line::from(vec![
                        Span::styled(lead, theme::dim()),
                        Span::raw(format!("{at} ")),
                        Span::raw(text::fit(&title, room)),
                    ])
                }
                None => Line::styled(" ■ Every block of this day has run", theme::dim()),
            }
        }
    };

    frame.render_widget(Paragraph::new(vec![Line::from(line1), line2, line3]), area);
}
