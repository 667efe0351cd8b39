//! Forming breakout groups: the constraints always hold, and mixing beats random assignment.

use std::collections::HashSet;

use convene::core::forming::{GroupError, Person, Request, Size, Strategy, form, quality};
use proptest::prelude::{
    Just, ProptestConfig, any, prop, prop_assert, prop_assert_eq, prop_assert_ne, prop_assume,
    prop_oneof, proptest,
};
use proptest::strategy::Strategy as _;

const COUNTRIES: [&str; 7] = [
    "Pakistan",
    "India",
    "Nepal",
    "Maldives",
    "Thailand",
    "Indonesia",
    "Philippines",
];

fn person(id: usize, country: usize, org: usize, facilitator: bool) -> Person {
    Person {
        id,
        country: Some(COUNTRIES[country % COUNTRIES.len()].to_string()),
        organisation: Some(format!("Org {org}")),
        facilitator,
    }
}

/// 30 participants, 4–5 per country, some sharing an organisation.
fn workshop_people() -> Vec<Person> {
    (0..30).map(|i| person(i, i % 7, i % 11, false)).collect()
}

fn request<'a>(people: &'a [Person], strategy: Strategy, seed: u64) -> Request<'a> {
    Request {
        people,
        size: Size::Groups(5),
        strategy,
        seed,
        history: &[],
        keep: None,
        pin_facilitators: true,
        together: &[],
        apart: &[],
    }
}

fn group_of(groups: &[Vec<usize>], id: usize) -> Option<usize> {
    groups.iter().position(|g| g.contains(&id))
}

fn people_strategy() -> impl proptest::strategy::Strategy<Value = Vec<Person>> {
    prop::collection::vec((0usize..7, 0usize..9, prop::bool::weighted(0.1)), 1..80).prop_map(
        |specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (c, o, f))| person(i * 3 + 1, c, o, f))
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn constraints_always_hold(
        people in people_strategy(),
        groups in 1usize..12,
        strategy in prop_oneof![Just(Strategy::Random), Just(Strategy::Mixed), Just(Strategy::Fresh)],
        seed in any::<u64>(),
        apart_picks in prop::collection::vec((0usize..80, 0usize..80), 0..4),
    ) {
        let ids: Vec<usize> = people.iter().map(|p| p.id).collect();
        let groups = groups.min(people.len());
        // Keep-apart pairs only, and only as many as the groups can part.
        let apart: Vec<(usize, usize)> = if groups >= 2 {
            apart_picks
                .iter()
                .filter_map(|(a, b)| Some((*ids.get(a % ids.len())?, *ids.get(b % ids.len())?)))
                .filter(|(a, b)| a != b)
                .take(1)
                .collect()
        } else {
            Vec::new()
        };
        let req = Request {
            people: &people,
            size: Size::Groups(groups),
            strategy,
            seed,
            history: &[],
            keep: None,
            pin_facilitators: true,
            together: &[],
            apart: &apart,
        };
        let formed = form(&req).unwrap();
        // Everyone present exactly once.
        let mut all: Vec<usize> = formed.groups.iter().flatten().copied().collect();
        all.sort_unstable();
        let mut expected = ids.clone();
        expected.sort_unstable();
        prop_assert_eq!(all, expected);
        // Sizes differ by at most one.
        let sizes: Vec<usize> = formed.groups.iter().map(Vec::len).collect();
        prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{sizes:?}");
        prop_assert_eq!(formed.groups.len(), groups);
        // Facilitators at most one per group while there are enough groups.
        let facilitators: HashSet<usize> = people.iter().filter(|p| p.facilitator).map(|p| p.id).collect();
        if facilitators.len() <= groups {
            for g in &formed.groups {
                prop_assert!(g.iter().filter(|id| facilitators.contains(id)).count() <= 1, "{:?}", formed.groups);
            }
        }
        // Keep-apart pairs never together.
        for (a, b) in &apart {
            prop_assert_ne!(group_of(&formed.groups, *a), group_of(&formed.groups, *b));
        }
        // Same seed, same groups.
        prop_assert_eq!(form(&req).unwrap(), formed);
    }

    #[test]
    fn keep_together_pairs_stay_together(
        people in people_strategy(),
        seed in any::<u64>(),
        pick in (0usize..80, 0usize..80),
    ) {
        prop_assume!(people.len() >= 4);
        let ids: Vec<usize> = people.iter().map(|p| p.id).collect();
        let (a, b) = (ids[pick.0 % ids.len()], ids[pick.1 % ids.len()]);
        prop_assume!(a != b);
        let together = [(a, b)];
        let req = Request {
            people: &people,
            size: Size::PerGroup(4),
            strategy: Strategy::Mixed,
            seed,
            history: &[],
            keep: None,
            pin_facilitators: false,
            together: &together,
            apart: &[],
        };
        let formed = form(&req).unwrap();
        prop_assert_eq!(group_of(&formed.groups, a), group_of(&formed.groups, b));
    }
}

