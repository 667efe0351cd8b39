//! Drawing the console: a full frame, and a frame through the cache that keeps the slowly
//! changing panes between second ticks (what the console does once a second while idle).

use std::hint::black_box;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use convene::app::{App, LocalZone};
use convene::programme::default_workshop;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bench(c: &mut Criterion) {
    let workshop = Arc::new(default_workshop().expect("the built-in programme"));
    let start = Utc
        .with_ymd_and_hms(2021, 11, 8, 6, 0, 0)
        .single()
        .expect("a time");
    let zone = LocalZone::Named(chrono_tz::Asia::Manila);
    let mut app = App::new(workshop, start, zone);
    app.press(
        &KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE),
        start,
    );

    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut second = 0;
    c.bench_function("full frame, 120x40", |b| {
        b.iter(|| {
            second += 1;
            let now = start + Duration::seconds(second % 600);
            terminal
                .draw(|f| convene::ui::draw(black_box(&app.session), black_box(&app.seat), now, f))
                .map(|_| ())
        })
    });

    let mut screen = convene::ui::Screen::default();
    let mut second = 0;
    c.bench_function("second tick through the cache, 120x40", |b| {
        b.iter(|| {
            second += 1;
            // Within one minute, as between two minute turns.
            let now = start + Duration::seconds(second % 59);
            terminal
                .draw(|f| screen.draw(black_box(&app.session), black_box(&app.seat), now, f))
                .map(|_| ())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
