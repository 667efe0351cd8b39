//! The readers of untrusted input, fed mutated files: the programme parser, the roster reader,
//! the Zoom participants and registration report readers and the journal reader each give a
//! value or an error for any bytes, and never panic.
//!
//! Inputs start from the project's own files (fixtures, the sample roster, the ToT programme,
//! journals) and are mutated the way files go wrong: bytes flipped, lines cut, repeated or
//! swapped, fields swapped or replaced, separators changed to `;` or tabs, quotes, byte-order
//! marks, control characters, invalid UTF-8, huge numbers and very long lines; some are plain
//! random bytes. A few hundred cases a reader run with `cargo test`; set `CONVENE_FUZZ_CASES`
//! to run more:
//!
//! ```text
//! CONVENE_FUZZ_CASES=200000 cargo test --release --test fuzz_readers
//! ```
//!
//! The coverage-guided targets in `fuzz/` (cargo-fuzz) call the readers the same way.

use std::sync::Arc;

use chrono_tz::Tz;
use convene::import::{DateOrder, decode, merge, read_participants, read_registration};
use convene::journal::{self, Loaded, Torn};
use convene::roster::{parse_roster, to_csv};
use proptest::prelude::*;
use proptest::sample::Index;

// ---------------------------------------------------------------------------------------------
// The readers, as the console calls them
// ---------------------------------------------------------------------------------------------

/// A programme file's bytes: `programme::load` refuses what is not UTF-8, then parses.
fn read_programme(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match convene::programme::parse_checked("fuzz.json", text) {
        Ok(checked) => drop(convene::programme::summary(&checked.workshop)),
        Err(e) => drop(e.to_string()),
    }
}

/// A roster file's bytes, read and written back.
fn read_roster(bytes: &[u8]) {
    let text = match decode("fuzz.csv", bytes) {
        Ok(text) => text,
        Err(e) => return drop(e.to_string()),
    };
    match parse_roster("fuzz.csv", &text) {
        Ok(import) => {
            for refused in &import.refused {
                drop(refused.to_string());
            }
            drop(import.roster.countries());
            drop(to_csv(&import.roster));
        }
        Err(e) => drop(e.to_string()),
    }
}

/// A participants report's bytes, in a zone and date order, merged a person.
fn read_zoom_participants(bytes: &[u8], tz: Tz, order: DateOrder) {
    let text = match decode("fuzz.csv", bytes) {
        Ok(text) => text,
        Err(e) => return drop(e.to_string()),
    };
    match read_participants("fuzz.csv", &text, tz, order) {
        Ok(report) => {
            for refused in &report.refused {
                drop(refused.to_string());
            }
            drop(merge(&report));
        }
        Err(e) => drop(e.to_string()),
    }
}

/// A registration report's bytes, read as a roster and written back.
fn read_zoom_registration(bytes: &[u8]) {
    let text = match decode("fuzz.csv", bytes) {
        Ok(text) => text,
        Err(e) => return drop(e.to_string()),
    };
    match read_registration("fuzz.csv", &text) {
        Ok(import) => {
            for refused in &import.refused {
                drop(refused.to_string());
            }
            drop(to_csv(&import.roster));
        }
        Err(e) => drop(e.to_string()),
    }
}

