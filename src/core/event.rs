use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{BlockId, TimerId};
use crate::roster::Participant;

/// A breakout room of a round: its name and the people in it (by [`Participant::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub name: String,
    pub members: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rapporteur: Option<String>,
}

/// A round's figures, beside the average of random assignments of the same people.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RoundQuality {
    pub repeated_pairs: usize,
    pub same_country_pairs: usize,
    pub same_organisation_pairs: usize,
    pub single_country_groups: usize,
    pub smallest: usize,
    pub largest: usize,
    pub random_repeated_pairs: f64,
    pub random_same_country_pairs: f64,
    pub random_same_organisation_pairs: f64,
}

/// What a named timer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerKind {
    Countdown,
    Stopwatch,
    /// A room's turn to speak in a report-back: ended when the next room is called.
    Speaking,
}

impl TimerKind {
    /// The kind recorded with a timer, or, for a journal from before timers had one, the kind
    /// its label and length show: speaking timers were the ones named `Report-back: …`.
    pub fn of(recorded: Option<TimerKind>, label: &str, seconds: Option<u32>) -> TimerKind {
        match (recorded, seconds) {
            (Some(kind), _) => kind,
            (None, _) if label.starts_with("Report-back: ") => TimerKind::Speaking,
            (None, Some(_)) => TimerKind::Countdown,
            (None, None) => TimerKind::Stopwatch,
        }
    }
}

/// What two people should be when groups are formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairRule {
    Together,
    Apart,
}

/// Where a group stands in an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    Briefed,
    Working,
    NeedsHelp,
    Done,
    Reported,
}

impl Progress {
    pub const ALL: [Progress; 5] = [
        Progress::Briefed,
        Progress::Working,
        Progress::NeedsHelp,
        Progress::Done,
        Progress::Reported,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Progress::Briefed => "briefed",
            Progress::Working => "working",
            Progress::NeedsHelp => "needs help",
            Progress::Done => "done",
            Progress::Reported => "reported",
        }
    }

    /// The next step of the usual course (needs help goes back to working).
    pub fn next(self) -> Progress {
        match self {
            Progress::Briefed => Progress::Working,
            Progress::Working | Progress::NeedsHelp => Progress::Done,
            Progress::Done | Progress::Reported => Progress::Reported,
        }
    }

    pub fn previous(self) -> Progress {
        match self {
            Progress::Briefed | Progress::Working | Progress::NeedsHelp => Progress::Briefed,
            Progress::Done => Progress::Working,
            Progress::Reported => Progress::Done,
        }
    }
}

/// Which clock crossed a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Block(BlockId),
    Timer(TimerId),
}

/// The moments a countdown announces: the warning state, and zero (overtime from then on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    Warning,
    Overtime,
}

/// One change of a replan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum PlanChange {
    /// The block gets this many minutes instead.
    Resize { block: BlockId, minutes: u32 },
    /// The block is dropped from the day.
    Drop { block: BlockId },
}

