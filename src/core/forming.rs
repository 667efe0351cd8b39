//! Forming breakout groups: pure, and the same for the same seed.
//!
//! Everyone present goes into exactly one group, sizes differ by at most one, keep-together
//! and keep-apart pairs hold, and facilitators are spread one per group. Within that, "mixed"
//! spreads countries and organisations, and "fresh" first avoids pairs who already sat
//! together in an earlier round. The search places people greedily, then swaps pairs between
//! groups while a swap lowers the cost; each swap is weighed in the time of two group sizes.
//! What that leaves of a hard rule broken is mended by the best swaps that mend it, and, if
//! that is not enough, by looking through the ways to part the people before the round is
//! refused: all of them for a dozen people or so, as many as a budget allows beyond.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// One person to place. `id` is the caller's; the rest drives mixing and constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: usize,
    pub country: Option<String>,
    pub organisation: Option<String>,
    pub facilitator: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    Random,
    Mixed,
    Fresh,
    Keep,
    /// Rooms given from a file (a planned round, Zoom's pre-assignment): those absent left
    /// out, the rooms evened out and anyone else placed with the fewest repeats.
    Given,
}

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Random => "random",
            Strategy::Mixed => "mixed",
            Strategy::Fresh => "fresh",
            Strategy::Keep => "keep",
            Strategy::Given => "from a file",
        }
    }
}

impl std::fmt::Display for Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Strategy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "random" => Ok(Strategy::Random),
            "mixed" => Ok(Strategy::Mixed),
            "fresh" => Ok(Strategy::Fresh),
            "keep" => Ok(Strategy::Keep),
            other => Err(format!(
                "unknown strategy “{other}”: expected random, mixed, fresh or keep"
            )),
        }
    }
}

/// How many groups: a number of groups, or people per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Groups(usize),
    PerGroup(usize),
}

pub struct Request<'a> {
    pub people: &'a [Person],
    pub size: Size,
    pub strategy: Strategy,
    pub seed: u64,
    /// Earlier rounds, each a list of groups of ids.
    pub history: &'a [Vec<Vec<usize>>],
    /// For `Keep`: the round to reuse.
    pub keep: Option<&'a [Vec<usize>]>,
    pub pin_facilitators: bool,
    pub together: &'a [(usize, usize)],
    pub apart: &'a [(usize, usize)],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    pub groups: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupError {
    NoPeople,
    ZeroSize,
    Impossible(String),
}

impl fmt::Display for GroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupError::NoPeople => f.write_str("nobody is present to form groups"),
            GroupError::ZeroSize => f.write_str("a round needs at least one group of one"),
            GroupError::Impossible(why) => write!(f, "these groups cannot be formed: {why}"),
        }
    }
}

impl std::error::Error for GroupError {}

/// How good a round is: the fewer pairs that repeat or share a country or an organisation,
/// the better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quality {
    pub repeated_pairs: usize,
    pub same_country_pairs: usize,
    pub same_organisation_pairs: usize,
    pub single_country_groups: usize,
    pub smallest: usize,
    pub largest: usize,
    /// The repeat meetings the round adds: for each pair in one of its rooms, how many earlier
    /// rounds they shared a room in (rounds formed before this figure was kept have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_meetings: Option<usize>,
    /// The fewest repeat meetings a round of these rooms could add: [`round_lower_bound`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_lower_bound: Option<usize>,
}

/// The same figures on average over random assignments of the same people.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Baseline {
    pub repeated_pairs: f64,
    pub same_country_pairs: f64,
    pub same_organisation_pairs: f64,
    pub single_country_groups: f64,
    pub repeat_meetings: f64,
}

/// Pairs that sat together in any earlier round.
fn past_pairs(history: &[Vec<Vec<usize>>]) -> HashSet<(usize, usize)> {
    let mut pairs = HashSet::new();
    for round in history {
        for group in round {
            for (i, a) in group.iter().enumerate() {
                for b in group.iter().skip(i + 1) {
                    pairs.insert(ordered(*a, *b));
                }
            }
        }
    }
    pairs
}

fn ordered(a: usize, b: usize) -> (usize, usize) {
    if a < b { (a, b) } else { (b, a) }
}

