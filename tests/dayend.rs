//! The end of a day: a day ended early is not "ahead" by the blocks it never ran, timers stop
//! with it, the header says when it ended and what did not run, and a summary says how it went
//! and when the next day starts everywhere. Pure tests with a fixed clock.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::*;
use convene::core::{Action, State, Who, update};

fn act(state: &mut State, action: Action, now: DateTime<Utc>) {
    let events = update(state, action.clone(), now).unwrap_or_else(|r| panic!("{action:?}: {r}"));
    apply_at(state, &events, now);
}

/// Day 1 of the ToT ended by hand after two blocks: the welcome (10 min planned) ran
/// 13:00-13:10 and the introductions (10 min planned) 13:10-13:15.
fn ended_after_two_blocks() -> State {
    let mut state = State::new(tot());
    act(&mut state, Action::Next { day: 0 }, at(0, 0));
    act(&mut state, Action::Next { day: 0 }, at(10, 0));
    act(&mut state, Action::FinishDay { day: 0 }, at(15, 0));
    state
}

#[test]
fn a_day_ended_early_counts_only_the_blocks_that_ran() {
    let state = ended_after_two_blocks();
    let end = state.day_end(0).expect("the day is over");
    assert_eq!(end.at, at(15, 0));
    assert_eq!(end.ran, 2);
    // The ToT's day 1 has 15 blocks; 13 never ran.
    assert_eq!(end.not_run.len(), 13);
    // The two that ran were planned to end at 13:20 and ended at 13:15: 5 min early, not the
    // 3 h 15 min "ahead" that the whole day's planned end (16:30) would give.
    assert_eq!(end.drift, -Duration::minutes(5));
    assert_eq!(state.drift(0, at(200, 0)), Some(-Duration::minutes(5)));
    // A day not over has no end.
    assert_eq!(state.day_end(1), None);
}

#[test]
fn a_day_whose_blocks_all_ran_late_ends_with_its_last_block() {
    let mut state = State::new(tot());
    let blocks = state.days[0].blocks.len();
    // Start 2 min late and run every block 1 min over its plan: the day ends at its planned
    // 16:30 plus 2 + 15 x 1 = 17 minutes.
    let mut t = at(2, 0);
    act(&mut state, Action::Next { day: 0 }, t);
    for i in 0..blocks {
        t += Duration::minutes(i64::from(state.days[0].blocks[i].block.minutes) + 1);
        act(&mut state, Action::Next { day: 0 }, t);
    }
    let end = state.day_end(0).expect("every block ran");
    assert_eq!(end.ran, blocks);
    assert!(end.not_run.is_empty());
    assert_eq!(end.at, at(210 + 17, 0));
    assert_eq!(end.drift, Duration::minutes(17));
}

#[test]
fn running_timers_stop_at_the_end_of_the_day() {
    let mut state = State::new(tot());
    act(&mut state, Action::Next { day: 0 }, at(0, 0));
    act(
        &mut state,
        Action::StartTimer {
            label: "Speaker".into(),
            seconds: Some(15 * 60),
        },
        at(5, 0),
    );
    act(&mut state, Action::FinishDay { day: 0 }, at(15, 0));
    let timer = &state.timers[0];
    assert!(timer.is_paused());
    // Stopped at 13:15 after 10 minutes; at 13:40 it still shows 10 minutes gone.
    assert_eq!(timer.elapsed(at(40, 0)), Duration::minutes(10));
    // Undoing the end of the day lets it run again.
    act(&mut state, Action::Undo(Who::lead()), at(16, 0));
    assert!(!state.timers[0].is_paused());
}

#[test]
fn the_header_says_when_the_day_ended_and_what_did_not_run() {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    app.press(&ch('n'), at(10, 0));
    app.press(&ch('E'), at(15, 0));
    app.press(&ch('y'), at(15, 0));
    // The summary that opens is closed first.
    app.press(&key(crossterm::event::KeyCode::Esc), at(15, 0));
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = screen_at(&app, at(16, 0), w, h);
        let header: String = screen.lines().take(3).collect::<Vec<_>>().join("\n");
        // Four of the 13 not run are of high priority: "What is Decentralized
        // Cooperation?", "Break", "Why is DC important for the LRG agenda?" and the wrap-up.
        let ended = "Day 1 ended at 13:15 · 13 blocks not run, 4 of high priority";
        let shown: String = ended.chars().take(w as usize - 45).collect();
        assert!(header.contains(&shown), "{w}x{h}:\n{header}");
        assert!(header.contains("5 min early"), "{w}x{h}:\n{header}");
        assert!(!header.contains("ahead"), "{w}x{h}:\n{header}");
        assert!(!header.contains("Every block"), "{w}x{h}:\n{header}");
    }
}

