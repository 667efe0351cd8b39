//! What a seat says and asks: prompts that open on a suggestion, a footer that says what each
//! action did, questions answered with `y`, the clipboard chosen, and the whole text of a block
//! or an exercise in a popup.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use convene::app::{App, Confirm};
use convene::core::{BlockStatus, PersonKey, RoomIx};
use convene::keymap::Mode;
use convene::view::Pane;
use crossterm::event::{KeyCode, KeyEvent};

/// Day 1 with the sample roster (33 people, in many scripts).
fn with_roster() -> App {
    let mut app = app();
    import_sample_roster(&mut app);
    app
}

fn press_all(app: &mut App, keys: &[KeyEvent], now: DateTime<Utc>) {
    for k in keys {
        app.press(k, now);
    }
}

fn typed(app: &mut App, text: &str, now: DateTime<Utc>) {
    for c in text.chars() {
        app.press(&ch(c), now);
    }
}

fn status(app: &App) -> String {
    app.seat
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn person(app: &App, name: &str) -> PersonKey {
    app.state()
        .roster
        .participants
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.key())
        .unwrap_or_else(|| panic!("{name} is not on the roster"))
}

/// Selects a person in the groups pane with the arrow keys, as a facilitator does.
fn select(app: &mut App, name: &str, now: DateTime<Utc>) {
    let who = person(app, name);
    app.press(&ch('3'), now);
    app.press(&key(KeyCode::Home), now);
    let at = app
        .people_in_order()
        .iter()
        .position(|k| *k == who)
        .unwrap();
    for _ in 0..at {
        app.press(&key(KeyCode::Down), now);
    }
    assert_eq!(app.selected_person(), Some(who));
}

// 1. Prompts open on a suggestion, shown selected.

