use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use convene::app::LocalZone;
use convene::cli::{Cli, Command, RosterCommand};
use convene::journal;
use convene::programme::{self, Workshop};
use convene::roster::{self, Participant};
use convene::runtime;

/// Exit status for input with problems: a programme, roster or journal file, or an option.
const BAD_INPUT: u8 = 2;

/// A reason not to go on, already in words for the user.
struct Stop(String);

type Outcome = Result<ExitCode, Stop>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Check { ref file }) => check(file),
        Some(Command::Review {
            ref journal,
            ref out,
        }) => review(journal, out),
        Some(Command::Roster {
            command:
                RosterCommand::Import {
                    ref files,
                    ref write,
                },
        }) => roster_import(files, write.as_deref()),
        Some(Command::Attendance {
            ref report,
            ref roster,
            ref tz,
            ref dates,
            ref matches,
        }) => attendance(report, roster.as_deref(), tz, dates, matches),
        Some(Command::Groups {
            ref roster,
            groups,
            size,
            ref strategy,
            ref history,
            seed,
            ref absent,
            ref together,
            ref apart,
            ref zoom_csv,
        }) => groups_command(GroupsArgs {
            roster,
            groups,
            size,
            strategy,
            history,
            seed,
            absent,
            together,
            apart,
            zoom_csv: zoom_csv.as_deref(),
        }),
        Some(Command::Replay {
            ref journal,
            ref local_tz,
        }) => replay(journal, local_tz.as_deref()),
        None => console(&cli),
    };
    match outcome {
        Ok(code) => code,
        Err(Stop(message)) => {
            eprintln!("{message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn check(file: &Path) -> Outcome {
    match programme::load(file) {
        Ok(workshop) => {
            print!("{}", programme::summary(&workshop));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let n = e.problems.len();
            Err(Stop(format!(
                "{e}\n{n} problem{} found",
                if n == 1 { "" } else { "s" }
            )))
        }
    }
}

fn local_zone(name: Option<&str>) -> Result<LocalZone, Stop> {
    match name {
        None => Ok(LocalZone::System),
        Some(n) => n.parse().map(LocalZone::Named).map_err(|_| {
            Stop(format!(
                "convene: --local-tz: unknown time zone \"{n}\": expected an IANA name such as Asia/Manila"
            ))
        }),
    }
}

/// The journal files named on the command line: files as they are, folders by their days.
fn journal_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .flat_map(|p| {
            if p.is_dir() {
                journal::day_files(p)
            } else {
                vec![p.clone()]
            }
        })
        .collect()
}

/// Reads a journal without changing it (review, replay, history).
fn load_journal(paths: &[PathBuf]) -> Result<(journal::Loaded, Workshop), Stop> {
    load_journal_with(paths, journal::read)
}

type Reader = fn(&[PathBuf]) -> Result<Option<journal::Loaded>, journal::JournalError>;

fn load_journal_with(paths: &[PathBuf], read: Reader) -> Result<(journal::Loaded, Workshop), Stop> {
    let files = journal_files(paths);
    let loaded = read(&files)
        .map_err(|e| Stop(e.to_string()))?
        .ok_or_else(|| Stop("convene: no journal file found there".into()))?;
    let workshop = loaded.workshop().map_err(|e| Stop(e.to_string()))?;
    for torn in &loaded.torn {
        eprintln!("{}: {}", torn.file.display(), torn.describe());
    }
    Ok((loaded, workshop))
}

fn review(paths: &[PathBuf], out: &Path) -> Outcome {
    let (loaded, _) = load_journal(paths)?;
    let report = convene::report::build(&loaded).map_err(|e| Stop(e.to_string()))?;
    let (md, html) = convene::report::write(&report, out).map_err(|e| {
        Stop(format!(
            "convene: cannot write the report to {}: {e}",
            out.display()
        ))
    })?;
    println!("{}\n{}", md.display(), html.display());
    Ok(ExitCode::SUCCESS)
}

fn replay(paths: &[PathBuf], zone: Option<&str>) -> Outcome {
    let local_zone = local_zone(zone)?;
    let (loaded, workshop) = load_journal(paths)?;
    run(runtime::run_replay(Arc::new(workshop), loaded, local_zone))
}

fn run(result: std::io::Result<()>) -> Outcome {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            runtime::restore();
            eprintln!("convene: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn console(cli: &Cli) -> Outcome {
    let local_zone = local_zone(cli.local_tz.as_deref())?;
    let workshop = match &cli.file {
        Some(path) => programme::load(path),
        None => programme::default_workshop(),
    }
    .map_err(|e| Stop(e.to_string()))?;
    let days = workshop.days().len();
    let day = match cli.day.map(usize::from) {
        Some(n) if n > days => {
            return Err(Stop(format!(
                "convene: --day {n}: {} has {days} day{}",
                workshop.source_name,
                if days == 1 { "" } else { "s" }
            )));
        }
        other => other.map(|n| n - 1),
    };
    let roster = cli.roster.as_deref().map(read_roster).transpose()?;
    let rehearse = if cli.rehearse {
        Some(
            rehearsal_start(&workshop, day.unwrap_or(0), cli.at.as_deref(), cli.speed)
                .map_err(|m| Stop(format!("convene: {m}")))?,
        )
    } else {
        None
    };
    let day = if rehearse.is_some() {
        Some(day.unwrap_or(0))
    } else {
        day
    };

    // The journal: the one given, else a file per day in the workshop's folder; a rehearsal
    // keeps none unless given one.
    let journal_day = day.unwrap_or_else(|| workshop.day_for(chrono::Utc::now()));
    let (journal, existing) = match (&cli.journal, rehearse.is_some() || cli.no_journal) {
        (Some(path), _) => (Some(path.clone()), vec![path.clone()]),
        (None, true) => (None, Vec::new()),
        (None, false) => match journal::default_dir(&workshop) {
            Some(dir) => (
                Some(dir.join(format!("day-{}.jsonl", journal_day + 1))),
                journal::day_files(&dir),
            ),
            None => (None, Vec::new()),
        },
    };
    let existing: Vec<PathBuf> = existing.into_iter().filter(|p| p.exists()).collect();
    let mut notices = Vec::new();
    let (resume, workshop) = if existing.is_empty() {
        (None, workshop)
    } else {
        // The console appends to this journal: a torn end is moved aside first.
        let (loaded, journaled) = load_journal_with(&existing, journal::recover)?;
        if journaled.programme != workshop.programme {
            notices.push(
                "the programme file changed since the journal began; the session goes on with the programme as journaled"
                    .to_string(),
            );
        }
        (Some(loaded), journaled)
    };

    let attendance = match &cli.attendance {
        None => None,
        Some(path) => {
            let read = convene::import::load_participants(
                path,
                workshop.tz,
                convene::import::DateOrder::Auto,
            )
            .map_err(|e| Stop(e.to_string()))?;
            if !read.refused.is_empty() {
                let lines: Vec<String> = read
                    .refused
                    .iter()
                    .map(|r| format!("{}:{}: {}", path.display(), r.line, r.reason))
                    .collect();
                return Err(Stop(format!(
                    "{}\nfix the rows above, or see them with `convene attendance`",
                    lines.join("\n")
                )));
            }
            Some(runtime::AttendanceReport {
                source: path.display().to_string(),
                people: convene::import::merge(&read),
                by_hand: match_pairs(&cli.matches)?,
            })
        }
    };
    let options = runtime::Options {
        local_zone,
        day,
        roster,
        rehearse,
        journal,
        resume,
        replay: None,
        attendance,
        notices,
    };
    run(runtime::run(workshop, options))
}

/// Reads a roster for the console. Rows that cannot be read are not skipped silently: they are
/// listed with their line, and the console does not open until the file is fixed.
fn read_roster(path: &Path) -> Result<(String, Vec<Participant>), Stop> {
    let name = path.display().to_string();
    let import = convene::import::load_people(path).map_err(|e| Stop(e.to_string()))?;
    if import.refused.is_empty() && import.duplicates.is_empty() {
        return Ok((name, import.roster.participants));
    }
    let mut lines: Vec<(usize, String)> = import
        .refused
        .iter()
        .map(|r| (r.line, r.reason.clone()))
        .chain(
            import
                .duplicates
                .iter()
                .map(|(line, what)| (*line, format!("duplicate: {what}"))),
        )
        .collect();
    lines.sort();
    let mut out: Vec<String> = lines
        .iter()
        .map(|(line, reason)| format!("{name}:{line}: {reason}"))
        .collect();
    out.push(format!(
        "{} row(s) read, {} not: fix the rows above and start again",
        import.roster.len(),
        lines.len()
    ));
    Err(Stop(out.join("\n")))
}

/// Where a rehearsal's clock starts: the day's planned start, or `--at` on that day.
fn rehearsal_start(
    workshop: &Workshop,
    day: usize,
    at: Option<&str>,
    speed: f64,
) -> Result<(chrono::DateTime<chrono::Utc>, f64), String> {
    if !(speed.is_finite() && (0.1..=3600.0).contains(&speed)) {
        return Err(format!(
            "--speed {speed}: expected a number from 0.1 to 3600"
        ));
    }
    let start = match at {
        None => workshop.day_start(day),
        Some(text) => {
            let time = chrono::NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
                format!("--at {text}: expected a time as HH:MM (24-hour, e.g. 14:30)")
            })?;
            workshop
                .day(day)
                .map(|d| programme::local_instant(workshop.tz, d.date.and_time(time)))
        }
    };
    start
        .map(|s| (s, speed))
        .ok_or_else(|| format!("the programme has no day {}", day + 1))
}

