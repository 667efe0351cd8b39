//! The session journal: replay rebuilds the live state exactly, a torn tail is moved aside,
//! unknown or newer lines are refused without touching the file, and undo is a new event.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::*;
use convene::core::{Action, BlockStatus, Stamped, State, Who, update};
use convene::journal::{self, Writer};
use convene::programme::Workshop;
use proptest::prelude::*;

/// A fresh folder for one test's files, removed when the test ends, also when it fails.
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convene-journal-{name}-"))
        .tempdir()
        .unwrap()
}

/// Runs actions live, journaling each accepted batch, as the console does.
struct Session {
    state: State,
    writer: Writer,
    path: PathBuf,
}

impl Session {
    fn new(path: &Path, workshop: Arc<Workshop>) -> Session {
        let writer = Writer::open(path, &workshop, at(-10, 0), 1, 0).unwrap();
        Session {
            state: State::new(workshop),
            writer,
            path: path.to_path_buf(),
        }
    }

    fn act(&mut self, action: Action, now: DateTime<Utc>) -> bool {
        match update(&self.state, action, now) {
            Ok(events) if !events.is_empty() => {
                let events = Stamped::all(events, now, &Who::lead());
                self.writer.append(&events).unwrap();
                self.state.apply_batch(&events);
                true
            }
            _ => false,
        }
    }

    fn replayed(&self) -> State {
        let loaded = journal::read(std::slice::from_ref(&self.path))
            .unwrap()
            .unwrap();
        let workshop = Arc::new(loaded.workshop().unwrap());
        loaded.replay(workshop)
    }
}

/// One step of a random session, turned into an action against the state as it is.
#[derive(Debug, Clone)]
enum Op {
    Next,
    Start(usize),
    Extend(i32),
    Skip(usize),
    Move(usize, i32),
    Break(usize, u32),
    Countdown(u32),
    Stopwatch,
    PauseResume(usize),
    AdjustTimer(usize, i64),
    RestartTimer(usize),
    DeleteTimer(usize),
    Cue,
    Replan,
    FinishDay,
    Undo,
    Tick,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => Just(Op::Next),
        2 => (0usize..20).prop_map(Op::Start),
        2 => prop_oneof![Just(1), Just(-1), Just(5), Just(-5)].prop_map(Op::Extend),
        1 => (0usize..20).prop_map(Op::Skip),
        1 => ((0usize..20), prop_oneof![Just(1), Just(-1)]).prop_map(|(b, by)| Op::Move(b, by)),
        1 => ((0usize..20), prop_oneof![Just(5u32), Just(10)]).prop_map(|(b, m)| Op::Break(b, m)),
        1 => (1u32..1800).prop_map(Op::Countdown),
        1 => Just(Op::Stopwatch),
        1 => (0usize..4).prop_map(Op::PauseResume),
        1 => ((0usize..4), prop_oneof![Just(60i64), Just(-60)]).prop_map(|(t, s)| Op::AdjustTimer(t, s)),
        1 => (0usize..4).prop_map(Op::RestartTimer),
        1 => (0usize..4).prop_map(Op::DeleteTimer),
        1 => Just(Op::Cue),
        1 => Just(Op::Replan),
        1 => Just(Op::FinishDay),
        2 => Just(Op::Undo),
        3 => Just(Op::Tick),
    ]
}

