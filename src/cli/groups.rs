//! `convene groups --roster R`: a round of breakout groups formed from a roster, printed with
//! its quality against random assignment, and Zoom's pre-assignment CSV.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::inputs::{load_journal, read_roster};
use super::{Outcome, Stop, values};
use crate::core::forming::files::{PlanRow, plan_csv};
use crate::core::forming::{self, Size, Strategy};
use crate::core::groups::{
    FormedRound, RANDOM_SAMPLES, RoundError, RoundRequest, find_person, form_rooms, plan_rooms,
};
use crate::core::{PairRule, Round};
use crate::export::{self, Member, Room};
use crate::roster::{Participant, PersonKey};
use crate::sanitise::sayln;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The roster (convene's CSV or Zoom's registration report)
    #[arg(long, value_name = "FILE")]
    pub roster: PathBuf,
    /// How many groups
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "size",
        required_unless_present = "size",
        value_parser = values::count
    )]
    pub groups: Option<usize>,
    /// How many people per group
    #[arg(long, value_name = "N", value_parser = values::count)]
    pub size: Option<usize>,
    /// How to form them
    #[arg(long, value_enum, ignore_case = true, default_value_t = Strategy::Mixed)]
    pub strategy: Strategy,
    /// Journal file(s) or folder of the session: earlier rounds for `fresh` and `keep`
    #[arg(long, value_name = "JOURNAL")]
    pub history: Vec<PathBuf>,
    /// The same seed gives the same groups
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// People who are not there (email or name), repeatable
    #[arg(long, value_name = "WHO")]
    pub absent: Vec<String>,
    /// Two people to keep in the same group: `A,B` (emails or names), repeatable
    #[arg(long, value_name = "A,B", value_parser = values::two_people)]
    pub together: Vec<(String, String)>,
    /// Two people to keep in different groups: `A,B` (emails or names), repeatable
    #[arg(long, value_name = "A,B", value_parser = values::two_people)]
    pub apart: Vec<(String, String)>,
    /// Write Zoom's breakout-room pre-assignment CSV here
    #[arg(long, value_name = "FILE")]
    pub zoom_csv: Option<PathBuf>,
    /// How many rounds to plan at once (each avoiding the pairs of the ones before)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = values::count)]
    pub rounds: usize,
    /// Write the planned rounds here, one person a line:
    /// round,room,name,email,country,organisation,role
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// The planned round --zoom-csv writes (Zoom keeps one set of rooms a meeting)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = values::count)]
    pub zoom_round: usize,
}

