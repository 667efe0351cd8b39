//! Pure transition tests: the core and the console's key handling, with a fixed clock.

mod common;

use chrono::Duration;
use common::*;
use convene::app::Pane;
use convene::core::{Action, BlockStatus, Event, State, update};
use convene::keymap::Mode;
use crossterm::event::KeyCode;

#[test]
fn a_new_session_has_every_block_pending() {
    let state = State::new(tot());
    assert_eq!(state.days.len(), 3);
    assert!(state.running().is_none());
    for day in &state.days {
        assert!(
            day.blocks
                .iter()
                .all(|b| b.status() == BlockStatus::Pending)
        );
    }
}

#[test]
fn block_ids_are_unique_across_days() {
    let state = State::new(tot());
    let mut ids: Vec<_> = state
        .days
        .iter()
        .flat_map(|d| d.blocks.iter().map(|b| b.id))
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn planned_starts_follow_the_durations() {
    let state = State::new(tot());
    let starts = state.workshop.planned_starts(0);
    assert_eq!(starts.len(), state.days[0].blocks.len() + 1);
    for (b, s) in state.days[0].blocks.iter().zip(&starts) {
        assert_eq!(b.planned_start, Some(*s));
    }
    assert_eq!(starts[0], day1_start());
    let first = i64::from(state.days[0].blocks[0].block.minutes);
    assert_eq!(starts[1], day1_start() + Duration::minutes(first));
    // 13:00 to 16:30 Jakarta.
    assert_eq!(*starts.last().unwrap(), at(210, 0));
}

#[test]
fn starting_a_block_records_when() {
    let mut state = State::new(tot());
    let id = state.days[0].blocks[0].id;
    let events = update(&state, Action::StartBlock(id), at(0, 5)).unwrap();
    assert_eq!(events, vec![Event::BlockStarted { block: id }]);
    apply_at(&mut state, &events, at(0, 5));
    let (day, running) = state.running().unwrap();
    assert_eq!((day, running.id), (0, id));
    assert_eq!(running.elapsed(at(3, 5)), Duration::minutes(3));
    let planned = i64::from(running.block.minutes);
    assert_eq!(running.remaining(at(3, 5)), Duration::minutes(planned - 3));
}

#[test]
fn starting_another_block_finishes_the_running_one() {
    let mut state = State::new(tot());
    let first = state.days[0].blocks[0].id;
    let third = state.days[0].blocks[2].id;
    let events = update(&state, Action::StartBlock(first), at(0, 0)).unwrap();
    apply_at(&mut state, &events, at(0, 0));
    let events = update(&state, Action::StartBlock(third), at(12, 0)).unwrap();
    assert_eq!(
        events,
        vec![
            Event::BlockFinished { block: first },
            // Started ahead of the second block, the third moves up to run next.
            Event::BlockMoved {
                block: third,
                to: 1
            },
            Event::BlockStarted { block: third },
        ]
    );
    apply_at(&mut state, &events, at(12, 0));
    assert_eq!(state.block(first).unwrap().status(), BlockStatus::Done);
    assert_eq!(
        state.block(first).unwrap().elapsed(at(50, 0)),
        Duration::minutes(12)
    );
    assert_eq!(state.running().unwrap().1.id, third);
    // The passed-over second block is still to run, right after it.
    assert_eq!(state.days[0].blocks[1].id, third);
    assert_eq!(state.days[0].blocks[2].status(), BlockStatus::Pending);
}

#[test]
fn a_running_or_finished_block_cannot_be_started_again() {
    let mut state = State::new(tot());
    let first = state.days[0].blocks[0].id;
    let events = update(&state, Action::StartBlock(first), at(0, 0)).unwrap();
    apply_at(&mut state, &events, at(0, 0));
    let refusal = update(&state, Action::StartBlock(first), at(1, 0)).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "“Welcome and opening” is already running"
    );
    let events = update(&state, Action::Next { day: 0 }, at(10, 0)).unwrap();
    apply_at(&mut state, &events, at(10, 0));
    let refusal = update(&state, Action::StartBlock(first), at(11, 0)).unwrap_err();
    assert_eq!(refusal.to_string(), "“Welcome and opening” has already run");
}

