//! Pane 1: the day's blocks with their planned times; the running block stands out.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;

use super::{hhmm, pane_block, text, theme};
use crate::core::BlockStatus;
use crate::session::Look;
use crate::view::Pane;

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, buf: &mut Buffer) {
    let day = app.view.day;
    let w = app.workshop();
    let Some(day_state) = app.state.days.get(day) else {
        return;
    };
    let tz = w.tz;
    let projection = app.state.projection(day, now);
    let first = w.day_start(day).map(|t| hhmm(t, tz)).unwrap_or_default();
    let end = app
        .state
        .planned_end(day)
        .map(|t| hhmm(t, tz))
        .unwrap_or_default();
    let block = pane_block(app, Pane::Agenda, Some(format!("{first}–{end}")));
    let inner = block.inner(area);
    (block).render(area, buf);

    let focused = app.view.focus == Pane::Agenda;
    let selected = app.selected_block();
    let width = inner.width as usize;
    let wide = width >= 64;

    let mut top_lines = Vec::new();
    if let Some(before) = w.day(day).and_then(|d| d.preceded_by.as_deref()) {
        top_lines.push(Line::styled(
            text::fit(&format!("… {before}"), width),
            theme::dim(),
        ));
    }
    if wide {
        top_lines.push(Line::styled(
            text::pad("   planned      actual / expected", width),
            theme::dim(),
        ));
    }
    // The selected block's details, when there is room for them beside the whole day.
    let rows_needed = (day_state.blocks.len() + top_lines.len() + 4) as u16;
    let detail_height: u16 = if inner.height >= rows_needed || inner.height >= 30 {
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

    // Keep the selected row in view.
    let visible = list.height as usize;
    let offset = selected
        .map(|s| (s + 1).saturating_sub(visible))
        .unwrap_or(0);
    let span = |t: Option<(DateTime<Utc>, DateTime<Utc>)>| {
        t.map(|(a, b)| format!("{}–{}", hhmm(a, tz), hhmm(b, tz)))
    };
    let rows: Vec<Line> = day_state
        .blocks
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, b)| {
            let status = b.status();
            let (marker, row_style) = match status {
                BlockStatus::Running => ("▶ ", theme::running()),
                BlockStatus::Done => ("✓ ", theme::dim()),
                BlockStatus::Skipped => ("× ", theme::dim().add_modifier(Modifier::CROSSED_OUT)),
                BlockStatus::Pending => ("  ", Style::new()),
            };
            let planned = b
                .planned_start
                .zip(b.original_minutes)
                .map(|(s, m)| (s, s + chrono::Duration::minutes(i64::from(m))));
            let actual = projection.get(i).copied().flatten();
            let minutes_style = if b.original_minutes != Some(b.block.minutes) {
                theme::warning()
            } else {
                row_style
            };
            let minutes = format!("{:>4}", text::minutes(i64::from(b.block.minutes)));
            let cursor = if Some(i) == selected { "›" } else { " " };
            let mut spans = vec![Span::raw(cursor), Span::styled(marker, row_style)];
            if wide {
                let planned_text = span(planned).unwrap_or_else(|| "   added   ".into());
                let (actual_text, actual_style) = match status {
                    BlockStatus::Skipped => ("not run".to_string(), theme::dim()),
                    BlockStatus::Pending => (
                        span(actual).map(|t| format!("~{t}")).unwrap_or_default(),
                        theme::dim(),
                    ),
                    BlockStatus::Running => (span(actual).unwrap_or_default(), theme::running()),
                    BlockStatus::Done => (span(actual).unwrap_or_default(), Style::new()),
                };
                let chapter = b
                    .block
                    .chapter
                    .map(|c| format!("{c:>2}"))
                    .unwrap_or_else(|| "  ".into());
                spans.push(Span::styled(format!("{planned_text} "), theme::dim()));
                spans.push(Span::styled(text::pad(&actual_text, 12), actual_style));
                spans.push(Span::styled(minutes, minutes_style));
                spans.push(Span::styled(format!(" {chapter} "), theme::dim()));
            } else {
                let start = match status {
                    BlockStatus::Skipped => "  -  ".to_string(),
                    _ => actual
                        .or(planned)
                        .map(|(s, _)| hhmm(s, tz))
                        .unwrap_or_default(),
                };
                spans.push(Span::styled(format!("{start} "), row_style));
                spans.push(Span::styled(minutes, minutes_style));
                spans.push(Span::raw(" "));
            }
            let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
            let title_style = match status {
                BlockStatus::Pending => theme::kind_title(b.block.kind),
                _ => row_style,
            };
            spans.push(Span::styled(
                text::pad(&b.block.title, width.saturating_sub(used)),
                title_style,
            ));
            let mut line = Line::from(spans);
            if Some(i) == selected {
                line = line.style(if focused {
                    theme::selected()
                } else {
                    Style::new().add_modifier(Modifier::UNDERLINED)
                });
            }
            line
        })
        .collect();
    (Paragraph::new(rows)).render(list, buf);

    if detail_height > 0
        && let Some(b) = selected.and_then(|s| day_state.blocks.get(s))
    {
        let mut facts = vec![b.block.kind.name().to_string()];
        match (b.block.min_minutes, b.block.max_minutes) {
            (Some(lo), Some(hi)) => facts.push(format!("{lo}–{hi} min")),
            (Some(lo), None) => facts.push(format!("at least {lo} min")),
            (None, Some(hi)) => facts.push(format!("at most {hi} min")),
            (None, None) => {}
        }
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
        let chapter = b
            .block
            .chapter
            .map(|c| match w.chapter(c) {
                Some(ch) => format!("Chapter {c}: {}", ch.title),
                None => format!("Chapter {c}"),
            })
            .unwrap_or_default();
        let lines = vec![
            Line::styled("─".repeat(width), theme::dim()),
            Line::styled(text::fit(&facts.join(" · "), width), theme::accent()),
            Line::raw(text::fit(&chapter, width)),
            Line::styled(
                text::fit(b.block.notes.as_deref().unwrap_or(""), width),
                theme::dim(),
            ),
        ];
        (Paragraph::new(lines)).render(detail, buf);
    }
}
