//! Pane 3: breakout groups, and the roster they are formed from.

use crate::core::{PersonKey, RoomIx};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};

use super::{pane_block, text, theme};
use crate::roster::Role;
use crate::session::Look;
use crate::view::Pane;

pub fn draw(app: &Look<'_>, area: Rect, buf: &mut Buffer) {
    let roster = &app.state.roster;
    let extra = app.state.roster_source.as_deref().map(|s| {
        let name = std::path::Path::new(s)
            .file_name()
            .map_or(s.to_string(), |n| n.to_string_lossy().into_owned());
        // Beside " 3 Breakout groups " inside the corners, with a space before the corner.
        let room = (area.width as usize).saturating_sub(23);
        text::fit(&name, room.min(24))
    });
    let block = pane_block(app, Pane::Groups, extra);
    let inner = block.inner(area);
    (block).render(area, buf);
    let width = inner.width as usize;

    if roster.is_empty() {
        draw_no_roster(inner, buf);
        return;
    }

    if let Some(round) = app.state.current_round() {
        draw_round(app, round, inner, buf);
        return;
    }

    let off_file: Vec<usize> = (0..roster.len())
        .filter(|&i| roster.participants[i].off_file)
        .collect();
    let summary = roster_summary(roster, off_file.len());
    let on_file;
    let counted = if off_file.is_empty() {
        roster
    } else {
        on_file = crate::roster::Roster {
            participants: roster.on_file().cloned().collect(),
        };
        &on_file
    };
    let countries: Vec<String> = counted
        .countries()
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    let mut head = vec![Line::styled(text::fit(&summary, width), theme::title())];
    if let Some(a) = app.state.attendance.get(&app.view.day) {
        head.push(Line::styled(
            text::fit(
                &format!(
                    "Attended (Zoom report): {} of {} · {} not on the roster",
                    a.present.len(),
                    roster.len(),
                    a.unmatched.len()
                ),
                width,
            ),
            theme::accent(),
        ));
    }
    // On a short pane the people come first: the countries and the pairs give way.
    if inner.height >= ROOMY {
        head.extend(
            text::pack(&countries, " · ", width)
                .into_iter()
                .map(|l| Line::styled(l, theme::dim())),
        );
        if let Some(pairs) = pairs_line(app) {
            head.push(Line::styled(text::fit(&pairs, width), theme::dim()));
        }
    }
    head.push(Line::styled("No groups formed yet.", theme::accent()));
    let [top, list] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(0)]).areas(inner);
    (Paragraph::new(head)).render(top, buf);

    // The roster in its order (the file's people, then those it lacks), the second part under
    // a heading of its own.
    let mut rows: Vec<Option<usize>> = (0..roster.len())
        .filter(|&i| !roster.participants[i].off_file)
        .map(Some)
        .collect();
    if !off_file.is_empty() {
        rows.push(None);
        rows.extend(off_file.iter().copied().map(Some));
    }
    let focused = app.view.focus == Pane::Groups;
    let selected = app.view.roster_selected.min(roster.len() - 1);
    let selected_row = rows.iter().position(|r| *r == Some(selected)).unwrap_or(0);
    let shown = Window::around(rows.len(), selected_row, list.height as usize);
    let people = |range: &[Option<usize>]| range.iter().filter(|r| r.is_some()).count();
    let country_width = 12.min(width / 3);
    let name_width = width.saturating_sub(country_width + 1);
    let mut lines: Vec<Line> = Vec::new();
    if shown.above {
        lines.push(more_line(people(&rows[..shown.start]), " above", width));
    }
    lines.extend(rows[shown.start..shown.end].iter().map(|row| {
        let Some(i) = *row else {
            return Line::styled(
                text::fit(
                    &format!("Not on the roster file ({})", off_file.len()),
                    width,
                ),
                theme::accent(),
            );
        };
        let p = &roster.participants[i];
        let name_style = if p.off_file {
            theme::dim()
        } else if p.role == Role::Participant {
            ratatui::style::Style::new()
        } else {
            theme::accent()
        };
        let mut line = Line::from(vec![
            Span::styled(text::pad(&p.name, name_width), name_style),
            Span::raw(" "),
            Span::styled(
                text::pad(p.country.as_deref().unwrap_or(""), country_width),
                theme::dim(),
            ),
        ]);
        if focused && i == selected {
            line = line.style(theme::selected());
        }
        line
    }));
    if shown.below {
        lines.push(more_line(people(&rows[shown.end..]), "", width));
    }
    (Paragraph::new(lines)).render(list, buf);
}

