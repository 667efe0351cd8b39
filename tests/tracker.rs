//! The exercise tracker: each room's step, help calls, notes, and report-back with rotating
//! speakers.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use convene::app::App;
use convene::core::{Event, Progress, RoomIx, TimerKind};
use convene::keymap::Mode;
use convene::roster::Role;
use crossterm::event::KeyCode;

const EXERCISE: &str = "dc-bicycle";

/// Day 1 with the sample roster, five mixed rooms, and the DC bicycle breakout running.
fn in_the_bicycle_exercise() -> App {
    let mut app = app();
    import_sample_roster(&mut app);
    let index = app.state().days[0]
        .blocks
        .iter()
        .position(|b| b.block.exercise.as_deref() == Some(EXERCISE))
        .unwrap();
    for _ in 0..index {
        app.press(&key(KeyCode::Down), at(0, 0));
    }
    app.press(&key(KeyCode::Enter), at(65, 0));
    app.press(&ch('f'), at(65, 0));
    type_line(&mut app, "5 mixed", at(65, 0));
    assert!(app.tracking(), "{:?}", app.seat.status);
    app.press(&ch('4'), at(65, 0));
    app
}

fn step(app: &App, room: usize) -> Option<Progress> {
    let round = app.state().current_round_index().unwrap();
    app.state()
        .tracker
        .get(EXERCISE, round, RoomIx(room))
        .and_then(|p| p.progress())
}

fn screen(app: &App, now: DateTime<Utc>) -> String {
    screen_at(app, now, 120, 40)
}

#[test]
fn rooms_go_through_the_steps_with_their_times() {
    let mut app = in_the_bicycle_exercise();
    app.press(&ch('v'), at(66, 0));
    assert_eq!(step(&app, 0), Some(Progress::Briefed));
    app.press(&ch('v'), at(67, 0));
    assert_eq!(step(&app, 0), Some(Progress::Working));
    app.press(&ch('v'), at(80, 0));
    assert_eq!(step(&app, 0), Some(Progress::Done));
    app.press(&ch('V'), at(81, 0));
    assert_eq!(step(&app, 0), Some(Progress::Working));
    let round = app.state().current_round_index().unwrap();
    let entry = app.state().tracker.get(EXERCISE, round, RoomIx(0)).unwrap();
    assert_eq!(entry.steps.len(), 4);
    assert_eq!(entry.since(), Some(at(81, 0)));
    // Another room, selected with ↓.
    app.press(&key(KeyCode::Down), at(82, 0));
    app.press(&ch('v'), at(82, 0));
    assert_eq!(step(&app, 1), Some(Progress::Briefed));
}

#[test]
fn needs_help_stands_out_everywhere_until_cleared() {
    let mut app = in_the_bicycle_exercise();
    app.press(&key(KeyCode::Down), at(66, 0));
    app.press(&key(KeyCode::Down), at(66, 0));
    app.press(&ch('h'), at(70, 0));
    assert_eq!(step(&app, 2), Some(Progress::NeedsHelp));
    let text = screen(&app, at(70, 0));
    // The header, the groups pane and the tracker all say so.
    assert!(
        text.lines().next().unwrap().contains("⚑ HELP: Room 3"),
        "{text}"
    );
    assert!(text.contains("⚑ Room 3"), "{text}");
    assert!(text.contains("needs help"), "{text}");
    insta::assert_snapshot!(text);
    // Helped: back to working, and the flags go.
    app.press(&ch('h'), at(72, 0));
    assert_eq!(step(&app, 2), Some(Progress::Working));
    let text = screen(&app, at(72, 0));
    // Nowhere on the screen: not the header, the groups pane, the room's name or the tracker.
    assert!(!text.contains("HELP"), "{text}");
    assert!(!text.contains('⚑'), "{text}");
    assert!(!text.contains("needs help"), "{text}");
    assert!(text.contains("│ Room 3       working 14:12"), "{text}");
}

