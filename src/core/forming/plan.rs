//! Planning several rounds at once. Each round is first formed after the ones before, as the
//! console forms them; then, for "fresh", the rounds are searched together, since a round
//! formed alone cannot see what it leaves the rounds after it: annealing over swaps within a
//! round, weighing each pair's meetings over the whole schedule (earlier rounds of the
//! workshop included), so that meetings spread over as many pairs as they can.

use rand::Rng;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{
    Costs, GroupError, Groups, Request, Strategy, falls_short, finish, form_within, fresh, prepare,
};

/// Moves weighed per person and planned round when the rounds are searched together, within
/// [`FEWEST_MOVES`] and [`MOST_MOVES`]: about half a second for 9 rounds of 30 people on a
/// release build (2-core AMD EPYC, November 2026).
const MOVES_PER_SEAT: usize = 32_000;
const FEWEST_MOVES: usize = 400_000;
const MOST_MOVES: usize = 10_000_000;
/// The moves each round is given when it is first formed alone, before the rounds are
/// searched together.
const FIRST_MOVES: usize = 20_000;

/// The seed of the `r`-th planned round (from 0), from the plan's.
pub fn round_seed(seed: u64, r: usize) -> u64 {
    seed.wrapping_mul(1_000_003).wrapping_add(r as u64)
}

/// `rounds` rounds for the people of `req`, after `req.history`: each formed as
/// [`form`](super::form) forms it after the ones before (with [`round_seed`]; for "fresh", with
/// a shorter search), then, for "fresh", searched together.
pub fn plan(req: &Request, rounds: usize) -> Result<Vec<Groups>, GroupError> {
    let mut history: Vec<Vec<Vec<usize>>> = req.history.to_vec();
    let mut planned = Vec::with_capacity(rounds);
    for r in 0..rounds {
        let first = (req.strategy == Strategy::Fresh && rounds > 1).then_some(FIRST_MOVES);
        let round = form_within(
            &Request {
                people: req.people,
                size: req.size,
                strategy: req.strategy,
                seed: round_seed(req.seed, r),
                history: &history,
                keep: req.keep,
                pin_facilitators: req.pin_facilitators,
                together: req.together,
                apart: req.apart,
            },
            first,
        )?;
        history.push(round.groups.clone());
        planned.push(round);
    }
    if req.strategy != Strategy::Fresh || rounds < 2 {
        return Ok(planned);
    }
    let (ids, index, costs) = prepare(&Request {
        history: &[],
        ..*req
    })?;
    let as_indexes = |round: &Groups| -> Vec<Vec<usize>> {
        round
            .groups
            .iter()
            .map(|g| g.iter().filter_map(|id| index.get(id).copied()).collect())
            .collect()
    };
    let before: Vec<Vec<Vec<usize>>> = req
        .history
        .iter()
        .map(|round| {
            round
                .iter()
                .map(|g| g.iter().filter_map(|id| index.get(id).copied()).collect())
                .collect()
        })
        .collect();
    let mut searched: Vec<Vec<Vec<usize>>> = planned.iter().map(as_indexes).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(round_seed(req.seed, rounds));
    let moves = ids
        .len()
        .saturating_mul(rounds)
        .saturating_mul(MOVES_PER_SEAT)
        .clamp(FEWEST_MOVES, MOST_MOVES);
    anneal_schedule(&mut searched, &before, &ids, &costs, &mut rng, moves);
    // A round the search left short of a rule the round formed alone kept stays as formed.
    let mut out = Vec::with_capacity(rounds);
    for (alone, together) in planned.into_iter().zip(searched) {
        let worse =
            falls_short(&together, &ids, &costs) && !falls_short(&as_indexes(&alone), &ids, &costs);
        match finish(together, &ids, &costs, req) {
            Ok(found) if !worse => out.push(found),
            _ => out.push(alone),
        }
    }
    Ok(out)
}

/// What one more meeting costs a pair who met `m` times, in units of a repeat: `m²`, so a
/// third meeting costs four second ones.
fn again(m: u16, unit: i64) -> i64 {
    let m = i64::from(m);
    m * m * unit
}

