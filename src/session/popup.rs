//! A text read in a popup: a block's or an exercise's whole text, or what was just copied.
//! What it says and how it wraps are decided here, without a terminal; `ui::popup` draws it.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::core::{BlockStatus, State};
use crate::programme::{Exercise, Workshop};

/// A text being read, and how far down it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Popup {
    pub title: String,
    pub text: String,
    /// Wrapped lines scrolled past.
    pub scroll: usize,
}

/// Where a popup goes on a screen of this size: `(x, y, width, height)`. It spans the whole
/// width, so that the rows of its text hold that text and nothing else for the mouse to
/// select, from below the header's first two lines to above the footer's two.
pub fn area(screen_width: u16, screen_height: u16) -> (u16, u16, u16, u16) {
    (0, 2, screen_width, screen_height.saturating_sub(4))
}

/// The columns of text in a popup this wide: two cells of margin on the left, and lines of
/// at most 100 columns, easier to read out.
pub fn text_width(popup_width: u16) -> usize {
    usize::from(popup_width.saturating_sub(4)).clamp(1, 100)
}

/// The rows of text in a popup this high: one for the title above, one for the keys below.
pub fn text_rows(popup_height: u16) -> usize {
    usize::from(popup_height.saturating_sub(2)).max(1)
}

/// The text in lines of at most `width` columns (as the terminal counts them): at spaces where
/// it can, within a word where the word is longer than a line; the text's own line breaks and
/// empty lines are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .break_words(true)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        // "Wrap-up" and "city-to-city" stay whole: a line breaks at spaces only.
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    text.lines()
        .flat_map(|line| {
            if line.trim().is_empty() {
                vec![String::new()]
            } else {
                textwrap::wrap(line, &options)
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect()
            }
        })
        .collect()
}

impl Popup {
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Popup {
        Popup {
            title: title.into(),
            text: text.into(),
            scroll: 0,
        }
    }

    /// The lines the popup shows on a screen of this size: the text made safe for the
    /// terminal (control characters shown, not sent; a tab, which would move the cursor past
    /// the cells counted, as spaces), then wrapped.
    pub fn lines(&self, screen: (u16, u16)) -> Vec<String> {
        let (_, _, width, _) = area(screen.0, screen.1);
        let plain = crate::sanitise::sanitise(&self.text).replace('\t', "    ");
        wrap(&plain, text_width(width))
    }

    /// The furthest the text scrolls on a screen of this size: its last line at the bottom.
    pub fn max_scroll(&self, screen: (u16, u16)) -> usize {
        let (_, _, _, height) = area(screen.0, screen.1);
        self.lines(screen).len().saturating_sub(text_rows(height))
    }

    /// Scrolls by `by` lines, within the text.
    pub fn scroll_by(&mut self, by: isize, screen: (u16, u16)) {
        let max = self.max_scroll(screen) as isize;
        self.scroll = (self.scroll as isize).saturating_add(by).clamp(0, max) as usize;
    }
}

fn hhmm(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%H:%M").to_string()
}

