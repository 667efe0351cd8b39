//! `convene review JOURNAL [-o DIR]`: the session's review, as report.md and report.html.

use std::path::PathBuf;
use std::process::ExitCode;

use super::inputs::load_journal;
use super::{Outcome, Stop};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The journal file(s) of the session, or the folder that holds them
    #[arg(required = true)]
    pub journal: Vec<PathBuf>,
    /// Where to write the report
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// The share of the planned time a certificate needs, e.g. 80%: the workshop's totals
    /// then say who earns one
    #[arg(long, value_name = "SHARE", value_parser = super::values::percent)]
    pub certificate: Option<u32>,
}

/// Writes the review and prints the two files' paths.
pub fn run(args: &Args) -> Outcome {
    let (loaded, _) = load_journal(&args.journal)?;
    let report =
        crate::report::build_with(&loaded, args.certificate).map_err(|e| Stop(e.to_string()))?;
    let (md, html) = crate::report::write(&report, &args.out).map_err(|e| {
        Stop(format!(
            "convene: cannot write the report to {}: {e}",
            args.out.display()
        ))
    })?;
    println!("{}\n{}", md.display(), html.display());
    Ok(ExitCode::SUCCESS)
}
