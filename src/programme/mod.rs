//! The workshop plan: its types, loading and validating a `sessions/*.json` file, and the
//! embedded default programme.

mod about;
mod locate;
mod model;
mod names;
pub mod places;
mod validate;

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub use locate::{
    Seg, char_position, line_col, locate, locate_char, locate_key, render as render_path,
};
pub use model::*;
use validate::validate;
pub use validate::{LONGEST_DAY_MINUTES, MOST_BLOCKS};

/// The most problems (and, apart, warnings) listed for one file. Past it, one more line says
/// how many were not listed: each listed problem is found in the text from its start, so a
/// file with thousands of them would otherwise take minutes to check.
pub const MOST_LISTED: usize = 100;

/// The default programme: the Training of Trainers of November 2021.
pub const DEFAULT_NAME: &str = "sessions/tot-module4-aspac-2021.json";
pub const DEFAULT_SOURCE: &str = include_str!("../../sessions/tot-module4-aspac-2021.json");

/// A programme that passed validation, with its time zones resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Workshop {
    pub programme: Programme,
    pub tz: Tz,
    /// Participant places with resolved zones, in programme order.
    pub places: Vec<(String, Tz)>,
    /// Where it was loaded from, for messages.
    pub source_name: String,
}

impl Workshop {
    pub fn days(&self) -> &[Day] {
        &self.programme.days
    }

    pub fn day(&self, day: usize) -> Option<&Day> {
        self.programme.days.get(day)
    }

    pub fn block(&self, day: usize, block: usize) -> Option<&Block> {
        self.day(day).and_then(|d| d.blocks.get(block))
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.programme.exercises.iter().find(|e| e.id == id)
    }

    pub fn chapter(&self, number: u32) -> Option<&Chapter> {
        self.programme.chapters.iter().find(|c| c.number == number)
    }

    /// The instant a day starts, in the workshop's time zone.
    pub fn day_start(&self, day: usize) -> Option<DateTime<Utc>> {
        let d = self.day(day)?;
        Some(local_instant(self.tz, d.date.and_time(d.start)))
    }

    /// Planned start of each block of a day (from the day's start and the durations before it),
    /// followed by the planned end of the day.
    pub fn planned_starts(&self, day: usize) -> Vec<DateTime<Utc>> {
        let (Some(d), Some(mut at)) = (self.day(day), self.day_start(day)) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(d.blocks.len() + 1);
        for b in &d.blocks {
            out.push(at);
            at += Duration::minutes(i64::from(b.minutes));
        }
        out.push(at);
        out
    }

    /// Exercises used on a day: those linked from its blocks, in block order.
    pub fn day_exercises(&self, day: usize) -> Vec<&Exercise> {
        let Some(d) = self.day(day) else {
            return Vec::new();
        };
        let mut seen = HashSet::new();
        d.blocks
            .iter()
            .filter_map(|b| b.exercise.as_deref())
            .filter(|id| seen.insert(*id))
            .filter_map(|id| self.exercise(id))
            .collect()
    }

    /// The instant a day is planned to end: its start plus its blocks' minutes.
    pub fn day_end(&self, day: usize) -> Option<DateTime<Utc>> {
        self.planned_starts(day).last().copied()
    }

    /// Whether something that began at `at` (a Zoom meeting) is of day `day`: it began on the
    /// day's date in the workshop's time zone, or while the day was under way, from its start
    /// to its planned end (a day from 22:00 goes on after midnight).
    pub fn is_of_day(&self, day: usize, at: DateTime<Utc>) -> bool {
        let (Some(d), Some(start), Some(end)) =
            (self.day(day), self.day_start(day), self.day_end(day))
        else {
            return false;
        };
        at.with_timezone(&self.tz).date_naive() == d.date || (start <= at && at <= end)
    }

