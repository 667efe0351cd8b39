//! A journal saved from today's format must read and replay with every later convene: the
//! fixture under tests/fixtures/journal-v1 is never regenerated, only read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Asia::Jakarta;
use convene::core::{
    Action, BlockStatus, PairRule, Progress, RoomIx, RoundIx, Stamped, TimerKind, Who, update,
};
use convene::journal;
use convene::report;

/// The fixture's day files, copied where reading may repair them, so the originals stay as saved;
/// with the folder that holds the copies, removed when it is dropped, also when the test fails.
fn fixture(test: &str) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::Builder::new()
        .prefix(&format!("convene-fixture-{test}-"))
        .tempdir()
        .unwrap();
    let files = ["day-1.jsonl", "day-2.jsonl"]
        .iter()
        .map(|name| {
            let to = dir.path().join(name);
            std::fs::copy(Path::new("tests/fixtures/journal-v1").join(name), &to).unwrap();
            to
        })
        .collect();
    (dir, files)
}

fn jakarta(day: u32, h: u32, m: u32, s: u32) -> chrono::DateTime<chrono::Utc> {
    let date = NaiveDate::from_ymd_opt(2021, 11, day).unwrap();
    Jakarta
        .from_local_datetime(&date.and_hms_opt(h, m, s).unwrap())
        .unwrap()
        .to_utc()
}

#[test]
fn the_saved_journal_replays_to_the_session_it_recorded() {
    let (_dir, files) = fixture("replay");
    let loaded = journal::read(&files).unwrap().unwrap();
    assert!(loaded.torn.is_empty());
    assert_eq!(loaded.records.len(), 58);
    let workshop = Arc::new(loaded.workshop().unwrap());
    let state = loaded.replay(workshop);
    // Read off the journal's lines: what the session was when it stopped.
    assert_eq!(state.roster.participants.len(), 33);
    let day1 = &state.days[0];
    assert_eq!(day1.finished_at, Some(jakarta(8, 15, 26, 40)));
    let ran: Vec<&str> = day1
        .blocks
        .iter()
        .filter(|b| b.status() == BlockStatus::Done)
        .map(|b| b.block.title.as_str())
        .collect();
    assert_eq!(ran, ["Welcome and opening", "Personalize your DC bicycle"]);
    // The undone break is not in the day; the undone shortening on day 2 is not either.
    assert!(
        !day1
            .blocks
            .iter()
            .any(|b| b.block.title == "Break" && b.block.minutes == 5)
    );
    let (_, running) = state.running().unwrap();
    assert_eq!(running.block.title, "Applying typologies of DC");
    let recap = &state.days[1].blocks[1];
    assert_eq!(recap.block.title, "How does DC work in practice?");
    assert_eq!(recap.block.minutes, 20);
    // Three rounds; the last kept eleven rooms of three.
    assert_eq!(state.rounds.len(), 3);
    let last = state.current_round().unwrap();
    assert_eq!(last.rooms.len(), 11);
    assert!(last.rooms.iter().all(|r| r.members.len() == 3));
    assert_eq!(state.pairs.len(), 2);
    assert_eq!(
        state
            .pairs
            .iter()
            .filter(|p| p.2 == PairRule::Apart)
            .count(),
        1
    );
    assert_eq!(state.attendance[&0].present.len(), 11);
    assert_eq!(
        state.attendance[&0].unmatched,
        [("Galaxy Tab S7".to_string(), 45)]
    );
    // The tracker kept the notes in Thai and the help call.
    let room2 = state
        .tracker
        .get("intro-dc", RoundIx(0), RoomIx(1))
        .unwrap();
    assert!(
        room2.notes.starts_with("Pedals: ค่าใช้จ่าย"),
        "{}",
        room2.notes
    );
    assert_eq!(room2.progress(), Some(Progress::NeedsHelp));
}