#[test]
fn next_with_nothing_running_starts_the_first_block_still_to_run() {
    let state = State::new(tot());
    let events = update(&state, Action::Next { day: 1 }, at(0, 0)).unwrap();
    assert_eq!(
        events,
        vec![Event::BlockStarted {
            block: state.days[1].blocks[0].id
        }]
    );
}

#[test]
fn next_continues_the_running_day_even_when_another_is_shown() {
    let mut state = State::new(tot());
    let events = update(&state, Action::Next { day: 0 }, at(0, 0)).unwrap();
    apply_at(&mut state, &events, at(0, 0));
    let events = update(&state, Action::Next { day: 2 }, at(10, 0)).unwrap();
    assert_eq!(
        events[1],
        Event::BlockStarted {
            block: state.days[0].blocks[1].id
        }
    );
}

#[test]
fn next_on_the_last_block_finishes_the_day_and_then_refuses() {
    let mut state = State::new(tot());
    let n = state.days[0].blocks.len();
    for i in 0..n {
        let events = update(&state, Action::Next { day: 0 }, at(i as i64 * 10, 0)).unwrap();
        apply_at(&mut state, &events, at(i as i64 * 10, 0));
    }
    let last = state.days[0].blocks[n - 1].id;
    let events = update(&state, Action::Next { day: 0 }, at(300, 0)).unwrap();
    assert_eq!(events, vec![Event::BlockFinished { block: last }]);
    apply_at(&mut state, &events, at(300, 0));
    assert!(state.running().is_none());
    let refusal = update(&state, Action::Next { day: 0 }, at(301, 0)).unwrap_err();
    assert!(refusal.to_string().contains("day 1"), "{refusal}");
}

/// `update` decides from its arguments alone: the same state, action and time give the same
/// events, also where chance is involved (groups formed from a seed), so a journal replays.
#[test]
fn update_gives_the_same_events_for_the_same_arguments() {
    let mut state = State::new(tot());
    let roster = convene::roster::load_roster(std::path::Path::new("assets/roster-sample.csv"))
        .unwrap()
        .roster;
    apply_at(
        &mut state,
        &[convene::core::Event::RosterImported {
            source: "roster".into(),
            participants: roster.participants,
        }],
        at(-1, 0),
    );
    let actions = [
        Action::Next { day: 0 },
        Action::FormGroups {
            day: 0,
            label: "Round 1".into(),
            spec: convene::core::GroupSpec::parse("5 fresh").unwrap(),
            seed: 7,
        },
        Action::FormGroups {
            day: 0,
            label: "Round 2".into(),
            spec: convene::core::GroupSpec::parse("6 mixed").unwrap(),
            seed: 8,
        },
        Action::StartTimer {
            label: "Q&A".into(),
            seconds: Some(300),
        },
    ];
    for (i, action) in actions.into_iter().enumerate() {
        let now = at(i as i64, 0);
        let first = update(&state, action.clone(), now).unwrap();
        let again = update(&state.clone(), action, now).unwrap();
        assert_eq!(first, again);
        apply_at(&mut state, &first, now);
    }
    // A different seed is a different round: the seed is what decides.
    let spec = convene::core::GroupSpec::parse("5 random").unwrap();
    let form = |seed| Action::FormGroups {
        day: 0,
        label: "Round 3".into(),
        spec: spec.clone(),
        seed,
    };
    assert_ne!(
        update(&state, form(1), at(9, 0)).unwrap(),
        update(&state, form(2), at(9, 0)).unwrap()
    );
}

// The console: keys through the keymap.