/// Anneals the planned `rounds` (people by index) together, `before` being the workshop's
/// earlier rounds: each move swaps two people of different rooms in one round (or moves one
/// from a room one above the smallest); its cost is what the pairs it parts and joins cost in
/// that round, and what their meetings over all rounds cost ([`again`]).
fn anneal_schedule(
    rounds: &mut [Vec<Vec<usize>>],
    before: &[Vec<Vec<usize>>],
    ids: &[usize],
    costs: &Costs,
    rng: &mut ChaCha8Rng,
    moves: usize,
) {
    let n = ids.len();
    if n < 2 || rounds.is_empty() || moves == 0 {
        return;
    }
    let table = fresh::table(ids, costs);
    let unit = costs.w_repeat.max(1);
    // How many rounds each pair shared, earlier and planned.
    let mut met = vec![0u16; n * n];
    let count = |met: &mut [u16], room: &[usize]| {
        for (i, a) in room.iter().enumerate() {
            for b in &room[i + 1..] {
                met[a * n + b] += 1;
                met[b * n + a] += 1;
            }
        }
    };
    for round in before.iter().chain(rounds.iter()) {
        for room in round {
            count(&mut met, room);
        }
    }
    // Each planned round's room and place in it of every person (usize::MAX: not placed).
    let mut room_of = vec![vec![usize::MAX; n]; rounds.len()];
    let mut place = vec![vec![0usize; n]; rounds.len()];
    for (r, round) in rounds.iter().enumerate() {
        for (g, room) in round.iter().enumerate() {
            for (i, p) in room.iter().enumerate() {
                room_of[r][*p] = g;
                place[r][*p] = i;
            }
        }
    }
    let placed: Vec<Vec<usize>> = (0..rounds.len())
        .map(|r| (0..n).filter(|p| room_of[r][*p] != usize::MAX).collect())
        .collect();
    let playable: Vec<usize> = (0..rounds.len())
        .filter(|r| placed[*r].len() >= 2 && rounds[*r].len() >= 2)
        .collect();
    if playable.is_empty() {
        return;
    }
    // What `p` leaving (or joining) the room: the pairs with everyone else in it.
    let leave = |met: &[u16], room: &[usize], p: usize, skip: usize| -> i64 {
        room.iter()
            .filter(|x| **x != p && **x != skip)
            .map(|x| again(met[p * n + x] - 1, unit) + i64::from(table[p * n + x]))
            .sum()
    };
    let join = |met: &[u16], room: &[usize], p: usize, skip: usize| -> i64 {
        room.iter()
            .filter(|x| **x != p && **x != skip)
            .map(|x| again(met[p * n + x], unit) + i64::from(table[p * n + x]))
            .sum()
    };
    for (t, per_step) in super::fresh::cooling(unit, moves) {
        for _ in 0..per_step {
            let r = playable[rng.random_range(0..playable.len())];
            let people = &placed[r];
            let p = people[rng.random_range(0..people.len())];
            let q = people[rng.random_range(0..people.len())];
            let (a, b) = (room_of[r][p], room_of[r][q]);
            if a == b {
                continue;
            }
            let alone = rounds[r][a].len() > rounds[r][b].len() && rng.random_bool(0.5);
            let delta = if alone {
                join(&met, &rounds[r][b], p, usize::MAX) - leave(&met, &rounds[r][a], p, usize::MAX)
            } else {
                join(&met, &rounds[r][b], p, q) + join(&met, &rounds[r][a], q, p)
                    - leave(&met, &rounds[r][a], p, usize::MAX)
                    - leave(&met, &rounds[r][b], q, usize::MAX)
            };
            let take = fresh::accept(delta, t, rng);
            if !take {
                continue;
            }
            if alone {
                shift(
                    &mut rounds[r],
                    &mut met,
                    &mut place[r],
                    &mut room_of[r],
                    n,
                    p,
                    b,
                );
            } else {
                shift(
                    &mut rounds[r],
                    &mut met,
                    &mut place[r],
                    &mut room_of[r],
                    n,
                    p,
                    b,
                );
                shift(
                    &mut rounds[r],
                    &mut met,
                    &mut place[r],
                    &mut room_of[r],
                    n,
                    q,
                    a,
                );
            }
        }
    }
}

/// Moves `p` to room `to` of a round, counting the pairs it parts and joins.
fn shift(
    round: &mut [Vec<usize>],
    met: &mut [u16],
    place: &mut [usize],
    room_of: &mut [usize],
    n: usize,
    p: usize,
    to: usize,
) {
    let from = room_of[p];
    let i = place[p];
    round[from].swap_remove(i);
    if let Some(moved) = round[from].get(i) {
        place[*moved] = i;
    }
    for x in &round[from] {
        met[p * n + x] -= 1;
        met[x * n + p] -= 1;
    }
    for x in &round[to] {
        met[p * n + x] += 1;
        met[x * n + p] += 1;
    }
    place[p] = round[to].len();
    round[to].push(p);
    room_of[p] = to;
}
