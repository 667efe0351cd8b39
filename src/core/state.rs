use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::event::Domain;
use super::groups::{Absences, Round};
use super::{Event, Stamped, Target, Threshold};
use crate::programme::{Block, Workshop};
use crate::roster::Roster;

/// A block's identity for the whole session: stable while the plan changes around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockId(pub u32);

/// Who attended a day, as a participants report says.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub source: String,
    /// Roster people by key, with their minutes.
    pub present: Vec<(super::PersonKey, u32)>,
    /// People in the report the roster does not have, with their minutes.
    pub unmatched: Vec<(String, u32)>,
}

/// A named timer's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimerId(pub u32);

/// A round of breakout rooms: its place among the session's rounds, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoundIx(pub usize);

impl RoundIx {
    /// As people count rounds: round 1 first.
    pub fn number(self) -> usize {
        self.0 + 1
    }
}

/// A room of a round: its place in the round (Room 1 is 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoomIx(pub usize);

impl RoomIx {
    /// As people count rooms: Room 1 first.
    pub fn number(self) -> usize {
        self.0 + 1
    }
}

/// Where a block stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockStatus {
    Pending,
    Running,
    Done,
    Skipped,
}

/// Which state a countdown's figures are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Normal,
    Warning,
    Overtime,
}

/// The threshold rule: warn at `warning_minutes` left when given, else at 2 minutes left or
/// 20% left, whichever comes later (so a 5-minute countdown warns at 1 minute left, a 30-minute
/// breakout at 2).
pub fn warning_at(total: Duration, warning_minutes: Option<u32>) -> Duration {
    match warning_minutes {
        Some(m) => Duration::minutes(i64::from(m)),
        None => Duration::minutes(2).min(total / 5),
    }
}

fn phase(remaining: Duration, warn_at: Duration) -> Phase {
    if remaining <= Duration::zero() {
        Phase::Overtime
    } else if remaining <= warn_at {
        Phase::Warning
    } else {
        Phase::Normal
    }
}

/// Which thresholds have been announced; re-armed when the countdown gets more time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Alerts {
    pub warned: bool,
    pub overtime: bool,
    /// When the last threshold was crossed: the clock flashes for a moment after.
    pub last_at: Option<DateTime<Utc>>,
}

impl Alerts {
    pub(super) fn rearm(&mut self, remaining: Duration, warn_at: Duration) {
        if remaining > Duration::zero() {
            self.overtime = false;
        }
        if remaining > warn_at {
            self.warned = false;
        }
    }

    pub(super) fn mark(&mut self, threshold: Threshold, at: DateTime<Utc>) {
        match threshold {
            Threshold::Warning => self.warned = true,
            Threshold::Overtime => {
                self.warned = true;
                self.overtime = true;
            }
        }
        self.last_at = Some(at);
    }

    /// The thresholds a countdown has crossed but not yet announced.
    fn due(&self, p: Phase) -> Option<Threshold> {
        match p {
            Phase::Overtime if !self.overtime => Some(Threshold::Overtime),
            Phase::Warning if !self.warned => Some(Threshold::Warning),
            _ => None,
        }
    }
}

/// A block of the day as it now stands: the plan plus what really happened.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockState {
    pub id: BlockId,
    pub block: Block,
    /// Minutes in the programme, before any change (`None` for a block added on the day).
    pub original_minutes: Option<u32>,
    /// Start in the programme's plan (`None` for a block added on the day).
    pub planned_start: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub skipped_at: Option<DateTime<Utc>>,
    pub alerts: Alerts,
    /// When each of the block's cues was sent.
    pub cues_sent: Vec<Option<DateTime<Utc>>>,
}

impl BlockState {
    pub fn status(&self) -> BlockStatus {
        match (self.started_at, self.ended_at) {
            (None, _) if self.skipped_at.is_some() => BlockStatus::Skipped,
            (None, _) => BlockStatus::Pending,
            (Some(_), None) => BlockStatus::Running,
            (Some(_), Some(_)) => BlockStatus::Done,
        }
    }

    pub fn planned(&self) -> Duration {
        Duration::minutes(i64::from(self.block.minutes))
    }

