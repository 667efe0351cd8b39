//! Importing a Zoom participants report of 10,000 rows: reading it and merging each person's
//! joins into their attendance.

use std::fmt::Write;
use std::hint::black_box;

use convene::import::{DateOrder, merge, read_participants};
use criterion::{Criterion, criterion_group, criterion_main};

const ROWS: usize = 10_000;

/// 2,500 people, each joining four times over the afternoon, some with names in other scripts.
fn report() -> String {
    let names = [
        "Rina Sari",
        "Nguyễn Văn An",
        "สมชาย ใจดี",
        "राम शर्मा",
        "佐藤 花子",
        "Farah Naz",
    ];
    let mut text = String::from(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n",
    );
    for row in 0..ROWS {
        let person = row % 2_500;
        let join = row / 2_500;
        let name = names[person % names.len()];
        let (h, m) = (1 + join, person % 50);
        writeln!(
            text,
            "{name} {person},person.{person}@example.org,11/08/2021 {h}:{m:02}:00 PM,\
             11/08/2021 {h}:{:02}:00 PM,{},No",
            m + 9,
            9
        )
        .expect("text");
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = report();
    let tz = chrono_tz::Asia::Jakarta;
    let read = read_participants("participants.csv", &text, tz, DateOrder::MonthFirst)
        .expect("a participants report");
    assert_eq!(read.refused.len(), 0, "every row is read");
    c.bench_function("participants report of 10,000 rows", |b| {
        b.iter(|| {
            let report = read_participants(
                "participants.csv",
                black_box(&text),
                tz,
                DateOrder::MonthFirst,
            )
            .expect("a participants report");
            merge(&report)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
