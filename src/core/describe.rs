//! Events in words, for the footer, the replay and the review report.

use super::event::Domain;
use super::{
    BlockId, Event, PairRule, PersonKey, PlanChange, RoomIx, RoundIx, State, Target, Threshold,
    TimerId,
};

/// One line saying what an event did, with block titles and timer names looked up in `state`
/// (the state the event applies to).
pub fn describe(state: &State, event: &Event) -> String {
    match (event.domain(), event) {
        (_, Event::Undone { batch, .. }) => undone(state, *batch),
        (Domain::Agenda, _) => agenda(state, event),
        (Domain::Timers, _) => timers(state, event),
        (Domain::Groups, _) => groups(state, event),
        (Domain::Tracker, _) => tracker(state, event),
        (Domain::Undo, _) => String::new(),
    }
}

/// A block by its title in quotes.
fn block(state: &State, id: BlockId) -> String {
    state
        .block(id)
        .map_or_else(|| "a block".to_string(), |b| format!("“{}”", b.block.title))
}

/// A timer by its label.
fn timer(state: &State, id: TimerId) -> String {
    state
        .timer(id)
        .map_or_else(|| "a timer".to_string(), |t| format!("timer “{}”", t.label))
}

/// Events of the agenda: blocks started, finished, resized, skipped or moved, breaks, days
/// ended, replanning and cues; any other event gives an empty line.
fn agenda(state: &State, event: &Event) -> String {
    match event {
        Event::BlockStarted { block: b, .. } => format!("started {}", block(state, *b)),
        Event::BlockFinished { block: b, .. } => format!("finished {}", block(state, *b)),
        Event::BlockResized {
            block: b, minutes, ..
        } => resized(state, *b, *minutes),
        Event::BlockSkipped { block: b, .. } => format!("skipped {}", block(state, *b)),
        Event::BlockRestored { block: b, .. } => format!("brought back {}", block(state, *b)),
        Event::BlockMoved { block: b, to, .. } => {
            format!("moved {} to place {}", block(state, *b), to + 1)
        }
        Event::BreakInserted { minutes, day, .. } => {
            format!("inserted a {minutes}-minute break on day {}", day + 1)
        }
        Event::DayFinished { day, .. } => format!("ended day {}", day + 1),
        Event::ProgrammeRevised { programme, .. } => format!(
            "took the edited programme “{}” for the days not yet run",
            programme.title
        ),
        Event::Replanned { day, changes, .. } => {
            let shortened = changes
                .iter()
                .filter(|c| matches!(c, PlanChange::Resize { .. }))
                .count();
            let dropped = changes.len() - shortened;
            format!(
                "replanned day {}: {shortened} block(s) shortened, {dropped} dropped",
                day + 1
            )
        }
        Event::CueSent { block: b, cue, .. } => {
            let text = state
                .block(*b)
                .and_then(|x| x.block.cues.get(*cue))
                .map(|c| c.text.clone())
                .unwrap_or_default();
            format!("sent the cue “{text}”")
        }
        _ => String::new(),
    }
}

/// A block given a new length: extended or shortened by how much, against its length in
/// `state`.
fn resized(state: &State, b: BlockId, minutes: u32) -> String {
    let from = state.block(b).map(|x| x.block.minutes);
    match from {
        Some(from) if from < minutes => {
            format!(
                "extended {} by {} min to {minutes} min",
                block(state, b),
                minutes - from
            )
        }
        Some(from) if from > minutes => {
            format!(
                "shortened {} by {} min to {minutes} min",
                block(state, b),
                from - minutes
            )
        }
        _ => format!("set {} to {minutes} min", block(state, b)),
    }
}

/// Events of timers, and blocks or timers reaching their warning time or running out; any
/// other event gives an empty line.
fn timers(state: &State, event: &Event) -> String {
    match event {
        Event::TimerStarted { label, seconds, .. } => match seconds {
            Some(s) => format!("started a {}:{:02} countdown “{label}”", s / 60, s % 60),
            None => format!("started a stopwatch “{label}”"),
        },
        Event::TimerPaused { timer: t, .. } => format!("paused {}", timer(state, *t)),
        Event::TimerResumed { timer: t, .. } => format!("resumed {}", timer(state, *t)),
        Event::TimerAdjusted {
            timer: t, seconds, ..
        } => {
            if *seconds >= 0 {
                format!("gave {} {} min more", timer(state, *t), seconds / 60)
            } else {
                format!("took {} min from {}", -seconds / 60, timer(state, *t))
            }
        }
        Event::TimerRestarted { timer: t, .. } => format!("restarted {}", timer(state, *t)),
        Event::TimerDeleted { timer: t, .. } => format!("deleted {}", timer(state, *t)),
        Event::ThresholdCrossed {
            target, threshold, ..
        } => {
            let what = match target {
                Target::Block(b) => block(state, *b),
                Target::Timer(t) => timer(state, *t),
            };
            match threshold {
                Threshold::Warning => format!("{what} reached its warning time"),
                Threshold::Overtime => format!("{what} ran out of time"),
            }
        }
        _ => String::new(),
    }
}