    /// Time since the block started (to its end once finished); zero before it starts.
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        match self.started_at {
            None => Duration::zero(),
            Some(start) => (self.ended_at.unwrap_or(now) - start).max(Duration::zero()),
        }
    }

    /// Planned length minus elapsed time; negative once the block runs over.
    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        self.planned() - self.elapsed(now)
    }

    pub fn warning_at(&self) -> Duration {
        warning_at(self.planned(), self.block.warning_minutes)
    }

    pub fn phase(&self, now: DateTime<Utc>) -> Phase {
        phase(self.remaining(now), self.warning_at())
    }

    /// When a cue of this block is due, once the block has started.
    pub fn cue_due_at(&self, cue: usize) -> Option<DateTime<Utc>> {
        let start = self.started_at?;
        let c = self.block.cues.get(cue)?;
        match (c.minutes_after_start, c.minutes_before_end) {
            (Some(m), _) => Some(start + Duration::minutes(i64::from(m))),
            (None, Some(m)) => Some(start + self.planned() - Duration::minutes(i64::from(m))),
            (None, None) => None,
        }
    }

    /// Cues that are due and not yet sent, earliest first.
    pub fn due_cues(&self, now: DateTime<Utc>) -> Vec<usize> {
        if self.status() != BlockStatus::Running {
            return Vec::new();
        }
        let mut due: Vec<(DateTime<Utc>, usize)> = (0..self.block.cues.len())
            .filter(|i| self.cues_sent.get(*i).copied().flatten().is_none())
            .filter_map(|i| self.cue_due_at(i).map(|t| (t, i)))
            .filter(|(t, _)| *t <= now)
            .collect();
        due.sort();
        due.into_iter().map(|(_, i)| i).collect()
    }

    /// The next cue still to come, with when it is due.
    pub fn next_cue(&self, now: DateTime<Utc>) -> Option<(usize, DateTime<Utc>)> {
        (0..self.block.cues.len())
            .filter(|i| self.cues_sent.get(*i).copied().flatten().is_none())
            .filter_map(|i| self.cue_due_at(i).map(|t| (i, t)))
            .filter(|(_, t)| *t > now)
            .min_by_key(|(_, t)| *t)
    }
}

/// A named timer: a countdown or a stopwatch, which can be paused.
#[derive(Debug, Clone, PartialEq)]
pub struct Timer {
    pub id: TimerId,
    pub label: String,
    pub kind: super::event::TimerKind,
    /// Length of a countdown; `None` for a stopwatch.
    pub countdown: Option<Duration>,
    pub started_at: DateTime<Utc>,
    /// Who started it: a co-facilitator runs the timers they started.
    pub started_by: super::Who,
    pub paused_at: Option<DateTime<Utc>>,
    /// Time spent paused before `paused_at`.
    pub paused_total: Duration,
    pub alerts: Alerts,
}

impl Timer {
    /// Running time so far, not counting pauses. Computed from timestamps, so a sleeping laptop
    /// or a blocked terminal cannot make it drift.
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        let until = self.paused_at.unwrap_or(now);
        (until - self.started_at - self.paused_total).max(Duration::zero())
    }

    pub fn remaining(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.countdown.map(|c| c - self.elapsed(now))
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    pub fn warning_at(&self) -> Duration {
        warning_at(self.countdown.unwrap_or_default(), None)
    }

    pub fn phase(&self, now: DateTime<Utc>) -> Phase {
        match self.remaining(now) {
            Some(r) => phase(r, self.warning_at()),
            None => Phase::Normal,
        }
    }
}

/// A day as the programme plans it, nothing run yet; its blocks numbered on from `next`.
pub(super) fn fresh_day(workshop: &Workshop, d: usize, next: &mut u32) -> DayState {
    let starts = workshop.planned_starts(d);
    let blocks = workshop.days()[d]
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            *next += 1;
            BlockState {
                id: BlockId(*next),
                block: block.clone(),
                original_minutes: Some(block.minutes),
                planned_start: starts.get(i).copied(),
                started_at: None,
                ended_at: None,
                skipped_at: None,
                alerts: Alerts::default(),
                cues_sent: vec![None; block.cues.len()],
            }
        })
        .collect();
    DayState {
        blocks,
        finished_at: None,
    }
}