fn action(state: &State, op: &Op, day: usize, now: DateTime<Utc>) -> Option<Action> {
    let blocks = &state.days[day].blocks;
    let block = |i: usize| blocks.get(i % blocks.len()).map(|b| b.id);
    let timer = |i: usize| {
        if state.timers.is_empty() {
            None
        } else {
            Some(state.timers[i % state.timers.len()].id)
        }
    };
    Some(match op {
        Op::Next => Action::Next { day },
        Op::Start(i) => Action::StartBlock(block(*i)?),
        Op::Extend(m) => Action::ExtendRunning { minutes: *m },
        Op::Skip(i) => Action::ToggleSkip(block(*i)?),
        Op::Move(i, by) => Action::Move {
            block: block(*i)?,
            by: *by,
        },
        Op::Break(i, m) => Action::InsertBreak {
            day,
            after: block(*i),
            minutes: *m,
        },
        Op::Countdown(s) => Action::StartTimer {
            label: format!("Countdown {s}"),
            seconds: Some(*s),
        },
        Op::Stopwatch => Action::StartTimer {
            label: String::new(),
            seconds: None,
        },
        Op::PauseResume(i) => Action::PauseResume(timer(*i)?),
        Op::AdjustTimer(i, s) => Action::AdjustTimer {
            timer: timer(*i)?,
            seconds: *s,
        },
        Op::RestartTimer(i) => Action::RestartTimer(timer(*i)?),
        Op::DeleteTimer(i) => Action::DeleteTimer(timer(*i)?),
        Op::Cue => Action::SendCue,
        Op::Replan => {
            let plan = convene::core::propose_replan(state, day, now)?;
            Action::Replan {
                day,
                changes: plan.changes,
            }
        }
        Op::FinishDay => Action::FinishDay { day },
        Op::Undo => Action::Undo(Who::lead()),
        Op::Tick => Action::Tick,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// For any sequence of actions, the state they leave live equals the state rebuilt from
    /// the journal they wrote.
    #[test]
    fn live_state_equals_replayed_state(
        steps in prop::collection::vec((op(), 0i64..400), 1..60),
        day in 0usize..3,
    ) {
        let tmp = temp_dir("prop");
        let dir = tmp.path();
        let path = dir.join(format!("{}.jsonl", rand_name()));
        let mut session = Session::new(&path, tot());
        let mut now = at(0, 0);
        for (op, seconds) in &steps {
            now += Duration::seconds(*seconds);
            if let Some(a) = action(&session.state, op, day, now) {
                session.act(a, now);
            }
        }
        let replayed = session.replayed();
        prop_assert_eq!(&replayed, &session.state);
        let _ = std::fs::remove_file(&path);
    }
}

fn rand_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("s{}", N.fetch_add(1, Ordering::Relaxed))
}

#[test]
fn a_journal_replays_a_day_exactly() {
    let tmp = temp_dir("day");
    let dir = tmp.path();
    let path = dir.join("day-1.jsonl");
    let mut s = Session::new(&path, tot());
    assert!(s.act(Action::Next { day: 0 }, at(0, 0)));
    assert!(s.act(
        Action::StartTimer {
            label: "Breakout".into(),
            seconds: Some(900)
        },
        at(2, 0)
    ));
    assert!(s.act(Action::ExtendRunning { minutes: 5 }, at(9, 0)));
    assert!(s.act(Action::Tick, at(13, 0)));
    assert!(s.act(Action::Next { day: 0 }, at(16, 0)));
    let replayed = s.replayed();
    assert_eq!(replayed, s.state);
    // The timer is still running, with the right time left.
    assert_eq!(
        replayed.timers[0].remaining(at(10, 0)),
        Some(Duration::minutes(7))
    );
}

#[test]
fn every_line_has_a_version_a_sequence_and_a_time_with_offset() {
    let tmp = temp_dir("lines");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::Next { day: 0 }, at(10, 0));
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["kind"], "header");
    assert_eq!(lines[0]["v"], 2);
    assert_eq!(
        lines[0]["programme"]["title"],
        "Training of Trainers on Localizing the SDGs through Decentralized Cooperation"
    );
    let seqs: Vec<u64> = lines[1..]
        .iter()
        .map(|l| l["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
    // 13:10 in Jakarta, with its offset.
    assert_eq!(lines[2]["at"], "2021-11-08T13:10:00+07:00");
    assert_eq!(lines[2]["batch"], lines[3]["batch"]);
    assert_eq!(lines[1]["event"]["type"], "block_started");
    // Each event is stamped once, on its line: when and by whom, not again inside.
    for line in &lines[1..] {
        assert_eq!(line["v"], 2);
        assert_eq!(line["by"], "lead");
        assert!(line["event"].get("at").is_none(), "{line}");
    }
}

#[cfg(unix)]
#[test]
fn the_journal_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = temp_dir("mode");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    Session::new(&path, tot());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_torn_last_line_is_moved_aside_and_the_rest_kept() {
    let tmp = temp_dir("torn");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::Next { day: 0 }, at(10, 0));
    let whole = std::fs::read(&path).unwrap();
    // The machine died in the middle of writing the next line.
    let torn = br#"{"kind":"event","v":1,"seq":4,"batch":2,"at":"2021-11-08T13:1"#;
    let mut bytes = whole.clone();
    bytes.extend_from_slice(torn);
    std::fs::write(&path, &bytes).unwrap();

    let loaded = journal::recover(std::slice::from_ref(&path))
        .unwrap()
        .unwrap();
    assert_eq!(loaded.records.len(), 3);
    assert_eq!(loaded.torn.len(), 1);
    assert_eq!(loaded.torn[0].line, 5);
    // The file is back to its complete lines; the torn bytes are kept beside it.
    assert_eq!(std::fs::read(&path).unwrap(), whole);
    let aside = std::fs::read(dir.join("j.jsonl.torn")).unwrap();
    assert!(aside.starts_with(torn));
    // And the session goes on from there.
    let replayed = loaded.replay(Arc::new(loaded.workshop().unwrap()));
    assert_eq!(replayed, s.state);
}

#[test]
fn a_whole_last_line_without_its_newline_is_kept_and_ended() {
    let tmp = temp_dir("nonl");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    let mut bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.pop(), Some(b'\n'));
    std::fs::write(&path, &bytes).unwrap();
    let loaded = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    assert_eq!(loaded.records.len(), 1);
    assert!(loaded.torn.is_empty());
    // Appending goes on a line of its own.
    let workshop = loaded.workshop().unwrap();
    let mut w = Writer::open(
        &path,
        &workshop,
        at(5, 0),
        loaded.next_seq(),
        loaded.next_batch(),
    )
    .unwrap();
    let events = update(&s.state, Action::Next { day: 0 }, at(10, 0)).unwrap();
    w.append(&Stamped::all(events, at(10, 0), &Who::lead()))
        .unwrap();
    let loaded = journal::read(&[path]).unwrap().unwrap();
    assert_eq!(loaded.records.len(), 3);
}

