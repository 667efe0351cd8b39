//! convene as the shell sees it: the console without a terminal is refused before it writes
//! anything; a subcommand whose reader stops early ends quietly; a FIFO or a device given as
//! the journal is refused with its name.

mod common;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pty::{Console, files_under};

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

/// `args` run with standard output a pipe whose reading end is already closed, as when
/// `| head` has read all it wanted: convene ends quietly, by SIGPIPE as other command-line
/// tools do, with nothing on standard error.
#[cfg(unix)]
fn ends_quietly_on_a_closed_pipe(args: &[&str]) {
    use std::os::unix::process::ExitStatusExt;
    let tmp = scratch("pipe");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = command(args, &tmp.path().join("data"))
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = finish(child, &format!("convene {args:?} into a closed pipe"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, "", "{args:?}");
    assert_eq!(
        out.status.signal(),
        Some(nix::sys::signal::Signal::SIGPIPE as i32),
        "{args:?}: {:?}",
        out.status
    );
}

#[cfg(unix)]
#[test]
fn a_subcommand_read_by_a_reader_that_stopped_ends_quietly() {
    ends_quietly_on_a_closed_pipe(&[
        "groups",
        "--roster",
        "assets/roster-sample.csv",
        "--groups",
        "5",
    ]);
    ends_quietly_on_a_closed_pipe(&["check", "sessions/tot-module4-aspac-2021.json"]);
    ends_quietly_on_a_closed_pipe(&["roster", "import", "assets/roster-sample.csv"]);
}

#[cfg(unix)]
#[test]
fn a_subcommand_read_to_its_end_exits_0_as_before() {
    // The counterpart: with a reader that reads everything, nothing changes.
    let tmp = scratch("pipe-read");
    let child = command(
        &[
            "groups",
            "--roster",
            "assets/roster-sample.csv",
            "--groups",
            "5",
        ],
        &tmp.path().join("data"),
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let out = finish(child, "convene groups");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Room 1"));
}

/// Makes a FIFO at `path` with `mkfifo`; `false` (and a message) where there is none.
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) if status.success() => true,
        other => {
            eprintln!("skipped: mkfifo is not available here ({other:?})");
            false
        }
    }
}

#[test]
fn a_fifo_as_the_journal_is_refused_with_its_name() {
    let tmp = scratch("fifo");
    let fifo = tmp.path().join("journal.fifo");
    if !mkfifo(&fifo) {
        return;
    }
    let fifo = fifo.to_str().unwrap();
    let mut console = Console::start(&["--journal", fifo], 120, 40);
    console.wait_for(
        &format!(
            "convene: --journal {fifo}: a FIFO (named pipe), not a file: a journal must be a \
             regular file"
        ),
        WAIT,
    );
    assert_eq!(console.wait_exit(WAIT), 2, "{}", console.contents());
    assert!(!console.took_the_terminal(), "{:?}", console.output());
    console.assert_terminal_restored();
    assert!(
        console.data_files().is_empty(),
        "{:?}",
        console.data_files()
    );

    // Read, as by a replay, it is refused the same way rather than waited on.
    let child = command(&["replay", fifo], &tmp.path().join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = finish(child, "convene replay FIFO");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "convene: {fifo}: a FIFO (named pipe), not a file: a journal must be a regular file\n"
        )
    );
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_device_as_the_journal_is_refused_with_its_name() {
    let mut console = Console::start(&["--journal", "/dev/null"], 120, 40);
    console.wait_for(
        "convene: --journal /dev/null: a character device, not a file: a journal must be a \
         regular file",
        WAIT,
    );
    assert_eq!(console.wait_exit(WAIT), 2, "{}", console.contents());
    assert!(!console.took_the_terminal(), "{:?}", console.output());
    console.assert_terminal_restored();
}
