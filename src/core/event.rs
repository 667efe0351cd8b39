use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::forming::{Quality, Strategy};
use super::{BlockId, RoomIx, RoundIx, TimerId};
use crate::roster::{Participant, PersonKey};

/// A breakout room of a round: its name and the people in it (by [`Participant::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub name: String,
    pub members: Vec<PersonKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rapporteur: Option<PersonKey>,
}

/// A round's figures, beside the average of random assignments of the same people: what a
/// `groups_formed` event records.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RoundQuality {
    #[serde(flatten)]
    pub figures: Quality,
    pub random_repeated_pairs: f64,
    pub random_same_country_pairs: f64,
    pub random_same_organisation_pairs: f64,
    /// The average repeat meetings of random rounds (none recorded before they were counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub random_repeat_meetings: Option<f64>,
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
    },
    BlockFinished {
        block: BlockId,
    },
    /// The block's planned length changed (extended or shortened).
    BlockResized {
        block: BlockId,
        minutes: u32,
    },
    /// The block will not run (it can be restored while the day lasts).
    BlockSkipped {
        block: BlockId,
    },
    BlockRestored {
        block: BlockId,
    },
    /// The block moved to this position in its day.
    BlockMoved {
        block: BlockId,
        to: usize,
    },
    /// A break was added to the day, after `after` (at the start when `None`).
    BreakInserted {
        day: usize,
        after: Option<BlockId>,
        block: BlockId,
        minutes: u32,
    },
    /// The day ended: the running block finished, the blocks still to run did not run.
    DayFinished {
        day: usize,
    },
    /// A replan of the rest of a day was applied.
    Replanned {
        day: usize,
        changes: Vec<PlanChange>,
    },
    /// The programme file was edited and the session takes it for the days not yet run: they
    /// are rebuilt from it, with fresh block ids; the days that ran keep what they had.
    ProgrammeRevised {
        programme: Box<crate::programme::Programme>,
        /// The days that had run when it was taken (from 0), which keep their programme: said
        /// here so that a replay after an undo rebuilds the same days.
        #[serde(default)]
        ran: Vec<usize>,
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
    },
    TimerPaused {
        timer: TimerId,
    },
    TimerResumed {
        timer: TimerId,
    },
    /// A countdown got `seconds` more (fewer when negative).
    TimerAdjusted {
        timer: TimerId,
        seconds: i64,
    },
    TimerRestarted {
        timer: TimerId,
    },
    TimerDeleted {
        timer: TimerId,
    },
    /// A countdown reached its warning state or zero; announced once.
    ThresholdCrossed {
        target: Target,
        threshold: Threshold,
    },
    /// A block's cue was copied for broadcasting.
    CueSent {
        block: BlockId,
        cue: usize,
    },
    /// The roster was read again, from `source`: these people, and those the session had whom
    /// the file lacks, kept (in their rooms, under the names journaled) and marked as off the
    /// file.
    RosterImported {
        source: String,
        participants: Vec<Participant>,
    },
    /// Someone not on the roster joined (a walk-in), added from the console.
    WalkInAdded {
        participant: Participant,
    },
    /// A round of breakout groups was formed (replacing the current round, if any).
    GroupsFormed {
        day: usize,
        /// What the round is for, e.g. the exercise.
        label: String,
        strategy: Strategy,
        seed: u64,
        rooms: Vec<Room>,
        /// How the round compares with random assignment, as figured when it was formed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quality: Option<RoundQuality>,
    },
    /// Someone moved to another room of the current round (from none: a late joiner placed).
    ParticipantMoved {
        person: PersonKey,
        to: RoomIx,
    },
    /// Two people changed rooms with each other.
    ParticipantsSwapped {
        a: PersonKey,
        b: PersonKey,
    },
    /// Someone is away on a day (and leaves any room); or back.
    MarkedAbsent {
        person: PersonKey,
        day: usize,
    },
    MarkedPresent {
        person: PersonKey,
        day: usize,
    },
    RoomRenamed {
        room: RoomIx,
        name: String,
    },
    /// Who reports back for a room (nobody when `None`).
    RapporteurChosen {
        room: RoomIx,
        person: Option<PersonKey>,
    },
    /// The current round of groups was cleared.
    GroupsCleared {},
    /// Who attended a day, from a Zoom participants report: roster people by key with their
    /// minutes, and names the roster does not have.
    AttendanceImported {
        day: usize,
        source: String,
        present: Vec<(PersonKey, u32)>,
        unmatched: Vec<(String, u32)>,
    },
    /// Two people are to sit together (or apart) whenever groups are formed; `None` releases
    /// them.
    PairRuled {
        a: PersonKey,
        b: PersonKey,
        rule: Option<PairRule>,
    },
    /// A room of a round reached a step of an exercise.
    ProgressSet {
        exercise: String,
        round: RoundIx,
        room: RoomIx,
        progress: Progress,
    },
    /// A room's notes and outcome for an exercise (the whole text, replacing the last).
    NotesWritten {
        exercise: String,
        round: RoundIx,
        room: RoomIx,
        text: String,
    },
    /// A room was called to report back, with who speaks for it.
    ReportCalled {
        exercise: String,
        round: RoundIx,
        room: RoomIx,
        speaker: Option<PersonKey>,
    },
    /// The exercise and its report-back are over (a later block started, or the day ended)
    /// while a room was still flagged as needing help: the flag goes, and the room is back at
    /// `progress`, the step it had before it asked.
    HelpCleared {
        exercise: String,
        round: RoundIx,
        room: RoomIx,
        progress: Progress,
    },
    /// The facilitator took back an earlier action: the events of that batch no longer count.
    Undone {
        batch: usize,
    },
}

