//! `convene check FILE`: a programme's summary and what it warns of, or every problem in it.
//! What it prints passes through [`crate::sanitise`]: a programme's text never reaches the
//! terminal as control characters.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Outcome, Stop};
use crate::programme;
use crate::sanitise::{self, sanitise};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The programme file to check
    pub file: PathBuf,
}

/// Prints the days, blocks, planned time and exercises, then what it warns of (on the
/// standard error, as `file:line:column: path: warning: …`); or every problem, and exits 2.
pub fn run(args: &Args) -> Outcome {
    match programme::load_checked(&args.file) {
        Ok(checked) => {
            sanitise::print(&programme::summary(&checked.workshop));
            let file = &checked.workshop.source_name;
            for i in &checked.inferred {
                let line = format!("{file}:{}:{}: {}: {}", i.line, i.column, i.path, i.message);
                println!("{}", sanitise(&line));
            }
            let n = programme::count(&checked.warnings);
            if n > 0 {
                for w in &checked.warnings {
                    let at = if w.path.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", w.path)
                    };
                    let line =
                        format!("{file}:{}:{}: {at}warning: {}", w.line, w.column, w.message);
                    eprintln!("{}", sanitise(&line));
                }
                eprintln!("{n} warning{}", if n == 1 { "" } else { "s" });
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let n = programme::count(&e.problems);
            let message = format!("{e}\n{n} problem{} found", if n == 1 { "" } else { "s" });
            Err(Stop(sanitise(&message).into_owned()))
        }
    }
}
