//! The checks a programme must pass beyond its types: a title, known time zones, chapters
//! listed once, well-formed and unique exercise ids, days in date order, blocks with sensible
//! lengths, cues within their block, links to chapters and exercises that exist, and text
//! without control characters. And what `check` warns of without refusing: a day longer than
//! a day, or of more blocks than anyone would plan.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::{Block, Cue, Day, Exercise, Link, Programme, Seg, key, parse_tz};

/// A day's planned blocks beyond this many minutes are warned of.
pub const LONGEST_DAY_MINUTES: u64 = 24 * 60;
/// More blocks than this in one day are warned of.
pub const MOST_BLOCKS: usize = 200;

/// A field path with what is wrong there.
type Found = Vec<(Vec<Seg>, String)>;

/// Checks what the types alone cannot; returns every problem with its field path.
pub(super) fn validate(p: &Programme) -> Found {
    let mut problems = Found::new();
    zones(p, &mut problems);
    let chapters = chapters(p, &mut problems);
    let known = Known {
        chapters: &chapters,
        listed: !p.chapters.is_empty(),
        exercises: &p.exercises,
    };
    exercises(&p.exercises, &known, &mut problems);
    days(&p.days, &known, &mut problems);
    links(&p.links, &[], &mut problems);
    messages(p, &mut problems);
    problems
}

/// Links at `path` (the thing that carries them): a title, and a URL a participant can open
/// (`https://`, `http://` or `mailto:`, with no spaces).
fn links(links: &[Link], path: &[Seg], problems: &mut Found) {
    for (i, link) in links.iter().enumerate() {
        let at = |k: &str| [path, &[key("links"), Seg::Index(i), key(k)]].concat();
        if link.title.trim().is_empty() {
            problems.push((at("title"), "a link needs a title to show".into()));
        }
        let url = link.url.trim();
        let scheme = ["https://", "http://", "mailto:"]
            .iter()
            .find(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
        if scheme.is_none() {
            problems.push((
                at("url"),
                format!(
                    "\"{url}\" is not a link to open: expected a URL starting https://, http:// or mailto:"
                ),
            ));
        } else if url.chars().any(char::is_whitespace) {
            problems.push((
                at("url"),
                format!("\"{url}\" has a space in it: write a space in a URL as %20"),
            ));
        }
    }
}

/// Chat messages with a name, used once, and a text; what the announcement says with
/// headings.
fn messages(p: &Programme, problems: &mut Found) {
    let mut names = HashSet::new();
    for (i, m) in p.messages.iter().enumerate() {
        let at = |k: &str| vec![key("messages"), Seg::Index(i), key(k)];
        if m.name.trim().is_empty() {
            problems.push((at("name"), "a message needs a name to list it by".into()));
        } else if !names.insert(m.name.trim().to_lowercase()) {
            problems.push((
                at("name"),
                format!("the message name \"{}\" is used twice", m.name),
            ));
        }
        if m.text.trim().is_empty() {
            problems.push((at("text"), "a message needs a text to paste".into()));
        }
    }
    for (i, a) in p.about.iter().enumerate() {
        if a.heading.trim().is_empty() {
            problems.push((
                vec![key("about"), Seg::Index(i), key("heading")],
                "each part of `about` needs a heading".into(),
            ));
        }
    }
}

/// The chapters and exercises a block or exercise may link to.
struct Known<'a> {
    chapters: &'a BTreeSet<u32>,
    /// Whether the programme lists chapters at all; if not, any chapter number is accepted.
    listed: bool,
    exercises: &'a [Exercise],
}

impl Known<'_> {
    /// The problem with a link to chapter `c`, if it is not in `chapters`.
    fn chapter(&self, c: Option<u32>) -> Option<String> {
        let c = c.filter(|c| self.listed && !self.chapters.contains(c))?;
        let list = self
            .chapters
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        Some(format!("chapter {c} is not in `chapters` (known: {list})"))
    }

    /// The problem with a link to exercise `id`, if it is not in `exercises`.
    fn exercise(&self, id: Option<&str>) -> Option<String> {
        let id = id.filter(|id| !self.exercises.iter().any(|e| e.id == *id))?;
        let known: Vec<&str> = self.exercises.iter().map(|e| e.id.as_str()).collect();
        Some(if known.is_empty() {
            format!("links exercise \"{id}\", but the programme has no `exercises`")
        } else {
            format!(
                "links exercise \"{id}\", which is not in `exercises` (known: {})",
                known.join(", ")
            )
        })
    }
}

