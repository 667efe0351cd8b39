//! The command line's typed options: a bad value is refused before anything runs, with exit
//! status 2 and one line that names the option and the value; a good value still does what
//! the option is for.

mod common;

use std::process::{Command, Output};
use std::time::Duration;

use common::pty::Console;

const SAMPLE: &str = "assets/roster-sample.csv";
const WAIT: Duration = Duration::from_secs(10);

fn convene(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// Runs `args`, which must be refused with exactly `message` and exit status 2, having
/// printed nothing else.
fn refused(args: &[&str], message: &str) {
    let out = convene(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}\n{stderr}");
    assert_eq!(stderr.trim_end(), message, "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
}

/// The standard output of a run that must succeed.
fn succeeded(args: &[&str]) -> String {
    let out = convene(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `convene groups` on the sample roster with these options added.
fn groups(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["groups", "--roster", SAMPLE, "--groups", "5", "--seed", "3"];
    args.extend_from_slice(extra);
    args.into_iter().map(String::from).collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The room (`Room N`) each of these people is in, as `convene groups` prints the rooms.
fn rooms_of(stdout: &str, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|name| {
            let mut room = None;
            for line in stdout.lines().take_while(|l| !l.is_empty()) {
                if !line.starts_with(' ') {
                    room = line.split(" (").next();
                } else if line.trim_start().starts_with(name) {
                    return room.unwrap().to_string();
                }
            }
            panic!("{name} is in no room:\n{stdout}")
        })
        .collect()
}

#[test]
fn a_bad_strategy_is_refused_and_each_good_one_forms_groups() {
    refused(
        &strs(&groups(&["--strategy", "sideways"])),
        "convene: --strategy sideways: expected random, mixed, fresh or keep",
    );
    for (given, name) in [
        ("random", "random"),
        ("mixed", "mixed"),
        ("fresh", "fresh"),
        ("Fresh", "fresh"),
    ] {
        let stdout = succeeded(&strs(&groups(&["--strategy", given])));
        assert!(stdout.contains(&format!("· strategy {name} ·")), "{stdout}");
    }
    // `keep` is a strategy: refused for want of an earlier round, not as a bad value.
    let out = convene(&strs(&groups(&["--strategy", "keep"])));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "convene: --strategy keep needs --history with an earlier round"
    );
}

#[test]
fn a_bad_date_order_is_refused_and_each_good_one_reads_the_report() {
    let file = "tests/fixtures/zoom/day-first.csv";
    refused(
        &["attendance", file, "--dates", "sideways"],
        "convene: --dates sideways: expected auto, month-first or day-first",
    );
    // 25/11/2022 is day first: read so with `auto` and `day-first`, refused with `month-first`.
    for order in ["auto", "day-first"] {
        let stdout = succeeded(&["attendance", file, "--dates", order]);
        assert!(stdout.starts_with("2 people:\n"), "{order}: {stdout}");
    }
    let out = convene(&["attendance", file, "--dates", "month-first"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("read as month/day/year"),
        "{out:?}"
    );
}

#[test]
fn a_bad_time_zone_is_refused_and_a_good_one_reads_the_times_there() {
    let file = "tests/fixtures/zoom/dst-fall-back.csv";
    refused(
        &["attendance", file, "--tz", "Mars/Olympus"],
        "convene: --tz Mars/Olympus: unknown time zone",
    );
    refused(
        &["--local-tz", "Asia/Atlantis"],
        "convene: --local-tz Asia/Atlantis: unknown time zone: expected an IANA name such as Asia/Manila",
    );
    refused(
        &["replay", "day-1.jsonl", "--local-tz", "Moon"],
        "convene: --local-tz Moon: unknown time zone: expected an IANA name such as Asia/Manila",
    );
    // New York sets its clocks back in this report: Dana's stay is 140 minutes there, 80 on
    // Jakarta's wall clock (the default).
    let new_york = succeeded(&["attendance", file, "--tz", "America/New_York"]);
    assert!(new_york.contains("Dana Whitfield   140 min"), "{new_york}");
    let jakarta = succeeded(&["attendance", file]);
    assert!(jakarta.contains("Dana Whitfield    80 min"), "{jakarta}");
}

#[test]
fn a_bad_match_is_refused_and_a_good_one_matches_by_hand() {
    let args = [
        "attendance",
        "tests/fixtures/zoom/roster-match.csv",
        "--roster",
        SAMPLE,
        "--match",
    ];
    let with = |m: &str| {
        let mut all = args.to_vec();
        all.push(m);
        all.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    refused(
        &strs(&with("Galaxy Tab S7")),
        "convene: --match Galaxy Tab S7: expected NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER",
    );
    // The console refuses it the same way, before it takes the terminal.
    refused(
        &["--attendance", "x.csv", "--match", "Galaxy Tab S7"],
        "convene: --match Galaxy Tab S7: expected NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER",
    );
    let stdout = succeeded(&strs(&with("Galaxy Tab S7 = Kristine Joy Bautista")));
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("  Kristine Joy Bautista ")
                && l.ends_with("  55 min  (no email)  Zoom: “Galaxy Tab S7”  (matched by hand)")),
        "{stdout}"
    );
}

#[test]
fn a_bad_pair_is_refused_and_a_good_one_holds() {
    for option in ["--together", "--apart"] {
        refused(
            &strs(&groups(&[option, "rina.sari@example.org"])),
            &format!("convene: {option} rina.sari@example.org: expected two people as A,B"),
        );
    }
    let pair = ["Rina Kartika Sari", "Bilal Ahmed Chaudhry"];
    let both = "rina.sari@example.org,Bilal Ahmed Chaudhry";
    let together = succeeded(&strs(&groups(&["--together", both])));
    let rooms = rooms_of(&together, &pair);
    assert_eq!(rooms[0], rooms[1], "{together}");
    let apart = succeeded(&strs(&groups(&["--apart", both])));
    let rooms = rooms_of(&apart, &pair);
    assert_ne!(rooms[0], rooms[1], "{apart}");
}

#[test]
fn bad_numbers_are_refused_before_anything_runs() {
    refused(
        &["groups", "--roster", SAMPLE, "--size", "0"],
        "convene: --size 0: expected a whole number from 1",
    );
    refused(
        &["groups", "--roster", SAMPLE, "--groups", "none"],
        "convene: --groups none: expected a whole number from 1",
    );
    refused(
        &["--day", "0"],
        "convene: --day 0: expected a day number: 1 for the first day",
    );
    refused(
        &["--rehearse", "--speed", "0"],
        "convene: --speed 0: expected a number from 0.1 to 3600",
    );
    refused(
        &["--rehearse", "--speed", "fast"],
        "convene: --speed fast: expected a number from 0.1 to 3600",
    );
}

#[test]
fn a_bad_rehearsal_time_is_refused_and_a_good_one_starts_the_clock_there() {
    for at in ["25:00", "2pm", "14.30"] {
        refused(
            &["--rehearse", "--at", at],
            &format!("convene: --at {at}: expected a time as HH:MM (24-hour, e.g. 14:30)"),
        );
    }
    // Day 1 from 14:05 Jakarta: the workshop clock says so, and the day is late.
    let mut console = Console::start(&["--rehearse", "--day", "1", "--at", "14:05"], 120, 40);
    console.wait_for("REHEARSAL", WAIT);
    console.wait_for("Jakarta 14:05", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn a_match_the_report_lacks_exits_2_once_the_screen_has_opened() {
    // The report has nobody of that name: found out in the console, which gives the terminal
    // back and exits as for any other bad input.
    let mut console = Console::start(
        &[
            "--no-journal",
            "--roster",
            SAMPLE,
            "--attendance",
            "tests/fixtures/zoom/roster-match.csv",
            // A meeting of 21 Nov 2022, no day of the ToT: recorded all the same.
            "--force",
            "--match",
            "Nobody Here=Somebody Else",
        ],
        120,
        40,
    );
    console.wait_for("convene: --match: “Nobody Here”", WAIT);
    assert_eq!(console.wait_exit(WAIT), 2, "{}", console.contents());
    console.assert_terminal_restored();
}

#[test]
fn the_answer_to_an_edited_programme_is_use_or_keep() {
    refused(
        &["--programme-changes", "maybe"],
        "convene: --programme-changes maybe: expected use or keep",
    );
}
