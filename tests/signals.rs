//! Ended from outside: SIGTERM (a shutdown, `kill`), SIGHUP (the window closed, the connection
//! dropped) and SIGINT (`kill -INT`) end the console as quitting does. The terminal is given
//! back and the exit status is 0; the session is in the journal and resumes.

mod common;

use std::time::Duration;

use common::pty::Console;

const WAIT: Duration = Duration::from_secs(10);

/// Starts a block, sends `signal` while it runs (a quit by key would ask first), and checks
/// the console ended at once, gave the terminal back, and left the block in the journal.
fn ended_by(signal: &str) {
    let tmp = tempfile::Builder::new()
        .prefix(&format!("convene-signal-{signal}-"))
        .tempdir()
        .unwrap();
    let journal = tmp.path().join("day-1.jsonl");
    let journal = journal.to_str().unwrap();
    let args = ["--journal", journal, "--day", "1"];
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("No block running", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    assert!(console.raw_mode(), "the console runs in raw mode");
    assert!(console.took_the_terminal());

    console.signal(signal);
    assert_eq!(console.wait_exit(WAIT), 0, "{}", console.contents());
    console.assert_terminal_restored();
    // The shell's screen is back, with nothing of the console's on it.
    assert!(
        !console.contents().contains("Welcome"),
        "{}",
        console.contents()
    );

    // Started again, the session is where it was.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("Resumed from the journal: 1 event(s)", WAIT);
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn sigterm_ends_the_console_as_quitting_does() {
    ended_by("TERM");
}

#[test]
fn sighup_ends_the_console_as_quitting_does() {
    ended_by("HUP");
}

#[test]
fn sigint_ends_the_console_as_quitting_does() {
    ended_by("INT");
}