#[test]
fn the_summary_of_a_day_says_how_it_went_and_when_the_next_starts_everywhere() {
    let state = ended_after_two_blocks();
    let lines = convene::report::day_summary(&state, 0).expect("the day is over");
    assert_eq!(lines[0], "Day 1 ended at 13:15 (planned 16:30).");
    // Thirteen not run: too many to name, so only the four of high priority are.
    assert_eq!(
        lines[1],
        "Ran 2 of 15 blocks; 13 not run, 4 of high priority: “What is Decentralized \
         Cooperation?”; “Break”; “Why is DC important for the LRG agenda?”; “Wrap-up and \
         self-study briefing”."
    );
    assert_eq!(lines[2], "The blocks that ran ended 5 min early.");
    assert_eq!(lines[3], "No breakout rooms were formed.");
    // Day 2 starts on Thursday 25 November 2021 at 13:00 in Jakarta (UTC+7), 06:00 UTC; each
    // time is kept with its place by a no-break space.
    let expected = "Day 2 starts Thu 25 Nov 2021: 11:00 Karachi · 11:30 Kolkata · \
                    11:45 Kathmandu · 11:00 Malé · 13:00 Bangkok · 13:00 Jakarta · \
                    14:00 Makassar · 14:00 Manila."
        .split(" · ")
        .map(|pair| pair.replacen(' ', "\u{a0}", if pair.starts_with("Day") { 0 } else { 1 }))
        .collect::<Vec<_>>()
        .join(" · ");
    let expected = expected.replace(": 11:00 Karachi", ": 11:00\u{a0}Karachi");
    assert_eq!(lines.last().unwrap(), &expected);
    // While a day runs there is no summary.
    let mut running = State::new(tot());
    act(&mut running, Action::Next { day: 0 }, at(0, 0));
    assert_eq!(convene::report::day_summary(&running, 0), None);
}

#[test]
fn the_summary_of_the_last_day_says_so() {
    let mut state = State::new(tot());
    let last = state.days.len() - 1;
    let start = state.day_start(last).unwrap();
    act(&mut state, Action::Next { day: last }, start);
    act(
        &mut state,
        Action::FinishDay { day: last },
        start + Duration::minutes(30),
    );
    let lines = convene::report::day_summary(&state, last).unwrap();
    assert_eq!(
        lines.last().unwrap(),
        "That was the last day of the workshop."
    );
}

#[test]
fn ending_the_day_shows_its_summary_until_dismissed() {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    app.press(&ch('n'), at(10, 0));
    app.press(&ch('E'), at(15, 0));
    app.press(&ch('y'), at(15, 0));
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = screen_at(&app, at(16, 0), w, h);
        assert!(screen.contains("Day 1 is over"), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("Day 1 ended at 13:15 (planned 16:30)."),
            "{w}x{h}:\n{screen}"
        );
        assert!(screen.contains("5 min early"), "{w}x{h}:\n{screen}");
        // The next day's start in every participant zone, wrapped but whole.
        for place in [
            "11:00\u{a0}Karachi",
            "11:45\u{a0}Kathmandu",
            "14:00\u{a0}Manila",
        ] {
            assert!(screen.contains(place), "{w}x{h}: {place}\n{screen}");
        }
        if (w, h) == (80, 24) {
            insta::assert_snapshot!("the_summary_of_an_early_end_80x24", screen);
        }
    }
    // The footer says what was done.
    let screen = screen_at(&app, at(16, 0), 120, 40);
    assert!(screen.contains("Ended day 1"), "{screen}");
    app.press(&key(crossterm::event::KeyCode::Esc), at(16, 0));
    let screen = screen_at(&app, at(16, 0), 120, 40);
    assert!(!screen.contains("Day 1 is over"), "{screen}");
}

#[test]
fn the_last_block_finished_with_n_also_sums_up_the_day() {
    let mut app = app();
    let blocks = app.session.state().days[0].blocks.len();
    let mut t = at(0, 0);
    for i in 0..blocks {
        app.press(&ch('n'), t);
        t += Duration::minutes(i64::from(
            app.session.state().days[0].blocks[i].block.minutes,
        ));
    }
    // The last block ends on time: `n` with nothing after it finishes the day.
    app.press(&ch('n'), t);
    let screen = screen_at(&app, t, 120, 40);
    assert!(screen.contains("Day 1 is over"), "{screen}");
    assert!(screen.contains("Ran all 15 blocks."), "{screen}");
    assert!(
        screen.contains("The blocks that ran ended on time."),
        "{screen}"
    );
}
