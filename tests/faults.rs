//! The journal under faults, with the real binary in a pseudo-terminal: a second console on
//! the same journal, a disk that fills up and empties again.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::pty::Console;

const WAIT: Duration = Duration::from_secs(20);

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convene-faults-{name}-"))
        .tempdir()
        .unwrap()
}

/// Quits a console on which a block runs: it asks first, and ends well.
fn quit_while_running(console: &mut Console) {
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
}

fn records(journal: &Path) -> Vec<convene::journal::Record> {
    convene::journal::read(&[journal.to_path_buf()])
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap()
        .records
}

#[test]
fn a_second_console_on_the_same_journal_is_refused_and_the_first_goes_on() {
    let tmp = scratch("two");
    let journal = tmp.path().join("day-1.jsonl");
    let args = ["--journal", journal.to_str().unwrap(), "--day", "1"];
    let mut first = Console::start(&args, 120, 40);
    first.wait_for("day-1.jsonl", WAIT);
    first.send("n");
    first.wait_for("▶ Now Welcome and opening", WAIT);

    // The second is refused before it takes the terminal or touches the journal.
    let before = std::fs::read(&journal).unwrap();
    let mut second = Console::start(&args, 120, 40);
    assert_ne!(second.wait_exit(WAIT), 0);
    let said = second.output();
    assert!(
        said.contains("a convene console already has this journal folder open (process "),
        "{said}"
    );
    assert!(said.contains(tmp.path().to_str().unwrap()), "{said}");
    assert!(!second.took_the_terminal());
    assert_eq!(std::fs::read(&journal).unwrap(), before);

    // The first goes on, alone: its numbers run on without a gap or a repeat.
    first.send(">");
    first.wait_for("“Welcome and opening” now 15 min", WAIT);
    quit_while_running(&mut first);
    let seqs: Vec<u64> = records(&journal).iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [1, 2]);

    // Once the first has closed, the journal folder is free again.
    let mut again = Console::start(&args, 120, 40);
    again.wait_for("Resumed from the journal: 2 event(s)", WAIT);
    quit_while_running(&mut again);
}

/// A small disk of its own, where the machine lets the tests mount one (root, tmpfs).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Option<SmallDisk> {
        let dir = scratch("disk");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        mounted.then_some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills what is left of the disk; the returned file is the filler.
    fn fill(&self) -> std::path::PathBuf {
        let filler = self.path().join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![b'x'; 4096];
        while std::io::Write::write_all(&mut file, &block).is_ok() {}
        // Whatever bytes were left, byte by byte.
        while std::io::Write::write_all(&mut file, b"x").is_ok() {}
        let _ = file.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_briefly_full_disk_loses_the_action_it_refused_and_nothing_else() {
    let Some(disk) = SmallDisk::mount(100) else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root and mount)");
        return;
    };
    let journal = disk.path().join("day-1.jsonl");
    let args = ["--journal", journal.to_str().unwrap(), "--day", "1"];
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("day-1.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);

    // The disk fills: an action is refused, and said to be. The journal's last page may still
    // have room for a line or more (how much depends on the programme's size), so minutes are
    // added until one is refused; those that fitted are saved.
    let filler = disk.fill();
    let refused = "Not done: the journal could not be written";
    let mut saved = 0;
    loop {
        assert!(saved < 64, "the journal never ran out of room");
        console.send("+");
        let taken = format!("“Welcome and opening” now {} min", 10 + saved + 1);
        let deadline = std::time::Instant::now() + WAIT;
        while !console.contents().contains(refused) && !console.contents().contains(&taken) {
            assert!(
                std::time::Instant::now() < deadline,
                "{}",
                console.contents()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        if console.contents().contains(refused) {
            break;
        }
        saved += 1;
    }
    // Room again: the next action is saved, on a line of its own.
    std::fs::remove_file(&filler).unwrap();
    console.send(">");
    console.wait_for(
        &format!("“Welcome and opening” now {} min", 10 + saved + 5),
        WAIT,
    );
    quit_while_running(&mut console);

    // Every line whole; the start, the minutes that fitted and the five minutes, not the
    // refused minute.
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'));
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("a line that is not whole: {line}: {e}"));
    }
    let kinds: Vec<String> = records(&journal)
        .iter()
        .map(|r| serde_json::to_value(&r.event).unwrap()["type"].to_string())
        .collect();
    let mut expected = vec!["\"block_started\"".to_string()];
    expected.extend((0..=saved).map(|_| "\"block_resized\"".to_string()));
    assert_eq!(kinds, expected);

    // And it starts again on it.
    let mut again = Console::start(&args, 120, 40);
    again.wait_for(
        &format!("Resumed from the journal: {} event(s)", 2 + saved),
        WAIT,
    );
    quit_while_running(&mut again);
}

#[test]
fn a_review_of_a_file_and_its_copy_counts_each_event_once_and_says_so() {
    let tmp = scratch("review-copy");
    let dir = tmp.path();
    let journal = dir.join("day-1.jsonl");
    let args = ["--journal", journal.to_str().unwrap(), "--day", "1"];
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("day-1.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    let copy = dir.join("copy.jsonl");
    std::fs::copy(&journal, &copy).unwrap();

    let review = |files: &[&Path], out: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_convene"))
            .arg("review")
            .args(files)
            .arg("-o")
            .arg(dir.join(out))
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let report = std::fs::read_to_string(dir.join(out).join("report.md")).unwrap();
        (String::from_utf8(output.stderr).unwrap(), report)
    };
    let (_, alone) = review(&[&journal], "alone");
    let (said, with_copy) = review(&[&journal, &copy, &journal], "with-copy");
    assert_eq!(with_copy, alone);
    assert!(
        said.contains(&format!(
            "{}:2: event 1 read already, left out",
            copy.display()
        )),
        "{said}"
    );
    assert_eq!(said.matches("read already").count(), 1, "{said}");
}

#[test]
fn day_files_given_by_name_number_their_events_on_from_each_other() {
    let tmp = scratch("day-files");
    let dir = tmp.path();
    let day1 = dir.join("day-1.jsonl");
    let day2 = dir.join("day-2.jsonl");
    let mut console = Console::start(
        &["--journal", day1.to_str().unwrap(), "--day", "1"],
        120,
        40,
    );
    console.wait_for("day-1.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.send("E");
    console.wait_for("End day 1 now?", WAIT);
    console.send("y");
    console.wait_gone("▶ Now Welcome and opening", WAIT);
    // The day's summary opens; Esc closes it.
    console.wait_for("Day 1 is over", WAIT);
    console.send("\x1b");
    console.wait_gone("Day 1 is over", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    let first = records(&day1);
    assert!(!first.is_empty());

    // Day 2 in a file of its own, named on the command line: it goes on from day 1's numbers.
    let mut console = Console::start(
        &["--journal", day2.to_str().unwrap(), "--day", "2"],
        120,
        40,
    );
    console.wait_for(
        &format!("Resumed from the journal: {} event(s)", first.len()),
        WAIT,
    );
    console.send("n");
    console.wait_for("▶ Now", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    let last_of_day1 = first.last().unwrap().seq;
    let second = records(&day2);
    assert!(!second.is_empty());
    assert!(
        second[0].seq == last_of_day1 + 1,
        "{last_of_day1} then {:?}",
        second[0]
    );
    let both = convene::journal::read(&[day1, day2]).unwrap().unwrap();
    assert_eq!(both.records.len(), first.len() + second.len());
    assert!(both.repeated.is_empty());
}