#[test]
fn opens_on_day_one_at_the_start_of_the_workshop() {
    let app = app();
    assert_eq!(app.seat.day, 0);
    assert_eq!(app.seat.focus, Pane::Agenda);
    assert_eq!(app.seat.mode, Mode::Normal);
}

#[test]
fn opens_on_the_workshop_day_of_today_or_the_next_one() {
    let w = tot();
    // 25 November 2021, 09:00 Jakarta: day 2.
    let nov25 = at(17 * 24 * 60 - 4 * 60, 0);
    assert_eq!(w.day_for(nov25), 1);
    // Between day 1 and day 2 (self-study): the next day, day 2.
    assert_eq!(w.day_for(at(3 * 24 * 60, 0)), 1);
    // Long after the workshop: back to day 1.
    assert_eq!(w.day_for(at(5 * 365 * 24 * 60, 0)), 0);
}

#[test]
fn tab_shift_tab_and_numbers_move_focus() {
    let mut app = app();
    let now = at(0, 0);
    app.press(&key(KeyCode::Tab), now);
    assert_eq!(app.seat.focus, Pane::Timers);
    app.press(&key(KeyCode::Tab), now);
    app.press(&key(KeyCode::Tab), now);
    assert_eq!(app.seat.focus, Pane::Exercises);
    app.press(&key(KeyCode::Tab), now);
    assert_eq!(app.seat.focus, Pane::Agenda);
    app.press(&key(KeyCode::BackTab), now);
    assert_eq!(app.seat.focus, Pane::Exercises);
    app.press(&ch('3'), now);
    assert_eq!(app.seat.focus, Pane::Groups);
    app.press(&ch('2'), now);
    assert_eq!(app.seat.focus, Pane::Timers);
    app.press(&ch('1'), now);
    assert_eq!(app.seat.focus, Pane::Agenda);
}

#[test]
fn selection_moves_and_stays_in_bounds() {
    let mut app = app();
    let now = at(0, 0);
    let n = app.state().days[0].blocks.len();
    app.press(&key(KeyCode::Up), now);
    assert_eq!(app.selected_block(), Some(0));
    app.press(&key(KeyCode::Down), now);
    app.press(&ch('j'), now);
    assert_eq!(app.selected_block(), Some(2));
    app.press(&ch('k'), now);
    assert_eq!(app.selected_block(), Some(1));
    app.press(&key(KeyCode::End), now);
    assert_eq!(app.selected_block(), Some(n - 1));
    app.press(&key(KeyCode::Down), now);
    assert_eq!(app.selected_block(), Some(n - 1));
    app.press(&ch('g'), now);
    assert_eq!(app.selected_block(), Some(0));
    app.press(&key(KeyCode::PageDown), now);
    assert_eq!(app.selected_block(), Some(10.min(n - 1)));
}

#[test]
fn each_day_keeps_its_own_selection() {
    let mut app = app();
    let now = at(0, 0);
    app.press(&key(KeyCode::Down), now);
    app.press(&ch(']'), now);
    assert_eq!(app.seat.day, 1);
    assert_eq!(app.selected_block(), Some(0));
    app.press(&ch('['), now);
    assert_eq!(app.selected_block(), Some(1));
}

#[test]
fn day_keys_stop_at_the_first_and_last_day() {
    let mut app = app();
    let now = at(0, 0);
    app.press(&ch('['), now);
    assert_eq!(app.seat.day, 0);
    assert!(app.seat.status.as_ref().unwrap().text.contains("first day"));
    app.press(&ch(']'), now);
    app.press(&ch(']'), now);
    app.press(&ch(']'), now);
    assert_eq!(app.seat.day, 2);
    assert!(app.seat.status.as_ref().unwrap().text.contains("last day"));
}