/// Forms the round as the console would, prints it, and writes Zoom's file when asked.
pub fn run(args: &Args) -> Outcome {
    let (_, participants) = read_roster(&args.roster)?;
    // Someone named on the command line, by email or name: their roster key.
    let key = |option: &str, who: &str| -> Result<PersonKey, Stop> {
        find_person(&participants, who)
            .map(|i| participants[i].key())
            .ok_or_else(|| {
                Stop(format!(
                    "convene: --{option} {who}: nobody of that email or name on the roster"
                ))
            })
    };
    let absent: BTreeSet<PersonKey> = args
        .absent
        .iter()
        .map(|who| key("absent", who))
        .collect::<Result<_, _>>()?;
    let mut pairs = Vec::new();
    for (option, rule, list) in [
        ("together", PairRule::Together, &args.together),
        ("apart", PairRule::Apart, &args.apart),
    ] {
        for (a, b) in list {
            pairs.push((key(option, a)?, key(option, b)?, rule));
        }
    }
    let history = history(&args.history)?;
    let size = match (args.groups, args.size) {
        (Some(n), _) => Some(Size::Groups(n)),
        (None, Some(n)) => Some(Size::PerGroup(n)),
        (None, None) => None,
    };
    let request = RoundRequest {
        roster: &participants,
        size,
        strategy: args.strategy,
        seed: args.seed,
        history: &history,
        absent: &absent,
        pairs: &pairs,
    };
    if args.zoom_round > args.rounds {
        return Err(Stop(format!(
            "convene: --zoom-round {}: only {} round{} planned (--rounds)",
            args.zoom_round,
            args.rounds,
            if args.rounds == 1 { " is" } else { "s are" }
        )));
    }
    if args.rounds == 1 && args.csv.is_none() {
        let formed = form_rooms(&request).map_err(|e| Stop(refusal(e)))?;
        let rooms = named_rooms(&formed, &participants);
        crate::sanitise::print(&export::table(&rooms));
        print_quality(&formed, args, absent.len());
        if let Some(path) = &args.zoom_csv {
            write_zoom_csv(&rooms, path)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let planned = plan_rooms(&request, args.rounds).map_err(|e| Stop(refusal(e)))?;
    for (r, formed) in planned.iter().enumerate() {
        sayln!("Round {}", r + 1);
        crate::sanitise::print(&export::table(&named_rooms(formed, &participants)));
        sayln!("  {}", fresh_line(formed));
        sayln!();
    }
    let keys: Vec<PersonKey> = participants.iter().map(Participant::key).collect();
    let at: HashMap<&PersonKey, usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let as_ids = |rooms: &[crate::core::Room]| -> Vec<Vec<usize>> {
        rooms
            .iter()
            .map(|r| {
                r.members
                    .iter()
                    .filter_map(|k| at.get(k).copied())
                    .collect()
            })
            .collect()
    };
    let schedule: Vec<Vec<Vec<usize>>> = history
        .iter()
        .map(|r| as_ids(&r.rooms))
        .chain(planned.iter().map(|f| as_ids(&f.rooms)))
        .collect();
    let repeats = forming::repeats(&schedule);
    let earlier = if history.is_empty() {
        String::new()
    } else {
        format!(" and the {} earlier", history.len())
    };
    sayln!(
        "Repeat meetings over the {} planned rounds{earlier}: {} (lower bound {}); the most rounds a pair shares: {}",
        planned.len(),
        repeats.meetings,
        forming::lower_bound(&schedule),
        repeats.most
    );
    if let Some(path) = &args.csv {
        write_plan_csv(&planned, &participants, path)?;
    }
    if let Some(path) = &args.zoom_csv {
        let round = &planned[args.zoom_round - 1];
        sayln!("\nZoom's file is for round {}.", args.zoom_round);
        write_zoom_csv(&named_rooms(round, &participants), path)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A round's repeat meetings against the fewest it could have and the average of random
/// rounds.
pub fn fresh_line(formed: &FormedRound) -> String {
    format!(
        "repeat meetings this round {} (lower bound {}; random would give {:.0})",
        formed.quality.repeat_meetings.unwrap_or(0),
        formed.quality.repeat_lower_bound.unwrap_or(0),
        formed.random.repeat_meetings
    )
}

/// Writes the planned rounds, one person a line, private to the user.
fn write_plan_csv(
    planned: &[FormedRound],
    participants: &[Participant],
    path: &Path,
) -> Result<(), Stop> {
    let by_key: HashMap<PersonKey, &Participant> =
        participants.iter().map(|p| (p.key(), p)).collect();
    let mut rows = Vec::new();
    for (r, formed) in planned.iter().enumerate() {
        for room in &formed.rooms {
            for p in room.members.iter().filter_map(|k| by_key.get(k)) {
                rows.push(PlanRow {
                    round: r + 1,
                    room: room.name.clone(),
                    name: p.name.clone(),
                    email: p.email.clone(),
                    country: p.country.clone(),
                    organisation: p.organisation.clone(),
                    role: p.role.to_string(),
                });
            }
        }
    }
    let text = plan_csv(&rows).map_err(|e| Stop(format!("convene: {e}")))?;
    let full = export::write_private(path, text.as_bytes())
        .map_err(|e| Stop(format!("convene: cannot write {}: {e}", path.display())))?;
    sayln!(
        "\nWrote the {} planned rounds to {}.",
        planned.len(),
        full.display()
    );
    Ok(())
}

/// The session's rounds, from its journal, read without changing it.
fn history(paths: &[PathBuf]) -> Result<Vec<Round>, Stop> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let (loaded, workshop) = load_journal(paths)?;
    Ok(loaded.replay(Arc::new(workshop)).rounds)
}

/// Why no round was formed, in the command line's words.
fn refusal(e: RoundError) -> String {
    match e {
        RoundError::NothingToKeep => {
            "convene: --strategy keep needs --history with an earlier round".into()
        }
        RoundError::NoSize => "convene: say --groups N or --size N".into(),
        RoundError::NoRoster => format!("convene: {}", RoundError::NobodyPresent),
        other => format!("convene: {other}"),
    }
}

/// The rooms with their people as the roster has them.
fn named_rooms(formed: &FormedRound, participants: &[Participant]) -> Vec<Room> {
    let by_key: HashMap<PersonKey, &Participant> =
        participants.iter().map(|p| (p.key(), p)).collect();
    formed
        .rooms
        .iter()
        .map(|room| Room {
            name: room.name.clone(),
            members: room
                .members
                .iter()
                .filter_map(|k| by_key.get(k))
                .map(|p| Member {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    country: p.country.clone(),
                    rapporteur: false,
                })
                .collect(),
        })
        .collect()
}

/// The round in a line, then its figures beside the average of random assignments.
fn print_quality(formed: &FormedRound, args: &Args, absent: usize) {
    let (q, b) = (&formed.quality, &formed.random);
    sayln!(
        "\n{} groups of {}–{} · {} people ({absent} absent) · strategy {} · seed {}",
        formed.rooms.len(),
        q.smallest,
        q.largest,
        formed.present,
        args.strategy.name(),
        args.seed
    );
    sayln!("{}", fresh_line(formed));
    let random = format!("random (avg of {RANDOM_SAMPLES})");
    let w = random.len();
    sayln!("                          these groups   {random}");
    for (what, these, average) in [
        (
            "pairs who met before   ",
            q.repeated_pairs,
            b.repeated_pairs,
        ),
        (
            "same-country pairs     ",
            q.same_country_pairs,
            b.same_country_pairs,
        ),
        (
            "same-organisation pairs",
            q.same_organisation_pairs,
            b.same_organisation_pairs,
        ),
        (
            "one-country groups     ",
            q.single_country_groups,
            b.single_country_groups,
        ),
    ] {
        sayln!("  {what} {these:>12}   {average:>w$.1}");
    }
}

/// Writes Zoom's pre-assignment CSV, with its warnings and who to move by hand.
fn write_zoom_csv(rooms: &[Room], path: &Path) -> Result<(), Stop> {
    let export = export::zoom_csv(rooms).map_err(|e| Stop(format!("convene: {e}")))?;
    let full = export::write_private(path, export.csv.as_bytes())
        .map_err(|e| Stop(format!("convene: cannot write {}: {e}", path.display())))?;
    sayln!(
        "\nWrote {} for Zoom's breakout room pre-assignment.",
        full.display()
    );
    for w in &export.warnings {
        sayln!("Warning: {w}");
    }
    if !export.by_hand.is_empty() {
        sayln!("Move by hand in the meeting (Zoom cannot pre-assign them):");
        for h in &export.by_hand {
            sayln!("  {} → {} ({})", h.name, h.room, h.reason);
        }
    }
    Ok(())
}
