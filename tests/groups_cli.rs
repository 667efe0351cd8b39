//! `convene groups`: forming a round from a roster on the command line, with earlier rounds
//! from a journal, people away, pairs kept together, and Zoom's file.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Output;

use chrono::{TimeZone, Utc};
use convene::core::{Action, Event, GroupSpec, PairRule, PersonKey, Room, Stamped, Who, update};
use convene::journal::Writer;
use convene::programme::default_workshop;
use convene::roster::{Participant, Role, parse_roster};

const SAMPLE: &str = "assets/roster-sample.csv";

fn sample_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap()
}

fn roster(text: &str) -> Vec<Participant> {
    let import = parse_roster("roster.csv", text).unwrap();
    assert!(import.refused.is_empty(), "{:?}", import.refused);
    import.roster.participants
}

/// A folder of its own for one test, removed when the test ends, also when it fails.
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convene-groups-cli-{name}-"))
        .tempdir()
        .unwrap()
}

fn convene_groups(args: &[&str]) -> Output {
    let mut all = vec!["groups"];
    all.extend_from_slice(args);
    std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(&all)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// The standard output of a run that must succeed.
fn succeeded(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The rooms as printed: `Room N (k)` and then a line per member, `  NAME  COUNTRY`, until
/// the blank line before the figures. Each room's printed count must match its members.
fn rooms_in(stdout: &str) -> Vec<Vec<String>> {
    let mut rooms: Vec<(usize, Vec<String>)> = Vec::new();
    for line in stdout.lines() {
        if line.is_empty() {
            break;
        }
        if let Some(member) = line.strip_prefix("  ") {
            let name = member.split("  ").next().unwrap().trim_end();
            let Some((_, members)) = rooms.last_mut() else {
                panic!("a member before any room: {line:?}\n{stdout}")
            };
            members.push(name.to_string());
        } else {
            let count = line
                .strip_prefix("Room ")
                .and_then(|rest| rest.split_once(" ("))
                .and_then(|(_, n)| n.strip_suffix(')'))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("not a room heading: {line:?}\n{stdout}"));
            rooms.push((count, Vec::new()));
        }
    }
    for (count, members) in &rooms {
        assert_eq!(*count, members.len(), "{stdout}");
    }
    rooms.into_iter().map(|(_, members)| members).collect()
}

/// The room someone is in; fails when they are in none, or in more than one.
fn room_of(rooms: &[Vec<String>], name: &str, stdout: &str) -> usize {
    let found: Vec<usize> = (0..rooms.len())
        .filter(|r| rooms[*r].iter().any(|m| m == name))
        .collect();
    match found[..] {
        [room] => room,
        _ => panic!("{name} is in rooms {found:?}, expected exactly one:\n{stdout}"),
    }
}

/// Everyone in `expected` is in exactly one room, and nobody else is in any.
fn assert_everyone_once(rooms: &[Vec<String>], expected: &[&str], stdout: &str) {
    let mut placed: Vec<&str> = rooms.iter().flatten().map(String::as_str).collect();
    placed.sort_unstable();
    let mut wanted = expected.to_vec();
    wanted.sort_unstable();
    assert_eq!(placed, wanted, "{stdout}");
}

/// Pairs of people who share a room.
fn pairs(rooms: &[Vec<String>]) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for room in rooms {
        for a in room {
            for b in room {
                if a < b {
                    out.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    out
}

/// The figure printed for "pairs who met before" in these groups.
fn printed_repeats(stdout: &str) -> usize {
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("pairs who met before"))
        .unwrap_or_else(|| panic!("no pairs line:\n{stdout}"));
    line.split_whitespace().nth(4).unwrap().parse().unwrap()
}

#[test]
fn the_groups_command_prints_rooms_quality_and_writes_the_zoom_file() {
    let tmp = scratch("zoom");
    let dir = tmp.path();
    let csv = dir.join("rooms.csv");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--roster",
            SAMPLE,
            "--groups",
            "5",
            "--strategy",
            "mixed",
            "--seed",
            "7",
        ];
        args.extend_from_slice(extra);
        convene_groups(&args)
    };
    let out = run(&[
        "--zoom-csv",
        csv.to_str().unwrap(),
        "--together",
        "rina.sari@example.org,Bilal Ahmed Chaudhry",
    ]);
    let stdout = succeeded(&out);
    assert!(stdout.contains("same-country pairs"), "{stdout}");
    assert!(stdout.contains("Move by hand"), "{stdout}");
    let rooms = rooms_in(&stdout);
    assert_eq!(rooms.len(), 5, "{stdout}");
    let names: Vec<String> = roster(&sample_text()).into_iter().map(|p| p.name).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_everyone_once(&rooms, &names, &stdout);
    // Kept together.
    assert_eq!(
        room_of(&rooms, "Rina Kartika Sari", &stdout),
        room_of(&rooms, "Bilal Ahmed Chaudhry", &stdout),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.starts_with("Pre-assign Room Name,Email Address\r\n"));
    // The same seed gives the same groups.
    assert_eq!(run(&[]).stdout, run(&[]).stdout);
    // Someone not on the roster is a clear error.
    let bad = run(&["--absent", "Nobody Here"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--absent Nobody Here"));
}

#[test]
fn absent_people_are_in_no_room_and_everyone_else_is_in_one() {
    let everyone = roster(&sample_text());
    let (away_by_name, away_by_email) = ("Bilal Ahmed Chaudhry", "rajesh.iyer@example.org");
    let out = convene_groups(&[
        "--roster",
        SAMPLE,
        "--groups",
        "4",
        "--seed",
        "3",
        "--absent",
        away_by_name,
        "--absent",
        away_by_email,
    ]);
    let stdout = succeeded(&out);
    let rooms = rooms_in(&stdout);
    assert_eq!(rooms.len(), 4, "{stdout}");
    let away = ["Bilal Ahmed Chaudhry", "Rajesh Kumar Iyer"];
    for name in away {
        assert!(
            rooms.iter().all(|r| !r.contains(&name.to_string())),
            "{name} is away but placed:\n{stdout}"
        );
    }
    let present: Vec<&str> = everyone
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| !away.contains(n))
        .collect();
    assert_eq!(present.len(), 31);
    assert_everyone_once(&rooms, &present, &stdout);
    // 31 people in 4 rooms: 8, 8, 8 and 7.
    let mut sizes: Vec<usize> = rooms.iter().map(Vec::len).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [7, 8, 8, 8], "{stdout}");
    assert!(stdout.contains("31 people (2 absent)"), "{stdout}");
}

#[test]
fn observers_are_left_out_and_co_facilitators_are_spread_one_per_room() {
    let tmp = scratch("roles");
    let dir = tmp.path();
    // The sample roster (one facilitator, two co-facilitators) and two observers.
    let text = sample_text()
        + "Olivia Watcher,olivia@example.org,UCLG World,Barcelona,Spain,Europe/Madrid,observer\n"
        + "Oscar Looker,,Donor Agency,Manila,Philippines,Asia/Manila,observer\n";
    let file = dir.join("roster.csv");
    std::fs::write(&file, &text).unwrap();
    let everyone = roster(&text);
    let facilitators: Vec<&str> = everyone
        .iter()
        .filter(|p| matches!(p.role, Role::Facilitator | Role::CoFacilitator))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(facilitators.len(), 3);
    assert!(everyone.iter().any(|p| p.role == Role::CoFacilitator));
    let placed: Vec<&str> = everyone
        .iter()
        .filter(|p| p.role != Role::Observer)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(placed.len(), 33);
    for (groups, strategy, seed) in [
        ("3", "mixed", "1"),
        ("3", "random", "2"),
        ("3", "fresh", "3"),
        ("5", "mixed", "4"),
        ("5", "random", "5"),
    ] {
        let out = convene_groups(&[
            "--roster",
            file.to_str().unwrap(),
            "--groups",
            groups,
            "--strategy",
            strategy,
            "--seed",
            seed,
        ]);
        let stdout = succeeded(&out);
        let rooms = rooms_in(&stdout);
        assert_eq!(rooms.len().to_string(), groups, "{stdout}");
        // Observers are in no room; everyone else is in one.
        assert_everyone_once(&rooms, &placed, &stdout);
        // One facilitator or co-facilitator per room: three rooms have one each, more rooms
        // than three leave the others without.
        let per_room: Vec<usize> = rooms
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|m| facilitators.contains(&m.as_str()))
                    .count()
            })
            .collect();
        assert!(per_room.iter().all(|n| *n <= 1), "{per_room:?}\n{stdout}");
        assert_eq!(per_room.iter().sum::<usize>(), 3, "{stdout}");
    }
}