pub use super::agenda::DayEnd;

#[derive(Debug, Clone, PartialEq)]
pub struct DayState {
    pub blocks: Vec<BlockState>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Everything the session knows. Changed only by [`State::apply`].
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The programme the session follows: the one it began with, as revised since.
    pub workshop: Arc<Workshop>,
    /// The programme the session began with, which its events are replayed on.
    pub(super) origin: Arc<Workshop>,
    pub days: Vec<DayState>,
    pub timers: Vec<Timer>,
    pub roster: Roster,
    /// Where each roster person is in `roster.participants`, by key.
    pub(super) people: std::collections::HashMap<super::PersonKey, usize>,
    /// Where the roster came from, for the groups pane.
    pub roster_source: Option<String>,
    /// Every round of breakout groups of the session, oldest first.
    pub rounds: Vec<Round>,
    pub absences: Absences,
    pub tracker: super::Tracker,
    /// Pairs to keep together or apart when groups are formed.
    pub pairs: Vec<(super::PersonKey, super::PersonKey, super::PairRule)>,
    /// Attendance per day, when a participants report was imported.
    pub attendance: std::collections::BTreeMap<usize, Attendance>,
    /// Every batch of events applied, in order: what one action or tick produced. Kept so that
    /// an undo can rebuild the state without the batch it takes back.
    pub history: Vec<Batch>,
    pub(super) next_block: u32,
    pub(super) next_timer: u32,
}

/// The events of one action (or tick), and whether they were undone since.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub events: Vec<Stamped>,
    pub undone: bool,
}

impl Batch {
    /// A batch the facilitator caused, which undo can take back.
    pub fn is_undoable(&self) -> bool {
        !self.undone && self.events.iter().any(|e| e.event.is_facilitator_action())
    }
}

impl State {
    pub fn new(workshop: Arc<Workshop>) -> Self {
        let mut next = 0u32;
        let days = (0..workshop.days().len())
            .map(|d| fresh_day(&workshop, d, &mut next))
            .collect();
        State {
            origin: Arc::clone(&workshop),
            workshop,
            days,
            timers: Vec::new(),
            roster: Roster::default(),
            people: std::collections::HashMap::new(),
            roster_source: None,
            rounds: Vec::new(),
            absences: Absences::default(),
            tracker: super::Tracker::default(),
            attendance: std::collections::BTreeMap::new(),
            pairs: Vec::new(),
            history: Vec::new(),
            next_block: next + 1,
            next_timer: 1,
        }
    }

    /// The programme the session began with (before any revision), which a replay of its
    /// events starts from.
    pub fn origin(&self) -> &Arc<Workshop> {
        &self.origin
    }

    /// The id the next inserted block will get.
    pub fn next_block_id(&self) -> BlockId {
        BlockId(self.next_block)
    }

    /// The id the next named timer will get.
    pub fn next_timer_id(&self) -> TimerId {
        TimerId(self.next_timer)
    }

    /// Day index and position of a block.
    pub fn find(&self, id: BlockId) -> Option<(usize, usize)> {
        self.days
            .iter()
            .enumerate()
            .find_map(|(d, day)| day.blocks.iter().position(|b| b.id == id).map(|i| (d, i)))
    }

    pub fn block(&self, id: BlockId) -> Option<&BlockState> {
        self.find(id).map(|(d, i)| &self.days[d].blocks[i])
    }

    pub(super) fn block_mut(&mut self, id: BlockId) -> Option<&mut BlockState> {
        self.find(id).map(|(d, i)| &mut self.days[d].blocks[i])
    }

    pub fn timer(&self, id: TimerId) -> Option<&Timer> {
        self.timers.iter().find(|t| t.id == id)
    }

    pub(super) fn timer_mut(&mut self, id: TimerId) -> Option<&mut Timer> {
        self.timers.iter_mut().find(|t| t.id == id)
    }

