//! The question the console asks when it resumes a session whose programme file was edited:
//! what changed on the days not yet run, and whether to use the new programme for them.

use chrono::{NaiveDate, NaiveTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use super::{text, theme};
use crate::core::revision::{Change, Kept, Revision};

/// What the question screen shows: the file, the changes in words, what is kept, and how far
/// the list is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The programme file, as it was named.
    pub source: String,
    /// The changes, a line each, grouped under their day.
    pub lines: Vec<String>,
    /// What a revision does not change, a sentence each.
    pub kept: Vec<String>,
    /// The first line of the list shown.
    pub scroll: usize,
}

impl Question {
    pub fn new(source: &str, revision: &Revision) -> Question {
        Question {
            source: source.to_string(),
            lines: change_lines(revision),
            kept: kept_lines(&revision.kept),
            scroll: 0,
        }
    }

    /// Scrolls the list by `by` lines, within what there is to see in a screen of `area`.
    pub fn scroll_by(&mut self, by: isize, area: Rect) {
        let most = self.lines.len().saturating_sub(list_rows(self, area));
        self.scroll = self.scroll.saturating_add_signed(by).min(most);
    }
}

fn day_label(day: usize) -> String {
    format!("Day {}", day + 1)
}

fn when(date: NaiveDate, start: NaiveTime) -> String {
    format!("{} {}", date.format("%a %-d %b"), start.format("%H:%M"))
}

fn slot((start, minutes): (NaiveTime, u32)) -> String {
    format!("{} {minutes}′", start.format("%H:%M"))
}

/// The day a change belongs to, `None` for the workshop's own facts.
fn day_of(change: &Change) -> Option<usize> {
    match change {
        Change::DayMoved { day, .. }
        | Change::DayRenamed { day, .. }
        | Change::DayAdded { day, .. }
        | Change::DayRemoved { day, .. }
        | Change::BlockAdded { day, .. }
        | Change::BlockRemoved { day, .. }
        | Change::BlockRetimed { day, .. }
        | Change::BlockRenamed { day, .. }
        | Change::BlockDetails { day, .. } => Some(*day),
        Change::Workshop { .. } => None,
    }
}

/// One change in words, under the heading of its day.
fn change_line(change: &Change) -> String {
    match change {
        Change::DayMoved { from, to, .. } => {
            format!("  moved    {} → {}", when(from.0, from.1), when(to.0, to.1))
        }
        Change::DayRenamed { from, to, .. } => format!("  theme    “{from}” → “{to}”"),
        Change::DayAdded { title, blocks, .. } => {
            format!("  added    a new day, “{title}”, {blocks} block(s)")
        }
        Change::DayRemoved { title, .. } => format!("  removed  the day “{title}”"),
        Change::BlockAdded {
            title,
            start,
            minutes,
            ..
        } => format!("  added    {} “{title}”", slot((*start, *minutes))),
        Change::BlockRemoved { title, .. } => format!("  removed  “{title}”"),
        Change::BlockRetimed {
            title, from, to, ..
        } => format!("  retimed  “{title}” {} → {}", slot(*from), slot(*to)),
        Change::BlockRenamed { from, to, .. } => {
            format!("  renamed  “{from}”\n       to  “{to}”")
        }
        Change::BlockDetails { title, .. } => {
            format!("  changed  “{title}”: its kind, range, cues, exercise or notes")
        }
        Change::Workshop { what } => format!("  changed  {what}"),
    }
}

/// The changes in words: the workshop's own first, then each day's under its heading.
pub fn change_lines(revision: &Revision) -> Vec<String> {
    let mut out = Vec::new();
    let workshop: Vec<&Change> = revision
        .changes
        .iter()
        .filter(|c| day_of(c).is_none())
        .collect();
    if !workshop.is_empty() {
        out.push("The workshop".to_string());
        out.extend(workshop.iter().map(|c| change_line(c)));
    }
    let mut heading = None;
    let changes: Vec<&Change> = revision
        .changes
        .iter()
        .filter(|c| day_of(c).is_some())
        .collect();
    let mut i = 0;
    while let Some(c) = changes.get(i) {
        let day = day_of(c);
        if heading != day {
            out.push(day.map(day_label).unwrap_or_default());
            heading = day;
        }
        // Blocks that only start later or earlier, all by as much, because of a change before
        // them: one line for the lot.
        let run = match shift(c) {
            Some(by) => changes[i..]
                .iter()
                .take_while(|x| day_of(x) == day && shift(x) == Some(by))
                .count(),
            None => 1,
        };
        if let (true, Change::BlockRetimed { title, .. }, Some(by)) = (run > 1, c, shift(c)) {
            let way = if by > 0 { "later" } else { "earlier" };
            out.push(format!(
                "  moved    {} min {way}: “{title}” and the {} after it",
                by.abs(),
                run - 1
            ));
        } else {
            out.extend(change_line(c).split('\n').map(str::to_string));
        }
        i += run;
    }
    out
}

