//! How fresh a schedule of rounds is: its repeat meetings, the most rounds any pair shared, and
//! the fewest repeat meetings any schedule of the same rooms could have.
//!
//! A pair who shared a room in `m` rounds met again `C(m, 2)` times: once for every two of
//! those rounds. So a schedule's repeat meetings are, summed over every two of its rounds, the
//! pairs who shared a room in both; and a round's are, summed over its pairs, how many earlier
//! rounds each shared.

use std::collections::{HashMap, HashSet};

use super::{Baseline, Person, Quality, Request, Strategy, form, ordered, past_pairs};

/// Pairs of people who shared a room in `m` rounds met again `C(m, 2)` times.
fn again(m: usize) -> usize {
    m * m.saturating_sub(1) / 2
}

/// How many rounds each pair (by id, smaller first) shared a room in.
pub fn meetings(rounds: &[Vec<Vec<usize>>]) -> HashMap<(usize, usize), usize> {
    let mut met = HashMap::new();
    for round in rounds {
        for room in round {
            for (i, a) in room.iter().enumerate() {
                for b in &room[i + 1..] {
                    if a != b {
                        *met.entry(ordered(*a, *b)).or_default() += 1;
                    }
                }
            }
        }
    }
    met
}

/// A schedule's repeat meetings and the most rounds a pair shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Repeats {
    /// Over all pairs, `C(m, 2)` where `m` is how many rounds the pair shared a room.
    pub meetings: usize,
    /// The most rounds any pair shared a room in (0 with no pairs).
    pub most: usize,
}

pub fn repeats(rounds: &[Vec<Vec<usize>>]) -> Repeats {
    let met = meetings(rounds);
    Repeats {
        meetings: met.values().map(|m| again(*m)).sum(),
        most: met.values().copied().max().unwrap_or(0),
    }
}

/// The repeat meetings a round adds to `history`: for each pair in one of its rooms, how many
/// earlier rounds they shared a room in.
pub fn round_repeats(round: &[Vec<usize>], history: &[Vec<Vec<usize>>]) -> usize {
    let met = meetings(history);
    round
        .iter()
        .map(|room| {
            room.iter()
                .enumerate()
                .map(|(i, a)| {
                    room[i + 1..]
                        .iter()
                        .map(|b| met.get(&ordered(*a, *b)).copied().unwrap_or(0))
                        .sum::<usize>()
                })
                .sum::<usize>()
        })
        .sum()
}

/// The fewest pairs `people` put in `rooms` rooms can make: as evenly spread as can be.
fn spread(people: usize, rooms: usize) -> usize {
    if rooms == 0 {
        return again(people);
    }
    let (each, more) = (people / rooms, people % rooms);
    more * again(each + 1) + (rooms - more) * again(each)
}

/// The fewest pairs that shared a room of `earlier` and share one of `later`: each room of
/// `earlier`, of those in `later`, spread over `later`'s rooms as evenly as can be.
fn shared_at_least(earlier: &[Vec<usize>], later: &[Vec<usize>]) -> usize {
    let there: HashSet<usize> = later.iter().flatten().copied().collect();
    let rooms = later.iter().filter(|r| !r.is_empty()).count();
    earlier
        .iter()
        .map(|room| spread(room.iter().filter(|p| there.contains(p)).count(), rooms))
        .sum()
}

/// The fewest repeat meetings a schedule of the same rooms could have: for every two rounds,
/// each room of the first spread over the rooms of the second as evenly as can be; or, when
/// more, the counting bound: the pair meetings of all rounds spread over every pair of the
/// people as evenly as can be.
pub fn lower_bound(rounds: &[Vec<Vec<usize>>]) -> usize {
    let mut by_rounds = 0;
    for (i, earlier) in rounds.iter().enumerate() {
        for later in &rounds[i + 1..] {
            by_rounds += shared_at_least(earlier, later);
        }
    }
    let people: HashSet<usize> = rounds.iter().flatten().flatten().copied().collect();
    let pairs = again(people.len());
    let held: usize = rounds.iter().flatten().map(|room| again(room.len())).sum();
    let by_counting = match (held.checked_div(pairs), held.checked_rem(pairs)) {
        (Some(each), Some(more)) => more * again(each + 1) + (pairs - more) * again(each),
        _ => 0,
    };
    by_rounds.max(by_counting)
}