/// A block's whole text: its title, timing, kind and limits, chapter, notes, its exercise's
/// instructions and expected output, and its cues with when each is due.
pub fn block_text(state: &State, day: usize, index: usize, now: DateTime<Utc>) -> Option<Popup> {
    let b = state.days.get(day)?.blocks.get(index)?;
    let w = &state.workshop;
    let tz = w.tz;
    let mut out: Vec<String> = Vec::new();
    out.push(b.block.title.clone());
    let mut timing = vec![format!("Day {}", day + 1)];
    if let (Some(start), Some(minutes)) = (b.planned_start, b.original_minutes) {
        let end = start + Duration::minutes(i64::from(minutes));
        timing.push(format!(
            "planned {}–{} ({minutes} min)",
            hhmm(start, tz),
            hhmm(end, tz)
        ));
    }
    let projected = state.projection(day, now).get(index).copied().flatten();
    match (b.status(), projected) {
        (BlockStatus::Skipped, _) => timing.push("skipped".into()),
        (BlockStatus::Done, Some((s, e))) => {
            timing.push(format!("ran {}–{}", hhmm(s, tz), hhmm(e, tz)))
        }
        (BlockStatus::Running, Some((s, e))) => timing.push(format!(
            "running since {}, ends {}",
            hhmm(s, tz),
            hhmm(e, tz)
        )),
        (BlockStatus::Pending, Some((s, e))) => {
            timing.push(format!("expected {}–{}", hhmm(s, tz), hhmm(e, tz)))
        }
        _ => {}
    }
    timing.push(format!("now {} min", b.block.minutes));
    out.push(timing.join(" · "));
    let mut facts = vec![b.block.kind.name().to_string()];
    facts.extend(b.block.limits());
    if !b.block.priority.is_normal() {
        facts.push(format!("{} priority", b.block.priority.label()));
    }
    if let Some(f) = &b.block.facilitator {
        facts.push(format!("facilitator: {f}"));
    }
    out.push(facts.join(" · "));
    if let Some(c) = b.block.chapter {
        out.push(match w.chapter(c) {
            Some(ch) => format!("Chapter {c}: {}", ch.title),
            None => format!("Chapter {c}"),
        });
    }
    if let Some(notes) = b.block.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push(String::new());
        out.push("Notes".into());
        out.push(notes.to_string());
    }
    if let Some(ex) = b.block.exercise.as_deref().and_then(|id| w.exercise(id)) {
        out.push(String::new());
        out.extend(exercise_lines(w, ex));
    }
    if !b.block.cues.is_empty() {
        // Before it starts, a cue is due as the block is expected to run.
        let start = b
            .started_at
            .or(projected.map(|(s, _)| s))
            .or(b.planned_start);
        out.push(String::new());
        out.push("Cues".into());
        for (i, cue) in b.block.cues.iter().enumerate() {
            let when = match (cue.minutes_after_start, cue.minutes_before_end) {
                (Some(m), _) => format!("{m} min after the start"),
                (None, Some(m)) => format!("{m} min before the end"),
                (None, None) => "when called".into(),
            };
            let due = b.cue_due_at(i).or_else(|| {
                let start = start?;
                match (cue.minutes_after_start, cue.minutes_before_end) {
                    (Some(m), _) => Some(start + Duration::minutes(i64::from(m))),
                    (None, Some(m)) => Some(
                        start + Duration::minutes(i64::from(b.block.minutes))
                            - Duration::minutes(i64::from(m)),
                    ),
                    (None, None) => None,
                }
            });
            let at = due.map_or_else(String::new, |t| format!("{} · ", hhmm(t, tz)));
            let sent = match b.cues_sent.get(i).copied().flatten() {
                Some(t) => format!(" (sent {})", hhmm(t, tz)),
                None => String::new(),
            };
            out.push(format!("{at}{when}{sent}: {}", cue.text));
        }
    }
    Some(Popup::new(b.block.title.clone(), out.join("\n")))
}

/// An exercise's whole text: its title, chapter, mode and minutes, instructions and expected
/// output.
pub fn exercise_text(w: &Workshop, ex: &Exercise) -> Popup {
    Popup::new(ex.title.clone(), exercise_lines(w, ex).join("\n"))
}

fn exercise_lines(w: &Workshop, ex: &Exercise) -> Vec<String> {
    let mut out = vec![format!("Exercise: {}", ex.title)];
    let mut facts = Vec::new();
    if let Some(c) = ex.chapter {
        facts.push(match w.chapter(c) {
            Some(ch) => format!("Chapter {c}: {}", ch.title),
            None => format!("Chapter {c}"),
        });
    }
    if let Some(m) = ex.mode {
        facts.push(m.label().to_string());
    }
    if let Some(m) = ex.minutes {
        facts.push(format!("{m} min"));
    }
    if !facts.is_empty() {
        out.push(facts.join(" · "));
    }
    if let Some(text) = ex.instructions.as_deref().filter(|t| !t.trim().is_empty()) {
        out.push(String::new());
        out.push("Instructions".into());
        out.push(text.to_string());
    }
    if let Some(text) = ex
        .expected_output
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        out.push(String::new());
        out.push("Expected output".into());
        out.push(text.to_string());
    }
    out
}
