//! The state machine: what the console knows and how it changes. No I/O, no clock, no terminal:
//! time enters only as an argument, so live use, tests and replay run the same code.

mod action;
mod event;
mod state;
mod update;

pub use action::Action;
pub use event::Event;
pub use state::{BlockId, BlockState, BlockStatus, DayState, State};
pub use update::{Refusal, update};