/// Something that happened, as a fact. Applying the same events in the same order to the same
/// programme always gives the same state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    BlockStarted {
        block: BlockId,
        at: DateTime<Utc>,
    },
    BlockFinished {
        block: BlockId,
        at: DateTime<Utc>,
    },
    /// The block's planned length changed (extended or shortened).
    BlockResized {
        block: BlockId,
        minutes: u32,
        at: DateTime<Utc>,
    },
    /// The block will not run (it can be restored while the day lasts).
    BlockSkipped {
        block: BlockId,
        at: DateTime<Utc>,
    },
    BlockRestored {
        block: BlockId,
        at: DateTime<Utc>,
    },
    /// The block moved to this position in its day.
    BlockMoved {
        block: BlockId,
        to: usize,
        at: DateTime<Utc>,
    },
    /// A break was added to the day, after `after` (at the start when `None`).
    BreakInserted {
        day: usize,
        after: Option<BlockId>,
        block: BlockId,
        minutes: u32,
        at: DateTime<Utc>,
    },
    /// The day ended: the running block finished, the blocks still to run did not run.
    DayFinished {
        day: usize,
        at: DateTime<Utc>,
    },
    /// A replan of the rest of a day was applied.
    Replanned {
        day: usize,
        changes: Vec<PlanChange>,
        at: DateTime<Utc>,
    },
    /// A named timer started: a countdown of `seconds`, or a stopwatch when `None`.
    TimerStarted {
        timer: TimerId,
        label: String,
        seconds: Option<u32>,
        /// What the timer is for; journals from before timers had a kind leave it out, and it
        /// is then read from the label and the length (see [`TimerKind::of`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<TimerKind>,
        at: DateTime<Utc>,
    },
    TimerPaused {
        timer: TimerId,
        at: DateTime<Utc>,
    },
    TimerResumed {
        timer: TimerId,
        at: DateTime<Utc>,
    },
    /// A countdown got `seconds` more (fewer when negative).
    TimerAdjusted {
        timer: TimerId,
        seconds: i64,
        at: DateTime<Utc>,
    },
    TimerRestarted {
        timer: TimerId,
        at: DateTime<Utc>,
    },
    TimerDeleted {
        timer: TimerId,
        at: DateTime<Utc>,
    },
    /// A countdown reached its warning state or zero; announced once.
    ThresholdCrossed {
        target: Target,
        threshold: Threshold,
        at: DateTime<Utc>,
    },
    /// A block's cue was copied for broadcasting.
    CueSent {
        block: BlockId,
        cue: usize,
        at: DateTime<Utc>,
    },
    /// The roster was replaced by these people, read from `source`.
    RosterImported {
        source: String,
        participants: Vec<Participant>,
        at: DateTime<Utc>,
    },
    /// A round of breakout groups was formed (replacing the current round, if any).
    GroupsFormed {
        day: usize,
        /// What the round is for, e.g. the exercise.
        label: String,
        strategy: String,
        seed: u64,
        rooms: Vec<Room>,
        /// How the round compares with random assignment, as figured when it was formed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quality: Option<RoundQuality>,
        at: DateTime<Utc>,
    },
    /// Someone moved to another room of the current round (from none: a late joiner placed).
    ParticipantMoved {
        person: String,
        to: usize,
        at: DateTime<Utc>,
    },
    /// Two people changed rooms with each other.
    ParticipantsSwapped {
        a: String,
        b: String,
        at: DateTime<Utc>,
    },
    /// Someone is away on a day (and leaves any room); or back.
    MarkedAbsent {
        person: String,
        day: usize,
        at: DateTime<Utc>,
    },
    MarkedPresent {
        person: String,
        day: usize,
        at: DateTime<Utc>,
    },
    RoomRenamed {
        room: usize,
        name: String,
        at: DateTime<Utc>,
    },
    /// Who reports back for a room (nobody when `None`).
    RapporteurChosen {
        room: usize,
        person: Option<String>,
        at: DateTime<Utc>,
    },
    /// The current round of groups was cleared.
    GroupsCleared {
        at: DateTime<Utc>,
    },
    /// Who attended a day, from a Zoom participants report: roster people by key with their
    /// minutes, and names the roster does not have.
    AttendanceImported {
        day: usize,
        source: String,
        present: Vec<(String, u32)>,
        unmatched: Vec<(String, u32)>,
        at: DateTime<Utc>,
    },
    /// Two people are to sit together (or apart) whenever groups are formed; `None` releases
    /// them.
    PairRuled {
        a: String,
        b: String,
        rule: Option<PairRule>,
        at: DateTime<Utc>,
    },
    /// A room of a round reached a step of an exercise.
    ProgressSet {
        exercise: String,
        round: usize,
        room: usize,
        progress: Progress,
        at: DateTime<Utc>,
    },
    /// A room's notes and outcome for an exercise (the whole text, replacing the last).
    NotesWritten {
        exercise: String,
        round: usize,
        room: usize,
        text: String,
        at: DateTime<Utc>,
    },
    /// A room was called to report back, with who speaks for it.
    ReportCalled {
        exercise: String,
        round: usize,
        room: usize,
        speaker: Option<String>,
        at: DateTime<Utc>,
    },
    /// The facilitator took back an earlier action: the events of that batch no longer count.
    Undone {
        batch: usize,
        at: DateTime<Utc>,
    },
}

/// The part of the workshop an event belongs to: each part decides and applies its own events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// Blocks, days, replans and cues.
    Agenda,
    Timers,
    /// The roster, attendance and rounds of breakout rooms.
    Groups,
    /// Each room's progress through an exercise, notes, the report-back.
    Tracker,
    /// An undo, which names a batch of any part.
    Undo,
}

