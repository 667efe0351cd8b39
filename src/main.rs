use std::process::ExitCode;

use clap::Parser;

use convene::app::LocalZone;
use convene::cli::{Cli, Command};
use convene::programme;
use convene::runtime;

/// Exit status for a programme file with problems.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { file }) => match programme::load(&file) {
            Ok(workshop) => {
                print!("{}", programme::summary(&workshop));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                let n = e.problems.len();
                eprintln!("{n} problem{} found", if n == 1 { "" } else { "s" });
                ExitCode::from(BAD_INPUT)
            }
        },
        None => {
            let local_zone = match cli.local_tz.as_deref().map(str::parse) {
                None => LocalZone::System,
                Some(Ok(tz)) => LocalZone::Named(tz),
                Some(Err(_)) => {
                    eprintln!(
                        "convene: --local-tz: unknown time zone \"{}\": expected an IANA name such as Asia/Manila",
                        cli.local_tz.unwrap_or_default()
                    );
                    return ExitCode::from(BAD_INPUT);
                }
            };
            let workshop = match &cli.file {
                Some(path) => programme::load(path),
                None => programme::default_workshop(),
            };
            let workshop = match workshop {
                Ok(w) => w,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(BAD_INPUT);
                }
            };
            let days = workshop.days().len();
            let day = match cli.day.map(usize::from) {
                Some(n) if n > days => {
                    eprintln!(
                        "convene: --day {n}: {} has {days} day{}",
                        workshop.source_name,
                        if days == 1 { "" } else { "s" }
                    );
                    return ExitCode::from(BAD_INPUT);
                }
                other => other.map(|n| n - 1),
            };
            match runtime::run(workshop, runtime::Options { local_zone, day }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    runtime::restore();
                    eprintln!("convene: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
