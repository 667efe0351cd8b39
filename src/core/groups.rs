//! Breakout rounds as the session knows them: who is in which room, who is away.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Utc};

use super::event::{PairRule, Room, RoundQuality};
use super::forming::files::Given;
use super::forming::{self, Baseline, GroupError, Person, Quality, Size, Strategy};
use super::update::{current_round, name, refuse};
use super::{Attendance, Event, Refusal, RoomIx, State};
use crate::roster::{self, Participant, PersonKey, Role};
use crate::view::Command;

mod decide;
mod given;

pub(super) use decide::{
    add_walk_in, clear, move_person, place_late, rapporteur, rename_room, rule_pair, swap,
    toggle_absent,
};

/// One round of breakout groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub day: usize,
    pub label: String,
    pub strategy: Strategy,
    pub seed: u64,
    pub rooms: Vec<Room>,
    pub quality: Option<super::event::RoundQuality>,
    pub formed_at: DateTime<Utc>,
    /// Cleared rounds stay in the history (for "fresh" groups) but are no longer current.
    pub cleared: bool,
}

impl Round {
    /// The room someone is in.
    pub fn room_of(&self, person: &PersonKey) -> Option<RoomIx> {
        self.rooms
            .iter()
            .position(|r| r.members.iter().any(|m| m == person))
            .map(RoomIx)
    }

    pub fn room(&self, ix: RoomIx) -> Option<&Room> {
        self.rooms.get(ix.0)
    }

    /// Every room with its index.
    pub fn indexed(&self) -> impl Iterator<Item = (RoomIx, &Room)> {
        self.rooms.iter().enumerate().map(|(i, r)| (RoomIx(i), r))
    }

    pub(super) fn remove(&mut self, person: &PersonKey) {
        for room in &mut self.rooms {
            room.members.retain(|m| m != person);
            if room.rapporteur.as_ref() == Some(person) {
                room.rapporteur = None;
            }
        }
    }

    pub(super) fn place(&mut self, person: &PersonKey, to: RoomIx) {
        if to.0 < self.rooms.len() {
            self.remove(person);
            self.rooms[to.0].members.push(person.clone());
        }
    }

    /// The index of the smallest room (the first of equals).
    pub fn smallest(&self) -> Option<RoomIx> {
        (0..self.rooms.len())
            .min_by_key(|i| (self.rooms[*i].members.len(), *i))
            .map(RoomIx)
    }
}

/// Who is away, per day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Absences {
    by_day: Vec<BTreeSet<PersonKey>>,
    /// Those marked present by hand, per day: present even when a participants report of
    /// the day lacks them.
    marked_present: Vec<BTreeSet<PersonKey>>,
}

impl Absences {
    pub fn is_absent(&self, day: usize, person: &PersonKey) -> bool {
        self.by_day.get(day).is_some_and(|s| s.contains(person))
    }

    /// Everyone away on `day`, by roster key.
    pub fn on(&self, day: usize) -> &BTreeSet<PersonKey> {
        static NOBODY: BTreeSet<PersonKey> = BTreeSet::new();
        self.by_day.get(day).unwrap_or(&NOBODY)
    }

    pub(super) fn set(&mut self, day: usize, person: &PersonKey, absent: bool) {
        if self.by_day.len() <= day {
            self.by_day.resize(day + 1, BTreeSet::new());
            self.marked_present.resize(day + 1, BTreeSet::new());
        }
        if absent {
            self.by_day[day].insert(person.clone());
            self.marked_present[day].remove(person);
        } else {
            self.by_day[day].remove(person);
            self.marked_present[day].insert(person.clone());
        }
    }

    /// Whether someone was marked present by hand on `day`.
    pub fn marked_present(&self, day: usize, person: &PersonKey) -> bool {
        self.marked_present
            .get(day)
            .is_some_and(|s| s.contains(person))
    }
}

