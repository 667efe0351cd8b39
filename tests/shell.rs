//! convene as the shell sees it: the console without a terminal is refused before it writes
//! anything.

mod common;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pty::files_under;

const WAIT: Duration = Duration::from_secs(10);

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convene-shell-{name}-"))
        .tempdir()
        .unwrap()
}

/// `convene` with these arguments, its data folder in `data` (which does not exist yet).
fn command(args: &[&str], data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_convene"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_DATA_HOME", data)
        .env("HOME", data)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null());
    cmd
}

/// Waits for the child to end within `WAIT`; a child that hangs is killed and fails the test.
fn finish(mut child: Child, what: &str) -> Output {
    let deadline = Instant::now() + WAIT;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{what} did not end within {WAIT:?}; it wrote:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

const NO_TERMINAL: &str = "convene: the console needs a terminal to draw on, and its output is \
                           not one: run it in a terminal window";

#[test]
fn without_a_terminal_the_console_says_so_and_writes_nothing() {
    let tmp = scratch("no-tty");
    let data = tmp.path().join("data");
    let journal = tmp.path().join("day-1.jsonl");
    for args in [
        vec!["--day", "1"],
        vec!["--journal", journal.to_str().unwrap()],
        vec!["--rehearse", "--day", "2"],
    ] {
        let child = command(&args, &data)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = finish(child, &format!("convene {args:?} with its output piped"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr, format!("{NO_TERMINAL}\n"), "{args:?}");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: nothing drawn into the pipe"
        );
        // No journal, and no folder for one.
        assert!(!data.exists(), "{args:?}: {:?}", files_under(&data));
        assert!(!journal.exists(), "{args:?}");
    }
    // A replay opens no journal for writing, and is refused the same way.
    let child = command(&["replay", "tests/fixtures/journal-v1/day-1.jsonl"], &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = finish(child, "convene replay with its output piped");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("{NO_TERMINAL}\n")
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