#[test]
fn typing_over_a_suggestion_gives_exactly_what_was_typed() {
    let mut app = app();
    app.press(&ch('t'), at(0, 0));
    let input = app.seat.input.clone().unwrap();
    assert_eq!(input.text, "3 Report-back speaker");
    assert!(input.suggested);
    typed(&mut app, "5 Q&A", at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    let timer = app.state().timers.last().unwrap();
    assert_eq!(timer.label, "Q&A");
    assert_eq!(timer.countdown.map(|d| d.num_seconds()), Some(300));

    // Enter takes the suggestion as it is.
    app.press(&ch('t'), at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    let timer = app.state().timers.last().unwrap();
    assert_eq!(timer.label, "Report-back speaker");
    assert_eq!(timer.countdown.map(|d| d.num_seconds()), Some(180));

    // End keeps it and drops the selection: typing then adds to it.
    app.press(&ch('t'), at(0, 0));
    app.press(&key(KeyCode::End), at(0, 0));
    assert!(!app.seat.input.as_ref().unwrap().suggested);
    typed(&mut app, "s", at(0, 0));
    assert_eq!(
        app.seat.input.as_ref().unwrap().text,
        "3 Report-back speakers"
    );
    app.press(&key(KeyCode::Esc), at(0, 0));

    // ← too; Backspace deletes the whole suggestion; a paste replaces it.
    app.press(&ch('t'), at(0, 0));
    app.press(&key(KeyCode::Left), at(0, 0));
    typed(&mut app, "X", at(0, 0));
    assert_eq!(
        app.seat.input.as_ref().unwrap().text,
        "3 Report-back speakeXr"
    );
    app.press(&key(KeyCode::Esc), at(0, 0));
    app.press(&ch('t'), at(0, 0));
    app.press(&key(KeyCode::Backspace), at(0, 0));
    assert_eq!(app.seat.input.as_ref().unwrap().text, "");
    app.press(&key(KeyCode::Esc), at(0, 0));
    app.press(&ch('t'), at(0, 0));
    app.on_paste("10 Plenary");
    assert_eq!(app.seat.input.as_ref().unwrap().text, "10 Plenary");
}

#[test]
fn forming_and_renaming_type_over_their_suggestions() {
    let mut app = with_roster();
    app.press(&ch('f'), at(0, 0));
    assert_eq!(app.seat.input.as_ref().unwrap().text, "5 mixed");
    typed(&mut app, "3 mixed", at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    assert_eq!(app.state().current_round().unwrap().rooms.len(), 3);

    app.press(&ch('3'), at(0, 0));
    app.press(&ch('N'), at(0, 0));
    assert_eq!(app.seat.input.as_ref().unwrap().text, "Room 1");
    typed(&mut app, "Mekong", at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    let round = app.state().current_round().unwrap();
    assert_eq!(round.room(RoomIx(0)).unwrap().name, "Mekong");
}

#[test]
fn each_prompt_names_what_enter_does_and_shows_the_suggestion_selected() {
    let mut app = with_roster();
    for (key_, verb) in [
        ('t', "Enter starts the countdown"),
        ('f', "Enter forms the rooms"),
    ] {
        app.press(&ch(key_), at(0, 0));
        let buffer = draw(&app, at(0, 0), 120, 40);
        let last = area_text(&buffer, ratatui::layout::Rect::new(0, 39, 120, 1));
        assert!(last.contains(verb), "{last}");
        assert!(!last.contains("Enter start "), "{last}");
        // The suggestion is drawn reversed, as a selection is.
        let prompt_row = ratatui::layout::Rect::new(0, 38, 120, 1);
        let row = area_text(&buffer, prompt_row);
        let suggestion = app.seat.input.as_ref().unwrap().text.clone();
        let at_col = row[..row.find(&suggestion).unwrap()].chars().count() as u16;
        let cell = &buffer[(at_col, 38)];
        assert!(
            cell.modifier.contains(ratatui::style::Modifier::REVERSED),
            "{row}"
        );
        app.press(&key(KeyCode::Esc), at(0, 0));
    }
    // Once typed over, nothing is shown selected.
    app.press(&ch('t'), at(0, 0));
    typed(&mut app, "4", at(0, 0));
    let buffer = draw(&app, at(0, 0), 120, 40);
    let row = area_text(&buffer, ratatui::layout::Rect::new(0, 38, 120, 1));
    let col = row[..row.find(": 4").unwrap() + 2].chars().count() as u16;
    assert!(
        !buffer[(col, 38)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

// 2. Every action says what it did.

#[test]
fn people_actions_say_whom_they_touched_and_a_follows_the_person_shown() {
    let mut app = with_roster();
    app.press(&ch('f'), at(0, 0));
    typed(&mut app, "3 mixed", at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    // Everyone on the sample roster is present: 33 people in 3 rooms, for the selected block.
    assert_eq!(
        status(&app),
        "Formed 3 groups (mixed) of 33 people for “Welcome and opening” · u undoes"
    );

    let arjun = person(&app, "Arjun Vikram Mehta");
    select(&mut app, "Arjun Vikram Mehta", at(1, 0));
    let from = app
        .state()
        .current_round()
        .unwrap()
        .room_of(&arjun)
        .unwrap();
    app.press(&ch('m'), at(1, 0));
    // The next room after his, by the rooms' order, the last wrapping to the first.
    let to = (from.0 + 1) % 3;
    assert_eq!(
        status(&app),
        format!("Arjun Vikram Mehta → Room {} · u undoes", to + 1)
    );
    // The selection stays on him, and he is the one drawn selected in the groups pane.
    assert_eq!(app.selected_person(), Some(arjun.clone()));
    let buffer = draw(&app, at(1, 0), 120, 40);
    let pane = pane_area(&buffer, "3 Breakout groups");
    let selected_rows: Vec<String> = (pane.top()..pane.bottom())
        .filter(|y| {
            buffer[(pane.left() + 2, *y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .map(|y| {
            area_text(
                &buffer,
                ratatui::layout::Rect::new(pane.x, y, pane.width, 1),
            )
        })
        .collect();
    assert_eq!(selected_rows.len(), 1, "{selected_rows:?}");
    assert!(
        selected_rows[0].contains("Arjun Vikram Mehta"),
        "{selected_rows:?}"
    );

    // `a` marks the person shown selected.
    app.press(&ch('a'), at(2, 0));
    assert!(app.state().absences.is_absent(0, &arjun));
    assert_eq!(
        status(&app),
        "Arjun Vikram Mehta marked absent on day 1 · u undoes"
    );
    // A key that changes nothing leaves the message; one that changes the session replaces it.
    app.press(&key(KeyCode::Up), at(2, 0));
    app.press(&ch('?'), at(2, 0));
    app.press(&key(KeyCode::Esc), at(2, 0));
    assert_eq!(
        status(&app),
        "Arjun Vikram Mehta marked absent on day 1 · u undoes"
    );
    select(&mut app, "Ayu Pratiwi Santoso", at(3, 0));
    app.press(&ch('a'), at(3, 0));
    assert_eq!(
        status(&app),
        "Ayu Pratiwi Santoso marked absent on day 1 · u undoes"
    );
    app.press(&ch('a'), at(3, 0));
    assert_eq!(
        status(&app),
        "Ayu Pratiwi Santoso marked present on day 1 · u undoes"
    );

    // `L` places Arjun, absent and in no room, and says where.
    select(&mut app, "Arjun Vikram Mehta", at(4, 0));
    app.press(&ch('L'), at(4, 0));
    let round = app.state().current_round().unwrap();
    let room = round
        .room(round.room_of(&arjun).unwrap())
        .unwrap()
        .name
        .clone();
    assert_eq!(
        status(&app),
        format!("Arjun Vikram Mehta → {room} · u undoes")
    );

    // `u` says what it took back.
    app.press(&ch('u'), at(5, 0));
    assert!(status(&app).starts_with("Undid: "), "{}", status(&app));
}

/// A person is acted on only where they are shown selected: from another pane, `a` marks
/// nobody, brings the groups pane into focus and says so.
#[test]
fn a_from_another_pane_marks_nobody_and_shows_the_groups_pane() {
    let mut app = with_roster();
    app.press(&ch('f'), at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    app.press(&ch('1'), at(0, 0));
    let step = app.press(&ch('a'), at(0, 0));
    assert!(step.events.is_empty());
    assert!(app.state().absences.on(0).is_empty());
    assert_eq!(app.seat.focus, Pane::Groups);
    assert_eq!(
        status(&app),
        "Not done: a acts on the person selected in the groups pane, now in focus: select them, then a again"
    );
    assert!(app.seat.status.as_ref().unwrap().is_error);
    // Now that they are shown, the same key acts on them.
    let shown = app.selected_person().unwrap();
    app.press(&ch('a'), at(0, 0));
    assert!(app.state().absences.is_absent(0, &shown));
}

#[test]
fn agenda_actions_say_which_block_they_touched() {
    let mut app = app();
    app.press(&key(KeyCode::Down), at(0, 0));
    app.press(&ch('s'), at(0, 0));
    assert_eq!(status(&app), "Skipped “Introductions” · u undoes");
    app.press(&ch('s'), at(0, 0));
    assert_eq!(status(&app), "Brought back “Introductions” · u undoes");
    // Earlier by one place: from the second to the first.
    app.press(&ch('K'), at(0, 0));
    assert_eq!(status(&app), "Moved “Introductions” to place 1 · u undoes");
    app.press(&ch('z'), at(0, 0));
    assert_eq!(status(&app), "Participants' time zones hidden");
}

#[test]
fn notes_and_the_last_report_back_say_what_they_did() {
    let mut app = with_roster();
    let index = app.state().days[0]
        .blocks
        .iter()
        .position(|b| b.block.exercise.as_deref() == Some("dc-bicycle"))
        .unwrap();
    for _ in 0..index {
        app.press(&key(KeyCode::Down), at(0, 0));
    }
    app.press(&key(KeyCode::Enter), at(65, 0));
    app.press(&ch('f'), at(65, 0));
    typed(&mut app, "2 mixed", at(65, 0));
    app.press(&key(KeyCode::Enter), at(65, 0));
    app.press(&ch('4'), at(65, 0));
    assert!(app.tracking());
    app.press(&ch('o'), at(70, 0));
    typed(&mut app, "Bicycle drawn", at(70, 0));
    app.press(&ctrl('s'), at(70, 0));
    assert_eq!(
        status(&app),
        "Personalize your DC bicycle: notes for Room 1: Bicycle drawn · u undoes"
    );
    let title = "Personalize your DC bicycle";
    app.press(&ch('Q'), at(80, 0));
    assert!(status(&app).starts_with(&format!("{title}: Room 1 called to report back")));
    app.press(&ch('Q'), at(83, 0));
    assert!(status(&app).starts_with(&format!("{title}: Room 2 called to report back")));
    // The last: Room 2 has reported, and nobody is called next.
    app.press(&ch('Q'), at(86, 0));
    assert_eq!(status(&app), format!("{title}: Room 2 reported · u undoes"));
}

#[test]
fn copying_the_groups_shows_the_whole_text_in_a_popup() {
    let mut app = with_roster();
    app.press(&ch('f'), at(0, 0));
    typed(&mut app, "3 mixed", at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    let step = app.press(&ch('y'), at(1, 0));
    let [convene::app::Effect::Copy(text)] = step.effects.as_slice() else {
        panic!("{:?}", step.effects)
    };
    assert_eq!(app.seat.mode, Mode::Popup);
    assert_eq!(app.seat.popup.as_ref().unwrap().text, *text);
    assert_eq!(status(&app), "The 3 rooms for the Zoom chat");
    // The popup's lines are the text alone: every line of the copy is on screen as it is,
    // scrolled to (one person to a line).
    let mut screen = String::new();
    for _ in 0..text.lines().count() {
        screen.push_str(&screen_at(&app, at(1, 0), 120, 40));
        app.press(&key(KeyCode::Down), at(1, 0));
    }
    for _ in 0..text.lines().count() {
        app.press(&key(KeyCode::Up), at(1, 0));
    }
    for line in text.lines() {
        let start: String = line.chars().take(60).collect();
        assert!(screen.contains(&start), "{start}\n{screen}");
    }
    // At 80x24, names in any script wrap within the width, with nothing beside them.
    insta::assert_snapshot!(screen_at(&app, at(1, 0), 80, 24));
    // A key of the console closes it and does what it does.
    app.press(&ch('1'), at(1, 0));
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.seat.focus, Pane::Agenda);
}

// 3. Finishing a block by accident.

#[test]
fn n_on_a_block_started_less_than_a_minute_ago_asks_and_y_answers() {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    let welcome = app.state().days[0].blocks[0].id;
    assert_eq!(
        app.state().block(welcome).unwrap().status(),
        BlockStatus::Running
    );
    // 59 s later: asks, and finishes nothing.
    let step = app.press(&ch('n'), at(0, 59));
    assert!(step.events.is_empty());
    assert_eq!(app.seat.mode, Mode::Confirm);
    assert_eq!(app.seat.confirm, Some(Confirm::Next(0)));
    assert_eq!(
        Confirm::Next(0).question(app.state(), at(0, 59)),
        "Finish “Welcome and opening” after 59 s? y finishes it and starts the next, n keeps it running"
    );
    // Enter is no answer.
    let step = app.press(&key(KeyCode::Enter), at(0, 59));
    assert!(step.events.is_empty());
    assert_eq!(app.seat.mode, Mode::Confirm);
    assert_eq!(
        app.state().block(welcome).unwrap().status(),
        BlockStatus::Running
    );
    // n keeps it running.
    app.press(&ch('n'), at(0, 59));
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(
        app.state().block(welcome).unwrap().status(),
        BlockStatus::Running
    );
    assert_eq!(status(&app), "Not done: nothing changed");
    // y finishes it and starts the next.
    app.press(&ch('n'), at(0, 59));
    app.press(&ch('y'), at(0, 59));
    assert_eq!(
        app.state().block(welcome).unwrap().status(),
        BlockStatus::Done
    );
    assert_eq!(status(&app), "Started “Introductions” · u undoes");
    // Introductions started at 0:59: at 1:58 (59 s) n asks; a full minute after, it does not.
    let step = app.press(&ch('n'), at(1, 58));
    assert!(step.events.is_empty(), "{:?}", step.events);
    assert_eq!(app.seat.mode, Mode::Confirm);
    let step = app.press(&key(KeyCode::Esc), at(1, 58));
    assert!(step.events.is_empty());
    let step = app.press(&ch('n'), at(1, 59));
    assert!(!step.events.is_empty());
    assert_eq!(app.seat.mode, Mode::Normal);
}

#[test]
fn destructive_questions_take_y_and_not_enter() {
    let mut app = with_roster();
    // End the day.
    app.press(&ch('E'), at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    assert!(app.state().days[0].finished_at.is_none());
    let buffer = draw(&app, at(0, 0), 120, 40);
    let question = area_text(&buffer, ratatui::layout::Rect::new(0, 38, 120, 1));
    assert!(question.contains("y ends it, n keeps it"), "{question}");
    app.press(&key(KeyCode::Esc), at(0, 0));
    // Clear the groups.
    app.press(&ch('f'), at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    app.press(&ch('X'), at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    assert!(app.state().current_round().is_some());
    app.press(&ch('y'), at(0, 0));
    assert!(app.state().current_round().is_none());
    // Delete a timer.
    app.press(&ch('w'), at(0, 0));
    app.press(&ch('x'), at(0, 0));
    app.press(&key(KeyCode::Enter), at(0, 0));
    assert_eq!(app.state().timers.len(), 1);
    app.press(&ch('y'), at(0, 0));
    assert!(app.state().timers.is_empty());
    // Quit with a block running.
    app.press(&ch('n'), at(0, 0));
    app.press(&ch('q'), at(2, 0));
    assert!(!app.press(&key(KeyCode::Enter), at(2, 0)).quit);
    assert!(app.press(&ch('y'), at(2, 0)).quit);
}

// 4. The clipboard.

#[test]
fn over_ssh_the_copy_goes_through_the_terminal() {
    use convene::runtime::{ClipboardRoute, choose_clipboard};
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        choose_clipboard(env(&[
            ("SSH_CONNECTION", "192.0.2.4 50000 192.0.2.1 22"),
            ("DISPLAY", ":0")
        ])),
        ClipboardRoute::Osc52
    );
    assert_eq!(
        choose_clipboard(env(&[
            ("SSH_TTY", "/dev/pts/1"),
            ("WAYLAND_DISPLAY", "wayland-0")
        ])),
        ClipboardRoute::Osc52
    );
    assert_eq!(
        choose_clipboard(env(&[("DISPLAY", ":0")])),
        ClipboardRoute::System
    );
    assert_eq!(
        ClipboardRoute::Osc52.said(),
        "Sent to the terminal's clipboard (OSC 52) — it arrives only if the terminal allows it"
    );
    assert_eq!(
        ClipboardRoute::System.said(),
        "Copied to the system clipboard"
    );
}

// 5. The whole text of a block or an exercise.

/// The DC bicycle breakout: an exercise with instructions and expected output, cues and notes.
fn bicycle_selected() -> App {
    let mut app = app();
    let index = app.state().days[0]
        .blocks
        .iter()
        .position(|b| b.block.exercise.as_deref() == Some("dc-bicycle"))
        .unwrap();
    for _ in 0..index {
        app.press(&key(KeyCode::Down), at(0, 0));
    }
    app
}

#[test]
fn d_shows_the_selected_blocks_whole_text_wrapped_at_80x24() {
    let mut app = bicycle_selected();
    app.press(&ch('d'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Popup);
    let popup = app.seat.popup.clone().unwrap();
    let block = &app.state().days[0].blocks[app.selected_block().unwrap()].block;
    let exercise = app.workshop().exercise("dc-bicycle").unwrap();
    // Everything is in it, whole.
    assert!(popup.text.contains(&block.title));
    assert!(
        popup
            .text
            .contains(exercise.instructions.as_deref().unwrap())
    );
    assert!(
        popup
            .text
            .contains(exercise.expected_output.as_deref().unwrap())
    );
    if let Some(notes) = &block.notes {
        assert!(popup.text.contains(notes.as_str()));
    }
    for cue in &block.cues {
        assert!(popup.text.contains(&cue.text), "{}", cue.text);
    }
    insta::assert_snapshot!(screen_at(&app, at(0, 0), 80, 24));
    // Scrolled to its end, at 80x24.
    app.press(&key(KeyCode::End), at(0, 0));
    insta::assert_snapshot!("end_of_the_text_80x24", screen_at(&app, at(0, 0), 80, 24));
    app.press(&key(KeyCode::Esc), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Normal);
    assert!(app.seat.popup.is_none());
}

#[test]
fn every_wrapped_line_fits_and_nothing_is_lost() {
    let app = bicycle_selected();
    let popup = convene::session::popup::block_text(
        app.state(),
        0,
        app.selected_block().unwrap(),
        at(0, 0),
    )
    .unwrap();
    for width in [10, 30, 76, 96] {
        let lines = convene::session::popup::wrap(&popup.text, width);
        for line in &lines {
            assert!(
                unicode_width::UnicodeWidthStr::width(line.as_str()) <= width,
                "{line}"
            );
        }
        let words = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(words(&lines.join(" ")), words(&popup.text), "at {width}");
    }
}

#[test]
fn d_in_the_exercises_pane_shows_the_exercise() {
    let mut app = app();
    app.press(&ch('4'), at(0, 0));
    app.press(&ch('d'), at(0, 0));
    let first = app.workshop().day_exercises(0)[0].clone();
    let popup = app.seat.popup.clone().unwrap();
    assert_eq!(popup.title, first.title);
    assert!(
        popup
            .text
            .starts_with(&format!("Exercise: {}", first.title))
    );
    if let Some(text) = &first.instructions {
        assert!(popup.text.contains(text.as_str()));
    }
}

#[test]
fn the_popups_text_scrolls_within_its_lines() {
    let mut app = bicycle_selected();
    app.press(&ch('d'), at(0, 0));
    let popup = app.seat.popup.clone().unwrap();
    let max = popup.max_scroll(app.seat.screen);
    assert!(max > 0, "the bicycle's text is longer than a 80x24 popup");
    press_all(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Down)],
        at(0, 0),
    );
    assert_eq!(app.seat.popup.as_ref().unwrap().scroll, 2.min(max));
    for _ in 0..100 {
        app.press(&key(KeyCode::Down), at(0, 0));
    }
    assert_eq!(app.seat.popup.as_ref().unwrap().scroll, max);
    app.press(&key(KeyCode::Up), at(0, 0));
    assert_eq!(app.seat.popup.as_ref().unwrap().scroll, max - 1);
    app.press(&key(KeyCode::Home), at(0, 0));
    assert_eq!(app.seat.popup.as_ref().unwrap().scroll, 0);
}

/// The real console in a pseudo-terminal: over SSH, and with a display that is not there, the
/// groups go through the terminal's clipboard, the footer says so, and the text is shown.
#[test]
fn the_console_says_where_a_copy_went() {
    use common::pty::Console;
    use std::time::Duration;
    let wait = Duration::from_secs(10);
    let args = [
        "--day",
        "1",
        "--no-journal",
        "--roster",
        "assets/roster-sample.csv",
    ];
    for env in [
        &[
            ("SSH_CONNECTION", "192.0.2.4 50000 192.0.2.1 22"),
            ("DISPLAY", ":0"),
        ][..],
        &[("DISPLAY", ":99"), ("WAYLAND_DISPLAY", "wayland-99")][..],
    ] {
        let mut console = Console::start_with_env(&args, env, 120, 40);
        console.wait_for("3 Breakout groups", wait);
        console.send("3f\r");
        console.wait_for("mixed · 5 rooms", wait);
        console.send("y");
        console.wait_for("Copied: the 5 rooms for the Zoom chat", wait);
        console.wait_for(
            "Sent to the terminal's clipboard (OSC 52) — it arrives only if the terminal allows it",
            wait,
        );
        console.send("\x1b");
        console.wait_gone("Copied: the 5 rooms", wait);
        console.send("q");
        assert_eq!(console.wait_exit(wait), 0);
    }
}

/// A text from a programme or a roster reaches the terminal only as text: a control character
/// is shown, not sent, and a tab is spaces.
#[test]
fn the_popups_lines_hold_no_control_character() {
    let popup = convene::app::Popup::new("Cue", "Say:\tready\x1b]52;c;aGk=\x07 now");
    let lines = popup.lines((80, 24));
    assert_eq!(lines, ["Say:    ready^[]52;c;aGk=^G now"]);
}

/// The footer's message line (above the keys, which take one line or two) at 120x40: the
/// row under the panes.
fn message_line(app: &App, now: DateTime<Utc>) -> String {
    let screen = screen_at(app, now, 120, 40);
    let lines: Vec<&str> = screen.lines().collect();
    let bottom = lines.iter().rposition(|l| l.contains('└')).unwrap();
    lines[bottom + 1].to_string()
}

#[test]
fn an_action_after_a_cue_fell_due_is_said_and_a_cue_due_after_a_message_takes_its_place() {
    let mut app = with_roster();
    // "Principles underpinning DC" (the fourth block) starts at 13:00; its first cue is due
    // one minute after the start.
    press_all(
        &mut app,
        &[ch('j'), ch('j'), ch('j'), key(KeyCode::Enter)],
        at(0, 0),
    );
    assert!(message_line(&app, at(0, 30)).contains("Started “Principles underpinning DC”"));
    // At 13:01 the cue falls due: it takes the line from the older message.
    assert!(
        message_line(&app, at(1, 0)).contains("Cue due: “Take turns"),
        "{}",
        message_line(&app, at(1, 0))
    );
    // Groups formed at 13:02, after the cue fell due: that is what the footer says, and goes
    // on saying while the cue stays due.
    app.press(&ch('f'), at(2, 0));
    typed(&mut app, "4 mixed", at(2, 0));
    app.press(&key(KeyCode::Enter), at(2, 0));
    for now in [at(2, 0), at(3, 0)] {
        let line = message_line(&app, now);
        assert!(line.contains("Formed 4 groups (mixed)"), "{line}");
    }
}

#[test]
fn a_hyphenated_word_is_never_broken_at_its_hyphen() {
    // "Wrap-up" fits on the next line whole: a line breaks at a space, not a hyphen.
    let lines = convene::session::popup::wrap("not run: the Wrap-up and self-study briefing", 15);
    assert_eq!(
        lines,
        ["not run: the", "Wrap-up and", "self-study", "briefing"]
    );
}

#[test]
fn a_block_that_starts_takes_the_big_digits_back_from_an_older_timer() {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    app.press(&ch('t'), at(2, 0));
    typed(&mut app, "5 Q&A", at(2, 0));
    app.press(&key(KeyCode::Enter), at(2, 0));
    // The new timer is selected: big digits would show it.
    app.press(&ch('n'), at(12, 0));
    app.press(&ch('b'), at(12, 0));
    let screen = screen_at(&app, at(12, 30), 120, 40);
    assert!(screen.contains("Introductions"), "{screen}");
    assert!(!screen.contains("Q&A"), "{screen}");
}
