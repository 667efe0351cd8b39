//! Shared helpers for the integration tests: a fixed clock and key presses.
#![allow(dead_code)]

pub mod pty;

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use convene::app::{App, LocalZone};
use convene::programme::{Workshop, default_workshop};

/// 13:00 in Jakarta on day 1 of the ToT (8 November 2021).
pub fn day1_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 11, 8, 6, 0, 0).unwrap()
}

pub fn at(minutes: i64, seconds: i64) -> DateTime<Utc> {
    day1_start() + Duration::minutes(minutes) + Duration::seconds(seconds)
}

pub fn tot() -> Arc<Workshop> {
    Arc::new(default_workshop().expect("the default programme is valid"))
}

/// The ToT console as a facilitator in Manila sees it at 13:00 Jakarta on day 1.
pub fn app() -> App {
    let manila: Tz = "Asia/Manila".parse().unwrap();
    App::new(tot(), day1_start(), LocalZone::Named(manila))
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}
