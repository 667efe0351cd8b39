//! Pane 1: the day's blocks with their planned times; the running block stands out.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;

use super::{hhmm, pane_block, text, theme};
use crate::core::{BlockState, BlockStatus};
use crate::programme::Workshop;
use crate::session::Look;
use crate::view::Pane;

/// When a block starts and ends.
type Times = (DateTime<Utc>, DateTime<Utc>);

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, buf: &mut Buffer) {
    let day = app.view.day;
    let w = app.workshop();
    let Some(day_state) = app.state.days.get(day) else {
        return;
    };
    let block = pane_block(app, Pane::Agenda, Some(day_hours(app, day)));
    let inner = block.inner(area);
    (block).render(area, buf);

    let width = inner.width as usize;
    let columns = Columns::for_width(width);
    let top_lines = top_lines(w, day, width, columns);
    // The selected block's details, when there is room for them beside the whole day: four
    // lines, and more for its notes when the day leaves rows free.
    let selected = app.selected_block();
    let detail_lines = selected
        .and_then(|s| day_state.blocks.get(s))
        .map(|b| details(w, b, width))
        .unwrap_or_default();
    let free = inner
        .height
        .saturating_sub((day_state.blocks.len() + top_lines.len()) as u16);
    let detail_height: u16 = if free >= 4 {
        (detail_lines.len() as u16).clamp(4, free)
    } else if inner.height >= 30 {
        4
    } else {
        0
    };
    let [top, list, detail] = Layout::vertical([
        Constraint::Length(top_lines.len() as u16),
        Constraint::Min(0),
        Constraint::Length(detail_height),
    ])
    .areas(inner);
    (Paragraph::new(top_lines)).render(top, buf);

    let rows = Rows {
        tz: w.tz,
        width,
        columns,
        selected,
        focused: app.view.focus == Pane::Agenda,
        projection: app.state.projection(day, now),
    };
    (Paragraph::new(rows.lines(&day_state.blocks, list.height as usize))).render(list, buf);

    if detail_height > 0 {
        let mut lines = detail_lines;
        if lines.len() > detail_height as usize {
            // Cut short: the last line shown says there is more.
            lines.truncate(detail_height as usize);
            if let Some(last) = lines.last_mut() {
                let shown: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
                *last = Line::styled(
                    text::fit(&format!("{shown} …"), width),
                    last.style.patch(theme::dim()),
                );
            }
        }
        (Paragraph::new(lines)).render(detail, buf);
    }
}

/// The day's planned hours, for the pane's title: its first start and its planned end.
fn day_hours(app: &Look<'_>, day: usize) -> String {
    let w = app.workshop();
    let first = w.day_start(day).map(|t| hhmm(t, w.tz)).unwrap_or_default();
    let end = app
        .state
        .planned_end(day)
        .map(|t| hhmm(t, w.tz))
        .unwrap_or_default();
    format!("{first}–{end}")
}

/// Which times a row shows, by the room there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    /// The planned start and end, and the actual or expected ones: `13:20–13:40 13:21–13:41`.
    Ranges,
    /// The planned start and the actual or expected one: `13:20 ~13:21`.
    Starts,
    /// One start: the actual or expected one, else the planned one.
    Start,
}

impl Columns {
    fn for_width(width: usize) -> Columns {
        match width {
            64.. => Columns::Ranges,
            40.. => Columns::Starts,
            _ => Columns::Start,
        }
    }
}

/// The lines above the list: what the day follows, and the columns' heads when there is room
/// for both times.
fn top_lines(w: &Workshop, day: usize, width: usize, columns: Columns) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(before) = w.day(day).and_then(|d| d.preceded_by.as_deref()) {
        lines.push(Line::styled(
            text::fit(&format!("… {before}"), width),
            theme::dim(),
        ));
    }
    let heads = match columns {
        Columns::Ranges => Some("   planned      actual / expected"),
        Columns::Starts => Some("   plan  actual"),
        Columns::Start => None,
    };
    if let Some(heads) = heads {
        lines.push(Line::styled(text::pad(heads, width), theme::dim()));
    }
    lines
}