/// A journal file's bytes, read and, when they read, replayed as review and resume do.
fn read_journal(bytes: &[u8]) {
    let parsed = match journal::parse("fuzz.jsonl", bytes) {
        Ok(parsed) => parsed,
        Err(e) => return drop(e.to_string()),
    };
    let torn = parsed.torn.map(|end| Torn {
        file: "fuzz.jsonl".into(),
        line: end.line,
        lines: end.lines,
        moved_to: None,
    });
    if let Some(torn) = &torn {
        drop(torn.describe());
    }
    let loaded = Loaded {
        header: parsed.header,
        records: parsed.records,
        torn: torn.into_iter().collect(),
        repeated: Vec::new(),
    };
    let _ = (loaded.next_seq(), loaded.next_batch());
    match loaded.workshop() {
        Ok(workshop) => drop(loaded.replay(Arc::new(workshop))),
        Err(e) => drop(e.to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// Seeds: the project's own files
// ---------------------------------------------------------------------------------------------

macro_rules! files {
    ($($path:literal),* $(,)?) => {
        &[$(include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)) as &[u8]),*]
    };
}

const PROGRAMMES: &[&[u8]] = files![
    "sessions/tot-module4-aspac-2021.json",
    "tests/fixtures/programme/broken.json",
];

const ROSTERS: &[&[u8]] = files![
    "assets/roster-sample.csv",
    "tests/fixtures/roster-broken.csv",
    "tests/fixtures/zoom/registration.csv",
];

const PARTICIPANTS: &[&[u8]] = files![
    "tests/fixtures/zoom/across-midnight.csv",
    "tests/fixtures/zoom/bad-date.csv",
    "tests/fixtures/zoom/binary-junk.csv",
    "tests/fixtures/zoom/bom.csv",
    "tests/fixtures/zoom/day-first.csv",
    "tests/fixtures/zoom/dst-fall-back.csv",
    "tests/fixtures/zoom/empty.csv",
    "tests/fixtures/zoom/german-header.csv",
    "tests/fixtures/zoom/guests.csv",
    "tests/fixtures/zoom/japanese.csv",
    "tests/fixtures/zoom/lowercase-waiting-room.csv",
    "tests/fixtures/zoom/no-preamble.csv",
    "tests/fixtures/zoom/not-utf8.csv",
    "tests/fixtures/zoom/older-no-guest.csv",
    "tests/fixtures/zoom/original-names.csv",
    "tests/fixtures/zoom/preamble-blank.csv",
    "tests/fixtures/zoom/preamble-commas.csv",
    "tests/fixtures/zoom/quoted-commas.csv",
    "tests/fixtures/zoom/reconnections.csv",
    "tests/fixtures/zoom/roster-match.csv",
    "tests/fixtures/zoom/short-row.csv",
    "tests/fixtures/zoom/summary-only.csv",
    "tests/fixtures/zoom/unique-users.csv",
    "tests/fixtures/zoom/us-unpadded-hours.csv",
    "tests/fixtures/zoom/workbook.csv",
    "tests/fixtures/zoom/wrong-header.csv",
    "tests/fixtures/zoom/year-first.csv",
];

const REGISTRATIONS: &[&[u8]] = files![
    "tests/fixtures/zoom/registration.csv",
    "tests/fixtures/zoom/webinar-attendees.csv",
    "tests/fixtures/zoom/german-header.csv",
    "assets/roster-sample.csv",
];

const JOURNALS: &[&[u8]] = files![
    "tests/fixtures/journal-v1/day-1.jsonl",
    "tests/fixtures/journal-v1/day-2.jsonl",
    "fuzz/seeds/journal/day-1-v2.jsonl",
    "fuzz/seeds/journal/small-v2.jsonl",
    "fuzz/seeds/journal/small-v2-torn.jsonl",
];

// ---------------------------------------------------------------------------------------------
// Mutations: how files go wrong
// ---------------------------------------------------------------------------------------------

/// Bytes that mean something to one reader or another.
const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\t",
    b"\"",
    b"\"\"",
    b"\"a,b\"",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFF",
    b"\xC3",
    b"\xE2\x82",
    b"\0",
    b"\x1b[2J",
    b"\x07",
    b"\xE2\x80\xAE",
    b"\xF0\x9F\x98\x80",
    b"0",
    b"-1",
    b"4294967295",
    b"4294967296",
    b"18446744073709551615",
    b"18446744073709551616",
    b"-9223372036854775808",
    b"99999999999999999999999999",
    b"1e309",
    b"-0",
    b"0.5",
    b"null",
    b"true",
    b"{}",
    b"[]",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\\u0000",
    b"\\ud800",
    b"12/31/2021 11:59:59 PM",
    b"2021/2/29 25:61",
    b"00/00/0000 00:00",
    b"9999-12-31",
    b"23:59",
    b"24:00",
    b"Asia/Kolkata",
    b"Etc/GMT+14",
    b"=HYPERLINK(\"x\")",
    b"Meeting ID",
    b"Attendee Details",
    b"Host Details",
    b"First Name,Last Name,Email",
    b"Name (original name),User Email,Join Time,Leave Time,Duration (minutes),Guest",
    b"name,email,organisation,city,country,time_zone,role",
    b"{\"kind\":\"event\",\"v\":2,\"seq\":1,\"batch\":0,\"at\":\"2021-11-08T13:1",
    b"\"batch\":",
    b"\"v\":3",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// XOR one byte with a mask.
    Flip(Index, u8),
    /// Remove up to `len` bytes.
    Delete(Index, u16),
    /// Insert a token.
    Insert(Index, Index),
    /// Insert random bytes.
    InsertRaw(Index, Vec<u8>),
    /// Overwrite a digit run with a token (a huge number, a negative one, a date).
    Number(Index, Index),
    /// Remove a line.
    CutLine(Index),
    /// Repeat a line.
    RepeatLine(Index, u8),
    /// Swap two lines.
    SwapLines(Index, Index),
    /// Swap two comma-separated fields of a line.
    SwapFields(Index, Index, Index),
    /// Replace a comma-separated field of a line with a token.
    ReplaceField(Index, Index, Index),
    /// Make a line very long, by repeating its text.
    LongLine(Index, u16),
    /// Cut the file short.
    Truncate(Index),
    /// Change every comma to another separator.
    Separators(Index),
    /// Put a byte-order mark (or other token) in front.
    Prefix(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use Mutation::*;
    prop_oneof![
        3 => (any::<Index>(), 1..=255u8).prop_map(|(i, m)| Flip(i, m)),
        2 => (any::<Index>(), 1..64u16).prop_map(|(i, n)| Delete(i, n)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Insert(i, t)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| InsertRaw(i, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Number(i, t)),
        2 => any::<Index>().prop_map(CutLine),
        1 => (any::<Index>(), 1..8u8).prop_map(|(i, n)| RepeatLine(i, n)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| SwapLines(a, b)),
        2 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(l, a, b)| SwapFields(l, a, b)),
        3 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(l, f, t)| ReplaceField(l, f, t)),
        1 => (any::<Index>(), 2..2000u16).prop_map(|(i, n)| LongLine(i, n)),
        1 => any::<Index>().prop_map(Truncate),
        1 => any::<Index>().prop_map(Separators),
        1 => any::<Index>().prop_map(Prefix),
    ]
}

