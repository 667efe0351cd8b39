//! Pasting into the prompts and the notes editor: a megabyte (refused, since no prompt holds
//! that much), the notes filled to what they hold, and a paste followed by the frame that
//! shows it, as the console does with a bracketed paste.

use std::hint::black_box;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use convene::app::{App, LocalZone};
use convene::core::Event;
use convene::programme::default_workshop;
use convene::session::Seat;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn press(app: &mut App, c: KeyCode, now: DateTime<Utc>) {
    app.press(&KeyEvent::new(c, KeyModifiers::NONE), now);
}

/// Day 1 with the sample roster in five rooms and the bicycle exercise running.
fn in_an_exercise(start: DateTime<Utc>) -> App {
    let workshop = Arc::new(default_workshop().expect("the built-in programme"));
    let mut app = App::new(workshop, start, LocalZone::Named(chrono_tz::Asia::Manila));
    let roster = convene::roster::load_roster(std::path::Path::new("assets/roster-sample.csv"))
        .expect("the sample roster");
    app.apply(
        &[Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: roster.roster.participants,
        }],
        start,
    );
    let index = app.state().days[0]
        .blocks
        .iter()
        .position(|b| b.block.exercise.as_deref() == Some("dc-bicycle"))
        .expect("the bicycle exercise on day 1");
    for _ in 0..index {
        press(&mut app, KeyCode::Down, start);
    }
    press(&mut app, KeyCode::Enter, start);
    press(&mut app, KeyCode::Char('f'), start);
    app.press(
        &KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        start,
    );
    app.on_paste("5 mixed");
    press(&mut app, KeyCode::Enter, start);
    press(&mut app, KeyCode::Char('4'), start);
    assert!(app.tracking(), "{:?}", app.seat.status);
    app
}

fn bench(c: &mut Criterion) {
    let start = Utc
        .with_ymd_and_hms(2021, 11, 8, 7, 5, 0)
        .single()
        .expect("a time");
    let megabyte: String = "Pedals: ค่าใช้จ่าย, bell = communication\n"
        .chars()
        .cycle()
        .take(1 << 20)
        .collect();

    let mut app = in_an_exercise(start);
    press(&mut app, KeyCode::Char('t'), start);
    let countdown: Seat = app.seat.clone();
    press(&mut app, KeyCode::Esc, start);
    press(&mut app, KeyCode::Char('o'), start);
    let notes: Seat = app.seat.clone();
    assert!(notes.input.is_some(), "{:?}", notes.status);

    c.bench_function("paste 1 MB into the countdown prompt", |b| {
        b.iter_batched(
            || countdown.clone(),
            |mut seat| {
                seat.on_paste(black_box(&megabyte));
                seat
            },
            BatchSize::SmallInput,
        )
    });
    c.bench_function("paste 1 MB into the notes editor", |b| {
        b.iter_batched(
            || notes.clone(),
            |mut seat| {
                seat.on_paste(black_box(&megabyte));
                seat
            },
            BatchSize::SmallInput,
        )
    });

    // Notes filled to the 10,000 characters they hold, in the middle of a line already typed.
    let full: String = megabyte.chars().take(9_990).collect();
    let mut typed = notes.clone();
    typed.on_paste("0123456789");
    for _ in 0..5 {
        typed.on_key(
            &app.session,
            &KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
            start,
        );
    }
    c.bench_function("paste 9,990 characters into notes holding 10", |b| {
        b.iter_batched(
            || typed.clone(),
            |mut seat| {
                seat.on_paste(black_box(&full));
                assert_eq!(seat.input.as_ref().map(|i| i.cursor), Some(9_995));
                seat
            },
            BatchSize::SmallInput,
        )
    });

    // What the console does with a bracketed paste: take it, then draw the frame.
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut screen = convene::ui::Screen::default();
    let mut second = 0;
    c.bench_function("paste 1 MB into notes and draw the frame, 120x40", |b| {
        b.iter_batched(
            || typed.clone(),
            |mut seat| {
                seat.on_paste(black_box(&megabyte));
                second += 1;
                let now = start + Duration::seconds(second % 59);
                terminal
                    .draw(|f| screen.draw(&app.session, &seat, now, f))
                    .map(|_| seat)
            },
            BatchSize::SmallInput,
        )
    });
    c.bench_function(
        "paste 9,990 characters into notes and draw the frame",
        |b| {
            b.iter_batched(
                || typed.clone(),
                |mut seat| {
                    seat.on_paste(black_box(&full));
                    second += 1;
                    let now = start + Duration::seconds(second % 59);
                    terminal
                        .draw(|f| screen.draw(&app.session, &seat, now, f))
                        .map(|_| seat)
                },
                BatchSize::SmallInput,
            )
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