impl Event {
    /// The one list of which event belongs to which part.
    pub fn domain(&self) -> Domain {
        match self {
            Event::BlockStarted { .. }
            | Event::BlockFinished { .. }
            | Event::BlockResized { .. }
            | Event::BlockSkipped { .. }
            | Event::BlockRestored { .. }
            | Event::BlockMoved { .. }
            | Event::BreakInserted { .. }
            | Event::DayFinished { .. }
            | Event::Replanned { .. }
            | Event::CueSent { .. } => Domain::Agenda,
            Event::TimerStarted { .. }
            | Event::TimerPaused { .. }
            | Event::TimerResumed { .. }
            | Event::TimerAdjusted { .. }
            | Event::TimerRestarted { .. }
            | Event::TimerDeleted { .. }
            | Event::ThresholdCrossed { .. } => Domain::Timers,
            Event::RosterImported { .. }
            | Event::GroupsFormed { .. }
            | Event::ParticipantMoved { .. }
            | Event::ParticipantsSwapped { .. }
            | Event::MarkedAbsent { .. }
            | Event::MarkedPresent { .. }
            | Event::RoomRenamed { .. }
            | Event::RapporteurChosen { .. }
            | Event::GroupsCleared { .. }
            | Event::AttendanceImported { .. }
            | Event::PairRuled { .. } => Domain::Groups,
            Event::ProgressSet { .. } | Event::NotesWritten { .. } | Event::ReportCalled { .. } => {
                Domain::Tracker
            }
            Event::Undone { .. } => Domain::Undo,
        }
    }

    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Event::BlockStarted { at, .. }
            | Event::BlockFinished { at, .. }
            | Event::BlockResized { at, .. }
            | Event::BlockSkipped { at, .. }
            | Event::BlockRestored { at, .. }
            | Event::BlockMoved { at, .. }
            | Event::BreakInserted { at, .. }
            | Event::DayFinished { at, .. }
            | Event::Replanned { at, .. }
            | Event::TimerStarted { at, .. }
            | Event::TimerPaused { at, .. }
            | Event::TimerResumed { at, .. }
            | Event::TimerAdjusted { at, .. }
            | Event::TimerRestarted { at, .. }
            | Event::TimerDeleted { at, .. }
            | Event::ThresholdCrossed { at, .. }
            | Event::CueSent { at, .. }
            | Event::RosterImported { at, .. }
            | Event::Undone { at, .. }
            | Event::GroupsFormed { at, .. }
            | Event::ParticipantMoved { at, .. }
            | Event::ParticipantsSwapped { at, .. }
            | Event::MarkedAbsent { at, .. }
            | Event::MarkedPresent { at, .. }
            | Event::RoomRenamed { at, .. }
            | Event::RapporteurChosen { at, .. }
            | Event::GroupsCleared { at, .. }
            | Event::AttendanceImported { at, .. }
            | Event::PairRuled { at, .. }
            | Event::ProgressSet { at, .. }
            | Event::NotesWritten { at, .. }
            | Event::ReportCalled { at, .. } => *at,
        }
    }
}

impl Event {
    /// Whether the event records something the facilitator did (and so can be undone), rather
    /// than something the clock did.
    pub fn is_facilitator_action(&self) -> bool {
        !matches!(self, Event::ThresholdCrossed { .. } | Event::Undone { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::TimerKind;

    #[test]
    fn a_timer_without_a_recorded_kind_is_known_by_its_label_and_length() {
        let of = TimerKind::of;
        assert_eq!(
            of(None, "Report-back: Room 2", Some(180)),
            TimerKind::Speaking
        );
        assert_eq!(of(None, "Breakout rooms", Some(900)), TimerKind::Countdown);
        assert_eq!(of(None, "Q&A", None), TimerKind::Stopwatch);
        // A recorded kind stands, whatever the label says.
        assert_eq!(
            of(
                Some(TimerKind::Countdown),
                "Report-back: speaker",
                Some(180)
            ),
            TimerKind::Countdown
        );
        assert_eq!(
            of(Some(TimerKind::Speaking), "Room 1", Some(180)),
            TimerKind::Speaking
        );
    }
}
