//! The named timers' decisions: start, pause and resume, adjust, restart, delete.

use chrono::{DateTime, Duration, Utc};

use super::update::{MAX_TIMER_SECONDS, refuse};
use super::{Alerts, Event, Refusal, State, Target, Timer, TimerId, TimerKind, Who};

pub(super) fn start(
    state: &State,
    label: String,
    seconds: Option<u32>,
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
        kind: Some(if seconds.is_some() {
            TimerKind::Countdown
        } else {
            TimerKind::Stopwatch
        }),
    }])
}

/// The timer an action names, or why there is none.
fn existing(state: &State, id: TimerId) -> Result<&Timer, Refusal> {
    state
        .timer(id)
        .ok_or_else(|| Refusal::new("that timer is gone"))
}

pub(super) fn pause_resume(state: &State, id: TimerId) -> Result<Vec<Event>, Refusal> {
    if existing(state, id)?.is_paused() {
        Ok(vec![Event::TimerResumed { timer: id }])
    } else {
        Ok(vec![Event::TimerPaused { timer: id }])
    }
}

pub(super) fn adjust(state: &State, timer: TimerId, seconds: i64) -> Result<Vec<Event>, Refusal> {
    let t = existing(state, timer)?;
    if t.countdown.is_none() {
        return refuse(format!(
            "“{}” is a stopwatch: it has no length to change",
            t.label
        ));
    }
    Ok(vec![Event::TimerAdjusted { timer, seconds }])
}

pub(super) fn restart(state: &State, id: TimerId) -> Result<Vec<Event>, Refusal> {
    existing(state, id)?;
    Ok(vec![Event::TimerRestarted { timer: id }])
}

pub(super) fn delete(state: &State, id: TimerId) -> Result<Vec<Event>, Refusal> {
    existing(state, id)?;
    Ok(vec![Event::TimerDeleted { timer: id }])
}

/// Applies one of the timers's events to the state (the state's `change` routes them here).
pub(super) fn apply(state: &mut State, event: &Event, at: DateTime<Utc>, by: &Who) {
    match event {
        Event::TimerStarted {
            timer,
            label,
            seconds,
            kind,
        } => {
            state.timers.push(Timer {
                id: *timer,
                label: label.clone(),
                kind: TimerKind::of(*kind, label, *seconds),
                countdown: seconds.map(|s| Duration::seconds(i64::from(s))),
                started_at: at,
                started_by: by.clone(),
                paused_at: None,
                paused_total: Duration::zero(),
                alerts: Alerts::default(),
            });
            state.next_timer = state.next_timer.max(timer.0 + 1);
        }
        Event::TimerPaused { timer } => {
            if let Some(t) = state.timer_mut(*timer)
                && t.paused_at.is_none()
            {
                t.paused_at = Some(at);
            }
        }
        Event::TimerResumed { timer } => {
            if let Some(t) = state.timer_mut(*timer)
                && let Some(p) = t.paused_at.take()
            {
                t.paused_total += (at - p).max(Duration::zero());
            }
        }
        Event::TimerAdjusted { timer, seconds } => {
            if let Some(t) = state.timer_mut(*timer)
                && let Some(c) = t.countdown
            {
                let c = (c + Duration::seconds(*seconds)).max(Duration::seconds(1));
                t.countdown = Some(c);
                let (remaining, warn) = (c - t.elapsed(at), t.warning_at());
                t.alerts.rearm(remaining, warn);
            }
        }
        Event::TimerRestarted { timer } => {
            if let Some(t) = state.timer_mut(*timer) {
                t.started_at = at;
                t.paused_total = Duration::zero();
                t.paused_at = t.paused_at.map(|_| at);
                t.alerts = Alerts::default();
            }
        }
        Event::TimerDeleted { timer, .. } => state.timers.retain(|t| t.id != *timer),
        Event::ThresholdCrossed { target, threshold } => {
            let alerts = match target {
                Target::Block(id) => state.block_mut(*id).map(|b| &mut b.alerts),
                Target::Timer(id) => state.timer_mut(*id).map(|t| &mut t.alerts),
            };
            if let Some(a) = alerts {
                a.mark(*threshold, at);
            }
        }
        _ => {}
    }
}