#[test]
fn a_newer_journal_is_refused_and_left_untouched() {
    let tmp = temp_dir("newer");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        r#"{"kind":"event","v":3,"seq":2,"batch":1,"at":"2021-11-08T13:10:00+07:00","by":"lead","event":{"type":"hologram"}}"#,
    );
    text.push('\n');
    std::fs::write(&path, &text).unwrap();
    let err = journal::read(std::slice::from_ref(&path)).unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.contains("newer convene"), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}:3: ", path.display()))
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_line_that_is_not_a_known_event_is_refused_with_its_number() {
    let tmp = temp_dir("unknown");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::Next { day: 0 }, at(10, 0));
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen("block_finished", "block_teleported", 1);
    std::fs::write(&path, &broken).unwrap();
    let err = journal::read(std::slice::from_ref(&path)).unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    assert!(
        err.message.contains("not an event this convene knows"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    assert!(!dir.join("j.jsonl.torn").exists());
}

#[test]
fn a_file_that_is_not_a_journal_is_refused() {
    let tmp = temp_dir("notjournal");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    std::fs::write(&path, "{\"hello\": 1}\n").unwrap();
    let err = journal::read(&[path]).unwrap_err();
    assert_eq!(err.line, 1);
}

#[test]
fn days_in_separate_files_replay_as_one_session() {
    let tmp = temp_dir("days");
    let dir = tmp.path();
    let workshop = tot();
    let mut s = Session::new(&dir.join("day-1.jsonl"), Arc::clone(&workshop));
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::FinishDay { day: 0 }, at(200, 0));
    let loaded = journal::read(&journal::day_files(dir)).unwrap().unwrap();
    let mut w = Writer::open(
        &dir.join("day-2.jsonl"),
        &workshop,
        at(17 * 24 * 60, 0),
        loaded.next_seq(),
        loaded.next_batch(),
    )
    .unwrap();
    let day2 = at(17 * 24 * 60, 0);
    let events = Stamped::all(
        update(&s.state, Action::Next { day: 1 }, day2).unwrap(),
        day2,
        &Who::lead(),
    );
    w.append(&events).unwrap();
    s.state.apply_batch(&events);
    let files = journal::day_files(dir);
    assert_eq!(files.len(), 2);
    let loaded = journal::read(&files).unwrap().unwrap();
    assert_eq!(loaded.replay(workshop), s.state);
}

// Undo.

#[test]
fn undo_takes_back_the_last_action_and_the_journal_keeps_both() {
    let tmp = temp_dir("undo");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::Next { day: 0 }, at(10, 0));
    // Oops: that was too early. Undo the second `n`: the welcome runs again, the
    // introductions have not started.
    s.act(Action::Undo(Who::lead()), at(10, 30));
    let blocks = &s.state.days[0].blocks;
    assert_eq!(blocks[0].status(), BlockStatus::Running);
    assert_eq!(blocks[1].status(), BlockStatus::Pending);
    // Ticks in between are not what undo takes back.
    s.act(Action::Tick, at(11, 0));
    s.act(Action::Undo(Who::lead()), at(12, 0));
    assert!(s.state.running().is_none());
    assert!(update(&s.state, Action::Undo(Who::lead()), at(12, 0)).is_err());
    // Nothing was removed from the journal: four batches, two of them undos.
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("\"type\":\"undone\"").count(), 2);
    assert_eq!(s.replayed(), s.state);
}

#[test]
fn undo_in_the_console_says_what_it_took_back() {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    app.press(&ch('+'), at(1, 0));
    app.press(&ch('u'), at(2, 0));
    assert_eq!(app.state().running().unwrap().1.block.minutes, 10);
    let status = app.seat.status.as_ref().unwrap();
    assert!(
        status
            .text
            .starts_with("Undid: extended “Welcome and opening” by 1 min"),
        "{}",
        status.text
    );
}

#[test]
fn an_undone_inserted_break_does_not_come_back_on_replay() {
    let tmp = temp_dir("undo-break");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    let n = s.state.days[0].blocks.len();
    let break_at_start = Action::InsertBreak {
        day: 0,
        after: None,
        minutes: 5,
    };
    assert!(s.act(break_at_start, at(0, 0)));
    assert_eq!(s.state.days[0].blocks.len(), n + 1);
    assert!(s.act(Action::Undo(Who::lead()), at(1, 0)));
    assert_eq!(s.state.days[0].blocks.len(), n);
    // Read back from the file: the break and its undo are both there, and the break does not
    // come back.
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("\"type\":\"break_inserted\"").count(), 1);
    assert_eq!(text.matches("\"type\":\"undone\",\"batch\":0").count(), 1);
    let replayed = s.replayed();
    assert_eq!(replayed.days[0].blocks.len(), n);
    assert_eq!(
        replayed.days[0].blocks[0].block.title,
        "Welcome and opening"
    );
    assert_eq!(replayed, s.state);
}

// A crash inside one action: its events were written in one write, but a machine that dies
// can keep only the start of it. Half an action is never replayed.

