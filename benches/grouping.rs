//! Forming groups at the sizes a workshop can reach: 30 people into 5 groups; a whole 9-round
//! "fresh" schedule for 30 people planned at once; and one "fresh" round of 1000 people into
//! 100 groups after 10 earlier rounds.

use std::hint::black_box;

use convene::core::forming::{Person, Request, Size, Strategy, form, plan};
use criterion::{Criterion, criterion_group, criterion_main};

const COUNTRIES: [&str; 7] = [
    "Pakistan",
    "India",
    "Nepal",
    "Maldives",
    "Thailand",
    "Indonesia",
    "Philippines",
];

fn people(n: usize) -> Vec<Person> {
    (0..n)
        .map(|i| Person {
            id: i,
            country: Some(COUNTRIES[i % 7].to_string()),
            organisation: Some(format!("Local government {}", i % 97)),
            facilitator: i % 10 == 0,
        })
        .collect()
}

fn request<'a>(
    people: &'a [Person],
    groups: usize,
    strategy: Strategy,
    seed: u64,
    history: &'a [Vec<Vec<usize>>],
) -> Request<'a> {
    Request {
        people,
        size: Size::Groups(groups),
        strategy,
        seed,
        history,
        keep: None,
        pin_facilitators: true,
        together: &[],
        apart: &[],
    }
}

fn bench(c: &mut Criterion) {
    let small = people(30);
    c.bench_function("30 people into 5 groups, mixed", |b| {
        b.iter(|| form(black_box(&request(&small, 5, Strategy::Mixed, 7, &[]))))
    });

    c.bench_function("30 people, 9 rounds of 5 groups planned, fresh", |b| {
        b.iter(|| plan(black_box(&request(&small, 5, Strategy::Fresh, 7, &[])), 9))
    });

    let large = people(1000);
    let mut history = Vec::new();
    for seed in 0..10 {
        let g = form(&request(&large, 100, Strategy::Random, seed, &[])).expect("groups");
        history.push(g.groups);
    }
    c.bench_function(
        "1000 people into 100 groups, fresh, 10 earlier rounds",
        |b| {
            b.iter(|| {
                form(black_box(&request(
                    &large,
                    100,
                    Strategy::Fresh,
                    7,
                    &history,
                )))
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
