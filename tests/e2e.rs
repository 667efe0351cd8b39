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