/// Who did something: the person at a seat, by the name the header shows; `clock` for what
/// the clock did (a countdown crossing a threshold).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Who(pub String);

impl Who {
    /// The lead facilitator at the console's own seat.
    pub fn lead() -> Who {
        Who("lead".to_string())
    }

    /// Time passing, not a person.
    pub fn clock() -> Who {
        Who("clock".to_string())
    }
}

impl Default for Who {
    fn default() -> Who {
        Who::lead()
    }
}

impl std::fmt::Display for Who {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An event as it was recorded: when it happened and who did it. Every event is stamped once,
/// when the session records it; the event itself says only what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamped {
    pub at: DateTime<Utc>,
    pub by: Who,
    pub event: Event,
}

impl Stamped {
    pub fn new(at: DateTime<Utc>, by: Who, event: Event) -> Stamped {
        Stamped { at, by, event }
    }

    /// Events stamped with one moment and one person: the batch of one action.
    pub fn all(
        events: impl IntoIterator<Item = Event>,
        at: DateTime<Utc>,
        by: &Who,
    ) -> Vec<Stamped> {
        events
            .into_iter()
            .map(|event| Stamped::new(at, by.clone(), event))
            .collect()
    }
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
            | Event::ProgrammeRevised { .. }
            | Event::CueSent { .. } => Domain::Agenda,
            Event::TimerStarted { .. }
            | Event::TimerPaused { .. }
            | Event::TimerResumed { .. }
            | Event::TimerAdjusted { .. }
            | Event::TimerRestarted { .. }
            | Event::TimerDeleted { .. }
            | Event::ThresholdCrossed { .. } => Domain::Timers,
            Event::RosterImported { .. }
            | Event::WalkInAdded { .. }
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
            Event::ProgressSet { .. }
            | Event::NotesWritten { .. }
            | Event::ReportCalled { .. }
            | Event::HelpCleared { .. } => Domain::Tracker,
            Event::Undone { .. } => Domain::Undo,
        }
    }
}

impl Event {
    /// Whether the event records something the facilitator did (and so can be undone), rather
    /// than something the clock did.
    pub fn is_facilitator_action(&self) -> bool {
        !matches!(
            self,
            Event::ThresholdCrossed { .. } | Event::Undone { .. } | Event::ProgrammeRevised { .. }
        )
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
