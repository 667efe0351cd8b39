//! Below the smallest size the console lays out (80x24) the screen asks to be enlarged and
//! shows nothing else, so keys would act unseen: only `q` and `Ctrl-c` work (and quit at
//! once), every other key and paste is ignored. `Ctrl-l` redraws the whole screen, at any
//! size and in any mode.

mod common;

use std::time::{Duration, Instant};

use common::pty::Console;
use common::*;
use convene::keymap::Mode;
use crossterm::event::KeyCode;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn a_seat_too_small_ignores_every_key_but_quit() {
    let mut app = app();
    app.seat.too_small = true;
    let before = app.state().clone();
    // `n` would start the welcome; `E y` would end the day; `t` would open a prompt; `]`
    // would show day 2; `?` the help.
    for key in [
        ch('n'),
        ch('E'),
        ch('y'),
        ch('t'),
        ch(']'),
        ch('?'),
        key(KeyCode::Enter),
        ch('u'),
    ] {
        let step = app.press(&key, at(5, 0));
        assert!(step.events.is_empty(), "{key:?} gave {:?}", step.events);
        assert!(!step.quit, "{key:?} quit");
    }
    assert_eq!(*app.state(), before);
    assert_eq!(app.state().running(), None);
    assert_eq!(app.seat.mode, Mode::Normal);
    assert_eq!(app.seat.day, 0);
    assert_eq!(app.seat.confirm, None);

    // Enlarged again, the same keys act: `n` starts the welcome.
    app.seat.too_small = false;
    app.press(&ch('n'), at(5, 0));
    assert!(app.state().running().is_some());

    // Too small again: `q` quits at once, though a block runs (the question would not show),
    // and so does Ctrl-c.
    app.seat.too_small = true;
    assert!(app.press(&ch('q'), at(6, 0)).quit);
    assert!(app.press(&ctrl('c'), at(6, 0)).quit);
    assert_eq!(app.seat.confirm, None);
}

