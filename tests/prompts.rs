//! The one-line prompts as typed and pasted into: pasted text goes in at the cursor, on one
//! line; a prompt holds at most 200 characters, and text beyond that is refused with a message
//! in the footer, whole when pasted, so nothing is cut off unseen.

mod common;

use common::*;
use convene::keymap::Mode;
use crossterm::event::KeyCode;

/// The console with the countdown prompt open and emptied.
fn countdown_prompt() -> convene::app::App {
    let mut app = app();
    app.press(&ch('t'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Input);
    app.press(&ctrl('u'), at(0, 0));
    assert_eq!(typed(&app), "");
    app
}

fn typed(app: &convene::app::App) -> String {
    app.seat
        .input
        .as_ref()
        .expect("a prompt is open")
        .text
        .clone()
}

fn cursor(app: &convene::app::App) -> usize {
    app.seat.input.as_ref().expect("a prompt is open").cursor
}

fn footer_error(app: &convene::app::App) -> Option<String> {
    app.seat
        .status
        .as_ref()
        .filter(|s| s.is_error)
        .map(|s| s.text.clone())
}

#[test]
fn pasted_text_goes_in_at_the_cursor_on_one_line() {
    let mut app = countdown_prompt();
    for c in "15 ค่าใช้จ่าย".chars() {
        app.press(&ch(c), at(0, 0));
    }
    // Back over the Thai word (9 characters, several of them combining) to just after `15 `.
    for _ in 0.."ค่าใช้จ่าย".chars().count() {
        app.press(&key(KeyCode::Left), at(0, 0));
    }
    // A line break and a tab become spaces; a carriage return goes.
    app.on_paste("Room\r\nB\tand ");
    assert_eq!(typed(&app), "15 Room B and ค่าใช้จ่าย");
    // The cursor is after what was pasted, counted in characters: `15 ` and `Room B and `.
    assert_eq!(cursor(&app), 3 + 11);
    app.press(&ch('X'), at(0, 0));
    assert_eq!(typed(&app), "15 Room B and Xค่าใช้จ่าย");
    assert_eq!(footer_error(&app), None);
}

#[test]
fn a_prompt_holds_two_hundred_characters_and_refuses_a_key_beyond() {
    let mut app = countdown_prompt();
    let line = format!("5 {}", "a".repeat(198));
    app.on_paste(&line);
    assert_eq!(typed(&app).chars().count(), 200);
    assert_eq!(footer_error(&app), None);
    app.press(&ch('b'), at(0, 0));
    assert_eq!(typed(&app), line, "the 201st character is not taken");
    assert_eq!(
        footer_error(&app).as_deref(),
        Some("Full: a prompt holds at most 200 characters")
    );
    // Room is made by deleting; then a key goes in again.
    app.press(&key(KeyCode::Backspace), at(0, 0));
    app.press(&ch('b'), at(0, 0));
    assert_eq!(typed(&app), format!("5 {}b", "a".repeat(197)));
    // The countdown starts with the whole name.
    app.press(&key(KeyCode::Enter), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.state().timers.len(), 1);
    assert_eq!(app.state().timers[0].label.chars().count(), 198);
}

#[test]
fn a_paste_that_does_not_fit_is_refused_whole_and_said_in_the_footer() {
    let mut app = countdown_prompt();
    app.on_paste("10 Breakout");
    // A megabyte of text: one character more than fits would be refused the same way.
    let megabyte = "x".repeat(1 << 20);
    app.on_paste(&megabyte);
    assert_eq!(typed(&app), "10 Breakout", "nothing of it was taken");
    assert_eq!(cursor(&app), 11);
    assert_eq!(
        footer_error(&app).as_deref(),
        Some("Not pasted: 1048576 characters, and a prompt holds at most 200 (189 free)")
    );
    // Exactly what is free fits; carriage returns are not counted, as they are not kept.
    let mut app = countdown_prompt();
    app.on_paste("10 Breakout");
    app.on_paste(&format!("{}\r", "y".repeat(189)));
    assert_eq!(typed(&app).chars().count(), 200);
    let mut app = countdown_prompt();
    app.on_paste("10 Breakout");
    app.on_paste(&"y".repeat(190));
    assert_eq!(typed(&app), "10 Breakout");
    assert_eq!(
        footer_error(&app).as_deref(),
        Some("Not pasted: 190 characters, and a prompt holds at most 200 (189 free)")
    );
}

#[test]
fn the_refusal_is_on_screen_even_when_the_line_fills_the_footer() {
    let mut app = countdown_prompt();
    app.on_paste(&format!("5 {}", "a".repeat(198)));
    app.press(&ch('b'), at(0, 0));
    let screen = screen_at(&app, at(0, 0), 80, 24);
    assert!(
        screen.contains("Full: a prompt holds at most 200 characters"),
        "{screen}"
    );
}

#[test]
fn every_prompt_holds_two_hundred_characters() {
    // The groups request and a room's name, besides the countdown.
    let mut app = app();
    let roster =
        convene::roster::load_roster(std::path::Path::new("assets/roster-sample.csv")).unwrap();
    app.apply(
        &[convene::core::Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: roster.roster.participants,
        }],
        at(0, 0),
    );
    app.press(&ch('3'), at(0, 0));
    app.press(&ch('f'), at(0, 0));
    assert_eq!(
        app.seat.input.as_ref().map(|i| i.kind.clone()),
        Some(convene::app::InputKind::Groups)
    );
    app.press(&ctrl('u'), at(0, 0));
    app.on_paste(&"x".repeat(201));
    assert_eq!(typed(&app), "");
    assert_eq!(
        footer_error(&app).as_deref(),
        Some("Not pasted: 201 characters, and a prompt holds at most 200 (200 free)")
    );
    type_line(&mut app, "5 mixed", at(0, 0));
    assert!(
        app.state().current_round().is_some(),
        "{:?}",
        app.seat.status
    );
    app.press(&ch('N'), at(0, 0));
    assert!(matches!(
        app.seat.input.as_ref().map(|i| &i.kind),
        Some(convene::app::InputKind::RenameRoom(_))
    ));
    app.press(&ctrl('u'), at(0, 0));
    app.on_paste(&"r".repeat(200));
    assert_eq!(typed(&app).chars().count(), 200);
    app.press(&ch('r'), at(0, 0));
    assert_eq!(typed(&app).chars().count(), 200);
    assert_eq!(
        footer_error(&app).as_deref(),
        Some("Full: a prompt holds at most 200 characters")
    );
}
