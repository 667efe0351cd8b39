//! The search behind "fresh" rounds: annealing over swaps between rooms (and moves from a
//! room one above the smallest to the smallest), with every pair's cost in a table and, for
//! every person and room, what that person would cost in that room, so that weighing a move
//! takes a few additions whatever the number of people.
//!
//! The search runs for a number of moves, not for a time, so that the same seed gives the same
//! rooms on any machine, in a debug build as in a release one; and it uses integers only.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{Costs, HARD};

/// Moves weighed per person in the round: with [`MOST_MOVES`] and [`FEWEST_MOVES`], about
/// 10 ms for a round of 30 people and 100 ms for 1000 people on a release build (2-core AMD EPYC,
/// November 2026).
const MOVES_PER_PERSON: usize = 12_000;
/// The fewest moves a round is given, so small rounds are searched well.
const FEWEST_MOVES: usize = 200_000;
/// The most moves a round is given, so large rounds stay quick.
const MOST_MOVES: usize = 1_500_000;

/// How many moves a round of `people` into `rooms` rooms is given.
pub(super) fn budget(people: usize, rooms: usize) -> usize {
    if rooms < 2 {
        return 0;
    }
    people
        .saturating_mul(MOVES_PER_PERSON)
        .clamp(FEWEST_MOVES, MOST_MOVES)
}

/// The cost of every pair, by index into the people, in one table: what [`Costs::pair`] gives,
/// built pair by pair from the few things that cost.
pub(super) fn table(ids: &[usize], costs: &Costs) -> Vec<i64> {
    let n = ids.len();
    let mut t = vec![0i64; n * n];
    for a in 0..n {
        for b in (a + 1)..n {
            let mut c = 0;
            if costs.country[a].is_some() && costs.country[a] == costs.country[b] {
                c += costs.w_country;
            }
            if costs.organisation[a].is_some() && costs.organisation[a] == costs.organisation[b] {
                c += costs.w_organisation;
            }
            if costs.facilitator[a] && costs.facilitator[b] {
                c += costs.w_facilitators;
            }
            t[a * n + b] = c;
            t[b * n + a] = c;
        }
    }
    let index: std::collections::HashMap<usize, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut add = |x: usize, y: usize, c: i64| {
        if let (Some(a), Some(b)) = (index.get(&x), index.get(&y))
            && a != b
        {
            t[a * n + b] += c;
            t[b * n + a] += c;
        }
    };
    if costs.w_repeat > 0 {
        for ((x, y), again) in &costs.past {
            add(*x, *y, *again);
        }
    }
    for (x, y) in &costs.apart {
        add(*x, *y, HARD);
    }
    for (x, y) in &costs.together {
        add(*x, *y, -HARD);
    }
    t
}

/// Lowers the cost of `groups` (people by index, sizes as they are) by annealing for `moves`
/// moves: each draws two people of different rooms and weighs swapping them or, when the
/// first's room is the larger, moving the first alone; one that lowers the cost is made, one
/// that raises it by `d` with a chance of `(t - d) / t`, the temperature `t` falling from a
/// unit's worth to one in 64 steps. The cheapest rooms seen are kept.
pub(super) fn anneal(
    groups: &mut [Vec<usize>],
    ids: &[usize],
    costs: &Costs,
    rng: &mut ChaCha8Rng,
    moves: usize,
) {
    let k = groups.len();
    let n = ids.len();
    if k < 2 || n < 2 || moves == 0 {
        return;
    }
    let cost = table(ids, costs);
    let pair = |a: usize, b: usize| cost[a * n + b];
    let mut room = vec![usize::MAX; n];
    for (g, members) in groups.iter().enumerate() {
        for p in members {
            room[*p] = g;
        }
    }
    // Only those placed take part; anyone else (none, when called from `form`) stays out.
    let placed: Vec<usize> = (0..n).filter(|p| room[*p] != usize::MAX).collect();
    if placed.len() < 2 {
        return;
    }
    let mut size: Vec<usize> = groups.iter().map(Vec::len).collect();
    // What each person costs in each room, themselves left out.
    let mut load = vec![0i64; n * k];
    for p in &placed {
        for q in &placed {
            if p != q {
                load[p * k + room[*q]] += pair(*p, *q);
            }
        }
    }
    let mut now: i64 = placed.iter().map(|p| load[p * k + room[*p]]).sum::<i64>() / 2;
    let mut best = (now, room.clone());
    // Temperature in 1/1024ths, from a unit of repeat cost (or of the largest soft cost) down.
    let unit = costs
        .w_repeat
        .max(costs.w_country)
        .max(costs.w_organisation)
        .max(1);
    let mut hot: i64 = unit * 1024;
    let steps = 64;
    let per_step = moves.div_ceil(steps);
    let moved = |room: &mut [usize], load: &mut [i64], p: usize, from: usize, to: usize| {
        for x in &placed {
            let c = pair(*x, p);
            load[x * k + from] -= c;
            load[x * k + to] += c;
        }
        room[p] = to;
    };
    for step in 0..steps {
        let t = (hot / 1024).max(1);
        for _ in 0..per_step {
            let p = placed[rng.random_range(0..placed.len())];
            let q = placed[rng.random_range(0..placed.len())];
            let (a, b) = (room[p], room[q]);
            if a == b {
                continue;
            }
            let alone = size[a] > size[b] && rng.random_bool(0.5);
            let delta = if alone {
                load[p * k + b] - load[p * k + a]
            } else {
                load[p * k + b] - pair(p, q) + load[q * k + a]
                    - pair(q, p)
                    - load[p * k + a]
                    - load[q * k + b]
            };
            let take = accept(delta, t, rng);
            if !take {
                continue;
            }
            moved(&mut room, &mut load, p, a, b);
            if alone {
                size[a] -= 1;
                size[b] += 1;
            } else {
                moved(&mut room, &mut load, q, b, a);
            }
            now += delta;
            if now < best.0 {
                best = (now, room.clone());
            }
        }
        if step + 1 < steps {
            // 15/16 a step: from a unit to about a sixtieth of one over the 64 steps.
            hot = hot * 15 / 16;
        }
    }
    for members in groups.iter_mut() {
        members.clear();
    }
    for p in placed {
        groups[best.1[p]].push(p);
    }
}

/// Whether a move that raises the cost by `delta` is made at temperature `t` (both in cost
/// units): always when it lowers nothing less (`delta <= 0`), else about as often as
/// `e^(-delta / t)`, from integers only: an exponential draw, in `1/1024`ths, made of a
/// geometric whole part (the trailing zeros of a random word) and a fraction, times `ln 2`.
pub(super) fn accept(delta: i64, t: i64, rng: &mut ChaCha8Rng) -> bool {
    if delta <= 0 {
        return true;
    }
    let word: u64 = rng.random();
    let whole = i64::from(word.trailing_zeros().min(40));
    let fraction = ((word >> 54) & 1023) as i64;
    // ln 2 is about 710/1024.
    let draw = (whole * 1024 + fraction) * 710 / 1024;
    delta * 1024 <= t * draw
}