/// Without a roster: how to load one.
fn draw_no_roster(inner: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::styled("No roster loaded.", theme::title()),
        Line::from(vec![
            Span::styled("Start with ", theme::dim()),
            Span::styled("--roster FILE.csv", theme::key()),
            Span::styled(
                " (columns name, email, organisation, city, country, time_zone, role; \
                 see the README).",
                theme::dim(),
            ),
        ]),
    ];
    (Paragraph::new(lines).wrap(Wrap { trim: true })).render(inner, buf);
}

/// "30 participants · 3 facilitators", counted from the roster file, and how many people
/// kept from an earlier roster are not on it.
fn roster_summary(roster: &crate::roster::Roster, off_file: usize) -> String {
    let count = |role: Role| roster.on_file().filter(|p| p.role == role).count();
    let facilitators = count(Role::Facilitator) + count(Role::CoFacilitator);
    let mut summary = format!("{} participants", count(Role::Participant));
    if facilitators > 0 {
        summary.push_str(&format!(" · {facilitators} facilitators"));
    }
    let observers = count(Role::Observer);
    if observers > 0 {
        summary.push_str(&format!(" · {observers} observers"));
    }
    if off_file > 0 {
        summary.push_str(&format!(" · {off_file} not on the roster file"));
    }
    summary
}

/// The rows of a list that show in a number of lines around the selected one: all of them
/// when they fit; else a window that keeps the selected row and the one after it in view,
/// with a line saying how many people are left out above it and below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    start: usize,
    end: usize,
    /// A line above the window says how many are left out before it.
    above: bool,
    /// A line below the window says how many are left out after it.
    below: bool,
}

impl Window {
    fn around(len: usize, selected: usize, visible: usize) -> Window {
        let all = Window {
            start: 0,
            end: len,
            above: false,
            below: false,
        };
        if len <= visible {
            return all;
        }
        if visible < 3 {
            let start = (selected + 1).saturating_sub(visible).min(len - visible);
            return Window {
                start,
                end: start + visible,
                ..all
            };
        }
        // From the top: every line but the last, which counts those below.
        if selected + 2 < visible {
            return Window {
                end: visible - 1,
                below: true,
                ..all
            };
        }
        // To the end: every line but the first, which counts those above.
        if selected + visible > len {
            return Window {
                start: len - (visible - 1),
                above: true,
                ..all
            };
        }
        let start = (selected + 2).saturating_sub(visible - 2);
        Window {
            start,
            end: start + visible - 2,
            above: true,
            below: true,
        }
    }
}

/// "… 9 more", or "… 4 more above": how many people a list leaves out there.
fn more_line(people: usize, place: &str, width: usize) -> Line<'static> {
    Line::styled(
        text::fit(&format!("… {people} more{place}"), width),
        theme::dim(),
    )
}

/// Lines inside the pane from which it shows the countries, the pairs kept together or apart
/// and the round's quality; below, only the people and how many they are.
const ROOMY: u16 = 12;

/// Between the items of a list on one line: never ", ", which a name may hold.
pub(crate) const LIST: &str = " · ";

/// A row of the groups pane: a note, the heading of a list of people (a room, those in no
/// room), or a person.
enum Row {
    Note(String),
    /// The text before the count, the count, and what follows it (`Room 2`, 4, ` · reports: …`).
    Heading(String, usize, String),
    Person(PersonKey),
}

