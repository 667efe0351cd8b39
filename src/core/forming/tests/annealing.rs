//! The fresh search's steps: its costs, its annealing, its acceptance and evening out.

use super::*;

#[test]
fn meeting_again_costs_the_square_of_the_meetings_and_a_little_for_recent_ones() {
    // Rounds oldest first: 0-1 meet in all three, 2-3 in the first only, 4-5 in the last only.
    let history = vec![
        vec![vec![0, 1], vec![2, 3]],
        vec![vec![0, 1]],
        vec![vec![0, 1], vec![4, 5]],
    ];
    let c = repeat_costs(&history, 64);
    // Three times (9 units), the last round (an eighth) and the one before (a sixteenth).
    assert_eq!(c[&(0, 1)], 9 * 64 + 8 + 4);
    assert_eq!(c[&(2, 3)], 64);
    assert_eq!(c[&(4, 5)], 64 + 8);
    assert_eq!(c.len(), 3);
}

#[test]
fn the_table_holds_what_each_pair_costs() {
    let ids = vec![10, 11, 12, 13, 14];
    let mut c = costs(5, &[], &[3, 4]);
    c.apart = [(10, 14)].into_iter().collect();
    c.together = [(11, 12)].into_iter().collect();
    c.past = [((10, 11), 60), ((12, 13), 250)].into_iter().collect();
    (c.w_repeat, c.w_country, c.w_organisation) = (60, 10, 4);
    c.country = vec![Some(0), Some(0), None, Some(1), Some(1)];
    c.organisation = vec![Some(0), None, Some(2), Some(2), None];
    let t = fresh::table(&ids, &c);
    for a in 0..5 {
        for b in 0..5 {
            if a != b {
                assert_eq!(i64::from(t[a * 5 + b]), c.pair(a, b, &ids), "{a} {b}");
            }
        }
    }
}

#[test]
fn annealing_parts_everyone_who_met_when_it_can() {
    // 12 people, 3 rooms of 4; the last round had rooms {0..3}, {4..7}, {8..11}. Each new
    // room of 4 draws on 3 old rooms, so two of its people shared one: a pair again a room,
    // 3 units at best, and 3 is reachable (one from each old room, and one more).
    let ids: Vec<usize> = (0..12).collect();
    let mut c = costs(12, &[], &[]);
    c.w_repeat = 60;
    c.past = repeat_costs(
        &[vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9, 10, 11]]],
        60,
    )
    .into_keys()
    .map(|p| (p, 60))
    .collect();
    let mut groups = vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9, 10, 11]];
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    fresh::anneal(&mut groups, &ids, &c, &mut rng, 50_000);
    assert_eq!(total(&groups, &ids, &c), 3 * 60);
    let mut sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, vec![4, 4, 4]);
}

#[test]
fn annealing_keeps_sizes_within_one() {
    let ids: Vec<usize> = (0..7).collect();
    let c = costs(7, &[(0, 1), (2, 3)], &[]);
    let mut groups = vec![vec![0, 1, 2, 3], vec![4, 5, 6]];
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    fresh::anneal(&mut groups, &ids, &c, &mut rng, 10_000);
    assert_eq!(total(&groups, &ids, &c), 0);
    let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    assert!(sizes == vec![4, 3] || sizes == vec![3, 4], "{sizes:?}");
}

#[test]
fn accepting_a_rise_grows_rarer_as_it_grows_and_as_the_temperature_falls() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut rate = |delta: i64, t: i64| {
        (0..4000)
            .filter(|_| fresh::accept(delta, t, &mut rng))
            .count()
    };
    assert_eq!(rate(0, 1), 4000);
    assert_eq!(rate(-5, 1), 4000);
    // e^-1 of 4000 is about 1472, e^-3 about 199.
    let (one, three) = (rate(60, 60), rate(180, 60));
    assert!((1250..1700).contains(&one), "{one}");
    assert!((120..300).contains(&three), "{three}");
    assert!(rate(60, 20) < one);
}

#[test]
fn evening_out_moves_the_cheapest_from_the_largest_to_the_smallest() {
    let ids: Vec<usize> = (0..7).collect();
    let mut c = costs(7, &[], &[]);
    c.w_repeat = 60;
    // 4 met 5 before: of room {0,1,2,3,4}, 4 costs least to move in with 5.
    c.past = [((0, 4), 60), ((1, 4), 60), ((2, 4), 60), ((3, 4), 60)]
        .into_iter()
        .collect();
    let mut groups = vec![vec![0, 1, 2, 3, 4], vec![5], vec![6]];
    even_out(&mut groups, &ids, &c);
    // Then {0,1,2,3} is still two above {6}: all cost nothing to move, so the first goes.
    assert_eq!(groups, vec![vec![1, 2, 3], vec![5, 4], vec![6, 0]]);
}
