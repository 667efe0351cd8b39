//! Elastic replanning: a proposal for the rest of a day that ends it on time.
//!
//! First flexible blocks are shortened toward their `min_minutes`, low priority first; if that
//! is not enough, blocks are dropped, low priority first and never high priority ones; then,
//! where a drop freed more time than needed, shortenings are given back, most important first.

use chrono::{DateTime, Duration, Utc};

use super::{BlockStatus, Event, PlanChange, Stamped, State, Who};
use crate::programme::Priority;

/// A proposed replan of the rest of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Replan {
    pub day: usize,
    /// In the order of the day.
    pub changes: Vec<PlanChange>,
    /// The end of the day in the programme.
    pub planned_end: DateTime<Utc>,
    /// The projected end without the changes.
    pub end_before: DateTime<Utc>,
    /// The projected end with them.
    pub end_after: DateTime<Utc>,
    /// What the plan assumes of the block running now, if one runs.
    pub running: Option<RunningAssumption>,
}

/// When a replan assumes the running block ends: the rest of the day is planned from there.
#[derive(Debug, Clone, PartialEq)]
pub struct RunningAssumption {
    pub block: super::BlockId,
    /// When the plan has it end.
    pub ends: DateTime<Utc>,
    /// Why then.
    pub because: RunningEnds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunningEnds {
    /// At its planned end: it goes on as planned.
    AsPlanned,
    /// Now: it is already over its time.
    Now,
    /// Earlier than planned: the plan shortens it to this many minutes.
    Shortened(u32),
}

impl Replan {
    /// How much the day still overruns with the changes (zero when it ends on time).
    pub fn overrun(&self) -> Duration {
        (self.end_after - self.planned_end).max(Duration::zero())
    }

    pub fn ends_on_time(&self) -> bool {
        self.overrun() <= Duration::zero()
    }
}

struct Item {
    position: usize,
    priority: Priority,
    minutes: u32,
    floor: u32,
    new_minutes: u32,
    droppable: bool,
    dropped: bool,
    id: super::BlockId,
}

/// Proposes changes to the running and remaining blocks of `day` so that it ends by its
/// planned end. `None` when the day has nothing left to plan.
pub fn propose(state: &State, day: usize, now: DateTime<Utc>) -> Option<Replan> {
    let planned_end = state.planned_end(day)?;
    let end_before = state.projected_end(day, now)?;
    let d = state.days.get(day)?;
    if d.finished_at.is_some() {
        return None;
    }
    let mut items: Vec<Item> = d
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(position, b)| item_of(state, position, b, now))
        .collect();
    if items.is_empty() {
        return None;
    }

    let over = (end_before - planned_end).num_seconds();
    let mut over_minutes: i64 = if over > 0 { (over + 59) / 60 } else { 0 };

    // 1. Shorten, tier by tier, a minute at a time from the block with the most slack.
    for tier in [Priority::Low, Priority::Normal, Priority::High] {
        while over_minutes > 0 {
            let best = items
                .iter_mut()
                .filter(|i| i.priority == tier && i.new_minutes > i.floor)
                .max_by_key(|i| (i.new_minutes - i.floor, std::cmp::Reverse(i.position)));
            match best {
                Some(item) => {
                    item.new_minutes -= 1;
                    over_minutes -= 1;
                }
                None => break,
            }
        }
    }

