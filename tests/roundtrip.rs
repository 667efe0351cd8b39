//! Every kind of event survives the journal: written through the real serializer, read back
//! from the bytes and replayed, across the three days, with a resume in the middle, it gives
//! the state the session had live.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::*;
use convene::core::{Action, Event, GroupSpec, PairRule, Size, Stamped, State, Who, update};
use convene::journal::{self, Encoder};
use convene::roster::load_roster;
use proptest::prelude::*;

/// One step of a random session: the index picks a person, room, block, timer or exercise
/// from what exists when the step runs.
#[derive(Debug, Clone)]
enum Op {
    Next,
    Start(usize),
    Extend(i32),
    Skip(usize),
    Break(usize),
    Countdown(u32),
    Stopwatch,
    PauseResume(usize),
    Adjust(usize),
    Restart(usize),
    Delete(usize),
    Move(usize, i32),
    Replan,
    FinishDay,
    Cue,
    Form(usize, usize),
    MovePerson(usize, i32),
    Swap(usize, usize),
    Absent(usize),
    PlaceLate(usize),
    Rapporteur(usize),
    Rename(usize),
    Clear,
    Step(usize, usize, bool),
    Help(usize, usize),
    Notes(usize, usize),
    Report(usize),
    Pair(usize, usize, bool),
    /// A walk-in added from the console, the same name twice refused.
    WalkIn(usize),
    Attendance,
    NextDay,
    Resume,
    Undo,
    Tick,
    /// The programme file edited (a block of the last day renamed and made longer) and taken
    /// for the days not yet run.
    Revise(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => Just(Op::Next),
        1 => (0usize..20).prop_map(Op::Start),
        1 => prop_oneof![Just(1), Just(-1), Just(5)].prop_map(Op::Extend),
        1 => (0usize..20).prop_map(Op::Skip),
        1 => (0usize..20).prop_map(Op::Break),
        1 => (1u32..1800).prop_map(Op::Countdown),
        1 => Just(Op::Stopwatch),
        1 => (0usize..4).prop_map(Op::PauseResume),
        1 => (0usize..4).prop_map(Op::Adjust),
        1 => (0usize..4).prop_map(Op::Restart),
        1 => (0usize..4).prop_map(Op::Delete),
        1 => ((0usize..20), prop_oneof![Just(1), Just(-1)]).prop_map(|(b, by)| Op::Move(b, by)),
        1 => Just(Op::Replan),
        1 => Just(Op::FinishDay),
        1 => Just(Op::Cue),
        3 => ((0usize..4), (2usize..7)).prop_map(|(s, n)| Op::Form(s, n)),
        2 => ((0usize..40), prop_oneof![Just(1), Just(-1)]).prop_map(|(p, by)| Op::MovePerson(p, by)),
        1 => ((0usize..40), (0usize..40)).prop_map(|(a, b)| Op::Swap(a, b)),
        1 => (0usize..40).prop_map(Op::Absent),
        1 => (0usize..40).prop_map(Op::PlaceLate),
        1 => (0usize..40).prop_map(Op::Rapporteur),
        1 => (0usize..8).prop_map(Op::Rename),
        1 => Just(Op::Clear),
        2 => ((0usize..8), (0usize..8), any::<bool>()).prop_map(|(e, r, f)| Op::Step(e, r, f)),
        1 => ((0usize..8), (0usize..8)).prop_map(|(e, r)| Op::Help(e, r)),
        1 => ((0usize..8), (0usize..8)).prop_map(|(e, r)| Op::Notes(e, r)),
        1 => (0usize..8).prop_map(Op::Report),
        1 => ((0usize..40), (0usize..40), any::<bool>()).prop_map(|(a, b, t)| Op::Pair(a, b, t)),
        1 => (0usize..3).prop_map(Op::WalkIn),
        1 => Just(Op::Attendance),
        1 => Just(Op::NextDay),
        1 => Just(Op::Resume),
        2 => Just(Op::Undo),
        2 => Just(Op::Tick),
        1 => (0usize..20).prop_map(Op::Revise),
    ]
}

const STRATEGIES: [&str; 4] = ["random", "mixed", "fresh", "keep"];