/// Whether someone is away on `day` for forming rooms: marked absent, or, when the day's Zoom
/// participants report was recorded, not in it and not marked present by hand.
pub fn is_away(state: &State, day: usize, person: &PersonKey) -> bool {
    state.absences.is_absent(day, person)
        || state.attendance.get(&day).is_some_and(|a| {
            !a.present.iter().any(|(k, _)| k == person)
                && !state.absences.marked_present(day, person)
        })
}

/// Everyone away on `day` for forming rooms: [`is_away`].
pub fn away(state: &State, day: usize) -> BTreeSet<PersonKey> {
    let mut away = state.absences.on(day).clone();
    if state.attendance.contains_key(&day) {
        away.extend(
            state
                .roster
                .participants
                .iter()
                .map(Participant::key)
                .filter(|k| is_away(state, day, k)),
        );
    }
    away
}

/// How to form a round, as the facilitator types it: `5 mixed` (five groups), `size 6 fresh`
/// (groups of six), `keep` (the last round's groups again), `3` (three groups, mixed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    /// Number of groups, or people per group; `None` keeps the last round's count.
    pub size: Option<Size>,
    pub strategy: Strategy,
    /// The rooms a file gives (a planned round, Zoom's pre-assignment), read by the caller:
    /// then the strategy is [`Strategy::Given`].
    pub given: Option<Given>,
}

impl GroupSpec {
    /// Rooms given from a file: those present take them as the file has them.
    pub fn given(given: Given) -> GroupSpec {
        GroupSpec {
            size: Some(Size::Groups(given.rooms.len().max(1))),
            strategy: Strategy::Given,
            given: Some(given),
        }
    }

    pub fn parse(text: &str) -> Result<GroupSpec, String> {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        let mut size = None;
        let mut strategy = None;
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_str();
            if w == "size" || w == "of" {
                let n = words
                    .get(i + 1)
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        format!("“{w}” needs a number of people after it, e.g. `size 6`")
                    })?;
                size = Some(Size::PerGroup(n));
                i += 2;
                continue;
            }
            if let Ok(n) = w.parse::<usize>() {
                if n == 0 {
                    return Err("a round needs at least one group".into());
                }
                size = Some(Size::Groups(n));
            } else if let Ok(named) = w.parse::<Strategy>() {
                strategy = Some(named);
            } else if w != "groups" && w != "group" {
                return Err(format!(
                    "“{w}” is not understood: type a number of groups or `size N`, then random, mixed, fresh or keep; or `plan FILE N`, `import FILE` for rooms from a file"
                ));
            }
            i += 1;
        }
        let strategy = strategy.unwrap_or(Strategy::Mixed);
        if size.is_none() && strategy != Strategy::Keep {
            return Err("how many groups? e.g. `5 mixed` or `size 6 fresh`".into());
        }
        Ok(GroupSpec {
            size,
            strategy,
            given: None,
        })
    }
}

/// How many random assignments of the same people a round's figures are set beside.
pub const RANDOM_SAMPLES: usize = 50;

/// One request to form a round of breakout groups: what the console's `f` and
/// `convene groups` both ask.
pub struct RoundRequest<'a> {
    /// Everyone on the roster; observers are left out.
    pub roster: &'a [Participant],
    /// How many groups, or people per group; `None` keeps the last round's number of rooms.
    pub size: Option<Size>,
    pub strategy: Strategy,
    /// The same seed gives the same rooms.
    pub seed: u64,
    /// Earlier rounds, oldest first: `fresh` avoids their pairs, `keep` takes the last again.
    pub history: &'a [Round],
    /// Who is away, by roster key.
    pub absent: &'a BTreeSet<PersonKey>,
    /// Pairs of roster keys to keep together or apart.
    pub pairs: &'a [(PersonKey, PersonKey, PairRule)],
}

