use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::BlockId;
use crate::roster::Participant;

/// Something that happened, as a fact. Applying the same events in the same order to the same
/// programme always gives the same state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    BlockStarted {
        block: BlockId,
        at: DateTime<Utc>,
    },
    BlockFinished {
        block: BlockId,
        at: DateTime<Utc>,
    },
    /// The roster was replaced by these people, read from `source`.
    RosterImported {
        source: String,
        participants: Vec<Participant>,
        at: DateTime<Utc>,
    },
}

impl Event {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Event::BlockStarted { at, .. }
            | Event::BlockFinished { at, .. }
            | Event::RosterImported { at, .. } => *at,
        }
    }
}
