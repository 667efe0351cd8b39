use super::BlockId;

/// What a facilitator asks for. An action may be refused; if accepted it yields events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Start this block now, finishing whichever block is running.
    StartBlock(BlockId),
    /// Finish the running block (if any) and start the next block still to run on `day`.
    Next { day: usize },
}
