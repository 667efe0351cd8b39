//! Undo with several people at one session: each takes back their own last action, and only
//! while nobody has built on it since.

use super::event::Domain;
use super::update::refuse;
use super::{Batch, Event, Refusal, State, Who};

impl Batch {
    /// Who caused the batch: the person stamped on its first action.
    pub fn by(&self) -> Option<&Who> {
        self.events
            .iter()
            .find(|e| e.event.is_facilitator_action())
            .map(|e| &e.by)
    }

    /// The parts of the workshop its actions changed.
    fn domains(&self) -> Vec<Domain> {
        let mut domains: Vec<Domain> = self
            .events
            .iter()
            .filter(|e| e.event.is_facilitator_action())
            .map(|e| e.event.domain())
            .collect();
        domains.dedup();
        domains
    }
}

/// The undo `who` asks for: their own last action still counting, unless a later action of
/// someone else changed the same part of the workshop (the agenda, the timers, the groups, the
/// tracker): that one was decided on it, and the refusal names it and who did it.
pub(super) fn undo(state: &State, who: &Who) -> Result<Vec<Event>, Refusal> {
    let Some(batch) = state
        .history
        .iter()
        .rposition(|b| b.is_undoable() && b.by() == Some(who))
    else {
        return refuse("Nothing of yours to undo");
    };
    let touched = state.history[batch].domains();
    let later = state.history[batch + 1..]
        .iter()
        .filter(|b| b.is_undoable())
        .find(|b| b.domains().iter().any(|d| touched.contains(d)));
    if let Some(later) = later {
        let what = later
            .events
            .iter()
            .find(|e| e.event.is_facilitator_action())
            .map(|e| super::describe(state, &e.event))
            .unwrap_or_default();
        let by = later.by().map(|w| w.0.as_str()).unwrap_or("someone");
        return refuse(format!(
            "Not undone: {by} has since {what}, which builds on your last action; that needs undoing first"
        ));
    }
    Ok(vec![Event::Undone { batch }])
}
