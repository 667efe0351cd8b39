//! Looking through the ways to part people into rooms when mending what greedy placing left
//! was not enough: every way for a dozen people, as many as a budget allows beyond.

use std::collections::HashMap;

use super::{Costs, HARD, ordered};

/// How many partial placings `search` looks at, at most: all of them for a dozen people,
/// a few milliseconds' worth for more.
const SEARCH_BUDGET: usize = 200_000;

/// The ways to part the people into groups of `sizes` that keep the together pairs together
/// and the apart pairs apart, looked through in order (those in a pair first, then the others
/// in `order`) up to `SEARCH_BUDGET` partial placings: the cheapest found, or `None`. For a
/// dozen people or so that is every way, so a round that can be formed is.
pub(super) fn search(
    order: &[usize],
    sizes: &[usize],
    ids: &[usize],
    costs: &Costs,
) -> Option<Vec<Vec<usize>>> {
    struct Search<'a> {
        order: Vec<usize>,
        sizes: &'a [usize],
        ids: &'a [usize],
        costs: &'a Costs,
        groups: Vec<Vec<usize>>,
        /// Each person's index, by id.
        at: HashMap<usize, usize>,
        /// Each person's group so far, by index.
        room: Vec<Option<usize>>,
        best: Option<(i64, Vec<Vec<usize>>)>,
        budget: usize,
    }
    fn place(s: &mut Search, k: usize, cost: i64) {
        if s.budget == 0 || s.best.as_ref().is_some_and(|(best, _)| cost >= *best) {
            return;
        }
        s.budget -= 1;
        let Some(&p) = s.order.get(k) else {
            s.best = Some((cost, s.groups.clone()));
            return;
        };
        let id = s.ids[p];
        let mut opened: Vec<usize> = Vec::new();
        for g in 0..s.groups.len() {
            if s.groups[g].len() >= s.sizes[g] {
                continue;
            }
            // Empty groups of one size are all alike: try one of them.
            if s.groups[g].is_empty() {
                if opened.contains(&s.sizes[g]) {
                    continue;
                }
                opened.push(s.sizes[g]);
            }
            let fits = s.groups[g]
                .iter()
                .all(|m| !s.costs.apart.contains(&ordered(id, s.ids[*m])))
                && s.costs.together.iter().all(|(a, b)| {
                    let partner = if *a == id {
                        *b
                    } else if *b == id {
                        *a
                    } else {
                        return true;
                    };
                    s.at.get(&partner)
                        .and_then(|q| s.room[*q])
                        .is_none_or(|r| r == g)
                });
            if !fits {
                continue;
            }
            // Together pairs are kept in every way tried: their bonus is left out.
            let added: i64 = s.groups[g]
                .iter()
                .map(|m| {
                    let c = s.costs.pair(p, *m, s.ids);
                    if s.costs.together.contains(&ordered(id, s.ids[*m])) {
                        c + HARD
                    } else {
                        c
                    }
                })
                .sum();
            s.groups[g].push(p);
            s.room[p] = Some(g);
            place(s, k + 1, cost + added);
            s.room[p] = None;
            s.groups[g].pop();
        }
    }
    // Those in a pair (and facilitators, when they are spread) first, each followed by whoever
    // is kept together with them, so that a dead end shows early; then the others.
    let bound = |p: usize| {
        let id = ids[p];
        (costs.w_facilitators > 0 && costs.facilitator[p])
            || costs
                .together
                .iter()
                .chain(&costs.apart)
                .any(|(a, b)| *a == id || *b == id)
    };
    let mut taken = vec![false; ids.len()];
    let mut first: Vec<usize> = Vec::new();
    for p in order.iter().copied().filter(|p| bound(*p)) {
        if taken[p] {
            continue;
        }
        taken[p] = true;
        first.push(p);
        let mut i = first.len() - 1;
        while i < first.len() {
            let id = ids[first[i]];
            for q in order.iter().copied() {
                if !taken[q] && costs.together.contains(&ordered(id, ids[q])) {
                    taken[q] = true;
                    first.push(q);
                }
            }
            i += 1;
        }
    }
    let order: Vec<usize> = first
        .iter()
        .chain(order.iter().filter(|p| !taken[**p]))
        .copied()
        .collect();
    let mut search = Search {
        order,
        sizes,
        ids,
        costs,
        groups: vec![Vec::new(); sizes.len()],
        at: ids.iter().enumerate().map(|(i, id)| (*id, i)).collect(),
        room: vec![None; ids.len()],
        best: None,
        budget: SEARCH_BUDGET,
    };
    place(&mut search, 0, 0);
    search.best.map(|(_, groups)| groups)
}