/// `parts` joined by `between` into lines of at most `width` columns where they fit, a line
/// broken only between two parts (a part wider than a line has one of its own).
fn packed(parts: &[String], between: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if line.width() + between.width() + part.width() <= width => {
                line.push_str(between);
                line.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    lines
}

/// How fresh a round is, then each figure beside the average of random assignments, in
/// brackets: each on as many lines as it needs of `width`, broken between its parts.
fn quality_lines(q: &crate::core::RoundQuality, width: usize) -> Vec<String> {
    let fresh = match (q.figures.repeat_meetings, q.figures.repeat_lower_bound) {
        (Some(repeats), Some(bound)) => vec![
            format!("repeat meetings this round {repeats}"),
            format!(
                "(lower bound {bound}; random would give {:.0})",
                q.random_repeat_meetings.unwrap_or(q.random_repeated_pairs)
            ),
        ],
        _ => vec![format!(
            "met before {} ({:.1})",
            q.figures.repeated_pairs, q.random_repeated_pairs
        )],
    };
    let mixing = vec![
        format!(
            "same country {} ({:.1})",
            q.figures.same_country_pairs, q.random_same_country_pairs
        ),
        format!(
            "same org {} ({:.1})",
            q.figures.same_organisation_pairs, q.random_same_organisation_pairs
        ),
        format!("sizes {}–{}", q.figures.smallest, q.figures.largest),
        "random in brackets".to_string(),
    ];
    packed(&fresh, " ", width)
        .into_iter()
        .chain(packed(&mixing, LIST, width))
        .collect()
}

fn draw_round(app: &Look<'_>, round: &crate::core::Round, area: Rect, buf: &mut Buffer) {
    let mut area = area;
    let width = area.width as usize;
    let mut rows = vec![Row::Note(format!(
        "{} · {} · {} rooms",
        round.label,
        round.strategy,
        round.rooms.len()
    ))];
    let roomy = area.height >= ROOMY;
    if let Some(pairs) = pairs_line(app).filter(|_| roomy) {
        rows.push(Row::Note(pairs));
    }
    let off_file = app.state.roster.off_file().count();
    if off_file > 0 {
        rows.push(Row::Note(format!(
            "{off_file} not on the roster file (“not on file”)"
        )));
    }
    if let Some(q) = round.quality.filter(|_| roomy) {
        rows.extend(quality_lines(&q, width).into_iter().map(Row::Note));
    }
    let help: Vec<RoomIx> = app
        .state
        .tracker
        .needing_help()
        .into_iter()
        .filter(|(_, r, _)| Some(*r) == app.state.current_round_index())
        .map(|(_, _, room)| room)
        .collect();
    if !help.is_empty() {
        let names: Vec<&str> = help
            .iter()
            .filter_map(|i| round.room(*i).map(|r| r.name.as_str()))
            .collect();
        // Pinned above the list, so that scrolling never hides it.
        let alert = format!("⚑ {} needs help", names.join(LIST));
        let [top, rest] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Length(1),
            ratatui::layout::Constraint::Min(0),
        ])
        .areas(area);
        Paragraph::new(Line::styled(
            text::fit(&alert, width),
            theme::overtime().add_modifier(ratatui::style::Modifier::REVERSED),
        ))
        .render(top, buf);
        area = rest;
    }
    for (i, room) in round.indexed() {
        let flag = if help.contains(&i) { "⚑ " } else { "" };
        let reports = room
            .rapporteur
            .as_ref()
            .and_then(|k| app.state.person(k))
            .map_or_else(String::new, |r| format!(" · reports: {}", r.name));
        rows.push(Row::Heading(
            format!("{flag}{}", room.name),
            room.members.len(),
            reports,
        ));
        rows.extend(room.members.iter().cloned().map(Row::Person));
    }
    let placed: usize = round.rooms.iter().map(|r| r.members.len()).sum();
    let in_order = app.people_in_order();
    let outside: Vec<PersonKey> = in_order
        .get(placed..)
        .map(<[PersonKey]>::to_vec)
        .unwrap_or_default();
    // Those the roster file lacks come last in that order: apart, under a heading of their own.
    let (off_file, outside): (Vec<PersonKey>, Vec<PersonKey>) = outside
        .into_iter()
        .partition(|k| app.state.person(k).is_some_and(|p| p.off_file));
    if !outside.is_empty() {
        rows.push(Row::Heading(
            "Not in a room".into(),
            outside.len(),
            String::new(),
        ));
        rows.extend(outside.into_iter().map(Row::Person));
    }
    if !off_file.is_empty() {
        rows.push(Row::Heading(
            "Not on the roster file".into(),
            off_file.len(),
            String::new(),
        ));
        rows.extend(off_file.into_iter().map(Row::Person));
    }

    let focused = app.view.focus == Pane::Groups;
    let selected = app.view.selected_among(&in_order);
    let selected_row = rows
        .iter()
        .position(|r| matches!(r, Row::Person(k) if Some(k) == selected.as_ref()))
        .unwrap_or(0);
    let shown = Window::around(rows.len(), selected_row, area.height as usize);
    let people = |range: &[Row]| range.iter().filter(|r| matches!(r, Row::Person(_))).count();
    let country_width = 12.min(width / 3);
    let mut lines: Vec<Line> = Vec::new();
    if shown.above {
        lines.push(more_line(people(&rows[..shown.start]), " above", width));
    }
    for (at, row) in rows.iter().enumerate().take(shown.end).skip(shown.start) {
        lines.push(match row {
            Row::Heading(name, count, after) => {
                // The people of this list that show: up to the next heading or the window's end.
                let listed = rows[at + 1..]
                    .iter()
                    .take_while(|r| matches!(r, Row::Person(_)))
                    .count();
                let visible = listed.min(shown.end - at - 1);
                let count = if visible < listed {
                    format!("{count}, {} not shown", listed - visible)
                } else {
                    count.to_string()
                };
                Line::styled(
                    text::fit(&format!("{name} ({count}){after}"), width),
                    theme::accent(),
                )
            }
            Row::Note(text) => Line::styled(text::fit(text, width), theme::dim()),
            Row::Person(key) => {
                let selected = focused && Some(key) == selected.as_ref();
                person_line(app, round, key, width, country_width, selected)
            }
        });
    }
    if shown.below {
        lines.push(more_line(people(&rows[shown.end..]), "", width));
    }
    Paragraph::new(lines).render(area, buf);
}