/// A journal of two actions: `n` at 13:00 (one event), `n` at 13:10 (two events: the welcome
/// finishes, the introductions start). Returns the whole file and where its last batch starts.
fn two_actions(dir: &Path) -> (PathBuf, Session, Vec<u8>, usize) {
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    let after_first = std::fs::read(&path).unwrap().len();
    s.act(Action::Next { day: 0 }, at(10, 0));
    let whole = std::fs::read(&path).unwrap();
    (path, s, whole, after_first)
}

/// The journal's lines as written before lines carried their batch's size (`n`).
fn without_sizes(text: &str) -> String {
    let old = text.replace(",\"n\":1", "").replace(",\"n\":2", "");
    assert!(!old.contains("\"n\":"));
    old
}

/// Writes `kept` followed by a torn `tail`, recovers the journal, and checks that the three
/// events of the two actions are kept, the one torn line is moved aside and the file is back to
/// `kept`: the session replays as it was.
fn recovered_with_torn_line(path: &Path, kept: &[u8], tail: &[u8], s: &Session) -> journal::Loaded {
    let mut bytes = kept.to_vec();
    bytes.extend_from_slice(tail);
    std::fs::write(path, &bytes).unwrap();
    let loaded = journal::recover(&[path.to_path_buf()]).unwrap().unwrap();
    assert_eq!(loaded.records.len(), 3);
    assert_eq!(loaded.torn[0].lines, 1);
    assert_eq!(std::fs::read(path).unwrap(), kept);
    assert_eq!(loaded.replay(Arc::new(loaded.workshop().unwrap())), s.state);
    loaded
}

#[test]
fn a_batch_whose_last_line_is_torn_is_moved_aside_whole() {
    let tmp = temp_dir("torn-batch");
    let dir = tmp.path();
    let (path, _, whole, after_first) = two_actions(dir);
    let text = String::from_utf8(whole.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "header, one event, then a batch of two");
    // The machine died while the second line of the second action was being written.
    let mut bytes = whole[..whole.len() - lines[3].len() / 2 - 1].to_vec();
    std::fs::write(&path, &bytes).unwrap();

    let loaded = journal::recover(std::slice::from_ref(&path))
        .unwrap()
        .unwrap();
    // Only the first action counts: the welcome runs, nothing has finished.
    assert_eq!(loaded.records.len(), 1);
    assert_eq!(loaded.torn.len(), 1);
    assert_eq!(loaded.torn[0].line, 3, "the batch's first line");
    assert_eq!(loaded.torn[0].lines, 2);
    let state = loaded.replay(Arc::new(loaded.workshop().unwrap()));
    assert_eq!(state.days[0].blocks[0].status(), BlockStatus::Running);
    assert_eq!(state.days[0].blocks[1].status(), BlockStatus::Pending);
    // The file is cut back to the end of the first action; both lines of the second are aside.
    assert_eq!(std::fs::read(&path).unwrap(), whole[..after_first]);
    let aside = std::fs::read(dir.join("j.jsonl.torn")).unwrap();
    bytes.push(b'\n');
    assert_eq!(aside, bytes[after_first..]);
    // The next action continues the sequence from the first action.
    assert_eq!(loaded.next_seq(), 2);
    assert_eq!(loaded.next_batch(), 1);
}

#[test]
fn a_batch_cut_off_at_a_line_end_is_moved_aside_too() {
    let tmp = temp_dir("short-batch");
    let dir = tmp.path();
    let (path, _, whole, after_first) = two_actions(dir);
    let text = String::from_utf8(whole.clone()).unwrap();
    let last = text.lines().last().unwrap();
    // Everything but the batch's last line reached the disk: no torn bytes, one line short.
    let bytes = &whole[..whole.len() - last.len() - 1];
    std::fs::write(&path, bytes).unwrap();
    let loaded = journal::recover(std::slice::from_ref(&path))
        .unwrap()
        .unwrap();
    assert_eq!(loaded.records.len(), 1);
    assert_eq!(loaded.torn[0].line, 3);
    assert_eq!(loaded.torn[0].lines, 1);
    assert_eq!(std::fs::read(&path).unwrap(), whole[..after_first]);
}

#[test]
fn a_torn_batch_in_a_journal_without_batch_sizes_is_found_by_its_number() {
    let tmp = temp_dir("torn-old");
    let dir = tmp.path();
    let (path, _, whole, after_first) = two_actions(dir);
    // A journal written before lines carried their batch's size.
    let text = String::from_utf8(whole).unwrap();
    let old = without_sizes(&text);
    let lines: Vec<&str> = old.lines().collect();
    // The torn line got as far as naming its batch (1, the second action's).
    let torn_at = lines[3].find("\"at\"").unwrap() + 3;
    let cut = old.len() - lines[3].len() - 1 + torn_at;
    std::fs::write(&path, &old.as_bytes()[..cut]).unwrap();
    let loaded = journal::recover(std::slice::from_ref(&path))
        .unwrap()
        .unwrap();
    assert_eq!(loaded.records.len(), 1);
    assert_eq!(loaded.torn[0].lines, 2);
    let kept = std::fs::read_to_string(&path).unwrap();
    assert_eq!(kept.lines().count(), 2, "{kept}");
    assert!(after_first > kept.len(), "the old lines are shorter");
}

