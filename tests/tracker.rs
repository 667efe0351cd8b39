//! The exercise tracker: each room's step, help calls, notes, and report-back with rotating
//! speakers.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use convene::app::App;
use convene::core::{Event, Progress, RoomIx};
use convene::keymap::Mode;
use convene::roster::load_roster;
use crossterm::event::KeyCode;

const EXERCISE: &str = "dc-bicycle";

/// Day 1 with the sample roster, five mixed rooms, and the DC bicycle breakout running.
fn in_the_bicycle_exercise() -> App {
    let mut app = app();
    let roster = load_roster(std::path::Path::new("assets/roster-sample.csv")).unwrap();
    app.apply(
        &[Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: roster.roster.participants,
        }],
        at(-30, 0),
    );
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
    while app.running_exercise().is_none() {
        app.press(&ch('n'), at(120, 0));
    }
    let exercise = app.running_exercise().unwrap();
    app.press(&ch('f'), at(121, 0));
    app.press(&ctrl('u'), at(121, 0));
    for c in "keep".chars() {
        app.press(&ch(c), at(121, 0));
    }
    app.press(&key(KeyCode::Enter), at(121, 0));
    app.press(&ch('Q'), at(122, 0));
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