/// The list of the day's blocks: how wide it is, which row is selected, and when each block
/// ran or is expected to run.
struct Rows {
    tz: Tz,
    width: usize,
    /// Which times the rows show.
    columns: Columns,
    selected: Option<usize>,
    focused: bool,
    projection: Vec<Option<Times>>,
}

impl Rows {
    /// The rows that fit in `visible` lines, scrolled to keep the selected row in view with the
    /// one after it (what comes next).
    fn lines(&self, blocks: &[BlockState], visible: usize) -> Vec<Line<'static>> {
        let offset = self
            .selected
            .map(|s| (s + 2).saturating_sub(visible))
            .unwrap_or(0)
            .min(blocks.len().saturating_sub(visible));
        blocks
            .iter()
            .enumerate()
            .skip(offset)
            .take(visible)
            .map(|(i, b)| self.row(i, b))
            .collect()
    }

    /// One block's row: the cursor, its status, its times, its minutes (marked when changed
    /// from the plan) and its title.
    fn row(&self, i: usize, b: &BlockState) -> Line<'static> {
        let status = b.status();
        let (marker, row_style) = status_marker(status);
        let planned = b
            .planned_start
            .zip(b.original_minutes)
            .map(|(s, m)| (s, s + chrono::Duration::minutes(i64::from(m))));
        let actual = self.projection.get(i).copied().flatten();
        let minutes_style = if b.original_minutes != Some(b.block.minutes) {
            theme::warning()
        } else {
            row_style
        };
        let minutes = Span::styled(
            format!("{:>4}", text::minutes(i64::from(b.block.minutes))),
            minutes_style,
        );
        let cursor = if Some(i) == self.selected { "›" } else { " " };
        let mut spans = vec![Span::raw(cursor), Span::styled(marker, row_style)];
        if self.columns == Columns::Ranges {
            spans.extend(self.wide_columns(b, status, planned, actual, minutes));
        } else if self.columns == Columns::Starts {
            spans.extend(self.start_columns(status, planned, actual, row_style));
            spans.push(minutes);
            spans.push(Span::raw(" "));
        } else {
            let start = match status {
                BlockStatus::Skipped => "  -  ".to_string(),
                _ => actual
                    .or(planned)
                    .map(|(s, _)| hhmm(s, self.tz))
                    .unwrap_or_default(),
            };
            spans.push(Span::styled(format!("{start} "), row_style));
            spans.push(minutes);
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        let title_style = match status {
            BlockStatus::Pending => theme::kind_title(b.block.kind),
            _ => row_style,
        };
        spans.push(Span::styled(
            text::pad(&b.block.title, self.width.saturating_sub(used)),
            title_style,
        ));
        let mut line = Line::from(spans);
        if Some(i) == self.selected {
            line = line.style(if self.focused {
                theme::selected()
            } else {
                Style::new().add_modifier(Modifier::UNDERLINED)
            });
        }
        line
    }

    /// A wide row's columns after its marker: the planned times, the actual or expected ones,
    /// the minutes and the chapter.
    fn wide_columns(
        &self,
        b: &BlockState,
        status: BlockStatus,
        planned: Option<Times>,
        actual: Option<Times>,
        minutes: Span<'static>,
    ) -> [Span<'static>; 4] {
        let planned_text = self.times(planned).unwrap_or_else(|| "   added   ".into());
        let (actual_text, actual_style) = match status {
            BlockStatus::Skipped => ("not run".to_string(), theme::dim()),
            BlockStatus::Pending => (
                self.times(actual)
                    .map(|t| format!("~{t}"))
                    .unwrap_or_default(),
                theme::dim(),
            ),
            BlockStatus::Running => (self.times(actual).unwrap_or_default(), theme::running()),
            BlockStatus::Done => (self.times(actual).unwrap_or_default(), Style::new()),
        };
        let chapter = b
            .block
            .chapter
            .map(|c| format!("{c:>2}"))
            .unwrap_or_else(|| "  ".into());
        [
            Span::styled(format!("{planned_text} "), theme::dim()),
            Span::styled(text::pad(&actual_text, 12), actual_style),
            minutes,
            Span::styled(format!(" {chapter} "), theme::dim()),
        ]
    }

    /// A narrower row's columns after its marker: the planned start, and the actual or
    /// expected one.
    fn start_columns(
        &self,
        status: BlockStatus,
        planned: Option<Times>,
        actual: Option<Times>,
        row_style: Style,
    ) -> [Span<'static>; 2] {
        let planned_text = planned.map_or_else(|| "added".to_string(), |(s, _)| hhmm(s, self.tz));
        let start = |t: Option<Times>| t.map(|(s, _)| hhmm(s, self.tz)).unwrap_or_default();
        let (actual_text, actual_style) = match status {
            BlockStatus::Skipped => ("-".to_string(), theme::dim()),
            BlockStatus::Pending => (format!("~{}", start(actual)), theme::dim()),
            BlockStatus::Running => (start(actual), theme::running()),
            BlockStatus::Done => (start(actual), row_style),
        };
        [
            Span::styled(format!("{} ", text::pad(&planned_text, 5)), theme::dim()),
            Span::styled(text::pad(&actual_text, 7), actual_style),
        ]
    }

    /// "09:00–09:30" in the workshop's time zone.
    fn times(&self, t: Option<Times>) -> Option<String> {
        t.map(|(a, b)| format!("{}–{}", hhmm(a, self.tz), hhmm(b, self.tz)))
    }
}

