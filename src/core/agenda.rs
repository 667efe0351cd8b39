//! The agenda's decisions: starting, finishing, extending, skipping, moving and inserting
//! blocks, ending a day, applying a replan, sending a cue. Each takes the state as it is and
//! returns the events an action means, or why it is refused.

use chrono::{DateTime, Utc};

use super::update::{MIN_BLOCK_MINUTES, finish_running, first_to_run, refuse};
use super::{Alerts, BlockId, BlockState, BlockStatus, Event, PlanChange, Refusal, State};
use crate::programme::{Block, BlockKind, Priority};
use crate::view::Command;

pub(super) fn start_block(state: &State, id: BlockId) -> Result<Vec<Event>, Refusal> {
    let block = state
        .block(id)
        .ok_or_else(|| Refusal::new("that block is no longer in the plan"))?;
    match block.status() {
        BlockStatus::Running => refuse(format!("“{}” is already running", block.block.title)),
        BlockStatus::Done => refuse(format!("“{}” has already run", block.block.title)),
        BlockStatus::Pending | BlockStatus::Skipped => {
            let mut events = finish_running(state);
            // The agenda keeps the order things happen in: a block started ahead of
            // others still to run moves up to run first, and they follow it.
            if let Some((d, i)) = state.find(id) {
                let first = first_to_run(&state.days[d].blocks);
                if i > first {
                    events.push(Event::BlockMoved {
                        block: id,
                        to: first,
                    });
                }
            }
            events.push(Event::BlockStarted { block: id });
            Ok(events)
        }
    }
}

pub(super) fn next(state: &State, day: usize) -> Result<Vec<Event>, Refusal> {
    let running = state.running();
    // The next block comes from the running block's day, so that `n` always continues
    // the day in progress even while another day is on screen.
    let day = running.map_or(day, |(d, _)| d);
    let mut events = finish_running(state);
    match state.next_pending(day) {
        Some(next) => {
            events.push(Event::BlockStarted { block: next.id });
            Ok(events)
        }
        None if !events.is_empty() => Ok(events),
        None => refuse(format!("every block of day {} has run", day + 1)),
    }
}

pub(super) fn extend_running(state: &State, minutes: i32) -> Result<Vec<Event>, Refusal> {
    let Some((_, b)) = state.running() else {
        return refuse("no block is running");
    };
    let new = (i64::from(b.block.minutes) + i64::from(minutes)).max(MIN_BLOCK_MINUTES);
    if new == i64::from(b.block.minutes) {
        return refuse(format!("“{}” is as short as it gets", b.block.title));
    }
    Ok(vec![Event::BlockResized {
        block: b.id,
        minutes: u32::try_from(new).unwrap_or(u32::MAX),
    }])
}

pub(super) fn toggle_skip(state: &State, id: BlockId) -> Result<Vec<Event>, Refusal> {
    let Some(b) = state.block(id) else {
        return refuse("that block is no longer in the plan");
    };
    match b.status() {
        BlockStatus::Pending => Ok(vec![Event::BlockSkipped { block: id }]),
        BlockStatus::Skipped => {
            let mut events = vec![Event::BlockRestored { block: id }];
            // Brought back after the day moved past it: it runs next, after what runs
            // now, so the agenda keeps the order things happen in.
            if let Some((d, i)) = state.find(id) {
                let first = first_to_run(&state.days[d].blocks);
                if i < first {
                    events.push(Event::BlockMoved {
                        block: id,
                        to: first - 1,
                    });
                }
            }
            Ok(events)
        }
        BlockStatus::Running => Err(Refusal::naming(
            format!(
                "“{}” is running: {{key}} finishes it and starts the next",
                b.block.title
            ),
            &[Command::Next],
        )),
        BlockStatus::Done => refuse(format!("“{}” has already run", b.block.title)),
    }
}

pub(super) fn move_block(state: &State, block: BlockId, by: i32) -> Result<Vec<Event>, Refusal> {
    let Some((d, i)) = state.find(block) else {
        return refuse("that block is no longer in the plan");
    };
    let blocks = &state.days[d].blocks;
    if !matches!(
        blocks[i].status(),
        BlockStatus::Pending | BlockStatus::Skipped
    ) {
        return refuse("only blocks still to run can move");
    }
    // Blocks still to run sit after everything that ran or runs: stay among them.
    let first_movable = first_to_run(blocks);
    if i < first_movable {
        return refuse(
            "a block passed over earlier cannot move; s brings it back after what runs now",
        );
    }
    let last = blocks.len() as i64 - 1;
    let to = (i as i64 + i64::from(by)).clamp(first_movable as i64, last);
    if to == i as i64 {
        return refuse(if by < 0 {
            "it is already the next block to run"
        } else {
            "it is already the last block of the day"
        });
    }
    Ok(vec![Event::BlockMoved {
        block,
        to: to as usize,
    }])
}

