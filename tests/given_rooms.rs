//! Rooms from a file in the console: a round of a schedule `convene groups --rounds N --csv`
//! planned (`f` then `plan FILE N`), and Zoom's pre-assignment file (`f` then `import FILE`),
//! matched to the roster by email then name; people away left out and the rooms evened out.
//! And a day's Zoom participants report: those not in it are away for forming rooms unless
//! marked present.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use convene::app::App;
use convene::core::forming::Strategy;
use convene::core::{Event, PersonKey};
use convene::view::Mode;

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convene-given-{name}-"))
        .tempdir()
        .unwrap()
}

/// Runs `convene groups` on the sample roster; its standard output.
fn convene_groups(args: &[&str]) -> String {
    let mut all = vec!["groups", "--roster", "assets/roster-sample.csv"];
    all.extend_from_slice(args);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(&all)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn console() -> App {
    let mut app = app();
    import_sample_roster(&mut app);
    app
}

/// `f`, then the line typed: the prompt closes when the round is formed.
fn form(app: &mut App, line: &str) {
    app.press(&ch('f'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Input);
    type_line(app, line, at(0, 0));
    assert_eq!(app.seat.mode, Mode::Normal, "{:?}", app.seat.status);
}

/// The current round's rooms: name, then the names of those in it.
fn rooms_now(app: &App) -> BTreeMap<String, BTreeSet<String>> {
    let round = app.state().current_round().expect("a round");
    round
        .rooms
        .iter()
        .map(|r| {
            let names = r
                .members
                .iter()
                .map(|k| app.state().person(k).unwrap().name.clone())
                .collect();
            (r.name.clone(), names)
        })
        .collect()
}

/// Round `n` of a schedule file, read as a spreadsheet would: room, then names.
fn round_in_file(path: &Path, n: usize) -> BTreeMap<String, BTreeSet<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "round",
            "room",
            "name",
            "email",
            "country",
            "organisation",
            "role"
        ]
    );
    let mut rooms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if row[0].parse::<usize>().unwrap() == n {
            rooms
                .entry(row[1].to_string())
                .or_default()
                .insert(row[2].to_string());
        }
    }
    rooms
}

#[test]
fn a_planned_round_written_and_taken_in_the_console_has_the_same_rooms() {
    let dir = scratch("plan");
    let file = dir.path().join("rounds.csv");
    let file_name = file.to_str().unwrap();
    convene_groups(&[
        "--groups",
        "5",
        "--rounds",
        "3",
        "--strategy",
        "fresh",
        "--seed",
        "1",
        "--csv",
        file_name,
    ]);
    let mut app = console();
    for n in 1..=3 {
        form(&mut app, &format!("plan {file_name} {n}"));
        let want = round_in_file(&file, n);
        assert_eq!(want.len(), 5);
        assert_eq!(rooms_now(&app), want, "round {n}");
        let round = app.state().current_round().unwrap();
        assert_eq!(round.strategy, Strategy::Given);
        assert!(
            round.label.ends_with(&format!("rounds.csv round {n}")),
            "{}",
            round.label
        );
    }
    // Three rounds journaled like any other: undo takes the last back.
    assert_eq!(app.state().rounds.len(), 3);
}

#[test]
fn a_round_the_file_does_not_plan_is_refused_with_the_file_and_the_rounds_it_has() {
    let dir = scratch("plan-missing");
    let file = dir.path().join("rounds.csv");
    let file_name = file.to_str().unwrap();
    convene_groups(&["--groups", "5", "--rounds", "2", "--csv", file_name]);
    let mut app = console();
    app.press(&ch('f'), at(0, 0));
    type_line(&mut app, &format!("plan {file_name} 4"), at(0, 0));
    // The line stays to be corrected, and the footer says why.
    assert_eq!(app.seat.mode, Mode::Input);
    let status = app.seat.status.clone().unwrap();
    assert!(status.is_error);
    assert!(
        status
            .text
            .contains("there is no round 4 (the file plans 2)"),
        "{}",
        status.text
    );
    assert!(app.state().current_round().is_none());
}

