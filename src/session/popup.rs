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
    /// For a chat message shown: its place in the list, so that the key copies the next.
    pub message: Option<usize>,
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
            message: None,
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
    if w.block_is_illustrative(&b.block) {
        facts.push("illustrative plan".into());
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
    let links: Vec<String> = b
        .block
        .links
        .iter()
        .chain(w.day(day).map(|d| d.links.as_slice()).unwrap_or_default())
        .map(|l| format!("{}: {}", l.title, l.url))
        .collect();
    if !links.is_empty() {
        out.push(String::new());
        out.push("Links".into());
        out.extend(links);
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
    if !ex.links.is_empty() {
        out.push(String::new());
        out.push("Exercise links".into());
        out.extend(ex.links.iter().map(|l| format!("{}: {}", l.title, l.url)));
    }
    out
}

/// The chat messages of the moment, each a name and a text to paste: the programme's own
/// (welcome, housekeeping, the evaluation form), then those convene writes: when the workshop
/// starts again during a break, when the day shown and the next day start in every place,
/// and the day's links.
pub fn chat_messages(state: &State, day: usize, now: DateTime<Utc>) -> Vec<(String, String)> {
    use crate::programme::places::times_line;
    let w = &state.workshop;
    let mut out: Vec<(String, String)> = w
        .programme
        .messages
        .iter()
        .map(|m| (m.name.clone(), m.text.clone()))
        .collect();
    if let Some((_, b)) = state.running()
        && b.block.kind == crate::programme::BlockKind::Break
        && let Some(start) = b.started_at
    {
        let back = start + b.planned();
        if back > now {
            out.push((
                "We start again".into(),
                format!("We start again at {}.", times_line(w, back)),
            ));
        }
    }
    for d in [day, day + 1] {
        if let (Some(plan), Some(start)) = (w.day(d), state.day_start(d)) {
            out.push((
                format!("Day {} starts", d + 1),
                format!(
                    "Day {} starts {} {}.",
                    d + 1,
                    plan.date.format("%a %-d %b"),
                    times_line(w, start)
                ),
            ));
        }
    }
    let links = day_links(w, day);
    if !links.is_empty() {
        out.push((format!("Links for day {}", day + 1), links.join("\n")));
    }
    out
}

/// The links of a day: the workshop's, the day's, its blocks' and its exercises', each once.
fn day_links(w: &Workshop, day: usize) -> Vec<String> {
    let Some(plan) = w.day(day) else {
        return Vec::new();
    };
    let exercises = w.day_exercises(day);
    let all = w
        .programme
        .links
        .iter()
        .chain(&plan.links)
        .chain(plan.blocks.iter().flat_map(|b| &b.links))
        .chain(exercises.iter().flat_map(|e| &e.links));
    let mut out: Vec<String> = Vec::new();
    for l in all {
        let line = format!("{}: {}", l.title, l.url);
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out
}

/// The chat message after the one shown (the first when none is), as a popup that says which
/// it is.
pub fn next_message(
    state: &State,
    day: usize,
    now: DateTime<Utc>,
    shown: Option<usize>,
) -> Option<(Popup, String)> {
    let messages = chat_messages(state, day, now);
    if messages.is_empty() {
        return None;
    }
    let at = shown.map_or(0, |i| (i + 1) % messages.len());
    let (name, text) = messages.get(at)?.clone();
    let mut popup = Popup::new(
        format!("Chat message {} of {}: {name}", at + 1, messages.len()),
        text.clone(),
    );
    popup.message = Some(at);
    Some((popup, text))
}

/// The workshop as announced: its title, organisers, what the announcement says, the days
/// with their chapters, where the plan's facts come from, and whether it is illustrative.
pub fn workshop_text(w: &Workshop) -> Popup {
    let p = &w.programme;
    let mut out = vec![p.title.clone()];
    out.extend(p.subtitle.clone());
    if !p.organisers.is_empty() {
        out.push(format!("Organisers: {}", p.organisers.join(", ")));
    }
    out.extend(w.illustrative_note());
    for a in &p.about {
        out.push(String::new());
        out.push(a.heading.clone());
        out.push(a.text.clone());
    }
    out.push(String::new());
    out.push("Days".into());
    for (d, day) in p.days.iter().enumerate() {
        if let Some(before) = &day.preceded_by {
            out.push(format!("  … {before}"));
        }
        out.push(format!(
            "Day {} · {} · {}",
            d + 1,
            day.date.format("%a %-d %b %Y"),
            day.title
        ));
    }
    if !p.chapters.is_empty() {
        out.push(String::new());
        out.push("Chapters".into());
        out.extend(
            p.chapters
                .iter()
                .map(|c| format!("{}. {}", c.number, c.title)),
        );
    }
    if let Some(sources) = &p.sources {
        out.push(String::new());
        out.push("Sources".into());
        out.push(sources.clone());
    }
    Popup::new("The workshop as announced", out.join("\n"))
}