/// The action a step stands for, against the state as it is; `None` when it has nothing to
/// act on.
fn action(state: &State, op: &Op, day: usize, now: DateTime<Utc>) -> Option<Action> {
    let people = &state.roster.participants;
    let person = |i: usize| people.get(i % people.len().max(1)).map(|p| p.key());
    let blocks = &state.days[day].blocks;
    let block = |i: usize| blocks.get(i % blocks.len()).map(|b| b.id);
    let exercises = &state.workshop.programme.exercises;
    let exercise = |i: usize| {
        exercises
            .get(i % exercises.len().max(1))
            .map(|e| e.id.clone())
    };
    let timer = |i: usize| {
        state
            .timers
            .get(i % state.timers.len().max(1))
            .map(|t| t.id)
    };
    let rooms = state.current_round().map_or(1, |r| r.rooms.len().max(1));
    Some(match op {
        Op::Next => Action::Next { day },
        Op::Start(i) => Action::StartBlock(block(*i)?),
        Op::Extend(m) => Action::ExtendRunning { minutes: *m },
        Op::Skip(i) => Action::ToggleSkip(block(*i)?),
        Op::Break(i) => Action::InsertBreak {
            day,
            after: block(*i),
            minutes: 5,
        },
        Op::Countdown(s) => Action::StartTimer {
            label: format!("Countdown {s}"),
            seconds: Some(*s),
        },
        Op::Stopwatch => Action::StartTimer {
            label: "Q&A".into(),
            seconds: None,
        },
        Op::PauseResume(i) => Action::PauseResume(timer(*i)?),
        Op::Adjust(i) => Action::AdjustTimer {
            timer: timer(*i)?,
            seconds: 60,
        },
        Op::Restart(i) => Action::RestartTimer(timer(*i)?),
        Op::Delete(i) => Action::DeleteTimer(timer(*i)?),
        Op::Move(i, by) => Action::Move {
            block: block(*i)?,
            by: *by,
        },
        Op::Replan => Action::Replan {
            day,
            changes: convene::core::propose_replan(state, day, now)?.changes,
        },
        Op::FinishDay => Action::FinishDay { day },
        Op::Cue => Action::SendCue,
        Op::Form(s, n) => Action::FormGroups {
            day,
            label: format!("Round {}", state.rounds.len() + 1),
            spec: GroupSpec {
                size: Some(if n % 2 == 0 {
                    Size::Groups(*n)
                } else {
                    Size::PerGroup(*n)
                }),
                strategy: STRATEGIES[s % STRATEGIES.len()].parse().unwrap(),
                given: None,
            },
            seed: (*s * 31 + *n) as u64,
        },
        Op::MovePerson(p, by) => Action::MovePerson {
            person: person(*p)?,
            by: *by,
        },
        Op::Swap(a, b) => Action::Swap {
            a: person(*a)?,
            b: person(*b)?,
        },
        Op::Absent(p) => Action::ToggleAbsent {
            person: person(*p)?,
            day,
        },
        Op::PlaceLate(p) => Action::PlaceLate {
            person: person(*p)?,
        },
        Op::Rapporteur(p) => Action::Rapporteur {
            person: person(*p)?,
        },
        Op::Rename(r) => Action::RenameRoom {
            room: convene::core::RoomIx(r % rooms),
            name: format!("Kamar {}", r + 1),
        },
        Op::Clear => Action::ClearGroups,
        Op::WalkIn(n) => Action::AddWalkIn {
            name: format!("Walk-in Guest {n}"),
            country: Some("Nepal".into()),
            email: None,
        },
        Op::Step(e, r, forward) => Action::StepProgress {
            exercise: exercise(*e)?,
            room: convene::core::RoomIx(r % rooms),
            forward: *forward,
        },
        Op::Help(e, r) => Action::RoomNeedsHelp {
            exercise: exercise(*e)?,
            room: convene::core::RoomIx(r % rooms),
        },
        Op::Notes(e, r) => Action::WriteNotes {
            exercise: exercise(*e)?,
            room: convene::core::RoomIx(r % rooms),
            text: format!("Pedals: ค่าใช้จ่าย\nसाझेदारी {e}{r}"),
        },
        Op::Report(e) => Action::CallNextReport {
            exercise: exercise(*e)?,
        },
        Op::Pair(a, b, together) => Action::RulePair {
            a: person(*a)?,
            b: person(*b)?,
            rule: if *together {
                PairRule::Together
            } else {
                PairRule::Apart
            },
        },
        Op::Undo => Action::Undo(Who::lead()),
        Op::Tick => Action::Tick,
        Op::Attendance | Op::NextDay | Op::Resume | Op::Revise(_) => return None,
    })
}

