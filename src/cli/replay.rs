//! `convene replay JOURNAL`: the console, read-only, on a session's journal.

use std::path::PathBuf;
use std::sync::Arc;

use chrono_tz::Tz;

use super::inputs::load_journal;
use super::{Outcome, local_zone, on_screen, values};
use crate::runtime;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The journal file(s) of the session, or the folder that holds them
    #[arg(required = true)]
    pub journal: Vec<PathBuf>,
    /// Your own time zone for the local clock (IANA name)
    #[arg(long, value_name = "ZONE", value_parser = values::own_time_zone)]
    pub local_tz: Option<Tz>,
}

/// Reads the journal, leaving it as it is, and opens the console on it.
pub fn run(args: &Args) -> Outcome {
    let (loaded, workshop) = load_journal(&args.journal)?;
    on_screen(runtime::run_replay(
        Arc::new(workshop),
        loaded,
        local_zone(args.local_tz),
    ))
}
