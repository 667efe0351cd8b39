//! Breakout rounds as the session knows them: who is in which room, who is away.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::event::Room;

/// One round of breakout groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub day: usize,
    pub label: String,
    pub strategy: String,
    pub seed: u64,
    pub rooms: Vec<Room>,
    pub quality: Option<super::event::RoundQuality>,
    pub formed_at: DateTime<Utc>,
    /// Cleared rounds stay in the history (for "fresh" groups) but are no longer current.
    pub cleared: bool,
}

impl Round {
    /// The room someone is in.
    pub fn room_of(&self, person: &str) -> Option<usize> {
        self.rooms
            .iter()
            .position(|r| r.members.iter().any(|m| m == person))
    }

    pub(super) fn remove(&mut self, person: &str) {
        for room in &mut self.rooms {
            room.members.retain(|m| m != person);
            if room.rapporteur.as_deref() == Some(person) {
                room.rapporteur = None;
            }
        }
    }

    pub(super) fn place(&mut self, person: &str, to: usize) {
        if to < self.rooms.len() {
            self.remove(person);
            self.rooms[to].members.push(person.to_string());
        }
    }

    /// The index of the smallest room (the first of equals).
    pub fn smallest(&self) -> Option<usize> {
        (0..self.rooms.len()).min_by_key(|i| (self.rooms[*i].members.len(), *i))
    }
}

/// Who is away, per day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Absences {
    by_day: Vec<BTreeSet<String>>,
}

impl Absences {
    pub fn is_absent(&self, day: usize, person: &str) -> bool {
        self.by_day.get(day).is_some_and(|s| s.contains(person))
    }

    pub(super) fn set(&mut self, day: usize, person: &str, absent: bool) {
        if self.by_day.len() <= day {
            self.by_day.resize(day + 1, BTreeSet::new());
        }
        if absent {
            self.by_day[day].insert(person.to_string());
        } else {
            self.by_day[day].remove(person);
        }
    }
}

/// How to form a round, as the facilitator types it: `5 mixed` (five groups), `size 6 fresh`
/// (groups of six), `keep` (the last round's groups again), `3` (three groups, mixed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    /// Number of groups, or people per group; `None` keeps the last round's count.
    pub size: Option<SizeSpec>,
    pub strategy: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeSpec {
    Groups(usize),
    PerGroup(usize),
}

impl GroupSpec {
    pub const STRATEGIES: [&'static str; 4] = ["random", "mixed", "fresh", "keep"];

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
                size = Some(SizeSpec::PerGroup(n));
                i += 2;
                continue;
            }
            if let Ok(n) = w.parse::<usize>() {
                if n == 0 {
                    return Err("a round needs at least one group".into());
                }
                size = Some(SizeSpec::Groups(n));
            } else if Self::STRATEGIES.contains(&w) {
                strategy = Some(w.to_string());
            } else if w != "groups" && w != "group" {
                return Err(format!(
                    "“{w}” is not understood: type a number of groups or `size N`, then random, mixed, fresh or keep"
                ));
            }
            i += 1;
        }
        let strategy = strategy.unwrap_or_else(|| "mixed".into());
        if size.is_none() && strategy != "keep" {
            return Err("how many groups? e.g. `5 mixed` or `size 6 fresh`".into());
        }
        Ok(GroupSpec { size, strategy })
    }
}