/// What meeting again costs each pair who met in `history`, `unit` being the cost of one
/// earlier meeting long ago: the square of how many times they met (a third meeting costs four
/// units, more than two second meetings elsewhere, so meetings spread over many pairs), plus an
/// eighth of a unit for each meeting in the last round and a sixteenth for one the round
/// before, so that of two pairs who met as often, the one who met longer ago meets again.
fn repeat_costs(history: &[Vec<Vec<usize>>], unit: i64) -> HashMap<(usize, usize), i64> {
    let mut met: HashMap<(usize, usize), (i64, i64)> = HashMap::new();
    let rounds = history.len();
    for (r, round) in history.iter().enumerate() {
        let recent = match rounds - r {
            1 => unit / 8,
            2 => unit / 16,
            _ => 0,
        };
        for group in round {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    if a != b {
                        let (times, lately) = met.entry(ordered(*a, *b)).or_default();
                        *times += 1;
                        *lately += recent;
                    }
                }
            }
        }
    }
    met.into_iter()
        .map(|(pair, (times, lately))| (pair, unit * times * times + lately))
        .collect()
}

/// What a pair in one group costs.
struct Costs {
    country: Vec<Option<u32>>,
    organisation: Vec<Option<u32>>,
    facilitator: Vec<bool>,
    /// What each pair (by id) who met before costs if they meet again: see [`repeat_costs`].
    past: HashMap<(usize, usize), i64>,
    together: HashSet<(usize, usize)>,
    apart: HashSet<(usize, usize)>,
    w_repeat: i64,
    w_country: i64,
    w_organisation: i64,
    w_facilitators: i64,
}

const HARD: i64 = 1_000_000;

impl Costs {
    /// Cost of indexes `a` and `b` (into the people list) sharing a group.
    fn pair(&self, a: usize, b: usize, ids: &[usize]) -> i64 {
        let (ia, ib) = (ids[a], ids[b]);
        let key = ordered(ia, ib);
        let mut c = 0;
        if self.apart.contains(&key) {
            c += HARD;
        }
        if self.together.contains(&key) {
            c -= HARD;
        }
        if self.w_repeat > 0
            && let Some(again) = self.past.get(&key)
        {
            c += again;
        }
        if self.country[a].is_some() && self.country[a] == self.country[b] {
            c += self.w_country;
        }
        if self.organisation[a].is_some() && self.organisation[a] == self.organisation[b] {
            c += self.w_organisation;
        }
        if self.facilitator[a] && self.facilitator[b] {
            c += self.w_facilitators;
        }
        c
    }

    /// Cost of person `p` in a group of `members` (not counting itself).
    fn with(&self, p: usize, members: &[usize], ids: &[usize]) -> i64 {
        members
            .iter()
            .filter(|m| **m != p)
            .map(|m| self.pair(p, *m, ids))
            .sum()
    }
}

fn interned(values: impl Iterator<Item = Option<String>>) -> Vec<Option<u32>> {
    let mut ids: HashMap<String, u32> = HashMap::new();
    values
        .map(|v| {
            v.map(|s| {
                let next = ids.len() as u32;
                *ids.entry(s.trim().to_lowercase()).or_insert(next)
            })
        })
        .collect()
}

/// The people's ids, each id's index, and what each pair costs, for a request; refused when a
/// pair is to be kept both together and apart.
#[allow(clippy::type_complexity)]
fn prepare(req: &Request) -> Result<(Vec<usize>, HashMap<usize, usize>, Costs), GroupError> {
    let people = req.people;
    let ids: Vec<usize> = people.iter().map(|p| p.id).collect();
    let index: HashMap<usize, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let present = |pairs: &[(usize, usize)]| -> HashSet<(usize, usize)> {
        pairs
            .iter()
            .filter(|(a, b)| index.contains_key(a) && index.contains_key(b) && a != b)
            .map(|(a, b)| ordered(*a, *b))
            .collect()
    };
    let together = present(req.together);
    let apart = present(req.apart);
    // The first such pair, so the same request always gets the same answer.
    if let Some((a, b)) = together.intersection(&apart).min() {
        return Err(GroupError::Impossible(format!(
            "{a} and {b} are to be kept both together and apart"
        )));
    }
    let facilitators = people.iter().filter(|p| p.facilitator).count();
    let spread_facilitators = req.pin_facilitators && facilitators > 1;
    let (w_repeat, w_country, w_organisation) = match req.strategy {
        Strategy::Random => (0, 0, 0),
        Strategy::Mixed | Strategy::Keep => (0, 10, 4),
        // Meeting someone new first: a country or an organisation shared costs little beside
        // a repeat, enough to spread them where repeats allow.
        Strategy::Fresh | Strategy::Given => (60, 3, 1),
    };
    let costs = Costs {
        country: interned(people.iter().map(|p| p.country.clone())),
        organisation: interned(people.iter().map(|p| p.organisation.clone())),
        facilitator: people.iter().map(|p| p.facilitator).collect(),
        past: if w_repeat > 0 {
            repeat_costs(req.history, w_repeat)
        } else {
            HashMap::new()
        },
        together,
        apart,
        w_repeat,
        w_country,
        w_organisation,
        w_facilitators: if spread_facilitators { HARD / 10 } else { 0 },
    };
    Ok((ids, index, costs))
}

