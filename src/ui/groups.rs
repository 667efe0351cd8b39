//! Pane 3: breakout groups, and the roster they are formed from.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};

use super::{pane_block, text, theme};
use crate::app::{App, Pane};
use crate::roster::Role;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let roster = &app.state.roster;
    let extra = app.state.roster_source.as_deref().map(|s| {
        let name = std::path::Path::new(s)
            .file_name()
            .map_or(s.to_string(), |n| n.to_string_lossy().into_owned());
        text::fit(&name, 24)
    });
    let block = pane_block(app, Pane::Groups, extra);
    let inner = block.inner(area);
    (block).render(area, buf);
    let width = inner.width as usize;

    if roster.is_empty() {
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
        return;
    }

    let count = |role: Role| roster.with_role(role).count();
    let facilitators = count(Role::Facilitator) + count(Role::CoFacilitator);
    let mut summary = format!("{} participants", count(Role::Participant));
    if facilitators > 0 {
        summary.push_str(&format!(" · {facilitators} facilitators"));
    }
    let observers = count(Role::Observer);
    if observers > 0 {
        summary.push_str(&format!(" · {observers} observers"));
    }
    let countries: Vec<String> = roster
        .countries()
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    let mut head = vec![Line::styled(text::fit(&summary, width), theme::title())];
    head.extend(
        text::pack(&countries, " · ", width)
            .into_iter()
            .map(|l| Line::styled(l, theme::dim())),
    );
    head.push(Line::styled("No groups formed yet.", theme::accent()));
    let [top, list] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(0)]).areas(inner);
    (Paragraph::new(head)).render(top, buf);

    let focused = app.view.focus == Pane::Groups;
    let selected = app.view.roster_selected.min(roster.len() - 1);
    let visible = list.height as usize;
    let offset = (selected + 1).saturating_sub(visible);
    let country_width = 12.min(width / 3);
    let name_width = width.saturating_sub(country_width + 1);
    let rows: Vec<Line> = roster
        .participants
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, p)| {
            let name_style = if p.role == Role::Participant {
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
        })
        .collect();
    (Paragraph::new(rows)).render(list, buf);
}
