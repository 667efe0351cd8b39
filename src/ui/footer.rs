//! The bottom two lines: the answer to the last key, and the keys that work now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{text, theme};
use chrono::{DateTime, Utc};
use ratatui::style::Modifier;

use crate::keymap::{self, Mode};
use crate::session::Look;

pub const HEIGHT: u16 = 2;

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, frame: &mut Frame) {
    let width = area.width as usize;
    // In a prompt, an error the typed line leaves no room for is said in place of the keys.
    let mut error_below = None;
    let message = match (app.view.mode, &app.view.status) {
        (Mode::Confirm, _) => Line::styled(
            text::fit(&format!(" {}", question(app, now)), width),
            theme::warning(),
        ),
        (Mode::Input, status) => {
            let input = app.view.input.clone().unwrap_or_default();
            let (before, after): (String, String) = {
                let at = input
                    .text
                    .char_indices()
                    .nth(input.cursor)
                    .map_or(input.text.len(), |(i, _)| i);
                (input.text[..at].to_string(), input.text[at..].to_string())
            };
            let mut spans = vec![
                Span::styled(format!(" {}", input.kind.prompt()), theme::accent()),
                // A suggestion is shown selected: typing replaces it.
                Span::styled(
                    before,
                    if input.suggested {
                        theme::selected()
                    } else {
                        Default::default()
                    },
                ),
                Span::styled("▏", theme::key()),
                Span::raw(after),
            ];
            if let Some(s) = status.as_ref().filter(|s| s.is_error) {
                let error = format!("  {}", s.text);
                let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
                if used + text::width(&error) <= width {
                    spans.push(Span::styled(error, theme::error()));
                } else {
                    error_below = Some(Line::styled(
                        text::fit(&format!(" {}", s.text), width),
                        theme::error(),
                    ));
                }
            }
            Line::from(spans)
        }
        (_, status)
            if app.session.unsaved() > 0 && !status.as_ref().is_some_and(|s| s.is_error) =>
        {
            Line::styled(
                text::fit(
                    " Nothing is being saved: the journal cannot be written. Actions wait; warnings are kept and saved once it can be",
                    width,
                ),
                theme::error(),
            )
        }
        // The newer of the two has the line: a message said before a cue fell due gives way
        // to it, a message said after stays (a refusal always stays).
        (_, Some(status))
            if status.is_error
                || due_cue_since(app, now)
                    .is_none_or(|(_, due)| status.said_at.is_some_and(|said| said >= due)) =>
        {
            Line::styled(
                text::fit(&format!(" {}", status.text), width),
                if status.is_error {
                    theme::error()
                } else {
                    theme::accent()
                },
            )
        }
        _ => match due_cue(app, now) {
            Some(cue) => Line::styled(
                text::fit(&format!(" Cue due: “{cue}” — c copies it for Zoom"), width),
                theme::warning().add_modifier(Modifier::REVERSED),
            ),
            None => Line::raw(""),
        },
    };
    let below = error_below.unwrap_or_else(|| match (app.view.mode, &app.view.input) {
        // A prompt's Enter says what it does there: `Enter forms the rooms`.
        (Mode::Input, Some(input)) => entries_line(
            keymap::footer_relabelled(Mode::Input, keymap::Command::Apply, input.kind.verb()),
            width,
        ),
        (mode, _) => hints(mode, width),
    });
    frame.render_widget(Paragraph::new(vec![message, below]), area);
}

/// The text of the running block's earliest cue that is due and not sent.
pub fn due_cue(app: &Look<'_>, now: DateTime<Utc>) -> Option<String> {
    due_cue_since(app, now).map(|(text, _)| text)
}

/// The running block's earliest cue that is due and not sent, and when it fell due.
fn due_cue_since(app: &Look<'_>, now: DateTime<Utc>) -> Option<(String, DateTime<Utc>)> {
    let (_, b) = app.state.running()?;
    let i = *b.due_cues(now).first()?;
    let text = b.block.cues.get(i).map(|c| c.text.clone())?;
    Some((text, b.cue_due_at(i)?))
}

fn question(app: &Look<'_>, now: DateTime<Utc>) -> String {
    app.view
        .confirm
        .map(|c| c.question(app.state, now))
        .unwrap_or_default()
}

/// The footer's key hints for a mode, generated from the keymap. When they do not all fit, the
/// ones just before the last two (help and quit stay) give way first.
pub fn hints(mode: Mode, width: usize) -> Line<'static> {
    entries_line(keymap::footer(mode), width)
}

/// The footer's key hints from their entries, as [`hints`].
fn entries_line(mut entries: Vec<(String, &'static str)>, width: usize) -> Line<'static> {
    let cost = |e: &[(String, &str)]| -> usize {
        1 + e
            .iter()
            .map(|(k, l)| text::width(k) + 1 + text::width(l) + 2)
            .sum::<usize>()
    };
    while cost(&entries) > width && !entries.is_empty() {
        let drop = entries
            .len()
            .saturating_sub(3)
            .max(if entries.len() > 2 { 2 } else { 0 });
        entries.remove(drop.min(entries.len() - 1));
    }
    let mut spans = vec![Span::raw(" ")];
    for (keys, label) in entries {
        spans.push(Span::styled(keys, theme::key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    Line::from(spans)
}