pub fn form(req: &Request) -> Result<Groups, GroupError> {
    form_within(req, None)
}

/// [`form`], with "fresh" searching for `moves` moves rather than its budget for the size.
fn form_within(req: &Request, moves: Option<usize>) -> Result<Groups, GroupError> {
    let people = req.people;
    let n = people.len();
    if n == 0 {
        return Err(GroupError::NoPeople);
    }
    let count = match req.size {
        Size::Groups(0) | Size::PerGroup(0) => return Err(GroupError::ZeroSize),
        Size::Groups(g) => g.min(n),
        Size::PerGroup(s) => n.div_ceil(s),
    };
    let (ids, index, costs) = prepare(req)?;
    let mut rng = ChaCha8Rng::seed_from_u64(req.seed);

    // Target sizes: as even as can be.
    let sizes: Vec<usize> = (0..count)
        .map(|g| n / count + usize::from(g < n % count))
        .collect();

    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rng);

    if matches!(req.strategy, Strategy::Keep | Strategy::Given) {
        // The kept rooms for those present; newcomers to the smallest rooms.
        let kept = req.keep.unwrap_or(&[]);
        groups = kept
            .iter()
            .map(|g| g.iter().filter_map(|id| index.get(id).copied()).collect())
            .collect();
        if groups.is_empty() {
            groups = vec![Vec::new(); count];
        }
        if req.strategy == Strategy::Given {
            even_out(&mut groups, &ids, &costs);
        }
        let placed: HashSet<usize> = groups.iter().flatten().copied().collect();
        let mut newcomers: Vec<usize> = (0..n).filter(|i| !placed.contains(i)).collect();
        newcomers.sort_by_key(|i| ids[*i]);
        let returning = groups.clone();
        for p in newcomers.iter().copied() {
            let best = (0..groups.len())
                .min_by_key(|g| (groups[*g].len(), costs.with(p, &groups[*g], &ids), *g));
            if let Some(g) = best {
                groups[g].push(p);
            }
        }
        // Those who come back stay where they were; newcomers may trade places.
        let stays: Vec<bool> = (0..n).map(|i| placed.contains(&i)).collect();
        repair(&mut groups, &ids, &costs, &stays);
        let parted = |groups: &[Vec<usize>]| {
            groups.iter().all(|g| {
                g.iter().all(|p| {
                    g.iter()
                        .all(|q| !costs.apart.contains(&ordered(ids[*p], ids[*q])))
                })
            })
        };
        if !parted(&groups)
            && parted(&returning)
            && let Some(best) = place_newcomers(&returning, &newcomers, &ids, &costs)
        {
            groups = best;
        }
        return finish(groups, &ids, &costs, req);
    }

    if req.strategy == Strategy::Fresh {
        // Dealt as shuffled, then searched: the search weighs every pair, so no order of
        // placing helps it.
        let mut dealt = order.iter().copied();
        for (g, size) in sizes.iter().enumerate() {
            groups[g].extend(dealt.by_ref().take(*size));
        }
        let moves = moves.unwrap_or_else(|| fresh::budget(n, count));
        anneal(&mut groups, &ids, &costs, &mut rng, moves);
    } else {
        place_greedily(&mut groups, &order, &sizes, &ids, &costs, req);
        improve(
            &mut groups,
            &ids,
            &costs,
            &mut rng,
            req.strategy == Strategy::Random,
        );
    }
    keep_pairs_together(&mut groups, &ids, &costs);
    repair(&mut groups, &ids, &costs, &[]);
    if falls_short(&groups, &ids, &costs)
        && let Some(found) = search(&order, &sizes, &ids, &costs)
        && total(&found, &ids, &costs) < total(&groups, &ids, &costs)
    {
        groups = found;
    }
    finish(groups, &ids, &costs, req)
}