#[test]
fn a_seat_too_small_takes_no_typing_and_no_paste() {
    let mut app = app();
    app.press(&ch('t'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Input);
    app.press(&ctrl('u'), at(0, 0));
    app.seat.too_small = true;
    for c in "5 Tea".chars() {
        app.press(&ch(c), at(0, 0));
    }
    app.on_paste("10 Lunch");
    app.press(&key(KeyCode::Enter), at(0, 0));
    assert_eq!(app.seat.input.as_ref().unwrap().text, "");
    assert!(app.state().timers.is_empty());
    // `q` is not typed here: it quits.
    assert!(app.press(&ch('q'), at(0, 0)).quit);
}

#[test]
fn the_small_screen_says_only_q_quits() {
    let text = screen_at(&app(), at(0, 0), 79, 23);
    assert!(
        text.contains("enlarge the window to at least 80x24"),
        "{text}"
    );
    assert!(text.contains("Only q quits here; Ctrl-l redraws"), "{text}");
}

/// The lines of the journal file.
fn lines_of(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn at_79x23_keys_change_nothing_and_q_quits() {
    let tmp = tempfile::Builder::new()
        .prefix("convene-small-")
        .tempdir()
        .unwrap();
    let journal = tmp.path().join("day-1.jsonl");
    let journal_arg = journal.to_str().unwrap();
    let args = ["--journal", journal_arg, "--day", "1"];
    let mut console = Console::start(&args, 79, 23);
    console.wait_for("enlarge the window to at least 80x24", WAIT);
    console.wait_for("Only q quits here", WAIT);
    // Start a block, end the day, start a countdown, undo: none of it may happen.
    console.send("n");
    console.send("Ey");
    console.send("t5 Tea\r");
    console.send("u");
    // Every key above has been read once a redraw they precede is on screen.
    console.write_over("\x1b[1;1H\x1b[2JSCRIBBLED OVER");
    console.send("\x0c");
    console.wait_gone("SCRIBBLED OVER", WAIT);
    // Enlarged, the console shows the day as it was.
    console.resize(120, 40);
    console.wait_for("No block running", WAIT);
    let screen = console.contents();
    assert!(!screen.contains("not run"), "{screen}");
    assert!(!screen.contains("Tea"), "{screen}");
    assert_eq!(
        lines_of(&journal).len(),
        1,
        "only the header is journaled: {:#?}",
        lines_of(&journal)
    );
    // Keys act again once it is large enough.
    console.send("n");
    console.wait_for("▶ Now Welcome", WAIT);
    // Smaller again: `q` quits at once, without the question a running block asks.
    console.resize(79, 23);
    console.wait_for("Only q quits here", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0, "{}", console.contents());
    console.assert_terminal_restored();
    assert_eq!(lines_of(&journal).len(), 2, "the header and the welcome");
}

#[test]
fn ctrl_l_draws_the_whole_screen_again() {
    let mut console = Console::start(&["--no-journal", "--day", "1"], 120, 40);
    console.wait_for("No block running", WAIT);
    let title = "Training of Trainers on Localizing the SDGs";
    console.wait_for(title, WAIT);
    // Another program writes over the title and the agenda.
    console.write_over("\x1b[1;1H\x1b[2JSCRIBBLED OVER");
    assert!(!console.contents().contains(title));
    // Another key draws only what it changes: day 2's agenda, over the scribble.
    console.send("]");
    console.wait_for("Welcome back and self-study recap", WAIT);
    let screen = console.contents();
    assert!(screen.contains("SCRIBBLED OVER"), "{screen}");
    assert!(!screen.contains(title), "{screen}");
    // Ctrl-l draws it all.
    console.send("\x0c");
    console.wait_for(title, WAIT);
    console.wait_gone("SCRIBBLED OVER", WAIT);
    console.wait_for("Day 2 of 3 · Thu 25 Nov 2021", WAIT);
    // In a prompt too, where it is not typed.
    console.send("t");
    console.wait_for("New countdown", WAIT);
    console.write_over("\x1b[1;1H\x1b[2JSCRIBBLED AGAIN");
    console.send("\x0c");
    console.wait_gone("SCRIBBLED AGAIN", WAIT);
    console.wait_for(title, WAIT);
    console.wait_for("New countdown", WAIT);
    assert!(!console.contents().contains("\x0c"));
    console.send("\x1b");
    console.wait_gone("New countdown", WAIT);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
}

#[test]
fn ctrl_l_redraws_the_small_screen_too() {
    let mut console = Console::start(&["--no-journal"], 60, 20);
    console.wait_for("Only q quits here", WAIT);
    console.write_over("\x1b[1;1H\x1b[2JSCRIBBLED OVER");
    let deadline = Instant::now() + WAIT;
    console.send("\x0c");
    console.wait_for("Only q quits here", WAIT);
    console.wait_gone("SCRIBBLED OVER", WAIT);
    assert!(Instant::now() < deadline);
    console.send("q");
    assert_eq!(console.wait_exit(WAIT), 0);
    console.assert_terminal_restored();
}

/// Ctrl-l is a key of the keymap in every mode, so the help, made from the keymap, lists it
/// with the keys of each mode.
#[test]
fn the_help_lists_ctrl_l_in_every_mode() {
    let ctrl_l = ctrl('l');
    for mode in Mode::ALL {
        let bound = convene::keymap::bindings(mode)
            .find(|b| convene::keymap::keys_label(b) == "Ctrl-l")
            .unwrap_or_else(|| panic!("{mode:?}: Ctrl-l is not in the keymap"));
        assert_eq!(
            convene::keymap::lookup(mode, &ctrl_l),
            Some(bound.command),
            "{mode:?}"
        );
        assert!(
            bound.help.contains("draw the whole screen again"),
            "{mode:?}"
        );
    }
    // The help on screen, scrolled page by page: the first mode's section lists it.
    let mut app = app();
    app.press(&ch('?'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Help);
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&screen_at(&app, at(0, 0), 120, 40));
        app.press(&key(KeyCode::PageDown), at(0, 0));
    }
    assert!(
        seen.contains("Ctrl-l") && seen.contains("Clear the terminal and draw the whole screen"),
        "{seen}"
    );
}

/// The ToT console with the sample roster (30 participants and 3 facilitators) loaded.
fn with_the_sample_roster() -> convene::app::App {
    let import = convene::roster::load_roster(std::path::Path::new("assets/roster-sample.csv"))
        .expect("the sample roster reads");
    let mut app = app();
    app.apply(
        &[convene::core::Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: import.roster.participants,
        }],
        at(-30, 0),
    );
    app
}

/// The rows inside a pane, without its borders.
fn inside(pane: &str) -> Vec<String> {
    let rows: Vec<&str> = pane.lines().collect();
    rows[1..rows.len() - 1]
        .iter()
        .map(|r| {
            let r = r.trim_start_matches('│');
            r.trim_end_matches('│').trim().to_string()
        })
        .collect()
}

/// The number in a "… N more" line (or "… N more above"), if the pane has one.
fn more(rows: &[String], above: bool) -> Option<usize> {
    rows.iter().find_map(|r| {
        let rest = r.strip_prefix("… ")?;
        let (n, what) = rest.split_once(' ')?;
        (what == if above { "more above" } else { "more" }).then(|| n.parse().ok())?
    })
}

