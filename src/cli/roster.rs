//! `convene roster import FILE...`: what roster files hold, merged, written only on request.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{BAD_INPUT, Outcome, Stop};
use crate::roster;
use crate::sanitise::sayln;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Read roster files and show what they hold: rows read, rows refused (with line and
    /// reason), duplicates. Nothing is changed unless --write is given.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// convene roster CSVs or Zoom registration reports
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the people read, merged, as one convene roster CSV
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
}

pub fn run(args: &Args) -> Outcome {
    match &args.command {
        Command::Import(import) => run_import(&import.files, import.write.as_deref()),
    }
}

/// Prints what each file holds and what it refused; exits 2 when any row was refused or
/// duplicated.
fn run_import(files: &[PathBuf], write: Option<&Path>) -> Outcome {
    let mut everyone = roster::Merged::default();
    let mut problems = 0;
    for file in files {
        let name = file.display().to_string();
        let import = crate::import::load_people(file).map_err(|e| Stop(e.to_string()))?;
        sayln!(
            "{name}: {} row(s) read, {} refused, {} duplicate(s)",
            import.roster.len(),
            import.refused.len(),
            import.duplicates.len()
        );
        for r in &import.refused {
            sayln!("  {name}:{}: refused: {}", r.line, r.reason);
        }
        for (line, what) in &import.duplicates {
            sayln!("  {name}:{line}: duplicate: {what}");
        }
        problems += import.refused.len() + import.duplicates.len();
        for p in import.roster.participants {
            if let Some(p) = everyone.add(p) {
                sayln!(
                    "  {name}: {} is already in an earlier file; kept once",
                    p.name
                );
            }
        }
    }
    let roster = everyone.into_roster();
    let countries: Vec<String> = roster
        .countries()
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    sayln!("{} people · {}", roster.len(), countries.join(" · "));
    match write {
        None => sayln!("Nothing written (add --write FILE to save them as one roster)."),
        Some(path) => {
            let text = roster::to_csv(&roster).map_err(|e| Stop(format!("convene: {e}")))?;
            let full = crate::export::write_private(path, text.as_bytes())
                .map_err(|e| Stop(format!("convene: cannot write {}: {e}", path.display())))?;
            sayln!("Wrote {}", full.display());
        }
    }
    Ok(if problems > 0 {
        ExitCode::from(BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}