/// Writes a journal, as the console would, in which the rooms `rooms` (by name) were formed.
fn journal_with_round(path: &Path, everyone: &[Participant], rooms: &[Vec<String>]) {
    let workshop = default_workshop().unwrap();
    let key: HashMap<&str, PersonKey> = everyone
        .iter()
        .map(|p| (p.name.as_str(), p.key()))
        .collect();
    let now = Utc.with_ymd_and_hms(2021, 11, 8, 6, 0, 0).unwrap();
    let mut writer = Writer::open(path, &workshop, now, 1, 0).unwrap();
    writer
        .append(&Stamped::all(
            [Event::RosterImported {
                source: SAMPLE.into(),
                participants: everyone.to_vec(),
            }],
            now,
            &Who::lead(),
        ))
        .unwrap();
    let rooms: Vec<Room> = rooms
        .iter()
        .enumerate()
        .map(|(i, members)| Room {
            name: format!("Room {}", i + 1),
            members: members.iter().map(|m| key[m.as_str()].clone()).collect(),
            rapporteur: None,
        })
        .collect();
    writer
        .append(&Stamped::all(
            [Event::GroupsFormed {
                day: 0,
                label: "Introductions".into(),
                strategy: convene::core::Strategy::Fresh,
                seed: 7,
                rooms,
                quality: None,
            }],
            now,
            &Who::lead(),
        ))
        .unwrap();
}

