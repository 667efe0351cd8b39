//! The programme format: the embedded default, the files in `sessions/`, every validation
//! error with its file, line, column and field path, and the `convene check` command.
//!
//! Error tests build a small valid programme as a `serde_json::Value`, tweak one thing,
//! pretty-print it (so every key sits on its own line) and compute the expected position by
//! searching the printed text for the offending `"key": value`. Note that `serde_json` (without
//! `preserve_order`) prints object keys in alphabetical order, so in these texts `blocks` comes
//! before `date` in a day, `days` before `time_zone` at the top level, and so on.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;
use std::process::Command;

use chrono::{NaiveDate, Timelike};
use convene::programme::{
    BlockKind, DEFAULT_SOURCE, FORMAT_VERSION, Problem, ProgrammeError, Workshop, default_workshop,
    load, parse, summary,
};
use serde_json::{Value, json};

const NAME: &str = "sessions/test-workshop.json";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A small valid programme: two days, two chapters, two exercises.
fn minimal() -> Value {
    json!({
        "format": 1,
        "title": "Peer exchange on city-to-city partnerships",
        "time_zone": "Asia/Jakarta",
        "participant_time_zones": [
            { "place": "Manila", "zone": "Asia/Manila" },
            { "place": "Kathmandu", "zone": "Asia/Kathmandu" }
        ],
        "chapters": [
            { "number": 1, "title": "What is Decentralized Cooperation?" },
            { "number": 2, "title": "Why is Decentralized Cooperation important for the LRG Global Policy Agenda?" }
        ],
        "exercises": [
            {
                "id": "dc-bicycle",
                "title": "Personalize your DC bicycle",
                "chapter": 1,
                "mode": "breakout",
                "minutes": 20
            },
            {
                "id": "follow-the-ps",
                "title": "The pathway to development: follow the Ps",
                "chapter": 2,
                "mode": "breakout",
                "minutes": 20
            }
        ],
        "days": [
            {
                "date": "2022-03-14",
                "start": "09:00",
                "title": "Getting started",
                "blocks": [
                    { "title": "Welcome", "kind": "welcome", "minutes": 10 },
                    {
                        "title": "What is DC?",
                        "kind": "presentation",
                        "minutes": 20,
                        "min_minutes": 15,
                        "max_minutes": 25,
                        "chapter": 1
                    },
                    {
                        "title": "Personalize your DC bicycle",
                        "kind": "breakout",
                        "minutes": 30,
                        "chapter": 1,
                        "exercise": "dc-bicycle"
                    }
                ]
            },
            {
                "date": "2022-03-15",
                "start": "09:00",
                "title": "Going further",
                "blocks": [
                    { "title": "Welcome back", "kind": "welcome", "minutes": 10 },
                    {
                        "title": "Follow the Ps",
                        "kind": "breakout",
                        "minutes": 25,
                        "chapter": 2,
                        "exercise": "follow-the-ps"
                    }
                ]
            }
        ]
    })
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("a Value always serializes")
}

/// The minimal programme with one tweak, pretty-printed.
fn programme_with(tweak: impl FnOnce(&mut Value)) -> String {
    let mut v = minimal();
    tweak(&mut v);
    pretty(&v)
}

/// Parses text that must fail, checking the error names the file.
fn errors(text: &str) -> ProgrammeError {
    match parse(NAME, text) {
        Ok(_) => panic!("expected the programme to be rejected:\n{text}"),
        Err(e) => {
            assert_eq!(e.file, NAME);
            assert!(!e.problems.is_empty(), "an error must carry a problem");
            e
        }
    }
}

/// The one problem of an error (fails if there are more or fewer).
fn only(e: &ProgrammeError) -> &Problem {
    assert_eq!(
        e.problems.len(),
        1,
        "expected exactly one problem, got:\n{e}"
    );
    &e.problems[0]
}

/// 1-based line and column (in characters) of a byte offset. Written here rather than taken
/// from the crate, so the tests do not check the crate against itself.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n').expect("line exists") + 1;
    }
    text[start..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| start + i)
}

/// Byte range of the only occurrence of `needle`.
fn span_once(text: &str, needle: &str) -> Range<usize> {
    let hits: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected exactly one {needle:?} in the test text:\n{text}"
    );
    hits[0]..hits[0] + needle.len()
}

/// Position where `value` starts in the only `"key": value` of the text (the position the
/// validator reports for a value it rejects).
fn value_pos(text: &str, key: &str, value: &str) -> (usize, usize) {
    let span = span_once(text, &format!("\"{key}\": {value}"));
    line_col(text, span.end - value.len())
}

/// Asserts a problem's position falls inside a byte range of the text (for problems reported
/// by the JSON parser, which points at the last character it read rather than the start).
fn assert_points_into(text: &str, p: &Problem, range: Range<usize>, what: &str) {
    let at = offset_of(text, p.line, p.column);
    let (l0, c0) = line_col(text, range.start);
    let (l1, c1) = line_col(text, range.end - 1);
    assert!(
        range.contains(&at),
        "{what}: problem at {}:{} should point into {l0}:{c0}..={l1}:{c1} ({:?}); problem: {p:?}",
        p.line,
        p.column,
        &text[range.clone()],
    );
}