/// The title, the workshop's time zone and the participants' time zones.
fn zones(p: &Programme, problems: &mut Found) {
    if p.title.trim().is_empty() {
        problems.push((vec![key("title")], "the workshop needs a title".into()));
    }
    if let Some(id) = p.id.as_deref().filter(|id| !is_kebab(id)) {
        problems.push((
            vec![key("id")],
            format!(
                "the workshop id \"{id}\" should be lowercase words joined by hyphens, e.g. \"uclg-aspac-tot-module4-2021\""
            ),
        ));
    }
    if parse_tz(&p.time_zone).is_none() {
        problems.push((vec![key("time_zone")], unknown_zone(&p.time_zone)));
    }
    for (i, place) in p.participant_time_zones.iter().enumerate() {
        if parse_tz(&place.zone).is_none() {
            problems.push((
                vec![key("participant_time_zones"), Seg::Index(i), key("zone")],
                unknown_zone(&place.zone),
            ));
        }
    }
}

/// Each chapter listed once; returns the chapter numbers.
fn chapters(p: &Programme, problems: &mut Found) -> BTreeSet<u32> {
    let mut chapters = BTreeSet::new();
    for (i, c) in p.chapters.iter().enumerate() {
        if !chapters.insert(c.number) {
            problems.push((
                vec![key("chapters"), Seg::Index(i), key("number")],
                format!("chapter {} is listed twice", c.number),
            ));
        }
    }
    chapters
}

/// Exercise ids well-formed and unique, chapters known, lengths not zero.
fn exercises(exercises: &[Exercise], known: &Known, problems: &mut Found) {
    let mut ids = HashSet::new();
    for (i, e) in exercises.iter().enumerate() {
        let at = |k: &str| vec![key("exercises"), Seg::Index(i), key(k)];
        if let Some(message) = exercise_id(e, &mut ids) {
            problems.push((at("id"), message));
        }
        if let Some(message) = known.chapter(e.chapter) {
            problems.push((at("chapter"), message));
        }
        if e.minutes == Some(0) {
            problems.push((at("minutes"), "an exercise cannot last 0 minutes".into()));
        }
        if e.report_minutes == Some(0) {
            problems.push((
                at("report_minutes"),
                "a report-back needs at least a minute".into(),
            ));
        }
        links(&e.links, &[key("exercises"), Seg::Index(i)], problems);
    }
}

/// The problem with an exercise's id, if any: empty, not kebab-case, or already in `ids`.
fn exercise_id<'a>(e: &'a Exercise, ids: &mut HashSet<&'a str>) -> Option<String> {
    if e.id.trim().is_empty() {
        Some("an exercise needs a non-empty id".into())
    } else if !is_kebab(&e.id) {
        Some(format!(
            "the exercise id \"{}\" should be lowercase words joined by hyphens, e.g. \"dc-bicycle\"",
            e.id
        ))
    } else if !ids.insert(e.id.as_str()) {
        Some(format!("the exercise id \"{}\" is used twice", e.id))
    } else {
        None
    }
}

/// At least one day, days in date order, each with at least one block, and each block checked.
fn days(days: &[Day], known: &Known, problems: &mut Found) {
    if days.is_empty() {
        problems.push((
            vec![key("days")],
            "a workshop needs at least one day".into(),
        ));
    }
    for (d, day) in days.iter().enumerate() {
        let path = vec![key("days"), Seg::Index(d)];
        let at = |k: &str| [path.as_slice(), &[key(k)]].concat();
        if d > 0 && day.date <= days[d - 1].date {
            problems.push((
                at("date"),
                format!(
                    "days must be in date order: {} does not come after {} (day {})",
                    day.date,
                    days[d - 1].date,
                    d
                ),
            ));
        }
        if day.blocks.is_empty() {
            problems.push((at("blocks"), "a day needs at least one block".into()));
        }
        for (b, block) in day.blocks.iter().enumerate() {
            let path = [path.as_slice(), &[key("blocks"), Seg::Index(b)]].concat();
            self::block(block, &path, known, problems);
        }
        links(&day.links, &path, problems);
    }
}

/// A block at `path`: a title, a length within its minimum and maximum, a warning within it,
/// its cues, and links to a known chapter and exercise.
fn block(block: &Block, path: &[Seg], known: &Known, problems: &mut Found) {
    let at = |k: &str| [path, &[key(k)]].concat();
    if block.title.trim().is_empty() {
        problems.push((at("title"), "a block needs a title".into()));
    }
    if block.minutes == 0 {
        problems.push((
            at("minutes"),
            "a block cannot last 0 minutes; remove it or give it a length".into(),
        ));
    }
    if let Some(min) = block.min_minutes.filter(|m| *m > block.minutes) {
        problems.push((
            at("min_minutes"),
            format!(
                "min_minutes ({min}) is more than the planned minutes ({}); expected min_minutes <= minutes <= max_minutes",
                block.minutes
            ),
        ));
    }
    if let Some(max) = block.max_minutes.filter(|m| *m < block.minutes) {
        problems.push((
            at("max_minutes"),
            format!(
                "max_minutes ({max}) is less than the planned minutes ({}); expected min_minutes <= minutes <= max_minutes",
                block.minutes
            ),
        ));
    }
    if let Some(w) = block.warning_minutes
        && (w == 0 || w >= block.minutes)
    {
        problems.push((
            at("warning_minutes"),
            format!(
                "warning_minutes ({w}) must be more than 0 and less than the block's minutes ({})",
                block.minutes
            ),
        ));
    }
    for (c, cue) in block.cues.iter().enumerate() {
        let path = [path, &[key("cues"), Seg::Index(c)]].concat();
        self::cue(cue, block.minutes, &path, problems);
    }
    if let Some(message) = known.chapter(block.chapter) {
        problems.push((at("chapter"), message));
    }
    if let Some(message) = known.exercise(block.exercise.as_deref()) {
        problems.push((at("exercise"), message));
    }
    if let Some(message) = known.exercise(block.reports_on.as_deref()) {
        problems.push((at("reports_on"), message));
    }
    links(&block.links, path, problems);
}

