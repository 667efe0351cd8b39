use std::fmt;

use chrono::{DateTime, Utc};

use super::{Action, BlockStatus, Event, Progress, State};

/// Why an action was not carried out, in words for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(message.into()))
}

/// The shortest a block can be made from the keyboard.
const MIN_BLOCK_MINUTES: i64 = 1;
/// The longest a countdown can be: a whole day.
const MAX_TIMER_SECONDS: u32 = 24 * 3600;

/// Decides what an action means now. Pure: the state is not changed here; the caller records
/// the events and applies them.
pub fn update(state: &State, action: Action, now: DateTime<Utc>) -> Result<Vec<Event>, Refusal> {
    match action {
        Action::StartBlock(id) => {
            let block = state
                .block(id)
                .ok_or_else(|| Refusal("that block is no longer in the plan".into()))?;
            match block.status() {
                BlockStatus::Running => {
                    refuse(format!("“{}” is already running", block.block.title))
                }
                BlockStatus::Done => refuse(format!("“{}” has already run", block.block.title)),
                BlockStatus::Pending | BlockStatus::Skipped => {
                    let mut events = finish_running(state, now);
                    // The agenda keeps the order things happen in: a block started ahead of
                    // others still to run moves up to run first, and they follow it.
                    if let Some((d, i)) = state.find(id) {
                        let first = first_to_run(&state.days[d].blocks);
                        if i > first {
                            events.push(Event::BlockMoved {
                                block: id,
                                to: first,
                                at: now,
                            });
                        }
                    }
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
                None => refuse(format!("every block of day {} has run", day + 1)),
            }
        }
        Action::ExtendRunning { minutes } => {
            let Some((_, b)) = state.running() else {
                return refuse("no block is running");
            };
            let new = (i64::from(b.block.minutes) + i64::from(minutes)).max(MIN_BLOCK_MINUTES);
            if new == i64::from(b.block.minutes) {
                return refuse(format!("“{}” is as short as it gets", b.block.title));
            }
            Ok(vec![Event::BlockResized {
                block: b.id,
                minutes: u32::try_from(new).unwrap_or(u32::MAX),
                at: now,
            }])
        }
        Action::ToggleSkip(id) => {
            let Some(b) = state.block(id) else {
                return refuse("that block is no longer in the plan");
            };
            match b.status() {
                BlockStatus::Pending => Ok(vec![Event::BlockSkipped { block: id, at: now }]),
                BlockStatus::Skipped => {
                    let mut events = vec![Event::BlockRestored { block: id, at: now }];
                    // Brought back after the day moved past it: it runs next, after what runs
                    // now, so the agenda keeps the order things happen in.
                    if let Some((d, i)) = state.find(id) {
                        let first = first_to_run(&state.days[d].blocks);
                        if i < first {
                            events.push(Event::BlockMoved {
                                block: id,
                                to: first - 1,
                                at: now,
                            });
                        }
                    }
                    Ok(events)
                }
                BlockStatus::Running => refuse(format!(
                    "“{}” is running: n finishes it and starts the next",
                    b.block.title
                )),
                BlockStatus::Done => refuse(format!("“{}” has already run", b.block.title)),
            }
        }
        Action::Move { block, by } => {
            let Some((d, i)) = state.find(block) else {
                return refuse("that block is no longer in the plan");
            };
            let blocks = &state.days[d].blocks;
            if !matches!(
                blocks[i].status(),
                BlockStatus::Pending | BlockStatus::Skipped
            ) {
                return refuse("only blocks still to run can move");
            }
            // Blocks still to run sit after everything that ran or runs: stay among them.
            let first_movable = first_to_run(blocks);
            if i < first_movable {
                return refuse(
                    "a block passed over earlier cannot move; s brings it back after what runs now",
                );
            }
            let last = blocks.len() as i64 - 1;
            let to = (i as i64 + i64::from(by)).clamp(first_movable as i64, last);
            if to == i as i64 {
                return refuse(if by < 0 {
                    "it is already the next block to run"
                } else {
                    "it is already the last block of the day"
                });
            }
            Ok(vec![Event::BlockMoved {
                block,
                to: to as usize,
                at: now,
            }])
        }
        Action::InsertBreak {
            day,
            after,
            minutes,
        } => {
            if state.days.get(day).is_none() {
                return refuse("there is no such day");
            }
            if minutes == 0 {
                return refuse("a break needs at least a minute");
            }
            // A break goes after the running block at the earliest, never among what has run.
            let d = &state.days[day];
            let last_ran = d
                .blocks
                .iter()
                .rposition(|b| matches!(b.status(), BlockStatus::Running | BlockStatus::Done));
            let wanted = after.and_then(|a| d.blocks.iter().position(|b| b.id == a));
            let position = match (wanted, last_ran) {
                (Some(w), Some(l)) => Some(w.max(l)),
                (w, l) => w.or(l),
            };
            Ok(vec![Event::BreakInserted {
                day,
                after: position.map(|p| d.blocks[p].id),
                block: state.next_block_id(),
                minutes,
                at: now,
            }])
        }
        Action::FinishDay { day } => {
            let Some(d) = state.days.get(day) else {
                return refuse("there is no such day");
            };
            if d.finished_at.is_some() {
                return refuse(format!("day {} is already finished", day + 1));
            }
            Ok(vec![Event::DayFinished { day, at: now }])
        }
        Action::Replan { day, changes } => {
            if changes.is_empty() {
                return refuse("nothing to change: the day ends on time");
            }
            Ok(vec![Event::Replanned {
                day,
                changes,
                at: now,
            }])
        }
        Action::StartTimer { label, seconds } => {
            if seconds == Some(0) {
                return refuse("a countdown needs at least a second");
            }
            if seconds.is_some_and(|s| s > MAX_TIMER_SECONDS) {
                return refuse("a countdown can last a day at most");
            }
            let label = label.trim();
            let label = if label.is_empty() {
                if seconds.is_some() {
                    "Countdown"
                } else {
                    "Stopwatch"
                }
            } else {
                label
            };
            Ok(vec![Event::TimerStarted {
                timer: state.next_timer_id(),
                label: label.to_string(),
                seconds,
                at: now,
            }])
        }
        Action::PauseResume(id) => match state.timer(id) {
            None => refuse("that timer is gone"),
            Some(t) if t.is_paused() => Ok(vec![Event::TimerResumed { timer: id, at: now }]),
            Some(_) => Ok(vec![Event::TimerPaused { timer: id, at: now }]),
        },
        Action::AdjustTimer { timer, seconds } => match state.timer(timer) {
            None => refuse("that timer is gone"),
            Some(t) if t.countdown.is_none() => refuse(format!(
                "“{}” is a stopwatch: it has no length to change",
                t.label
            )),
            Some(_) => Ok(vec![Event::TimerAdjusted {
                timer,
                seconds,
                at: now,
            }]),
        },
        Action::RestartTimer(id) => match state.timer(id) {
            None => refuse("that timer is gone"),
            Some(_) => Ok(vec![Event::TimerRestarted { timer: id, at: now }]),
        },
        Action::DeleteTimer(id) => match state.timer(id) {
            None => refuse("that timer is gone"),
            Some(_) => Ok(vec![Event::TimerDeleted { timer: id, at: now }]),
        },
        Action::SendCue => {
            let Some((_, b)) = state.running() else {
                return refuse("no block is running");
            };
            match b.due_cues(now).first() {
                Some(cue) => Ok(vec![Event::CueSent {
                    block: b.id,
                    cue: *cue,
                    at: now,
                }]),
                None => match b.next_cue(now) {
                    Some((_, at)) => refuse(format!(
                        "no cue is due yet; the next is due in {} min",
                        (at - now).num_seconds().max(0).div_euclid(60) + 1
                    )),
                    None => refuse("no cue left for this block"),
                },
            }
        }
        Action::MovePerson { person, by } => {
            let round = current_round(state)?;
            let Some(from) = round.room_of(&person) else {
                return refuse(format!(
                    "{} is in no room: L places them in the smallest",
                    name(state, &person)
                ));
            };
            let n = round.rooms.len() as i64;
            let to = (from as i64 + i64::from(by)).rem_euclid(n) as usize;
            if to == from {
                return refuse("there is only one room");
            }
            Ok(vec![Event::ParticipantMoved {
                person,
                to,
                at: now,
            }])
        }
        Action::Swap { a, b } => {
            let round = current_round(state)?;
            match (round.room_of(&a), round.room_of(&b)) {
                (Some(x), Some(y)) if x != y => {
                    Ok(vec![Event::ParticipantsSwapped { a, b, at: now }])
                }
                (Some(_), Some(_)) => refuse("they are in the same room already"),
                _ => refuse("both must be in a room to swap"),
            }
        }
        Action::ToggleAbsent { person, day } => {
            if state.person(&person).is_none() {
                return refuse("that person is not on the roster");
            }
            if state.absences.is_absent(day, &person) {
                Ok(vec![Event::MarkedPresent {
                    person,
                    day,
                    at: now,
                }])
            } else {
                Ok(vec![Event::MarkedAbsent {
                    person,
                    day,
                    at: now,
                }])
            }
        }
        Action::PlaceLate { person } => {
            let round = current_round(state)?;
            if let Some(room) = round.room_of(&person) {
                return refuse(format!(
                    "{} is already in {}",
                    name(state, &person),
                    round.rooms[room].name
                ));
            }
            let to = round
                .smallest()
                .ok_or_else(|| Refusal("the round has no rooms".into()))?;
            let mut events = Vec::new();
            if state.absences.is_absent(round.day, &person) {
                events.push(Event::MarkedPresent {
                    person: person.clone(),
                    day: round.day,
                    at: now,
                });
            }
            events.push(Event::ParticipantMoved {
                person,
                to,
                at: now,
            });
            Ok(events)
        }
        Action::Rapporteur { person } => {
            let round = current_round(state)?;
            let Some(room) = round.room_of(&person) else {
                return refuse(format!("{} is in no room", name(state, &person)));
            };
            let same = round.rooms[room].rapporteur.as_deref() == Some(person.as_str());
            Ok(vec![Event::RapporteurChosen {
                room,
                person: if same { None } else { Some(person) },
                at: now,
            }])
        }
        Action::RenameRoom { room, name: new } => {
            let round = current_round(state)?;
            let new = new.trim().to_string();
            if new.is_empty() {
                return refuse("a room needs a name");
            }
            if round.rooms.get(room).is_none() {
                return refuse("there is no such room");
            }
            if round
                .rooms
                .iter()
                .enumerate()
                .any(|(i, r)| i != room && r.name == new)
            {
                return refuse(format!("another room is already called “{new}”"));
            }
            Ok(vec![Event::RoomRenamed {
                room,
                name: new,
                at: now,
            }])
        }
        Action::FormGroups {
            day,
            label,
            spec,
            seed,
        } => super::groups::form_round(state, day, label, spec, seed, now),
        Action::StepProgress {
            exercise,
            room,
            forward,
        } => {
            let (round, r) = room_of_round(state, room)?;
            let now_at = state
                .tracker
                .get(&exercise, round, room)
                .and_then(|p| p.progress());
            let progress = match (now_at, forward) {
                (None, true) => Progress::Briefed,
                (None, false) => return refuse(format!("{} has not started", r.name)),
                (Some(p), true) => p.next(),
                (Some(p), false) => p.previous(),
            };
            if Some(progress) == now_at {
                return refuse(format!("{} is {} already", r.name, progress.label()));
            }
            Ok(vec![Event::ProgressSet {
                exercise,
                round,
                room,
                progress,
                at: now,
            }])
        }
        Action::RoomNeedsHelp { exercise, room } => {
            let (round, _) = room_of_round(state, room)?;
            let now_at = state
                .tracker
                .get(&exercise, round, room)
                .and_then(|p| p.progress());
            let progress = if now_at == Some(Progress::NeedsHelp) {
                Progress::Working
            } else {
                Progress::NeedsHelp
            };
            Ok(vec![Event::ProgressSet {
                exercise,
                round,
                room,
                progress,
                at: now,
            }])
        }
        Action::WriteNotes {
            exercise,
            room,
            text,
        } => {
            let (round, _) = room_of_round(state, room)?;
            let text = text.trim_end().to_string();
            let before = state
                .tracker
                .get(&exercise, round, room)
                .map(|p| p.notes.as_str())
                .unwrap_or("");
            if before == text {
                return refuse("the notes are unchanged");
            }
            Ok(vec![Event::NotesWritten {
                exercise,
                round,
                room,
                text,
                at: now,
            }])
        }
        Action::RulePair { a, b, rule } => {
            if a == b {
                return refuse("choose two different people");
            }
            if state.person(&a).is_none() || state.person(&b).is_none() {
                return refuse("both must be on the roster");
            }
            let existing = state
                .pairs
                .iter()
                .find(|(x, y, _)| (*x == a && *y == b) || (*x == b && *y == a))
                .map(|(_, _, r)| *r);
            Ok(vec![Event::PairRuled {
                a,
                b,
                rule: if existing == Some(rule) {
                    None
                } else {
                    Some(rule)
                },
                at: now,
            }])
        }
        Action::CallNextReport { exercise } => call_next_report(state, exercise, now),
        Action::ClearGroups => {
            current_round(state)?;
            Ok(vec![Event::GroupsCleared { at: now }])
        }
        Action::Undo => match state.last_undoable() {
            Some(batch) => Ok(vec![Event::Undone { batch, at: now }]),
            None => refuse("nothing to undo"),
        },
        Action::Tick => Ok(state
            .due_thresholds(now)
            .into_iter()
            .map(|(target, threshold)| Event::ThresholdCrossed {
                target,
                threshold,
                at: now,
            })
            .collect()),
    }
}

/// Speaking timers are named so.
const REPORT_TIMER: &str = "Report-back: ";

/// The current round's index and one of its rooms.
fn room_of_round(state: &State, room: usize) -> Result<(usize, &super::Room), Refusal> {
    let index = state
        .current_round_index()
        .ok_or_else(|| Refusal("no groups yet: f forms them".into()))?;
    let r = current_round(state)?
        .rooms
        .get(room)
        .ok_or_else(|| Refusal("there is no such room".into()))?;
    Ok((index, r))
}

/// Ends the report-back in progress (that room has reported) and calls the next room that has
/// not, with its speaker and a speaking timer. The speaker is the room's rapporteur, else the
/// member who has reported least so far, so that across the days everyone gets a turn.
fn call_next_report(
    state: &State,
    exercise: String,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    let round_index = state
        .current_round_index()
        .ok_or_else(|| Refusal("no groups yet: f forms them".into()))?;
    let round = current_round(state)?;
    let progress = |room: usize| {
        state
            .tracker
            .get(&exercise, round_index, room)
            .and_then(|p| p.progress())
    };
    let called = |room: usize| {
        state
            .tracker
            .get(&exercise, round_index, room)
            .is_some_and(|p| p.called.is_some())
    };
    let mut events = Vec::new();
    // One speaking timer at a time: the last speaker's goes.
    for t in state
        .timers
        .iter()
        .filter(|t| t.label.starts_with(REPORT_TIMER))
    {
        events.push(Event::TimerDeleted {
            timer: t.id,
            at: now,
        });
    }
    // The room now speaking has reported.
    for room in 0..round.rooms.len() {
        if called(room) && progress(room) != Some(Progress::Reported) {
            events.push(Event::ProgressSet {
                exercise: exercise.clone(),
                round: round_index,
                room,
                progress: Progress::Reported,
                at: now,
            });
        }
    }
    let next =
        (0..round.rooms.len()).find(|r| !called(*r) && progress(*r) != Some(Progress::Reported));
    let Some(room) = next else {
        if events.is_empty() {
            return refuse("every group has reported back");
        }
        return Ok(events);
    };
    let r = &round.rooms[room];
    let speaker = r.rapporteur.clone().or_else(|| {
        r.members
            .iter()
            .min_by_key(|m| state.tracker.reports_by(m))
            .cloned()
    });
    let minutes = state
        .workshop
        .exercise(&exercise)
        .and_then(|e| e.report_minutes)
        .unwrap_or(3);
    let who = speaker
        .as_deref()
        .and_then(|k| state.person(k))
        .map(|p| format!(" · {}", p.name))
        .unwrap_or_default();
    events.push(Event::ReportCalled {
        exercise,
        round: round_index,
        room,
        speaker,
        at: now,
    });
    events.push(Event::TimerStarted {
        timer: state.next_timer_id(),
        label: format!("{REPORT_TIMER}{}{who}", r.name),
        seconds: Some(minutes * 60),
        at: now,
    });
    Ok(events)
}

fn current_round(state: &State) -> Result<&super::Round, Refusal> {
    state
        .current_round()
        .ok_or_else(|| Refusal("no groups yet: f forms them".into()))
}

fn name(state: &State, key: &str) -> String {
    state
        .person(key)
        .map_or_else(|| key.to_string(), |p| p.name.clone())
}

/// The position right after the last block that ran or runs: where the blocks still to run
/// begin.
fn first_to_run(blocks: &[super::BlockState]) -> usize {
    blocks
        .iter()
        .rposition(|b| matches!(b.status(), BlockStatus::Running | BlockStatus::Done))
        .map_or(0, |p| p + 1)
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
