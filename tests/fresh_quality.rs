//! How fresh "fresh" schedules are: their repeat meetings (over all pairs, `C(m, 2)` where `m`
//! is how many rounds the pair shared a room) against the fewest any schedule of the same rooms
//! could have, over 20 seeds. The figures "today" are those of the greedy `fresh` this search
//! replaced, measured on the same sizes and seeds (rounds formed one after another, seed
//! `1000 s + r` for round `r` of seed `s`): 30 people in 5 rooms over 6 rounds, median 98
//! (94-106), a pair meeting three times in every schedule; 36 people in 6 rooms over 5 rounds,
//! median 34.5 (30-44); 24 people in 6 rooms over 3 rounds, one repeat in 5 of the 20.

use std::collections::HashSet;

use convene::core::forming::{
    Person, Request, Size, Strategy, form, lower_bound, plan, repeats, round_lower_bound,
    round_repeats,
};

/// 20 seeds, as the goal is stated; a debug build (`cargo test`) searches as a release one
/// does, move for move, but some twenty times slower, so it takes the first 4 and checks what
/// holds for each schedule (the median of 30 people over 6 rounds is checked over the 20, by
/// `cargo test --release --test fresh_quality`).
const SEEDS: u64 = if cfg!(debug_assertions) { 4 } else { 20 };

/// `n` people with names only: no country, organisation or facilitator.
fn names_only(n: usize) -> Vec<Person> {
    (0..n)
        .map(|id| Person {
            id,
            country: None,
            organisation: None,
            facilitator: false,
        })
        .collect()
}

fn request<'a>(
    people: &'a [Person],
    rooms: usize,
    seed: u64,
    history: &'a [Vec<Vec<usize>>],
    together: &'a [(usize, usize)],
    apart: &'a [(usize, usize)],
) -> Request<'a> {
    Request {
        people,
        size: Size::Groups(rooms),
        strategy: Strategy::Fresh,
        seed,
        history,
        keep: None,
        pin_facilitators: true,
        together,
        apart,
    }
}

/// `rounds` rounds planned at once.
fn planned(people: &[Person], rooms: usize, rounds: usize, seed: u64) -> Vec<Vec<Vec<usize>>> {
    plan(&request(people, rooms, seed, &[], &[], &[]), rounds)
        .expect("a plan")
        .into_iter()
        .map(|g| g.groups)
        .collect()
}

/// `rounds` rounds each formed after the ones before, as the console forms them.
fn one_by_one(people: &[Person], rooms: usize, rounds: usize, seed: u64) -> Vec<Vec<Vec<usize>>> {
    let mut history: Vec<Vec<Vec<usize>>> = Vec::new();
    for r in 0..rounds {
        let round = form(&request(
            people,
            rooms,
            seed * 1000 + r as u64,
            &history,
            &[],
            &[],
        ))
        .expect("a round");
        history.push(round.groups);
    }
    history
}

/// Each seed's schedule, made on two threads.
fn over_seeds<T: Send>(make: impl Fn(u64) -> T + Sync) -> Vec<T> {
    std::thread::scope(|s| {
        let make = &make;
        let odd = s.spawn(move || (1..=SEEDS).step_by(2).map(make).collect::<Vec<T>>());
        // Seeds in pairs: odd on the other thread, even here.
        let even: Vec<T> = (2..=SEEDS).step_by(2).map(make).collect();
        let odd = odd.join().expect("the other thread");
        odd.into_iter()
            .zip(even)
            .flat_map(|(a, b)| [a, b])
            .collect()
    })
}

fn median(mut v: Vec<usize>) -> f64 {
    v.sort_unstable();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    }
}

fn rounds_of(schedules: &[Vec<Vec<Vec<usize>>>]) -> Vec<usize> {
    schedules.iter().map(|s| repeats(s).meetings).collect()
}

#[test]
fn thirty_people_in_five_rooms_over_six_rounds_come_near_the_lower_bound() {
    let people = names_only(30);
    let schedules = over_seeds(|seed| planned(&people, 5, 6, seed));
    for s in &schedules {
        assert_eq!(s.len(), 6);
        // Every two of the 6 rounds (15), each of 5 rooms of 6 spread over 5 rooms: a pair.
        assert_eq!(lower_bound(s), 15 * 5);
        assert!(repeats(s).most <= 2, "a pair met three times: {s:?}");
    }
    let got = rounds_of(&schedules);
    assert!(got.iter().all(|m| *m <= 80), "{got:?}");
    // The median is the goal's over 20 seeds: a release build's.
    if SEEDS == 20 {
        assert!(median(got.clone()) <= 78.0, "median of {got:?}");
    }
}

#[test]
fn twenty_four_people_in_six_rooms_of_four_meet_nobody_twice_over_three_rounds() {
    let people = names_only(24);
    for s in over_seeds(|seed| planned(&people, 6, 3, seed)) {
        assert_eq!(repeats(&s).meetings, 0, "{s:?}");
    }
    // Formed one round at a time, as in the console, too.
    for s in over_seeds(|seed| one_by_one(&people, 6, 3, seed)) {
        assert_eq!(repeats(&s).meetings, 0, "{s:?}");
    }
}