#[test]
fn the_saved_journal_gives_the_same_review() {
    let (_dir, files) = fixture("review");
    let loaded = journal::read(&files).unwrap().unwrap();
    let md = report::markdown(&report::build(&loaded).unwrap());
    // Day 1 ran 2 of its 15 blocks (planned 10 + 20 min from 13:00, so 13:30) and was ended
    // at 15:26:40: 116 min 40 s late on the blocks that ran, said as 117; the 13 others are
    // named as not run.
    assert!(md.contains("with 13 blocks not run"), "{md}");
    assert!(
        md.contains("The 2 blocks that ran ended **117 min late**"),
        "{md}"
    );
    insta::assert_snapshot!(md);
}

#[test]
fn reading_the_saved_journal_changes_nothing_in_it() {
    let (_dir, files) = fixture("read");
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    journal::read(&files).unwrap().unwrap();
    let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert_eq!(before, after);
    let saved: Vec<Vec<u8>> = ["day-1.jsonl", "day-2.jsonl"]
        .iter()
        .map(|n| std::fs::read(Path::new("tests/fixtures/journal-v1").join(n)).unwrap())
        .collect();
    assert_eq!(before, saved);
}

#[test]
fn timers_saved_without_a_kind_get_theirs_from_label_and_length() {
    let (_dir, files) = fixture("kinds");
    let loaded = journal::read(&files).unwrap().unwrap();
    let workshop = Arc::new(loaded.workshop().unwrap());
    // The timers as they stand after line `seq` of day 1, none of them saved with a kind.
    let timers_after = |seq: u64| {
        let upto = loaded.records.iter().position(|r| r.seq == seq).unwrap() + 1;
        let state = journal::replay(Arc::clone(&workshop), &loaded.records[..upto]);
        state
            .timers
            .iter()
            .map(|t| (t.label.clone(), t.kind))
            .collect::<Vec<_>>()
    };
    // Seq 3 and 4: a countdown of 600 s and the stopwatch "Q&A" (deleted at seq 9).
    assert_eq!(
        timers_after(4),
        [
            ("Countdown 600".to_string(), TimerKind::Countdown),
            ("Q&A".to_string(), TimerKind::Stopwatch),
        ]
    );
    // Seq 34: the first room called to report back speaks.
    assert_eq!(
        timers_after(34),
        [
            ("Countdown 600".to_string(), TimerKind::Countdown),
            (
                "Report-back: Room 1 · Rina Kartika Sari".to_string(),
                TimerKind::Speaking
            ),
        ]
    );
}

#[test]
fn a_saved_journal_resumed_goes_on_in_the_new_format_and_reads_back_whole() {
    let (_dir, files) = fixture("resume");
    let loaded = journal::read(&files).unwrap().unwrap();
    let workshop = Arc::new(loaded.workshop().unwrap());
    let state = loaded.replay(Arc::clone(&workshop));
    let (day, running) = state.running().unwrap();
    let running = running.id;
    // A co-facilitator's action, appended to the last day file as the console would.
    let t = jakarta(25, 14, 5, 0);
    let by = Who("Hendra Wijaya".into());
    let events = update(&state, Action::Next { day }, t).unwrap();
    let mut writer = journal::Writer::open(
        &files[1],
        &workshop,
        t,
        loaded.next_seq(),
        loaded.next_batch(),
    )
    .unwrap();
    writer.append(&Stamped::all(events, t, &by)).unwrap();
    drop(writer);

    let again = journal::read(&files).unwrap().unwrap();
    assert!(again.torn.is_empty());
    // The finish, the next start, and the clearing of the help flag day 1 left on: its
    // exercise is long over.
    assert_eq!(
        again.records.len(),
        58 + 3,
        "the finish, the next start, the flag"
    );
    assert!(matches!(
        again.records[60].event,
        convene::core::Event::HelpCleared { .. }
    ));
    // The saved lines are format 1 and the lead's; the new ones format 2, with who did them.
    assert!(
        again.records[..58]
            .iter()
            .all(|r| r.v == 1 && r.by == Who::lead())
    );
    assert!(again.records[58..].iter().all(|r| r.v == 2 && r.by == by));
    let after = again.replay(workshop);
    let finished = after.block(running).unwrap();
    assert_eq!(finished.status(), BlockStatus::Done);
    assert_eq!(finished.ended_at, Some(t));
    assert_eq!(after.history.last().unwrap().events[0].by, by);
}