    /// The running block, if any, with its day.
    pub fn running(&self) -> Option<(usize, &BlockState)> {
        self.days.iter().enumerate().find_map(|(d, day)| {
            day.blocks
                .iter()
                .find(|b| b.status() == BlockStatus::Running)
                .map(|b| (d, b))
        })
    }

    /// The first block still to run on a day.
    pub fn next_pending(&self, day: usize) -> Option<&BlockState> {
        self.days
            .get(day)?
            .blocks
            .iter()
            .find(|b| b.status() == BlockStatus::Pending)
    }

    /// How far the day is run from its date in the programme, in whole days: zero when it runs
    /// on its date; otherwise (a rehearsal, a day moved) the plan moves with it, so that drift
    /// and replans compare times of day.
    pub fn day_shift(&self, day: usize) -> Duration {
        let (Some(d), Some(planned)) = (self.days.get(day), self.workshop.day(day)) else {
            return Duration::zero();
        };
        d.blocks
            .iter()
            .filter_map(|b| b.started_at)
            .min()
            .map(|first| first.with_timezone(&self.workshop.tz).date_naive() - planned.date)
            .unwrap_or_else(Duration::zero)
    }

    /// The start of the day as planned, moved to the date it is run on.
    pub fn day_start(&self, day: usize) -> Option<DateTime<Utc>> {
        Some(self.workshop.day_start(day)? + self.day_shift(day))
    }

    /// The end of the day as planned, moved to the date it is run on: the target a replan aims
    /// for.
    pub fn planned_end(&self, day: usize) -> Option<DateTime<Utc>> {
        Some(*self.workshop.planned_starts(day).last()? + self.day_shift(day))
    }

    /// When each block of a day ran or is expected to run, as things stand at `now`: the real
    /// times of blocks that ran, the running block until its planned end (or now, once over),
    /// and the blocks still to run one after the other from there. Skipped blocks get `None`.
    pub fn projection(
        &self,
        day: usize,
        now: DateTime<Utc>,
    ) -> Vec<Option<(DateTime<Utc>, DateTime<Utc>)>> {
        let Some(d) = self.days.get(day) else {
            return Vec::new();
        };
        let mut cursor = self.resume_point(day, now);
        d.blocks
            .iter()
            .map(|b| match b.status() {
                BlockStatus::Skipped => None,
                BlockStatus::Done => b.started_at.zip(b.ended_at),
                BlockStatus::Running => b.started_at.map(|s| (s, (s + b.planned()).max(now))),
                BlockStatus::Pending => {
                    let start = cursor;
                    cursor += b.planned();
                    Some((start, cursor))
                }
            })
            .collect()
    }

    /// When the next block still to run on a day can start.
    fn resume_point(&self, day: usize, now: DateTime<Utc>) -> DateTime<Utc> {
        let Some(d) = self.days.get(day) else {
            return now;
        };
        if let Some(b) = d.blocks.iter().find(|b| b.status() == BlockStatus::Running)
            && let Some(s) = b.started_at
        {
            return (s + b.planned()).max(now);
        }
        let started = d.blocks.iter().any(|b| b.started_at.is_some());
        let day_start = self.day_start(day).unwrap_or(now);
        let on_the_day = self
            .workshop
            .day(day)
            .is_some_and(|p| now.with_timezone(&self.workshop.tz).date_naive() == p.date);
        if started || (on_the_day && now > day_start) {
            now.max(day_start)
        } else {
            day_start
        }
    }

    /// When the day is expected to end as things stand.
    pub fn projected_end(&self, day: usize, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let d = self.days.get(day)?;
        if let Some(end) = d.finished_at {
            return Some(end);
        }
        let ends = self.projection(day, now);
        ends.iter()
            .flatten()
            .map(|(_, end)| *end)
            .max()
            .or_else(|| self.day_start(day))
    }

    /// How far the day is from ending on time: positive when behind, negative when ahead.
    /// Once the day is over, only the blocks that ran count (see [`State::day_end`]): a day
    /// ended with blocks not run is not "ahead" by their minutes.
    pub fn drift(&self, day: usize, now: DateTime<Utc>) -> Option<Duration> {
        if let Some(end) = self.day_end(day) {
            return Some(end.drift);
        }
        Some(self.projected_end(day, now)? - self.planned_end(day)?)
    }

