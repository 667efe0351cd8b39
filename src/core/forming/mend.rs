//! Mending a round after greedy placing: breaking no hard rule (repair), lowering the cost by
//! swaps (improve), and joining pairs kept together that were left apart.

use std::collections::HashSet;

use rand_chacha::ChaCha8Rng;

use super::{Costs, HARD, ordered};

/// Whether person `p` (in group `g`) breaks a hard rule: shares the group with someone to keep
/// apart from (or, with `facilitators`, a facilitator with another), or is parted from someone
/// to keep together.
pub(super) fn breaks_a_rule(
    groups: &[Vec<usize>],
    g: usize,
    p: usize,
    ids: &[usize],
    costs: &Costs,
    facilitators: bool,
) -> bool {
    let id = ids[p];
    let shares = groups[g].iter().any(|m| {
        *m != p
            && (costs.apart.contains(&ordered(id, ids[*m]))
                || (facilitators && costs.facilitator[p] && costs.facilitator[*m]))
    });
    shares
        || costs.together.iter().any(|(a, b)| {
            let partner = if *a == id {
                *b
            } else if *b == id {
                *a
            } else {
                return false;
            };
            !groups[g].iter().any(|m| ids[*m] == partner)
        })
}

/// Two places to swap the people of: (group, position) each.
pub(super) type Swap = ((usize, usize), (usize, usize));

/// What the search left of the hard rules, mended: of all swaps of someone who breaks one
/// with anyone in another group (or, with the one they are kept together with, with two
/// people of another group), the one that lowers the cost most by a hard rule's worth, again
/// while there is one. Nobody marked in `stays` (by index) is moved.
pub(super) fn repair(groups: &mut [Vec<usize>], ids: &[usize], costs: &Costs, stays: &[bool]) {
    let stays = |p: usize| stays.get(p).copied().unwrap_or(false);
    let n: usize = groups.iter().map(Vec::len).sum();
    for _ in 0..(2 * n) {
        // The gain, and the places to swap: one pair of places or two.
        let mut best: Option<(i64, Vec<Swap>)> = None;
        let mut consider = |gain: i64, swaps: Vec<Swap>| {
            if gain >= HARD / 20 && best.as_ref().is_none_or(|b| gain > b.0) {
                best = Some((gain, swaps));
            }
        };
        for ga in 0..groups.len() {
            for ia in 0..groups[ga].len() {
                let p = groups[ga][ia];
                if stays(p) || !breaks_a_rule(groups, ga, p, ids, costs, costs.w_facilitators > 0) {
                    continue;
                }
                // The one `p` is kept together with, in the same group.
                let partner = (0..groups[ga].len()).find(|i| {
                    *i != ia
                        && !stays(groups[ga][*i])
                        && costs
                            .together
                            .contains(&ordered(ids[p], ids[groups[ga][*i]]))
                });
                for gb in (0..groups.len()).filter(|gb| *gb != ga) {
                    let (a, b) = (&groups[ga], &groups[gb]);
                    for ib in 0..b.len() {
                        let q = b[ib];
                        if stays(q) {
                            continue;
                        }
                        let before = costs.with(p, a, ids) + costs.with(q, b, ids);
                        let after = costs.with(p, b, ids) - costs.pair(p, q, ids)
                            + costs.with(q, a, ids)
                            - costs.pair(q, p, ids);
                        consider(before - after, vec![((ga, ia), (gb, ib))]);
                    }
                    let Some(ip) = partner else {
                        continue;
                    };
                    // `p` and their partner for two of group `gb`: the pairs each leaves and
                    // joins.
                    let pp = a[ip];
                    let pair = |x: usize, y: usize| costs.pair(x, y, ids);
                    let leaving = costs.with(p, a, ids) + costs.with(pp, a, ids) - 2 * pair(p, pp);
                    let (p_there, pp_there) = (costs.with(p, b, ids), costs.with(pp, b, ids));
                    for ix in 0..b.len() {
                        for iy in (ix + 1)..b.len() {
                            let (x, y) = (b[ix], b[iy]);
                            if stays(x) || stays(y) {
                                continue;
                            }
                            let before = leaving + costs.with(x, b, ids) + costs.with(y, b, ids)
                                - 2 * pair(x, y);
                            let after = p_there - pair(p, x) - pair(p, y) + pp_there
                                - pair(pp, x)
                                - pair(pp, y)
                                + costs.with(x, a, ids)
                                - pair(x, p)
                                - pair(x, pp)
                                + costs.with(y, a, ids)
                                - pair(y, p)
                                - pair(y, pp);
                            consider(
                                before - after,
                                vec![((ga, ia), (gb, ix)), ((ga, ip), (gb, iy))],
                            );
                        }
                    }
                }
            }
        }
        let Some((_, swaps)) = best else {
            return;
        };
        for ((ga, ia), (gb, ib)) in swaps {
            let p = groups[ga][ia];
            groups[ga][ia] = groups[gb][ib];
            groups[gb][ib] = p;
        }
    }
}