/// Places people one by one, each where they cost least among the rooms not yet full:
/// facilitators first when they are spread, and (but for "random") the most common countries
/// before the others.
fn place_greedily(
    groups: &mut [Vec<usize>],
    order: &[usize],
    sizes: &[usize],
    ids: &[usize],
    costs: &Costs,
    req: &Request,
) {
    let people = req.people;
    let count = groups.len();
    let spread_facilitators = costs.w_facilitators > 0;
    // Facilitators first, one per group, then everyone else.
    let (mut first, rest): (Vec<usize>, Vec<usize>) = order
        .iter()
        .partition(|i| people[**i].facilitator && spread_facilitators);
    first.extend(rest);
    let mut placing = first;
    if req.strategy != Strategy::Random {
        // The most common countries first, so they spread before the groups fill up.
        let mut freq: HashMap<Option<u32>, usize> = HashMap::new();
        for c in &costs.country {
            *freq.entry(*c).or_default() += 1;
        }
        placing.sort_by_key(|i| {
            (
                !(people[*i].facilitator && spread_facilitators),
                std::cmp::Reverse(freq.get(&costs.country[*i]).copied().unwrap_or(0)),
            )
        });
    }
    for p in placing {
        let best = (0..count)
            .filter(|g| groups[*g].len() < sizes[*g])
            .min_by_key(|g| (costs.with(p, &groups[*g], ids), groups[*g].len(), *g));
        if let Some(g) = best {
            groups[g].push(p);
        }
    }
}

/// Evens out rooms left uneven by those absent: while the largest room is two or more above
/// the smallest, whoever of the largest costs least to move there moves to the smallest (the
/// first of equals).
fn even_out(groups: &mut [Vec<usize>], ids: &[usize], costs: &Costs) {
    loop {
        let Some(large) = (0..groups.len()).max_by_key(|g| (groups[*g].len(), usize::MAX - g))
        else {
            return;
        };
        let Some(small) = (0..groups.len()).min_by_key(|g| (groups[*g].len(), *g)) else {
            return;
        };
        if groups[large].len() < groups[small].len() + 2 {
            return;
        }
        let Some(i) = (0..groups[large].len()).min_by_key(|i| {
            let p = groups[large][*i];
            (
                costs.with(p, &groups[small], ids) - costs.with(p, &groups[large], ids),
                *i,
            )
        }) else {
            return;
        };
        let p = groups[large].remove(i);
        groups[small].push(p);
    }
}

/// Up to how many ways of placing newcomers in kept rooms are tried when placing them one by
/// one in the smallest room joins a pair to keep apart.
const NEWCOMER_PLACINGS: usize = 100_000;

/// Every way to place the newcomers in the kept rooms, `returning` being those who came back,
/// so that each room that takes a newcomer ends at most one above the smallest room and no
/// pair to keep apart shares a room: the cheapest, or `None`.
fn place_newcomers(
    returning: &[Vec<usize>],
    newcomers: &[usize],
    ids: &[usize],
    costs: &Costs,
) -> Option<Vec<Vec<usize>>> {
    let rooms = returning.len();
    let placings = (0..newcomers.len()).try_fold(1usize, |acc, _| {
        acc.checked_mul(rooms)
            .filter(|total| *total <= NEWCOMER_PLACINGS)
    })?;
    let mut best: Option<(i64, Vec<Vec<usize>>)> = None;
    for mut code in 0..placings {
        let mut groups = returning.to_vec();
        let mut took = vec![false; rooms];
        let mut fits = true;
        for p in newcomers {
            let g = code % rooms;
            code /= rooms;
            fits &= groups[g]
                .iter()
                .all(|m| !costs.apart.contains(&ordered(ids[*p], ids[*m])));
            groups[g].push(*p);
            took[g] = true;
        }
        let smallest = groups.iter().map(Vec::len).min().unwrap_or(0);
        if !fits || (0..rooms).any(|g| took[g] && groups[g].len() > smallest + 1) {
            continue;
        }
        let cost: i64 = newcomers
            .iter()
            .map(|p| {
                let g = groups.iter().position(|g| g.contains(p)).unwrap_or(0);
                costs.with(*p, &groups[g], ids)
            })
            .sum();
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, groups));
        }
    }
    best.map(|(_, groups)| groups)
}