pub(super) fn insert_break(
    state: &State,
    day: usize,
    after: Option<BlockId>,
    minutes: u32,
) -> Result<Vec<Event>, Refusal> {
    if state.days.get(day).is_none() {
        return refuse("there is no such day");
    }
    if minutes == 0 {
        return refuse("a break needs at least a minute");
    }
    // A break goes after the running block at the earliest, never among what has run.
    let d = &state.days[day];
    let last_ran = d
        .blocks
        .iter()
        .rposition(|b| matches!(b.status(), BlockStatus::Running | BlockStatus::Done));
    let wanted = after.and_then(|a| d.blocks.iter().position(|b| b.id == a));
    let position = match (wanted, last_ran) {
        (Some(w), Some(l)) => Some(w.max(l)),
        (w, l) => w.or(l),
    };
    Ok(vec![Event::BreakInserted {
        day,
        after: position.map(|p| d.blocks[p].id),
        block: state.next_block_id(),
        minutes,
    }])
}

pub(super) fn finish_day(state: &State, day: usize) -> Result<Vec<Event>, Refusal> {
    let Some(d) = state.days.get(day) else {
        return refuse("there is no such day");
    };
    if d.finished_at.is_some() {
        return refuse(format!("day {} is already finished", day + 1));
    }
    Ok(vec![Event::DayFinished { day }])
}

pub(super) fn replan(day: usize, changes: Vec<PlanChange>) -> Result<Vec<Event>, Refusal> {
    if changes.is_empty() {
        return refuse("nothing to change: the day ends on time");
    }
    Ok(vec![Event::Replanned { day, changes }])
}

pub(super) fn send_cue(state: &State, now: DateTime<Utc>) -> Result<Vec<Event>, Refusal> {
    let Some((_, b)) = state.running() else {
        return refuse("no block is running");
    };
    match b.due_cues(now).first() {
        Some(cue) => Ok(vec![Event::CueSent {
            block: b.id,
            cue: *cue,
        }]),
        None => match b.next_cue(now) {
            Some((_, at)) => refuse(format!(
                "no cue is due yet; the next is due in {} min",
                (at - now).num_seconds().max(0).div_euclid(60) + 1
            )),
            None => refuse("no cue left for this block"),
        },
    }
}