#[test]
fn notes_take_several_lines_any_script_paste_and_editing() {
    let mut app = in_the_bicycle_exercise();
    app.press(&ch('o'), at(70, 0));
    assert_eq!(app.seat.mode, Mode::Notes);
    for c in "Pedals: ค่าใช้จ่าย".chars() {
        app.press(&ch(c), at(70, 0));
    }
    // Enter starts a new line here; keys of the console are just letters.
    app.press(&key(KeyCode::Enter), at(70, 0));
    app.on_paste("Bell = communication\r\nChain = visibility");
    app.press(&key(KeyCode::Backspace), at(70, 0));
    app.press(&ch('Y'), at(70, 0));
    app.press(&key(KeyCode::Home), at(70, 0));
    app.press(&ch('q'), at(70, 0));
    app.press(&ctrl('s'), at(71, 0));
    assert_eq!(app.seat.mode, Mode::Normal);
    let round = app.state().current_round_index().unwrap();
    let notes = app
        .state()
        .tracker
        .get(EXERCISE, round, RoomIx(0))
        .unwrap()
        .notes
        .clone();
    assert_eq!(
        notes,
        "Pedals: ค่าใช้จ่าย\nBell = communication\nqChain = visibilitY"
    );
    // Esc leaves without keeping.
    app.press(&ch('o'), at(72, 0));
    app.press(&ch('!'), at(72, 0));
    app.press(&key(KeyCode::Esc), at(72, 0));
    assert_eq!(
        app.state()
            .tracker
            .get(EXERCISE, round, RoomIx(0))
            .unwrap()
            .notes,
        notes
    );
}

#[test]
fn notes_hold_ten_thousand_characters_and_refuse_a_paste_beyond() {
    let mut app = in_the_bicycle_exercise();
    app.press(&ch('o'), at(70, 0));
    assert_eq!(app.seat.mode, Mode::Notes);
    // Far more than a prompt holds, on many lines: taken whole.
    let line = format!("{}\n", "n".repeat(99));
    let page = line.repeat(99);
    app.on_paste(&page);
    let input = |app: &App| app.seat.input.clone().unwrap();
    assert_eq!(input(&app).text, page);
    assert_eq!(input(&app).cursor, 9_900);
    // A megabyte does not fit the 100 characters left: nothing of it is taken.
    app.on_paste(&"m".repeat(1 << 20));
    assert_eq!(input(&app).text, page);
    let said = app.seat.status.clone().unwrap();
    assert!(said.is_error);
    assert_eq!(
        said.text,
        "Not pasted: 1048576 characters, and notes hold at most 10000 (100 free)"
    );
    assert!(screen(&app, at(70, 0)).contains(&said.text));
    // The last hundred fit, then neither a key nor a new line does.
    app.on_paste(&"e".repeat(98));
    app.press(&key(KeyCode::Enter), at(70, 0));
    app.press(&ch('f'), at(70, 0));
    assert_eq!(input(&app).text.chars().count(), 10_000);
    app.press(&ch('z'), at(70, 0));
    app.press(&key(KeyCode::Enter), at(70, 0));
    assert_eq!(input(&app).text.chars().count(), 10_000);
    assert!(input(&app).text.ends_with("e\nf"));
    assert_eq!(
        app.seat.status.clone().unwrap().text,
        "Full: notes hold at most 10000 characters"
    );
    app.press(&ctrl('s'), at(71, 0));
    let round = app.state().current_round_index().unwrap();
    let kept = &app
        .state()
        .tracker
        .get(EXERCISE, round, RoomIx(0))
        .unwrap()
        .notes;
    assert_eq!(kept.chars().count(), 10_000);
}

#[test]
fn report_back_calls_each_room_in_turn_with_a_speaking_timer() {
    let mut app = in_the_bicycle_exercise();
    let rooms = app.state().current_round().unwrap().rooms.len();
    // Room 2's rapporteur is chosen; the others speak by rotation.
    app.press(&ch('3'), at(85, 0));
    let round = app.state().current_round().unwrap().clone();
    let chosen = round.rooms[1].members[2].clone();
    let position = app
        .people_in_order()
        .iter()
        .position(|k| *k == chosen)
        .unwrap();
    app.seat.roster_selected = position;
    app.press(&ch('r'), at(85, 0));
    app.press(&ch('4'), at(85, 0));

    let mut speakers = Vec::new();
    for i in 0..rooms {
        app.press(&ch('Q'), at(86 + 3 * i as i64, 0));
        let r = app.state().current_round_index().unwrap();
        let entry = app.state().tracker.get(EXERCISE, r, RoomIx(i)).unwrap();
        speakers.push(entry.called.clone().unwrap().1.unwrap());
        // One speaking timer, of the default three minutes, named after the room.
        assert_eq!(app.state().timers.len(), 1, "{:?}", app.state().timers);
        let timer = &app.state().timers[0];
        assert!(
            timer
                .label
                .starts_with(&format!("Report-back: Room {}", i + 1))
        );
        assert_eq!(timer.countdown, Some(chrono::Duration::minutes(3)));
        // The room before has reported.
        if i > 0 {
            assert_eq!(step(&app, i - 1), Some(Progress::Reported));
        }
    }
    assert_eq!(speakers[1], chosen);
    // Everyone who spoke belongs to the room they spoke for.
    for (i, s) in speakers.iter().enumerate() {
        assert!(round.rooms[i].members.contains(s));
    }
    // The last call ends the last report; then there is nobody left.
    app.press(&ch('Q'), at(120, 0));
    assert_eq!(step(&app, rooms - 1), Some(Progress::Reported));
    let refusal = app.press(&ch('Q'), at(121, 0));
    assert!(refusal.events.is_empty());
    assert!(
        app.seat
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("every group has reported")
    );
}