/// A round as formed: its rooms (members by roster key) and how good it is.
#[derive(Debug, Clone, PartialEq)]
pub struct FormedRound {
    pub rooms: Vec<Room>,
    /// How many people were placed.
    pub present: usize,
    pub quality: Quality,
    /// The same figures on average over [`RANDOM_SAMPLES`] random assignments.
    pub random: Baseline,
}

impl FormedRound {
    /// The figures as a `groups_formed` event records them.
    pub fn recorded_quality(&self) -> RoundQuality {
        let (q, random) = (&self.quality, &self.random);
        RoundQuality {
            figures: *q,
            random_repeated_pairs: random.repeated_pairs,
            random_same_country_pairs: random.same_country_pairs,
            random_same_organisation_pairs: random.same_organisation_pairs,
            random_repeat_meetings: Some(random.repeat_meetings),
        }
    }
}

/// Why a round cannot be formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundError {
    /// The roster is empty.
    NoRoster,
    /// Everyone on the roster is an observer or away.
    NobodyPresent,
    /// `keep` with no earlier round.
    NothingToKeep,
    /// No size given, and no earlier round to take it from.
    NoSize,
    Forming(GroupError),
}

impl fmt::Display for RoundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoundError::NoRoster => f.write_str("no roster: start convene with --roster FILE.csv"),
            RoundError::NobodyPresent => f.write_str("nobody is present to form groups"),
            RoundError::NothingToKeep => {
                f.write_str("no earlier groups to keep: form them first, e.g. `5 mixed`")
            }
            RoundError::NoSize => f.write_str("how many groups? e.g. `5 mixed`"),
            RoundError::Forming(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RoundError {}

/// What [`form_rooms`] and [`plan_rooms`] ask of forming: those present as [`Person`]s (ids
/// are places on the roster), the earlier rounds and the pairs in those ids, and the size.
struct Asked {
    keys: Vec<PersonKey>,
    people: Vec<Person>,
    history: Vec<Vec<Vec<usize>>>,
    keep: Option<Vec<Vec<usize>>>,
    size: Size,
    together: Vec<(usize, usize)>,
    apart: Vec<(usize, usize)>,
}

impl Asked {
    fn new(request: &RoundRequest) -> Result<Asked, RoundError> {
        let roster = request.roster;
        if roster.is_empty() {
            return Err(RoundError::NoRoster);
        }
        let keys: Vec<PersonKey> = roster.iter().map(Participant::key).collect();
        let position: std::collections::HashMap<&PersonKey, usize> =
            keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let people: Vec<Person> = roster
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.role != Role::Observer && !p.off_file && !request.absent.contains(&keys[*i])
            })
            .map(|(i, p)| Person {
                id: i,
                country: p.country.clone(),
                organisation: p.organisation.clone(),
                facilitator: matches!(p.role, Role::Facilitator | Role::CoFacilitator),
            })
            .collect();
        if people.is_empty() {
            return Err(RoundError::NobodyPresent);
        }
        let index_of = |key: &PersonKey| position.get(key).copied();
        let as_ids = |round: &Round| -> Vec<Vec<usize>> {
            round
                .rooms
                .iter()
                .map(|r| r.members.iter().filter_map(index_of).collect())
                .collect()
        };
        let history: Vec<Vec<Vec<usize>>> = request.history.iter().map(as_ids).collect();
        let last = request.history.last();
        if request.strategy == Strategy::Keep && last.is_none() {
            return Err(RoundError::NothingToKeep);
        }
        let size = match (request.size, last) {
            (Some(size), _) => size,
            (None, Some(r)) => Size::Groups(r.rooms.len().max(1)),
            (None, None) => return Err(RoundError::NoSize),
        };
        let pairs = |wanted: PairRule| -> Vec<(usize, usize)> {
            request
                .pairs
                .iter()
                .filter(|(_, _, rule)| *rule == wanted)
                .filter_map(|(a, b, _)| Some((index_of(a)?, index_of(b)?)))
                .collect()
        };
        Ok(Asked {
            keep: last.map(as_ids),
            together: pairs(PairRule::Together),
            apart: pairs(PairRule::Apart),
            keys,
            people,
            history,
            size,
        })
    }

    fn forming<'a>(
        &'a self,
        request: &RoundRequest,
        history: &'a [Vec<Vec<usize>>],
    ) -> forming::Request<'a> {
        forming::Request {
            people: &self.people,
            size: self.size,
            strategy: request.strategy,
            seed: request.seed,
            history,
            keep: self.keep.as_deref(),
            pin_facilitators: true,
            together: &self.together,
            apart: &self.apart,
        }
    }

    /// A formed round's rooms by roster key (kept rooms keep their names, others are
    /// `Room N`) and its figures against `history`.
    fn formed(
        &self,
        request: &RoundRequest,
        groups: &[Vec<usize>],
        history: &[Vec<Vec<usize>>],
        seed: u64,
    ) -> FormedRound {
        let last = request.history.last();
        let kept_names: Vec<String> = match (request.strategy, last) {
            (Strategy::Keep, Some(r)) => r.rooms.iter().map(|room| room.name.clone()).collect(),
            _ => Vec::new(),
        };
        let rooms = groups
            .iter()
            .enumerate()
            .map(|(i, ids)| Room {
                name: kept_names
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("Room {}", i + 1)),
                members: ids
                    .iter()
                    .filter_map(|id| self.keys.get(*id).cloned())
                    .collect(),
                rapporteur: None,
            })
            .collect();
        let asked = forming::Request {
            seed,
            ..self.forming(request, history)
        };
        FormedRound {
            rooms,
            present: self.people.len(),
            quality: forming::quality(groups, &self.people, history),
            random: forming::random_baseline(&asked, RANDOM_SAMPLES),
        }
    }
}

