//! How a seat follows what happens in the session: after its own action the view follows
//! it and the footer says what was done (naming the person, room, block or timer, and the
//! key that undoes it); after another seat's, it keeps its own focus and selection; a day
//! brought to its end opens its summary.

use super::Seat;
use super::popup::Popup;
use super::seat::people_in_order;
use crate::core::{Action, Event, PersonKey, State};
use crate::keymap::{self, Mode};

impl Seat {
    /// After the session applied a batch this seat asked for, the view follows it (a started
    /// block is shown, a moved person stays selected) and the footer says what it did: an undo
    /// as it was (`undone`, worded before the batch was applied), else the last event in
    /// words, naming the person, room, block or timer, and the key that undoes it.
    pub fn follow(&mut self, state: &State, events: &[Event], undone: Option<String>) {
        if events.is_empty() {
            return;
        }
        self.revision += 1;
        let pending = self.pending.take();
        let specific = events
            .last()
            .and_then(|e| self.follow_one(state, e))
            .filter(|_| headline(events) == events.last());
        let text = match undone {
            Some(text) => Some(capitalised(&text)),
            None => {
                let text = specific.or(pending).or_else(|| {
                    headline(events)
                        .map(|e| crate::core::describe(state, e))
                        .filter(|t| !t.is_empty())
                        .map(|t| capitalised(&t))
                });
                text.map(|t| self.with_undo(state, t))
            }
        };
        if let Some(text) = text {
            // Giving a block more than its planned maximum is done, and said as a warning.
            let is_error = text.contains(PAST_MAXIMUM);
            self.say(text, is_error);
        }
        // A day this batch brought to its end is summed up, and the next day's start given.
        if let Some(day) = ended_day(state, events)
            && let Some(lines) = crate::report::day_summary(state, day)
        {
            self.open_popup(Popup::new(
                format!("Day {} is over", day + 1),
                lines.join("\n"),
            ));
        }
        // A deleted timer must not leave the selection past the end.
        self.timer_selected = self.timer_selected.min(state.timers.len());
    }

    /// After the clock's own events (thresholds crossed): the footer keeps the answer to the
    /// last key; the selection stays within what is there.
    pub fn follow_clock(&mut self, state: &State, events: &[Event]) {
        if events.is_empty() {
            return;
        }
        self.revision += 1;
        self.timer_selected = self.timer_selected.min(state.timers.len());
    }

    /// `text` and the key that undoes it, for a seat that may undo.
    fn with_undo(&self, state: &State, text: String) -> String {
        if self
            .role
            .check(&Action::Undo(self.who.clone()), state, &self.who)
            .is_err()
        {
            return text;
        }
        keymap::naming(
            Mode::Normal,
            &format!("{text} · {{key}} undoes"),
            &[keymap::Command::Undo],
        )
    }

    /// In a replay, the day of what runs at the moment shown is shown.
    pub fn follow_replay(&mut self, state: &State) {
        self.revision += 1;
        self.timer_selected = self.timer_selected.min(state.timers.len());
        if let Some((day, _)) = state.running() {
            self.day = day;
        }
    }

    /// After the session applied a batch from another seat: this seat keeps its own focus
    /// and selection, kept within what is there now.
    pub fn notice(&mut self, state: &State, events: &[Event]) {
        if events.is_empty() {
            return;
        }
        self.revision += 1;
        self.timer_selected = self.timer_selected.min(state.timers.len());
        let people = people_in_order(state).len();
        self.roster_selected = self.roster_selected.min(people.saturating_sub(1));
    }

    /// Opens on the running block's day, with it selected (after a resume or a replay step).
    pub fn show_running(&mut self, state: &State) {
        self.revision += 1;
        if let Some((day, b)) = state.running() {
            let id = b.id;
            self.day = day;
            if let Some(i) = state.days[day].blocks.iter().position(|x| x.id == id)
                && let Some(sel) = self.agenda_selected.get_mut(day)
            {
                *sel = i;
            }
        }
        let days = state.days.len();
        self.agenda_selected.resize(days, 0);
        self.exercise_selected.resize(days, 0);
        self.timer_selected = self.timer_selected.min(state.timers.len());
    }

