//! The top three lines: the workshop, the day, what runs now, how late the day is, and both
//! clocks.

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{hhmm, hhmm_ceil, local_clock, place_name, text, theme};
use crate::core::Phase;
use crate::session::Look;

pub const HEIGHT: u16 = 3;

/// "12 min behind", "3 min ahead" or "on time", with its style.
pub fn drift_label(drift: Duration) -> (String, Style) {
    match super::ceil_minutes(drift) {
        0 => ("on time".into(), theme::running()),
        m if m > 0 => (
            format!("{m} min behind"),
            if m > 5 {
                theme::overtime()
            } else {
                theme::warning()
            },
        ),
        m => (format!("{} min ahead", -m), theme::running()),
    }
}

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    let w = app.workshop();
    let width = area.width as usize;
    let view_day = app.view.day;
    let days = w.days().len();

    // Line 1: title on the left, the clocks on the right.
    let (local_time, local_name) = local_clock(app.view.local_zone, now);
    let mut right = Vec::new();
    if let Some(rooms) = super::tracker::needing_help(app, now) {
        right.push(Span::styled(
            format!(" ⚑ HELP: {rooms} "),
            theme::overtime().add_modifier(Modifier::REVERSED),
        ));
        right.push(Span::raw("  "));
    }
    if let Some(r) = app.replay() {
        right.push(Span::styled(
            format!(" REPLAY {}/{} ", r.position, r.records.len()),
            theme::accent().add_modifier(Modifier::REVERSED),
        ));
        right.push(Span::raw("  "));
    } else if app.view.rehearsal {
        right.push(Span::styled(
            " REHEARSAL ",
            theme::warning().add_modifier(Modifier::REVERSED),
        ));
        right.push(Span::raw("  "));
    }
    right.extend([
        Span::styled(format!("{} ", place_name(w.tz.name())), theme::dim()),
        Span::styled(hhmm(now, w.tz), theme::title()),
        Span::styled(format!("  {local_name} "), theme::dim()),
        Span::styled(local_time, theme::title()),
        Span::raw(" "),
    ]);
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let title_room = width.saturating_sub(right_width + 2);
    let mut line1 = vec![Span::styled(
        text::pad(&format!(" {}", w.programme.title), title_room),
        theme::title(),
    )];
    line1.push(Span::raw("  "));
    line1.extend(right);

    // Line 2: which day, its date and theme; on the right, where the session is journaled.
    let journal = match &app.view.journal {
        Some(path) => format!("journal {} ", text::fit_start(path, width / 3)),
        None if app.replay().is_none() => "not journaled ".to_string(),
        None => String::new(),
    };
    let line2 = match w.day(view_day) {
        Some(day) => {
            let lead = format!(" Day {} of {days}", view_day + 1);
            let date = format!(" · {} · ", day.date.format("%a %-d %b %Y"));
            let room = width.saturating_sub(
                text::width(&lead) + text::width(&date) + text::width(&journal) + 1,
            );
            let theme_text = text::fit(&day.title, room);
            let gap = room.saturating_sub(text::width(&theme_text)) + 1;
            Line::from(vec![
                Span::styled(lead, theme::accent().add_modifier(Modifier::BOLD)),
                Span::raw(date),
                Span::raw(theme_text),
                Span::raw(" ".repeat(gap)),
                Span::styled(journal, theme::dim()),
            ])
        }
        None => Line::raw(""),
    };

    // Line 3: what runs now on the left; how the day stands on the right.
    let day_in_progress = app.state.running().map_or(view_day, |(d, _)| d);
    let mut right = Vec::new();
    if let (Some(drift), Some(end), Some(planned)) = (
        app.state.drift(day_in_progress, now),
        app.state.projected_end(day_in_progress, now),
        app.state.planned_end(day_in_progress),
    ) {
        let (label, style) = drift_label(drift);
        if day_in_progress != view_day {
            right.push(Span::styled(
                format!("day {} ", day_in_progress + 1),
                theme::dim(),
            ));
        }
        right.push(Span::styled(label, style));
        let planned = if width >= 100 {
            format!(" (planned {})", hhmm(planned, w.tz))
        } else {
            String::new()
        };
        right.push(Span::styled(
            format!(" · ends {}{planned} ", hhmm_ceil(end, w.tz)),
            theme::dim(),
        ));
    }
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let room = width.saturating_sub(right_width);
    let mut left: Vec<Span> = match app.state.running() {
        Some((day, block)) => {
            let remaining = block.remaining(now);
            let (figure, style) = match block.phase(now) {
                Phase::Overtime => (
                    format!("+{} over", text::clock(remaining)),
                    theme::overtime(),
                ),
                Phase::Warning => (format!("{} left", text::clock(remaining)), theme::warning()),
                Phase::Normal => (format!("{} left", text::clock(remaining)), theme::running()),
            };
            let elsewhere = if day != view_day {
                format!(" (day {})", day + 1)
            } else {
                String::new()
            };
            let lead = format!(" ▶ Now{elsewhere} ");
            let title_room = room.saturating_sub(text::width(&lead) + text::width(&figure) + 5);
            vec![
                Span::styled(lead, theme::running()),
                Span::styled(text::fit(&block.block.title, title_room), theme::title()),
                Span::raw(" · "),
                Span::styled(figure, style),
            ]
        }
        None => {
            let projection = app.state.projection(view_day, now);
            let next = app.state.days.get(view_day).and_then(|d| {
                d.blocks
                    .iter()
                    .position(|b| b.status() == crate::core::BlockStatus::Pending)
                    .map(|i| (i, &d.blocks[i]))
            });
            match next {
                Some((i, b)) => {
                    let at = projection
                        .get(i)
                        .copied()
                        .flatten()
                        .map(|(s, _)| hhmm(s, w.tz))
                        .unwrap_or_default();
                    let lead = " ■ No block running · next: ";
                    let title_room = room.saturating_sub(text::width(lead) + 8);
                    vec![
                        Span::styled(lead, theme::dim()),
                        Span::raw(format!("{at} ")),
                        Span::raw(text::fit(&b.block.title, title_room)),
                    ]
                }
                None => vec![Span::styled(
                    " ■ Every block of this day has run",
                    theme::dim(),
                )],
            }
        }
    };
    let used: usize = left.iter().map(|s| text::width(&s.content)).sum();
    left.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    left.extend(right);

    frame.render_widget(
        Paragraph::new(vec![Line::from(line1), line2, Line::from(left)]),
        area,
    );
}
