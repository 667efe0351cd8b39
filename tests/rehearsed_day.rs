//! End to end: a rehearsed day 1 of the ToT with the sample roster, typed at the real binary in
//! a pseudo-terminal as a facilitator would: a breakout exercise with rooms, a room asking for
//! help, a note, the report-back block calling every room, the end of the day and its summary,
//! then the review. Every step must say what it did in the footer, and no step is refused.

mod common;

use std::time::{Duration, Instant};

use common::pty::Console;

const WAIT: Duration = Duration::from_secs(10);

/// Refusals a facilitator met in this flow before; none may appear.
const REFUSALS: [&str; 4] = [
    "No exercise is running",
    "No block is running",
    "has ended",
    "nothing to",
];

/// The footer's message line: the one just below the panes (or a popup's lower border); the
/// keys below it may take one line or two.
fn footer(console: &Console) -> String {
    let screen = console.contents();
    let lines: Vec<&str> = screen.lines().collect();
    lines
        .iter()
        .rposition(|l| l.starts_with('└') || l.starts_with('─'))
        .and_then(|bottom| lines.get(bottom + 1))
        .map(|l| l.trim().to_string())
        .unwrap_or_default()
}

/// Waits until the footer's message holds `text`, then checks that no refusal is on screen.
fn said(console: &Console, text: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let line = footer(console);
        if line.contains(text) {
            let screen = console.contents();
            for refusal in REFUSALS {
                assert!(!screen.contains(refusal), "refused: {refusal}\n{screen}");
            }
            return line;
        }
        assert!(
            Instant::now() < deadline,
            "the footer never said {text:?}; the screen shows:\n{}",
            console.contents()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `n` on a block started less than a minute ago asks first; either way the next block starts.
fn next_block(console: &mut Console, next: &str) {
    console.send("n");
    let deadline = Instant::now() + WAIT;
    // The question is answered once: a screen not yet redrawn still shows it, and a second
    // `y` would be a key of the console's own (copying the rooms).
    let mut answered = false;
    loop {
        let screen = console.contents();
        // A narrow header cuts a long title: its first 24 characters are enough.
        let shown: String = next.chars().take(24).collect();
        if screen.contains(&format!("▶ Now {shown}")) {
            return;
        }
        if !answered && screen.contains("Finish “") && screen.contains(" after ") {
            console.send("y");
            answered = true;
        }
        assert!(Instant::now() < deadline, "{next} never started:\n{screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn rehearse_day_one(cols: u16, rows: u16) {
    let tmp = tempfile::Builder::new()
        .prefix("convene-rehearsed-day-")
        .tempdir()
        .unwrap();
    let journal = tmp.path().join("day-1.jsonl");
    let journal = journal.to_str().unwrap();
    let mut console = Console::start(
        &[
            "--roster",
            "assets/roster-sample.csv",
            "--rehearse",
            "--day",
            "1",
            "--at",
            "13:00",
            "--journal",
            journal,
        ],
        cols,
        rows,
    );
    console.wait_for("REHEARSAL", WAIT);

    // The day in its order: the welcome, the introductions, the first talk, then the
    // breakout "Principles underpinning DC". Each `n` within a minute of a start asks first.
    for block in [
        "Welcome and opening",
        "Introductions",
        "What is Decentralized Cooperation?",
        "Principles underpinning DC",
    ] {
        next_block(&mut console, block);
        said(&console, &format!("Started “{block}”"));
    }

    // Four rooms, mixed: the prompt's suggestion is replaced by what is typed.
    console.send("f");
    console.wait_for("Enter forms the rooms", WAIT);
    console.send("4 mixed\r");
    said(&console, "Formed 4 groups (mixed)");

    // The tracker: every room briefed, then working.
    console.send("4");
    for room in 1..=4 {
        console.send("v");
        said(&console, &format!("Room {room}"));
        console.send("v");
        said(&console, "working");
        console.send("j");
    }
    // Room 2 asks for help; the flag is in the header until it is helped.
    console.send("kkh");
    console.wait_for("⚑ HELP: Room 2", WAIT);
    said(&console, "Room 2");
    console.send("h");
    console.wait_gone("⚑ HELP", WAIT);
    said(&console, "Room 2");
    // A note for room 2, kept with Ctrl-s and said so.
    console.send("o");
    console.wait_for("Ctrl-s keeps", WAIT);
    console.send("Bicycle wheel: the city-to-city agreement");
    console.send("\x13");
    said(&console, "notes for Room 2");

    // The report-back block follows the exercise: the tracker keeps its rooms, and `Q` calls
    // each room to report, with a speaking timer, then marks the last one reported.
    next_block(&mut console, "Report-back: principles");
    console.wait_for("Room 4", WAIT);
    for room in 1..=4 {
        console.send("Q");
        said(&console, &format!("Room {room} called to report back"));
    }
    console.send("Q");
    said(&console, "Room 4 reported");

    // End the day: it asks, `y` ends it, and the summary opens.
    console.send("E");
    console.wait_for("End day 1 now?", WAIT);
    console.send("y");
    console.wait_for("Day 1 is over", WAIT);
    said(&console, "Ended day 1");
    let screen = console.contents();
    for text in [
        "Ran 5 of 15 blocks",
        "Breakout round",
        "(4 rooms)",
        "Reported back:",
        "4 of 4 rooms",
        "Day 2 starts Thu 25 Nov 2021",
    ] {
        assert!(
            screen.contains(text),
            "{cols}x{rows}: no {text:?} in\n{screen}"
        );
    }
    console.send("\x1b");
    console.wait_gone("Day 1 is over", WAIT);
    console.wait_for("Day 1 ended at", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);

    // The review tells the same day: five blocks ran, the rest did not, every room reported.
    let out = tmp.path().join("review");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(["review", journal, "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("with 10 blocks not run"), "{md}");
    assert!(md.contains("The 5 blocks that ran ended"), "{md}");
    assert!(
        md.contains("Bicycle wheel: the city-to-city agreement"),
        "{md}"
    );
}

#[test]
fn a_rehearsed_day_at_120x40_runs_an_exercise_to_its_report_back_and_ends() {
    rehearse_day_one(120, 40);
}

#[test]
fn a_rehearsed_day_at_80x24_runs_an_exercise_to_its_report_back_and_ends() {
    rehearse_day_one(80, 24);
}