/// Swaps people between groups while a swap lowers the cost. For "random", only swaps that
/// repair a constraint count.
pub(super) fn improve(
    groups: &mut [Vec<usize>],
    ids: &[usize],
    costs: &Costs,
    rng: &mut ChaCha8Rng,
    constraints_only: bool,
) {
    use rand::Rng;
    let count = groups.len();
    if count < 2 {
        return;
    }
    let n: usize = groups.iter().map(Vec::len).sum();
    let rounds = 40;
    for _ in 0..rounds {
        let mut improved = false;
        for _ in 0..(n * 4) {
            let ga = rng.random_range(0..count);
            let gb = rng.random_range(0..count);
            if ga == gb || groups[ga].is_empty() || groups[gb].is_empty() {
                continue;
            }
            let ia = rng.random_range(0..groups[ga].len());
            let ib = rng.random_range(0..groups[gb].len());
            let (p, q) = (groups[ga][ia], groups[gb][ib]);
            let before = costs.with(p, &groups[ga], ids) + costs.with(q, &groups[gb], ids);
            let after = costs.with(p, &groups[gb], ids) - costs.pair(p, q, ids)
                + costs.with(q, &groups[ga], ids)
                - costs.pair(q, p, ids);
            let gain = before - after;
            let worth = if constraints_only {
                gain >= HARD / 20
            } else {
                gain > 0
            };
            if worth {
                groups[ga][ia] = q;
                groups[gb][ib] = p;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Joins keep-together pairs the search left apart: the second person swaps with whoever in
/// the first one's group is cheapest to move and bound to nobody; failing that, the first
/// person likewise into the second one's group; failing that, both swap with two such people
/// of a third group.
pub(super) fn keep_pairs_together(groups: &mut [Vec<usize>], ids: &[usize], costs: &Costs) {
    let bound: HashSet<usize> = costs.together.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let mut pairs: Vec<(usize, usize)> = costs.together.iter().copied().collect();
    pairs.sort_unstable();
    let position = |groups: &[Vec<usize>], id: usize| {
        groups.iter().enumerate().find_map(|(g, members)| {
            members
                .iter()
                .position(|m| ids.get(*m) == Some(&id))
                .map(|i| (g, i))
        })
    };
    // Of group `g`, leaving out the places in `taken`, the place of whoever is bound to
    // nobody and cheapest to move to group `to` in place of `q`.
    let free = |groups: &[Vec<usize>], g: usize, taken: &[usize], to: usize, q: usize| {
        groups[g]
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                !taken.contains(i) && ids.get(**m).is_some_and(|id| !bound.contains(id))
            })
            .min_by_key(|(_, m)| costs.with(**m, &groups[to], ids) - costs.pair(**m, q, ids))
            .map(|(i, _)| i)
    };
    let swap = |groups: &mut [Vec<usize>], (ga, ia): (usize, usize), (gb, ib): (usize, usize)| {
        let p = groups[ga][ia];
        groups[ga][ia] = groups[gb][ib];
        groups[gb][ib] = p;
    };
    for (a, b) in pairs {
        let (Some((ga, ia)), Some((gb, ib))) = (position(groups, a), position(groups, b)) else {
            continue;
        };
        if ga == gb {
            continue;
        }
        if let Some(ic) = free(groups, ga, &[], gb, groups[gb][ib]) {
            swap(groups, (ga, ic), (gb, ib));
            continue;
        }
        if let Some(ic) = free(groups, gb, &[], ga, groups[ga][ia]) {
            swap(groups, (gb, ic), (ga, ia));
            continue;
        }
        let third = (0..groups.len())
            .filter(|g| *g != ga && *g != gb)
            .find_map(|gc| {
                let ic = free(groups, gc, &[], ga, groups[ga][ia])?;
                let id = free(groups, gc, &[ic], gb, groups[gb][ib])?;
                Some((gc, ic, id))
            });
        if let Some((gc, ic, id)) = third {
            swap(groups, (gc, ic), (ga, ia));
            swap(groups, (gc, id), (gb, ib));
        }
    }
}
