//! The `convene` binary: reads the command line and hands it to the library's
//! [`convene::cli::dispatch`], which runs the subcommand (or the console) and gives the exit
//! status. The terminal's restore-on-panic hook is installed where the screen is taken
//! (`runtime`), so that a refusal before the screen opens is printed to the shell as it is.

use std::process::ExitCode;

fn main() -> ExitCode {
    match convene::cli::parse() {
        Ok(cli) => convene::cli::dispatch(cli),
        Err(refused) => refused,
    }
}