/// What the groups cost in all: every pair that shares a group.
fn total(groups: &[Vec<usize>], ids: &[usize], costs: &Costs) -> i64 {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .enumerate()
                .map(|(i, p)| {
                    g[i + 1..]
                        .iter()
                        .map(|q| costs.pair(*p, *q, ids))
                        .sum::<i64>()
                })
                .sum::<i64>()
        })
        .sum()
}

/// Whether the groups part a together pair, join an apart pair, or crowd facilitators (when
/// they are spread) more than an even spread would.
fn falls_short(groups: &[Vec<usize>], ids: &[usize], costs: &Costs) -> bool {
    let broken = groups.iter().enumerate().any(|(g, members)| {
        members
            .iter()
            .any(|p| breaks_a_rule(groups, g, *p, ids, costs, false))
    });
    if broken || costs.w_facilitators == 0 {
        return broken;
    }
    let pairs = |f: usize| f * f.saturating_sub(1) / 2;
    let crowded: usize = groups
        .iter()
        .map(|g| pairs(g.iter().filter(|p| costs.facilitator[**p]).count()))
        .sum();
    let facilitators = costs.facilitator.iter().filter(|f| **f).count();
    let count = groups.len().max(1);
    let (each, more) = (facilitators / count, facilitators % count);
    crowded > more * pairs(each + 1) + (count - more) * pairs(each)
}

/// Checks the hard constraints and returns the groups as ids, in a stable order.
fn finish(
    groups: Vec<Vec<usize>>,
    ids: &[usize],
    costs: &Costs,
    req: &Request,
) -> Result<Groups, GroupError> {
    let of = |i: usize| ids.get(i).copied().unwrap_or(usize::MAX);
    let mut out: Vec<Vec<usize>> = groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| {
            let mut g: Vec<usize> = g.into_iter().map(of).collect();
            g.sort_unstable();
            g
        })
        .collect();
    let group_of: HashMap<usize, usize> = out
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| g.iter().map(move |id| (*id, gi)))
        .collect();
    // In order, so the same request always names the same pair.
    let sorted = |pairs: &HashSet<(usize, usize)>| {
        let mut pairs: Vec<(usize, usize)> = pairs.iter().copied().collect();
        pairs.sort_unstable();
        pairs
    };
    // Rooms given from a file are what they are: the rules are for rooms convene forms.
    let given = req.strategy == Strategy::Given;
    for (a, b) in sorted(&costs.apart).iter().filter(|_| !given) {
        if group_of.get(a) == group_of.get(b) {
            return Err(GroupError::Impossible(format!(
                "{a} and {b} are to be kept apart, but there is no way to part them with these sizes"
            )));
        }
    }
    if !matches!(req.strategy, Strategy::Keep | Strategy::Given) {
        for (a, b) in &sorted(&costs.together) {
            if group_of.get(a) != group_of.get(b) {
                return Err(GroupError::Impossible(format!(
                    "{a} and {b} are to be kept together, but the groups are too small or other constraints part them"
                )));
            }
        }
    }
    // Kept rooms stay in their order, which is how the caller knows them (by name, say);
    // new rooms are ordered by their first member.
    if !matches!(req.strategy, Strategy::Keep | Strategy::Given) {
        out.sort_by_key(|g| g.first().copied().unwrap_or(usize::MAX));
    }
    Ok(Groups { groups: out })
}

pub mod files;
mod fresh;
mod measure;
mod mend;
mod plan;
mod search;

pub use measure::{
    Repeats, lower_bound, meetings, quality, random_baseline, repeats, round_lower_bound,
    round_repeats,
};
pub use plan::{plan, round_seed};

use fresh::anneal;
#[cfg(test)]
use mend::Swap;
use mend::{breaks_a_rule, improve, keep_pairs_together, repair};
use search::search;

#[cfg(test)]
mod tests;