#[test]
fn thirty_six_people_in_six_rooms_over_five_rounds_repeat_fewer_than_today() {
    let people = names_only(36);
    let got = rounds_of(&over_seeds(|seed| one_by_one(&people, 6, 5, seed)));
    assert!(median(got.clone()) < 34.5, "median of {got:?}");
    let got = rounds_of(&over_seeds(|seed| planned(&people, 6, 5, seed)));
    assert!(median(got.clone()) < 34.5, "median of {got:?}");
}

/// Pairs of ids.
type Pairs = Vec<(usize, usize)>;

/// 30 people of 6 countries (5 each), 5 of them facilitators of 5 countries, with a pair to
/// keep together and a pair to keep apart.
fn workshop() -> (Vec<Person>, Pairs, Pairs) {
    let people = (0..30)
        .map(|id| Person {
            id,
            country: Some(format!("country {}", id % 6)),
            organisation: None,
            facilitator: id < 5,
        })
        .collect();
    (people, vec![(10, 17)], vec![(11, 23)])
}

#[test]
fn with_countries_facilitators_and_pairs_every_rule_holds_and_repeats_stay_close() {
    let (people, together, apart) = workshop();
    let schedules = over_seeds(|seed| {
        plan(&request(&people, 5, seed, &[], &together, &apart), 6)
            .expect("a plan")
            .into_iter()
            .map(|g| g.groups)
            .collect::<Vec<_>>()
    });
    for s in &schedules {
        for round in s {
            for room in round {
                let countries: HashSet<usize> = room.iter().map(|id| id % 6).collect();
                assert!(countries.len() > 1, "a one-country room: {room:?}");
                assert_eq!(room.iter().filter(|id| **id < 5).count(), 1, "{room:?}");
                assert_eq!(room.contains(&10), room.contains(&17), "{room:?}");
                assert!(!(room.contains(&11) && room.contains(&23)), "{room:?}");
            }
        }
    }
    let names = names_only(30);
    let alone = median(rounds_of(&over_seeds(|seed| planned(&names, 5, 6, seed))));
    // The pair kept together shares all 6 rounds: C(6, 2) = 15 repeat meetings by rule.
    let mixed = median(rounds_of(&schedules)) - 15.0;
    assert!(
        mixed <= alone + 2.0,
        "{mixed} against {alone} with names only"
    );
}

#[test]
fn the_same_seed_plans_the_same_rooms() {
    let people = names_only(30);
    assert_eq!(planned(&people, 5, 4, 9), planned(&people, 5, 4, 9));
    assert_ne!(planned(&people, 5, 4, 9), planned(&people, 5, 4, 10));
}

#[test]
fn repeat_meetings_count_every_two_rounds_a_pair_shares() {
    // 0 and 1 share three rounds (3 repeat meetings), 2 and 3 two (1).
    let s = vec![
        vec![vec![0, 1], vec![2, 3]],
        vec![vec![0, 1], vec![2, 3]],
        vec![vec![0, 1, 4], vec![2, 5], vec![3]],
    ];
    assert_eq!(repeats(&s).meetings, 3 + 1);
    assert_eq!(repeats(&s).most, 3);
    // The third round adds: 0-1 met twice before, 0-4 and 1-4 never, 2-5 never.
    assert_eq!(round_repeats(&s[2], &s[..2]), 2);
}

#[test]
fn the_lower_bound_spreads_each_room_over_the_next_rounds_rooms() {
    // A room of 4 spread over 3 rooms: one pair again; two such rooms; one pair of rounds.
    let first = vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]];
    let second = vec![vec![0, 4, 8], vec![1, 5, 9], vec![2, 3, 6, 7]];
    assert_eq!(round_lower_bound(&second, std::slice::from_ref(&first)), 2);
    assert_eq!(lower_bound(&[first.clone(), second]), 2);
    // Three rounds of 4 people in one room: 6 pairs each time, 3 rounds: C(3,2) = 3 each.
    let all = vec![vec![0, 1, 2, 3]];
    assert_eq!(lower_bound(&[all.clone(), all.clone(), all.clone()]), 6 * 3);
    // The counting bound: 4 people in rooms of 2 over 4 rounds hold 8 pair meetings on 6 pairs.
    let a = vec![vec![0, 1], vec![2, 3]];
    let b = vec![vec![0, 2], vec![1, 3]];
    let c = vec![vec![0, 3], vec![1, 2]];
    assert_eq!(
        lower_bound(&[a.clone(), b.clone(), c.clone(), a.clone()]),
        2
    );
    // A round of people who all met before adds every pair it holds.
    assert_eq!(round_lower_bound(&a, &[vec![vec![0, 1, 2, 3]]]), 2);
}
