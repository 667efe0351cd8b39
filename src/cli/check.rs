//! `convene check FILE`: a programme's summary, or every problem in it.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Outcome, Stop};
use crate::programme;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The programme file to check
    pub file: PathBuf,
}

/// Prints the days, blocks, planned time and exercises; or every problem, and exits 2.
pub fn run(args: &Args) -> Outcome {
    match programme::load(&args.file) {
        Ok(workshop) => {
            print!("{}", programme::summary(&workshop));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let n = e.problems.len();
            Err(Stop(format!(
                "{e}\n{n} problem{} found",
                if n == 1 { "" } else { "s" }
            )))
        }
    }
}