#[test]
fn fresh_repeats_fewer_pairs_than_random_over_three_rounds() {
    let people = workshop_people();
    let (mut fresh_repeats, mut random_repeats) = (0, 0);
    for seed in 0..50u64 {
        for (strategy, total) in [
            (Strategy::Fresh, &mut fresh_repeats),
            (Strategy::Random, &mut random_repeats),
        ] {
            let mut history: Vec<Vec<Vec<usize>>> = Vec::new();
            for round in 0..3u64 {
                let req = Request {
                    history: &history,
                    ..request(&people, strategy, seed * 10 + round)
                };
                let formed = form(&req).unwrap();
                *total += quality(&formed.groups, &people, &history).repeated_pairs;
                history.push(formed.groups);
            }
        }
    }
    assert!(
        fresh_repeats * 2 < random_repeats,
        "fresh repeated {fresh_repeats} pairs, random {random_repeats}"
    );
}

#[test]
fn mixed_leaves_no_single_country_group_when_avoidable() {
    let people = workshop_people();
    for seed in 0..50 {
        let formed = form(&request(&people, Strategy::Mixed, seed)).unwrap();
        let q = quality(&formed.groups, &people, &[]);
        assert_eq!(
            q.single_country_groups, 0,
            "seed {seed}: {:?}",
            formed.groups
        );
        // And far fewer same-country pairs than chance (about 12 at random).
        assert!(q.same_country_pairs <= 6, "seed {seed}: {q:?}");
    }
}

#[test]
fn keep_reuses_the_rooms_drops_absentees_and_places_newcomers_in_the_smallest() {
    let people: Vec<Person> = (0..10).map(|i| person(i, i, i, false)).collect();
    let earlier = vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7]];
    // 2 and 4 are away today; 8 and 9 are new.
    let present: Vec<Person> = people
        .iter()
        .filter(|p| p.id != 2 && p.id != 4)
        .cloned()
        .collect();
    let req = Request {
        keep: Some(&earlier),
        ..request(&present, Strategy::Keep, 1)
    };
    let formed = form(&req).unwrap();
    assert_eq!(formed.groups.len(), 3);
    assert!(formed.groups.contains(&vec![0, 1, 8]) || formed.groups.contains(&vec![0, 1, 9]));
    for (a, b) in [(0, 1), (3, 5), (6, 7)] {
        assert_eq!(group_of(&formed.groups, a), group_of(&formed.groups, b));
    }
    let sizes: Vec<usize> = formed.groups.iter().map(Vec::len).collect();
    assert_eq!(sizes, [3, 3, 2]);
}

#[test]
fn facilitators_are_spread_one_per_group() {
    let mut people = workshop_people();
    for p in people.iter_mut().take(5) {
        p.facilitator = true;
    }
    for seed in 0..20 {
        let formed = form(&request(&people, Strategy::Mixed, seed)).unwrap();
        for g in &formed.groups {
            assert_eq!(
                g.iter().filter(|id| **id < 5).count(),
                1,
                "{:?}",
                formed.groups
            );
        }
    }
}

#[test]
fn impossible_constraints_say_why() {
    let people = workshop_people();
    let pair = [(1, 2)];
    let req = Request {
        together: &pair,
        apart: &pair,
        ..request(&people, Strategy::Mixed, 1)
    };
    match form(&req) {
        Err(GroupError::Impossible(why)) => assert!(why.contains("1 and 2"), "{why}"),
        other => panic!("{other:?}"),
    }
    // Everyone kept apart from one person, in a single group: cannot be.
    let apart: Vec<(usize, usize)> = (1..30).map(|i| (0, i)).collect();
    let req = Request {
        size: Size::Groups(1),
        apart: &apart,
        ..request(&people, Strategy::Mixed, 1)
    };
    assert!(matches!(form(&req), Err(GroupError::Impossible(_))));
    assert_eq!(
        form(&request(&[], Strategy::Mixed, 1)),
        Err(GroupError::NoPeople)
    );
    let req = Request {
        size: Size::PerGroup(0),
        ..request(&people, Strategy::Mixed, 1)
    };
    assert_eq!(form(&req), Err(GroupError::ZeroSize));
}
