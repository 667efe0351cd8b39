//! The bottom lines: the answer to the last key, and the keys that work now (on two lines when
//! one is too narrow for them, so that a window of 80 columns still names every key of the
//! moment).

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::rows::Rows;
use super::{text, theme};
use chrono::{DateTime, Utc};
use ratatui::style::Modifier;

use crate::keymap::{self, Mode};
use crate::session::Look;

/// Lines the keys may take.
const MAX_HINT_LINES: usize = 2;

/// Rows the footer takes at this width: the answer line, and one or two lines of keys.
pub fn height(app: &Look<'_>, width: usize) -> u16 {
    1 + hints(entries(app), width).len() as u16
}

/// The key hints as [`hints_from`] lays them out. The last layout is kept with what it was
/// made from: the keys of the moment are the same second after second, and laying them out
/// tries every narrower width.
fn hints(entries: Vec<(String, &'static str)>, width: usize) -> Vec<Line<'static>> {
    type Laid = ((Vec<(String, &'static str)>, usize), Vec<Line<'static>>);
    thread_local! {
        static LAST: RefCell<Option<Laid>> = const { RefCell::new(None) };
    }
    kept_for(&LAST, (entries, width), |(entries, width)| {
        hints_from(entries.clone(), *width)
    })
}

/// What `make` gives for `key`, kept in `last` with the key: asked again for the same key, the
/// kept value is given without making it again.
fn kept_for<K: PartialEq, V: Clone>(
    last: &'static std::thread::LocalKey<RefCell<Option<(K, V)>>>,
    key: K,
    make: impl FnOnce(&K) -> V,
) -> V {
    last.with_borrow_mut(|last| {
        if let Some((was, value)) = last.as_ref()
            && *was == key
        {
            return value.clone();
        }
        let value = make(&key);
        *last = Some((key, value.clone()));
        value
    })
}

pub fn draw(app: &Look<'_>, now: DateTime<Utc>, area: Rect, rows: &mut Rows, frame: &mut Frame) {
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
                // The key first, so that a long cue cut at the edge never cuts it.
                text::fit(
                    &format!(
                        " {} — Cue due: “{cue}”",
                        keymap::naming(
                            Mode::Normal,
                            "{key} copies it for Zoom",
                            &[keymap::Command::CopyCue]
                        )
                    ),
                    width,
                ),
                theme::warning().add_modifier(Modifier::REVERSED),
            ),
            None => Line::raw(""),
        },
    };
    let mut lines = vec![message];
    let keys = hints(entries(app), width);
    match error_below {
        Some(error) => {
            lines.push(error);
            lines.extend(keys.into_iter().skip(1));
        }
        None => lines.extend(keys),
    }
    rows.draw(lines, area, frame.buffer_mut());
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

/// The footer's entries for what the seat is doing: a prompt's Enter says what it does there
/// (`Enter forms the rooms`); otherwise the mode's entries, for the pane in focus and what
/// the seat's role may do. Those are kept for the last mode, pane and role asked about: the
/// same second after second.
fn entries(app: &Look<'_>) -> Vec<(String, &'static str)> {
    type Asked = (Mode, crate::view::Pane, crate::core::Role);
    type Kept = (Asked, Vec<(String, &'static str)>);
    thread_local! {
        static LAST: RefCell<Option<Kept>> = const { RefCell::new(None) };
    }
    match (app.view.mode, &app.view.input) {
        (Mode::Input, Some(input)) => {
            keymap::footer_relabelled(Mode::Input, keymap::Command::Apply, input.kind.verb())
        }
        (mode, _) => kept_for(
            &LAST,
            (mode, app.view.focus, app.view.role),
            |&(mode, focus, role)| keymap::footer_offered(mode, focus, &|c| role.offers(c)),
        ),
    }
}

/// The footer's key hints from their entries (generated from the keymap), on as many lines as
/// they need (at most two), never splitting a key from its label. When they do not all fit,
/// the ones just before the last two (help and quit stay) give way first.
fn hints_from(mut entries: Vec<(String, &'static str)>, width: usize) -> Vec<Line<'static>> {
    loop {
        let lines = balanced(&entries, width);
        if lines.len() <= MAX_HINT_LINES || entries.len() <= 2 {
            return lines
                .into_iter()
                .take(MAX_HINT_LINES)
                .map(|line| {
                    let mut spans = vec![Span::raw(" ")];
                    for (keys, label) in line {
                        spans.push(Span::styled(keys, theme::key()));
                        spans.push(Span::raw(format!(" {label}  ")));
                    }
                    Line::from(spans)
                })
                .collect();
        }
        let drop = entries.len().saturating_sub(3).max(2);
        entries.remove(drop.min(entries.len() - 1));
    }
}

/// The entries in as few lines as [`arrange`] needs at `width`, the lines as even as they can
/// be: two lines share the keys rather than leave one or two on a line of their own.
fn balanced(entries: &[(String, &'static str)], width: usize) -> Vec<Vec<(String, &'static str)>> {
    // Each entry's width is measured once: the narrower widths tried below only add them up.
    let costs: Vec<usize> = entries
        .iter()
        .map(|(k, l)| text::width(k) + 1 + text::width(l) + 2)
        .collect();
    let mut counts = arrange(&costs, width);
    if counts.len() >= 2 {
        let total: usize = 1 + costs.iter().sum::<usize>();
        if let Some(even) = (total.div_ceil(counts.len())..width)
            .map(|narrower| arrange(&costs, narrower))
            .find(|c| c.len() == counts.len())
        {
            counts = even;
        }
    }
    let mut rest = entries.iter();
    counts
        .into_iter()
        .map(|n| rest.by_ref().take(n).cloned().collect())
        .collect()
}

/// How many entries of these widths go on each line of at most `width` cells, in their order:
/// each line starts with a space, and each entry (`keys label` and two spaces) takes its cost.
fn arrange(costs: &[usize], width: usize) -> Vec<usize> {
    let mut counts: Vec<usize> = Vec::new();
    let mut used = 0;
    for &cost in costs {
        match counts.last_mut() {
            Some(n) if used + cost <= width => {
                *n += 1;
                used += cost;
            }
            _ => {
                counts.push(1);
                used = 1 + cost;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn every_key_shows_on_one_line_or_two() {
        let all = keymap::footer(Mode::Normal);
        let one: usize = 1 + all
            .iter()
            .map(|(k, l)| text::width(k) + 1 + text::width(l) + 2)
            .sum::<usize>();
        assert_eq!(hints_from(keymap::footer(Mode::Normal), one).len(), 1);
        for width in [80, one - 1] {
            let lines = hints_from(keymap::footer(Mode::Normal), width);
            assert_eq!(lines.len(), 2, "{width}");
            let joined: String = lines.iter().map(text).collect();
            for (k, l) in &all {
                assert!(joined.contains(&format!(" {k} {l} ")), "{k} {l} at {width}");
            }
            assert!(lines.iter().all(|l| text::width(&text(l)) <= width));
        }
    }
}
