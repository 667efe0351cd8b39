//! The command line: the arguments as clap reads them, typed (a bad value is refused before
//! anything runs), and one file per subcommand that takes them and prints. What a subcommand
//! does lives in the library (programme, journal, import, core, report, export); these files
//! only ask it and print.

mod agenda;
mod attendance;
mod check;
mod console;
mod groups;
mod inputs;
mod replay;
mod review;
mod roster;
mod serve;
pub mod values;

use std::io;
use std::process::ExitCode;

use chrono_tz::Tz;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};

use crate::app::LocalZone;
use crate::runtime;

/// Exit status for input with problems: a programme, roster or journal file, or an option.
pub const BAD_INPUT: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "convene",
    version,
    about = "A keyboard-driven console for running a live online workshop",
    long_about = "A keyboard-driven console for running a live online workshop.\n\n\
                  With no FILE, opens the built-in programme: the UCLG ASPAC Training of Trainers \
                  on Localizing the SDGs through Decentralized Cooperation (November 2021).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(flatten)]
    pub console: console::Args,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a programme file: print a summary and exit 0, or every problem and exit 2
    Check(check::Args),
    /// Write a review of a session from its journal: report.md and report.html
    Review(review::Args),
    /// Read participant lists: convene's roster CSV or Zoom's registration report
    Roster(roster::Args),
    /// Who attended, from a Zoom participants report: minutes per person, matched to a roster
    Attendance(attendance::Args),
    /// Form breakout groups from a roster, print them with their quality, write Zoom's CSV
    Groups(groups::Args),
    /// The agenda for participants: Markdown, a printable HTML page, a calendar file or a text
    Agenda(agenda::Args),
    /// Watch a session again from its journal, read-only, stepping through what happened
    Replay(replay::Args),
    /// Run the console and let co-facilitators and observers join it over SSH
    Serve(serve::Args),
}

/// A reason not to go on, already in words for the user.
pub struct Stop(pub String);

/// What a subcommand ends with: its exit status, or a reason to stop (exit status 2).
pub type Outcome = Result<ExitCode, Stop>;

/// The command line, or the exit status to end with when clap refused it (2) or answered
/// `--help` or `--version` (0). A bad value is said as every other problem with the input is,
/// `convene: --OPTION VALUE: what is wrong`; anything else as clap writes it.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        match bad_value(&e) {
            Some(line) => eprintln!("{line}"),
            None => {
                let _ = e.print();
            }
        }
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(BAD_INPUT))
    })
}

/// `convene: --tz Mars/Olympus: unknown time zone` for a value clap refused.
fn bad_value(e: &clap::Error) -> Option<String> {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    // Written `--tz <ZONE>`: the option's name is enough.
    let option = text(ContextKind::InvalidArg)?.split(' ').next()?;
    let value = text(ContextKind::InvalidValue)?;
    let why = match e.kind() {
        ErrorKind::ValueValidation => std::error::Error::source(e)?.to_string(),
        ErrorKind::InvalidValue => match e.get(ContextKind::ValidValue) {
            Some(ContextValue::Strings(good)) => format!("expected {}", one_of(good)),
            _ => return None,
        },
        _ => return None,
    };
    Some(format!("convene: {option} {value}: {why}"))
}

/// `a, b or c`.
fn one_of(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Runs the subcommand asked for, or the console, and says why it stopped if it did.
pub fn dispatch(cli: Cli) -> ExitCode {
    if !matches!(
        cli.command,
        None | Some(Command::Replay(_)) | Some(Command::Serve(_))
    ) {
        end_quietly_on_a_closed_pipe();
    }
    let outcome = match &cli.command {
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Review(args)) => review::run(args),
        Some(Command::Roster(args)) => roster::run(args),
        Some(Command::Attendance(args)) => attendance::run(args),
        Some(Command::Groups(args)) => groups::run(args),
        Some(Command::Agenda(args)) => agenda::run(args),
        Some(Command::Replay(args)) => replay::run(args),
        Some(Command::Serve(args)) => serve::run(args),
        None => console::run(&cli.console),
    };
    match outcome {
        Ok(code) => code,
        Err(Stop(message)) => {
            eprintln!("{}", crate::sanitise::sanitise(&message));
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// What a subcommand prints may be read by a program that stops early (`convene groups … |
/// head`): the write that finds the pipe closed then ends convene quietly, as it does other
/// command-line tools, where it would panic with a message. Rust programs ignore SIGPIPE;
/// its default is put back here. Not for the console, whose output is the terminal.
fn end_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    {
        use nix::sys::signal::{SigHandler, Signal, signal};
        // SAFETY: puts back the signal's default disposition; no handler of ours runs, and no
        // other thread has started yet.
        let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
    }
}

/// The clock shown as yours: a named zone, else the system's.
fn local_zone(tz: Option<Tz>) -> LocalZone {
    tz.map_or(LocalZone::System, LocalZone::Named)
}

/// How a session on screen ended. An error gives the terminal back first; a problem with the
/// input found once the screen was open (a `--match` that names nobody) exits 2 as any other
/// bad input, anything else 1.
fn on_screen(result: io::Result<()>) -> Outcome {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            runtime::restore();
            eprintln!("convene: {e}");
            Ok(if e.kind() == io::ErrorKind::InvalidInput {
                ExitCode::from(BAD_INPUT)
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
