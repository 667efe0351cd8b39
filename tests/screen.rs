//! Snapshots of the whole screen, drawn into a TestBackend with a fixed clock.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use convene::app::App;
use convene::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn screen(app: &App, now: DateTime<Utc>, width: u16, height: u16) -> String {
    screen_at(app, now, width, height)
}

/// The rows of the footer's keys: the lines after the answer line, at the bottom.
fn footer_keys(text: &str) -> String {
    let rows: Vec<&str> = text.lines().collect();
    // The footer's answer line is the first blank or message line after the panes' bottom.
    let bottom = rows.iter().rposition(|r| r.contains('└')).unwrap();
    rows[bottom + 2..].join("\n")
}

/// Whether a hint of the timers pane is cut: an ellipsis where a word should end.
fn timers_hint_cut(buffer: &ratatui::buffer::Buffer) -> bool {
    area_text(buffer, pane_area(buffer, "2 Timers")).contains('…')
}

#[test]
fn day1_before_the_start_120x40() {
    let buffer = draw(&app(), at(-5, 0), 120, 40);
    assert!(!timers_hint_cut(&buffer));
    let timers = area_text(&buffer, pane_area(&buffer, "2 Timers"));
    assert!(
        timers.contains("Enter starts the selected block; n the"),
        "{timers}"
    );
    // The welcome's notes whole, wrapped into the rows the day leaves free.
    let agenda = area_text(&buffer, pane_area(&buffer, "1 Agenda"));
    assert!(agenda.contains("Zoom housekeeping"), "{agenda}");
    assert!(agenda.contains("(chat, breakout rooms)."), "{agenda}");
    insta::assert_snapshot!(screen(&app(), at(-5, 0), 120, 40));
}

#[test]
fn day1_before_the_start_80x24() {
    let buffer = draw(&app(), at(-5, 0), 80, 24);
    assert!(!timers_hint_cut(&buffer));
    let text = screen(&app(), at(-5, 0), 80, 24);
    // The zone strip, with the first block's start: 13:00 Jakarta is 11:00 in Karachi (UTC+5
    // against UTC+7) and 11:45 in Kathmandu (UTC+5:45).
    assert!(text.contains("Karachi  Kolkata  Kathmandu"), "{text}");
    assert!(text.contains(" Next  11:00    11:30    11:45"), "{text}");
    // Every key of the moment, on two lines.
    let keys = footer_keys(&text);
    for (k, label) in convene::keymap::footer(convene::keymap::Mode::Normal) {
        assert!(
            keys.contains(&format!("{k} {label}")),
            "{k} {label}: {keys}"
        );
    }
    insta::assert_snapshot!(text);
}
/// Day 1 on time: the welcome 13:00–13:10, introductions 13:10–13:21 (a minute over), and
/// the chapter 1 presentation running since 13:21.
fn during_chapter_one() -> App {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    app.press(&ch('n'), at(10, 0));
    app.press(&ch('n'), at(21, 0));
    assert_eq!(
        app.state().running().unwrap().1.block.title,
        "What is Decentralized Cooperation?"
    );
    app
}

#[test]
fn day1_during_a_block_120x40() {
    insta::assert_snapshot!(screen(&during_chapter_one(), at(27, 30), 120, 40));
}

#[test]
fn day1_during_a_block_80x24() {
    let text = screen(&during_chapter_one(), at(27, 30), 80, 24);
    // The running block, its time left (20 minutes from 13:21 at 13:27:30) and the drift.
    assert!(text.contains("▶ Now What is Decentralized"), "{text}");
    assert!(text.contains("13:30 left"), "{text}");
    assert!(text.contains("1 min behind"), "{text}");
    // The zone strip at the running block's start, 13:21 Jakarta: 11:21 in Karachi.
    assert!(text.contains(" Start 11:21"), "{text}");
    // The planned and the actual start side by side, and the next block expected a minute
    // late: planned 13:40, expected 13:41.
    assert!(text.contains("▶ 13:20 13:21"), "{text}");
    assert!(text.contains("13:40 ~13:41  15′ Principles"), "{text}");
    let keys = footer_keys(&text);
    for key in [
        "t timer", "f groups", "b big", "Tab pane", "? help", "q quit",
    ] {
        assert!(keys.contains(key), "{key}: {keys}");
    }
    insta::assert_snapshot!(text);
}