#[test]
fn history_from_a_journal_avoids_the_pairs_of_its_rounds() {
    let tmp = scratch("history");
    let dir = tmp.path();
    let everyone = roster(&sample_text());
    let args = [
        "--roster",
        SAMPLE,
        "--groups",
        "5",
        "--strategy",
        "fresh",
        "--seed",
        "7",
    ];
    // Without history: a round of 33 in five rooms (7, 7, 7, 6, 6). The journal records it
    // as formed earlier in the session.
    let before = succeeded(&convene_groups(&args));
    let first = rooms_in(&before);
    let mut sizes: Vec<usize> = first.iter().map(Vec::len).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [6, 6, 7, 7, 7], "{before}");
    let earlier = pairs(&first);
    assert_eq!(earlier.len(), 3 * 21 + 2 * 15);
    assert_eq!(printed_repeats(&before), 0, "{before}");
    let journal = dir.join("day-1.jsonl");
    journal_with_round(&journal, &everyone, &first);

    // The same request with the journal as history, given as the file and as its folder.
    for history in [journal.as_path(), dir] {
        let mut with = args.to_vec();
        with.extend_from_slice(&["--history", history.to_str().unwrap()]);
        let after = succeeded(&convene_groups(&with));
        let second = rooms_in(&after);
        assert_eq!(second.len(), 5, "{after}");
        let repeated = pairs(&second).intersection(&earlier).count();
        // The fewest pairs that can meet again: an earlier room of 7 spread over 5 rooms puts
        // two pairs of its people together again (2+2+1+1+1), a room of 6 one pair
        // (2+1+1+1+1): 3 * 2 + 2 * 1 = 8, reachable since the rooms' sizes match.
        // Without the history the same seed gives the same rooms, all 93 pairs again.
        assert_eq!(repeated, 8, "{after}");
        assert_eq!(printed_repeats(&after), repeated, "{after}");
    }

    // `keep` takes the journal's last round again.
    let mut keep = args.to_vec();
    keep[5] = "keep";
    keep.extend_from_slice(&["--history", journal.to_str().unwrap()]);
    let kept = succeeded(&convene_groups(&keep));
    let again: Vec<HashSet<String>> = rooms_in(&kept)
        .into_iter()
        .map(HashSet::from_iter)
        .collect();
    let wanted: Vec<HashSet<String>> = first.iter().cloned().map(HashSet::from_iter).collect();
    assert_eq!(again, wanted, "{kept}");
}

/// The rooms as printed, by name, for comparing with rooms of roster keys.
fn names_by_key(everyone: &[Participant]) -> HashMap<PersonKey, String> {
    everyone.iter().map(|p| (p.key(), p.name.clone())).collect()
}