/// Applies one of the agenda's events to the state (the state's `change` routes them here).
pub(super) fn apply(state: &mut State, event: &Event, at: DateTime<Utc>, by: &super::Who) {
    match event {
        Event::BlockStarted { block } => {
            if let Some(b) = state.block_mut(*block) {
                b.started_at = Some(at);
                b.ended_at = None;
                b.skipped_at = None;
                b.alerts = Alerts::default();
            }
        }
        Event::BlockFinished { block } => {
            if let Some(b) = state.block_mut(*block)
                && b.started_at.is_some()
            {
                b.ended_at = Some(at);
            }
        }
        Event::BlockResized { block, minutes } => {
            if let Some(b) = state.block_mut(*block) {
                b.block.minutes = (*minutes).max(1);
                let (remaining, warn) = (b.remaining(at), b.warning_at());
                b.alerts.rearm(remaining, warn);
            }
        }
        Event::BlockSkipped { block } => {
            if let Some(b) = state.block_mut(*block)
                && b.started_at.is_none()
            {
                b.skipped_at = Some(at);
            }
        }
        Event::BlockRestored { block, .. } => {
            if let Some(b) = state.block_mut(*block) {
                b.skipped_at = None;
            }
            if let Some((d, _)) = state.find(*block) {
                state.days[d].finished_at = None;
            }
        }
        Event::BlockMoved { block, to, .. } => {
            if let Some((d, i)) = state.find(*block) {
                let blocks = &mut state.days[d].blocks;
                let b = blocks.remove(i);
                let to = (*to).min(blocks.len());
                blocks.insert(to, b);
            }
        }
        Event::BreakInserted {
            day,
            after,
            block,
            minutes,
            ..
        } => {
            let position = match after {
                None => Some(0),
                Some(a) => state.find(*a).filter(|(d, _)| d == day).map(|(_, i)| i + 1),
            };
            if let (Some(d), Some(position)) = (state.days.get_mut(*day), position) {
                d.blocks.insert(
                    position.min(d.blocks.len()),
                    BlockState {
                        id: *block,
                        block: Block {
                            title: "Break".into(),
                            kind: BlockKind::Break,
                            minutes: (*minutes).max(1),
                            min_minutes: None,
                            max_minutes: None,
                            chapter: None,
                            exercise: None,
                            reports_on: None,
                            facilitator: None,
                            notes: Some("Added on the day".into()),
                            priority: Priority::Normal,
                            warning_minutes: None,
                            cues: Vec::new(),
                            links: Vec::new(),
                            illustrative: None,
                        },
                        original_minutes: None,
                        planned_start: None,
                        started_at: None,
                        ended_at: None,
                        skipped_at: None,
                        alerts: Alerts::default(),
                        cues_sent: Vec::new(),
                    },
                );
                state.next_block = state.next_block.max(block.0 + 1);
            }
        }
        Event::DayFinished { day } => {
            if let Some(d) = state.days.get_mut(*day) {
                for b in &mut d.blocks {
                    match b.status() {
                        BlockStatus::Running => b.ended_at = Some(at),
                        BlockStatus::Pending => b.skipped_at = Some(at),
                        BlockStatus::Done | BlockStatus::Skipped => {}
                    }
                }
                d.finished_at = Some(at);
            }
            // Nothing counts down past the end of the day.
            for t in &mut state.timers {
                if t.paused_at.is_none() {
                    t.paused_at = Some(at);
                }
            }
        }
        Event::Replanned { changes, .. } => {
            for change in changes {
                match change {
                    PlanChange::Resize { block, minutes } => state.change(
                        &Event::BlockResized {
                            block: *block,
                            minutes: *minutes,
                        },
                        at,
                        by,
                    ),
                    PlanChange::Drop { block } => {
                        state.change(&Event::BlockSkipped { block: *block }, at, by)
                    }
                }
            }
        }
        Event::ProgrammeRevised { programme, ran } => {
            super::revision::apply(state, programme, ran);
        }
        Event::CueSent { block, cue } => {
            if let Some(b) = state.block_mut(*block)
                && let Some(slot) = b.cues_sent.get_mut(*cue)
            {
                *slot = Some(at);
            }
        }
        _ => {}
    }
}

/// How a day that is over went ([`State::day_end`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DayEnd {
    /// When it ended: ended by hand, or the end of its last block.
    pub at: DateTime<Utc>,
    /// How many blocks ran.
    pub ran: usize,
    /// The blocks that never ran, in the day's order.
    pub not_run: Vec<BlockId>,
    /// The end against the planned end of the blocks that ran: positive when late.
    pub drift: chrono::Duration,
}

impl State {
    /// How a day that is over went: when it ended, which blocks never ran, and its end
    /// against the plan of the blocks that ran (the day's planned start plus their planned
    /// minutes; a block added on the day was not planned and counts as zero). `None` while
    /// the day is not over: not ended, and a block still to run or running.
    pub fn day_end(&self, day: usize) -> Option<DayEnd> {
        let d = self.days.get(day)?;
        let over = d
            .blocks
            .iter()
            .all(|b| matches!(b.status(), BlockStatus::Done | BlockStatus::Skipped));
        let at = match d.finished_at {
            Some(at) => at,
            None if over => d.blocks.iter().filter_map(|b| b.ended_at).max()?,
            None => return None,
        };
        let ran: Vec<&BlockState> = d
            .blocks
            .iter()
            .filter(|b| b.status() == BlockStatus::Done)
            .collect();
        let planned: i64 = ran
            .iter()
            .map(|b| i64::from(b.original_minutes.unwrap_or(0)))
            .sum();
        let drift = at - (self.day_start(day)? + chrono::Duration::minutes(planned));
        Some(DayEnd {
            at,
            ran: ran.len(),
            not_run: d
                .blocks
                .iter()
                .filter(|b| b.status() == BlockStatus::Skipped)
                .map(|b| b.id)
                .collect(),
            drift,
        })
    }
}
