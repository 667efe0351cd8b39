//! `convene serve`: the console, with co-facilitators and observers joining over SSH.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Outcome, Stop, console, on_screen};
use crate::runtime;
use crate::serve::{self, Serving};

#[derive(Debug, clap::Args)]
#[group(id = "serve")]
pub struct Args {
    #[command(flatten)]
    pub console: console::Args,

    /// Where to listen for SSH connections (default: this machine only)
    #[arg(long, value_name = "ADDR:PORT", default_value = serve::DEFAULT_LISTEN)]
    pub listen: SocketAddr,

    /// No console at this terminal: everyone, the lead too, joins over SSH (for a server)
    #[arg(long)]
    pub headless: bool,

    /// People let in by their SSH key: OpenSSH's authorized_keys format, each line
    /// `role=lead|cofac|observer KEYTYPE KEY NAME`
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,

    /// A folder whose files people over SSH may have the host read (rooms planned ahead,
    /// Zoom's files); none by default
    #[arg(long, value_name = "DIR")]
    pub share: Vec<PathBuf>,

    /// Your name, as the header shows it to everyone (default: your user name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

pub fn run(args: &Args) -> Outcome {
    if !args.headless
        && let Err(e) = runtime::require_terminal()
    {
        eprintln!("convene: {e} (or serve with --headless)");
        return Ok(ExitCode::FAILURE);
    }
    let keys = match &args.authorized_keys {
        Some(path) => serve::access::read_authorized_keys(path)
            .map_err(|e| Stop(format!("convene: --authorized-keys {e}")))?,
        None => Vec::new(),
    };
    for dir in &args.share {
        if !dir.is_dir() {
            return Err(Stop(format!(
                "convene: --share {}: not a folder",
                dir.display()
            )));
        }
    }
    let data_dir = directories::ProjectDirs::from("org", "convene", "convene")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| Stop("convene: no data folder for the host key (set HOME)".into()))?;
    let console::Prepared {
        workshop,
        options,
        lock: _lock,
    } = console::prepare(&args.console)?;
    let lead_name = args
        .name
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "lead".into());
    let serving = Serving {
        listen: args.listen,
        headless: args.headless,
        keys,
        data_dir,
        lead_name,
        share: args.share.clone(),
    };
    on_screen(runtime::serve(workshop, options, serving))
}