    /// The day to open on: the workshop day under way at `now`, else the next one to come;
    /// once the workshop is over, the first day. A day is under way from its start to its
    /// planned end, or to the end of its date in the workshop's time zone when that is later:
    /// a day that runs past midnight (22:00 to 09:00) is under way until 09:00 the next
    /// morning, and a day that ends in the afternoon is still today's in the evening.
    pub fn day_for(&self, now: DateTime<Utc>) -> usize {
        let under_way = |d: usize| -> bool {
            let (Some(day), Some(start), Some(end)) =
                (self.day(d), self.day_start(d), self.day_end(d))
            else {
                return false;
            };
            let midnight = day
                .date
                .succ_opt()
                .map(|next| local_instant(self.tz, next.and_time(chrono::NaiveTime::MIN)));
            let until = midnight.map_or(end, |m| m.max(end));
            start <= now && now < until
        };
        let days = 0..self.programme.days.len();
        days.clone()
            .find(|&d| under_way(d))
            .or_else(|| {
                days.filter_map(|d| Some((self.day_start(d)?, d)))
                    .filter(|(start, _)| *start > now)
                    .min()
                    .map(|(_, d)| d)
            })
            .unwrap_or(0)
    }
}

/// Resolves a local wall-clock time to an instant; in a DST gap the later instant is used.
pub fn local_instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => tz
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

/// One thing wrong with a programme file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    /// Field path such as `days[1].blocks[3].minutes`; empty for the whole file.
    pub path: String,
    pub message: String,
}

/// Every problem found in one programme file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeError {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for ProgrammeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: ", self.file, p.line, p.column)?;
            if !p.path.is_empty() {
                write!(f, "{}: ", p.path)?;
            }
            write!(f, "{}", p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ProgrammeError {}

/// Loads the embedded default programme.
///
/// That file is part of the build, and a test holds what is read here to what [`parse`] reads
/// with every check (`the_default_workshop_is_the_file_read_with_every_check`): it is read
/// without them, which are most of the time the console takes to open.
pub fn default_workshop() -> Result<Workshop, ProgrammeError> {
    match serde_json::from_str::<Programme>(DEFAULT_SOURCE) {
        Ok(mut programme) => {
            infer_reports_on(&mut programme);
            Ok(workshop_of(programme, DEFAULT_NAME))
        }
        Err(_) => parse(DEFAULT_NAME, DEFAULT_SOURCE),
    }
}

/// A workshop of a programme read and checked: its zones found.
fn workshop_of(programme: Programme, name: &str) -> Workshop {
    let tz = parse_tz(&programme.time_zone).unwrap_or(Tz::UTC);
    let places = programme
        .participant_time_zones
        .iter()
        .map(|p| (p.place.clone(), parse_tz(&p.zone).unwrap_or(Tz::UTC)))
        .collect();
    Workshop {
        programme,
        tz,
        places,
        source_name: name.to_string(),
    }
}

/// Reads and validates a programme file.
pub fn load(path: &Path) -> Result<Workshop, ProgrammeError> {
    load_checked(path).map(|checked| checked.workshop)
}

/// A programme that passed validation, with what `check` warns of in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub workshop: Workshop,
    /// Things that are allowed but probably wrong (a day over 24 hours), in file order.
    pub warnings: Vec<Problem>,
    /// The blocks whose `reports_on` was inferred, each at the block, in file order.
    pub inferred: Vec<Problem>,
}

/// Reads and validates a programme file, and says what `check` warns of in it.
pub fn load_checked(path: &Path) -> Result<Checked, ProgrammeError> {
    let name = path.display().to_string();
    let whole_file = |message: String| ProgrammeError {
        file: name.clone(),
        problems: vec![Problem {
            line: 1,
            column: 1,
            path: String::new(),
            message,
        }],
    };
    let bytes =
        std::fs::read(path).map_err(|e| whole_file(format!("cannot read the file: {e}")))?;
    let text =
        String::from_utf8(bytes).map_err(|e| not_utf8(&name, e.as_bytes(), e.utf8_error()))?;
    parse_checked(&name, &text)
}

