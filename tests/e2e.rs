//! End to end: the real binary in a pseudo-terminal, typed at like a facilitator would.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::Console;

const WAIT: Duration = Duration::from_secs(10);

/// A fresh, empty folder for one test's files, removed when the test ends, also when it fails.
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convene-e2e-{name}-"))
        .tempdir()
        .unwrap()
}

/// The lines of a file, or none when it does not exist.
fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Waits until the file holds `n` lines: the journal is on disk before the screen shows a change.
fn wait_lines(path: &Path, n: usize, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while lines_of(path).len() < n {
        assert!(
            Instant::now() < deadline,
            "waited {timeout:?} for {} to hold {n} lines; it holds:\n{}",
            path.display(),
            lines_of(path).join("\n")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The time left shown as `MM:SS left` on the screen line that contains `label`, in seconds.
fn seconds_left(screen: &str, label: &str) -> u32 {
    let line = screen
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no line with {label:?}; the screen shows:\n{screen}"));
    let before = &line[..line
        .rfind(" left")
        .unwrap_or_else(|| panic!("no time left on {line:?}"))];
    let clock = before.split_whitespace().last().unwrap();
    let (m, s) = clock
        .split_once(':')
        .unwrap_or_else(|| panic!("{clock:?} in {line:?} is not MM:SS"));
    m.parse::<u32>().unwrap() * 60 + s.parse::<u32>().unwrap()
}

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

    assert!(console.raw_mode(), "the console runs in raw mode");
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    console.assert_terminal_restored();
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
    console.assert_terminal_restored();
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
    let tmp = scratch("broken");
    let dir = tmp.path();
    let file = dir.join("broken.json");
    // Line 4 is `  "days": 3`: two spaces, `"days"` in columns 3 to 8, the colon in 9, a space
    // in 10, so the number that should be a list of days is in column 11.
    std::fs::write(
        &file,
        "{\n  \"format\": 1,\n  \"title\": \"x\",\n  \"days\": 3\n}\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let mut console = Console::start(&[file], 120, 40);
    let expected = format!("{file}:4:11: days: invalid type: integer `3`, expected a sequence");
    console.wait_for(&expected, WAIT);
    assert_eq!(console.wait_exit(WAIT), 2);
    // Refused before the console took the terminal: no alternate screen, no raw mode, and the
    // message is on the shell's own screen.
    assert!(!console.took_the_terminal(), "{:?}", console.output());
    assert!(console.termios_restored(), "{:?}", console.local_flags());
    console.assert_terminal_restored();
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
    console.assert_terminal_restored();
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
    // The screen-share view: the countdown alone, without the header's REHEARSAL.
    console.send("2b");
    console.wait_gone("REHEARSAL", WAIT);
    console.wait_for("Report-back speaker", WAIT);
    console.send("b");
    console.wait_for("REHEARSAL", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn after_a_hard_kill_the_session_comes_back_where_it_was() {
    let tmp = scratch("kill");
    let dir = tmp.path();
    let journal = dir.join("day-1.jsonl");
    let journal = journal.to_str().unwrap();
    let args = ["--journal", journal, "--day", "1"];

    // Start the welcome (ten minutes) and a three-minute countdown, then kill the process
    // outright. The instants around each start bound when it happened.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("day-1.jsonl", WAIT);
    let block_asked = Instant::now();
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    let block_seen = Instant::now();
    console.send("t");
    console.wait_for("New countdown", WAIT);
    console.send("\x15");
    let countdown_asked = Instant::now();
    console.send("3 Report-back speaker\r");
    console.wait_for("◷ Report-back speaker", WAIT);
    let countdown_seen = Instant::now();
    // Some seconds running, some seconds dead: both count, the clocks went on meanwhile.
    std::thread::sleep(Duration::from_secs(3));
    console.kill_hard();
    std::thread::sleep(Duration::from_secs(3));

    // Started again on the same journal: the same block and timer, still running.
    let restarted = Instant::now();
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("Resumed from the journal: 2 event(s)", WAIT);
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.wait_for("◷ Report-back speaker", WAIT);
    let screen = console.contents();
    let read = Instant::now();

    // What is shown was drawn after the restart and before it was read; each thing started
    // between being asked for and being seen. Times are kept to the whole second, hence the
    // one second either way.
    let left_between = |total: u64, asked: Instant, seen: Instant| {
        let most_elapsed = (read - asked).as_secs() + 1;
        let least_elapsed = (restarted - seen).as_secs();
        total.saturating_sub(most_elapsed + 1)..=(total + 1).saturating_sub(least_elapsed)
    };
    let countdown = seconds_left(&screen, "◷ Report-back speaker");
    let expected = left_between(180, countdown_asked, countdown_seen);
    assert!(
        expected.contains(&u64::from(countdown)),
        "the countdown shows {countdown} s left, expected {expected:?}; the screen shows:\n{screen}"
    );
    let block = seconds_left(&screen, "▶ Now Welcome and opening");
    let expected = left_between(600, block_asked, block_seen);
    assert!(
        expected.contains(&u64::from(block)),
        "the welcome shows {block} s left, expected {expected:?}; the screen shows:\n{screen}"
    );

    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn a_journal_can_be_replayed_read_only() {
    let tmp = scratch("replay");
    let dir = tmp.path();
    let journal = dir.join("day-1.jsonl");
    let journal = journal.to_str().unwrap();

    let mut console = Console::start(&["--journal", journal, "--day", "1"], 120, 40);
    console.wait_for("day-1.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    // Seconds after its start, finishing the welcome asks first.
    console.send("n");
    console.wait_for("finishes it and starts the next", WAIT);
    console.send("y");
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
}

#[test]
fn a_replay_of_two_day_files_steps_and_jumps_ten_minutes() {
    let tmp = scratch("replay-days");
    let dir = tmp.path();
    let session = dir.join("session.jsonl");
    let session_arg = session.to_str().unwrap();
    // Rehearsals on a clock that runs in real time from `--at`: each session's events fall a
    // few seconds after the time it starts at.
    let rehearse = |day, at| {
        [
            "--rehearse",
            "--day",
            day,
            "--at",
            at,
            "--speed",
            "1",
            "--journal",
            session_arg,
        ]
    };

    // Day 1 from 13:00: the welcome starts and is given five minutes more, twice.
    let mut console = Console::start(&rehearse("1", "13:00"), 120, 40);
    console.wait_for("REHEARSAL", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.send(">");
    wait_lines(&session, 3, WAIT);
    console.send(">");
    wait_lines(&session, 4, WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);

    // Day 1 again at 13:12: on to the introductions, then the day is ended.
    let mut console = Console::start(&rehearse("1", "13:12"), 120, 40);
    console.wait_for("Resumed from the journal: 3 event(s)", WAIT);
    console.send("n");
    console.wait_for("▶ Now Introductions", WAIT);
    let before_end = lines_of(&session).len();
    console.send("E");
    console.send("y");
    console.wait_gone("▶ Now Introductions", WAIT);
    assert!(lines_of(&session).len() > before_end);
    // The day's summary opens; Esc closes it.
    console.wait_for("Day 1 is over", WAIT);
    console.send("\x1b");
    console.wait_gone("Day 1 is over", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    let day1_lines = lines_of(&session).len();

    // Day 2 from 13:00: its first block starts.
    let mut console = Console::start(&rehearse("2", "13:00"), 120, 40);
    console.wait_for("Resumed from the journal", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome back and self-study recap", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);

    // The files a workshop leaves, one per day: each opens with the header line, and the
    // events go on from one day's file to the next.
    let lines = lines_of(&session);
    let day1 = dir.join("day-1.jsonl");
    let day2 = dir.join("day-2.jsonl");
    std::fs::write(&day1, lines[..day1_lines].join("\n") + "\n").unwrap();
    let mut second = vec![lines[0].clone()];
    second.extend_from_slice(&lines[day1_lines..]);
    std::fs::write(&day2, second.join("\n") + "\n").unwrap();
    let on_day1 = day1_lines - 1;
    let total = lines.len() - 1;
    assert!(total > on_day1, "{:?}", &lines[1..]);

    let mut replay = Console::start(
        &["replay", day1.to_str().unwrap(), day2.to_str().unwrap()],
        120,
        40,
    );
    let event = |n: usize, when: &str| format!("Event {n} of {total} · {when}");
    replay.wait_for(&format!("REPLAY 0/{total}"), WAIT);
    replay.wait_for("Jakarta 13:00", WAIT);
    // → and ← step one event at a time.
    replay.send("\x1b[C");
    replay.wait_for(&event(1, "Mon 8 Nov 13:00:"), WAIT);
    replay.wait_for("started “Welcome and opening”", WAIT);
    replay.send("\x1b[C");
    replay.wait_for(&event(2, "Mon 8 Nov 13:00:"), WAIT);
    replay.wait_for("extended “Welcome and opening” by 5 min to 15 min", WAIT);
    replay.send("\x1b[D");
    replay.wait_for(&event(1, "Mon 8 Nov 13:00:"), WAIT);
    replay.wait_for("started “Welcome and opening”", WAIT);
    // > from 13:00: everything up to 13:10, both extensions, not only the next event.
    replay.send(">");
    replay.wait_for(&event(3, "Mon 8 Nov 13:00:"), WAIT);
    replay.wait_for("extended “Welcome and opening” by 5 min to 20 min", WAIT);
    replay.wait_for("Jakarta 13:00", WAIT);
    // On to 13:12: the welcome finished, the introductions started.
    replay.send("\x1b[C");
    replay.wait_for(&event(4, "Mon 8 Nov 13:12:"), WAIT);
    replay.wait_for("finished “Welcome and opening”", WAIT);
    replay.send("\x1b[C");
    replay.wait_for(&event(5, "Mon 8 Nov 13:12:"), WAIT);
    replay.wait_for("started “Introductions”", WAIT);
    replay.wait_for("▶ Now Introductions", WAIT);
    replay.wait_for("Jakarta 13:12", WAIT);
    // < from 13:12: back to how things stood at 13:02, before the introductions.
    replay.send("<");
    replay.wait_for(&event(3, "Mon 8 Nov 13:00:"), WAIT);
    replay.wait_for("▶ Now Welcome and opening", WAIT);
    replay.wait_for("Jakarta 13:00", WAIT);
    // The end is in the second file: day 2 at 13:00.
    replay.send("\x1b[F");
    replay.wait_for(&format!("REPLAY {total}/{total}"), WAIT);
    replay.wait_for(&event(total, "Thu 25 Nov 13:00:"), WAIT);
    replay.wait_for("started “Welcome back and self-study recap”", WAIT);
    replay.wait_for("Day 2 of 3 · Thu 25 Nov 2021", WAIT);
    // < from day 2's 13:00: ten minutes earlier is still after day 1, so back to day 1's end.
    replay.send("<");
    replay.wait_for(&event(on_day1, "Mon 8 Nov 13:12:"), WAIT);
    replay.send("q");
    assert_eq!(replay.wait_exit(WAIT), 0);
    replay.assert_terminal_restored();
}

#[test]
fn one_breakout_exercise_from_briefing_to_the_last_report_back() {
    let tmp = scratch("breakout");
    let dir = tmp.path();
    let journal = dir.join("day-3.jsonl");
    let journal = journal.to_str().unwrap();
    let rehearse = |at| {
        [
            "--roster",
            "assets/roster-sample.csv",
            "--rehearse",
            "--day",
            "3",
            "--at",
            at,
            "--journal",
            journal,
        ]
    };
    let note = "Map: city hall, university, chamber of commerce";
    let mut console = Console::start(&rehearse("13:30"), 120, 40);
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
    // A note for room 2: once kept, room 2's row in the tracker, and only its row, is marked ✎.
    console.send("o");
    console.wait_for("Ctrl-s keeps", WAIT);
    console.send(note);
    console.send("\x13");
    console.wait_gone("Ctrl-s keeps", WAIT);
    console.wait_for("✎", WAIT);
    let screen = console.contents();
    for room in 1..=3 {
        let row = screen
            .lines()
            .find(|l| l.contains(&format!("Room {room}       working")))
            .unwrap_or_else(|| panic!("no tracker row for room {room}:\n{screen}"));
        assert_eq!(row.contains('✎'), room == 2, "room {room}:\n{screen}");
    }
    // Then everyone done.
    console.send("kvjvjv");
    // Report back, room by room, each with a speaking timer.
    for room in 1..=3 {
        console.send("Q");
        console.wait_for(&format!("Report-back: Room {room}"), WAIT);
    }
    console.send("Q");
    console.wait_for("Room 3       reported", WAIT);
    // The overview marks each room: all three reported, and only room 2 with notes.
    console.send("O");
    console.wait_for("Every exercise by room", WAIT);
    console.wait_for("R R✎R ", WAIT);
    console.send("O");
    console.wait_gone("Every exercise by room", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);

    // The note is in the journal, once, in full.
    let kept = lines_of(Path::new(journal))
        .into_iter()
        .filter(|l| l.contains(note))
        .count();
    assert_eq!(kept, 1, "{}", lines_of(Path::new(journal)).join("\n"));
    // And it comes back with the session: room 2 still has its notes.
    let mut console = Console::start(&rehearse("13:40"), 120, 40);
    // The cue due at 13:40 takes the footer's line from the word of the resume.
    console.wait_for("Cue due:", WAIT);
    console.send("4O");
    console.wait_for("Every exercise by room", WAIT);
    console.wait_for("R R✎R ", WAIT);
    console.send("Oq");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn a_live_day_is_journaled_in_the_data_folder() {
    // The counterpart of the try-outs below: without them, the journal is in the data folder.
    let mut console = Console::start(&["--day", "1"], 120, 40);
    console.wait_for("day-1.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    // The day's journal, and the lock file that keeps a second console out of the folder.
    let files = console.data_files();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files[0].ends_with(convene::journal::FolderLock::FILE),
        "{files:?}"
    );
    let file = &files[1];
    assert!(file.starts_with("convene/journals"), "{file:?}");
    assert_eq!(file.parent(), files[0].parent());
    assert_eq!(file.file_name().unwrap(), "day-1.jsonl", "{file:?}");
    // The header line and the block started.
    let lines = lines_of(&console.data_dir().join(file));
    assert_eq!(lines.len(), 2, "{lines:?}");
}

#[test]
fn a_try_out_without_a_journal_says_so_and_leaves_no_file() {
    let mut console = Console::start(&["--no-journal", "--day", "1"], 120, 40);
    console.wait_for("not journaled", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert_eq!(console.data_files(), Vec::<PathBuf>::new());
}

#[test]
fn a_rehearsal_without_a_journal_leaves_no_file() {
    let mut console = Console::start(&["--rehearse", "--day", "1", "--speed", "30"], 120, 40);
    console.wait_for("REHEARSAL", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send(">");
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert_eq!(console.data_files(), Vec::<PathBuf>::new());
}

#[test]
fn an_error_after_the_screen_opened_gives_the_terminal_back() {
    // `--match` names someone the report does not have: found out once the console has the
    // terminal, when the report is matched to the roster.
    let mut console = Console::start(
        &[
            "--no-journal",
            "--roster",
            "assets/roster-sample.csv",
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
    let code = console.wait_exit(WAIT);
    assert_ne!(code, 0, "{}", console.contents());
    assert!(
        console.took_the_terminal(),
        "the error came before the console took the terminal: this test needs another error"
    );
    console.assert_terminal_restored();
}

#[test]
fn a_panic_gives_the_terminal_back_then_says_what_happened() {
    // Debug builds panic on the first key when CONVENE_DEBUG_PANIC is set.
    let mut console = Console::start_with_env(
        &["--no-journal", "--day", "1"],
        &[("CONVENE_DEBUG_PANIC", "1")],
        120,
        40,
    );
    console.wait_for("No block running", WAIT);
    assert!(console.raw_mode(), "the console runs in raw mode");
    console.send("n");
    let code = console.wait_exit(WAIT);
    assert_ne!(code, 0, "{}", console.contents());
    console.assert_terminal_restored();
    // The message is on the shell's screen, so it was written after the alternate screen was
    // left (written before, it would have gone with the alternate screen).
    let message = "CONVENE_DEBUG_PANIC: a deliberate panic inside the console loop";
    assert!(
        console.contents().contains(message),
        "{}",
        console.contents()
    );
    let output = console.output();
    let left = output
        .rfind("\x1b[?1049l")
        .expect("the alternate screen left");
    let said = output.rfind(message).unwrap();
    assert!(left < said, "{output:?}");
}

#[test]
fn an_action_cut_off_while_written_is_said_on_screen_and_moved_aside() {
    let tmp = scratch("torn");
    let dir = tmp.path();
    let journal = dir.join("day.jsonl");
    let journal = journal.to_str().unwrap();
    let args = ["--journal", journal, "--day", "1"];
    let mut console = Console::start(&args, 120, 40);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("n");
    console.wait_for("finishes it and starts the next", WAIT);
    console.send("y");
    console.wait_for("▶ Now Introductions", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    // Header, the welcome started (line 2), then one action of two lines: the welcome
    // finished (line 3) and the introductions started (line 4). The laptop died while line 4
    // was being written.
    let lines = lines_of(Path::new(journal));
    assert_eq!(lines.len(), 4, "{lines:?}");
    let whole = std::fs::read(journal).unwrap();
    let cut = whole.len() - lines[3].len() / 2;
    std::fs::write(journal, &whole[..cut]).unwrap();

    // A replay only reads: it shows the session without the torn action and changes nothing.
    let mut replay = Console::start(&["replay", journal], 120, 40);
    replay.wait_for("REPLAY 0/1", WAIT);
    replay.send("q");
    assert_eq!(replay.wait_exit(WAIT), 0);
    assert_eq!(std::fs::read(journal).unwrap(), whole[..cut]);
    assert!(!Path::new(&format!("{journal}.torn")).exists());

    let mut console = Console::start(&args, 120, 40);
    let aside = format!("{journal}.torn");
    // The footer says so (the path that follows may be cut at the screen's edge).
    console.wait_for(
        "lines 3-4 (one action) were cut off while being written and moved to",
        WAIT,
    );
    // Half an action is not replayed: the welcome is still running, not finished.
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert_eq!(lines_of(Path::new(journal)).len(), 2);
    assert_eq!(lines_of(Path::new(&aside)).len(), 2);
}

#[test]
fn a_workshop_resumes_from_its_day_files_in_the_data_folder() {
    // The data folder does not exist yet: the console makes it.
    let tmp = scratch("days");
    let data = tmp.path().join("data");
    let home = data.to_str().unwrap();
    let env = [("XDG_DATA_HOME", home), ("HOME", home)];
    // Day 1: the welcome runs and is finished by ending the day.
    let mut console = Console::start_with_env(&["--day", "1"], &env, 120, 40);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("Ey");
    // The day's summary opens; Esc closes it.
    console.wait_for("Day 1 is over", WAIT);
    console.send("\x1b");
    console.wait_for("× 13:10–13:20 not run", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    // Day 2, another start: its events go to a file of its own.
    let mut console = Console::start_with_env(&["--day", "2"], &env, 120, 40);
    console.wait_for("day-2.jsonl", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome back", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    let files = common::pty::files_under(&data);
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            convene::journal::FolderLock::FILE,
            "day-1.jsonl",
            "day-2.jsonl"
        ],
        "{files:?}"
    );
    // A third start reads both: day 2's block still runs, and day 1 shows what ran.
    let mut console = Console::start_with_env(&["--day", "2"], &env, 120, 40);
    console.wait_for("Resumed from the journal", WAIT);
    console.wait_for("▶ Now Welcome back", WAIT);
    console.send("[");
    console.wait_for("Day 1 of 3", WAIT);
    console.wait_for("✓", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
}

/// The `at` of every event line of a journal, in the file's order.
fn event_times(path: &Path) -> Vec<chrono::DateTime<chrono::FixedOffset>> {
    lines_of(path)
        .iter()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|v| v["kind"] == "event")
        .map(|v| chrono::DateTime::parse_from_rfc3339(v["at"].as_str().unwrap()).unwrap())
        .collect()
}

/// The workshop clock of the header (`Jakarta 13:05`), as minutes since midnight.
fn jakarta_minutes(screen: &str) -> u32 {
    let at = screen
        .find("Jakarta ")
        .unwrap_or_else(|| panic!("no workshop clock; the screen shows:\n{screen}"));
    let clock = &screen[at + "Jakarta ".len()..][..5];
    let (h, m) = clock.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

#[test]
fn a_rehearsal_resumed_on_its_journal_goes_on_from_the_journals_last_moment() {
    let tmp = scratch("rehearse-resume");
    let journal = tmp.path().join("rehearsal.jsonl");
    let journal_arg = journal.to_str().unwrap();
    let args = [
        "--rehearse",
        "--day",
        "1",
        "--speed",
        "60",
        "--journal",
        journal_arg,
    ];
    // From 13:00 at 60 times: the welcome starts, runs some minutes, and the introductions
    // follow it.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("REHEARSAL", WAIT);
    console.send("n");
    console.wait_for("▶ Now Welcome and opening", WAIT);
    console.wait_for("Jakarta 13:04", WAIT);
    console.send("n");
    console.wait_for("▶ Now Introductions", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
    let times = event_times(&journal);
    let last = *times.last().unwrap();
    let last_minutes = {
        use chrono::Timelike;
        last.hour() * 60 + last.minute()
    };
    assert!(last_minutes >= 13 * 60 + 4, "{times:?}");

    // Started again the same way: the clock goes on from the journal's last moment, not from
    // 13:00, and the introductions count down.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("Resumed from the journal", WAIT);
    console.wait_for("▶ Now Introductions", WAIT);
    let shown = jakarta_minutes(&console.contents());
    assert!(
        shown >= last_minutes,
        "the clock shows {}:{:02}, before the journal's last event at {last}",
        shown / 60,
        shown % 60
    );
    let first = seconds_left(&console.contents(), "▶ Now Introductions");
    assert!(first <= 600, "{}", console.contents());
    std::thread::sleep(Duration::from_millis(1500));
    let later = seconds_left(&console.contents(), "▶ Now Introductions");
    assert!(later < first, "{first} s left, then {later} s left");

    // The next block: the introductions end after they began, and no event of the journal
    // is earlier than one before it.
    console.send("n");
    console.wait_for("▶ Now What is Decentralized", WAIT);
    console.send("q");
    console.wait_for("is running?", WAIT);
    console.send("y");
    assert_eq!(console.wait_exit(WAIT), 0);
    let times = event_times(&journal);
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "the journal's time goes back: {times:?}"
    );
}

#[test]
fn a_zoom_report_of_another_day_is_refused_before_anything_starts() {
    // The report's meeting data says 25 Nov 2021 (day 2); the console is asked for day 1.
    let report = "tests/fixtures/zoom/tot-day2-meeting.csv";
    let roster = "assets/roster-sample.csv";
    let mut console = Console::start(
        &["--day", "1", "--roster", roster, "--attendance", report],
        120,
        40,
    );
    console.wait_for("give --force", WAIT);
    assert_eq!(console.wait_exit(WAIT), 2, "{}", console.contents());
    let said = console
        .contents()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains(&format!(
            "convene: {report}: this report is of a meeting on Thu 25 Nov 2021, but the \
             console is on day 1, Mon 8 Nov 2021: give --force to record it anyway"
        )),
        "{said}"
    );
    // Refused before the screen opened and before a journal was begun.
    assert!(!console.took_the_terminal(), "{}", console.output());
    assert_eq!(console.data_files(), Vec::<PathBuf>::new());

    // A report without the meeting data: the first join says the date (8 Nov 2021, day 1).
    let report = "tests/fixtures/zoom/tot-day1-joins.csv";
    let mut console = Console::start(
        &["--no-journal", "--day", "2", "--attendance", report],
        120,
        40,
    );
    console.wait_for("give --force", WAIT);
    assert_eq!(console.wait_exit(WAIT), 2, "{}", console.contents());
    let said = console
        .contents()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains(&format!(
            "convene: {report}: this report is of a meeting on Mon 8 Nov 2021, but the \
             console is on day 2, Thu 25 Nov 2021: give --force to record it anyway"
        )),
        "{said}"
    );
}

#[test]
fn a_zoom_report_of_the_day_shown_or_forced_is_recorded() {
    let roster = "assets/roster-sample.csv";
    let report = "tests/fixtures/zoom/tot-day2-meeting.csv";
    // Of day 2, on day 2: recorded, and the groups pane counts who attended.
    let mut console = Console::start(
        &[
            "--no-journal",
            "--day",
            "2",
            "--roster",
            roster,
            "--attendance",
            report,
        ],
        120,
        40,
    );
    console.wait_for("Attended (Zoom report): 2 of 33", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    // On day 1 with --force: recorded for day 1 all the same.
    let mut console = Console::start(
        &[
            "--no-journal",
            "--day",
            "1",
            "--roster",
            roster,
            "--attendance",
            report,
            "--force",
        ],
        120,
        40,
    );
    console.wait_for("Day 1 of 3", WAIT);
    console.wait_for("Attended (Zoom report): 2 of 33", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
}

/// The event types of a journal's lines, in order.
fn event_types(path: &Path) -> Vec<String> {
    lines_of(path)
        .iter()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter_map(|v| v.pointer("/event/type")?.as_str().map(String::from))
        .collect()
}

#[test]
fn a_restart_with_a_roster_that_lacks_people_in_rooms_names_them_and_keeps_them() {
    let tmp = scratch("roster-again");
    let dir = tmp.path();
    let journal = dir.join("day-1.jsonl");
    let full = dir.join("full.csv");
    let smaller = dir.join("smaller.csv");
    let header = "name,email,organisation,city,country,time_zone,role\n";
    let rows = [
        "Rina Kartika Sari,rina@example.org,UCLG ASPAC,Jakarta,Indonesia,,facilitator\n",
        "Arjun Vikram Mehta,,Pune Municipal Corporation,Pune,India,,participant\n",
        "Mei Ling Tan,mei@example.org,Penang Island City Council,Penang,Malaysia,,participant\n",
        "Bilal Ahmed,bilal@example.org,Karachi,Karachi,Pakistan,,participant\n",
        "Ana Reyes,ana@example.org,Iloilo City Government,Iloilo,Philippines,,participant\n",
        "Somchai Jaidee,somchai@example.org,Bangkok,Bangkok,Thailand,,participant\n",
    ];
    std::fs::write(&full, format!("{header}{}", rows.concat())).unwrap();
    let kept: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|r| !r.starts_with("Arjun") && !r.starts_with("Mei"))
        .collect();
    std::fs::write(&smaller, format!("{header}{}", kept.concat())).unwrap();
    let args = |roster: &Path| -> Vec<String> {
        [
            "--journal",
            journal.to_str().unwrap(),
            "--day",
            "1",
            "--roster",
            roster.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec()
    };
    let start = |roster: &Path| {
        let args = args(roster);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Console::start(&args, 200, 50)
    };

    // Two rooms formed from the full roster.
    let mut console = start(&full);
    console.wait_for("5 participants · 1 facilitators", WAIT);
    console.send("f");
    console.wait_for("Form groups", WAIT);
    console.send("\x152 mixed\r");
    console.wait_for("mixed · 2 rooms", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert_eq!(
        event_types(&journal),
        ["roster_imported", "groups_formed"],
        "the first start"
    );

    // The same roster again: nothing new to journal.
    let mut console = start(&full);
    console.wait_for("mixed · 2 rooms", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert_eq!(
        event_types(&journal),
        ["roster_imported", "groups_formed"],
        "the same roster journaled again"
    );

    // A roster without Arjun and Mei: the footer says who is missing; the rooms still name
    // them as the journal has them, marked, never by their key.
    let mut console = start(&smaller);
    console.wait_for(
        "Not on smaller.csv: 2 people of the session (Arjun Vikram Mehta, Mei Ling Tan), kept \
         as the journal has them and left out of new rounds",
        WAIT,
    );
    let screen = console.contents();
    for name in ["Arjun Vikram Mehta", "Mei Ling Tan"] {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!("{name} ")) && l.contains("not on file")),
            "{name}: {screen}"
        );
    }
    assert!(!screen.contains("arjun vikram mehta"), "{screen}");
    assert!(!screen.contains("mei@example.org"), "{screen}");
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert_eq!(
        event_types(&journal),
        ["roster_imported", "groups_formed", "roster_imported"]
    );

    // Started again with the smaller roster: journaled once, said again.
    let mut console = start(&smaller);
    console.wait_for("Not on smaller.csv: 2 people of the session", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    assert_eq!(
        event_types(&journal),
        ["roster_imported", "groups_formed", "roster_imported"]
    );
}

#[test]
fn an_edited_programme_is_asked_about_and_taken_on_resume() {
    let tmp = tempfile::Builder::new()
        .prefix("convene-e2e-edited-")
        .tempdir()
        .unwrap();
    let programme = tmp.path().join("workshop.json");
    let journal = tmp.path().join("day-1.jsonl");
    std::fs::write(&programme, convene::programme::DEFAULT_SOURCE).unwrap();
    let (programme_arg, journal_arg) = (
        programme.display().to_string(),
        journal.display().to_string(),
    );
    let on_day = |day: &'static str| {
        [
            programme_arg.clone(),
            "--journal".into(),
            journal_arg.clone(),
            "--day".into(),
            day.into(),
        ]
    };
    let (day1, day2) = (on_day("1"), on_day("2"));
    let day1: Vec<&str> = day1.iter().map(String::as_str).collect();
    let args: Vec<&str> = day2.iter().map(String::as_str).collect();

    // Day 1 begins.
    let mut console = Console::start(&day1, 120, 40);
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);

    // In the evening, day 2's first block is renamed in the file.
    let text = convene::programme::DEFAULT_SOURCE.replace(
        "\"Welcome back and self-study recap\"",
        "\"Welcome back: what we learnt\"",
    );
    std::fs::write(&programme, text).unwrap();
    // Answered on the command line, to keep the journaled programme: nothing is asked.
    let mut keep = args.clone();
    keep.extend(["--programme-changes", "keep"]);
    let mut console = Console::start(&keep, 120, 40);
    console.wait_for(
        "Kept the journaled programme; the edited file is not used",
        WAIT,
    );
    let screen = console.contents();
    assert!(
        screen.contains("Welcome back and self-study recap"),
        "{screen}"
    );
    assert!(
        !screen.contains("The programme file was edited"),
        "{screen}"
    );
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    // Asked, and answered yes.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("The programme file was edited", WAIT);
    console.wait_for("to  “Welcome back: what we learnt”", WAIT);
    console.send("y");
    console.wait_for("Using the edited programme", WAIT);
    let screen = console.contents();
    assert!(screen.contains("Welcome back: what we learnt"), "{screen}");
    assert!(!screen.contains("self-study recap"), "{screen}");
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
    let journaled = std::fs::read_to_string(&journal).unwrap();
    assert!(journaled.contains(r#""type":"programme_revised""#));

    // Started again, nothing is asked: the session follows the edited programme.
    let mut console = Console::start(&args, 120, 40);
    console.wait_for("Welcome back: what we learnt", WAIT);
    assert!(!console.contents().contains("The programme file was edited"));
    console.send("qy");
    assert_eq!(console.wait_exit(WAIT), 0);
}