    /// After an event of this seat's, the screen follows it (a started block is shown and
    /// selected, a moved person stays selected); returns what to say of it, when there is
    /// more to say than its plain description.
    fn follow_one(&mut self, state: &State, event: &Event) -> Option<String> {
        let name = |person: &PersonKey| {
            state
                .person(person)
                .map_or_else(|| person.to_string(), |p| p.name.clone())
        };
        let room_of = |person: &PersonKey| {
            let round = state.current_round()?;
            let room = round.room_of(person)?;
            round.room(room).map(|r| r.name.clone())
        };
        match event {
            Event::BlockStarted { block, .. } => {
                let (day, index) = state.find(*block)?;
                self.day = day;
                if let Some(sel) = self.agenda_selected.get_mut(day) {
                    *sel = index;
                }
                // The timers pane, and the big digits, go back to the block that starts.
                self.timer_selected = 0;
                let title = state.days[day].blocks[index].block.title.clone();
                Some(format!("Started “{title}”"))
            }
            Event::BlockMoved { block, .. } | Event::BreakInserted { block, .. } => {
                if let Some((day, index)) = state.find(*block)
                    && let Some(sel) = self.agenda_selected.get_mut(day)
                {
                    *sel = index;
                }
                None
            }
            Event::BlockResized { block, minutes, .. } => {
                let b = state.block(*block)?;
                let past = match b.block.max_minutes {
                    Some(max) if *minutes > max => {
                        format!("{PAST_MAXIMUM}{max} min")
                    }
                    _ => String::new(),
                };
                Some(format!("“{}” now {minutes} min{past}", b.block.title))
            }
            Event::ParticipantMoved { person, .. }
            | Event::ParticipantsSwapped { b: person, .. }
            | Event::MarkedAbsent { person, .. }
            | Event::MarkedPresent { person, .. } => {
                // The selection stays on the person, wherever the list now shows them.
                if let Some(i) = people_in_order(state).iter().position(|k| k == person) {
                    self.roster_selected = i;
                }
                match event {
                    Event::ParticipantMoved { person, .. } => Some(format!(
                        "{} → {}",
                        name(person),
                        room_of(person).unwrap_or_else(|| "no room".into())
                    )),
                    Event::ParticipantsSwapped { a, b, .. } => Some(format!(
                        "{} → {}, {} → {}",
                        name(a),
                        room_of(a).unwrap_or_default(),
                        name(b),
                        room_of(b).unwrap_or_default()
                    )),
                    Event::MarkedAbsent { person, day, .. } => {
                        Some(format!("{} marked absent on day {}", name(person), day + 1))
                    }
                    Event::MarkedPresent { person, day, .. } => Some(format!(
                        "{} marked present on day {}",
                        name(person),
                        day + 1
                    )),
                    _ => None,
                }
            }
            Event::TimerStarted { label, .. } => {
                self.timer_selected = state.timers.len();
                Some(format!("Started “{label}”"))
            }
            Event::Replanned { day, changes, .. } => Some(format!(
                "Day {} replanned: {} change(s)",
                day + 1,
                changes.len()
            )),
            Event::CueSent { block, cue, .. } => {
                let text = state.block(*block)?.block.cues.get(*cue)?.text.clone();
                Some(format!("Cue “{text}” marked sent"))
            }
            _ => None,
        }
    }
}

/// The event of a batch that says what the action did: the room called to report back
/// (not the speaking timer started with it), else the last.
pub(super) fn headline(events: &[Event]) -> Option<&Event> {
    events
        .iter()
        .find(|e| matches!(e, Event::ReportCalled { .. }))
        .or(events.last())
}

/// The day a batch brought to its end: ended by hand, or its last block finished with no
/// other started.
fn ended_day(state: &State, events: &[Event]) -> Option<usize> {
    if events
        .iter()
        .any(|e| matches!(e, Event::BlockStarted { .. }))
    {
        return None;
    }
    events.iter().find_map(|e| match e {
        Event::DayFinished { day } => Some(*day),
        Event::BlockFinished { block } => state
            .find(*block)
            .map(|(day, _)| day)
            .filter(|day| state.day_end(*day).is_some()),
        _ => None,
    })
}

/// How a block given more than its planned maximum is said; said in red.
const PAST_MAXIMUM: &str = " — past its planned maximum of ";

/// The text with its first letter in capitals: an event's words as a sentence.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