/// Forms a round from those present: the roster less observers, people away and people no
/// longer on the roster file; facilitators spread one per room, `fresh` avoiding everyone's
/// earlier rounds, pairs kept together or apart. A kept round keeps its rooms' names; other rooms are `Room N`.
pub fn form_rooms(request: &RoundRequest) -> Result<FormedRound, RoundError> {
    let asked = Asked::new(request)?;
    let formed =
        forming::form(&asked.forming(request, &asked.history)).map_err(RoundError::Forming)?;
    Ok(asked.formed(request, &formed.groups, &asked.history, request.seed))
}

/// Plans `rounds` rounds at once from those present, after the request's earlier rounds:
/// [`forming::plan`], each round with its figures against the rounds before it (earlier and
/// planned). A round's seed is [`forming::round_seed`] of the request's.
pub fn plan_rooms(request: &RoundRequest, rounds: usize) -> Result<Vec<FormedRound>, RoundError> {
    let asked = Asked::new(request)?;
    let planned = forming::plan(&asked.forming(request, &asked.history), rounds)
        .map_err(RoundError::Forming)?;
    let mut history = asked.history.clone();
    let mut out = Vec::with_capacity(planned.len());
    for (r, round) in planned.iter().enumerate() {
        let seed = forming::round_seed(request.seed, r);
        out.push(asked.formed(request, &round.groups, &history, seed));
        history.push(round.groups.clone());
    }
    Ok(out)
}

/// Someone named by email or by name: their place on the roster. An email is matched
/// whatever its case, a name as [`roster::normalise_name`] writes it.
pub fn find_person(roster: &[Participant], who: &str) -> Option<usize> {
    let email = who.trim().to_lowercase();
    let name = roster::normalise_name(who);
    roster.iter().position(|p| {
        p.email.as_deref() == Some(email.as_str()) || roster::normalise_name(&p.name) == name
    })
}