/// Events of the roster and breakout groups: imports, rounds formed and cleared, people moved,
/// swapped, marked absent or present, rooms renamed, rapporteurs and pair rules; any other
/// event gives an empty line.
fn groups(state: &State, event: &Event) -> String {
    match event {
        Event::RosterImported {
            participants,
            source,
            ..
        } => format!("imported {} people from {source}", participants.len()),
        Event::GroupsFormed {
            label,
            strategy,
            rooms,
            ..
        } => {
            let people: usize = rooms.iter().map(|r| r.members.len()).sum();
            format!(
                "formed {} groups ({strategy}) of {people} people for “{label}”",
                rooms.len()
            )
        }
        Event::ParticipantMoved { person, to, .. } => {
            let room = state
                .current_round()
                .and_then(|r| r.room(*to))
                .map_or_else(|| format!("room {}", to.number()), |r| r.name.clone());
            format!("moved {} to {room}", who(state, person))
        }
        Event::ParticipantsSwapped { a, b, .. } => {
            format!("swapped {} and {}", who(state, a), who(state, b))
        }
        Event::MarkedAbsent { person, day, .. } => {
            format!("marked {} absent on day {}", who(state, person), day + 1)
        }
        Event::MarkedPresent { person, day, .. } => {
            format!("marked {} present on day {}", who(state, person), day + 1)
        }
        Event::RoomRenamed { room, name, .. } => format!("renamed room {} “{name}”", room.number()),
        Event::RapporteurChosen { room, person, .. } => match person {
            Some(p) => format!(
                "chose {} to report back for room {}",
                who(state, p),
                room.number()
            ),
            None => format!("cleared the rapporteur of room {}", room.number()),
        },
        Event::GroupsCleared { .. } => "cleared the groups".to_string(),
        Event::WalkInAdded { participant } => match &participant.country {
            Some(country) => format!("added {} ({country}), not on the roster", participant.name),
            None => format!("added {}, not on the roster", participant.name),
        },
        Event::AttendanceImported {
            day,
            source,
            present,
            unmatched,
            ..
        } => format!(
            "imported day {} attendance from {source}: {} on the roster, {} not",
            day + 1,
            present.len(),
            unmatched.len()
        ),
        Event::PairRuled { a, b, rule, .. } => pair_rule(state, a, b, *rule),
        _ => String::new(),
    }
}

/// Two participants to be kept together or apart, or no longer either.
fn pair_rule(state: &State, a: &PersonKey, b: &PersonKey, rule: Option<PairRule>) -> String {
    match rule {
        Some(PairRule::Together) => {
            format!(
                "{} and {} to be kept together",
                who(state, a),
                who(state, b)
            )
        }
        Some(PairRule::Apart) => {
            format!("{} and {} to be kept apart", who(state, a), who(state, b))
        }
        None => format!("{} and {} no longer paired", who(state, a), who(state, b)),
    }
}

/// Events of the exercise tracker: a room's progress, notes and report-back; any other event
/// gives an empty line.
fn tracker(state: &State, event: &Event) -> String {
    match event {
        Event::ProgressSet {
            exercise,
            round,
            room,
            progress,
            ..
        } => format!(
            "{}: {} {}",
            exercise_title(state, exercise),
            room_name(state, *round, *room),
            progress.label()
        ),
        Event::NotesWritten {
            exercise,
            round,
            room,
            text,
            ..
        } => {
            let first = text.lines().next().unwrap_or("");
            format!(
                "{}: notes for {}: {first}",
                exercise_title(state, exercise),
                room_name(state, *round, *room)
            )
        }
        Event::HelpCleared {
            exercise,
            round,
            room,
            progress,
        } => format!(
            "{}: {}'s call for help cleared as the exercise is over ({} again)",
            exercise_title(state, exercise),
            room_name(state, *round, *room),
            progress.label()
        ),
        Event::ReportCalled {
            exercise,
            round,
            room,
            speaker,
            ..
        } => {
            let by = speaker
                .as_ref()
                .map(|s| format!(" ({} speaks)", who(state, s)))
                .unwrap_or_default();
            format!(
                "{}: {} called to report back{by}",
                exercise_title(state, exercise),
                room_name(state, *round, *room)
            )
        }
        _ => String::new(),
    }
}

/// An undo: the facilitator actions of the batch taken back, each described against the
/// state before that batch.
fn undone(state: &State, batch: usize) -> String {
    match state.history.get(batch) {
        Some(b) => {
            let before = state.before_batch(batch);
            let what: Vec<String> = b
                .events
                .iter()
                .filter(|e| e.event.is_facilitator_action())
                .map(|e| describe(&before, &e.event))
                .collect();
            format!("undid: {}", what.join(", "))
        }
        None => "undid an action".to_string(),
    }
}

/// A participant's name from their key.
fn who(state: &State, key: &PersonKey) -> String {
    state
        .person(key)
        .map_or_else(|| key.to_string(), |p| p.name.clone())
}

fn exercise_title(state: &State, id: &str) -> String {
    state
        .workshop
        .exercise(id)
        .map_or_else(|| id.to_string(), |e| e.title.clone())
}

fn room_name(state: &State, round: RoundIx, room: RoomIx) -> String {
    state
        .round(round)
        .and_then(|r| r.room(room))
        .map_or_else(|| format!("room {}", room.number()), |r| r.name.clone())
}