#[test]
fn speakers_rotate_across_exercises() {
    let mut app = in_the_bicycle_exercise();
    app.press(&ch('Q'), at(86, 0));
    let round = app.state().current_round_index().unwrap();
    let first = app
        .state()
        .tracker
        .get(EXERCISE, round, RoomIx(0))
        .unwrap()
        .called
        .clone()
        .unwrap()
        .1
        .unwrap();
    // The next exercise with the same rooms: someone else from room 1 speaks.
    app.press(&ch('n'), at(100, 0));
    app.press(&ch('n'), at(110, 0));
    // On through the blocks, each after more than a minute (a quicker `n` asks first).
    let mut t = at(120, 0);
    while app.running_exercise().is_none() {
        app.press(&ch('n'), t);
        t += chrono::Duration::minutes(2);
        assert!(t < at(400, 0), "no later exercise started");
    }
    let exercise = app.running_exercise().unwrap();
    app.press(&ch('f'), t);
    app.press(&ctrl('u'), t);
    for c in "keep".chars() {
        app.press(&ch(c), t);
    }
    app.press(&key(KeyCode::Enter), t);
    app.press(&ch('Q'), t + chrono::Duration::minutes(1));
    let round = app.state().current_round_index().unwrap();
    let second = app
        .state()
        .tracker
        .get(&exercise, round, RoomIx(0))
        .unwrap()
        .called
        .clone()
        .unwrap()
        .1
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(app.state().tracker.reports_by(&first), 1);
}

#[test]
fn without_groups_or_a_running_exercise_the_keys_explain() {
    let mut app = app();
    app.press(&ch('v'), at(0, 0));
    assert!(
        app.seat
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("f forms them")
    );
    app.press(&ch('O'), at(0, 0));
    assert!(app.seat.overview);
    let text = screen(&app, at(0, 0));
    assert!(text.contains("No exercise has started yet."), "{text}");
}

#[test]
fn the_overview_shows_every_exercise_by_room() {
    let mut app = in_the_bicycle_exercise();
    app.press(&ch('v'), at(66, 0));
    app.press(&key(KeyCode::Down), at(66, 0));
    app.press(&ch('h'), at(66, 0));
    app.press(&ch('O'), at(67, 0));
    let text = screen(&app, at(67, 0));
    assert!(text.contains("┌ 4 Exercises overview"), "{text}");
    // Round 1 of the bicycle: room 1 briefed (·), room 2 asking for help (!), rooms 3 to 5
    // not started (blank).
    assert!(
        text.contains("│ r1 Personalize your DC bicycle        · !  │"),
        "{text}"
    );
}

// Report-back blocks, plenary exercises, help flags that end with the exercise, speakers.

/// Starts the block of day 1 with this title, as `Enter` on it does: returns the events.
fn start(app: &mut App, title: &str, now: DateTime<Utc>) -> Vec<Event> {
    let id = app.state().days[0]
        .blocks
        .iter()
        .find(|b| b.block.title == title)
        .unwrap()
        .id;
    let events =
        convene::core::update(app.state(), convene::core::Action::StartBlock(id), now).unwrap();
    app.apply(&events, now);
    events
}

/// The bicycle breakout with rooms, then its report-back, "Report-back: DC bicycles" (10
/// minutes), from 14:25.
fn in_the_bicycle_report_back() -> App {
    let mut app = in_the_bicycle_exercise();
    start(&mut app, "Report-back: DC bicycles", at(85, 0));
    let running = app.state().running().unwrap().1.block.title.clone();
    assert_eq!(running, "Report-back: DC bicycles");
    app
}

