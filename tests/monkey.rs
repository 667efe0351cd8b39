//! Any keys in any order: the console never panics, draws every state, and the events it
//! records replay to the same session.

mod common;

use std::sync::Arc;

use chrono::Duration;
use common::*;
use convene::core::{Event, Stamped, Who};
use convene::journal::{self, Encoder};
use convene::roster::load_roster;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Every key any keymap knows, plus some it does not.
fn keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = convene::keymap::Mode::ALL
        .iter()
        .flat_map(|m| convene::keymap::bindings(*m))
        .flat_map(|b| b.keys.iter())
        .map(|k| {
            let mut mods = KeyModifiers::NONE;
            if k.ctrl {
                mods |= KeyModifiers::CONTROL;
            }
            if k.shift {
                mods |= KeyModifiers::SHIFT;
            }
            KeyEvent::new(k.code, mods)
        })
        // Quitting ends the run; it is tested elsewhere.
        .filter(|k| {
            let ctrl_c =
                k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
            k.code != KeyCode::Char('q') && !ctrl_c
        })
        .collect();
    for c in ['5', ' ', 'x', 'é', '王', '0'] {
        keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    keys.push(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    keys
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_never_break_the_console(
        presses in prop::collection::vec((0usize..200, 0i64..240), 1..120),
    ) {
        let keys = keys();
        let mut app = app();
        let roster = load_roster(std::path::Path::new("assets/roster-sample.csv")).unwrap();
        let lead = Who::lead();
        let imported = vec![Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: roster.roster.participants,
        }];
        app.apply(&imported, at(-1, 0));
        let mut batches: Vec<Vec<Stamped>> = vec![Stamped::all(imported, at(-1, 0), &lead)];
        let mut now = at(0, 0);
        let mut wide = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut narrow = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for (k, seconds) in presses {
            now += Duration::seconds(seconds);
            let step = app.on_key(&keys[k % keys.len()], now);
            if step.quit {
                break;
            }
            if !step.events.is_empty() {
                app.apply(&step.events, now);
                batches.push(Stamped::all(step.events, now, &lead));
            }
            let tick = app.tick(now);
            if !tick.events.is_empty() {
                app.apply(&tick.events, now);
                batches.push(Stamped::all(tick.events, now, &lead));
            }
            wide.draw(|f| convene::ui::draw(&app.session, &app.seat, now, f)).unwrap();
            narrow.draw(|f| convene::ui::draw(&app.session, &app.seat, now, f)).unwrap();
        }
        // The journal those batches make, as bytes, read back and replayed.
        let workshop = Arc::clone(&app.state().workshop);
        let mut bytes = Encoder::header(&workshop, at(-1, 0)).unwrap();
        let mut encoder = Encoder::new(&workshop, 1, 0);
        for b in &batches {
            bytes.extend(encoder.batch(b).unwrap());
            encoder.commit(b.len());
        }
        let parsed = journal::parse("monkey.jsonl", &bytes).unwrap();
        prop_assert_eq!(parsed.records.len(), batches.iter().map(Vec::len).sum::<usize>());
        let replayed = journal::replay(workshop, &parsed.records);
        prop_assert_eq!(&replayed, app.state());
    }
}