/// Where a file stops being UTF-8: the line and column of the first byte that is not, counted
/// as an editor would in the text before it.
fn not_utf8(name: &str, bytes: &[u8], e: std::str::Utf8Error) -> ProgrammeError {
    let at = e.valid_up_to();
    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let (line, column) = line_col(before, at);
    let byte = bytes.get(at).copied().unwrap_or_default();
    ProgrammeError {
        file: name.to_string(),
        problems: vec![Problem {
            line,
            column,
            path: String::new(),
            message: format!(
                "the file is not UTF-8 text (invalid byte 0x{byte:02X} at offset {at}); save it \
                 again as UTF-8"
            ),
        }],
    }
}

/// Parses and validates programme text; `name` is used in messages.
pub fn parse(name: &str, text: &str) -> Result<Workshop, ProgrammeError> {
    parse_checked(name, text).map(|checked| checked.workshop)
}

/// Parses and validates programme text, and says what `check` warns of in it; `name` is used
/// in messages.
pub fn parse_checked(name: &str, text: &str) -> Result<Checked, ProgrammeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |problems: Vec<Problem>| ProgrammeError {
        file: name.to_string(),
        problems,
    };
    let at = |path: Vec<Seg>, message: String| {
        let (line, column) = locate(text, &path);
        Problem {
            line,
            column,
            path: render_path(&path),
            message,
        }
    };

    // 1. Well-formed JSON at all?
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = char_position(text, e.line().max(1), e.column().max(1));
        fail(vec![Problem {
            line,
            column,
            path: String::new(),
            message: format!("not valid JSON: {}", strip_position(&e.to_string())),
        }])
    })?;

    // 2. A format this build understands? Checked before the fields, so that a newer file gets
    //    a message about versions rather than about fields it does not know.
    check_format(text, &value).map_err(|p| fail(vec![p]))?;

    // 3. No misspelt or unknown fields anywhere: all of them are reported at once (up to
    //    MOST_LISTED).
    let unknown = unknown_fields(text, &value);
    if !unknown.is_empty() {
        return Err(fail(unknown));
    }

    // 4. The right fields with the right types.
    let mut de = serde_json::Deserializer::from_str(text);
    let programme: Programme = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = char_position(text, inner.line().max(1), inner.column().max(1));
        fail(vec![Problem {
            line,
            column,
            path: if path == "." { String::new() } else { path },
            message: friendly(&strip_position(&inner.to_string())),
        }])
    })?;

    // 5. Values that make sense together, and text without control characters: every
    //    problem (up to MOST_LISTED), in file order.
    let invalid = validate(&programme)
        .into_iter()
        .map(|(path, message)| (path, None, message));
    let control = validate::control_characters(&value)
        .into_iter()
        .map(|(path, index, c)| (path, Some(index), validate::control_message(index, c)));
    let problems = listed(
        invalid.chain(control).collect(),
        "problems",
        |(path, index, message)| match index {
            Some(index) => {
                let (line, column) = locate_char(text, &path, index);
                Problem {
                    line,
                    column,
                    path: render_path(&path),
                    message,
                }
            }
            None => at(path, message),
        },
    );
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    let warnings = listed(
        validate::warnings(&programme),
        "warnings",
        |(path, message)| at(path, message),
    );

    let mut programme = programme;
    let inferred = infer_reports_on(&mut programme)
        .into_iter()
        .map(|(path, message)| at(path, message))
        .collect();

    Ok(Checked {
        workshop: workshop_of(programme, name),
        warnings,
        inferred,
    })
}

/// Fills in `reports_on` where a file leaves it out and the day's order makes it plain: a
/// `discussion` block without an exercise of its own, right after a `breakout` block that has
/// an exercise, is that exercise's report-back. Returns each block it filled in, with its path
/// and a line saying so.
pub fn infer_reports_on(programme: &mut Programme) -> Vec<(Vec<Seg>, String)> {
    let mut inferred = Vec::new();
    for (d, day) in programme.days.iter_mut().enumerate() {
        for i in 1..day.blocks.len() {
            let (before, after) = day.blocks.split_at_mut(i);
            let (previous, block) = (&before[i - 1], &mut after[0]);
            let Some(exercise) = previous.exercise.as_ref() else {
                continue;
            };
            if block.kind == BlockKind::Discussion
                && previous.kind == BlockKind::Breakout
                && block.reports_on.is_none()
                && block.exercise.is_none()
            {
                block.reports_on = Some(exercise.clone());
                inferred.push((
                    vec![key("days"), Seg::Index(d), key("blocks"), Seg::Index(i)],
                    format!(
                        "reports_on \"{exercise}\" inferred: \"{}\" follows the breakout \
                         \"{}\", which has that exercise",
                        block.title, previous.title
                    ),
                ));
            }
        }
    }
    inferred
}