/// The figure printed for `what` beside the random average: (these groups, random).
fn printed_figures(stdout: &str, what: &str) -> (usize, String) {
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with(what))
        .unwrap_or_else(|| panic!("no {what} line:\n{stdout}"));
    let mut words = line[line.find(what).unwrap() + what.len()..].split_whitespace();
    let these = words.next().unwrap().parse().unwrap();
    (these, words.next().unwrap().to_string())
}

#[test]
fn the_console_and_the_command_line_form_the_same_round() {
    // One request both ways: the sample roster with an earlier round, someone away and a pair
    // kept apart, formed `fresh` into five rooms with seed 11 on day 2.
    let tmp = scratch("same");
    let dir = tmp.path();
    let everyone = roster(&sample_text());
    let earlier = rooms_in(&succeeded(&convene_groups(&[
        "--roster", SAMPLE, "--groups", "4", "--seed", "5",
    ])));
    let journal = dir.join("day-1.jsonl");
    journal_with_round(&journal, &everyone, &earlier);
    let out = convene_groups(&[
        "--roster",
        SAMPLE,
        "--groups",
        "5",
        "--strategy",
        "fresh",
        "--seed",
        "11",
        "--history",
        journal.to_str().unwrap(),
        "--absent",
        "Bilal Ahmed Chaudhry",
        "--apart",
        "rina.sari@example.org,rajesh.iyer@example.org",
    ]);
    let stdout = succeeded(&out);

    // The console: the same journal replayed, then the absence and the pair as its keys make
    // them, then `f` with `5 fresh`.
    let loaded = convene::journal::read(std::slice::from_ref(&journal))
        .unwrap()
        .unwrap();
    let mut state = loaded.replay(std::sync::Arc::new(loaded.workshop().unwrap()));
    let now = Utc.with_ymd_and_hms(2021, 11, 25, 6, 0, 0).unwrap();
    let bilal = everyone
        .iter()
        .find(|p| p.name == "Bilal Ahmed Chaudhry")
        .unwrap()
        .key();
    state.apply(&Stamped::new(
        now,
        Who::lead(),
        Event::MarkedAbsent {
            person: bilal,
            day: 1,
        },
    ));
    state.apply(&Stamped::new(
        now,
        Who::lead(),
        Event::PairRuled {
            a: "rina.sari@example.org".into(),
            b: "rajesh.iyer@example.org".into(),
            rule: Some(PairRule::Apart),
        },
    ));
    let action = Action::FormGroups {
        day: 1,
        label: "Round 2".into(),
        spec: GroupSpec::parse("5 fresh").unwrap(),
        seed: 11,
    };
    let events = update(&state, action, now).unwrap();
    let [Event::GroupsFormed { rooms, quality, .. }] = &events[..] else {
        panic!("{events:?}")
    };
    let quality = quality.unwrap();

    // The same rooms, in the same order, with the same people in the same order.
    let name = names_by_key(&everyone);
    let console_rooms: Vec<Vec<String>> = rooms
        .iter()
        .map(|r| r.members.iter().map(|k| name[k].clone()).collect())
        .collect();
    assert_eq!(rooms_in(&stdout), console_rooms, "{stdout}");
    // And the same figures, beside the same average of random assignments.
    for (what, these, random) in [
        (
            "pairs who met before",
            quality.figures.repeated_pairs,
            quality.random_repeated_pairs,
        ),
        (
            "same-country pairs",
            quality.figures.same_country_pairs,
            quality.random_same_country_pairs,
        ),
        (
            "same-organisation pairs",
            quality.figures.same_organisation_pairs,
            quality.random_same_organisation_pairs,
        ),
    ] {
        assert_eq!(
            printed_figures(&stdout, what),
            (these, format!("{random:.1}")),
            "{what}\n{stdout}"
        );
    }
}

