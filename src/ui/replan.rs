//! The replan preview: each proposed change and the new end of the day.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

use chrono::{DateTime, Utc};

use super::{hhmm, hhmm_ceil, text, theme};
use crate::core::{PlanChange, RunningEnds};
use crate::keymap::{Command, Mode, naming};
use crate::session::Look;

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    // The proposal is made afresh for every frame: while it is on screen the running block
    // goes on, and what Enter applies is what is shown.
    let Some(plan) = app.replan_proposal(now) else {
        return;
    };
    let tz = app.workshop().tz;
    let mut lines = vec![Line::from(vec![
        Span::raw("Projected end now "),
        Span::styled(hhmm_ceil(plan.end_before, tz), theme::overtime()),
        Span::raw(format!(", planned {}.", hhmm(plan.planned_end, tz))),
    ])];
    // What the plan takes for granted of the block running now, in words.
    if let Some(assumed) = &plan.running {
        let ends = hhmm_ceil(assumed.ends, tz);
        let text = match assumed.because {
            RunningEnds::AsPlanned => {
                format!("It plans from the running block ending as planned, at {ends}.")
            }
            RunningEnds::Now => naming(
                Mode::Normal,
                &format!(
                    "It plans as if the running block, over its time, ends now ({ends}): {{key}} ends it."
                ),
                &[Command::Next],
            ),
            RunningEnds::Shortened(minutes) => naming(
                Mode::Normal,
                &format!(
                    "It plans as if the running block ends at {ends} ({minutes} min in all): \
                     {{key}} ends it then."
                ),
                &[Command::Next],
            ),
        };
        lines.push(Line::styled(text, theme::accent()));
    }
    lines.push(Line::raw(""));
    for change in &plan.changes {
        let (id, what) = match change {
            PlanChange::Resize { block, minutes } => (*block, format!("→ {minutes} min")),
            PlanChange::Drop { block } => (*block, "drop".to_string()),
        };
        let Some(b) = app.state.block(id) else {
            continue;
        };
        let lead = match change {
            PlanChange::Resize { .. } => format!("  shorten  {:>3} min ", b.block.minutes),
            PlanChange::Drop { .. } => format!("  drop     {:>3} min ", b.block.minutes),
        };
        lines.push(Line::from(vec![
            Span::styled(lead, theme::dim()),
            Span::styled(
                text::pad(&b.block.title, 40),
                if matches!(change, PlanChange::Drop { .. }) {
                    theme::warning()
                } else {
                    theme::title()
                },
            ),
            Span::styled(
                format!(" {what}  ({} priority)", b.block.priority.label()),
                theme::dim(),
            ),
        ]));
    }
    lines.push(Line::raw(""));
    if plan.ends_on_time() {
        lines.push(Line::from(vec![
            Span::raw("New end "),
            Span::styled(hhmm_ceil(plan.end_after, tz), theme::running()),
            Span::raw(": the day ends on time."),
        ]));
    } else {
        let minutes = (plan.overrun().num_seconds() + 59) / 60;
        lines.push(Line::from(vec![
            Span::raw("New end "),
            Span::styled(hhmm_ceil(plan.end_after, tz), theme::overtime()),
            Span::styled(
                format!(": even with these changes the day overruns by {minutes} min."),
                theme::overtime(),
            ),
        ]));
    }
    lines.push(Line::styled(
        naming(
            Mode::Replan,
            "{key} applies these changes · {key} discards them",
            &[Command::Apply, Command::Discard],
        ),
        theme::dim(),
    ));

    let width = area.width.saturating_sub(8).min(96);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .padding(Padding::horizontal(1))
                .title(Line::styled(
                    format!(" Replan day {} ", plan.day + 1),
                    theme::title(),
                ))
                .border_style(theme::accent()),
        ),
        popup,
    );
}
