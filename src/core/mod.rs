//! The state machine: what the console knows and how it changes. No I/O, no clock, no terminal:
//! time enters only as an argument, so live use, tests and replay run the same code.

mod action;
mod agenda;
mod describe;
mod event;
pub mod forming;
pub mod groups;
pub mod replan;
pub mod revision;
mod roles;
mod state;
mod timers;
mod tracker;
mod undo;
mod update;

pub use crate::roster::PersonKey;
pub use action::Action;
pub use describe::describe;
pub use event::{
    Event, PairRule, PlanChange, Progress, Room, RoundQuality, Stamped, Target, Threshold,
    TimerKind, Who,
};
pub use forming::{Size, Strategy};
pub use groups::{Absences, GroupSpec, Round};
pub use replan::{Replan, RunningAssumption, RunningEnds, propose as propose_replan};
pub use roles::Role;
pub use state::{
    Alerts, Attendance, Batch, BlockId, BlockState, BlockStatus, DayEnd, DayState, Phase, RoomIx,
    RoundIx, State, Timer, TimerId, warning_at,
};
pub use tracker::{
    DEFAULT_REPORT_MINUTES, RoomProgress, ShortReportBack, Tracker, report_minutes,
    short_report_back, tracked_exercise, turn_minutes,
};
pub use update::{Refusal, update};
