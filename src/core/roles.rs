//! Who may do what: the one table an action is checked against before it is decided.

use super::Action;

/// What the person at a seat is to the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Steers the day: may do everything.
    #[default]
    Lead,
    /// Runs breakout rooms beside the lead: the groups, the exercise tracker and timers; the
    /// agenda, undo and the day are the lead's.
    CoFacilitator,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::CoFacilitator => "co-facilitator",
        }
    }

    /// Whether someone in this role may take the action.
    pub fn may(self, action: &Action) -> bool {
        match self {
            Role::Lead => true,
            Role::CoFacilitator => match action {
                Action::FormGroups { .. }
                | Action::MovePerson { .. }
                | Action::Swap { .. }
                | Action::ToggleAbsent { .. }
                | Action::PlaceLate { .. }
                | Action::Rapporteur { .. }
                | Action::RenameRoom { .. }
                | Action::ClearGroups
                | Action::RulePair { .. }
                | Action::StepProgress { .. }
                | Action::RoomNeedsHelp { .. }
                | Action::WriteNotes { .. }
                | Action::CallNextReport { .. }
                | Action::StartTimer { .. }
                | Action::PauseResume(_)
                | Action::AdjustTimer { .. }
                | Action::RestartTimer(_)
                | Action::DeleteTimer(_) => true,
                Action::StartBlock(_)
                | Action::Next { .. }
                | Action::ExtendRunning { .. }
                | Action::ToggleSkip(_)
                | Action::Move { .. }
                | Action::InsertBreak { .. }
                | Action::FinishDay { .. }
                | Action::Replan { .. }
                | Action::SendCue
                | Action::Tick
                | Action::Undo => false,
            },
        }
    }
}
