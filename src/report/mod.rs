//! The review of a session, written from its journal: per day, blocks planned against actual,
//! the day's drift, the changes made on the day, cues sent, timers used and breakout rounds.
//! As Markdown, and as a self-contained HTML page with a timeline.

mod attendance;
mod dayend;
mod html;
mod markdown;
mod summary;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::core::{BlockStatus, Event, Stamped, State, describe};
use crate::journal::{self, JournalError, Loaded};
use crate::programme::BlockKind;

pub use attendance::{
    AttendanceDay, FromReports, PersonAttendance, Share, WorkshopAttendance, from_report_files,
    from_reports, workshop_attendance,
};
pub use dayend::day_summary;
pub use html::{escape, html};
pub use markdown::markdown;

/// Everything the review says.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    pub subtitle: Option<String>,
    pub organisers: Vec<String>,
    /// What the announcement says: heading and text.
    pub about: Vec<(String, String)>,
    /// "Illustrative plan: …", when the programme says so.
    pub illustrative: Option<String>,
    /// The module's chapters: number and title.
    pub chapters: Vec<(u32, String)>,
    pub source: String,
    pub tz: Tz,
    pub created: DateTime<Utc>,
    pub events: usize,
    pub days: Vec<DayReport>,
    /// The workshop's totals: every day, everyone's attendance, the report-back turns.
    pub totals: Totals,
}

/// What the whole workshop adds up to, for the end of the review.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// Per day of the programme: blocks run of all, and the end of the blocks that ran
    /// against their plan (`None` for a day not run to its end).
    pub days: Vec<DayTotal>,
    /// Everyone's attendance across the days, when any day's report was recorded.
    pub attendance: Option<WorkshopAttendance>,
    /// Who spoke in report-backs, how many times, most first (then by name); participants
    /// who never did are listed with 0.
    pub turns: Vec<(String, usize)>,
}

/// One day in the workshop's totals.
#[derive(Debug, Clone, PartialEq)]
pub struct DayTotal {
    pub day: usize,
    pub date: chrono::NaiveDate,
    pub ran: usize,
    pub blocks: usize,
    pub drift: Option<Duration>,
    pub started: bool,
}

impl Totals {
    /// "Blocks run: 12 of 45; over or under on the days that ended: +3 min."
    pub fn blocks_line(&self) -> String {
        let over: i64 = self
            .days
            .iter()
            .filter_map(|d| d.drift)
            .map(|d| (d.num_seconds() as f64 / 60.0).round() as i64)
            .sum();
        format!(
            "Blocks run: {} of {}; over or under on the days that ended: {} min.",
            self.days.iter().map(|d| d.ran).sum::<usize>(),
            self.days.iter().map(|d| d.blocks).sum::<usize>(),
            signed(over)
        )
    }
}

impl DayTotal {
    /// How the blocks that ran ended against their plan, in words.
    pub fn end_words(&self) -> String {
        match (self.drift, self.started) {
            (Some(drift), _) => drift_words(drift),
            (None, true) => "not ended in the journal".into(),
            (None, false) => "not run".into(),
        }
    }
}

/// People by name with their minutes.
pub type Minutes = Vec<(String, u32)>;

/// One workshop day that has anything in the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct DayReport {
    /// 0-based.
    pub day: usize,
    pub date: chrono::NaiveDate,
    pub title: String,
    pub blocks: Vec<BlockRow>,
    pub planned_start: Option<DateTime<Utc>>,
    pub planned_end: Option<DateTime<Utc>>,
    /// When the last block ended (or the day was ended).
    pub actual_end: Option<DateTime<Utc>>,
    /// What happened on the day, in order, in words.
    pub log: Vec<LogLine>,
    pub cues: Vec<(DateTime<Utc>, String, String)>,
    pub rounds: Vec<RoundReport>,
    /// Who attended, when a participants report was imported: on the roster, then not.
    pub attendance: Option<(Minutes, Minutes)>,
    /// The end against the planned end of the blocks that ran; `None` when the day did not
    /// run to an end.
    pub ran_drift: Option<Duration>,
    /// How many blocks ran.
    pub ran: usize,
    /// The blocks that never ran, with whether each was of high priority.
    pub not_run: Vec<(String, bool)>,
    /// The day in a few lines, as the console's summary says it, with the rounds' repeat
    /// meetings and who attended little.
    pub summary: Vec<String>,
}

impl DayReport {
    /// The end against the plan of the blocks that ran; `None` when the day did not run to
    /// an end.
    pub fn drift(&self) -> Option<Duration> {
        self.ran_drift
    }

