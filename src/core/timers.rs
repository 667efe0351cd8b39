//! The named timers' decisions: start, pause and resume, adjust, restart, delete.

use chrono::{DateTime, Utc};

use super::update::{MAX_TIMER_SECONDS, refuse};
use super::{Event, Refusal, State, TimerId};

pub(super) fn start(
    state: &State,
    label: String,
    seconds: Option<u32>,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    if seconds == Some(0) {
        return refuse("a countdown needs at least a second");
    }
    if seconds.is_some_and(|s| s > MAX_TIMER_SECONDS) {
        return refuse("a countdown can last a day at most");
    }
    let label = label.trim();
    let label = if label.is_empty() {
        if seconds.is_some() {
            "Countdown"
        } else {
            "Stopwatch"
        }
    } else {
        label
    };
    Ok(vec![Event::TimerStarted {
        timer: state.next_timer_id(),
        label: label.to_string(),
        seconds,
        at: now,
    }])
}

pub(super) fn pause_resume(
    state: &State,
    id: TimerId,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    match state.timer(id) {
        None => refuse("that timer is gone"),
        Some(t) if t.is_paused() => Ok(vec![Event::TimerResumed { timer: id, at: now }]),
        Some(_) => Ok(vec![Event::TimerPaused { timer: id, at: now }]),
    }
}

pub(super) fn adjust(
    state: &State,
    timer: TimerId,
    seconds: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    match state.timer(timer) {
        None => refuse("that timer is gone"),
        Some(t) if t.countdown.is_none() => refuse(format!(
            "“{}” is a stopwatch: it has no length to change",
            t.label
        )),
        Some(_) => Ok(vec![Event::TimerAdjusted {
            timer,
            seconds,
            at: now,
        }]),
    }
}

pub(super) fn restart(
    state: &State,
    id: TimerId,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    match state.timer(id) {
        None => refuse("that timer is gone"),
        Some(_) => Ok(vec![Event::TimerRestarted { timer: id, at: now }]),
    }
}

pub(super) fn delete(
    state: &State,
    id: TimerId,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    match state.timer(id) {
        None => refuse("that timer is gone"),
        Some(_) => Ok(vec![Event::TimerDeleted { timer: id, at: now }]),
    }
}
