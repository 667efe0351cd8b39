//! convene: a keyboard-driven terminal console for running a live, multi-day online workshop.

// The console runs in front of a live audience: no unwrap that could take it down.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod app;
pub mod cli;
pub mod core;
pub mod effects;
pub mod export;
pub mod import;
pub mod journal;
pub mod keymap;
pub mod programme;
pub mod report;
pub mod roster;
pub mod runtime;
pub mod sanitise;
pub mod serve;
pub mod session;
pub(crate) mod tabular;
pub mod ui;
pub mod view;
