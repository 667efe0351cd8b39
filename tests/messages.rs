//! In the console: the programme's links in the details popup, chat messages copied one after
//! the other, the workshop as announced, and walk-ins added to the roster.

mod common;

use std::sync::Arc;

use common::*;
use convene::app::{App, Effect, LocalZone};
use convene::keymap::Mode;

fn status(app: &App) -> String {
    app.seat
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn copied(step: &convene::app::Step) -> String {
    match step.effects.as_slice() {
        [Effect::Copy(text)] => text.clone(),
        other => panic!("expected one copy, got {other:?}"),
    }
}

fn far_zones() -> App {
    let workshop = convene::programme::load(std::path::Path::new(
        "tests/fixtures/programme/far-zones.json",
    ))
    .unwrap();
    App::new(
        Arc::new(workshop),
        day1_start(),
        LocalZone::Named(chrono_tz::Asia::Jakarta),
    )
}

#[test]
fn the_details_of_a_block_list_its_links_and_its_exercises() {
    let mut app = far_zones();
    app.press(&ch('j'), at(0, 0));
    app.press(&ch('d'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Popup);
    let text = &app.seat.popup.as_ref().unwrap().text;
    assert!(
        text.contains(
            "\nLinks\nModule 4: https://example.org/module4\nDay 1 slides: https://example.org/day1.pdf"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nExercise links\nThe bicycle, printable: https://example.org/bicycle.pdf"),
        "{text}"
    );
}

#[test]
fn chat_messages_are_copied_one_after_the_other() {
    let mut app = app();
    let first = app.press(&ch('C'), at(-20, 0));
    assert!(copied(&first).starts_with("Welcome to the Training of Trainers"));
    assert_eq!(app.seat.mode, Mode::Popup);
    let popup = app.seat.popup.as_ref().unwrap();
    // The three of the programme, when days 1 and 2 start, and day 1's links.
    assert_eq!(popup.title, "Chat message 1 of 6: Welcome");
    assert_eq!(popup.text, copied(&first));
    assert_eq!(
        status(&app),
        "Chat message 1 of 6: Welcome: C copies the next"
    );
    let texts: Vec<String> = (0..6)
        .map(|_| copied(&app.press(&ch('C'), at(-20, 0))))
        .collect();
    assert!(texts[0].starts_with("Housekeeping:"), "{texts:?}");
    assert!(texts[1].starts_with("Before you leave"), "{texts:?}");
    // 13:00 in Jakarta (UTC+7) is 06:00 UTC: 13:00 in Bangkok (+7), 11:00 in Karachi and
    // Malé (+5), 11:30 in Kolkata (+5:30), 11:45 in Kathmandu (+5:45), 14:00 in Makassar and
    // Manila (+8).
    assert_eq!(
        texts[2],
        "Day 1 starts Mon 8 Nov 13:00 Jakarta / Bangkok · 11:00 Karachi / Malé · \
         11:30 Kolkata · 11:45 Kathmandu · 14:00 Makassar / Manila."
    );
    assert!(
        texts[3].starts_with("Day 2 starts Thu 25 Nov 13:00 Jakarta"),
        "{texts:?}"
    );
    assert_eq!(
        texts[4],
        "UCLG Learning: the learning modules: https://learning.uclg.org/\n\
         UCLG ASPAC: https://uclg-aspac.org/"
    );
    // Round again to the first.
    assert!(texts[5].starts_with("Welcome to the Training of Trainers"));
}

#[test]
fn during_a_break_a_message_says_when_the_workshop_starts_again() {
    let mut app = app();
    // Day 1's break is its eighth block; started at 14:40 Jakarta, its 10 minutes end at
    // 14:50 (07:50 UTC): 12:50 Karachi and Malé, 13:20 Kolkata, 13:35 Kathmandu, 15:50
    // Makassar and Manila.
    for _ in 0..7 {
        app.press(&ch('j'), at(100, 0));
    }
    app.press(&key(crossterm::event::KeyCode::Enter), at(100, 0));
    let (_, running) = app.state().running().expect("the break runs");
    assert_eq!(running.block.title, "Break");
    let texts: Vec<String> = (0..4)
        .map(|_| copied(&app.press(&ch('C'), at(101, 0))))
        .collect();
    assert_eq!(
        texts[3],
        "We start again at 14:50 Jakarta / Bangkok · 12:50 Karachi / Malé · 13:20 Kolkata · \
         13:35 Kathmandu · 15:50 Makassar / Manila."
    );
}

#[test]
fn the_workshop_as_announced_is_a_key_away() {
    let mut app = app();
    app.press(&ch('W'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Popup);
    let popup = app.seat.popup.as_ref().unwrap();
    assert_eq!(popup.title, "The workshop as announced");
    for said in [
        "The first Training of Trainers of UCLG Learning Module 4",
        "Target group\nUCLG ASPAC members",
        "Illustrative plan:",
        "1. What is Decentralized Cooperation?",
        "“three weeks to study the material”",
        "Sources\n",
    ] {
        assert!(popup.text.contains(said), "no {said:?} in\n{}", popup.text);
    }
}

#[test]
fn a_walk_in_is_added_journaled_undone_and_matched_in_attendance() {
    let mut app = app();
    import_sample_roster(&mut app);
    let before = app.state().roster.participants.len();
    app.press(&ch('P'), at(5, 0));
    assert_eq!(app.seat.mode, Mode::Input);
    type_line(
        &mut app,
        "Tenzin Norbu Sherpa; Nepal; Tenzin.Sherpa@example.org",
        at(5, 0),
    );
    assert_eq!(app.state().roster.participants.len(), before + 1);
    let added = app.state().roster.participants.last().unwrap().clone();
    assert_eq!(added.name, "Tenzin Norbu Sherpa");
    assert_eq!(added.country.as_deref(), Some("Nepal"));
    assert_eq!(added.email.as_deref(), Some("tenzin.sherpa@example.org"));
    assert!(
        status(&app).starts_with("Added Tenzin Norbu Sherpa (Nepal), not on the roster"),
        "{}",
        status(&app)
    );

    // The same person again is refused, and so is a walk-in without a name.
    app.press(&ch('P'), at(6, 0));
    type_line(
        &mut app,
        "tenzin norbu sherpa; ; tenzin.sherpa@example.org",
        at(6, 0),
    );
    assert!(
        status(&app).contains("Tenzin Norbu Sherpa is on the roster already"),
        "{}",
        status(&app)
    );
    app.press(&key(crossterm::event::KeyCode::Esc), at(6, 0));
    app.press(&ch('P'), at(6, 0));
    type_line(&mut app, " ; Nepal", at(6, 0));
    assert!(
        status(&app).contains("a walk-in needs a name"),
        "{}",
        status(&app)
    );
    app.press(&key(crossterm::event::KeyCode::Esc), at(6, 0));

    // A Zoom report that names the walk-in matches them to the session's roster.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("participants.csv");
    std::fs::write(
        &report,
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
         Tenzin (Tenzin Norbu Sherpa),,11/08/2021 1:05:00 PM,11/08/2021 2:00:00 PM,55,Yes\n",
    )
    .unwrap();
    let read = convene::import::load_participants(
        &report,
        chrono_tz::Asia::Jakarta,
        convene::import::DateOrder::Auto,
    )
    .unwrap();
    let (matched, unmatched) =
        convene::import::match_roster(&app.state().roster, convene::import::merge(&read));
    assert!(unmatched.is_empty(), "{unmatched:?}");
    assert_eq!(
        app.state().roster.participants[matched[0].participant].name,
        "Tenzin Norbu Sherpa"
    );
    assert_eq!(matched[0].attendance.minutes, 55);

    // Undo takes the walk-in back off the roster.
    app.press(&ch('u'), at(7, 0));
    assert_eq!(app.state().roster.participants.len(), before);
}