/// `convene roster import`: what the files hold, and nothing changed unless `--write`.
fn roster_import(files: &[PathBuf], write: Option<&Path>) -> Outcome {
    let mut everyone: Vec<Participant> = Vec::new();
    let mut problems = 0;
    for file in files {
        let name = file.display().to_string();
        let import = convene::import::load_people(file).map_err(|e| Stop(e.to_string()))?;
        println!(
            "{name}: {} row(s) read, {} refused, {} duplicate(s)",
            import.roster.len(),
            import.refused.len(),
            import.duplicates.len()
        );
        for r in &import.refused {
            println!("  {name}:{}: refused: {}", r.line, r.reason);
        }
        for (line, what) in &import.duplicates {
            println!("  {name}:{line}: duplicate: {what}");
        }
        problems += import.refused.len() + import.duplicates.len();
        for p in import.roster.participants {
            if everyone.iter().any(|q| q.key() == p.key()) {
                println!(
                    "  {name}: {} is already in an earlier file; kept once",
                    p.name
                );
            } else {
                everyone.push(p);
            }
        }
    }
    let roster = roster::Roster {
        participants: everyone,
    };
    let countries: Vec<String> = roster
        .countries()
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    println!("{} people · {}", roster.len(), countries.join(" · "));
    match write {
        None => println!("Nothing written (add --write FILE to save them as one roster)."),
        Some(path) => {
            let text = roster::to_csv(&roster).map_err(|e| Stop(format!("convene: {e}")))?;
            std::fs::write(path, text)
                .map_err(|e| Stop(format!("convene: cannot write {}: {e}", path.display())))?;
            println!("Wrote {}", path.display());
        }
    }
    Ok(if problems > 0 {
        ExitCode::from(BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

struct GroupsArgs<'a> {
    roster: &'a Path,
    groups: Option<usize>,
    size: Option<usize>,
    strategy: &'a str,
    history: &'a [PathBuf],
    seed: u64,
    absent: &'a [String],
    together: &'a [String],
    apart: &'a [String],
    zoom_csv: Option<&'a Path>,
}

/// `convene groups`: forms a round from a roster, prints it with its quality against Zoom's
/// random assignment, and writes the pre-assignment CSV.
fn groups_command(args: GroupsArgs) -> Outcome {
    use convene::core::forming::{self, Person, Request, Size, Strategy};
    let (_, participants) = read_roster(args.roster)?;
    let strategy: Strategy = args
        .strategy
        .parse()
        .map_err(|e: String| Stop(format!("convene: --strategy: {e}")))?;
    let keys: Vec<String> = participants.iter().map(Participant::key).collect();
    // Someone named on the command line, by email or name: their place on the roster.
    let find = |option: &str, who: &str| -> Result<usize, Stop> {
        let wanted = who.trim().to_lowercase();
        let normal = roster::normalise_name(who);
        participants
            .iter()
            .position(|p| {
                p.email.as_deref() == Some(wanted.as_str())
                    || roster::normalise_name(&p.name) == normal
            })
            .ok_or_else(|| {
                Stop(format!(
                    "convene: --{option} {who}: nobody of that email or name on the roster"
                ))
            })
    };
    let absent: Vec<String> = args
        .absent
        .iter()
        .map(|who| find("absent", who).map(|i| keys[i].clone()))
        .collect::<Result<_, _>>()?;
    let pairs = |option: &str, list: &[String]| -> Result<Vec<(usize, usize)>, Stop> {
        list.iter()
            .map(|pair| {
                let (a, b) = pair.split_once(',').ok_or_else(|| {
                    Stop(format!(
                        "convene: --{option} {pair}: expected two people as A,B"
                    ))
                })?;
                Ok((find(option, a)?, find(option, b)?))
            })
            .collect()
    };
    let together = pairs("together", args.together)?;
    let apart = pairs("apart", args.apart)?;
    let people: Vec<Person> = participants
        .iter()
        .enumerate()
        .filter(|(i, p)| p.role != roster::Role::Observer && !absent.contains(&keys[*i]))
        .map(|(i, p)| Person {
            id: i,
            country: p.country.clone(),
            organisation: p.organisation.clone(),
            facilitator: matches!(
                p.role,
                roster::Role::Facilitator | roster::Role::CoFacilitator
            ),
        })
        .collect();
    // Earlier rounds from the session's journal, by roster key.
    let mut history: Vec<Vec<Vec<usize>>> = Vec::new();
    if !args.history.is_empty() {
        let (loaded, workshop) = load_journal(args.history)?;
        let state = loaded.replay(Arc::new(workshop));
        for round in &state.rounds {
            history.push(
                round
                    .rooms
                    .iter()
                    .map(|r| {
                        r.members
                            .iter()
                            .filter_map(|k| keys.iter().position(|x| x == k))
                            .collect()
                    })
                    .collect(),
            );
        }
    }
    let size = match (args.groups, args.size) {
        (Some(n), _) => Size::Groups(n),
        (None, Some(n)) => Size::PerGroup(n),
        (None, None) => return Err(Stop("convene: say --groups N or --size N".into())),
    };
    let keep = history.last().cloned();
    if strategy == Strategy::Keep && keep.is_none() {
        return Err(Stop(
            "convene: --strategy keep needs --history with an earlier round".into(),
        ));
    }
    let request = Request {
        people: &people,
        size,
        strategy,
        seed: args.seed,
        history: &history,
        keep: keep.as_deref(),
        pin_facilitators: true,
        together: &together,
        apart: &apart,
    };
    let formed = forming::form(&request).map_err(|e| Stop(format!("convene: {e}")))?;
    let rooms: Vec<convene::export::Room> = formed
        .groups
        .iter()
        .enumerate()
        .map(|(i, ids)| convene::export::Room {
            name: format!("Room {}", i + 1),
            members: ids
                .iter()
                .filter_map(|id| participants.get(*id))
                .map(|p| convene::export::Member {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    country: p.country.clone(),
                    rapporteur: false,
                })
                .collect(),
        })
        .collect();
    print!("{}", convene::export::table(&rooms));
    let q = forming::quality(&formed.groups, &people, &history);
    let b = forming::random_baseline(&request, 200);
    println!(
        "\n{} groups of {}–{} · {} people ({} absent) · strategy {} · seed {}",
        formed.groups.len(),
        q.smallest,
        q.largest,
        people.len(),
        absent.len(),
        strategy.name(),
        args.seed
    );
    println!("                          these groups   random (avg of 200)");
    println!(
        "  pairs who met before    {:>12}   {:>19.1}",
        q.repeated_pairs, b.repeated_pairs
    );
    println!(
        "  same-country pairs      {:>12}   {:>19.1}",
        q.same_country_pairs, b.same_country_pairs
    );
    println!(
        "  same-organisation pairs {:>12}   {:>19.1}",
        q.same_organisation_pairs, b.same_organisation_pairs
    );
    println!(
        "  one-country groups      {:>12}   {:>19.1}",
        q.single_country_groups, b.single_country_groups
    );
    if let Some(path) = args.zoom_csv {
        let export =
            convene::export::zoom_csv(&rooms).map_err(|e| Stop(format!("convene: {e}")))?;
        std::fs::write(path, &export.csv)
            .map_err(|e| Stop(format!("convene: cannot write {}: {e}", path.display())))?;
        println!(
            "\nWrote {} for Zoom's breakout room pre-assignment.",
            path.display()
        );
        for w in &export.warnings {
            println!("Warning: {w}");
        }
        if !export.by_hand.is_empty() {
            println!("Move by hand in the meeting (Zoom cannot pre-assign them):");
            for h in &export.by_hand {
                println!("  {} → {} ({})", h.name, h.room, h.reason);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `convene attendance`: minutes per person from a Zoom participants report, matched to a
/// roster when one is given.
/// `--match A=B` pairs.
fn match_pairs(matches: &[String]) -> Result<Vec<(String, String)>, Stop> {
    matches
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
                .ok_or_else(|| {
                    Stop(format!(
                        "convene: --match {m}: expected NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER"
                    ))
                })
        })
        .collect()
}

fn attendance(
    report: &Path,
    roster_file: Option<&Path>,
    tz: &str,
    dates: &str,
    matches: &[String],
) -> Outcome {
    use convene::import::{self, DateOrder, MatchedBy};
    let tz: chrono_tz::Tz = tz
        .parse()
        .map_err(|_| Stop(format!("convene: --tz {tz}: unknown time zone")))?;
    let order = match dates {
        "auto" => DateOrder::Auto,
        "month-first" => DateOrder::MonthFirst,
        "day-first" => DateOrder::DayFirst,
        other => {
            return Err(Stop(format!(
                "convene: --dates {other}: expected auto, month-first or day-first"
            )));
        }
    };
    let read = import::load_participants(report, tz, order).map_err(|e| Stop(e.to_string()))?;
    let name = report.display().to_string();
    if let Some(m) = &read.meeting {
        println!(
            "{} · meeting {} · {} row(s)",
            m.topic,
            m.id,
            read.rows.len()
        );
    }
    for r in &read.refused {
        println!("{name}:{}: refused: {}", r.line, r.reason);
    }
    let people = import::merge(&read);
    let name_width = people
        .iter()
        .map(|p| unicode_width::UnicodeWidthStr::width(p.name.as_str()))
        .max()
        .unwrap_or(0);
    let line = |p: &import::Attendance, note: &str| {
        let pad = " ".repeat(
            name_width.saturating_sub(unicode_width::UnicodeWidthStr::width(p.name.as_str())),
        );
        format!(
            "  {}{pad}  {:>4} min  {}{note}",
            p.name,
            p.minutes,
            p.email.as_deref().unwrap_or("(no email)")
        )
    };
    match roster_file {
        None => {
            println!("{} people:", people.len());
            for p in &people {
                println!("{}", line(p, ""));
            }
        }
        Some(path) => {
            let (_, participants) = read_roster(path)?;
            let roster = roster::Roster { participants };
            let (matched, unmatched) = import::match_roster(&roster, people);
            let (matched, unmatched) =
                import::match_by_hand(&roster, matched, unmatched, &match_pairs(matches)?)
                    .map_err(|e| Stop(format!("convene: --match: {e}")))?;
            println!("On the roster ({}):", matched.len());
            for m in &matched {
                let by = match m.by {
                    MatchedBy::Email => "",
                    MatchedBy::Name => "  (matched by name)",
                    MatchedBy::Hand => "  (matched by hand)",
                };
                println!("{}", line(&m.attendance, by));
            }
            let absent: Vec<&Participant> = roster
                .participants
                .iter()
                .enumerate()
                .filter(|(i, _)| !matched.iter().any(|m| m.participant == *i))
                .map(|(_, p)| p)
                .collect();
            println!("Not in the report ({}):", absent.len());
            for p in absent {
                println!("  {}", p.name);
            }
            println!(
                "Not on the roster ({}): match them by hand or add them to the roster",
                unmatched.len()
            );
            for p in &unmatched {
                println!("{}", line(p, ""));
            }
        }
    }
    Ok(if read.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(BAD_INPUT)
    })
}