    // 2. Drop, tier by tier: the smallest block that covers what is left, else the largest.
    for tier in [Priority::Low, Priority::Normal] {
        while over_minutes > 0 {
            let candidates = items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.priority == tier && i.droppable && !i.dropped);
            let covering = candidates
                .clone()
                .filter(|(_, i)| i64::from(i.new_minutes) >= over_minutes)
                .min_by_key(|(_, i)| (i.new_minutes, std::cmp::Reverse(i.position)));
            let pick = covering
                .or_else(|| candidates.max_by_key(|(_, i)| (i.new_minutes, i.position)))
                .map(|(index, _)| index);
            match pick {
                Some(index) => {
                    let item = &mut items[index];
                    item.dropped = true;
                    over_minutes -= i64::from(item.new_minutes);
                }
                None => break,
            }
        }
    }

    // 3. Give back shortenings the drops made unnecessary, most important blocks first.
    for tier in [Priority::High, Priority::Normal, Priority::Low] {
        while over_minutes < 0 {
            let best = items
                .iter_mut()
                .filter(|i| i.priority == tier && !i.dropped && i.new_minutes < i.minutes)
                .min_by_key(|i| i.position);
            match best {
                Some(item) => {
                    item.new_minutes += 1;
                    over_minutes += 1;
                }
                None => break,
            }
        }
    }

    let changes: Vec<PlanChange> = items
        .iter()
        .filter_map(|i| {
            if i.dropped {
                Some(PlanChange::Drop { block: i.id })
            } else if i.new_minutes != i.minutes {
                Some(PlanChange::Resize {
                    block: i.id,
                    minutes: i.new_minutes,
                })
            } else {
                None
            }
        })
        .collect();

    let mut after = state.clone();
    after.apply(&Stamped::new(
        now,
        Who::lead(),
        Event::Replanned {
            day,
            changes: changes.clone(),
        },
    ));
    let end_after = after.projected_end(day, now).unwrap_or(end_before);
    let running = running_assumption(d, &after, day, now, &changes);
    Some(Replan {
        day,
        changes,
        planned_end,
        end_before,
        end_after,
        running,
    })
}

/// A block still to run or running, as the replan weighs it: how far it may be shortened
/// (its minimum; a report-back a turn for every room, or its planned length when that is
/// less; the running block never below what it has run) and whether it may be dropped.
fn item_of(
    state: &State,
    position: usize,
    b: &super::BlockState,
    now: DateTime<Utc>,
) -> Option<Item> {
    let status = b.status();
    if !matches!(status, BlockStatus::Pending | BlockStatus::Running) {
        return None;
    }
    let minutes = b.block.minutes;
    let mut floor = b.block.min_minutes.unwrap_or(minutes).min(minutes);
    if let Some(exercise) = b.block.reports_on.as_deref() {
        let rooms = state.current_round().map_or(0, |r| r.rooms.len());
        let need = u32::try_from(rooms)
            .unwrap_or(u32::MAX)
            .saturating_mul(super::report_minutes(state, exercise));
        floor = floor.max(need.min(minutes));
    }
    if status == BlockStatus::Running {
        let elapsed = b.elapsed(now).num_seconds().max(0) as u32;
        floor = floor.max(elapsed.div_ceil(60)).min(minutes);
    }
    Some(Item {
        position,
        priority: b.block.priority,
        minutes,
        floor,
        new_minutes: minutes,
        droppable: status == BlockStatus::Pending && b.block.priority != Priority::High,
        dropped: false,
        id: b.id,
    })
}

/// When the plan has the running block end, and why: as planned, now (it is over its time),
/// or earlier because the plan shortens it. `None` when no block runs.
fn running_assumption(
    d: &super::DayState,
    after: &State,
    day: usize,
    now: DateTime<Utc>,
    changes: &[PlanChange],
) -> Option<RunningAssumption> {
    let i = d
        .blocks
        .iter()
        .position(|b| b.status() == BlockStatus::Running)?;
    let b = &d.blocks[i];
    let ends = after.projection(day, now).get(i).copied().flatten()?.1;
    let planned_end = b.started_at? + b.planned();
    let because = match changes.iter().find_map(|c| match c {
        PlanChange::Resize { block, minutes } if *block == b.id => Some(*minutes),
        _ => None,
    }) {
        Some(minutes) => RunningEnds::Shortened(minutes),
        None if now > planned_end => RunningEnds::Now,
        None => RunningEnds::AsPlanned,
    };
    Some(RunningAssumption {
        block: b.id,
        ends,
        because,
    })
}