#[test]
fn a_torn_line_that_starts_the_next_action_leaves_the_one_before_whole() {
    let tmp = temp_dir("torn-next");
    let dir = tmp.path();
    let (path, s, whole, _) = two_actions(dir);
    // The next action (batch 2) was cut off in its first line, after naming its batch.
    let tail = br#"{"kind":"event","v":1,"seq":4,"batch":2,"at":"2021"#;
    let recovered = recovered_with_torn_line(&path, &whole, tail, &s);
    assert_eq!(recovered.torn[0].line, 5);
    let loaded = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    assert!(loaded.torn.is_empty(), "moved aside");
}

#[test]
fn undo_takes_back_an_action_from_before_a_resume() {
    let tmp = temp_dir("undo-resume");
    let dir = tmp.path();
    let path = dir.join("day-1.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::ExtendRunning { minutes: 5 }, at(2, 0));
    assert_eq!(s.state.running().unwrap().1.block.minutes, 15);
    drop(s);

    // The console stops and starts again on the same journal.
    let loaded = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    let workshop = Arc::new(loaded.workshop().unwrap());
    let mut s = Session {
        state: loaded.replay(Arc::clone(&workshop)),
        writer: Writer::open(
            &path,
            &workshop,
            at(3, 0),
            loaded.next_seq(),
            loaded.next_batch(),
        )
        .unwrap(),
        path: path.clone(),
    };
    // The first thing undone after the resume is the extension made before it.
    assert!(s.act(Action::Undo(Who::lead()), at(4, 0)));
    assert_eq!(s.state.running().unwrap().1.block.minutes, 10);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("\"type\":\"undone\",\"batch\":1").count(), 1);
    // Sequence numbers go on from the resume without a gap or a repeat.
    let loaded = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    let seqs: Vec<u64> = loaded.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(s.replayed(), s.state);
    // Then the start of the welcome, and nothing more.
    assert!(s.act(Action::Undo(Who::lead()), at(5, 0)));
    assert!(s.state.running().is_none());
    assert!(update(&s.state, Action::Undo(Who::lead()), at(6, 0)).is_err());
}

#[test]
fn a_line_that_is_not_utf8_is_refused_with_its_number() {
    let tmp = temp_dir("utf8");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::Next { day: 0 }, at(10, 0));
    let mut bytes = std::fs::read(&path).unwrap();
    // Line 3 (the second action's first line) gets a byte that is not UTF-8.
    let third = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 10;
    bytes[third] = 0xff;
    std::fs::write(&path, &bytes).unwrap();
    let e = journal::read(std::slice::from_ref(&path)).unwrap_err();
    assert_eq!(e.line, 3);
    assert_eq!(e.message, "the line is not UTF-8 text");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left as it is");
}

#[test]
fn a_second_header_line_is_refused_with_its_number() {
    let tmp = temp_dir("header2");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    let text = std::fs::read_to_string(&path).unwrap();
    let header = text.lines().next().unwrap();
    std::fs::write(&path, format!("{text}{header}\n")).unwrap();
    let e = journal::read(std::slice::from_ref(&path)).unwrap_err();
    assert_eq!(e.line, 3);
    assert_eq!(e.message, "a second header line");
}

