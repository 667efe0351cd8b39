//! Who may do what: the one table an action is checked against before it is decided.

use super::{Action, State, Who};

/// What the person at a seat is to the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Steers the day: may do everything.
    #[default]
    Lead,
    /// Runs breakout rooms beside the lead: the groups, the exercise tracker, notes and their
    /// own timers, and undoes their own actions; the agenda and the day are the lead's.
    CoFacilitator,
    /// Watches: sees everything, changes nothing (a producer, a trainee facilitator).
    Observer,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::CoFacilitator => "co-facilitator",
            Role::Observer => "observer",
        }
    }

    /// The short name a join code and the authorised keys file use: `lead`, `cofac`,
    /// `observer`.
    pub fn code_name(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::CoFacilitator => "cofac",
            Role::Observer => "observer",
        }
    }

    /// Every role, most rights first.
    pub const ALL: [Role; 3] = [Role::Lead, Role::CoFacilitator, Role::Observer];

    /// Reads a role by its short or its full name, ignoring case.
    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim().to_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| text == r.code_name() || text == r.name())
    }

    /// Whether a key's command is of use to someone in this role: the footer offers only
    /// those (every key still answers, a refused one with why).
    pub fn offers(self, command: crate::view::Command) -> bool {
        use crate::view::Command as C;
        match self {
            Role::Lead => true,
            Role::CoFacilitator => !matches!(
                command,
                C::StartSelected
                    | C::Next
                    | C::Replan
                    | C::CopyCue
                    | C::ToggleSkip
                    | C::MoveUp
                    | C::MoveDown
                    | C::InsertBreak(_)
                    | C::FinishDay
                    | C::RenewCodes
            ),
            // Looking, reading and copying; nothing that changes the session.
            Role::Observer => matches!(
                command,
                C::Seats
                    | C::FocusNext
                    | C::FocusPrev
                    | C::Focus(_)
                    | C::Up
                    | C::Down
                    | C::PageUp
                    | C::PageDown
                    | C::Top
                    | C::Bottom
                    | C::PrevDay
                    | C::NextDay
                    | C::CopyGroups
                    | C::BigDigits
                    | C::ToggleZones
                    | C::Help
                    | C::CloseHelp
                    | C::Quit
                    | C::QuitNow
                    | C::Yes
                    | C::No
                    | C::Overview
                    | C::ShowText
                    | C::ClosePopup
                    | C::ChatMessage
                    | C::Workshop
                    | C::Redraw
            ),
        }
    }

    /// Whether `who`, in this role, may take the action now: the table of [`Role::may`],
    /// and for a co-facilitator, a timer only when they started it. The refusal says why.
    pub fn check(self, action: &Action, state: &State, who: &Who) -> Result<(), String> {
        if !self.may(action) {
            return Err(match self {
                Role::Observer => "Not done: this seat watches (observer); the lead or a co-facilitator can do that".to_string(),
                _ => format!(
                    "Not done: that is the lead's to do, and this seat is a {}",
                    self.name()
                ),
            });
        }
        if self == Role::Lead {
            return Ok(());
        }
        let timer = match action {
            Action::PauseResume(id) | Action::RestartTimer(id) | Action::DeleteTimer(id) => {
                Some(*id)
            }
            Action::AdjustTimer { timer, .. } => Some(*timer),
            _ => None,
        };
        match timer.and_then(|id| state.timer(id)) {
            Some(t) if t.started_by != *who => Err(format!(
                "Not done: “{}” is {}'s timer; a {} runs the timers they started",
                t.label,
                t.started_by,
                self.name()
            )),
            _ => Ok(()),
        }
    }

    /// Whether someone in this role may take the action (whoever started the timer).
    pub fn may(self, action: &Action) -> bool {
        match self {
            Role::Lead => true,
            Role::CoFacilitator => match action {
                Action::FormGroups { .. }
                | Action::MovePerson { .. }
                | Action::Swap { .. }
                | Action::ToggleAbsent { .. }
                | Action::PlaceLate { .. }
                | Action::AddWalkIn { .. }
                | Action::Rapporteur { .. }
                | Action::RenameRoom { .. }
                | Action::ClearGroups
                | Action::RulePair { .. }
                | Action::StepProgress { .. }
                | Action::RoomNeedsHelp { .. }
                | Action::Helped { .. }
                | Action::WriteNotes { .. }
                | Action::CallNextReport { .. }
                | Action::StartTimer { .. }
                | Action::PauseResume(_)
                | Action::AdjustTimer { .. }
                | Action::RestartTimer(_)
                | Action::DeleteTimer(_)
                | Action::Undo(_) => true,
                Action::StartBlock(_)
                | Action::Next { .. }
                | Action::ExtendRunning { .. }
                | Action::ToggleSkip(_)
                | Action::Move { .. }
                | Action::InsertBreak { .. }
                | Action::FinishDay { .. }
                | Action::Replan { .. }
                | Action::SendCue
                | Action::Tick => false,
            },
            Role::Observer => false,
        }
    }
}
