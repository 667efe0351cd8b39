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
const MOST_MOVES: usize = 400_000;

/// How many moves a round of `people` into `rooms` rooms is given.
pub(super) fn budget(people: usize, rooms: usize) -> usize {
    if rooms < 2 {
        return 0;
    }
    people
        .saturating_mul(MOVES_PER_PERSON)
        .clamp(FEWEST_MOVES, MOST_MOVES)
}

/// `c` as a table holds it: 32 bits, so that the table of 1000 people takes 4 MB.
fn narrow(c: i64) -> i32 {
    c.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// The cost of every pair, by index into the people, in one table: what [`Costs::pair`] gives,
/// built pair by pair from the few things that cost.
pub(super) fn table(ids: &[usize], costs: &Costs) -> Vec<i32> {
    let n = ids.len();
    let mut t = vec![0i32; n * n];
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
            t[a * n + b] = narrow(c);
            t[b * n + a] = narrow(c);
        }
    }
    let index: std::collections::HashMap<usize, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut add = |x: usize, y: usize, c: i64| {
        if let (Some(a), Some(b)) = (index.get(&x), index.get(&y))
            && a != b
        {
            t[a * n + b] = t[a * n + b].saturating_add(narrow(c));
            t[b * n + a] = t[b * n + a].saturating_add(narrow(c));
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
/// first's room is the larger, moving the first alone, by the pairs it parts and joins; one
/// that lowers the cost is made, one that raises it by `d` with a chance of about
/// `e^(-d / t)` ([`accept`]), the temperature `t` falling from two units' worth to about a
/// thirtieth of one in 64 steps. The cheapest rooms seen at the end of a step are kept.
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
    let mut room = vec![usize::MAX; n];
    let mut place = vec![0usize; n];
    for (g, members) in groups.iter().enumerate() {
        for (i, p) in members.iter().enumerate() {
            room[*p] = g;
            place[*p] = i;
        }
    }
    // Only those placed take part; anyone else (none, when called from `form`) stays out.
    let placed: Vec<usize> = (0..n).filter(|p| room[*p] != usize::MAX).collect();
    if placed.len() < 2 {
        return;
    }
    // What `p` costs with the people of `members`, `skip` left out.
    let with = |members: &[usize], p: usize, skip: usize| -> i64 {
        members
            .iter()
            .filter(|x| **x != p && **x != skip)
            .map(|x| i64::from(cost[p * n + x]))
            .sum()
    };
    let total = |groups: &[Vec<usize>]| -> i64 {
        groups
            .iter()
            .map(|g| g.iter().map(|p| with(g, *p, usize::MAX)).sum::<i64>())
            .sum::<i64>()
            / 2
    };
    let mut now = total(groups);
    let mut best = (now, groups.to_vec());
    // Temperature in 1/1024ths, from two units of repeat cost (or of the largest soft cost).
    let unit = costs
        .w_repeat
        .max(costs.w_country)
        .max(costs.w_organisation)
        .max(1);
    for (t, per_step) in cooling(unit, moves) {
        for _ in 0..per_step {
            let p = placed[rng.random_range(0..placed.len())];
            let q = placed[rng.random_range(0..placed.len())];
            let (a, b) = (room[p], room[q]);
            if a == b {
                continue;
            }
            let alone = groups[a].len() > groups[b].len() && rng.random_bool(0.5);
            let delta = if alone {
                with(&groups[b], p, usize::MAX) - with(&groups[a], p, usize::MAX)
            } else {
                with(&groups[b], p, q) + with(&groups[a], q, p)
                    - with(&groups[a], p, usize::MAX)
                    - with(&groups[b], q, usize::MAX)
            };
            if !accept(delta, t, rng) {
                continue;
            }
            shift(groups, &mut room, &mut place, p, b);
            if !alone {
                shift(groups, &mut room, &mut place, q, a);
            }
            now += delta;
        }
        if now < best.0 {
            best = (now, groups.to_vec());
        }
    }
    if best.0 < now {
        groups.clone_from_slice(&best.1);
    }
}

/// Moves `p` to room `to`, keeping each person's room and place in it.
fn shift(groups: &mut [Vec<usize>], room: &mut [usize], place: &mut [usize], p: usize, to: usize) {
    let (from, i) = (room[p], place[p]);
    groups[from].swap_remove(i);
    if let Some(moved) = groups[from].get(i) {
        place[*moved] = i;
    }
    place[p] = groups[to].len();
    groups[to].push(p);
    room[p] = to;
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

/// The temperatures of an annealing run of `moves` moves, each with its share of the moves:
/// 64 steps, from two `unit`s of cost down by 15/16 a step to about a thirtieth of one.
/// Whole numbers only (1/1024ths inside), so a seed gives the same rooms on every machine.
pub(super) fn cooling(unit: i64, moves: usize) -> impl Iterator<Item = (i64, usize)> {
    const STEPS: usize = 64;
    let per_step = moves.div_ceil(STEPS);
    (0..STEPS).scan(unit * 2 * 1024, move |hot, _| {
        let t = (*hot / 1024).max(1);
        *hot = *hot * 15 / 16;
        Some((t, per_step))
    })
}