/// A live session whose journal is bytes in memory, one file per day as the console keeps it.
struct Live {
    state: State,
    encoder: Encoder,
    files: Vec<Vec<u8>>,
    day: usize,
}

impl Live {
    fn new() -> Live {
        let workshop = tot();
        let mut files = vec![Vec::new(); workshop.days().len()];
        files[0] = Encoder::header(&workshop, at(-10, 0)).unwrap();
        Live {
            encoder: Encoder::new(&workshop, 1, 0),
            state: State::new(workshop),
            files,
            day: 0,
        }
    }

    fn record(&mut self, events: Vec<Event>, now: DateTime<Utc>) {
        if events.is_empty() {
            return;
        }
        if self.files[self.day].is_empty() {
            self.files[self.day] = Encoder::header(&self.state.workshop, now).unwrap();
        }
        // Actions of two people, so that who did each is carried through too.
        let by = match self.state.history.len() % 2 {
            0 => Who::lead(),
            _ => Who("Hendra Wijaya".into()),
        };
        let events = Stamped::all(events, now, &by);
        let bytes = self.encoder.batch(&events).unwrap();
        self.encoder.commit(events.len());
        self.files[self.day].extend_from_slice(&bytes);
        self.state.apply_batch(&events);
    }

    fn act(&mut self, action: Action, now: DateTime<Utc>) {
        if let Ok(events) = update(&self.state, action, now) {
            self.record(events, now);
        }
    }

    /// Reads every day file back from its bytes and merges them by sequence number.
    fn read(&self) -> (State, Encoder) {
        let mut records = Vec::new();
        let mut header = None;
        for (i, bytes) in self.files.iter().enumerate() {
            if bytes.is_empty() {
                continue;
            }
            let parsed = journal::parse(&format!("day-{}.jsonl", i + 1), bytes).unwrap();
            assert_eq!(parsed.torn, None, "nothing was torn");
            header.get_or_insert(parsed.header);
            records.extend(parsed.records);
        }
        records.sort_by_key(|r| r.seq);
        let loaded = journal::Loaded {
            header: header.unwrap(),
            records,
            torn: Vec::new(),
            repeated: Vec::new(),
        };
        let workshop = Arc::new(loaded.workshop().unwrap());
        let encoder = Encoder::new(&workshop, loaded.next_seq(), loaded.next_batch());
        (loaded.replay(workshop), encoder)
    }
}

/// Kinds of events by their journal name, from the bytes written.
fn kinds(files: &[Vec<u8>]) -> BTreeSet<String> {
    files
        .iter()
        .flat_map(|f| {
            String::from_utf8(f.clone())
                .unwrap()
                .lines()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l).unwrap();
            v.pointer("/event/type")
                .and_then(|t| t.as_str())
                .map(String::from)
        })
        .collect()
}

