//! End to end: the real binary in a pseudo-terminal, typed at like a facilitator would.

mod common;

use std::time::Duration;

use common::pty::Console;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn opens_the_tot_shows_help_switches_day_and_quits() {
    let mut console = Console::start(&["--local-tz", "Asia/Manila"], 120, 40);
    console.wait_for("What is Decentralized Cooperation?", WAIT);
    console.wait_for("Day 1 of 3 · Mon 8 Nov 2021", WAIT);
    console.wait_for("Manila", WAIT);

    console.send("?");
    console.wait_for("Keys · Esc closes", WAIT);
    console.wait_for("Finish the running block and start the next one", WAIT);
    console.send("\x1b");
    console.wait_gone("Keys · Esc closes", WAIT);

    console.send("]");
    console.wait_for("Day 2 of 3 · Thu 25 Nov 2021", WAIT);
    console.wait_for("How does DC work in practice?", WAIT);

    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert!(console.terminal_restored(), "{}", console.contents());
}

#[test]
fn quitting_while_a_block_runs_asks_first() {
    let mut console = Console::start(&["--day", "1"], 120, 40);
    console.wait_for("No block running", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("n");
    console.wait_gone("is running?", WAIT);
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert!(console.terminal_restored());
}

#[test]
fn a_small_window_asks_to_be_enlarged() {
    let mut console = Console::start(&[], 60, 20);
    console.wait_for("enlarge the window to at least 80x24", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn a_broken_programme_file_is_refused_before_the_screen_opens() {
    let dir = std::env::temp_dir().join(format!("convene-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.json");
    std::fs::write(
        &file,
        "{\n  \"format\": 1,\n  \"title\": \"x\",\n  \"days\": 3\n}\n",
    )
    .unwrap();
    let mut console = Console::start(&[file.to_str().unwrap()], 120, 40);
    console.wait_for("broken.json:", WAIT);
    assert_eq!(console.wait_exit(WAIT), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_roster_with_bad_rows_is_refused_with_their_lines() {
    let mut console = Console::start(&["--roster", "tests/fixtures/roster-broken.csv"], 120, 40);
    console.wait_for("roster-broken.csv:4: column `email`", WAIT);
    console.wait_for("fix the rows above", WAIT);
    assert_eq!(console.wait_exit(WAIT), 2);
}

#[test]
fn the_sample_roster_shows_in_the_groups_pane() {
    let mut console = Console::start(&["--roster", "assets/roster-sample.csv"], 120, 40);
    console.wait_for("30 participants · 3 facilitators", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn rehearse_a_late_day_overrun_extend_and_replan() {
    // Day 1 rehearsed from 13:20 at 60x: the day is already 20 minutes late.
    let mut console = Console::start(
        &["--rehearse", "--day", "1", "--at", "13:20", "--speed", "60"],
        120,
        40,
    );
    console.wait_for("REHEARSAL", WAIT);
    console.wait_for("20 min behind", WAIT);

    // Start the welcome and cut it to one minute: it soon runs over.
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.send("---------");
    console.wait_for(" over", WAIT);

    // Give it five minutes more: time is left again.
    console.send(">");
    console.wait_for("Welcome and opening · 0", WAIT);
    console.wait_gone(" over ", WAIT);

    // Replan: the preview shows the changes and a day that ends on time.
    console.send("p");
    console.wait_for("Replan day 1", WAIT);
    console.wait_for("New end 16:30: the day ends on time.", WAIT);
    console.send("\r");
    console.wait_for("Day 1 replanned", WAIT);
    console.wait_for("on time · ends 16:30", WAIT);

    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert!(console.terminal_restored());
}

#[test]
fn a_countdown_is_typed_and_shown_in_big_digits() {
    let mut console = Console::start(&["--rehearse", "--speed", "1"], 120, 40);
    console.wait_for("REHEARSAL", WAIT);
    console.send("t");
    console.wait_for("New countdown", WAIT);
    console.send("\x15"); // Ctrl-U clears the suggestion
    console.send("3 Report-back speaker\r");
    console.wait_for("Report-back speaker", WAIT);
    console.wait_for("02:5", WAIT);
    console.send("2b");
    console.wait_for("b returns to the panes", WAIT);
    console.send("b");
    console.wait_gone("b returns to the panes", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn after_a_hard_kill_the_session_comes_back_where_it_was() {
    let dir = std::env::temp_dir().join(format!("convene-e2e-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("day-1.jsonl");
    let journal = journal.to_str().unwrap();
    let args = ["--journal", journal, "--day", "1"];

    // Start the welcome and a three-minute countdown, then kill the process outright.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("day-1.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.send("t");
    console.wait_for("New countdown", WAIT);
    console.send("\x15");
    console.send("3 Report-back speaker\r");
    console.wait_for("◷ Report-back speaker", WAIT);
    console.kill_hard();

    // Started again on the same journal: the same block and timer, still running.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("Resumed from the journal: 2 event(s)", WAIT);
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.wait_for("◷ Report-back speaker", WAIT);
    console.wait_for(" left", WAIT);
    let screen = console.contents();
    assert!(screen.contains("Elapsed 00:0"), "{screen}");
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_journal_can_be_replayed_read_only() {
    let dir = std::env::temp_dir().join(format!("convene-e2e-replay-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("day-1.jsonl");
    let journal = journal.to_str().unwrap();

    let mut console = Console::start(&["--journal", journal, "--day", "1"], 120, 40);
    console.wait_for("day-1.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.send("n");
    console.wait_for("▶ Now Introductions", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);

    let mut replay = Console::start(&["replay", journal], 120, 40);
    replay.wait_for("REPLAY 0/3", WAIT);
    replay.send("l");
    replay.wait_for("Event 1 of 3", WAIT);
    replay.wait_for("started “Welcome and opening”", WAIT);
    replay.wait_for("▶ Now Welcome and opening", WAIT);
    // Keys that would change a session do nothing here.
    replay.send("n");
    replay.send("\x1b[F"); // End
    replay.wait_for("REPLAY 3/3", WAIT);
    replay.wait_for("▶ Now Introductions", WAIT);
    replay.send("q");
    assert_eq!(replay.wait_exit(WAIT), 0);
    // The replay wrote nothing.
    let lines = std::fs::read_to_string(journal).unwrap().lines().count();
    assert_eq!(lines, 4);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_breakout_exercise_from_briefing_to_the_last_report_back() {
    let mut console = Console::start(
        &[
            "--roster",
            "assets/roster-sample.csv",
            "--rehearse",
            "--day",
            "3",
            "--at",
            "13:30",
        ],
        120,
        40,
    );
    console.wait_for("REHEARSAL", WAIT);
    // Day 3: the welcome, the chapter 5 talk, then Exercise 5.1: start it.
    console.send("jj\r");
    console.wait_for("▶ Now Exercise 5.1", WAIT);
    // Three rooms, mixed.
    console.send("f");
    console.wait_for("Form groups", WAIT);
    console.send("\x153 mixed\r");
    console.wait_for("Exercises tracker", WAIT);
    // Brief them all, set them working; room 2 asks for help, then is helped.
    console.send("4");
    for _ in 0..3 {
        console.send("vvj");
    }
    console.send("kh");
    console.wait_for("⚑ HELP: Room 2", WAIT);
    console.send("h");
    console.wait_gone("⚑ HELP", WAIT);
    // A note for room 2, then everyone done.
    console.send("o");
    console.wait_for("Ctrl-s keeps", WAIT);
    console.send("Map: city hall, university, chamber of commerce\x13");
    console.wait_gone("Ctrl-s keeps", WAIT);
    console.send("kvjvjv");
    // Report back, room by room, each with a speaking timer.
    for room in 1..=3 {
        console.send("Q");
        console.wait_for(&format!("Report-back: Room {room}"), WAIT);
    }
    console.send("Q");
    console.wait_for("Room 3       reported", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn a_try_out_without_a_journal_says_so_in_the_header() {
    let mut console = Console::start(&["--no-journal", "--day", "1"], 120, 40);
    console.wait_for("not journaled", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
}