#[test]
fn reopening_a_journal_appends_right_after_its_last_line() {
    let tmp = temp_dir("reopen");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    let before = std::fs::read(&path).unwrap();
    drop(s);
    let loaded = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    let workshop = loaded.workshop().unwrap();
    let state = loaded.replay(Arc::new(workshop.clone()));
    let mut w = Writer::open(&path, &workshop, at(5, 0), 2, 1).unwrap();
    let events = update(&state, Action::Next { day: 0 }, at(10, 0)).unwrap();
    w.append(&Stamped::all(events, at(10, 0), &Who::lead()))
        .unwrap();
    let after = std::fs::read(&path).unwrap();
    // The old bytes, then the new lines: no blank line, no second header.
    assert_eq!(after[..before.len()], before[..]);
    let added = String::from_utf8(after[before.len()..].to_vec()).unwrap();
    assert_eq!(added.lines().count(), 2, "{added}");
    assert!(
        added
            .lines()
            .all(|l| l.starts_with(r#"{"kind":"event","v":2,"seq":"#))
    );
}

#[test]
fn a_torn_batch_number_cut_in_its_digits_is_not_trusted() {
    let tmp = temp_dir("torn-digits");
    let dir = tmp.path();
    let (path, s, whole, _) = two_actions(dir);
    // A journal written before lines carried their batch's size, whose next line was cut
    // right after "batch":1 — the number may have gone on, so it names no batch for sure,
    // and the whole action before it is kept.
    let old = without_sizes(&String::from_utf8(whole).unwrap());
    let tail = br#"{"kind":"event","v":1,"seq":4,"batch":1"#;
    let recovered = recovered_with_torn_line(&path, old.as_bytes(), tail, &s);
    assert_eq!(recovered.torn[0].line, 5);
}

#[test]
fn the_journal_folder_is_made_when_missing() {
    let tmp = temp_dir("folder");
    let dir = tmp.path();
    let path = dir.join("journals").join("workshop").join("day-1.jsonl");
    let mut s = Session::new(&path, tot());
    assert!(s.act(Action::Next { day: 0 }, at(0, 0)));
    assert_eq!(s.replayed(), s.state);
}

#[test]
fn reading_leaves_a_torn_journal_as_it_is_and_recovering_mends_it() {
    let tmp = temp_dir("read-only");
    let dir = tmp.path();
    let (path, s, whole, after_first) = two_actions(dir);
    let lines: Vec<&str> = std::str::from_utf8(&whole).unwrap().lines().collect();
    let torn = whole[..whole.len() - lines[3].len() / 2 - 1].to_vec();
    std::fs::write(&path, &torn).unwrap();
    // Read only: the same records as a recovery would keep, and not a byte changed.
    let read = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    assert_eq!(read.records.len(), 1);
    assert_eq!(read.torn[0].moved_to, None);
    assert_eq!(
        read.torn[0].describe(),
        "lines 3-4 (one action) were cut off while being written; left out, and left in the file as it is"
    );
    assert_eq!(std::fs::read(&path).unwrap(), torn);
    assert!(!dir.join("j.jsonl.torn").exists());
    // Also from a file nobody may write to.
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).unwrap();
    let again = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    assert_eq!(again, read);
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    // The console recovers before it appends: the torn action is moved aside.
    let recovered = journal::recover(std::slice::from_ref(&path))
        .unwrap()
        .unwrap();
    assert_eq!(recovered.records, read.records);
    assert_eq!(
        recovered.torn[0].moved_to.as_deref(),
        Some(dir.join("j.jsonl.torn").as_path())
    );
    assert_eq!(std::fs::read(&path).unwrap(), whole[..after_first]);
    let _ = s;
}

/// A disk that fills up: takes bytes up to its room, then writes what fits and fails with
/// "no space", as a file on a full disk does. Shared with the test, which frees room.
#[derive(Clone, Default)]
struct Disk {
    bytes: Arc<std::sync::Mutex<Vec<u8>>>,
    room: Arc<std::sync::atomic::AtomicUsize>,
    cut_fails: Arc<std::sync::atomic::AtomicBool>,
}

impl Disk {
    fn with(bytes: Vec<u8>, room: usize) -> Disk {
        let disk = Disk::default();
        *disk.bytes.lock().unwrap() = bytes;
        disk.set_room(room);
        disk
    }

    fn set_room(&self, room: usize) {
        self.room.store(room, std::sync::atomic::Ordering::SeqCst);
    }

    fn contents(&self) -> Vec<u8> {
        self.bytes.lock().unwrap().clone()
    }
}

impl journal::Storage for Disk {
    fn add(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let mut held = self.bytes.lock().unwrap();
        let room = self.room.load(std::sync::atomic::Ordering::SeqCst);
        let fits = room.saturating_sub(held.len()).min(bytes.len());
        held.extend_from_slice(&bytes[..fits]);
        if fits < bytes.len() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "No space left on device",
            ));
        }
        Ok(())
    }

    fn sync(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn cut(&mut self, len: u64) -> std::io::Result<()> {
        if self.cut_fails.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(std::io::Error::other("cannot cut"));
        }
        self.bytes.lock().unwrap().truncate(len as usize);
        Ok(())
    }
}