/// A cue at `path` in a block of `minutes`: a text, and exactly one time that falls within the
/// block.
fn cue(cue: &Cue, minutes: u32, path: &[Seg], problems: &mut Found) {
    let at = |k: &str| [path, &[key(k)]].concat();
    if cue.text.trim().is_empty() {
        problems.push((at("text"), "a cue needs a text to send".into()));
    }
    match (cue.minutes_after_start, cue.minutes_before_end) {
        (Some(_), Some(_)) | (None, None) => problems.push((
            path.to_vec(),
            "a cue needs exactly one of `minutes_after_start` and `minutes_before_end`".into(),
        )),
        (Some(m), None) if m >= minutes => problems.push((
            at("minutes_after_start"),
            format!("{m} minutes after the start is not within the block's {minutes} minutes"),
        )),
        (None, Some(m)) if m >= minutes => problems.push((
            at("minutes_before_end"),
            format!("{m} minutes before the end is not within the block's {minutes} minutes"),
        )),
        _ => {}
    }
}

/// Every control character in a string of the file, as read: its field path, its place in
/// the string (counted in characters, from 0) and the character. Text fields hold text to
/// show and to send (cues go to Zoom), on one line: C0 controls, line feeds and tabs included,
/// DEL and C1 controls are refused, wherever they stand.
pub(super) fn control_characters(value: &Value) -> Vec<(Vec<Seg>, usize, char)> {
    let mut found = Vec::new();
    let mut path = Vec::new();
    walk_strings(value, &mut path, &mut found);
    found
}

fn walk_strings(value: &Value, path: &mut Vec<Seg>, found: &mut Vec<(Vec<Seg>, usize, char)>) {
    match value {
        Value::String(s) => {
            for (at, c) in s.chars().enumerate().filter(|(_, c)| c.is_control()) {
                found.push((path.clone(), at, c));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk_strings(item, path, found);
                path.pop();
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                path.push(key(name));
                walk_strings(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

/// What is wrong with a control character in a text field.
pub(super) fn control_message(at: usize, c: char) -> String {
    let code = u32::from(c);
    let what = match c {
        '\n' => format!("a line break (U+{code:04X})"),
        '\t' => format!("a tab (U+{code:04X})"),
        '\r' => format!("a carriage return (U+{code:04X})"),
        _ => format!(
            "the control character U+{code:04X} ({})",
            crate::sanitise::visible(c)
        ),
    };
    format!(
        "character {} is {what}: text fields hold printable text on one line",
        at + 1
    )
}

/// What `check` warns of without refusing the file: a day whose blocks add up to more than
/// 24 hours, or a day of more than 200 blocks (a minutes field typed in seconds, a block
/// pasted many times over).
pub(super) fn warnings(p: &Programme) -> Found {
    let mut found = Found::new();
    for (d, day) in p.days.iter().enumerate() {
        let at = vec![key("days"), Seg::Index(d), key("blocks")];
        let minutes: u64 = day.blocks.iter().map(|b| u64::from(b.minutes)).sum();
        if minutes > LONGEST_DAY_MINUTES {
            found.push((
                at.clone(),
                format!(
                    "the day's blocks add up to {}h{:02}, more than 24 hours: is a `minutes` \
                     mistyped?",
                    minutes / 60,
                    minutes % 60
                ),
            ));
        }
        if day.blocks.len() > MOST_BLOCKS {
            found.push((
                at,
                format!(
                    "{} blocks in one day, more than {MOST_BLOCKS}: is a block repeated by \
                     mistake?",
                    day.blocks.len()
                ),
            ));
        }
    }
    found
}

/// `dc-bicycle`, `exercise-5-1`: lowercase letters and digits in words joined by single hyphens.
fn is_kebab(id: &str) -> bool {
    id.split('-').all(|word| {
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

fn unknown_zone(name: &str) -> String {
    format!(
        "unknown time zone \"{name}\": expected an IANA name such as \"Asia/Jakarta\" or \"Asia/Kathmandu\""
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("dc-bicycle"));
        assert!(is_kebab("exercise-5-1"));
        assert!(!is_kebab("DC Bicycle"));
        assert!(!is_kebab("dc--bicycle"));
        assert!(!is_kebab("-dc"));
    }
}