#[test]
fn several_rounds_are_planned_printed_and_written_one_person_a_line() {
    let dir = scratch("rounds");
    let csv = dir.path().join("rounds.csv");
    let zoom = dir.path().join("zoom.csv");
    let out = succeeded(&convene_groups(&[
        "--roster",
        SAMPLE,
        "--groups",
        "5",
        "--rounds",
        "3",
        "--strategy",
        "fresh",
        "--seed",
        "1",
        "--csv",
        csv.to_str().unwrap(),
        "--zoom-csv",
        zoom.to_str().unwrap(),
        "--zoom-round",
        "2",
    ]));
    for n in 1..=3 {
        assert!(out.contains(&format!("Round {n}\n")), "{out}");
    }
    assert_eq!(
        out.matches("repeat meetings this round ").count(),
        3,
        "{out}"
    );
    // The first round has nobody to meet again: 0, bound 0, and random rooms 0 too.
    assert!(
        out.contains("repeat meetings this round 0 (lower bound 0; random would give 0)"),
        "{out}"
    );
    let summary = out
        .lines()
        .find(|l| l.starts_with("Repeat meetings over the 3 planned rounds: "))
        .unwrap_or_else(|| panic!("{out}"));
    // The file: the header, then everyone who is not an observer once a round.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("round,room,name,email,country,organisation,role")
    );
    let people = roster(&sample_text())
        .iter()
        .filter(|p| p.role != Role::Observer)
        .count();
    let rows: Vec<Vec<String>> = csv::Reader::from_path(&csv)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 3 * people);
    // Repeat meetings counted from the file by their definition: every pair, C(m, 2).
    let mut met: HashMap<(String, String), usize> = HashMap::new();
    for round in 1..=3 {
        let mut rooms: HashMap<&str, Vec<&str>> = HashMap::new();
        for r in rows.iter().filter(|r| r[0] == round.to_string()) {
            rooms.entry(&r[1]).or_default().push(&r[2]);
        }
        for members in rooms.values() {
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    let pair = if a < b { (a, b) } else { (b, a) };
                    *met.entry((pair.0.to_string(), pair.1.to_string()))
                        .or_default() += 1;
                }
            }
        }
    }
    let repeats: usize = met.values().map(|m| m * (m - 1) / 2).sum();
    assert!(
        summary.contains(&format!("rounds: {repeats} (lower bound ")),
        "{summary} against {repeats}"
    );
    // Zoom's file is round 2's rooms, for those with an email.
    let zoom_text = std::fs::read_to_string(&zoom).unwrap();
    let mut in_zoom: Vec<(String, String)> = zoom_text
        .lines()
        .skip(1)
        .map(|l| {
            let (room, email) = l.split_once(',').unwrap();
            (room.to_string(), email.to_string())
        })
        .collect();
    let mut in_plan: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r[0] == "2" && !r[3].is_empty())
        .map(|r| (r[1].clone(), r[3].clone()))
        .collect();
    in_zoom.sort();
    in_plan.sort();
    assert_eq!(in_zoom, in_plan);
}

#[test]
fn a_zoom_round_beyond_the_planned_ones_is_refused() {
    let out = convene_groups(&[
        "--roster",
        SAMPLE,
        "--groups",
        "5",
        "--rounds",
        "3",
        "--zoom-csv",
        "never.csv",
        "--zoom-round",
        "4",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--zoom-round 4: only 3 rounds are planned (--rounds)"),
        "{err}"
    );
    assert!(
        !Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("never.csv")
            .exists()
    );
}

#[test]
fn rounds_planned_after_a_journal_count_its_round_in_the_bound() {
    let tmp = scratch("plan-history");
    let everyone = roster(&sample_text());
    let first = rooms_in(&succeeded(&convene_groups(&[
        "--roster", SAMPLE, "--groups", "5", "--seed", "7",
    ])));
    let journal = tmp.path().join("day-1.jsonl");
    journal_with_round(&journal, &everyone, &first);
    let out = succeeded(&convene_groups(&[
        "--roster",
        SAMPLE,
        "--groups",
        "5",
        "--rounds",
        "2",
        "--strategy",
        "fresh",
        "--history",
        journal.to_str().unwrap(),
    ]));
    // 33 people in rooms of 7, 7, 7, 6, 6 each round: a room of 7 spread over 5 rooms puts
    // two pairs together again, a room of 6 one, so 3 * 2 + 2 * 1 = 8 for every two rounds.
    // The first planned round after the journal's: at least 8.
    let first_round = out
        .lines()
        .find(|l| l.contains("repeat meetings this round "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(first_round.contains("(lower bound 8;"), "{first_round}");
    // Three rounds in all (the journal's and two planned): three pairs of rounds, 24.
    assert!(
        out.contains("Repeat meetings over the 2 planned rounds and the 1 earlier: "),
        "{out}"
    );
    assert!(out.contains("(lower bound 24);"), "{out}");
}