/// A session on a disk that fills up after its first action, gets room again, and goes on.
/// Returns the journal's bytes and the state as shown, with the failed action not applied.
fn through_a_full_disk(cut_fails_once: bool) -> (Vec<u8>, State) {
    let workshop = tot();
    let header = journal::Encoder::header(&workshop, at(-10, 0)).unwrap();
    let disk = Disk::with(header.clone(), usize::MAX);
    let mut writer = Writer::on(
        Box::new(disk.clone()),
        header.len() as u64,
        journal::Encoder::new(&workshop, 1, 0),
    );
    let mut state = State::new(Arc::clone(&workshop));
    let act = |state: &mut State, writer: &mut Writer, action: Action, now| {
        let events = Stamped::all(update(state, action, now).unwrap(), now, &Who::lead());
        let written = writer.append(&events);
        if written.is_ok() {
            state.apply_batch(&events);
        }
        written
    };
    act(&mut state, &mut writer, Action::Next { day: 0 }, at(0, 0)).unwrap();
    // The disk fills: 40 more bytes fit, a line does not.
    disk.set_room(disk.contents().len() + 40);
    disk.cut_fails
        .store(cut_fails_once, std::sync::atomic::Ordering::SeqCst);
    let full = act(
        &mut state,
        &mut writer,
        Action::ExtendRunning { minutes: 1 },
        at(1, 0),
    );
    assert_eq!(full.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
    if !cut_fails_once {
        // Cut back at once: nothing of the failed line is left.
        let text = String::from_utf8(disk.contents()).unwrap();
        assert!(text.ends_with('\n'), "{text}");
    }
    // Room again: the next action goes on a line of its own.
    disk.cut_fails
        .store(false, std::sync::atomic::Ordering::SeqCst);
    disk.set_room(usize::MAX);
    act(
        &mut state,
        &mut writer,
        Action::ExtendRunning { minutes: 2 },
        at(2, 0),
    )
    .unwrap();
    (disk.contents(), state)
}

#[test]
fn a_write_that_fails_half_way_leaves_only_whole_lines() {
    for cut_fails_once in [false, true] {
        let (bytes, state) = through_a_full_disk(cut_fails_once);
        let parsed = journal::parse("full.jsonl", &bytes).unwrap();
        assert!(parsed.torn.is_none(), "cut fails once: {cut_fails_once}");
        // The start and the two-minute extension; the failed one-minute one is not there,
        // and its numbers were not used.
        let seqs: Vec<u64> = parsed.records.iter().map(|r| r.seq).collect();
        let batches: Vec<u64> = parsed.records.iter().map(|r| r.batch).collect();
        assert_eq!(seqs, [1, 2]);
        assert_eq!(batches, [0, 1]);
        let replayed = journal::replay(tot(), &parsed.records);
        assert_eq!(replayed, state);
        let first = &replayed.days[0].blocks[0];
        assert_eq!(
            first.block.minutes,
            first.original_minutes.unwrap() + 2,
            "only the extension that was saved counts"
        );
    }
}

#[test]
fn an_empty_journal_or_a_torn_header_is_a_journal_not_yet_started() {
    let tmp = temp_dir("unstarted");
    let dir = tmp.path();
    let workshop = tot();
    // A first start on a full disk left an empty file, or a header cut off.
    let header = journal::Encoder::header(&workshop, at(-10, 0)).unwrap();
    for (name, bytes) in [
        ("empty.jsonl", Vec::new()),
        ("torn.jsonl", header[..header.len() / 2].to_vec()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        // Reading alone finds no journal, and changes nothing.
        assert_eq!(journal::read(std::slice::from_ref(&path)).unwrap(), None);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        // The console starts a new journal there: the torn header goes aside, nothing is lost.
        assert_eq!(journal::recover(std::slice::from_ref(&path)).unwrap(), None);
        let aside = dir.join(format!("{name}.torn"));
        if bytes.is_empty() {
            assert!(!aside.exists());
        } else {
            assert_eq!(std::fs::read(&aside).unwrap(), [&bytes[..], b"\n"].concat());
        }
        let mut s = Session {
            state: State::new(Arc::clone(&workshop)),
            writer: Writer::open(&path, &workshop, at(-5, 0), 1, 0).unwrap(),
            path: path.clone(),
        };
        assert!(s.act(Action::Next { day: 0 }, at(0, 0)));
        let loaded = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
        assert_eq!(loaded.records.len(), 1, "{name}");
        assert_eq!(s.replayed(), s.state);
    }
}

#[test]
fn two_consoles_on_one_file_are_found_out_on_reading() {
    let tmp = temp_dir("two-consoles");
    let path = tmp.path().join("day-1.jsonl");
    let workshop = tot();
    let mut first = Session::new(&path, Arc::clone(&workshop));
    first.act(Action::Next { day: 0 }, at(0, 0));
    // A second console opened on the same journal, with the same next numbers, while the
    // first goes on.
    let mut second = Session {
        state: first.replayed(),
        writer: Writer::open(&path, &workshop, at(1, 0), 2, 1).unwrap(),
        path: path.clone(),
    };
    first.act(Action::ExtendRunning { minutes: 1 }, at(2, 0));
    second.act(Action::ExtendRunning { minutes: 5 }, at(3, 0));
    let err = journal::read(std::slice::from_ref(&path)).unwrap_err();
    // Line 1 the header, 2 the start, 3 the first console's extension, 4 the second's.
    assert_eq!(err.line, 4, "{err}");
    assert!(err.message.contains("event 2 comes after event 2"), "{err}");
    assert!(err.message.contains("two consoles"), "{err}");
}

#[test]
fn a_repeated_line_or_file_counts_once_and_is_said() {
    let tmp = temp_dir("repeated");
    let dir = tmp.path();
    let path = dir.join("day-1.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    s.act(Action::ExtendRunning { minutes: 1 }, at(2, 0));
    let once = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    assert_eq!(once.records.len(), 2);
    assert!(once.repeated.is_empty());

    // The same file named twice: read once, nothing to say.
    let twice = journal::read(&[path.clone(), dir.join(".").join("day-1.jsonl")])
        .unwrap()
        .unwrap();
    assert_eq!(twice, once);

    // A copy under another name: each of its events is left out, with its line.
    let copy = dir.join("copy.jsonl");
    std::fs::copy(&path, &copy).unwrap();
    let with_copy = journal::read(&[path.clone(), copy.clone()])
        .unwrap()
        .unwrap();
    assert_eq!(with_copy.records, once.records);
    let lines: Vec<(std::path::PathBuf, usize, u64)> = with_copy
        .repeated
        .iter()
        .map(|r| (r.file.clone(), r.line, r.seq))
        .collect();
    assert_eq!(lines, [(copy.clone(), 2, 1), (copy.clone(), 3, 2)]);
    assert_eq!(
        with_copy.repeated[0].describe(),
        format!("{}:2: event 1 read already, left out", copy.display())
    );

    // A line written twice in one file: applied once, and said.
    let text = std::fs::read_to_string(&path).unwrap();
    let second = text.lines().nth(2).unwrap();
    std::fs::write(&path, format!("{text}{second}\n")).unwrap();
    let doubled = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    assert_eq!(doubled.records, once.records);
    assert_eq!(doubled.repeated.len(), 1);
    assert_eq!(doubled.repeated[0].line, 4);
    assert_eq!(doubled.replay(tot()), once.replay(tot()));
}

#[test]
fn a_warning_the_journal_cannot_take_is_shown_kept_and_written_in_its_place() {
    let workshop = tot();
    let header = journal::Encoder::header(&workshop, at(-10, 0)).unwrap();
    let disk = Disk::with(header.clone(), usize::MAX);
    let mut session = convene::session::Session::new(Arc::clone(&workshop));
    session.keep_journal(Writer::on(
        Box::new(disk.clone()),
        header.len() as u64,
        journal::Encoder::new(&workshop, 1, 0),
    ));
    let lead = Who::lead();
    let start = update(session.state(), Action::Next { day: 0 }, at(0, 0)).unwrap();
    session.commit(&start, at(0, 0), &lead).unwrap();

    // The disk is full when the welcome reaches its warning (two minutes left, at 13:08).
    disk.set_room(disk.contents().len());
    let warning = update(session.state(), Action::Tick, at(8, 0)).unwrap();
    assert_eq!(warning.len(), 1);
    assert!(session.commit_clock(&warning, at(8, 0)).is_err());
    // Shown all the same, and waiting to be written.
    let (_, running) = session.state().running().unwrap();
    assert_eq!(running.phase(at(8, 0)), convene::core::Phase::Warning);
    assert!(
        update(session.state(), Action::Tick, at(8, 1))
            .unwrap()
            .is_empty(),
        "announced once"
    );
    assert_eq!(session.unsaved(), 1);
    // An action meanwhile is not done: the journal must hold the warning first.
    let more = update(
        session.state(),
        Action::ExtendRunning { minutes: 1 },
        at(8, 30),
    )
    .unwrap();
    assert!(session.commit(&more, at(8, 30), &lead).is_err());
    assert_eq!(session.state().history.len(), 2);

    // Room again: the warning is written, then the action after it.
    disk.set_room(usize::MAX);
    session.save_unsaved().unwrap();
    assert_eq!(session.unsaved(), 0);
    session.commit(&more, at(9, 0), &lead).unwrap();
    let parsed = journal::parse("full.jsonl", &disk.contents()).unwrap();
    let stamps: Vec<(u64, &str, chrono::DateTime<Utc>)> = parsed
        .records
        .iter()
        .map(|r| (r.seq, r.by.0.as_str(), r.at.to_utc()))
        .collect();
    assert_eq!(
        stamps,
        [
            (1, "lead", at(0, 0)),
            (2, "clock", at(8, 0)),
            (3, "lead", at(9, 0))
        ]
    );
    assert_eq!(journal::replay(tot(), &parsed.records), *session.state());
}

#[test]
fn a_journal_folder_is_held_by_one_console_and_left_clean_by_one_that_wrote_nothing() {
    let tmp = temp_dir("lock");
    let dir = tmp.path().join("workshop");
    let held = journal::FolderLock::take(&dir).unwrap();
    let refused = journal::FolderLock::take(&dir).unwrap_err();
    assert_eq!(refused.file, dir.display().to_string());
    assert!(
        refused.message.contains(&format!(
            "already has this journal folder open (process {})",
            std::process::id()
        )),
        "{refused}"
    );
    // Nothing written: the lock and the folder made for it go with the console.
    drop(held);
    assert!(!dir.exists());
    // A console that wrote its journal leaves the lock file beside it, free for the next.
    let held = journal::FolderLock::take(&dir).unwrap();
    let path = dir.join("day-1.jsonl");
    let mut s = Session::new(&path, tot());
    s.act(Action::Next { day: 0 }, at(0, 0));
    drop(held);
    assert!(dir.join(journal::FolderLock::FILE).exists());
    assert!(journal::FolderLock::take(&dir).is_ok());
}

#[test]
fn a_session_begun_before_its_programme_had_an_id_is_still_found() {
    let tmp = temp_dir("folders");
    let journals = tmp.path();
    let workshop = tot();
    let id = workshop.programme.id.clone().expect("the ToT has an id");
    let by_title = journals.join(journal::slug(&workshop));
    // Nothing yet: the folder named by the id.
    assert_eq!(
        journal::in_journals(journals, &workshop),
        journals.join(&id)
    );
    // Only the folder the title gave before: the session goes on there.
    std::fs::create_dir_all(&by_title).unwrap();
    assert_eq!(journal::in_journals(journals, &workshop), by_title);
    // Once the id's folder exists, it is the one.
    std::fs::create_dir_all(journals.join(&id)).unwrap();
    assert_eq!(
        journal::in_journals(journals, &workshop),
        journals.join(&id)
    );
}