fn speaking_minutes(app: &App) -> Vec<i64> {
    app.state()
        .timers
        .iter()
        .filter(|t| t.kind == TimerKind::Speaking)
        .map(|t| t.countdown.unwrap().num_minutes())
        .collect()
}

#[test]
fn the_report_back_block_tracks_its_exercise_and_calls_the_rooms() {
    let mut app = in_the_bicycle_report_back();
    assert!(app.tracking());
    assert_eq!(app.running_exercise().as_deref(), Some(EXERCISE));
    // Five rooms of three minutes need 15 minutes; the block has 10: Q gives turns of
    // 10 / 5 = 2 minutes.
    app.press(&ch('Q'), at(85, 10));
    let round = app.state().current_round_index().unwrap();
    let called = app.state().tracker.get(EXERCISE, round, RoomIx(0)).unwrap();
    assert!(called.called.is_some());
    assert_eq!(speaking_minutes(&app), [2]);
    // Five minutes more for the block (15 = 5 x 3): the next turn is the full three minutes.
    app.press(&ch('>'), at(87, 10));
    assert_eq!(app.state().running().unwrap().1.block.minutes, 15);
    app.press(&ch('Q'), at(87, 10));
    assert_eq!(step(&app, 0), Some(Progress::Reported));
    assert_eq!(speaking_minutes(&app), [3]);
}

