//! Snapshots of the whole screen, drawn into a TestBackend with a fixed clock.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use convene::app::App;
use convene::ui;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App, now: DateTime<Utc>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(app, now, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn day1_before_the_start_120x40() {
    insta::assert_snapshot!(screen(&app(), at(-5, 0), 120, 40));
}

#[test]
fn day1_before_the_start_80x24() {
    insta::assert_snapshot!(screen(&app(), at(-5, 0), 80, 24));
}

/// Day 1, the chapter 1 presentation running for 7 minutes 30 seconds.
fn during_chapter_one() -> App {
    let mut app = app();
    let index = app.state.days[0]
        .blocks
        .iter()
        .position(|b| b.block.title == "What is Decentralized Cooperation?")
        .unwrap();
    for _ in 0..index {
        app.press(&key(KeyCode::Down), at(0, 0));
    }
    app.press(&key(KeyCode::Enter), at(20, 0));
    app
}

#[test]
fn day1_during_a_block_120x40() {
    insta::assert_snapshot!(screen(&during_chapter_one(), at(27, 30), 120, 40));
}

#[test]
fn day1_during_a_block_80x24() {
    insta::assert_snapshot!(screen(&during_chapter_one(), at(27, 30), 80, 24));
}

#[test]
fn a_block_running_over_its_time() {
    let app = during_chapter_one();
    let text = screen(&app, at(60, 0), 120, 40);
    assert!(text.contains("over"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn help_overlay_lists_every_key() {
    let mut app = app();
    app.press(&ch('?'), at(0, 0));
    insta::assert_snapshot!(screen(&app, at(0, 0), 120, 40));
}

#[test]
fn asking_before_quitting() {
    let mut app = during_chapter_one();
    app.press(&ch('q'), at(21, 0));
    let text = screen(&app, at(21, 0), 120, 40);
    assert!(text.contains("Quit while “What is Decentralized Cooperation?” is running?"));
    assert!(text.contains("y quit"));
}

#[test]
fn day2_shows_the_self_study_before_it() {
    let mut app = app();
    app.press(&ch(']'), at(0, 0));
    let text = screen(&app, at(0, 0), 120, 40);
    assert!(text.contains("Day 2 of 3 · Thu 25 Nov 2021"), "{text}");
    assert!(text.contains("self-study"), "{text}");
}

#[test]
fn too_small_a_terminal_asks_to_enlarge_it() {
    let text = screen(&app(), at(0, 0), 79, 24);
    assert!(
        text.contains("enlarge the window to at least 80x24"),
        "{text}"
    );
    assert!(text.contains("(now 79x24)"));
    let text = screen(&app(), at(0, 0), 100, 10);
    assert!(text.contains("enlarge the window"), "{text}");
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(1, 1), (5, 3), (80, 1), (300, 24), (80, 200)] {
        let mut app = during_chapter_one();
        screen(&app, at(27, 0), w, h);
        app.press(&ch('?'), at(27, 0));
        screen(&app, at(27, 0), w, h);
    }
}

#[test]
fn footer_keys_come_from_the_keymap() {
    let text = screen(&app(), at(0, 0), 120, 40);
    let last = text.lines().last().unwrap();
    for (keys, label) in convene::keymap::bindings(convene::keymap::Mode::Normal)
        .iter()
        .filter_map(|b| b.footer)
    {
        assert!(last.contains(&format!("{keys} {label}")), "{last}");
    }
}

#[test]
fn the_groups_pane_lists_the_roster_in_any_script() {
    let import = convene::roster::load_roster(std::path::Path::new("assets/roster-sample.csv"))
        .expect("the sample roster reads");
    let mut app = app();
    app.apply(&[convene::core::Event::RosterImported {
        source: "assets/roster-sample.csv".into(),
        participants: import.roster.participants,
        at: at(-30, 0),
    }]);
    app.press(&ch('3'), at(0, 0));
    let text = screen(&app, at(0, 0), 120, 40);
    assert!(text.contains("30 participants · 3 facilitators"), "{text}");
    assert!(text.contains("roster-sample.csv"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn without_a_roster_the_groups_pane_says_how_to_load_one() {
    let text = screen(&app(), at(0, 0), 120, 40);
    assert!(text.contains("No roster loaded."), "{text}");
    assert!(text.contains("--roster FILE.csv"), "{text}");
}