fn check_format(text: &str, value: &serde_json::Value) -> Result<(), Problem> {
    let at = |path: &[Seg], message: String| {
        let (line, column) = locate(text, path);
        Problem {
            line,
            column,
            path: render_path(path),
            message,
        }
    };
    let Some(object) = value.as_object() else {
        return Err(at(
            &[],
            "expected a JSON object with \"format\", \"title\", \"time_zone\" and \"days\""
                .to_string(),
        ));
    };
    let key = [Seg::Key("format".into())];
    match object.get("format") {
        None => Err(at(
            &[],
            format!("missing field `format`: add \"format\": {FORMAT_VERSION} at the top"),
        )),
        Some(v) => match v.as_u64() {
            Some(n) if n == u64::from(FORMAT_VERSION) => Ok(()),
            Some(n) if n > u64::from(FORMAT_VERSION) => Err(at(
                &key,
                format!(
                    "this file is written in programme format {n}, but this convene reads format \
                     {FORMAT_VERSION}; update convene to open it"
                ),
            )),
            _ => Err(at(
                &key,
                format!("expected the programme format version {FORMAT_VERSION}, found {v}"),
            )),
        },
    }
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Rewrites serde's wording where a facilitator would not follow it.
fn friendly(message: &str) -> String {
    match message.strip_prefix("unknown variant ") {
        Some(rest) => format!("unknown value {rest}"),
        None => message.to_string(),
    }
}

/// How many problems (or warnings) a list from [`listed`] stands for: those listed, and those
/// its last line says were not.
pub fn count(listed: &[Problem]) -> usize {
    let unlisted = listed
        .last()
        .filter(|p| p.path.is_empty() && p.message.contains(", not listed (only the first"))
        .and_then(|p| p.message.split(' ').next()?.parse::<usize>().ok());
    match unlisted {
        Some(more) => listed.len() - 1 + more,
        None => listed.len(),
    }
}

/// The first [`MOST_LISTED`] of `found`, placed in the text by `place` and put in file order;
/// then, when there are more, one line at the first of the rest that says how many `what`
/// (`problems`, `warnings`) were not listed.
fn listed<T>(found: Vec<T>, what: &str, place: impl Fn(T) -> Problem) -> Vec<Problem> {
    let more = found.len().saturating_sub(MOST_LISTED);
    let mut found = found.into_iter();
    let mut out: Vec<Problem> = found.by_ref().take(MOST_LISTED).map(&place).collect();
    out.sort_by_key(|p| (p.line, p.column));
    if let Some(first) = found.next() {
        let first = place(first);
        out.push(Problem {
            path: String::new(),
            message: format!(
                "{more} more {what}, not listed (only the first {MOST_LISTED} are), the first \
                 of them here: deal with those above and check the file again"
            ),
            ..first
        });
    }
    out
}

/// Every field whose name the format does not know, with a suggestion for a near miss.
/// Reports the unknown fields of one object at its path, given the names it may have.
type Check<'a> = dyn FnMut(Vec<Seg>, &serde_json::Value, &[&str]) + 'a;

fn unknown_fields(text: &str, value: &serde_json::Value) -> Vec<Problem> {
    use model::fields;
    let mut out = Vec::new();
    let mut check = |path: Vec<Seg>, v: &serde_json::Value, known: &[&str]| {
        let Some(object) = v.as_object() else {
            return;
        };
        for name in object.keys().filter(|k| !known.contains(&k.as_str())) {
            let mut at = path.clone();
            at.push(Seg::Key(name.clone()));
            let near = known
                .iter()
                .map(|k| (strsim::jaro_winkler(k, name), *k))
                .filter(|(score, _)| *score > 0.85)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let hint = match near {
                Some((_, k)) => format!("did you mean `{k}`?"),
                None => format!(
                    "expected one of {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push((at, format!("unknown field `{name}`; {hint}")));
        }
    };
    let list = |v: &serde_json::Value, k: &str| -> Vec<serde_json::Value> {
        v.get(k)
            .and_then(|x| x.as_array())
            .cloned()
            .unwrap_or_default()
    };
    check(Vec::new(), value, fields::PROGRAMME);
    // The links of the object at `at`.
    let check_links = |check: &mut Check<'_>, at: &[Seg], v: &serde_json::Value| {
        for (i, link) in list(v, "links").iter().enumerate() {
            check(
                [at, &[key("links"), Seg::Index(i)]].concat(),
                link,
                fields::LINK,
            );
        }
    };
    check_links(&mut check, &[], value);
    for (name, known) in [
        ("participant_time_zones", fields::PLACE),
        ("chapters", fields::CHAPTER),
        ("exercises", fields::EXERCISE),
        ("messages", fields::MESSAGE),
        ("about", fields::ABOUT),
    ] {
        for (i, item) in list(value, name).iter().enumerate() {
            check(vec![key(name), Seg::Index(i)], item, known);
            if name == "exercises" {
                check_links(&mut check, &[key(name), Seg::Index(i)], item);
            }
        }
    }
    for (d, day) in list(value, "days").iter().enumerate() {
        check(vec![key("days"), Seg::Index(d)], day, fields::DAY);
        check_links(&mut check, &[key("days"), Seg::Index(d)], day);
        for (b, block) in list(day, "blocks").iter().enumerate() {
            let at = vec![key("days"), Seg::Index(d), key("blocks"), Seg::Index(b)];
            check(at.clone(), block, fields::BLOCK);
            check_links(&mut check, &at, block);
            for (c, cue) in list(block, "cues").iter().enumerate() {
                let mut at = at.clone();
                at.extend([key("cues"), Seg::Index(c)]);
                check(at, cue, fields::CUE);
            }
        }
    }
    listed(out, "problems", |(at, message)| {
        let (line, column) = locate_key(text, &at);
        Problem {
            line,
            column,
            path: render_path(&at),
            message,
        }
    })
}

fn parse_tz(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// The one-screen summary printed by `convene check`.
pub fn summary(w: &Workshop) -> String {
    use std::fmt::Write;
    let p = &w.programme;
    let mut out = String::new();
    let _ = writeln!(out, "{}: ok", w.source_name);
    let _ = writeln!(out, "{}", p.title);
    if let Some(s) = &p.subtitle {
        let _ = writeln!(out, "{s}");
    }
    let _ = writeln!(
        out,
        "Time zone {} · {} participant time zone(s) · {} day(s) · {} exercise(s)",
        p.time_zone,
        p.participant_time_zones.len(),
        p.days.len(),
        p.exercises.len()
    );
    if let Some(line) = w.illustrative_note() {
        let _ = writeln!(out, "{line}");
    }
    let (links, messages) = (w.all_links().len(), p.messages.len());
    if links + messages > 0 {
        let _ = writeln!(out, "{links} link(s) · {messages} chat message(s)");
    }
    for (i, day) in p.days.iter().enumerate() {
        if let Some(before) = &day.preceded_by {
            let _ = writeln!(out, "        … {before}");
        }
        let starts = w.planned_starts(i);
        let end = starts
            .last()
            .map(|t| t.with_timezone(&w.tz).format("%H:%M").to_string())
            .unwrap_or_default();
        let minutes = day.planned_minutes();
        let _ = writeln!(
            out,
            "Day {} {} {}–{} {:>2} blocks {}h{:02} planned  {}",
            i + 1,
            day.date.format("%a %e %b %Y"),
            day.start.format("%H:%M"),
            end,
            day.blocks.len(),
            minutes / 60,
            minutes % 60,
            day.title
        );
    }
    if !p.exercises.is_empty() {
        let _ = writeln!(out, "Exercises:");
        for e in &p.exercises {
            let chapter = e.chapter.map(|c| format!("ch {c}")).unwrap_or_default();
            let minutes = e.minutes.map(|m| format!("{m} min")).unwrap_or_default();
            let mode = e.mode.map(|m| m.label()).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<5} {:<7} {:<10} {}",
                chapter, minutes, mode, e.title
            );
        }
    }
    out
}

/// A place named by its time zone: `Asia/Jakarta` → `Jakarta`.
pub fn place_name(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of every type is in the lists used to report unknown fields.
    #[test]
    fn field_lists_match_the_types() {
        let mut w = default_workshop().unwrap().programme;
        w.id = Some("i".into());
        w.subtitle = Some("s".into());
        w.notes = Some("n".into());
        let block = &mut w.days[0].blocks[0];
        block.min_minutes = Some(1);
        block.max_minutes = Some(99);
        block.chapter = Some(1);
        block.exercise = Some("x".into());
        block.reports_on = Some("x".into());
        block.facilitator = Some("f".into());
        block.notes = Some("n".into());
        block.priority = Priority::High;
        block.warning_minutes = Some(3);
        block.cues = vec![Cue {
            text: "t".into(),
            minutes_after_start: Some(1),
            minutes_before_end: Some(2),
        }];
        let link = Link {
            title: "t".into(),
            url: "https://example.org".into(),
        };
        block.links = vec![link.clone()];
        block.illustrative = Some(true);
        w.days[0].preceded_by = Some("p".into());
        w.days[0].notes = Some("n".into());
        w.days[0].links = vec![link.clone()];
        w.links = vec![link.clone()];
        w.illustrative = true;
        w.sources = Some("s".into());
        w.messages = vec![Message {
            name: "n".into(),
            text: "t".into(),
        }];
        w.about = vec![About {
            heading: "h".into(),
            text: "t".into(),
        }];
        let e = &mut w.exercises[0];
        e.links = vec![link];
        e.illustrative = Some(false);
        e.chapter = Some(1);
        e.mode = Some(ExerciseMode::Breakout);
        e.minutes = Some(1);
        e.instructions = Some("i".into());
        e.expected_output = Some("o".into());
        e.report_minutes = Some(3);
        let v = serde_json::to_value(&w).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        let sorted = |list: &[&str]| {
            let mut l: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            l.sort();
            l
        };
        use model::fields;
        assert_eq!(keys(&v), sorted(fields::PROGRAMME));
        assert_eq!(keys(&v["days"][0]), sorted(fields::DAY));
        assert_eq!(keys(&v["days"][0]["blocks"][0]), sorted(fields::BLOCK));
        assert_eq!(
            keys(&v["days"][0]["blocks"][0]["cues"][0]),
            sorted(fields::CUE)
        );
        assert_eq!(keys(&v["exercises"][0]), sorted(fields::EXERCISE));
        assert_eq!(keys(&v["chapters"][0]), sorted(fields::CHAPTER));
        assert_eq!(keys(&v["participant_time_zones"][0]), sorted(fields::PLACE));
        assert_eq!(keys(&v["links"][0]), sorted(fields::LINK));
        assert_eq!(keys(&v["messages"][0]), sorted(fields::MESSAGE));
        assert_eq!(keys(&v["about"][0]), sorted(fields::ABOUT));
    }

    #[test]
    fn misspelt_fields_get_a_suggestion() {
        let text = DEFAULT_SOURCE.replacen("\"minutes\"", "\"minuts\"", 1);
        let e = parse("t.json", &text).unwrap_err();
        assert_eq!(e.problems.len(), 1);
        assert!(
            e.problems[0].message.contains("did you mean `minutes`?"),
            "{e}"
        );
    }
}
