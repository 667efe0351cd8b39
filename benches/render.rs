//! Drawing the console: a full frame, and a frame through the cache that keeps the slowly
//! changing panes between second ticks (what the console does once a second while idle); at
//! 120x40 with the built-in programme, and at 200x60 with 1000 people in 100 rooms.

use std::fmt::Write;
use std::hint::black_box;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use convene::app::{App, LocalZone};
use convene::programme::default_workshop;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// A console with the first block running; with `people`, that many on the roster formed
/// into `rooms` rooms first.
fn console(start: DateTime<Utc>, crowd: Option<(usize, usize)>) -> App {
    let workshop = Arc::new(default_workshop().expect("the built-in programme"));
    let zone = LocalZone::Named(chrono_tz::Asia::Manila);
    let mut app = App::new(workshop, start, zone);
    if let Some((people, rooms)) = crowd {
        let countries = ["Indonesia", "Philippines", "Nepal", "Thailand", "India"];
        let mut csv = String::from("name,email,organisation,city,country,time_zone,role\n");
        for i in 1..=people {
            writeln!(
                csv,
                "Person {i},person.{i}@example.org,City Government {},City {},{},,participant",
                i % 97,
                i % 41,
                countries[i % countries.len()]
            )
            .expect("text");
        }
        let roster = convene::roster::parse_roster("roster.csv", &csv).expect("a roster");
        app.apply(
            &[convene::core::Event::RosterImported {
                source: "roster.csv".into(),
                participants: roster.roster.participants,
            }],
            start,
        );
        app.press(&key('3'), start);
        app.press(&key('f'), start);
        for c in format!("{rooms} fresh").chars() {
            app.press(&key(c), start);
        }
        app.press(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), start);
        app.press(&key('1'), start);
        let formed = app.state().current_round().map_or(0, |r| r.rooms.len());
        assert_eq!(formed, rooms, "the rooms are formed");
    }
    app.press(&key('n'), start);
    app
}

fn bench(c: &mut Criterion) {
    let start = Utc
        .with_ymd_and_hms(2021, 11, 8, 6, 0, 0)
        .single()
        .expect("a time");
    for (name, (width, height), crowd) in [
        ("120x40", (120, 40), None),
        (
            "200x60, 1000 people in 100 rooms",
            (200, 60),
            Some((1000, 100)),
        ),
    ] {
        let app = console(start, crowd);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
        let mut second = 0;
        c.bench_function(&format!("full frame, {name}"), |b| {
            b.iter(|| {
                second += 1;
                let now = start + Duration::seconds(second % 600);
                terminal
                    .draw(|f| {
                        convene::ui::draw(black_box(&app.session), black_box(&app.seat), now, f)
                    })
                    .map(|_| ())
            })
        });

        let mut screen = convene::ui::Screen::default();
        let mut second = 0;
        // As a served seat draws a second tick: the slow panes copied from the cache, every
        // cell compared.
        c.bench_function(&format!("second tick, served seat, {name}"), |b| {
            b.iter(|| {
                second += 1;
                // Within one minute, as between two minute turns.
                let now = start + Duration::seconds(second % 59);
                terminal
                    .draw(|f| screen.draw(black_box(&app.session), black_box(&app.seat), now, f))
                    .map(|_| ())
            })
        });

        // As the console draws a second tick through the cache: only the rows of the fast
        // panes whose line changed drawn, only the rows that differ compared and written.
        let mut screen = convene::ui::Screen::default();
        let mut second = 0;
        c.bench_function(&format!("second tick through the cache, {name}"), |b| {
            b.iter(|| {
                second += 1;
                let now = start + Duration::seconds(second % 59);
                screen.present(
                    &mut terminal,
                    black_box(&app.session),
                    black_box(&app.seat),
                    now,
                )
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