    /// How the day ended, in two parts: "Ended 15:01 against a planned 16:30" (with the
    /// blocks not run, if any) and the verdict on the blocks that ran ("3 min late").
    pub fn end_sentence(&self, tz: Tz) -> Option<(String, String)> {
        let (drift, planned, actual) = (self.drift()?, self.planned_end?, self.actual_end?);
        let mut lead = format!(
            "Ended {} against a planned {}",
            hhmm(actual, tz),
            hhmm(planned, tz)
        );
        if !self.not_run.is_empty() {
            let names = block_names(self.not_run.iter().map(|(t, h)| (t.as_str(), *h)));
            let n = self.not_run.len();
            let blocks = if n == 1 { "block" } else { "blocks" };
            let ran = if self.ran == 1 { "block" } else { "blocks" };
            lead.push_str(&format!(
                ", with {n} {blocks} not run: {}. The {} {ran} that ran ended",
                names.join("; "),
                self.ran
            ));
        }
        Some((lead, drift_words(drift)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlockRow {
    pub title: String,
    pub kind: BlockKind,
    pub planned: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub actual: Option<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    pub planned_minutes: Option<u32>,
    pub skipped: bool,
}

impl BlockRow {
    /// Minutes the block really took, once it ended.
    pub fn actual_minutes(&self) -> Option<i64> {
        let (start, end) = self.actual?;
        Some(((end? - start).num_seconds() + 30) / 60)
    }

    /// `13:00–13:10`, or `added` for a block added on the day.
    pub fn planned_text(&self, tz: Tz) -> String {
        self.planned
            .map(|(s, e)| format!("{}–{}", hhmm(s, tz), hhmm(e, tz)))
            .unwrap_or_else(|| "added".into())
    }

    /// `13:04–13:19`, `13:04–` while it runs, or nothing.
    pub fn actual_text(&self, tz: Tz) -> String {
        match self.actual {
            Some((s, Some(e))) => format!("{}–{}", hhmm(s, tz), hhmm(e, tz)),
            Some((s, None)) => format!("{}–", hhmm(s, tz)),
            None => String::new(),
        }
    }

    /// `+3`, `−2`, `0`, `not run`, or `—` for a block that never started.
    pub fn over_under(&self) -> String {
        if self.skipped {
            return "not run".into();
        }
        match (self.actual_minutes(), self.planned_minutes) {
            (Some(a), Some(p)) => signed(a - i64::from(p)),
            (Some(_), None) => "added".into(),
            _ => "—".into(),
        }
    }
}

/// A line of the day's log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    pub text: String,
    /// Taken back later with undo.
    pub undone: bool,
    /// An undo: folded away with what it took back.
    pub undo: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoundReport {
    pub label: String,
    pub strategy: String,
    pub rooms: Vec<(String, Vec<String>)>,
    /// Per exercise done in this round: each room's last step, speaker and notes.
    pub outcomes: Vec<ExerciseOutcome>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseOutcome {
    pub exercise: String,
    pub rooms: Vec<RoomOutcome>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoomOutcome {
    pub room: String,
    pub step: String,
    pub speaker: Option<String>,
    pub notes: String,
}

/// Blocks by title in quotes, each of high priority marked so: `“Break” (high priority)`.
pub(crate) fn block_names<'a>(blocks: impl Iterator<Item = (&'a str, bool)>) -> Vec<String> {
    blocks
        .map(|(title, high)| {
            if high {
                format!("“{title}” (high priority)")
            } else {
                format!("“{title}”")
            }
        })
        .collect()
}

/// `+3`, `−2`, `0`.
pub fn signed(n: i64) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("−{}", -n),
        _ => "0".into(),
    }
}

/// "12 min late", "3 min early", "on time".
pub fn drift_words(d: Duration) -> String {
    let m = (d.num_seconds() as f64 / 60.0).round() as i64;
    match m {
        0 => "on time".into(),
        m if m > 0 => format!("{m} min late"),
        m => format!("{} min early", -m),
    }
}

/// Replays the journal once and gathers what the review says.
pub fn build(loaded: &Loaded) -> Result<Report, JournalError> {
    build_with(loaded, None)
}

/// A sent cue: when, the block's title, the cue's text.
type SentCue = (DateTime<Utc>, String, String);

/// Walks the journal batch by batch, describing each event against the state before it: each
/// day's log (undone actions marked; who did each when more than one person acted) and the
/// cues sent and not taken back.
fn walk(
    loaded: &Loaded,
    workshop: &Arc<crate::programme::Workshop>,
    final_state: &State,
) -> (Vec<Vec<LogLine>>, Vec<Vec<SentCue>>) {
    // Which batches were undone, to mark them in the log.
    let undone: std::collections::HashSet<u64> = final_state
        .history
        .iter()
        .enumerate()
        .filter(|(_, b)| b.undone)
        .map(|(i, _)| i as u64)
        .collect();

    // Walk the journal batch by batch, describing each event against the state before it.
    let mut state = State::new(Arc::clone(workshop));
    // A revised programme may have more days than the journal began with.
    let day_count = final_state.days.len().max(workshop.days().len());
    let mut logs: Vec<Vec<LogLine>> = vec![Vec::new(); day_count];
    let mut cues: Vec<Vec<SentCue>> = vec![Vec::new(); day_count];
    let records = &loaded.records;
    // When more than one person acted (a served session), each line says who.
    let people: std::collections::BTreeSet<&str> = records
        .iter()
        .filter(|r| r.by != crate::core::Who::clock())
        .map(|r| r.by.0.as_str())
        .collect();
    let by_whom = |r: &crate::journal::Record, text: String| {
        if people.len() > 1 && r.by != crate::core::Who::clock() {
            format!("{}: {text}", r.by.0)
        } else {
            text
        }
    };
    for (batch_index, slice) in crate::journal::batches(records).enumerate() {
        let batch_index = batch_index as u64;
        for r in slice {
            let at = r.at.with_timezone(&Utc);
            let day = day_of(&state, &r.event).unwrap_or_else(|| workshop.day_for(at));
            if !matches!(r.event, Event::ThresholdCrossed { .. })
                && let Some(log) = logs.get_mut(day)
            {
                log.push(LogLine {
                    at,
                    text: by_whom(r, describe(&state, &r.event)),
                    undone: undone.contains(&batch_index),
                    undo: matches!(r.event, Event::Undone { .. }),
                });
            }
            if let Event::CueSent { block, cue, .. } = &r.event
                && !undone.contains(&batch_index)
                && let Some(b) = state.block(*block)
                && let Some(c) = b.block.cues.get(*cue)
                && let Some(list) = cues.get_mut(day)
            {
                list.push((at, b.block.title.clone(), c.text.clone()));
            }
        }
        let events: Vec<Stamped> = slice.iter().map(journal::Record::stamped).collect();
        state.apply_batch(&events);
    }
    (logs, cues)
}

/// As [`build`], with the share of the planned time a certificate needs (in percent).
pub fn build_with(loaded: &Loaded, certificate: Option<u32>) -> Result<Report, JournalError> {
    let workshop = Arc::new(loaded.workshop()?);
    let tz = workshop.tz;
    let final_state = loaded.replay(Arc::clone(&workshop));

    let (logs, cues) = walk(loaded, &workshop, &final_state);

    let mut days = Vec::new();
    for (d, day_state) in final_state.days.iter().enumerate() {
        let log = logs.get(d).cloned().unwrap_or_default();
        let ran = day_state.blocks.iter().any(|b| b.started_at.is_some())
            || final_state.attendance.contains_key(&d);
        if !ran && log.is_empty() {
            continue;
        }
        // The day as the session ended up planning it: revised, if the programme was.
        let Some(plan) = final_state.workshop.day(d) else {
            continue;
        };
        let shift = final_state.day_shift(d);
        let blocks: Vec<BlockRow> = day_state
            .blocks
            .iter()
            .map(|b| BlockRow {
                title: b.block.title.clone(),
                kind: b.block.kind,
                planned: b
                    .planned_start
                    .zip(b.original_minutes)
                    .map(|(s, m)| (s + shift, s + shift + Duration::minutes(i64::from(m)))),
                actual: b.started_at.map(|s| (s, b.ended_at)),
                planned_minutes: b.original_minutes,
                skipped: b.status() == BlockStatus::Skipped,
            })
            .collect();
        let actual_end = day_state.finished_at.or_else(|| {
            let all_over = day_state
                .blocks
                .iter()
                .all(|b| matches!(b.status(), BlockStatus::Done | BlockStatus::Skipped));
            if all_over {
                day_state.blocks.iter().filter_map(|b| b.ended_at).max()
            } else {
                None
            }
        });
        let rounds = rounds_of(&final_state, d);
        days.push(DayReport {
            day: d,
            date: plan.date,
            title: plan.title.clone(),
            blocks,
            planned_start: final_state.day_start(d),
            planned_end: final_state.planned_end(d),
            actual_end,
            log,
            cues: cues.get(d).cloned().unwrap_or_default(),
            rounds,
            ran_drift: final_state.day_end(d).map(|e| e.drift),
            ran: day_state
                .blocks
                .iter()
                .filter(|b| b.status() == BlockStatus::Done)
                .count(),
            not_run: not_run(&final_state, d),
            summary: summary::day(&final_state, d),
            attendance: final_state.attendance.get(&d).map(|a| {
                let present = a
                    .present
                    .iter()
                    .map(|(k, m)| {
                        let name = final_state
                            .person(k)
                            .map_or_else(|| k.to_string(), |p| p.name.clone());
                        (name, *m)
                    })
                    .collect();
                (present, a.unmatched.clone())
            }),
        });
    }
    let programme = &final_state.workshop.programme;
    Ok(Report {
        title: programme.title.clone(),
        subtitle: programme.subtitle.clone(),
        organisers: programme.organisers.clone(),
        about: programme
            .about
            .iter()
            .map(|a| (a.heading.clone(), a.text.clone()))
            .collect(),
        illustrative: final_state.workshop.illustrative_note(),
        chapters: programme
            .chapters
            .iter()
            .map(|c| (c.number, c.title.clone()))
            .collect(),
        totals: summary::totals(&final_state, certificate),
        source: loaded.header.source.clone(),
        tz,
        created: loaded.header.created.with_timezone(&Utc),
        events: loaded.records.len(),
        days,
    })
}

/// The breakout rounds of a day, with their rooms by name and what each did.
fn rounds_of(state: &State, d: usize) -> Vec<RoundReport> {
    state
        .rounds
        .iter()
        .enumerate()
        .filter(|(_, r)| r.day == d)
        .map(|(index, r)| RoundReport {
            outcomes: outcomes(state, crate::core::RoundIx(index), r),
            label: r.label.clone(),
            strategy: r.strategy.to_string(),
            rooms: r
                .rooms
                .iter()
                .map(|room| {
                    let names = room
                        .members
                        .iter()
                        .map(|k| {
                            state
                                .person(k)
                                .map_or_else(|| k.to_string(), |p| p.name.clone())
                        })
                        .collect();
                    (room.name.clone(), names)
                })
                .collect(),
        })
        .collect()
}

/// The blocks of a day that is over that never ran, with whether each was of high priority.
fn not_run(state: &State, day: usize) -> Vec<(String, bool)> {
    let Some(end) = state.day_end(day) else {
        return Vec::new();
    };
    end.not_run
        .iter()
        .filter_map(|id| state.block(*id))
        .map(|b| {
            let high = b.block.priority == crate::programme::Priority::High;
            (b.block.title.clone(), high)
        })
        .collect()
}

/// What each room of a round did in each exercise.
fn outcomes(
    state: &State,
    index: crate::core::RoundIx,
    round: &crate::core::Round,
) -> Vec<ExerciseOutcome> {
    let mut exercises: Vec<String> = state
        .tracker
        .all()
        .filter(|((_, r, _), _)| *r == index)
        .map(|((e, _, _), _)| e.clone())
        .collect();
    exercises.dedup();
    exercises
        .into_iter()
        .map(|exercise| ExerciseOutcome {
            rooms: round
                .indexed()
                .map(|(i, room)| {
                    let entry = state.tracker.get(&exercise, index, i);
                    RoomOutcome {
                        room: room.name.clone(),
                        step: entry
                            .and_then(|e| e.progress())
                            .map_or("not started", |p| p.label())
                            .to_string(),
                        speaker: entry
                            .and_then(|e| e.called.as_ref())
                            .and_then(|(_, s)| s.as_ref())
                            .and_then(|k| state.person(k))
                            .map(|p| p.name.clone()),
                        notes: entry.map(|e| e.notes.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
            exercise: state
                .workshop
                .exercise(&exercise)
                .map_or(exercise.clone(), |e| e.title.clone()),
        })
        .collect()
}

/// The day an event belongs to, where it names one.
fn day_of(state: &State, event: &Event) -> Option<usize> {
    use Event::*;
    let block = match event {
        BlockStarted { block, .. }
        | BlockFinished { block, .. }
        | BlockResized { block, .. }
        | BlockSkipped { block, .. }
        | BlockRestored { block, .. }
        | BlockMoved { block, .. }
        | CueSent { block, .. } => Some(*block),
        BreakInserted { day, .. }
        | AttendanceImported { day, .. }
        | DayFinished { day, .. }
        | Replanned { day, .. }
        | GroupsFormed { day, .. }
        | MarkedAbsent { day, .. }
        | MarkedPresent { day, .. } => return Some(*day),
        ThresholdCrossed {
            target: crate::core::Target::Block(b),
            ..
        } => Some(*b),
        _ => None,
    };
    match block {
        Some(b) => state.find(b).map(|(d, _)| d),
        None => state.running().map(|(d, _)| d),
    }
}

/// Writes `report.md` and `report.html` into `dir`, creating it, readable by their owner
/// only (they name the participants: see [`crate::export::write_private`]); returns their
/// full paths.
pub fn write(report: &Report, dir: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(dir)?;
    let md = crate::export::write_private(&dir.join("report.md"), markdown(report).as_bytes())?;
    let page = crate::export::write_private(&dir.join("report.html"), html(report).as_bytes())?;
    Ok((md, page))
}

/// HH:MM in the workshop's zone.
pub(crate) fn hhmm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}
