use std::fmt;

use chrono::{DateTime, Utc};

use super::{Action, BlockStatus, Event, State};

/// Why an action was not carried out, in words for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Decides what an action means now. Pure: the state is not changed here; the caller records
/// the events and applies them.
pub fn update(state: &State, action: Action, now: DateTime<Utc>) -> Result<Vec<Event>, Refusal> {
    match action {
        Action::StartBlock(id) => {
            let block = state
                .block(id)
                .ok_or_else(|| Refusal("that block is no longer in the plan".into()))?;
            match block.status() {
                BlockStatus::Running => Err(Refusal(format!(
                    "“{}” is already running",
                    block.block.title
                ))),
                BlockStatus::Done => {
                    Err(Refusal(format!("“{}” has already run", block.block.title)))
                }
                BlockStatus::Pending => {
                    let mut events = finish_running(state, now);
                    events.push(Event::BlockStarted { block: id, at: now });
                    Ok(events)
                }
            }
        }
        Action::Next { day } => {
            let running = state.running();
            // The next block comes from the running block's day, so that `n` always continues
            // the day in progress even while another day is on screen.
            let day = running.map_or(day, |(d, _)| d);
            let mut events = finish_running(state, now);
            match state.next_pending(day) {
                Some(next) => {
                    events.push(Event::BlockStarted {
                        block: next.id,
                        at: now,
                    });
                    Ok(events)
                }
                None if !events.is_empty() => Ok(events),
                None => Err(Refusal(format!("every block of day {} has run", day + 1))),
            }
        }
    }
}

fn finish_running(state: &State, now: DateTime<Utc>) -> Vec<Event> {
    state
        .running()
        .map(|(_, b)| Event::BlockFinished {
            block: b.id,
            at: now,
        })
        .into_iter()
        .collect()
}
