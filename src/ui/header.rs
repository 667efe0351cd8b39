//! The top three lines: the workshop, the day, what runs now, how late the day is, and both
//! clocks.

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::rows::Rows;
use super::{hhmm, hhmm_ceil, local_clock, place_name, text, theme};
use crate::core::{BlockState, BlockStatus, Phase};
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

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, rows: &mut Rows, frame: &mut Frame) {
    let width = area.width as usize;
    rows.draw(
        vec![
            title_line(app, now, width),
            day_line(app, width),
            now_line(app, now, width),
        ],
        area,
        frame.buffer_mut(),
    );
}

/// Line 1: the title on the left, the clocks on the right.
fn title_line(app: &Look<'_>, now: DateTime<Utc>, width: usize) -> Line<'static> {
    let w = app.workshop();
    let (local_time, local_name) = local_clock(app.view.local_zone, now);
    let mut right = badges(app, now);
    right.extend([
        Span::styled(format!("{} ", place_name(w.tz.name())), theme::dim()),
        Span::styled(hhmm(now, w.tz), theme::title()),
        Span::styled(format!("  {local_name} "), theme::dim()),
        Span::styled(local_time, theme::title()),
        Span::raw(" "),
    ]);
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let title_room = width.saturating_sub(right_width + 2);
    let mut line = vec![Span::styled(
        text::pad(&format!(" {}", w.programme.title), title_room),
        theme::title(),
    )];
    line.push(Span::raw("  "));
    line.extend(right);
    Line::from(line)
}

/// What stands out before the clocks: rooms asking for help, and a replay or a rehearsal.
fn badges(app: &Look<'_>, now: DateTime<Utc>) -> Vec<Span<'static>> {
    let mut badges = Vec::new();
    if let Some(rooms) = super::tracker::needing_help(app, now) {
        badges.push(Span::styled(
            format!(" ⚑ HELP: {rooms} "),
            theme::overtime().add_modifier(Modifier::REVERSED),
        ));
        badges.push(Span::raw("  "));
    }
    if let Some(r) = app.replay() {
        badges.push(Span::styled(
            format!(" REPLAY {}/{} ", r.position, r.records.len()),
            theme::accent().add_modifier(Modifier::REVERSED),
        ));
        badges.push(Span::raw("  "));
    } else if app.view.rehearsal {
        badges.push(Span::styled(
            " REHEARSAL ",
            theme::warning().add_modifier(Modifier::REVERSED),
        ));
        badges.push(Span::raw("  "));
    }
    // The programme's times are a plan written for it, not a record: `W` says more.
    if app.workshop().programme.illustrative {
        badges.push(Span::styled("◇ plan", theme::dim()));
        badges.push(Span::raw("  "));
    }
    badges
}

/// Line 2: which day, its date and theme; on the right, where the session is journaled.
fn day_line(app: &Look<'_>, width: usize) -> Line<'static> {
    let w = app.workshop();
    let view_day = app.view.day;
    let journal = if app.session.present().is_empty() {
        match &app.view.journal {
            Some(path) => format!("journal {} ", text::fit_start(path, width / 3)),
            None if app.replay().is_none() => "not journaled ".to_string(),
            None => String::new(),
        }
    } else {
        // A served session: who is on, in place of where it is journaled.
        format!("{} ", present(app, width / 2))
    };
    let Some(day) = w.day(view_day) else {
        return Line::raw("");
    };
    let lead = format!(" Day {} of {}", view_day + 1, w.days().len());
    let date = format!(" · {} · ", short_date(day.date));
    let room =
        width.saturating_sub(text::width(&lead) + text::width(&date) + text::width(&journal) + 1);
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

/// A date as `Mon 8 Nov 2021` (what `%a %-d %b %Y` gives, without parsing a format each
/// second).
fn short_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = chrono::Month::try_from(date.month() as u8).map_or("", |m| &m.name()[..3]);
    format!("{} {} {month} {}", date.weekday(), date.day(), date.year())
}

/// Who is at a seat of a served session, in at most `room` columns: "on: Rina (lead) ·
/// Hendra (cofac)", and "+3" for those there is no room to name.
fn present(app: &Look<'_>, room: usize) -> String {
    let people: Vec<String> = app
        .session
        .present()
        .iter()
        .map(|(name, role)| format!("{name} ({})", role.code_name()))
        .collect();
    let mut line = "on:".to_string();
    for (i, person) in people.iter().enumerate() {
        let rest = people.len() - i - 1;
        let more = if rest > 0 {
            format!(" · +{rest}")
        } else {
            String::new()
        };
        let sep = if i == 0 { " " } else { " · " };
        if text::width(&line) + text::width(sep) + text::width(person) + text::width(&more) > room {
            line.push_str(&format!("{sep}+{}", people.len() - i));
            return text::fit(&line, room);
        }
        line.push_str(sep);
        line.push_str(person);
    }
    line
}

/// Line 3: what runs now on the left; how the day stands on the right.
fn now_line(app: &Look<'_>, now: DateTime<Utc>, width: usize) -> Line<'static> {
    let right = day_standing(app, now, width);
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let room = width.saturating_sub(right_width);
    let mut left = match app.state.running() {
        Some((day, block)) => running_now(app, now, day, block, room),
        None => next_up(app, now, room),
    };
    let used: usize = left.iter().map(|s| text::width(&s.content)).sum();
    left.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    left.extend(right);
    Line::from(left)
}

/// How the day in progress stands: ahead or behind, and when it is expected to end.
fn day_standing(app: &Look<'_>, now: DateTime<Utc>, width: usize) -> Vec<Span<'static>> {
    let w = app.workshop();
    let view_day = app.view.day;
    let day_in_progress = app.state.running().map_or(view_day, |(d, _)| d);
    let mut right = Vec::new();
    if let (Some(drift), Some(end), Some(planned_end)) = (
        app.state.drift(day_in_progress, now),
        app.state.projected_end(day_in_progress, now),
        app.state.planned_end(day_in_progress),
    ) {
        let ended = app.state.day_end(day_in_progress).is_some();
        let (label, style) = if ended {
            ended_label(drift)
        } else {
            drift_label(drift)
        };
        if day_in_progress != view_day {
            right.push(Span::styled(
                format!("day {} ", day_in_progress + 1),
                theme::dim(),
            ));
        }
        right.push(Span::styled(label, style));
        let planned = if width >= 100 {
            format!(" (planned {})", hhmm(planned_end, w.tz))
        } else {
            String::new()
        };
        let ends = if ended {
            format!(" · planned end {} ", hhmm(planned_end, w.tz))
        } else {
            format!(" · ends {}{planned} ", hhmm_ceil(end, w.tz))
        };
        right.push(Span::styled(ends, theme::dim()));
    }
    right
}

/// The running block, its day when not the one shown, and the time it has left or is over,
/// in `room` cells.
fn running_now(
    app: &Look<'_>,
    now: DateTime<Utc>,
    day: usize,
    block: &BlockState,
    room: usize,
) -> Vec<Span<'static>> {
    let remaining = block.remaining(now);
    let (figure, style) = match block.phase(now) {
        Phase::Overtime => (
            format!("+{} over", text::clock(remaining)),
            theme::overtime(),
        ),
        Phase::Warning => (format!("{} left", text::clock(remaining)), theme::warning()),
        Phase::Normal => (format!("{} left", text::clock(remaining)), theme::running()),
    };
    let elsewhere = if day != app.view.day {
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

/// With no block running: the shown day's next block and when it is expected, in `room`
/// cells, or that every block of the day has run.
fn next_up(app: &Look<'_>, now: DateTime<Utc>, room: usize) -> Vec<Span<'static>> {
    let view_day = app.view.day;
    let projection = app.state.projection(view_day, now);
    let next = app.state.days.get(view_day).and_then(|d| {
        d.blocks
            .iter()
            .position(|b| b.status() == BlockStatus::Pending)
            .map(|i| (i, &d.blocks[i]))
    });
    match next {
        Some((i, b)) => {
            let at = projection
                .get(i)
                .copied()
                .flatten()
                .map(|(s, _)| hhmm(s, app.workshop().tz))
                .unwrap_or_default();
            let lead = " ■ No block running · next: ";
            let title_room = room.saturating_sub(text::width(lead) + 8);
            vec![
                Span::styled(lead, theme::dim()),
                Span::raw(format!("{at} ")),
                Span::raw(text::fit(&b.block.title, title_room)),
            ]
        }
        None => match app.state.day_end(view_day) {
            Some(end) => {
                let text = format!(" ■ {}", ended_words(app, view_day, &end));
                vec![Span::styled(text::fit(&text, room), theme::dim())]
            }
            None => vec![Span::styled(
                " ■ Every block of this day has run",
                theme::dim(),
            )],
        },
    }
}

/// "3 min late", "2 min early" or "on time" for a day that is over, counting the blocks
/// that ran: late is a warning, early or on time is not.
fn ended_label(drift: Duration) -> (String, Style) {
    match super::ceil_minutes(drift) {
        0 => ("on time".into(), theme::running()),
        m if m > 0 => (format!("{m} min late"), theme::warning()),
        m => (format!("{} min early", -m), theme::running()),
    }
}

/// "Day 1 ended at 15:01 · 2 blocks not run, 1 of high priority", or "· every block ran".
pub fn ended_words(app: &Look<'_>, day: usize, end: &crate::core::DayEnd) -> String {
    let tz = app.workshop().tz;
    let high = end
        .not_run
        .iter()
        .filter_map(|id| app.state.block(*id))
        .filter(|b| b.block.priority == crate::programme::Priority::High)
        .count();
    let not_run = match (end.not_run.len(), high) {
        (0, _) => "every block ran".to_string(),
        (1, 1) => "1 block not run, of high priority".to_string(),
        (1, _) => "1 block not run".to_string(),
        (n, 0) => format!("{n} blocks not run"),
        (n, h) => format!("{n} blocks not run, {h} of high priority"),
    };
    format!("Day {} ended at {} · {not_run}", day + 1, hhmm(end.at, tz))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_strftime_writes_them() {
        for (y, m, d, expected) in [
            (2021, 11, 8, "Mon 8 Nov 2021"),
            (2021, 11, 25, "Thu 25 Nov 2021"),
            (2024, 2, 29, "Thu 29 Feb 2024"),
            (2022, 9, 4, "Sun 4 Sep 2022"),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            assert_eq!(short_date(date), expected);
            assert_eq!(short_date(date), date.format("%a %-d %b %Y").to_string());
        }
    }
}