/// How many minutes a block's start moved, when its start is all that changed.
fn shift(change: &Change) -> Option<i64> {
    match change {
        Change::BlockRetimed { from, to, .. } if from.1 == to.1 => {
            Some((to.0 - from.0).num_minutes())
        }
        _ => None,
    }
}

/// What a revision keeps as journaled, a short sentence each.
pub fn kept_lines(kept: &[Kept]) -> Vec<String> {
    let days: Vec<String> = kept
        .iter()
        .filter_map(|k| match k {
            Kept::Day(d) => Some((d + 1).to_string()),
            Kept::TimeZone { .. } => None,
        })
        .collect();
    let mut out = Vec::new();
    match days.len() {
        0 => {}
        1 => out.push(format!(
            "Day {} ran: it keeps its journaled programme.",
            days[0]
        )),
        _ => out.push(format!(
            "Days {} ran: they keep their journaled programme.",
            days.join(", ")
        )),
    }
    for k in kept {
        if let Kept::TimeZone { journaled, .. } = k {
            out.push(format!("The workshop clock stays {journaled}."));
        }
    }
    out
}

/// How many rows the list of changes gets on a screen of `area`.
fn list_rows(q: &Question, area: Rect) -> usize {
    // Borders (2), the heading (2), a blank, the kept lines, a blank, the question (2).
    let fixed = 2 + 2 + 1 + q.kept.len() + 1 + 2;
    usize::from(area.height).saturating_sub(fixed)
}

/// Draws the question over the whole screen.
pub fn draw(q: &Question, frame: &mut Frame) {
    let area = frame.area();
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .border_style(theme::accent())
        .title(Line::styled(
            " The programme file was edited ",
            theme::title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = list_rows(q, area);
    let [head, list, kept, ask] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(rows as u16 + 1),
        Constraint::Length(q.kept.len() as u16 + 1),
        Constraint::Length(2),
    ])
    .areas(inner);

    let heading = vec![
        Line::raw(text::fit(&q.source, width)),
        Line::styled(
            text::fit(
                "changed since the journal began, on the days not yet run:",
                width,
            ),
            theme::dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(heading), head);

    let shown: Vec<Line> = q
        .lines
        .iter()
        .skip(q.scroll)
        .take(rows)
        .map(|l| {
            if l.starts_with(' ') {
                Line::raw(text::fit(l, width))
            } else {
                Line::styled(text::fit(l, width), theme::title())
            }
        })
        .collect();
    let below = q.lines.len().saturating_sub(q.scroll + rows);
    let mut list_lines = shown;
    list_lines.push(if below > 0 || q.scroll > 0 {
        Line::styled(
            format!("↑/↓ scroll · {} line(s) above, {below} below", q.scroll),
            theme::dim(),
        )
    } else {
        Line::raw("")
    });
    frame.render_widget(Paragraph::new(list_lines), list);

    let kept_text: Vec<Line> = q
        .kept
        .iter()
        .map(|k| Line::styled(text::fit(k, width), theme::dim()))
        .collect();
    frame.render_widget(Paragraph::new(kept_text), kept);

    let key = |k: &'static str| Span::styled(k, theme::key());
    let ask_lines = vec![
        Line::from(vec![
            key("y"),
            Span::raw(" use the new programme for the days not yet run"),
        ]),
        Line::from(vec![
            key("n"),
            Span::raw(" keep the journaled programme   "),
            key("q"),
            Span::raw(" quit, deciding nothing"),
        ]),
    ];
    frame.render_widget(Paragraph::new(ask_lines), ask);
}