    /// Countdowns that reached a threshold not yet announced: the running block and every
    /// running countdown timer.
    pub fn due_thresholds(&self, now: DateTime<Utc>) -> Vec<(Target, Threshold)> {
        let mut out = Vec::new();
        if let Some((_, b)) = self.running()
            && let Some(t) = b.alerts.due(b.phase(now))
        {
            out.push((Target::Block(b.id), t));
        }
        for timer in self.timers.iter().filter(|t| !t.is_paused()) {
            if let Some(t) = timer.alerts.due(timer.phase(now)) {
                out.push((Target::Timer(timer.id), t));
            }
        }
        out
    }

    /// Applies one event as a batch of its own.
    pub fn apply(&mut self, event: &Stamped) {
        self.apply_batch(std::slice::from_ref(event));
    }

    /// Applies the events of one action (or tick) and remembers them as a batch.
    pub fn apply_batch(&mut self, events: &[Stamped]) {
        if events.is_empty() {
            return;
        }
        self.history.push(Batch {
            events: events.to_vec(),
            undone: false,
        });
        let mut rebuild = false;
        for e in events {
            if let Event::Undone { batch } = e.event {
                if let Some(b) = self.history.get_mut(batch) {
                    b.undone = true;
                    rebuild = true;
                }
            } else {
                self.change(&e.event, e.at, &e.by);
            }
        }
        if rebuild {
            self.rebuild();
        }
    }

    /// The index of the round in use, if any.
    pub fn current_round_index(&self) -> Option<RoundIx> {
        self.current_round().map(|_| RoundIx(self.rounds.len() - 1))
    }

    /// A round, current or not.
    pub fn round(&self, ix: RoundIx) -> Option<&Round> {
        self.rounds.get(ix.0)
    }

    /// The round of groups in use, if any.
    pub fn current_round(&self) -> Option<&Round> {
        self.rounds.last().filter(|r| !r.cleared)
    }

    pub(super) fn current_round_mut(&mut self) -> Option<&mut Round> {
        self.rounds.last_mut().filter(|r| !r.cleared)
    }

    /// The roster participant with this key.
    pub fn person(&self, key: &super::PersonKey) -> Option<&crate::roster::Participant> {
        self.people
            .get(key)
            .and_then(|&i| self.roster.participants.get(i))
    }

    /// Indexes the roster by key, after it changed.
    pub(super) fn index_people(&mut self) {
        self.people = self
            .roster
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key(), i))
            .collect();
    }

    /// The last batch that undo would take back.
    pub fn last_undoable(&self) -> Option<usize> {
        self.history.iter().rposition(Batch::is_undoable)
    }

    /// The state as it was just before a batch was applied.
    pub fn before_batch(&self, batch: usize) -> State {
        let mut earlier = State::new(Arc::clone(&self.origin));
        for b in self.history.iter().take(batch) {
            earlier.apply_batch(&b.events);
        }
        earlier
    }

    /// Recomputes the state from the programme and the batches that still count.
    fn rebuild(&mut self) {
        let mut fresh = State::new(Arc::clone(&self.origin));
        for batch in self.history.iter().filter(|b| !b.undone) {
            for e in &batch.events {
                if !matches!(e.event, Event::Undone { .. }) {
                    fresh.change(&e.event, e.at, &e.by);
                }
            }
        }
        fresh.history = std::mem::take(&mut self.history);
        *self = fresh;
    }

    /// What one event changes. Events that do not fit the state (an unknown block) change
    /// nothing.
    pub(super) fn change(&mut self, event: &Event, at: DateTime<Utc>, by: &super::Who) {
        match event.domain() {
            Domain::Groups => super::groups::apply(self, event, at),
            Domain::Agenda => super::agenda::apply(self, event, at, by),
            Domain::Timers => super::timers::apply(self, event, at, by),
            Domain::Tracker => super::tracker::apply(self, event, at),
            Domain::Undo => {}
        }
    }
}
