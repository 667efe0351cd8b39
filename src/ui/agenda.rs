//! Pane 1: the day's blocks with their planned times; the running block stands out.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{hhmm, pane_block, text, theme};
use crate::app::{App, Pane};
use crate::core::BlockStatus;

pub fn draw(app: &App, _now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    let day = app.view.day;
    let w = app.workshop();
    let Some(day_state) = app.state.days.get(day) else {
        return;
    };
    let starts = app.state.planned_starts(day);
    let end = starts.last().map(|t| hhmm(*t, w.tz)).unwrap_or_default();
    let first = starts.first().map(|t| hhmm(*t, w.tz)).unwrap_or_default();
    let block = pane_block(app, Pane::Agenda, Some(format!("{first}–{end}")));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let focused = app.view.focus == Pane::Agenda;
    let selected = app.selected_block();
    let width = inner.width as usize;
    let wide = width >= 60;

    let mut top_lines = Vec::new();
    if let Some(before) = w.day(day).and_then(|d| d.preceded_by.as_deref()) {
        top_lines.push(Line::styled(
            text::fit(&format!("… {before}"), width),
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
    frame.render_widget(Paragraph::new(top_lines), top);

    // Keep the selected row in view.
    let visible = list.height as usize;
    let offset = selected
        .map(|s| (s + 1).saturating_sub(visible))
        .unwrap_or(0);
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
                BlockStatus::Pending => ("  ", Style::new()),
            };
            let start = starts.get(i).map(|t| hhmm(*t, w.tz)).unwrap_or_default();
            let end = starts
                .get(i + 1)
                .map(|t| hhmm(*t, w.tz))
                .unwrap_or_default();
            let minutes = format!("{:>4}", text::minutes(i64::from(b.block.minutes)));
            let cursor = if Some(i) == selected { "›" } else { " " };
            let mut spans = vec![Span::raw(cursor), Span::styled(marker, row_style)];
            if wide {
                let chapter = b
                    .block
                    .chapter
                    .map(|c| format!("{c:>2}"))
                    .unwrap_or_else(|| "  ".into());
                spans.push(Span::styled(format!("{start}–{end} "), row_style));
                spans.push(Span::styled(minutes, row_style));
                spans.push(Span::raw("  "));
                spans.push(Span::styled(
                    text::pad(b.block.kind.short(), 8),
                    if status == BlockStatus::Done {
                        theme::dim()
                    } else {
                        theme::kind(b.block.kind)
                    },
                ));
                spans.push(Span::styled(chapter, theme::dim()));
                spans.push(Span::raw("  "));
            } else {
                spans.push(Span::styled(format!("{start} "), row_style));
                spans.push(Span::styled(minutes, row_style));
                spans.push(Span::raw(" "));
            }
            let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
            spans.push(Span::styled(
                text::pad(&b.block.title, width.saturating_sub(used)),
                row_style,
            ));
            let mut line = Line::from(spans);
            if Some(i) == selected {
                line = line.style(if focused {
                    theme::selected()
                } else {
                    Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)
                });
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);

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
        if let Some(f) = &b.block.facilitator {
            facts.push(f.clone());
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
        frame.render_widget(Paragraph::new(lines), detail);
    }
}