/// Forms a round from those present on `day`: the roster less observers and people marked
/// absent, facilitators spread one per room, "fresh" avoiding everyone's earlier rounds.
pub(super) fn form_round(
    state: &super::State,
    day: usize,
    label: String,
    spec: GroupSpec,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<Vec<super::Event>, super::Refusal> {
    use super::forming::{self as grouping, Person, Request, Size, Strategy};
    use crate::roster::Role;
    let refuse = |m: String| Err(super::Refusal(m));

    let roster = &state.roster.participants;
    if roster.is_empty() {
        return refuse("no roster: start convene with --roster FILE.csv".into());
    }
    let keys: Vec<String> = roster.iter().map(|p| p.key()).collect();
    let people: Vec<Person> = roster
        .iter()
        .enumerate()
        .filter(|(i, p)| p.role != Role::Observer && !state.absences.is_absent(day, &keys[*i]))
        .map(|(i, p)| Person {
            id: i,
            country: p.country.clone(),
            organisation: p.organisation.clone(),
            facilitator: matches!(p.role, Role::Facilitator | Role::CoFacilitator),
        })
        .collect();
    if people.is_empty() {
        return refuse("nobody is present to form groups".into());
    }
    let index_of = |key: &String| keys.iter().position(|k| k == key);
    let as_ids = |round: &Round| -> Vec<Vec<usize>> {
        round
            .rooms
            .iter()
            .map(|r| r.members.iter().filter_map(index_of).collect())
            .collect()
    };
    let history: Vec<Vec<Vec<usize>>> = state.rounds.iter().map(as_ids).collect();
    let last = state.rounds.last();
    let keep = last.map(as_ids);

    let strategy: Strategy = match spec.strategy.parse() {
        Ok(s) => s,
        Err(_) => return refuse(format!("unknown way to form groups: {}", spec.strategy)),
    };
    if strategy == Strategy::Keep && last.is_none() {
        return refuse("no earlier groups to keep: form them first, e.g. `5 mixed`".into());
    }
    let size = match (spec.size, last) {
        (Some(SizeSpec::Groups(n)), _) => Size::Groups(n),
        (Some(SizeSpec::PerGroup(n)), _) => Size::PerGroup(n),
        (None, Some(r)) => Size::Groups(r.rooms.len().max(1)),
        (None, None) => return refuse("how many groups? e.g. `5 mixed`".into()),
    };
    let pairs = |wanted: super::PairRule| -> Vec<(usize, usize)> {
        state
            .pairs
            .iter()
            .filter(|(_, _, rule)| *rule == wanted)
            .filter_map(|(a, b, _)| Some((index_of(a)?, index_of(b)?)))
            .collect()
    };
    let together = pairs(super::PairRule::Together);
    let apart = pairs(super::PairRule::Apart);
    let request = Request {
        people: &people,
        size,
        strategy,
        seed,
        history: &history,
        keep: keep.as_deref(),
        pin_facilitators: true,
        together: &together,
        apart: &apart,
    };
    let formed = match grouping::form(&request) {
        Ok(g) => g,
        Err(e) => return refuse(e.to_string()),
    };
    let kept_names: Vec<String> = match (strategy, last) {
        (Strategy::Keep, Some(r)) => r.rooms.iter().map(|room| room.name.clone()).collect(),
        _ => Vec::new(),
    };
    let rooms = formed
        .groups
        .iter()
        .enumerate()
        .map(|(i, ids)| super::Room {
            name: kept_names
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("Room {}", i + 1)),
            members: ids.iter().filter_map(|id| keys.get(*id).cloned()).collect(),
            rapporteur: None,
        })
        .collect();
    let q = grouping::quality(&formed.groups, &people, &history);
    let random = grouping::random_baseline(&request, 50);
    let quality = super::event::RoundQuality {
        repeated_pairs: q.repeated_pairs,
        same_country_pairs: q.same_country_pairs,
        same_organisation_pairs: q.same_organisation_pairs,
        single_country_groups: q.single_country_groups,
        smallest: q.smallest,
        largest: q.largest,
        random_repeated_pairs: random.repeated_pairs,
        random_same_country_pairs: random.same_country_pairs,
        random_same_organisation_pairs: random.same_organisation_pairs,
    };
    Ok(vec![super::Event::GroupsFormed {
        day,
        label,
        strategy: strategy.name().to_string(),
        seed,
        rooms,
        quality: Some(quality),
        at: now,
    }])
}