#[test]
fn zooms_file_is_taken_with_those_away_left_out_and_the_rooms_evened_out() {
    let dir = scratch("zoom");
    let file = dir.path().join("rooms-day1.csv");
    let file_name = file.to_str().unwrap();
    convene_groups(&[
        "--groups",
        "5",
        "--strategy",
        "mixed",
        "--seed",
        "3",
        "--zoom-csv",
        file_name,
    ]);
    let text = std::fs::read_to_string(&file).unwrap();
    // Zoom's rooms by email, as the file has them.
    let mut zoom: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let (room, email) = line.split_once(',').unwrap();
        zoom.entry(room.into()).or_default().insert(email.into());
    }
    let mut app = console();
    let key_of = |app: &App, email: &str| -> PersonKey {
        app.state()
            .roster
            .participants
            .iter()
            .find(|p| p.email.as_deref() == Some(email))
            .unwrap()
            .key()
    };
    // Two of Room 1 are away today.
    let away: Vec<PersonKey> = zoom["Room 1"]
        .iter()
        .take(2)
        .map(|e| key_of(&app, e))
        .collect();
    for person in &away {
        app.apply(
            &[Event::MarkedAbsent {
                person: person.clone(),
                day: 0,
            }],
            at(-20, 0),
        );
    }
    form(&mut app, &format!("import {file_name}"));
    let round = app.state().current_round().unwrap().clone();
    assert_eq!(round.strategy, Strategy::Given);
    let placed: Vec<&PersonKey> = round.rooms.iter().flat_map(|r| &r.members).collect();
    for person in &away {
        assert!(!placed.contains(&person), "{person:?} is away");
    }
    // Everyone else who is not an observer is in one room (those Zoom has no email for too).
    let present: BTreeSet<PersonKey> = app
        .state()
        .roster
        .participants
        .iter()
        .filter(|p| p.role != convene::roster::Role::Observer)
        .map(|p| p.key())
        .filter(|k| !away.contains(k))
        .collect();
    assert_eq!(placed.len(), present.len());
    assert_eq!(
        placed.into_iter().cloned().collect::<BTreeSet<_>>(),
        present
    );
    let sizes: Vec<usize> = round.rooms.iter().map(|r| r.members.len()).collect();
    let (small, large) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert!(large - small <= 1, "{sizes:?}");
    // Each room is Zoom's room of its name, but for the two away and whoever moved to even
    // them out: Room 1 lost two, so one person moved in from another room, or two did.
    let mut moved = 0;
    for room in &round.rooms {
        let emails: BTreeSet<String> = room
            .members
            .iter()
            .filter_map(|k| app.state().person(k).unwrap().email.clone())
            .collect();
        let file: BTreeSet<String> = zoom[&room.name]
            .iter()
            .filter(|e| !away.contains(&key_of(&app, e)))
            .cloned()
            .collect();
        moved += file.difference(&emails).count();
    }
    assert!((1..=2).contains(&moved), "{moved} moved");
    let names: BTreeSet<&str> = round.rooms.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names.len(), 5, "each room keeps its own name");
}

#[test]
fn a_days_participants_report_counts_for_attendance_unless_marked_present() {
    let mut app = console();
    let everyone: Vec<PersonKey> = app
        .state()
        .roster
        .participants
        .iter()
        .filter(|p| p.role != convene::roster::Role::Observer)
        .map(|p| p.key())
        .collect();
    let (missing, came) = everyone.split_at(3);
    app.apply(
        &[Event::AttendanceImported {
            day: 0,
            source: "participants.csv".into(),
            present: came.iter().map(|k| (k.clone(), 60)).collect(),
            unmatched: Vec::new(),
        }],
        at(-10, 0),
    );
    form(&mut app, "5 fresh");
    let placed: BTreeSet<PersonKey> = app
        .state()
        .current_round()
        .unwrap()
        .rooms
        .iter()
        .flat_map(|r| r.members.clone())
        .collect();
    assert_eq!(placed, came.iter().cloned().collect());
    // Marked present by hand, the first of them counts again.
    app.apply(
        &[Event::MarkedPresent {
            person: missing[0].clone(),
            day: 0,
        }],
        at(-5, 0),
    );
    form(&mut app, "5 fresh");
    let placed: usize = app
        .state()
        .current_round()
        .unwrap()
        .rooms
        .iter()
        .map(|r| r.members.len())
        .sum();
    assert_eq!(placed, came.len() + 1);
}