#[test]
fn enter_starts_the_selected_block() {
    let mut app = app();
    app.press(&key(KeyCode::Down), at(0, 0));
    let selected = app.selected_block_id().unwrap();
    let step = app.press(&key(KeyCode::Enter), at(0, 30));
    // Moved up ahead of the welcome, then started.
    assert_eq!(step.events.len(), 2);
    let (_, running) = app.state().running().unwrap();
    assert_eq!(running.id, selected);
    assert_eq!(app.state().days[0].blocks[0].id, selected);
    assert_eq!(app.selected_block_id(), Some(selected));
    assert_eq!(running.started_at, Some(at(0, 30)));
    assert!(
        app.seat
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Started")
    );
}

#[test]
fn enter_on_a_finished_block_explains_why_nothing_happens() {
    let mut app = app();
    app.press(&key(KeyCode::Enter), at(0, 0));
    app.press(&ch('n'), at(10, 0));
    app.press(&key(KeyCode::Up), at(10, 0));
    let step = app.press(&key(KeyCode::Enter), at(10, 5));
    assert!(step.events.is_empty());
    let status = app.seat.status.as_ref().unwrap();
    assert!(status.is_error);
    assert!(
        status
            .text
            .starts_with("“Welcome and opening” has already run"),
        "{}",
        status.text
    );
}

#[test]
fn n_finishes_and_moves_on_and_the_selection_follows() {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    app.press(&ch(']'), at(1, 0));
    assert_eq!(app.seat.day, 1);
    let step = app.press(&ch('n'), at(10, 0));
    assert_eq!(step.events.len(), 2);
    // The console goes back to the day in progress and selects the new block.
    assert_eq!(app.seat.day, 0);
    assert_eq!(app.selected_block(), Some(1));
    assert_eq!(app.state().days[0].blocks[0].status(), BlockStatus::Done);
}

#[test]
fn help_opens_and_closes_and_scrolls() {
    let mut app = app();
    app.press(&ch('?'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Help);
    app.press(&key(KeyCode::Down), at(0, 0));
    assert_eq!(app.seat.help_scroll, 1);
    // Keys of the normal mode do nothing while help is open.
    app.press(&ch('n'), at(0, 0));
    assert!(app.state().running().is_none());
    app.press(&key(KeyCode::Esc), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Normal);
    app.press(&ch('?'), at(0, 0));
    app.press(&ch('?'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Normal);
}

#[test]
fn q_quits_at_once_when_nothing_runs() {
    let mut app = app();
    assert!(app.press(&ch('q'), at(0, 0)).quit);
}

#[test]
fn q_asks_first_while_a_block_runs() {
    let mut app = app();
    app.press(&key(KeyCode::Enter), at(0, 0));
    let step = app.press(&ch('q'), at(1, 0));
    assert!(!step.quit);
    assert_eq!(app.seat.mode, Mode::Confirm);
    // n stays, and the block keeps running.
    assert!(!app.press(&ch('n'), at(1, 0)).quit);
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.state().running().is_some());
    // Esc stays too.
    app.press(&ch('q'), at(1, 0));
    assert!(!app.press(&key(KeyCode::Esc), at(1, 0)).quit);
    // y quits.
    app.press(&ch('q'), at(1, 0));
    assert!(app.press(&ch('y'), at(1, 0)).quit);
}

#[test]
fn ctrl_c_asks_first_too_and_a_second_ctrl_c_quits() {
    let mut app = app();
    app.press(&key(KeyCode::Enter), at(0, 0));
    assert!(!app.press(&ctrl('c'), at(1, 0)).quit);
    assert_eq!(app.seat.mode, Mode::Confirm);
    assert!(app.press(&ctrl('c'), at(1, 0)).quit);
}

#[test]
fn unbound_keys_do_nothing() {
    let mut app = app();
    let before_view = app.seat.clone();
    let step = app.press(&ch('Z'), at(0, 0));
    assert_eq!(step, Default::default());
    assert_eq!(app.seat, before_view);
}

#[test]
fn the_screen_counts_seconds_only_while_a_block_runs() {
    let mut app = app();
    assert!(!app.shows_seconds());
    app.press(&ch('n'), at(0, 0));
    assert!(app.shows_seconds());
}