/// Late in the day at 80x24 the agenda scrolls, and the block after the running one stays in
/// view: what comes next.
#[test]
fn at_80x24_the_next_block_stays_in_view() {
    let mut app = app();
    // Twelve blocks started one after the other, ten minutes apart: the twelfth runs.
    for i in 0..12 {
        app.press(&ch('n'), at(i * 10, 0));
    }
    let day = &app.state().days[0].blocks;
    let running = day
        .iter()
        .position(|b| b.status() == convene::core::BlockStatus::Running)
        .unwrap();
    assert_eq!(running, 11);
    let next = &day[running + 1].block.title;
    let text = screen(&app, at(115, 0), 80, 24);
    let start: String = next.chars().take(15).collect();
    assert!(text.contains(&start), "{next}:\n{text}");
}

#[test]
fn a_block_running_over_its_time() {
    let app = during_chapter_one();
    let text = screen(&app, at(60, 0), 120, 40);
    assert!(text.contains("+19:00 over"), "{text}");
    assert!(text.contains("20 min behind · ends 16:50"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn help_overlay_lists_every_key() {
    let mut app = app();
    app.press(&ch('?'), at(0, 0));
    // Every page of the help, scrolled to the end.
    let mut pages = vec![screen(&app, at(0, 0), 120, 40)];
    while pages.last().unwrap().contains("↓ more") {
        assert!(
            pages.len() < 20,
            "the help never ends:\n{}",
            pages.last().unwrap()
        );
        for _ in 0..30 {
            app.press(&key(crossterm::event::KeyCode::Down), at(0, 0));
        }
        pages.push(screen(&app, at(0, 0), 120, 40));
    }
    let all = pages.join("\n");
    // Every binding of every mode is listed with its key, with the first words of its text.
    for mode in convene::keymap::Mode::ALL {
        for binding in convene::keymap::bindings(mode) {
            let start: String = binding.help.chars().take(40).collect();
            assert!(
                all.contains(&start),
                "{mode:?}: {:?} is not in the help",
                binding.help
            );
        }
    }
    // Wrapped, never cut: no ellipsis inside the help's box, on any page.
    for page in help_boxes(&mut app, 120, 40) {
        assert!(!page.contains('…'), "{page}");
    }
    insta::assert_snapshot!(pages.join("\n=== next page ===\n"));
}

/// The text inside the help's box on each of its pages, from the top.
fn help_boxes(app: &mut App, width: u16, height: u16) -> Vec<String> {
    use crossterm::event::KeyCode;
    for _ in 0..200 {
        app.press(&key(KeyCode::Up), at(0, 0));
    }
    let mut boxes = Vec::new();
    loop {
        let buffer = draw(app, at(0, 0), width, height);
        let text = area_text(&buffer, pane_area(&buffer, "Keys"));
        let more = text.contains("↓ more");
        boxes.push(text);
        if !more || boxes.len() > 60 {
            return boxes;
        }
        app.press(&key(KeyCode::PageDown), at(0, 0));
    }
}

/// At 80x24 the help wraps its lines into a narrower box, and scrolls to every key.
#[test]
fn help_overlay_wraps_at_80x24() {
    let mut app = app();
    app.press(&ch('?'), at(0, 0));
    let mut pages = vec![screen(&app, at(0, 0), 80, 24)];
    while pages.last().unwrap().contains("↓ more") && pages.len() < 40 {
        for _ in 0..10 {
            app.press(&key(crossterm::event::KeyCode::Down), at(0, 0));
        }
        pages.push(screen(&app, at(0, 0), 80, 24));
    }
    let all = pages.join("\n");
    for page in help_boxes(&mut app, 80, 24) {
        assert!(!page.contains('…'), "{page}");
    }
    // Each binding's text, put back together from its lines, is all there: each of its words
    // in order on the lines after its keys.
    let rows: Vec<String> = all
        .lines()
        .map(|l| l.trim_matches('"').to_string())
        .collect();
    for mode in convene::keymap::Mode::ALL {
        for binding in convene::keymap::bindings(mode) {
            let first: String = binding
                .help
                .split(' ')
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                rows.iter().any(|r| r.contains(&first)),
                "{mode:?}: {:?} is not in the help",
                binding.help
            );
        }
    }
}

#[test]
fn asking_before_quitting() {
    let mut app = during_chapter_one();
    app.press(&ch('q'), at(22, 0));
    let text = screen(&app, at(22, 0), 120, 40);
    assert!(text.contains("Quit while “What is Decentralized Cooperation?” is running?"));
    assert!(text.contains("y yes"), "{text}");
}

#[test]
fn day2_shows_the_self_study_before_it() {
    let mut app = app();
    app.press(&ch(']'), at(0, 0));
    let text = screen(&app, at(0, 0), 120, 40);
    assert!(text.contains("Day 2 of 3 · Thu 25 Nov 2021"), "{text}");
    // The line above the agenda, not the "Welcome back and self-study recap" block.
    assert!(
        text.contains("│ … Self-study 9–24 Nov: “three weeks to study the material”"),
        "{text}"
    );
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
    for (width, height) in [(120, 40), (80, 24)] {
        let text = screen(&app(), at(0, 0), width, height);
        let keys = footer_keys(&text).replace("\"\n\"", "  ");
        let entries = convene::keymap::footer(convene::keymap::Mode::Normal);
        // Every entry, in the keymap's order, on one line or two.
        let mut from = 0;
        for (k, l) in &entries {
            let entry = format!(" {k} {l} ");
            let Some(found) = keys[from..].find(&entry) else {
                panic!("{width}: {entry:?} missing or out of order in {keys}");
            };
            from += found + entry.len() - 1;
        }
        assert!(keys.contains("? help"), "{width}: {keys}");
        assert!(keys.contains("q quit"), "{width}: {keys}");
    }
}

#[test]
fn the_groups_pane_lists_the_roster_in_any_script() {
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
    app.press(&ch('3'), at(0, 0));
    let text = screen(&app, at(0, 0), 120, 40);
    assert!(text.contains("30 participants · 3 facilitators"), "{text}");
    assert!(text.contains("roster-sample.csv"), "{text}");
    // The 33 people of the roster do not fit: those shown, and a count of the others.
    let buffer = draw(&app, at(0, 0), 120, 40);
    let pane = area_text(&buffer, pane_area(&buffer, "3 Breakout groups"));
    let shown = app
        .state()
        .roster
        .participants
        .iter()
        .filter(|p| pane.contains(&p.name))
        .count();
    assert!(shown > 0, "{pane}");
    assert!(pane.contains(&format!("… {} more", 33 - shown)), "{pane}");
    insta::assert_snapshot!(text);
}

#[test]
fn without_a_roster_the_groups_pane_says_how_to_load_one() {
    let text = screen(&app(), at(0, 0), 120, 40);
    assert!(text.contains("No roster loaded."), "{text}");
    assert!(text.contains("--roster FILE.csv"), "{text}");
}

/// The timers pane at a given moment, with the welcome running and two named timers.
fn timers_at(now_min: i64, now_sec: i64) -> ratatui::buffer::Buffer {
    let mut app = app();
    app.press(&ch('n'), at(0, 0));
    app.apply(
        &[convene::core::Event::TimerStarted {
            timer: convene::core::TimerId(1),
            label: "Report-back speaker".into(),
            seconds: Some(180),
            kind: Some(convene::core::TimerKind::Countdown),
        }],
        at(6, 0),
    );
    app.apply(
        &[convene::core::Event::TimerStarted {
            timer: convene::core::TimerId(2),
            label: "Open floor".into(),
            seconds: None,
            kind: Some(convene::core::TimerKind::Stopwatch),
        }],
        at(7, 0),
    );
    let now = at(now_min, now_sec);
    let step = app.tick(now);
    app.apply(&step.events, now);
    app.press(&ch('2'), now);
    draw(&app, now, 120, 40)
}

#[test]
fn timers_in_warning() {
    let buffer = timers_at(8, 30);
    let pane = pane_area(&buffer, "2 Timers");
    // The welcome has 1:30 of its 10 minutes left: inside its 2 warning minutes, so yellow;
    // the speaker's 3 minutes started at 13:06 have 0:30 left, under 20%: yellow too.
    assert_eq!(colour_of(&buffer, pane, "01:30 left"), Some(Color::Yellow));
    assert_eq!(colour_of(&buffer, pane, "00:30 left"), Some(Color::Yellow));
    insta::assert_snapshot!(styled_text(&buffer, pane));
}

#[test]
fn timers_in_overtime() {
    let buffer = timers_at(12, 5);
    let pane = pane_area(&buffer, "2 Timers");
    // 12:05 into a 10-minute block: 2:05 over, red; the speaker's 3 minutes from 13:06 ran
    // out at 13:09: 3:05 over.
    assert_eq!(colour_of(&buffer, pane, "+02:05 over"), Some(Color::Red));
    assert_eq!(colour_of(&buffer, pane, "+03:05 over"), Some(Color::Red));
    insta::assert_snapshot!(styled_text(&buffer, pane));
}

#[test]
fn the_running_block_in_big_digits() {
    let mut app = during_chapter_one();
    app.press(&ch('b'), at(27, 30));
    for (width, height) in [(120, 40), (80, 24)] {
        let text = screen(&app, at(27, 30), width, height);
        assert!(
            text.contains("What is Decentralized Cooperation?"),
            "{text}"
        );
        // 13:30 left, in big digits: the "1" of "13" on the digits' second row.
        assert!(text.contains("██     █ █    █ █  █"), "{text}");
        // Nothing of the facilitator's own on a shared screen: the drift, the clocks, the
        // journal, the keys.
        for private in ["behind", "Jakarta", "journaled", "help", "quit", "Started"] {
            assert!(
                !text.contains(private),
                "{private} at {width}x{height}:\n{text}"
            );
        }
        if width == 120 {
            insta::assert_snapshot!(text);
        }
    }
}

/// Day 1 run to its break, which starts at 14:34 Jakarta, a minute early.
fn at_the_break() -> App {
    let mut app = app();
    for minute in [0, 10, 20, 40, 55, 65, 85, 94] {
        app.press(&ch('n'), at(minute, 0));
    }
    assert_eq!(app.state().running().unwrap().1.block.title, "Break");
    app
}

#[test]
fn the_break_in_big_digits_says_when_we_start_again() {
    let mut app = at_the_break();
    app.press(&ch('b'), at(96, 0));
    // The break's ten minutes from 14:34 end at 14:44 Jakarta (UTC+7): 12:44 in Karachi and
    // Malé (UTC+5), 13:14 in Kolkata (UTC+5:30), 13:29 in Kathmandu (UTC+5:45), 14:44 in
    // Bangkok, 15:44 in Makassar and Manila (UTC+8).
    for (width, height) in [(120, 40), (80, 24)] {
        let text = screen(&app, at(96, 0), width, height);
        for part in [
            "We start again at 14:44 Jakarta / Bangkok",
            "12:44 Karachi / Malé",
            "13:14 Kolkata",
            "13:29 Kathmandu",
            "15:44 Makassar / Manila",
        ] {
            assert!(text.contains(part), "{part} at {width}x{height}:\n{text}");
        }
        for private in ["behind", "ahead", "on time", "journaled", "help", "quit"] {
            assert!(
                !text.contains(private),
                "{private} at {width}x{height}:\n{text}"
            );
        }
        if width == 80 {
            insta::assert_snapshot!(text);
        }
    }
}

/// A refusal still says why on the shared screen: the footer shows for it.
#[test]
fn a_refusal_shows_over_the_big_digits() {
    let mut app = during_chapter_one();
    app.press(&ch('b'), at(27, 30));
    // The welcome has run: starting it again is refused.
    app.press(&key(crossterm::event::KeyCode::Home), at(27, 30));
    app.press(&key(crossterm::event::KeyCode::Enter), at(27, 30));
    let status = app.seat.status.clone().expect("a refusal");
    assert!(status.is_error, "{}", status.text);
    let text = screen(&app, at(27, 30), 120, 40);
    let start: String = status.text.chars().take(30).collect();
    assert!(text.contains(&start), "{text}");
}

#[test]
fn the_replan_preview() {
    let mut app = during_chapter_one();
    app.press(&ch('p'), at(75, 0));
    let text = screen(&app, at(75, 0), 120, 40);
    assert!(text.contains("Replan day 1"), "{text}");
    assert!(text.contains("Enter applies"), "{text}");
    // The chapter has run 34 minutes over: the plan has it end now, and says so.
    assert!(
        text.contains(
            "It plans as if the running block, over its time, ends now (14:15): n ends it."
        ),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

/// A key typed as a character (`\r` is Enter, `\x1b` Esc), its events applied at once.
fn type_key(app: &mut convene::app::App, c: char, now: chrono::DateTime<chrono::Utc>) {
    let event = match c {
        '\r' => key(crossterm::event::KeyCode::Enter),
        '\x1b' => key(crossterm::event::KeyCode::Esc),
        c => ch(c),
    };
    let step = app.on_key(&event, now);
    app.apply(&step.events, now);
}

/// What the clock announces at `now`, applied.
fn tick(app: &mut convene::app::App, now: chrono::DateTime<chrono::Utc>) {
    let step = app.tick(now);
    app.apply(&step.events, now);
}

#[test]
fn the_cached_screen_draws_exactly_what_a_full_draw_does() {
    let mut app = app();
    let mut screen = convene::ui::Screen::default();
    let mut cached = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let keys = [
        'n', 'j', 'j', '+', '2', 't', '\r', 'b', 'b', 'n', 's', 'p', '\x1b', 'z', 'z',
    ];
    for second in 0..(12 * 60) {
        let now = at(0, second);
        if second % 45 == 0 {
            type_key(&mut app, keys[(second / 45) as usize % keys.len()], now);
        }
        tick(&mut app, now);
        cached
            .draw(|f| screen.draw(&app.session, &app.seat, now, f))
            .unwrap();
        let mut full = Terminal::new(TestBackend::new(120, 40)).unwrap();
        full.draw(|f| ui::draw(&app.session, &app.seat, now, f))
            .unwrap();
        // Cell by cell, styles included.
        assert_eq!(
            cached.backend().buffer(),
            full.backend().buffer(),
            "at second {second}"
        );
    }
}

#[test]
fn the_cached_screen_draws_exactly_what_a_full_draw_does_with_names_in_many_scripts() {
    // The sample roster's names (wide characters, combining marks) in five rooms, the groups
    // pane in focus, a popup over the panes now and then: only the rows of the panes that
    // change each second are settled again, and only their cells compared with the terminal's,
    // and what the terminal shows is still the full draw.
    let mut app = app();
    import_sample_roster(&mut app);
    for c in ['3', 'f'] {
        app.on_key(&ch(c), at(0, 0));
    }
    for c in "5 mixed".chars() {
        app.on_key(&ch(c), at(0, 0));
    }
    let step = app.on_key(&key(crossterm::event::KeyCode::Enter), at(0, 0));
    app.apply(&step.events, at(0, 0));
    assert!(
        app.state().current_round().is_some(),
        "the rooms are formed"
    );
    let mut screen = ui::Screen::default();
    for (width, height) in [(120, 40), (97, 31)] {
        let mut cached = Terminal::new(TestBackend::new(width, height)).unwrap();
        let keys = ['n', 'j', '?', '\x1b', 'j', 't', '\x1b', 'J', 'n'];
        for second in 0..(4 * 60) {
            let now = at(1, second);
            if second % 25 == 0 {
                type_key(&mut app, keys[(second / 25) as usize % keys.len()], now);
            }
            tick(&mut app, now);
            // As the console draws: a second tick compares and writes only the fast panes.
            screen
                .present(&mut cached, &app.session, &app.seat, now)
                .unwrap();
            let mut full = Terminal::new(TestBackend::new(width, height)).unwrap();
            full.draw(|f| ui::draw(&app.session, &app.seat, now, f))
                .unwrap();
            assert_eq!(
                cached.backend().buffer(),
                full.backend().buffer(),
                "at second {second}, {width}x{height}"
            );
        }
    }
}
