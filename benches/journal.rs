//! Rebuilding the session from a journal of 100,000 events: reading the lines and applying
//! every batch, as the console does when it resumes a day.

use std::hint::black_box;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use convene::core::{Action, Event, Stamped, State, TimerId, Who, update};
use convene::journal;
use convene::programme::default_workshop;
use criterion::{Criterion, criterion_group, criterion_main};

const EVENTS: usize = 100_000;

/// A long day's journal: a block started, a timer, then the timer paused and resumed and the
/// block lengthened and shortened by a minute, in turn, until there are `EVENTS` events.
fn journal_bytes() -> Vec<u8> {
    let workshop = Arc::new(default_workshop().expect("the built-in programme"));
    let start = Utc
        .with_ymd_and_hms(2021, 11, 8, 6, 0, 0)
        .single()
        .expect("a time");
    let mut bytes = journal::Encoder::header(&workshop, start).expect("a header");
    let mut encoder = journal::Encoder::new(&workshop, 1, 0);
    let mut state = State::new(Arc::clone(&workshop));
    let mut events = 0;
    let mut i: i64 = 0;
    let mut timer = TimerId(0);
    while events < EVENTS {
        let now = start + Duration::milliseconds(i * 100);
        let action = match i {
            0 => Action::Next { day: 0 },
            1 => Action::StartTimer {
                label: "Breakout".to_string(),
                seconds: Some(900),
            },
            _ if i % 2 == 0 => Action::PauseResume(timer),
            _ if i % 4 == 1 => Action::ExtendRunning { minutes: 1 },
            _ => Action::ExtendRunning { minutes: -1 },
        };
        i += 1;
        let produced = update(&state, action, now).expect("an accepted action");
        let stamped = Stamped::all(produced, now, &Who::lead());
        if let Some(Event::TimerStarted { timer: id, .. }) = stamped.first().map(|s| &s.event) {
            timer = *id;
        }
        bytes.extend(encoder.batch(&stamped).expect("a batch"));
        encoder.commit(stamped.len());
        state.apply_batch(&stamped);
        events += stamped.len();
    }
    bytes
}

fn bench(c: &mut Criterion) {
    let workshop = Arc::new(default_workshop().expect("the built-in programme"));
    let bytes = journal_bytes();
    let parsed = journal::parse("day1.jsonl", &bytes).expect("a journal");
    assert!(
        parsed.records.len() >= EVENTS,
        "{} events",
        parsed.records.len()
    );
    c.bench_function("state from a 100,000-event journal", |b| {
        b.iter(|| {
            let parsed = journal::parse("day1.jsonl", black_box(&bytes)).expect("a journal");
            journal::replay(Arc::clone(&workshop), &parsed.records)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