/// The fewest repeat meetings a round of these rooms could add to `history`: each earlier
/// room, of those in the round, spread over its rooms as evenly as can be, summed over the
/// earlier rounds; or, when more, the round's pairs less the pairs of its people who never
/// met.
pub fn round_lower_bound(round: &[Vec<usize>], history: &[Vec<Vec<usize>>]) -> usize {
    let by_rounds: usize = history
        .iter()
        .map(|earlier| shared_at_least(earlier, round))
        .sum();
    let here: HashSet<usize> = round.iter().flatten().copied().collect();
    let met_here = meetings(history)
        .keys()
        .filter(|(a, b)| here.contains(a) && here.contains(b))
        .count();
    let never_met = again(here.len()) - met_here;
    let pairs: usize = round.iter().map(|room| again(room.len())).sum();
    by_rounds.max(pairs.saturating_sub(never_met))
}

pub fn quality(groups: &[Vec<usize>], people: &[Person], history: &[Vec<Vec<usize>>]) -> Quality {
    let by_id: HashMap<usize, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let past = past_pairs(history);
    let mut q = Quality {
        smallest: groups.iter().map(Vec::len).min().unwrap_or(0),
        largest: groups.iter().map(Vec::len).max().unwrap_or(0),
        repeat_meetings: Some(round_repeats(groups, history)),
        repeat_lower_bound: Some(round_lower_bound(groups, history)),
        ..Quality::default()
    };
    for group in groups {
        for (i, a) in group.iter().enumerate() {
            for b in group.iter().skip(i + 1) {
                if past.contains(&ordered(*a, *b)) {
                    q.repeated_pairs += 1;
                }
                let (Some(pa), Some(pb)) = (by_id.get(a), by_id.get(b)) else {
                    continue;
                };
                if pa.country.is_some() && pa.country == pb.country {
                    q.same_country_pairs += 1;
                }
                if pa.organisation.is_some() && pa.organisation == pb.organisation {
                    q.same_organisation_pairs += 1;
                }
            }
        }
        let countries: HashSet<Option<&String>> = group
            .iter()
            .filter_map(|id| by_id.get(id))
            .map(|p| p.country.as_ref())
            .collect();
        if group.len() > 1 && countries.len() == 1 && !countries.contains(&None) {
            q.single_country_groups += 1;
        }
    }
    q
}

pub fn random_baseline(req: &Request, samples: usize) -> Baseline {
    let mut sum = Baseline::default();
    let mut n = 0.0;
    for i in 0..samples {
        let random = Request {
            people: req.people,
            size: req.size,
            strategy: Strategy::Random,
            seed: req
                .seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(i as u64 + 1),
            history: req.history,
            keep: None,
            pin_facilitators: false,
            together: &[],
            apart: &[],
        };
        if let Ok(g) = form(&random) {
            let q = quality(&g.groups, req.people, req.history);
            sum.repeated_pairs += q.repeated_pairs as f64;
            sum.same_country_pairs += q.same_country_pairs as f64;
            sum.same_organisation_pairs += q.same_organisation_pairs as f64;
            sum.single_country_groups += q.single_country_groups as f64;
            sum.repeat_meetings += q.repeat_meetings.unwrap_or(0) as f64;
            n += 1.0;
        }
    }
    if n > 0.0 {
        sum.repeated_pairs /= n;
        sum.same_country_pairs /= n;
        sum.same_organisation_pairs /= n;
        sum.single_country_groups /= n;
        sum.repeat_meetings /= n;
    }
    sum
}