/// The byte ranges of the lines of `bytes`, without their `\n`.
fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, bytes.len()));
    out
}

/// The byte ranges of the comma-separated fields of `line`.
fn fields(line: &[u8], offset: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in line.iter().enumerate() {
        if *b == b',' {
            out.push((offset + start, offset + i));
            start = i + 1;
        }
    }
    out.push((offset + start, offset + line.len()));
    out
}

fn token(i: &Index) -> &'static [u8] {
    TOKENS[i.index(TOKENS.len())]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    use Mutation::*;
    let len = bytes.len();
    match m {
        Flip(i, mask) if len > 0 => bytes[i.index(len)] ^= mask,
        Delete(i, n) if len > 0 => {
            let at = i.index(len);
            let end = (at + usize::from(*n)).min(len);
            bytes.drain(at..end);
        }
        Insert(i, t) => {
            let at = i.index(len + 1);
            bytes.splice(at..at, token(t).iter().copied());
        }
        InsertRaw(i, raw) => {
            let at = i.index(len + 1);
            bytes.splice(at..at, raw.iter().copied());
        }
        Number(i, t) => {
            let from = i.index(len + 1);
            if let Some(start) = bytes[from..].iter().position(u8::is_ascii_digit) {
                let start = from + start;
                let end = bytes[start..]
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .map_or(len, |n| start + n);
                bytes.splice(start..end, token(t).iter().copied());
            }
        }
        CutLine(i) => {
            let ls = lines(bytes);
            let (start, end) = ls[i.index(ls.len())];
            bytes.drain(start..(end + 1).min(len));
        }
        RepeatLine(i, n) => {
            let ls = lines(bytes);
            let (start, end) = ls[i.index(ls.len())];
            let mut line = bytes[start..end].to_vec();
            line.push(b'\n');
            let copies: Vec<u8> = line.repeat(usize::from(*n));
            bytes.splice(start..start, copies);
        }
        SwapLines(a, b) => {
            let ls = lines(bytes);
            let (a, b) = (ls[a.index(ls.len())], ls[b.index(ls.len())]);
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first != second {
                let one = bytes[first.0..first.1].to_vec();
                let two = bytes[second.0..second.1].to_vec();
                bytes.splice(second.0..second.1, one);
                bytes.splice(first.0..first.1, two);
            }
        }
        SwapFields(l, a, b) => {
            let ls = lines(bytes);
            let (start, end) = ls[l.index(ls.len())];
            let fs = fields(&bytes[start..end], start);
            let (a, b) = (fs[a.index(fs.len())], fs[b.index(fs.len())]);
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first != second {
                let one = bytes[first.0..first.1].to_vec();
                let two = bytes[second.0..second.1].to_vec();
                bytes.splice(second.0..second.1, one);
                bytes.splice(first.0..first.1, two);
            }
        }
        ReplaceField(l, f, t) => {
            let ls = lines(bytes);
            let (start, end) = ls[l.index(ls.len())];
            let fs = fields(&bytes[start..end], start);
            let (from, to) = fs[f.index(fs.len())];
            bytes.splice(from..to, token(t).iter().copied());
        }
        LongLine(i, n) => {
            let ls = lines(bytes);
            let (start, end) = ls[i.index(ls.len())];
            let line = bytes[start..end].to_vec();
            let long = if line.is_empty() {
                b"x".repeat(usize::from(*n))
            } else {
                line.repeat(usize::from(*n))
                    .into_iter()
                    .take(64 * 1024)
                    .collect()
            };
            bytes.splice(start..end, long);
        }
        Truncate(i) => bytes.truncate(i.index(len + 1)),
        Separators(i) => {
            let to = [b';', b'\t', b'|', b' '][i.index(4)];
            for b in bytes.iter_mut().filter(|b| **b == b',') {
                *b = to;
            }
        }
        Prefix(i) => {
            let t = if i.index(2) == 0 {
                &b"\xEF\xBB\xBF"[..]
            } else {
                token(i)
            };
            bytes.splice(0..0, t.iter().copied());
        }
        Flip(..) | Delete(..) => {}
    }
}

