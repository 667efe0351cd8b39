use super::{BlockId, PlanChange, RoomIx, TimerId};
use crate::roster::PersonKey;

/// What a facilitator asks for. An action may be refused; if accepted it yields events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Start this block now, finishing whichever block is running.
    StartBlock(BlockId),
    /// Finish the running block (if any) and start the next block still to run on `day`.
    Next {
        day: usize,
    },
    /// Give the running block this many minutes more (fewer when negative).
    ExtendRunning {
        minutes: i32,
    },
    /// Skip a block still to run, or bring back a skipped one.
    ToggleSkip(BlockId),
    /// Move a block still to run up (negative) or down among the blocks still to run.
    Move {
        block: BlockId,
        by: i32,
    },
    /// Insert a break after this block (at the start of the day when `None`).
    InsertBreak {
        day: usize,
        after: Option<BlockId>,
        minutes: u32,
    },
    /// End the day: finish the running block; what did not run is marked as not run.
    FinishDay {
        day: usize,
    },
    /// Apply a replan's changes.
    Replan {
        day: usize,
        changes: Vec<PlanChange>,
    },
    /// Start a named countdown of `seconds`, or a stopwatch when `None`.
    StartTimer {
        label: String,
        seconds: Option<u32>,
    },
    PauseResume(TimerId),
    AdjustTimer {
        timer: TimerId,
        seconds: i64,
    },
    RestartTimer(TimerId),
    DeleteTimer(TimerId),
    /// Copy the running block's earliest due cue for broadcasting.
    SendCue,
    /// Time passed: announce thresholds crossed since the last tick.
    Tick,
    /// Take back this person's last action, when nobody has built on it since.
    Undo(super::Who),
    /// Move someone of the current round this many rooms on (back when negative).
    MovePerson {
        person: PersonKey,
        by: i32,
    },
    /// Two people change rooms.
    Swap {
        a: PersonKey,
        b: PersonKey,
    },
    /// Mark someone away on a day (they leave their room), or back.
    ToggleAbsent {
        person: PersonKey,
        day: usize,
    },
    /// Put someone who is in no room (a late joiner) into the smallest room.
    PlaceLate {
        person: PersonKey,
    },
    /// Add someone who is not on the roster (a walk-in): a name, and a country and an email
    /// when known.
    AddWalkIn {
        name: String,
        country: Option<String>,
        email: Option<String>,
    },
    /// Make someone the rapporteur of their room (again: nobody).
    Rapporteur {
        person: PersonKey,
    },
    RenameRoom {
        room: RoomIx,
        name: String,
    },
    ClearGroups,
    /// Move a room a step on (back when `forward` is false) in an exercise.
    StepProgress {
        exercise: String,
        room: RoomIx,
        forward: bool,
    },
    /// A room asks for help, or has been helped.
    RoomNeedsHelp {
        exercise: String,
        room: RoomIx,
    },
    /// A room that asked for help in an exercise of any round has been helped: its flag goes,
    /// also after the exercise's block ended.
    Helped {
        exercise: String,
        round: super::RoundIx,
        room: RoomIx,
    },
    /// Keep a room's notes and outcome for an exercise.
    WriteNotes {
        exercise: String,
        room: RoomIx,
        text: String,
    },
    /// The room reporting back is done; call the next one, with a speaking timer.
    CallNextReport {
        exercise: String,
    },
    /// Keep two people together or apart from now on; the same rule again releases them.
    RulePair {
        a: PersonKey,
        b: PersonKey,
        rule: super::PairRule,
    },
    /// Form a round of groups from those present on `day`.
    FormGroups {
        day: usize,
        label: String,
        spec: super::GroupSpec,
        seed: u64,
    },
}