fn run(steps: &[(Op, i64)]) -> Live {
    let mut live = Live::new();
    let roster = load_roster(std::path::Path::new("assets/roster-sample.csv")).unwrap();
    live.record(
        vec![Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: roster.roster.participants,
        }],
        at(-5, 0),
    );
    let mut now = at(0, 0);
    for (op, seconds) in steps {
        now += Duration::seconds(*seconds);
        match op {
            Op::NextDay if live.day + 1 < live.files.len() => {
                live.day += 1;
                let date = live.state.workshop.days()[live.day].date;
                let start = date.and_hms_opt(6, 0, 0).unwrap().and_utc();
                now = now.max(start);
            }
            Op::Attendance => {
                let present = live
                    .state
                    .roster
                    .participants
                    .iter()
                    .step_by(3)
                    .map(|p| (p.key(), 120))
                    .collect();
                let day = live.day;
                live.record(
                    vec![Event::AttendanceImported {
                        day,
                        source: format!("participants-day{}.csv", day + 1),
                        present,
                        unmatched: vec![("Galaxy Tab S7".into(), 45)],
                    }],
                    now,
                );
            }
            Op::Revise(i) => {
                let mut edited = live.state.workshop.programme.clone();
                if let Some(last) = edited.days.last_mut() {
                    let n = last.blocks.len();
                    let block = &mut last.blocks[i % n];
                    block.title = format!("{} (edited {i})", block.title);
                    block.minutes += 5;
                    block.max_minutes = block.max_minutes.map(|m| m + 5);
                }
                let event = convene::core::revision::revise(&live.state, &edited);
                live.record(vec![event], now);
            }
            Op::Resume => {
                // The console stops and starts again on its journal.
                let (state, encoder) = live.read();
                assert_eq!(state, live.state, "the state resumed from the journal");
                live.state = state;
                live.encoder = encoder;
            }
            _ => {
                if let Some(a) = action(&live.state, op, live.day, now) {
                    live.act(a, now);
                }
            }
        }
    }
    live
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// For any session over the workshop's days, with resumes, the journal it wrote replays
    /// to the state it had live.
    #[test]
    fn every_event_replays_from_the_bytes_written(
        steps in prop::collection::vec((op(), 0i64..600), 1..90),
    ) {
        let live = run(&steps);
        let (replayed, _) = live.read();
        prop_assert_eq!(&replayed, &live.state);
    }
}

/// The generator reaches every kind of event (a property that never writes a kind proves
/// nothing about it): a long scripted session through all of them, then replayed.
#[test]
fn a_session_with_every_kind_of_event_replays_exactly() {
    use Op::*;
    let script = vec![
        Next,
        Countdown(600),
        Stopwatch,
        PauseResume(0),
        PauseResume(0),
        Adjust(0),
        Restart(0),
        Delete(1),
        Extend(1),
        Form(0, 4),
        MovePerson(1, 1),
        Swap(2, 9),
        Swap(2, 10),
        Swap(2, 11),
        Swap(1, 12),
        Absent(3),
        Absent(3),
        PlaceLate(3),
        Rapporteur(4),
        Rename(1),
        Pair(5, 6, true),
        Pair(5, 7, false),
        WalkIn(0),
        Attendance,
        // "Personalize your DC bicycle", whose cue is due a minute after its start.
        Start(5),
        Tick,
        Cue,
        Step(0, 0, true),
        Step(0, 1, true),
        Help(0, 1),
        Notes(0, 1),
        Report(0),
        Report(0),
        Tick,
        Skip(9),
        Skip(9),
        Revise(3),
        Move(12, -1),
        Break(6),
        Undo,
        Resume,
        Extend(5),
        Replan,
        Tick,
        Clear,
        Form(2, 3),
        FinishDay,
        NextDay,
        Next,
        Form(3, 4),
        Resume,
        Next,
        Tick,
        FinishDay,
        NextDay,
        Next,
        Attendance,
        Tick,
    ];
    let steps: Vec<(Op, i64)> = script.into_iter().map(|op| (op, 200)).collect();
    let live = run(&steps);
    let written = kinds(&live.files);
    let expected = [
        "block_started",
        "block_finished",
        "block_resized",
        "block_skipped",
        "block_restored",
        "block_moved",
        "break_inserted",
        "timer_adjusted",
        "timer_restarted",
        "timer_deleted",
        "day_finished",
        "replanned",
        "programme_revised",
        "timer_started",
        "timer_paused",
        "timer_resumed",
        "threshold_crossed",
        "cue_sent",
        "roster_imported",
        "groups_formed",
        "participant_moved",
        "participants_swapped",
        "marked_absent",
        "marked_present",
        "room_renamed",
        "rapporteur_chosen",
        "groups_cleared",
        "attendance_imported",
        "walk_in_added",
        "pair_ruled",
        "progress_set",
        "notes_written",
        "report_called",
        "help_cleared",
        "undone",
    ];
    let missing: Vec<_> = expected.iter().filter(|k| !written.contains(**k)).collect();
    assert!(
        missing.is_empty(),
        "never written: {missing:?}; written: {written:?}"
    );
    assert!(
        live.files.iter().all(|f| !f.is_empty()),
        "a file for each of the three days"
    );
    let (replayed, _) = live.read();
    assert_eq!(replayed, live.state);
}
