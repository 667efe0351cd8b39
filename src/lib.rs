//! convene: a keyboard-driven terminal console for running a live, multi-day online workshop.

pub mod app;
pub mod cli;
pub mod core;
pub mod keymap;
pub mod programme;
pub mod runtime;
pub mod ui;
