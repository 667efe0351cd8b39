//! `convene agenda [FILE] [--day N] --format md|html|ics|txt [-o FILE]`: the run-of-show for
//! participants, from the programme.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Outcome, Stop, values};
use crate::export::agenda::{self, Format, Options};
use crate::programme;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A programme file (sessions/*.json); the built-in one without it
    pub file: Option<PathBuf>,
    /// Only this day, counted from 1
    #[arg(long, value_name = "N", value_parser = values::day_number)]
    pub day: Option<u16>,
    /// What to write
    #[arg(long, value_enum)]
    pub format: Format,
    /// In a calendar, an event for each block as well as each day's
    #[arg(long)]
    pub blocks: bool,
    /// Write to FILE instead of printing
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Prints the agenda, or writes it to a file and says where.
pub fn run(args: &Args) -> Outcome {
    let workshop = match &args.file {
        Some(path) => programme::load(path),
        None => programme::default_workshop(),
    }
    .map_err(|e| Stop(e.to_string()))?;
    let day = args.day.map(|d| usize::from(d) - 1);
    if let Some(d) = day
        && d >= workshop.days().len()
    {
        return Err(Stop(format!(
            "convene: --day {}: the programme has {} day(s)",
            d + 1,
            workshop.days().len()
        )));
    }
    if args.blocks && args.format != Format::Ics {
        return Err(Stop(
            "convene: --blocks: only a calendar (--format ics) has an event per block".into(),
        ));
    }
    let text = agenda::agenda(
        &workshop,
        args.format,
        Options {
            day,
            blocks: args.blocks,
            stamp: chrono::Utc::now(),
        },
    );
    match &args.out {
        None => {
            // A calendar's lines end CRLF, as RFC 5545 has them; it holds no other control
            // character, since a programme's text may hold none. Every other format passes
            // the sanitiser.
            let printed = match args.format {
                Format::Ics => std::borrow::Cow::Borrowed(text.as_str()),
                _ => crate::sanitise::sanitise(&text),
            };
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(printed.as_bytes());
        }
        Some(path) => {
            std::fs::write(path, text.as_bytes())
                .map_err(|e| Stop(format!("convene: cannot write {}: {e}", path.display())))?;
            let full = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            println!("{}", crate::sanitise::sanitise(&full.display().to_string()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