/// A file to feed a reader: one of `seeds` mutated a few times, or random bytes.
fn input(seeds: &'static [&'static [u8]]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        9 => (
            prop::sample::select(seeds),
            prop::collection::vec(mutation(), 1..8),
        )
            .prop_map(|(seed, mutations)| {
                let mut bytes = seed.to_vec();
                for m in &mutations {
                    apply(&mut bytes, m);
                }
                bytes
            }),
        1 => prop::collection::vec(any::<u8>(), 0..512),
    ]
}

/// Cases a reader: a few hundred by default, `CONVENE_FUZZ_CASES` for a long run.
fn config() -> ProptestConfig {
    let cases = std::env::var("CONVENE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

const ZONES: [Tz; 4] = [
    chrono_tz::UTC,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
];

const ORDERS: [DateOrder; 3] = [DateOrder::Auto, DateOrder::MonthFirst, DateOrder::DayFirst];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_programme_parser_takes_any_file(bytes in input(PROGRAMMES)) {
        read_programme(&bytes);
    }

    #[test]
    fn the_roster_reader_takes_any_file(bytes in input(ROSTERS)) {
        read_roster(&bytes);
    }

    #[test]
    fn the_participants_report_reader_takes_any_file(
        bytes in input(PARTICIPANTS),
        tz in prop::sample::select(&ZONES[..]),
        order in prop::sample::select(&ORDERS[..]),
    ) {
        read_zoom_participants(&bytes, tz, order);
    }

    #[test]
    fn the_registration_report_reader_takes_any_file(bytes in input(REGISTRATIONS)) {
        read_zoom_registration(&bytes);
    }

    #[test]
    fn the_journal_reader_takes_any_file(bytes in input(JOURNALS)) {
        read_journal(&bytes);
    }
}