/// The mark before a block's row and the style of the row, by the block's status.
fn status_marker(status: BlockStatus) -> (&'static str, Style) {
    match status {
        BlockStatus::Running => ("▶ ", theme::running()),
        BlockStatus::Done => ("✓ ", theme::dim()),
        BlockStatus::Skipped => ("× ", theme::dim().add_modifier(Modifier::CROSSED_OUT)),
        BlockStatus::Pending => ("  ", Style::new()),
    }
}

/// The selected block's details under a rule: its facts, its chapter and its notes.
fn details(w: &Workshop, b: &BlockState, width: usize) -> Vec<Line<'static>> {
    let chapter = b
        .block
        .chapter
        .map(|c| match w.chapter(c) {
            Some(ch) => format!("Chapter {c}: {}", ch.title),
            None => format!("Chapter {c}"),
        })
        .unwrap_or_default();
    let mut lines = vec![
        Line::styled("─".repeat(width), theme::dim()),
        Line::styled(text::fit(&facts(w, b).join(" · "), width), theme::accent()),
        Line::raw(text::fit(&chapter, width)),
    ];
    // The notes wrap at words; what the rows cannot hold is left below the pane's edge.
    let notes = text::wrap(b.block.notes.as_deref().unwrap_or(""), width);
    if notes.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.extend(notes.into_iter().map(|l| Line::styled(l, theme::dim())));
    lines
}

/// A block's facts: its kind, its limits, its planned minutes when changed, its priority when
/// not normal, its facilitator, its cues and its exercise.
fn facts(w: &Workshop, b: &BlockState) -> Vec<String> {
    let mut facts = vec![b.block.kind.name().to_string()];
    facts.extend(b.block.limits());
    if let Some(o) = b.original_minutes.filter(|o| *o != b.block.minutes) {
        facts.push(format!("planned {o} min"));
    }
    if !b.block.priority.is_normal() {
        facts.push(format!("{} priority", b.block.priority.label()));
    }
    if let Some(f) = &b.block.facilitator {
        facts.push(f.clone());
    }
    if !b.block.cues.is_empty() {
        facts.push(format!("{} cue(s)", b.block.cues.len()));
    }
    if let Some(ex) = b.block.exercise.as_deref().and_then(|id| w.exercise(id)) {
        facts.push(format!("exercise: {}", ex.title));
    }
    facts
}