/// The byte range of the innermost `{ ... }` object containing the only occurrence of `needle`
/// (the object must not contain nested objects).
fn enclosing_object(text: &str, needle: &str) -> Range<usize> {
    let at = span_once(text, needle);
    let open = text[..at.start].rfind('{').expect("an opening brace");
    let close = at.end + text[at.end..].find('}').expect("a closing brace");
    open..close + 1
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A unique file in the temp directory holding these bytes, removed on drop (also when the test
/// fails).
struct TempFile(tempfile::TempPath);

impl TempFile {
    fn new(tag: &str, bytes: &[u8]) -> Self {
        use std::io::Write;
        let mut file = tempfile::Builder::new()
            .prefix(&format!("convene-programme-test-{tag}-"))
            .suffix(".json")
            .tempfile()
            .expect("make temp file");
        file.write_all(bytes).expect("write temp file");
        TempFile(file.into_temp_path())
    }
}

// ---------------------------------------------------------------------------------------------
// 1. The embedded default programme
// ---------------------------------------------------------------------------------------------

/// The six chapter titles, copied from /work/shared/reference/tot-2021.md.
const CHAPTERS: [&str; 6] = [
    "What is Decentralized Cooperation?",
    "Why is Decentralized Cooperation important for the LRG Global Policy Agenda?",
    "How does Decentralized Cooperation work in practice?",
    "How can we design Decentralized Cooperation in line with the SDGs? A step by step approach",
    "Who are we working with? SDG17: Mobilizing multi-stakeholder territorial partnerships for DC",
    "Who is Decentralized Cooperation aimed at? Communicating, Reporting, Monitoring and Evaluating DC initiatives",
];

fn tot() -> Workshop {
    default_workshop().unwrap_or_else(|e| panic!("the default programme must pass:\n{e}"))
}

#[test]
fn default_programme_passes() {
    let w = tot();
    assert_eq!(w.source_name, "sessions/tot-module4-aspac-2021.json");
    assert_eq!(w.programme.format, FORMAT_VERSION);
    assert_eq!(
        w.programme.title,
        "Training of Trainers on Localizing the SDGs through Decentralized Cooperation"
    );
}

#[test]
fn default_programme_has_the_three_days_in_jakarta_time() {
    let w = tot();
    let dates: Vec<NaiveDate> = w.days().iter().map(|d| d.date).collect();
    assert_eq!(
        dates,
        [
            NaiveDate::from_ymd_opt(2021, 11, 8).unwrap(),
            NaiveDate::from_ymd_opt(2021, 11, 25).unwrap(),
            NaiveDate::from_ymd_opt(2021, 11, 26).unwrap(),
        ]
    );
    assert_eq!(w.programme.time_zone, "Asia/Jakarta");
    assert_eq!(w.tz, chrono_tz::Asia::Jakarta);
}

#[test]
fn default_programme_has_the_six_chapters_of_module_4() {
    let w = tot();
    let chapters: Vec<(u32, &str)> = w
        .programme
        .chapters
        .iter()
        .map(|c| (c.number, c.title.as_str()))
        .collect();
    let expected: Vec<(u32, &str)> = (1..=6).zip(CHAPTERS).collect();
    assert_eq!(chapters, expected);
}

#[test]
fn default_programme_days_are_210_minutes_from_13_00_to_16_30() {
    let w = tot();
    for (i, day) in w.days().iter().enumerate() {
        let sum: u32 = day.blocks.iter().map(|b| b.minutes).sum();
        assert_eq!(sum, 210, "day {} blocks add up to {sum} minutes", i + 1);
        assert_eq!(day.planned_minutes(), 210);
        assert_eq!((day.start.hour(), day.start.minute()), (13, 0));
        // 13:00 Jakarta (UTC+7) is 06:00 UTC; the day ends at 16:30 Jakarta, 09:30 UTC.
        let starts = w.planned_starts(i);
        assert_eq!(starts.len(), day.blocks.len() + 1);
        assert_eq!(
            starts[0],
            day.date.and_hms_opt(6, 0, 0).unwrap().and_utc(),
            "day {} starts at 13:00 Jakarta time",
            i + 1
        );
        assert_eq!(
            *starts.last().unwrap(),
            day.date.and_hms_opt(9, 30, 0).unwrap().and_utc(),
            "day {} ends at 16:30 Jakarta time",
            i + 1
        );
    }
}

#[test]
fn default_programme_days_mix_every_kind_of_activity() {
    let w = tot();
    let required = [
        BlockKind::Presentation,
        BlockKind::Breakout,
        BlockKind::Discussion,
        BlockKind::Sharing,
        BlockKind::CaseStudy,
        BlockKind::Break,
    ];
    for (i, day) in w.days().iter().enumerate() {
        for kind in required {
            assert!(
                day.blocks.iter().any(|b| b.kind == kind),
                "day {} has no {} block",
                i + 1,
                kind.name()
            );
        }
    }
}

#[test]
fn default_programme_day_2_follows_the_self_study() {
    let w = tot();
    let before = w.days()[1]
        .preceded_by
        .as_deref()
        .expect("day 2 has preceded_by");
    assert!(
        before.to_lowercase().contains("self-study"),
        "day 2 preceded_by should mention self-study: {before:?}"
    );
}

#[test]
fn default_programme_presents_both_regional_case_studies() {
    let w = tot();
    let case_titles: Vec<String> = w
        .days()
        .iter()
        .flat_map(|d| &d.blocks)
        .filter(|b| b.kind == BlockKind::CaseStudy)
        .map(|b| b.title.replace('–', "-"))
        .collect();
    for case in ["Surabaya-Kitakyushu", "Jakarta-Berlin"] {
        assert!(
            case_titles.iter().any(|t| t.contains(case)),
            "no case-study block for {case}: {case_titles:?}"
        );
    }
}

#[test]
fn default_programme_has_the_eight_participant_time_zones() {
    let w = tot();
    let zones: BTreeSet<&str> = w
        .programme
        .participant_time_zones
        .iter()
        .map(|p| p.zone.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "Asia/Karachi",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Indian/Maldives",
        "Asia/Bangkok",
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Manila",
    ]
    .into_iter()
    .collect();
    assert_eq!(w.programme.participant_time_zones.len(), 8);
    assert_eq!(zones, expected);
    // The resolved places follow the file, one for one.
    assert_eq!(w.places.len(), 8);
    for (place, (label, tz)) in w.programme.participant_time_zones.iter().zip(&w.places) {
        assert_eq!(&place.place, label);
        assert_eq!(tz.name(), place.zone);
    }
}

#[test]
fn default_programme_day_1_presents_chapter_1() {
    let w = tot();
    let block = w.days()[0]
        .blocks
        .iter()
        .find(|b| b.title == "What is Decentralized Cooperation?")
        .expect("day 1 has a block titled \"What is Decentralized Cooperation?\"");
    assert_eq!(block.chapter, Some(1));
}

#[test]
fn default_programme_links_only_existing_exercises() {
    let w = tot();
    for day in w.days() {
        for b in &day.blocks {
            if let Some(id) = &b.exercise {
                assert!(w.exercise(id).is_some(), "block {:?} links {id}", b.title);
            }
        }
    }
}

#[test]
fn default_source_is_the_file_in_sessions() {
    let on_disk =
        std::fs::read_to_string(manifest_dir().join("sessions/tot-module4-aspac-2021.json"))
            .unwrap();
    assert_eq!(DEFAULT_SOURCE, on_disk);
}

// ---------------------------------------------------------------------------------------------
// 2. Every file in sessions/ loads, and so does the README's example
// ---------------------------------------------------------------------------------------------

#[test]
fn every_sessions_file_loads() {
    let dir = manifest_dir().join("sessions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("tot-module4-aspac-2021.json")),
        "sessions/ should hold the ToT programme: {files:?}"
    );
    for file in &files {
        match load(file) {
            Ok(w) => {
                assert_eq!(w.source_name, file.display().to_string());
                assert!(!w.days().is_empty());
            }
            Err(e) => panic!("{} does not load:\n{e}", file.display()),
        }
    }
}

#[test]
fn the_readme_example_is_valid_and_runs_65_minutes() {
    let readme = std::fs::read_to_string(manifest_dir().join("sessions/README.md")).unwrap();
    let start = readme.find("```json\n").expect("README has a json example") + "```json\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let w = parse("README example", &readme[start..end])
        .unwrap_or_else(|e| panic!("the README example must pass:\n{e}"));
    assert_eq!(w.days().len(), 1);
    assert_eq!(w.days()[0].planned_minutes(), 65);
}

// ---------------------------------------------------------------------------------------------
// 3. Errors: message, file, line, column and path
// ---------------------------------------------------------------------------------------------

#[test]
fn the_minimal_test_programme_is_valid() {
    let text = pretty(&minimal());
    let w = parse(NAME, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(w.source_name, NAME);
    assert_eq!(w.days().len(), 2);
    assert_eq!(w.tz, chrono_tz::Asia::Jakarta);
    assert_eq!(
        w.places,
        vec![
            ("Manila".to_string(), chrono_tz::Asia::Manila),
            ("Kathmandu".to_string(), chrono_tz::Asia::Kathmandu),
        ]
    );
}

#[test]
fn days_out_of_order() {
    let text = programme_with(|v| v["days"][1]["date"] = json!("2022-03-01"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[1].date");
    assert_eq!(
        (p.line, p.column),
        value_pos(&text, "date", "\"2022-03-01\"")
    );
    assert!(p.message.contains("date order"), "{}", p.message);
    assert!(
        p.message.contains("2022-03-01") && p.message.contains("2022-03-14"),
        "{}",
        p.message
    );
}

#[test]
fn two_days_on_the_same_date() {
    let text = programme_with(|v| v["days"][1]["date"] = json!("2022-03-14"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[1].date");
    // The only "date" after the second "blocks" key: find it by splitting at day 2.
    let day2 = text.rfind("\"blocks\"").unwrap();
    let at = day2 + text[day2..].find("\"date\": ").unwrap() + "\"date\": ".len();
    assert_eq!((p.line, p.column), line_col(&text, at));
    assert!(p.message.contains("date order"), "{}", p.message);
}

#[test]
fn a_block_of_zero_minutes() {
    // Without its `min_minutes`, which would then also be more than the minutes.
    let text = programme_with(|v| {
        let block = &mut v["days"][0]["blocks"][1];
        block["minutes"] = json!(0);
        block.as_object_mut().unwrap().remove("min_minutes");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[1].minutes");
    assert_eq!((p.line, p.column), value_pos(&text, "minutes", "0"));
    assert!(p.message.contains("0 minutes"), "{}", p.message);
}

#[test]
fn an_exercise_link_that_points_nowhere() {
    let text = programme_with(|v| v["days"][0]["blocks"][2]["exercise"] = json!("dc-tricycle"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[2].exercise");
    assert_eq!(
        (p.line, p.column),
        value_pos(&text, "exercise", "\"dc-tricycle\"")
    );
    assert!(p.message.contains("\"dc-tricycle\""), "{}", p.message);
    // It lists the ids that do exist.
    assert!(
        p.message.contains("dc-bicycle") && p.message.contains("follow-the-ps"),
        "{}",
        p.message
    );
}

#[test]
fn an_exercise_link_when_there_are_no_exercises() {
    let text = programme_with(|v| {
        v.as_object_mut().unwrap().remove("exercises");
        v["days"][1]["blocks"][1]
            .as_object_mut()
            .unwrap()
            .remove("exercise");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[2].exercise");
    assert_eq!(
        (p.line, p.column),
        value_pos(&text, "exercise", "\"dc-bicycle\"")
    );
    assert!(p.message.contains("\"dc-bicycle\""), "{}", p.message);
    assert!(p.message.contains("no `exercises`"), "{}", p.message);
}

#[test]
fn an_unknown_workshop_time_zone() {
    let text = programme_with(|v| v["time_zone"] = json!("Asia/Jakata"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "time_zone");
    assert_eq!(
        (p.line, p.column),
        value_pos(&text, "time_zone", "\"Asia/Jakata\"")
    );
    assert!(p.message.contains("unknown time zone"), "{}", p.message);
    assert!(p.message.contains("\"Asia/Jakata\""), "{}", p.message);
}

#[test]
fn an_unknown_participant_time_zone() {
    let text = programme_with(|v| v["participant_time_zones"][0]["zone"] = json!("Asia/Manilla"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "participant_time_zones[0].zone");
    assert_eq!(
        (p.line, p.column),
        value_pos(&text, "zone", "\"Asia/Manilla\"")
    );
    assert!(p.message.contains("unknown time zone"), "{}", p.message);
    assert!(p.message.contains("\"Asia/Manilla\""), "{}", p.message);
}

#[test]
fn min_minutes_more_than_minutes() {
    let text = programme_with(|v| v["days"][0]["blocks"][1]["min_minutes"] = json!(22));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[1].min_minutes");
    assert_eq!((p.line, p.column), value_pos(&text, "min_minutes", "22"));
    assert!(
        p.message.contains("min_minutes (22)") && p.message.contains("(20)"),
        "{}",
        p.message
    );
}

#[test]
fn max_minutes_less_than_minutes() {
    let text = programme_with(|v| v["days"][0]["blocks"][1]["max_minutes"] = json!(18));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[1].max_minutes");
    assert_eq!((p.line, p.column), value_pos(&text, "max_minutes", "18"));
    assert!(
        p.message.contains("max_minutes (18)") && p.message.contains("(20)"),
        "{}",
        p.message
    );
}

#[test]
fn min_and_max_equal_to_minutes_are_fine() {
    let text = programme_with(|v| {
        v["days"][0]["blocks"][1]["min_minutes"] = json!(20);
        v["days"][0]["blocks"][1]["max_minutes"] = json!(20);
    });
    parse(NAME, &text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn an_unknown_field_in_a_block() {
    let text = programme_with(|v| v["days"][0]["blocks"][1]["minute"] = json!(20));
    let e = errors(&text);
    let p = only(&e);
    assert!(
        p.message.contains("unknown field `minute`"),
        "{}",
        p.message
    );
    // The path is the parent object's path followed by the unknown key.
    assert_eq!(p.path, "days[0].blocks[1].minute");
    assert_points_into(&text, p, span_once(&text, "\"minute\""), "unknown key");
}

#[test]
fn an_unknown_field_at_the_top_level() {
    let text = programme_with(|v| v["organizers"] = json!(["UCLG ASPAC"]));
    let e = errors(&text);
    let p = only(&e);
    assert!(
        p.message.contains("unknown field `organizers`"),
        "{}",
        p.message
    );
    // It suggests the fields that do exist, including the right spelling.
    assert!(p.message.contains("`organisers`"), "{}", p.message);
    assert_eq!(p.path, "organizers");
    assert_points_into(&text, p, span_once(&text, "\"organizers\""), "unknown key");
}

#[test]
fn a_string_where_minutes_should_be_a_number() {
    let text = programme_with(|v| v["days"][0]["blocks"][1]["minutes"] = json!("20"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[1].minutes");
    assert!(p.message.contains("invalid type"), "{}", p.message);
    assert!(p.message.contains("string \"20\""), "{}", p.message);
    let needle = "\"minutes\": \"20\"";
    let span = span_once(&text, needle);
    assert_points_into(
        &text,
        p,
        span.end - "\"20\"".len()..span.end,
        "wrongly typed value",
    );
}

#[test]
fn a_month_13_date_is_located() {
    let text = programme_with(|v| v["days"][0]["date"] = json!("2021-13-01"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].date");
    let span = span_once(&text, "\"2021-13-01\"");
    assert_points_into(&text, p, span, "bad date");
}

#[test]
fn a_month_13_date_says_what_a_date_looks_like() {
    let text = programme_with(|v| v["days"][0]["date"] = json!("2021-13-01"));
    let e = errors(&text);
    let p = only(&e);
    assert!(
        p.message.contains("YYYY-MM-DD"),
        "the message should say how a date is written: {:?}",
        p.message
    );
}

#[test]
fn a_badly_written_date_says_what_a_date_looks_like() {
    for bad in ["8 November 2021", "2021-11", "2021-11-08T13:00"] {
        let text = programme_with(|v| v["days"][0]["date"] = json!(bad));
        let e = errors(&text);
        let p = only(&e);
        assert_eq!(p.path, "days[0].date", "{bad}");
        assert!(p.message.contains("YYYY-MM-DD"), "{bad}: {}", p.message);
        let span = span_once(&text, &format!("\"{bad}\""));
        assert_points_into(&text, p, span, bad);
    }
}

#[test]
fn a_start_time_of_1pm() {
    let text = programme_with(|v| v["days"][1]["start"] = json!("1pm"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[1].start");
    assert!(p.message.contains("HH:MM"), "{}", p.message);
    assert!(p.message.contains("\"1pm\""), "{}", p.message);
    let span = span_once(&text, "\"1pm\"");
    assert_points_into(&text, p, span, "bad start");
}

#[test]
fn an_unknown_block_kind() {
    let text = programme_with(|v| v["days"][1]["blocks"][0]["kind"] = json!("lunch"));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[1].blocks[0].kind");
    assert!(
        p.message.starts_with("unknown value `lunch`"),
        "{}",
        p.message
    );
    // Every valid kind is offered.
    for kind in BlockKind::ALL {
        assert!(
            p.message.contains(&format!("`{}`", kind.name())),
            "{}",
            p.message
        );
    }
    assert_points_into(&text, p, span_once(&text, "\"lunch\""), "bad kind");
}

#[test]
fn a_block_without_a_title() {
    let text = programme_with(|v| {
        v["days"][1]["blocks"][0]
            .as_object_mut()
            .unwrap()
            .remove("title");
        v["days"][1]["blocks"][0]["kind"] = json!("energiser");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[1].blocks[0]");
    assert_eq!(p.message, "missing field `title`");
    let object = enclosing_object(&text, "\"energiser\"");
    assert_points_into(&text, p, object, "block without title");
}

#[test]
fn a_workshop_without_a_title() {
    let text = programme_with(|v| {
        v.as_object_mut().unwrap().remove("title");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "");
    assert_eq!(p.message, "missing field `title`");
    // Whole-file problems have no path in the Display form.
    assert_eq!(
        e.to_string(),
        format!("{NAME}:{}:{}: missing field `title`", p.line, p.column)
    );
}

#[test]
fn a_blank_workshop_title() {
    let text = programme_with(|v| v["title"] = json!("  "));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "title");
    assert_eq!((p.line, p.column), value_pos(&text, "title", "\"  \""));
    assert!(p.message.contains("title"), "{}", p.message);
}

#[test]
fn a_newer_format_version_asks_to_update_convene_and_nothing_else() {
    // Besides format 2, the file has things format 1 does not know and a problem format 1
    // would report; only the version is reported.
    let text = programme_with(|v| {
        v["format"] = json!(2);
        v["days"][0]["blocks"][0]["kind"] = json!("poll");
        v["days"][0]["blocks"][0]["starts_at"] = json!("09:00");
        v["days"][1]["date"] = json!("2020-01-01");
        v["venue"] = json!("Zoom");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "format");
    assert_eq!((p.line, p.column), value_pos(&text, "format", "2"));
    assert!(p.message.contains("update convene"), "{}", p.message);
    assert!(p.message.contains("format 2"), "{}", p.message);
}

#[test]
fn an_older_or_odd_format_version() {
    for (bad, shown) in [(json!(0), "0"), (json!("1"), "\"1\""), (json!(1.5), "1.5")] {
        let text = programme_with(|v| v["format"] = bad.clone());
        let e = errors(&text);
        let p = only(&e);
        assert_eq!(p.path, "format", "{shown}");
        assert_eq!((p.line, p.column), value_pos(&text, "format", shown));
        assert!(
            p.message
                .contains(&format!("format version {FORMAT_VERSION}")),
            "{}",
            p.message
        );
        assert!(
            p.message.contains(&format!("found {shown}")),
            "{}",
            p.message
        );
    }
}

#[test]
fn a_missing_format() {
    let text = programme_with(|v| {
        v.as_object_mut().unwrap().remove("format");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "");
    assert_eq!((p.line, p.column), (1, 1));
    assert!(
        p.message.contains("missing field `format`"),
        "{}",
        p.message
    );
    assert!(p.message.contains("\"format\": 1"), "{}", p.message);
}

#[test]
fn invalid_json_with_a_trailing_comma() {
    let valid = pretty(&minimal());
    // Add a comma after the last field of the last block (keys are sorted, `title` is last).
    let after = span_once(&valid, "\"title\": \"Follow the Ps\"").end;
    let text = format!("{},{}", &valid[..after], &valid[after..]);
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "");
    assert!(
        p.message.starts_with("not valid JSON") && p.message.contains("trailing comma"),
        "{}",
        p.message
    );
    // The position is not repeated inside the message.
    assert!(!p.message.contains(" at line "), "{}", p.message);
    // serde_json notices the comma at the closing brace that follows it.
    let close = after + 1 + text[after + 1..].find('}').unwrap();
    assert_eq!((p.line, p.column), line_col(&text, close));
    assert_eq!(
        e.to_string(),
        format!("{NAME}:{}:{}: {}", p.line, p.column, p.message)
    );
}

#[test]
fn invalid_json_cut_short() {
    let valid = pretty(&minimal());
    let text = &valid[..valid.len() / 2];
    let e = errors(text);
    let p = only(&e);
    assert_eq!(p.path, "");
    assert!(p.message.starts_with("not valid JSON"), "{}", p.message);
    assert!(p.line > 1, "the position is at the end: {p:?}");
}

#[test]
fn an_empty_file() {
    let e = errors("");
    let p = only(&e);
    assert_eq!((p.line, p.column), (1, 1));
    assert!(p.message.starts_with("not valid JSON"), "{}", p.message);
}

#[test]
fn a_top_level_that_is_not_an_object() {
    for text in ["[1, 2, 3]", "\"hello\"", "  42\n", "null"] {
        let e = errors(text);
        let p = only(&e);
        assert_eq!(p.path, "", "{text}");
        assert!(p.message.contains("JSON object"), "{text}: {}", p.message);
        let first = text.len() - text.trim_start().len();
        assert_eq!((p.line, p.column), line_col(text, first), "{text}");
    }
}

#[test]
fn an_empty_days_array() {
    let text = programme_with(|v| v["days"] = json!([]));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days");
    assert_eq!((p.line, p.column), value_pos(&text, "days", "[]"));
    assert!(p.message.contains("at least one day"), "{}", p.message);
}

#[test]
fn a_day_without_blocks() {
    let text = programme_with(|v| v["days"][1]["blocks"] = json!([]));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[1].blocks");
    assert_eq!((p.line, p.column), value_pos(&text, "blocks", "[]"));
    assert!(p.message.contains("at least one block"), "{}", p.message);
}

#[test]
fn a_block_chapter_that_is_not_in_chapters() {
    let text = programme_with(|v| v["days"][1]["blocks"][1]["chapter"] = json!(7));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[1].blocks[1].chapter");
    assert_eq!((p.line, p.column), value_pos(&text, "chapter", "7"));
    assert!(p.message.contains("chapter 7"), "{}", p.message);
    assert!(p.message.contains("known: 1, 2"), "{}", p.message);
}

#[test]
fn an_exercise_chapter_that_is_not_in_chapters() {
    let text = programme_with(|v| v["exercises"][1]["chapter"] = json!(9));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "exercises[1].chapter");
    assert_eq!((p.line, p.column), value_pos(&text, "chapter", "9"));
    assert!(p.message.contains("chapter 9"), "{}", p.message);
}

#[test]
fn any_chapter_is_fine_without_a_chapters_list() {
    let text = programme_with(|v| {
        v.as_object_mut().unwrap().remove("chapters");
        v["days"][1]["blocks"][1]["chapter"] = json!(7);
    });
    parse(NAME, &text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_chapter_listed_twice() {
    let text = programme_with(|v| {
        v["chapters"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "number": 2, "title": "Chapter two again" }));
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "chapters[2].number");
    // The `"number": 2` after the second chapter's title is the duplicate.
    let second = span_once(&text, "\"title\": \"Why is Decentralized").end;
    let at = second + text[second..].find("\"number\": 2").unwrap() + "\"number\": ".len();
    assert_eq!((p.line, p.column), line_col(&text, at));
    assert!(p.message.contains("chapter 2"), "{}", p.message);
}

#[test]
fn duplicate_exercise_ids() {
    let text = programme_with(|v| {
        v["exercises"][1]["id"] = json!("dc-bicycle");
        v["days"][1]["blocks"][1]["exercise"] = json!("dc-bicycle");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "exercises[1].id");
    // The second `"id": "dc-bicycle"`.
    let needle = "\"id\": \"dc-bicycle\"";
    let first = text.find(needle).unwrap();
    let second = first + 1 + text[first + 1..].find(needle).unwrap();
    assert_eq!(
        (p.line, p.column),
        line_col(&text, second + "\"id\": ".len())
    );
    assert!(p.message.contains("\"dc-bicycle\""), "{}", p.message);
    assert!(p.message.contains("twice"), "{}", p.message);
}

#[test]
fn an_exercise_id_that_is_not_lowercase_kebab() {
    let text = programme_with(|v| {
        v["exercises"][0]["id"] = json!("DC Bicycle");
        v["days"][0]["blocks"][2]["exercise"] = json!("DC Bicycle");
    });
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "exercises[0].id");
    assert_eq!((p.line, p.column), value_pos(&text, "id", "\"DC Bicycle\""));
}

#[test]
fn several_problems_are_all_reported_in_file_order() {
    let text = programme_with(|v| {
        v["days"][0]["blocks"][0]["minutes"] = json!(0);
        v["days"][0]["blocks"][2]["exercise"] = json!("dc-tricycle");
        v["days"][1]["date"] = json!("2022-01-01");
    });
    let e = errors(&text);
    let got: Vec<(&str, usize, usize)> = e
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.line, p.column))
        .collect();
    let at = |key, value| value_pos(&text, key, value);
    let expected = vec![
        (
            "days[0].blocks[0].minutes",
            at("minutes", "0").0,
            at("minutes", "0").1,
        ),
        (
            "days[0].blocks[2].exercise",
            at("exercise", "\"dc-tricycle\"").0,
            at("exercise", "\"dc-tricycle\"").1,
        ),
        (
            "days[1].date",
            at("date", "\"2022-01-01\"").0,
            at("date", "\"2022-01-01\"").1,
        ),
    ];
    assert_eq!(got, expected, "\n{e}");
    assert!(got.windows(2).all(|w| w[0].1 < w[1].1));

    // Display: one `file:line:column: path: message` line per problem.
    let display = e.to_string();
    let lines: Vec<&str> = display.lines().collect();
    assert_eq!(lines.len(), 3, "{display}");
    for (line, p) in lines.iter().zip(&e.problems) {
        assert_eq!(
            *line,
            format!("{NAME}:{}:{}: {}: {}", p.line, p.column, p.path, p.message)
        );
    }
}

#[test]
fn problems_are_in_file_order_whatever_the_key_order() {
    // Keys sorted alphabetically (as `jq -S` or serde_json write them): `days` comes before
    // `time_zone`, but the time-zone problem is reported first.
    let text = programme_with(|v| {
        v["time_zone"] = json!("Asia/Jakata");
        v["days"][0]["blocks"][0]["minutes"] = json!(0);
    });
    let e = errors(&text);
    assert_eq!(e.problems.len(), 2, "{e}");
    let positions: Vec<(usize, usize)> = e.problems.iter().map(|p| (p.line, p.column)).collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted, "\n{e}");
}

#[test]
fn several_misspelt_fields_are_all_reported() {
    let text = programme_with(|v| {
        v["days"][0]["blocks"][0]["minute"] = json!(10);
        v["days"][1]["blocks"][0]["minute"] = json!(10);
    });
    let e = errors(&text);
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["days[0].blocks[0].minute", "days[1].blocks[0].minute"],
        "\n{e}"
    );
}

#[test]
fn columns_count_characters_after_non_ascii_text() {
    // A misspelt key with an accent, as a French-speaking facilitator might type it.
    let text = programme_with(|v| v["days"][0]["blocks"][0]["durée"] = json!(10));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[0].durée");
    assert_points_into(&text, p, span_once(&text, "\"durée\""), "accented key");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", pretty(&minimal()));
    let w = parse(NAME, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(w.days().len(), 2);

    // And positions after it are those an editor shows (the mark is not a character there).
    let bad = programme_with(|v| v["days"][0]["blocks"][0]["minutes"] = json!(0));
    let with_bom = format!("\u{feff}{bad}");
    let e = errors(&with_bom);
    assert_eq!(
        (only(&e).line, only(&e).column),
        value_pos(&bad, "minutes", "0")
    );
}

#[test]
fn load_reads_a_file_and_names_it() {
    let tmp = TempFile::new("valid", pretty(&minimal()).as_bytes());
    let w = load(&tmp.0).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(w.source_name, tmp.0.display().to_string());

    let bad = programme_with(|v| v["days"][0]["blocks"][0]["minutes"] = json!(0));
    let tmp = TempFile::new("zero", bad.as_bytes());
    let e = load(&tmp.0).unwrap_err();
    assert_eq!(e.file, tmp.0.display().to_string());
    assert!(
        e.to_string().starts_with(&format!(
            "{}:{}:{}: days[0].blocks[0].minutes: ",
            tmp.0.display(),
            value_pos(&bad, "minutes", "0").0,
            value_pos(&bad, "minutes", "0").1
        )),
        "{e}"
    );
}

#[test]
fn load_rejects_a_file_that_is_not_utf8() {
    let mut bytes = pretty(&minimal()).into_bytes();
    // A Latin-1 "é" in the workshop title.
    let at = span_once(std::str::from_utf8(&bytes).unwrap(), "Peer exchange").start;
    bytes[at + 1] = 0xE9;
    let tmp = TempFile::new("latin1", &bytes);
    let e = load(&tmp.0).unwrap_err();
    assert_eq!(e.file, tmp.0.display().to_string());
    let p = only(&e);
    assert!(p.message.contains("UTF-8"), "{}", p.message);
    assert!(
        p.message.contains(&format!("offset {}", at + 1)),
        "{}",
        p.message
    );
    assert!(e.to_string().starts_with(&tmp.0.display().to_string()));
    let path = tmp.0.to_path_buf();
    drop(tmp);
    assert!(!path.exists(), "the temp file is cleaned up");
}

#[test]
fn load_of_a_missing_file_names_it() {
    // A path in a fresh, empty folder: the file is never made.
    let dir = tempfile::Builder::new()
        .prefix("convene-programme-test-")
        .tempdir()
        .unwrap();
    let path = dir.path().join("does-not-exist.json");
    let e = load(&path).unwrap_err();
    assert_eq!(e.file, path.display().to_string());
    let p = only(&e);
    assert!(p.message.contains("cannot read"), "{}", p.message);
    assert!(e.to_string().starts_with(&path.display().to_string()));
}

// ---------------------------------------------------------------------------------------------
// 4. `convene check`
// ---------------------------------------------------------------------------------------------

fn convene_check(file: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(["check", file])
        .current_dir(manifest_dir())
        .output()
        .expect("run convene check")
}

#[test]
fn check_accepts_the_tot_programme_and_prints_a_summary() {
    let out = convene_check("sessions/tot-module4-aspac-2021.json");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr:\n{stderr}");
    assert_eq!(stderr, "");
    assert!(
        stdout.starts_with("sessions/tot-module4-aspac-2021.json: ok\n"),
        "{stdout}"
    );
    assert!(stdout.contains("3 day(s)"), "{stdout}");
    assert!(stdout.contains("8 participant time zone(s)"), "{stdout}");
    for day in [
        "Day 1 Mon  8 Nov 2021 13:00–16:30",
        "Day 2 Thu 25 Nov 2021 13:00–16:30",
        "Day 3 Fri 26 Nov 2021 13:00–16:30",
    ] {
        assert!(stdout.contains(day), "missing {day:?} in:\n{stdout}");
    }
    // The printed summary is the library's summary of the same file.
    // (The embedded default is loaded under the same name as the one passed here.)
    assert_eq!(stdout, summary(&tot()));
}

#[test]
fn check_reports_every_problem_of_a_broken_file() {
    let file = "tests/fixtures/programme/broken.json";
    let text = std::fs::read_to_string(manifest_dir().join(file)).unwrap();
    let out = convene_check(file);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr:\n{stderr}");
    assert_eq!(stdout, "", "nothing on stdout for a broken file");

    let pos = |needle: &str, value: &str| {
        let span = span_once(&text, needle);
        line_col(&text, span.end - value.len())
    };
    let expected = [
        (pos("\"minutes\": 0", "0"), "days[0].blocks[1].minutes"),
        (
            pos("\"exercise\": \"dc-tricycle\"", "\"dc-tricycle\""),
            "days[0].blocks[2].exercise",
        ),
        (
            pos("\"date\": \"2022-03-01\"", "\"2022-03-01\""),
            "days[1].date",
        ),
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), expected.len() + 1, "stderr:\n{stderr}");
    for (line, ((l, c), path)) in lines.iter().zip(expected) {
        let prefix = format!("{file}:{l}:{c}: {path}: ");
        assert!(
            line.starts_with(&prefix),
            "expected a line starting {prefix:?}, got {line:?}"
        );
    }
    assert!(lines[1].contains("\"dc-tricycle\""), "{}", lines[1]);
    assert_eq!(lines[3], "3 problems found");
}

#[test]
fn check_names_a_missing_file() {
    let file = "tests/fixtures/programme/no-such-file.json";
    let out = convene_check(file);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(
        stderr.starts_with(&format!("{file}:1:1: cannot read the file")),
        "{stderr}"
    );
    assert!(stderr.ends_with("1 problem found\n"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// Warning minutes, cues, report-back minutes and exercise lengths
// ---------------------------------------------------------------------------------------------

/// The one problem of a rejected text, with the error as `convene check` prints it.
fn the_problem(text: &str) -> (Problem, String) {
    let e = errors(text);
    (only(&e).clone(), e.to_string())
}

/// `file:line:column: path: message` for a problem at a position.
fn rendered((line, column): (usize, usize), path: &str, message: &str) -> String {
    format!("{NAME}:{line}:{column}: {path}: {message}")
}

#[test]
fn a_warning_of_zero_minutes() {
    let text = programme_with(|v| v["days"][0]["blocks"][1]["warning_minutes"] = json!(0));
    let (p, shown) = the_problem(&text);
    assert_eq!(p.path, "days[0].blocks[1].warning_minutes");
    assert_eq!(
        shown,
        rendered(
            value_pos(&text, "warning_minutes", "0"),
            "days[0].blocks[1].warning_minutes",
            "warning_minutes (0) must be more than 0 and less than the block's minutes (20)"
        )
    );
}

#[test]
fn a_warning_as_long_as_the_block_or_longer() {
    // "What is DC?" lasts 20 minutes.
    for w in [20, 21, 90] {
        let text = programme_with(|v| v["days"][0]["blocks"][1]["warning_minutes"] = json!(w));
        let (p, shown) = the_problem(&text);
        assert_eq!(p.path, "days[0].blocks[1].warning_minutes");
        assert_eq!(
            shown,
            rendered(
                value_pos(&text, "warning_minutes", &w.to_string()),
                "days[0].blocks[1].warning_minutes",
                &format!(
                    "warning_minutes ({w}) must be more than 0 and less than the block's minutes (20)"
                )
            ),
            "warning_minutes {w}"
        );
    }
}

#[test]
fn a_warning_from_one_minute_to_a_minute_short_of_the_block_is_fine() {
    // Day 2's "Follow the Ps" lasts 25 minutes.
    for w in [1, 24] {
        let text = programme_with(|v| v["days"][1]["blocks"][1]["warning_minutes"] = json!(w));
        let workshop = parse(NAME, &text).unwrap_or_else(|e| panic!("{w}: {e}"));
        assert_eq!(workshop.days()[1].blocks[1].warning_minutes, Some(w));
    }
}

/// The minimal programme with these cues on a block.
fn programme_with_cues(day: usize, block: usize, cues: Value) -> String {
    programme_with(|v| v["days"][day]["blocks"][block]["cues"] = cues)
}

#[test]
fn a_cue_with_a_blank_text() {
    let text = programme_with_cues(
        0,
        2,
        json!([
            { "text": "Start with the front wheel", "minutes_after_start": 1 },
            { "text": "  ", "minutes_before_end": 2 }
        ]),
    );
    let (p, shown) = the_problem(&text);
    assert_eq!(p.path, "days[0].blocks[2].cues[1].text");
    assert_eq!(
        shown,
        rendered(
            value_pos(&text, "text", "\"  \""),
            "days[0].blocks[2].cues[1].text",
            "a cue needs a text to send"
        )
    );
}

#[test]
fn a_cue_with_both_timings() {
    let text = programme_with_cues(
        1,
        1,
        json!([{ "text": "Two minutes left", "minutes_after_start": 3, "minutes_before_end": 2 }]),
    );
    let (p, shown) = the_problem(&text);
    // The cue as a whole is at fault: its opening brace.
    assert_eq!(p.path, "days[1].blocks[1].cues[0]");
    let cue = enclosing_object(&text, "\"text\": \"Two minutes left\"");
    assert_eq!(
        shown,
        rendered(
            line_col(&text, cue.start),
            "days[1].blocks[1].cues[0]",
            "a cue needs exactly one of `minutes_after_start` and `minutes_before_end`"
        )
    );
}

#[test]
fn a_cue_with_neither_timing() {
    let text = programme_with_cues(
        0,
        2,
        json!([
            { "text": "Start with the front wheel", "minutes_after_start": 0 },
            { "text": "Whenever" }
        ]),
    );
    let (p, shown) = the_problem(&text);
    assert_eq!(p.path, "days[0].blocks[2].cues[1]");
    let cue = enclosing_object(&text, "\"text\": \"Whenever\"");
    assert_eq!(
        shown,
        rendered(
            line_col(&text, cue.start),
            "days[0].blocks[2].cues[1]",
            "a cue needs exactly one of `minutes_after_start` and `minutes_before_end`"
        )
    );
}

#[test]
fn a_cue_after_the_block_has_ended() {
    // The bicycle breakout lasts 30 minutes: 30 minutes after its start is its end.
    for m in [30, 31] {
        let text = programme_with_cues(
            0,
            2,
            json!([{ "text": "Too late", "minutes_after_start": m }]),
        );
        let (p, shown) = the_problem(&text);
        assert_eq!(p.path, "days[0].blocks[2].cues[0].minutes_after_start");
        assert_eq!(
            shown,
            rendered(
                value_pos(&text, "minutes_after_start", &m.to_string()),
                "days[0].blocks[2].cues[0].minutes_after_start",
                &format!("{m} minutes after the start is not within the block's 30 minutes")
            ),
            "minutes_after_start {m}"
        );
    }
}

#[test]
fn a_cue_before_the_block_has_started() {
    // "Follow the Ps" lasts 25 minutes: 25 minutes before its end is its start.
    for m in [25, 40] {
        let text = programme_with_cues(
            1,
            1,
            json!([{ "text": "Too early", "minutes_before_end": m }]),
        );
        let (p, shown) = the_problem(&text);
        assert_eq!(p.path, "days[1].blocks[1].cues[0].minutes_before_end");
        assert_eq!(
            shown,
            rendered(
                value_pos(&text, "minutes_before_end", &m.to_string()),
                "days[1].blocks[1].cues[0].minutes_before_end",
                &format!("{m} minutes before the end is not within the block's 25 minutes")
            ),
            "minutes_before_end {m}"
        );
    }
}

#[test]
fn cues_within_the_block_are_fine() {
    // From the start (0 after it) to a minute before the end of the 30-minute block, and
    // from the end (0 before it) to 29 minutes before it.
    let text = programme_with_cues(
        0,
        2,
        json!([
            { "text": "Go to your rooms", "minutes_after_start": 0 },
            { "text": "Last minute", "minutes_after_start": 29 },
            { "text": "Time is up", "minutes_before_end": 0 },
            { "text": "Almost from the start", "minutes_before_end": 29 }
        ]),
    );
    let workshop = parse(NAME, &text).unwrap_or_else(|e| panic!("{e}"));
    let cues = &workshop.days()[0].blocks[2].cues;
    let timings: Vec<(Option<u32>, Option<u32>)> = cues
        .iter()
        .map(|c| (c.minutes_after_start, c.minutes_before_end))
        .collect();
    assert_eq!(
        timings,
        [
            (Some(0), None),
            (Some(29), None),
            (None, Some(0)),
            (None, Some(29))
        ]
    );
}

#[test]
fn a_misspelt_cue_field_is_named_with_its_path() {
    let text = programme_with_cues(
        0,
        2,
        json!([{ "text": "Two minutes left", "minutes_befor_end": 2 }]),
    );
    let e = errors(&text);
    // Unknown fields are reported before the cue's timing is looked at.
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[2].cues[0].minutes_befor_end");
    let key = span_once(&text, "\"minutes_befor_end\"");
    assert_eq!(
        e.to_string(),
        rendered(
            line_col(&text, key.start),
            "days[0].blocks[2].cues[0].minutes_befor_end",
            "unknown field `minutes_befor_end`; did you mean `minutes_before_end`?"
        )
    );
}

#[test]
fn a_report_back_of_zero_minutes() {
    let text = programme_with(|v| v["exercises"][1]["report_minutes"] = json!(0));
    let (p, shown) = the_problem(&text);
    assert_eq!(p.path, "exercises[1].report_minutes");
    assert_eq!(
        shown,
        rendered(
            value_pos(&text, "report_minutes", "0"),
            "exercises[1].report_minutes",
            "a report-back needs at least a minute"
        )
    );
}

#[test]
fn report_back_minutes_of_one_or_more_are_kept() {
    let text = programme_with(|v| {
        v["exercises"][0]["report_minutes"] = json!(1);
        v["exercises"][1]["report_minutes"] = json!(5);
    });
    let workshop = parse(NAME, &text).unwrap_or_else(|e| panic!("{e}"));
    let minutes: Vec<Option<u32>> = workshop
        .programme
        .exercises
        .iter()
        .map(|e| e.report_minutes)
        .collect();
    assert_eq!(minutes, [Some(1), Some(5)]);
}

#[test]
fn an_exercise_of_zero_minutes() {
    let text = programme_with(|v| v["exercises"][0]["minutes"] = json!(0));
    let (p, shown) = the_problem(&text);
    assert_eq!(p.path, "exercises[0].minutes");
    assert_eq!(
        shown,
        rendered(
            value_pos(&text, "minutes", "0"),
            "exercises[0].minutes",
            "an exercise cannot last 0 minutes"
        )
    );
}

#[test]
fn an_exercise_without_minutes_is_fine() {
    let text = programme_with(|v| {
        v["exercises"][0].as_object_mut().unwrap().remove("minutes");
    });
    let workshop = parse(NAME, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(workshop.programme.exercises[0].minutes, None);
    assert_eq!(workshop.programme.exercises[1].minutes, Some(20));
}

#[test]
fn check_prints_cue_and_warning_problems_with_their_place() {
    let text = programme_with(|v| {
        v["days"][0]["blocks"][1]["warning_minutes"] = json!(20);
        v["days"][1]["blocks"][1]["cues"] =
            json!([{ "text": "Two minutes left", "minutes_before_end": 25 }]);
    });
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("programme-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cues.json");
    std::fs::write(&file, &text).unwrap();
    let out = convene_check(file.to_str().unwrap());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let at = |key: &str, value: &str| {
        let (l, c) = value_pos(&text, key, value);
        format!("{}:{l}:{c}", file.display())
    };
    assert_eq!(
        stderr,
        format!(
            "{}: days[0].blocks[1].warning_minutes: warning_minutes (20) must be more than 0 and \
             less than the block's minutes (20)\n\
             {}: days[1].blocks[1].cues[0].minutes_before_end: 25 minutes before the end is not \
             within the block's 25 minutes\n\
             2 problems found\n",
            at("warning_minutes", "20"),
            at("minutes_before_end", "25"),
        )
    );
}

// ---------------------------------------------------------------------------------------------
// The day the console opens on
// ---------------------------------------------------------------------------------------------

/// Two nights of a workshop, each from 22:00 to 09:00 the next morning (Jakarta, UTC+7):
/// eleven hours of blocks from 22:00 end at 09:00.
fn night_workshop() -> Workshop {
    let text = programme_with(|v| {
        let night = |date: &str, title: &str| {
            json!({
                "date": date,
                "start": "22:00",
                "title": title,
                "blocks": [
                    { "title": "Welcome", "kind": "welcome", "minutes": 60 },
                    { "title": "First watch", "kind": "discussion", "minutes": 300 },
                    { "title": "Second watch", "kind": "discussion", "minutes": 300 }
                ]
            })
        };
        v["days"] = json!([
            night("2022-03-14", "First night"),
            night("2022-03-15", "Second night")
        ]);
    });
    parse(NAME, &text).expect("a valid programme")
}

/// A moment in Jakarta (UTC+7) as UTC.
fn jakarta(day: u32, hour: u32, minute: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2022, 3, day, hour, minute, 0)
        .unwrap()
        - chrono::Duration::hours(7)
}

#[test]
fn a_day_past_midnight_is_the_day_until_its_planned_end() {
    let w = night_workshop();
    assert_eq!(w.planned_starts(0).last(), Some(&jakarta(15, 9, 0)));
    // Before the first night starts: the next day to come, the first.
    assert_eq!(w.day_for(jakarta(14, 12, 0)), 0);
    assert_eq!(w.day_for(jakarta(14, 22, 0)), 0);
    // After midnight the date is the 15th, the second night's date, but the first night runs
    // until 09:00.
    assert_eq!(w.day_for(jakarta(15, 2, 0)), 0);
    assert_eq!(w.day_for(jakarta(15, 8, 59)), 0);
    // At its planned end it is over: the next night is the next day to come.
    assert_eq!(w.day_for(jakarta(15, 9, 0)), 1);
    assert_eq!(w.day_for(jakarta(15, 21, 0)), 1);
    assert_eq!(w.day_for(jakarta(16, 3, 0)), 1);
    // Once the workshop is over: the first day, as for any workshop.
    assert_eq!(w.day_for(jakarta(16, 9, 0)), 0);
    assert_eq!(w.day_for(jakarta(20, 12, 0)), 0);
}

#[test]
fn a_day_that_ends_in_the_afternoon_is_the_day_until_midnight() {
    // The minimal programme: 09:00 to 10:00 on the 14th, 09:00 to 09:35 on the 15th.
    let w = parse(NAME, &pretty(&minimal())).expect("a valid programme");
    assert_eq!(w.day_for(jakarta(14, 8, 0)), 0);
    assert_eq!(w.day_for(jakarta(14, 11, 0)), 0);
    assert_eq!(w.day_for(jakarta(14, 23, 59)), 0);
    assert_eq!(w.day_for(jakarta(15, 0, 0)), 1);
    assert_eq!(w.day_for(jakarta(15, 23, 0)), 1);
    assert_eq!(w.day_for(jakarta(16, 0, 0)), 0);
}

#[test]
fn a_meeting_is_of_a_day_by_its_date_or_while_the_day_is_under_way() {
    let w = night_workshop();
    // The evening of the 14th: the first night's date.
    assert!(w.is_of_day(0, jakarta(14, 21, 0)));
    assert!(!w.is_of_day(1, jakarta(14, 21, 0)));
    // Half past midnight: the first night under way, and the second night's date.
    assert!(w.is_of_day(0, jakarta(15, 0, 30)));
    assert!(w.is_of_day(1, jakarta(15, 0, 30)));
    // The first night ends at 09:00 on the 15th; the second's goes on to 09:00 on the 16th.
    assert!(w.is_of_day(0, jakarta(15, 9, 0)));
    assert!(!w.is_of_day(0, jakarta(15, 9, 1)));
    assert!(w.is_of_day(1, jakarta(16, 8, 0)));
    assert!(!w.is_of_day(0, jakarta(16, 8, 0)));
    assert!(!w.is_of_day(1, jakarta(16, 9, 1)));
    // No such day.
    assert!(!w.is_of_day(2, jakarta(14, 21, 0)));
}

// The workshop id and the journal folder
// ---------------------------------------------------------------------------------------------

/// The name of the journal folder `convene` keeps a programme's sessions in by default.
fn journal_folder(text: &str) -> String {
    let w = parse(NAME, text).expect("a valid programme");
    let dir = convene::journal::default_dir(&w).expect("a data folder");
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_programme_with_an_id_keeps_its_journal_folder_when_the_title_changes() {
    let with_id = |title: &str| {
        programme_with(|v| {
            v["id"] = json!("peer-exchange-2022");
            v["title"] = json!(title);
        })
    };
    let before = journal_folder(&with_id("Peer exchange on city-to-city partnerships"));
    let after = journal_folder(&with_id("Peer exchange on city-to-city partnership"));
    assert_eq!(before, "peer-exchange-2022");
    assert_eq!(after, "peer-exchange-2022");
}

#[test]
fn a_programme_without_an_id_keeps_the_folder_named_by_its_title() {
    // The first eight words of the title, lowercased, joined by hyphens, then the first date.
    assert_eq!(
        journal_folder(&pretty(&minimal())),
        "peer-exchange-on-city-to-city-partnerships-2022-03-14"
    );
    let longer = programme_with(|v| {
        v["title"] =
            json!("Training of Trainers on Localizing the SDGs through Decentralized Cooperation");
    });
    assert_eq!(
        journal_folder(&longer),
        "training-of-trainers-on-localizing-the-sdgs-through-2022-03-14"
    );
}

#[test]
fn the_tot_programme_has_a_lasting_id() {
    assert_eq!(
        tot().programme.id.as_deref(),
        Some("uclg-aspac-tot-module4-2021")
    );
}

#[test]
fn a_workshop_id_is_lowercase_words_joined_by_hyphens() {
    for bad in [
        "Peer Exchange",
        "peer_exchange",
        "",
        "peer--exchange",
        "../elsewhere",
    ] {
        let text = programme_with(|v| v["id"] = json!(bad));
        let e = errors(&text);
        let p = only(&e);
        assert_eq!(p.path, "id", "{bad:?}: {e}");
        assert!(
            p.message.contains("lowercase words joined by hyphens"),
            "{e}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Report-back blocks: `reports_on`
// ---------------------------------------------------------------------------------------------

/// The minimal programme with a report-back after day 1's breakout: `block` is the block that
/// follows the DC bicycle breakout.
fn with_report_back(block: Value) -> String {
    programme_with(|v| {
        v["days"][0]["blocks"]
            .as_array_mut()
            .expect("blocks")
            .push(block)
    })
}

#[test]
fn a_report_back_on_an_unknown_exercise_is_an_error_at_its_field() {
    let text = with_report_back(json!({
        "title": "Report-back", "kind": "discussion", "minutes": 10,
        "reports_on": "dc-tricycle"
    }));
    let e = errors(&text);
    let p = only(&e);
    assert_eq!(p.path, "days[0].blocks[3].reports_on");
    assert_eq!(
        (p.line, p.column),
        value_pos(&text, "reports_on", "\"dc-tricycle\"")
    );
    assert!(p.message.contains("\"dc-tricycle\""), "{}", p.message);
    assert!(p.message.contains("dc-bicycle"), "{}", p.message);
}

#[test]
fn a_report_back_names_the_exercise_it_reports_on() {
    // Written out, on a block that does not follow the breakout: taken as written.
    let text = programme_with(|v| {
        v["days"][1]["blocks"][0]["reports_on"] = json!("dc-bicycle");
    });
    let w = parse(NAME, &text).unwrap();
    assert_eq!(
        w.block(1, 0).unwrap().reports_on.as_deref(),
        Some("dc-bicycle")
    );
    assert_eq!(w.block(0, 2).unwrap().reports_on, None);
}

#[test]
fn a_discussion_right_after_a_breakout_with_an_exercise_reports_on_it() {
    let text = with_report_back(json!({
        "title": "Report-back", "kind": "discussion", "minutes": 10
    }));
    let checked = convene::programme::parse_checked(NAME, &text).unwrap();
    let w = &checked.workshop;
    assert_eq!(
        w.block(0, 3).unwrap().reports_on.as_deref(),
        Some("dc-bicycle")
    );
    // One inferred block, said at the block.
    assert_eq!(checked.inferred.len(), 1, "{:?}", checked.inferred);
    assert_eq!(checked.inferred[0].path, "days[0].blocks[3]");
    // Not after a presentation, not a block of another kind, not when one is written.
    for (kind, after_breakout) in [("discussion", false), ("sharing", true)] {
        let text = programme_with(|v| {
            let blocks = v["days"][0]["blocks"].as_array_mut().unwrap();
            let block = json!({ "title": "Talk", "kind": kind, "minutes": 10 });
            if after_breakout {
                blocks.push(block);
            } else {
                blocks.insert(2, block);
            }
        });
        let checked = convene::programme::parse_checked(NAME, &text).unwrap();
        assert!(
            checked.inferred.is_empty(),
            "{kind}: {:?}",
            checked.inferred
        );
        for day in checked.workshop.days() {
            assert!(day.blocks.iter().all(|b| b.reports_on.is_none()), "{kind}");
        }
    }
    let text = with_report_back(json!({
        "title": "Report-back", "kind": "discussion", "minutes": 10,
        "reports_on": "follow-the-ps"
    }));
    let checked = convene::programme::parse_checked(NAME, &text).unwrap();
    assert!(checked.inferred.is_empty());
    assert_eq!(
        checked.workshop.block(0, 3).unwrap().reports_on.as_deref(),
        Some("follow-the-ps")
    );
}

#[test]
fn every_report_back_of_the_tot_names_its_exercise() {
    let w = tot();
    let text = DEFAULT_SOURCE;
    let checked = convene::programme::parse_checked("tot.json", text).unwrap();
    assert!(checked.inferred.is_empty(), "{:?}", checked.inferred);
    let mut report_backs = 0;
    for day in w.days() {
        for pair in day.blocks.windows(2) {
            let (breakout, next) = (&pair[0], &pair[1]);
            if breakout.kind == BlockKind::Breakout && next.kind == BlockKind::Discussion {
                report_backs += 1;
                assert_eq!(next.reports_on, breakout.exercise, "{}", next.title);
            }
        }
    }
    // Three on day 1, three on day 2 (typologies, 6 steps, engendering), three on day 3
    // (exercise 5.1, communication, the project pitches).
    assert_eq!(report_backs, 9);
}

#[test]
fn the_tot_sharing_blocks_are_of_normal_priority() {
    let w = tot();
    let sharing: Vec<_> = w
        .days()
        .iter()
        .flat_map(|d| &d.blocks)
        .filter(|b| b.kind == BlockKind::Sharing)
        .collect();
    assert_eq!(sharing.len(), 3);
    for b in sharing {
        assert_eq!(
            b.priority,
            convene::programme::Priority::Normal,
            "{}",
            b.title
        );
    }
}

#[test]
fn check_says_which_report_backs_it_inferred() {
    let text = with_report_back(json!({
        "title": "Report-back: bicycles", "kind": "discussion", "minutes": 10
    }));
    let file = TempFile::new("inferred", text.as_bytes());
    let name = file.0.to_str().unwrap().to_string();
    let out = convene_check(&name);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // The block's `{` is where it is said: the fourth block of day 1.
    let block = enclosing_object(&text, "\"title\": \"Report-back: bicycles\"");
    let (line, column) = line_col(&text, block.start);
    let expected = format!(
        "{name}:{line}:{column}: days[0].blocks[3]: reports_on \"dc-bicycle\" inferred: \
         \"Report-back: bicycles\" follows the breakout \"Personalize your DC bicycle\", \
         which has that exercise"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.contains("reports_on")).count(),
        1,
        "{stdout}"
    );
    assert!(
        lines.contains(&expected.as_str()),
        "expected {expected:?} in:\n{stdout}"
    );
}

/// The workshop that opens without a programme file is read without the checks, for a quick
/// start: it must be exactly the file read with all of them.
#[test]
fn the_default_workshop_is_the_file_read_with_every_check() {
    let quick = convene::programme::default_workshop().expect("the default workshop");
    let checked = convene::programme::parse(
        convene::programme::DEFAULT_NAME,
        convene::programme::DEFAULT_SOURCE,
    )
    .expect("the default programme passes every check");
    assert_eq!(quick, checked);
    assert_eq!(quick.days().len(), 3);
}