#[test]
fn the_tracker_in_a_report_back_at_120x40() {
    let mut app = in_the_bicycle_report_back();
    app.press(&ch('Q'), at(85, 10));
    let text = screen(&app, at(86, 0));
    // The border names the exercise; the task's first words and the shortfall are shown; the
    // keys are named by the keymap.
    assert!(
        text.contains("┌ 4 Exercises report-back · Personalize you… ┐"),
        "{text}"
    );
    assert!(text.contains("│ Use the DC bicycle"), "{text}");
    assert!(
        text.contains("└ 5×3 min > 10 min: Q 2-min turns, > +5 ─"),
        "{text}"
    );
    assert!(text.contains("│ Room 1       speaking 14:25 ★"), "{text}");
    assert!(text.contains("│ Room 5       not started"), "{text}");
    assert!(text.contains("Report-back: Room 1"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn the_tracker_in_a_report_back_at_80x24() {
    let mut app = in_the_bicycle_report_back();
    app.press(&ch('Q'), at(85, 10));
    let text = screen_at(&app, at(86, 0), 80, 24);
    assert!(text.contains("4 Exercises report-back"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_plenary_exercise_shows_no_room_tracker() {
    let mut app = in_the_bicycle_exercise();
    // "The bigger picture" is a plenary exercise in a block of kind `exercise`: no rooms.
    start(&mut app, "The bigger picture", at(100, 0));
    assert!(!app.tracking());
    assert_eq!(app.running_exercise(), None);
    app.press(&ch('Q'), at(101, 0));
    let said = app.seat.status.clone().unwrap();
    assert!(said.is_error);
    assert_eq!(
        said.text,
        "“The bigger picture” is an exercise in plenary: there are no rooms to track"
    );
    let text = screen(&app, at(101, 0));
    assert!(text.contains("┌ 4 Exercises day 1"), "{text}");
}

#[test]
fn a_help_flag_lasts_through_the_report_back_and_goes_with_the_exercise() {
    let mut app = in_the_bicycle_exercise();
    app.press(&key(KeyCode::Down), at(66, 0));
    app.press(&ch('h'), at(70, 0));
    assert_eq!(step(&app, 1), Some(Progress::NeedsHelp));
    // The report-back is the same exercise's: the flag stays.
    let started = start(&mut app, "Report-back: DC bicycles", at(85, 0));
    assert!(
        !started
            .iter()
            .any(|e| matches!(e, Event::HelpCleared { .. })),
        "{started:?}"
    );
    assert_eq!(step(&app, 1), Some(Progress::NeedsHelp));
    assert!(screen(&app, at(85, 0)).contains("⚑ HELP: Room 2"));
    // The break after it: the exercise is over, and the flag goes in the same batch, back to
    // the step the room had before it asked (none but help: working).
    let started = start(&mut app, "Break", at(95, 0));
    let round = app.state().current_round_index().unwrap();
    assert!(
        started.contains(&Event::HelpCleared {
            exercise: EXERCISE.into(),
            round,
            room: RoomIx(1),
            progress: Progress::Working,
        }),
        "{started:?}"
    );
    assert_eq!(step(&app, 1), Some(Progress::Working));
    let text = screen(&app, at(95, 0));
    assert!(!text.contains("HELP"), "{text}");
    // Undone with its batch: the flag is back.
    app.press(&ch('u'), at(96, 0));
    assert_eq!(step(&app, 1), Some(Progress::NeedsHelp));
}

#[test]
fn the_end_of_the_day_clears_a_help_flag_and_says_so() {
    let mut app = in_the_bicycle_exercise();
    app.press(&ch('v'), at(66, 0));
    app.press(&ch('v'), at(67, 0));
    app.press(&ch('h'), at(70, 0));
    let ended = app.state();
    let day_end = convene::core::update(
        ended,
        convene::core::Action::FinishDay { day: 0 },
        at(71, 0),
    )
    .unwrap();
    let cleared = day_end
        .iter()
        .find(|e| matches!(e, Event::HelpCleared { .. }))
        .expect("the flag is cleared with the day's end")
        .clone();
    // Back to the step before the call: working (briefed, working, then help).
    assert!(matches!(
        cleared,
        Event::HelpCleared {
            progress: Progress::Working,
            ..
        }
    ));
    assert_eq!(
        convene::core::describe(app.state(), &cleared),
        "Personalize your DC bicycle: Room 1's call for help cleared as the exercise is over \
         (working again)"
    );
}

#[test]
fn h_clears_a_flag_left_after_its_block_ended() {
    // A journal from before flags were cleared: two rooms flagged in the bicycle exercise,
    // and the day has gone on to the break.
    let mut app = in_the_bicycle_exercise();
    let round = app.state().current_round_index().unwrap();
    start(&mut app, "Break", at(100, 0));
    for room in [1, 3] {
        app.apply(
            &[Event::ProgressSet {
                exercise: EXERCISE.into(),
                round,
                room: RoomIx(room),
                progress: Progress::NeedsHelp,
            }],
            at(100, 0),
        );
    }
    assert!(!app.tracking());
    // In the groups pane, on someone of Room 4: Room 4 is helped.
    app.press(&ch('3'), at(101, 0));
    let someone = app.state().current_round().unwrap().rooms[3].members[0].clone();
    app.seat.roster_selected = app
        .people_in_order()
        .iter()
        .position(|k| *k == someone)
        .unwrap();
    app.press(&ch('h'), at(101, 0));
    assert_eq!(step(&app, 3), Some(Progress::Working));
    assert_eq!(step(&app, 1), Some(Progress::NeedsHelp));
    // Elsewhere, the room the header lists first.
    app.press(&ch('1'), at(102, 0));
    app.press(&ch('h'), at(102, 0));
    assert_eq!(step(&app, 1), Some(Progress::Working));
    // With no flag left, `h` says why it does nothing.
    let refused = app.press(&ch('h'), at(103, 0));
    assert!(refused.events.is_empty());
    assert!(app.seat.status.clone().unwrap().is_error);
}

#[test]
fn facilitators_never_report_back() {
    let mut app = in_the_bicycle_report_back();
    let round = app.state().current_round().unwrap().clone();
    let state = app.state().clone();
    let facilitator = |k: &convene::core::PersonKey| {
        matches!(
            state.person(k).unwrap().role,
            Role::Facilitator | Role::CoFacilitator
        )
    };
    // A facilitator made rapporteur of their room is passed over too.
    let (with_facilitator, lead) = round
        .indexed()
        .find_map(|(i, r)| {
            r.members
                .iter()
                .find(|m| facilitator(m))
                .map(|m| (i, m.clone()))
        })
        .expect("the sample roster's facilitators are in rooms");
    app.apply(
        &[Event::RapporteurChosen {
            room: with_facilitator,
            person: Some(lead),
        }],
        at(85, 0),
    );
    let index = app.state().current_round_index().unwrap();
    for i in 0..round.rooms.len() {
        app.press(&ch('Q'), at(86 + i as i64, 0));
        let speaker = app
            .state()
            .tracker
            .get(EXERCISE, index, RoomIx(i))
            .unwrap()
            .called
            .clone()
            .unwrap()
            .1
            .expect("every room has participants");
        assert!(!facilitator(&speaker), "room {}: {speaker}", i + 1);
        assert_eq!(
            app.state().person(&speaker).unwrap().role,
            Role::Participant
        );
    }
}