/// One person of the round: a mark (swapping, reporting back), the name and the country (or
/// why they are not counted: absent, not on the roster file).
fn person_line(
    app: &Look<'_>,
    round: &crate::core::Round,
    key: &PersonKey,
    width: usize,
    country_width: usize,
    selected: bool,
) -> Line<'static> {
    let day = app.view.day;
    let p = app.state.person(key);
    let name = p.map_or_else(|| key.to_string(), |p| p.name.clone());
    let absent = crate::core::groups::is_away(app.state, day, key);
    let rapporteur = round
        .rooms
        .iter()
        .any(|r| r.rapporteur.as_ref() == Some(key));
    let mark = if app.view.swap_mark.as_ref() == Some(key) {
        "⇄ "
    } else if rapporteur {
        "★ "
    } else {
        "  "
    };
    let off_file = p.is_some_and(|p| p.off_file);
    let country = if absent {
        "absent".to_string()
    } else if off_file {
        "not on file".to_string()
    } else {
        p.and_then(|p| p.country.clone()).unwrap_or_default()
    };
    let name_width = width.saturating_sub(country_width + 3);
    let style = if absent || off_file {
        theme::dim()
    } else if p.is_some_and(|p| p.role != Role::Participant) {
        theme::accent()
    } else {
        ratatui::style::Style::new()
    };
    let line = Line::from(vec![
        Span::styled(mark, theme::key()),
        Span::styled(text::pad(&name, name_width), style),
        Span::raw(" "),
        Span::styled(text::pad(&country, country_width), theme::dim()),
    ]);
    if selected {
        line.style(theme::selected())
    } else {
        line
    }
}

/// "2 pairs kept together, 1 apart", when there are any.
fn pairs_line(app: &Look<'_>) -> Option<String> {
    let together = app
        .state
        .pairs
        .iter()
        .filter(|(_, _, r)| *r == crate::core::PairRule::Together)
        .count();
    let apart = app.state.pairs.len() - together;
    (!app.state.pairs.is_empty())
        .then(|| format!("{together} pair(s) kept together, {apart} apart"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(start: usize, end: usize, above: bool, below: bool) -> Window {
        Window {
            start,
            end,
            above,
            below,
        }
    }

    #[test]
    fn a_list_that_fits_shows_whole() {
        assert_eq!(Window::around(5, 4, 5), window(0, 5, false, false));
    }

    #[test]
    fn a_long_list_keeps_the_selected_row_and_the_next_with_counts() {
        // 10 rows in 5 lines. From the top: 4 rows and the line of those below.
        assert_eq!(Window::around(10, 0, 5), window(0, 4, false, true));
        assert_eq!(Window::around(10, 2, 5), window(0, 4, false, true));
        // Row 3 and row 4 after it: 3 rows between the two lines of counts.
        assert_eq!(Window::around(10, 3, 5), window(2, 5, true, true));
        // Near the end: the line of those above and the last 4 rows.
        assert_eq!(Window::around(10, 6, 5), window(6, 10, true, false));
        assert_eq!(Window::around(10, 9, 5), window(6, 10, true, false));
        // Too few lines for counts: the selected row in view.
        assert_eq!(Window::around(10, 7, 2), window(6, 8, false, false));
    }
}
