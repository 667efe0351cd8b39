//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    /// A programme file (sessions/*.json) to open instead of the built-in one
    pub file: Option<PathBuf>,

    /// Your own time zone for the local clock (IANA name, e.g. Asia/Manila); default: the system's
    #[arg(long, value_name = "ZONE")]
    pub local_tz: Option<String>,

    /// The participant roster (convene's CSV: name,email,organisation,city,country,time_zone,role;
    /// or Zoom's registration report)
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,

    /// A Zoom participants report of the day opened: who attended, recorded in the journal
    #[arg(long, value_name = "REPORT")]
    pub attendance: Option<PathBuf>,

    /// With --attendance, match by hand: `NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER`
    #[arg(
        long = "match",
        value_name = "REPORTED=ROSTER",
        requires = "attendance"
    )]
    pub matches: Vec<String>,

    /// Open on this day (1 = the first day); default: today's workshop day, else the next one
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub day: Option<u16>,

    /// Rehearse: run the day on a simulated clock from its planned start (or --at)
    #[arg(long)]
    pub rehearse: bool,

    /// With --rehearse: start the simulated clock at this time (HH:MM, workshop time zone)
    #[arg(long, value_name = "HH:MM", requires = "rehearse")]
    pub at: Option<String>,

    /// With --rehearse: how many times faster than real time the clock runs
    #[arg(long, value_name = "X", default_value_t = 1.0, requires = "rehearse")]
    pub speed: f64,

    /// The journal file to keep the session in (default: a file per workshop and day in your
    /// data folder; a rehearsal keeps none unless given one)
    #[arg(long, value_name = "FILE", conflicts_with = "no_journal")]
    pub journal: Option<PathBuf>,

    /// Keep no journal: a try-out that leaves no trace and resumes nothing
    #[arg(long)]
    pub no_journal: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a programme file: print a summary and exit 0, or every problem and exit 2
    Check {
        /// The programme file to check
        file: PathBuf,
    },
    /// Write a review of a session from its journal: report.md and report.html
    Review {
        /// The journal file(s) of the session, or the folder that holds them
        #[arg(required = true)]
        journal: Vec<PathBuf>,
        /// Where to write the report
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// Read participant lists: convene's roster CSV or Zoom's registration report
    Roster {
        #[command(subcommand)]
        command: RosterCommand,
    },
    /// Who attended, from a Zoom participants report: minutes per person, matched to a roster
    Attendance {
        /// The Zoom participants report (CSV)
        report: PathBuf,
        /// Match the people to this roster (convene's CSV or Zoom's registration report)
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// The Zoom account's time zone, in which the report's times are written
        #[arg(long, value_name = "ZONE", default_value = "Asia/Jakarta")]
        tz: String,
        /// How the report writes dates: auto, month-first (11/08/2021) or day-first (08/11/2021)
        #[arg(long, value_name = "ORDER", default_value = "auto")]
        dates: String,
        /// Match by hand: `NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER`, repeatable
        #[arg(long = "match", value_name = "REPORTED=ROSTER")]
        matches: Vec<String>,
    },
    /// Form breakout groups from a roster, print them with their quality, write Zoom's CSV
    Groups {
        /// The roster (convene's CSV or Zoom's registration report)
        #[arg(long, value_name = "FILE")]
        roster: PathBuf,
        /// How many groups
        #[arg(
            long,
            value_name = "N",
            conflicts_with = "size",
            required_unless_present = "size"
        )]
        groups: Option<usize>,
        /// How many people per group
        #[arg(long, value_name = "N")]
        size: Option<usize>,
        /// random, mixed, fresh or keep
        #[arg(long, default_value = "mixed")]
        strategy: String,
        /// Journal file(s) or folder of the session: earlier rounds for `fresh` and `keep`
        #[arg(long, value_name = "JOURNAL")]
        history: Vec<PathBuf>,
        /// The same seed gives the same groups
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// People who are not there (email or name), repeatable
        #[arg(long, value_name = "WHO")]
        absent: Vec<String>,
        /// Two people to keep in the same group: `A,B` (emails or names), repeatable
        #[arg(long, value_name = "A,B")]
        together: Vec<String>,
        /// Two people to keep in different groups: `A,B` (emails or names), repeatable
        #[arg(long, value_name = "A,B")]
        apart: Vec<String>,
        /// Write Zoom's breakout-room pre-assignment CSV here
        #[arg(long, value_name = "FILE")]
        zoom_csv: Option<PathBuf>,
    },
    /// Watch a session again from its journal, read-only, stepping through what happened
    Replay {
        /// The journal file(s) of the session, or the folder that holds them
        #[arg(required = true)]
        journal: Vec<PathBuf>,
        /// Your own time zone for the local clock (IANA name)
        #[arg(long, value_name = "ZONE")]
        local_tz: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Read roster files and show what they hold: rows read, rows refused (with line and
    /// reason), duplicates. Nothing is changed unless --write is given.
    Import {
        /// convene roster CSVs or Zoom registration reports
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the people read, merged, as one convene roster CSV
        #[arg(long, value_name = "FILE")]
        write: Option<PathBuf>,
    },
}
