use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::Event;
use crate::programme::{Block, Workshop};
use crate::roster::Roster;

/// A block's identity for the whole session: stable while the plan changes around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockId(pub u32);

/// Where a block stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockStatus {
    Pending,
    Running,
    Done,
}

/// A block of the day as it now stands: the plan plus what really happened.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockState {
    pub id: BlockId,
    pub block: Block,
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl BlockState {
    pub fn status(&self) -> BlockStatus {
        match (self.started_at, self.ended_at) {
            (None, _) => BlockStatus::Pending,
            (Some(_), None) => BlockStatus::Running,
            (Some(_), Some(_)) => BlockStatus::Done,
        }
    }

    pub fn planned(&self) -> Duration {
        Duration::minutes(i64::from(self.block.minutes))
    }

    /// Time since the block started (to its end once finished); zero before it starts.
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        match self.started_at {
            None => Duration::zero(),
            Some(start) => (self.ended_at.unwrap_or(now) - start).max(Duration::zero()),
        }
    }

    /// Planned length minus elapsed time; negative once the block runs over.
    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        self.planned() - self.elapsed(now)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DayState {
    pub blocks: Vec<BlockState>,
}

/// Everything the session knows. Changed only by [`State::apply`].
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub workshop: Arc<Workshop>,
    pub days: Vec<DayState>,
    pub roster: Roster,
    /// Where the roster came from, for the groups pane.
    pub roster_source: Option<String>,
}

impl State {
    pub fn new(workshop: Arc<Workshop>) -> Self {
        let mut next = 0u32;
        let days = workshop
            .days()
            .iter()
            .map(|day| DayState {
                blocks: day
                    .blocks
                    .iter()
                    .map(|block| {
                        next += 1;
                        BlockState {
                            id: BlockId(next),
                            block: block.clone(),
                            started_at: None,
                            ended_at: None,
                        }
                    })
                    .collect(),
            })
            .collect();
        State {
            workshop,
            days,
            roster: Roster::default(),
            roster_source: None,
        }
    }

    /// Day index and position of a block.
    pub fn find(&self, id: BlockId) -> Option<(usize, usize)> {
        self.days
            .iter()
            .enumerate()
            .find_map(|(d, day)| day.blocks.iter().position(|b| b.id == id).map(|i| (d, i)))
    }

    pub fn block(&self, id: BlockId) -> Option<&BlockState> {
        self.find(id).map(|(d, i)| &self.days[d].blocks[i])
    }

    fn block_mut(&mut self, id: BlockId) -> Option<&mut BlockState> {
        self.find(id).map(|(d, i)| &mut self.days[d].blocks[i])
    }

    /// The running block, if any, with its day.
    pub fn running(&self) -> Option<(usize, &BlockState)> {
        self.days.iter().enumerate().find_map(|(d, day)| {
            day.blocks
                .iter()
                .find(|b| b.status() == BlockStatus::Running)
                .map(|b| (d, b))
        })
    }

    /// The first block still to run on a day.
    pub fn next_pending(&self, day: usize) -> Option<&BlockState> {
        self.days
            .get(day)?
            .blocks
            .iter()
            .find(|b| b.status() == BlockStatus::Pending)
    }

    /// Planned start of each block of a day, from the day's start and the planned minutes of the
    /// blocks before it; the last entry is the planned end of the day.
    pub fn planned_starts(&self, day: usize) -> Vec<DateTime<Utc>> {
        let (Some(d), Some(mut at)) = (self.days.get(day), self.workshop.day_start(day)) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(d.blocks.len() + 1);
        for b in &d.blocks {
            out.push(at);
            at += b.planned();
        }
        out.push(at);
        out
    }

    /// Applies one event. Events that do not fit the state (an unknown block) change nothing.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::BlockStarted { block, at } => {
                if let Some(b) = self.block_mut(*block) {
                    b.started_at = Some(*at);
                    b.ended_at = None;
                }
            }
            Event::BlockFinished { block, at } => {
                if let Some(b) = self.block_mut(*block)
                    && b.started_at.is_some()
                {
                    b.ended_at = Some(*at);
                }
            }
            Event::RosterImported {
                source,
                participants,
                ..
            } => {
                self.roster = Roster {
                    participants: participants.clone(),
                };
                self.roster_source = Some(source.clone());
            }
        }
    }
}