/// The console's round: [`form_rooms`] for those present on `day`, with the session's rounds,
/// absences and pair rules, recorded as a `groups_formed` event.
pub(super) fn form_round(
    state: &super::State,
    day: usize,
    label: String,
    spec: GroupSpec,
    seed: u64,
) -> Result<Vec<super::Event>, super::Refusal> {
    if let Some(given) = spec.given {
        return given::given_round(state, day, label, given, seed);
    }
    let strategy = spec.strategy;
    let absent = away(state, day);
    let request = RoundRequest {
        roster: &state.roster.participants,
        size: spec.size,
        strategy,
        seed,
        history: &state.rounds,
        absent: &absent,
        pairs: &state.pairs,
    };
    let formed = form_rooms(&request).map_err(|e| super::Refusal::new(e.to_string()))?;
    let quality = formed.recorded_quality();
    Ok(vec![super::Event::GroupsFormed {
        day,
        label,
        strategy,
        seed,
        rooms: formed.rooms,
        quality: Some(quality),
    }])
}

/// Applies one of the groups' events (roster, rounds, absences, attendance, pair rules) to the state (the state's `change` routes them here).
pub(super) fn apply(state: &mut State, event: &Event, at: DateTime<Utc>) {
    match event {
        Event::RosterImported {
            source,
            participants,
            ..
        } => {
            // Whoever the session knew and the new file lacks stays, marked as off the file.
            state.roster = state.roster.read_again(participants);
            state.index_people();
            state.roster_source = Some(source.clone());
        }
        Event::WalkInAdded { participant } => {
            state.roster.participants.push(participant.clone());
            state.index_people();
        }
        // Handled by `apply_batch`, which rebuilds the state.
        Event::GroupsFormed {
            day,
            label,
            strategy,
            seed,
            rooms,
            quality,
        } => {
            if let Some(r) = state.current_round_mut() {
                r.cleared = true;
            }
            state.rounds.push(Round {
                day: *day,
                label: label.clone(),
                strategy: *strategy,
                seed: *seed,
                rooms: rooms.clone(),
                quality: *quality,
                formed_at: at,
                cleared: false,
            });
        }
        Event::ParticipantMoved { person, to, .. } => {
            if let Some(r) = state.current_round_mut() {
                r.place(person, *to);
            }
        }
        Event::ParticipantsSwapped { a, b, .. } => {
            if let Some(r) = state.current_round_mut()
                && let (Some(ra), Some(rb)) = (r.room_of(a), r.room_of(b))
            {
                r.place(a, rb);
                r.place(b, ra);
            }
        }
        Event::MarkedAbsent { person, day, .. } => {
            state.absences.set(*day, person, true);
            if let Some(r) = state.current_round_mut()
                && r.day == *day
            {
                r.remove(person);
            }
        }
        Event::MarkedPresent { person, day, .. } => state.absences.set(*day, person, false),
        Event::RoomRenamed { room, name, .. } => {
            if let Some(r) = state.current_round_mut()
                && let Some(room) = r.rooms.get_mut(room.0)
            {
                room.name = name.clone();
            }
        }
        Event::RapporteurChosen { room, person, .. } => {
            if let Some(r) = state.current_round_mut()
                && let Some(room) = r.rooms.get_mut(room.0)
            {
                room.rapporteur = person.clone();
            }
        }
        Event::GroupsCleared { .. } => {
            if let Some(r) = state.current_round_mut() {
                r.cleared = true;
            }
        }
        Event::AttendanceImported {
            day,
            source,
            present,
            unmatched,
            ..
        } => {
            state.attendance.insert(
                *day,
                Attendance {
                    source: source.clone(),
                    present: present.clone(),
                    unmatched: unmatched.clone(),
                },
            );
        }
        Event::PairRuled { a, b, rule, .. } => {
            state
                .pairs
                .retain(|(x, y, _)| !((x == a && y == b) || (x == b && y == a)));
            if let Some(rule) = rule {
                state.pairs.push((a.clone(), b.clone(), *rule));
            }
        }
        _ => {}
    }
}