#[test]
fn at_80x24_the_groups_pane_in_focus_lists_people_and_counts_the_rest() {
    let mut app = with_the_sample_roster();
    app.press(&ch('3'), at(0, 0));
    let buffer = draw(&app, at(0, 0), 80, 24);
    let rows = inside(&area_text(&buffer, pane_area(&buffer, "3 Breakout groups")));
    // The people are the rows after the heading lines and before the count.
    let first = rows
        .iter()
        .position(|r| r == "No groups formed yet.")
        .unwrap()
        + 1;
    let last = rows.iter().position(|r| r.starts_with("… ")).unwrap();
    let shown = last - first;
    assert!(shown >= 5, "{shown} people shown: {rows:#?}");
    assert_eq!(more(&rows, false), Some(33 - shown), "{rows:#?}");
    // The running block's clock still shows, and the zone strip.
    let text = screen_at(&app, at(0, 0), 80, 24);
    assert!(text.contains("2 Timers"), "{text}");
    assert!(text.contains("Karachi"), "{text}");
    insta::assert_snapshot!(text);

    // Scrolled to the 20th person: those above are counted too.
    for _ in 0..19 {
        app.press(&ch('j'), at(0, 0));
    }
    let buffer = draw(&app, at(0, 0), 80, 24);
    let rows = inside(&area_text(&buffer, pane_area(&buffer, "3 Breakout groups")));
    let top = rows.iter().position(|r| r.starts_with("… ")).unwrap();
    let bottom = rows.iter().rposition(|r| r.starts_with("… ")).unwrap();
    let shown = bottom - top - 1;
    let above = more(&rows, true).expect("a count above");
    let below = more(&rows, false).expect("a count below");
    assert_eq!(above + shown + below, 33, "{rows:#?}");
    // The 20th person is shown: 19 before them, of whom `above` are not.
    assert!(above <= 19 && 19 < above + shown, "{rows:#?}");
}

#[test]
fn at_80x24_a_room_says_how_many_of_its_people_do_not_show() {
    let mut app = with_the_sample_roster();
    app.press(&ch('3'), at(0, 0));
    app.press(&ch('f'), at(0, 0));
    type_line(&mut app, "4 mixed", at(0, 0));
    let round = app.state().current_round().expect("groups formed").clone();
    let buffer = draw(&app, at(0, 0), 80, 24);
    let rows = inside(&area_text(&buffer, pane_area(&buffer, "3 Breakout groups")));
    let mut shown_all = 0;
    for room in &round.rooms {
        let Some(at) = rows
            .iter()
            .position(|r| r.starts_with(&format!("{} (", room.name)))
        else {
            continue;
        };
        // Its people: the rows after its heading, up to the next heading or count.
        let shown = rows[at + 1..]
            .iter()
            .take_while(|r| !r.starts_with("Room ") && !r.starts_with("… "))
            .count();
        shown_all += shown;
        let total = room.members.len();
        let heading = if shown == total {
            format!("{} ({total})", room.name)
        } else {
            format!("{} ({total}, {} not shown)", room.name, total - shown)
        };
        assert!(rows[at].starts_with(&heading), "{heading}: {rows:#?}");
    }
    let placed: usize = round.rooms.iter().map(|r| r.members.len()).sum();
    assert!(0 < shown_all && shown_all < placed, "{rows:#?}");
    assert_eq!(more(&rows, false), Some(placed - shown_all), "{rows:#?}");
}

#[test]
fn at_80x24_the_footer_shows_the_focused_panes_own_keys() {
    let mut app = common::app();
    let now = common::at(0, 0);
    for (focus, wanted) in [
        (
            '2',
            &[
                "t timer",
                "w stopwatch",
                "Space pause",
                "R restart",
                "x delete",
                "c cue",
            ][..],
        ),
        (
            '3',
            &[
                "f groups",
                "m move",
                "S swap",
                "a absent",
                "L late",
                "y chat",
                "e Zoom file",
            ][..],
        ),
        (
            '4',
            &[
                "v step",
                "h flag help",
                "o notes",
                "Q report",
                "O overview",
                "d text",
            ][..],
        ),
        ('1', &["Enter start", "p replan", "+- 1 min"][..]),
    ] {
        app.press(&common::ch(focus), now);
        let screen = common::screen_at(&app, now, 80, 24);
        let lines: Vec<&str> = screen.lines().collect();
        let footer = lines[lines.len() - 2..].join("\n");
        for entry in wanted
            .iter()
            .chain(&["n next", "u undo", "Tab pane", "? help", "q quit"])
        {
            assert!(
                footer.contains(entry),
                "pane {focus}: no {entry:?} in\n{footer}"
            );
        }
    }
}
