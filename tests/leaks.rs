//! What convene promises about the files it is given: text from a file never reaches the
//! terminal as control characters; programme text fields hold no control characters, and a
//! file that is not UTF-8 is said where; `check` warns of a day too long or too crowded.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use convene::programme::{self, parse};
use serde_json::{Value, json};

fn convene_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("convene-leaks-")
        .tempdir()
        .unwrap()
}

/// The characters a terminal takes as controls: C0 but line feed and tab, DEL, C1. Written
/// here from their definition, not taken from the crate.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            let code = u32::from(c);
            (code < 0x20 && c != '\n' && c != '\t') || (0x7f..=0x9f).contains(&code)
        })
        .collect()
}

fn both(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A small valid programme.
fn programme() -> Value {
    json!({
        "format": 1,
        "title": "Peer exchange",
        "time_zone": "Asia/Jakarta",
        "exercises": [
            { "id": "dc-bicycle", "title": "Personalize your DC bicycle", "minutes": 20 }
        ],
        "days": [
            {
                "date": "2022-03-14",
                "start": "09:00",
                "title": "Getting started",
                "blocks": [
                    { "title": "Welcome", "kind": "welcome", "minutes": 10 },
                    { "title": "Bicycle", "kind": "breakout", "minutes": 30,
                      "exercise": "dc-bicycle" }
                ]
            }
        ]
    })
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// 1-based line and character column of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// The terminal
// ---------------------------------------------------------------------------------------------

#[test]
fn check_never_prints_a_programmes_escape_sequences() {
    let dir = scratch();
    let mut v = programme();
    v["title"] = json!("Peer \u{1b}]52;c;cHduZWQ=\u{7} exchange \u{1b}]0;owned\u{7}\u{1b}[2J");
    v["days"][0]["title"] = json!("Getting \u{9b}2J started");
    write(dir.path(), "p.json", pretty(&v).as_bytes());
    let out = convene_in(dir.path(), &["check", "p.json"]);
    let text = both(&out);
    assert_eq!(controls(&text), [], "{text:?}");
    assert_eq!(out.status.code(), Some(2), "{text}");
}

#[test]
fn check_shows_control_characters_it_reports_in_caret_notation() {
    let dir = scratch();
    // A misspelt field whose name is an escape sequence: reported by name, shown not sent.
    let text = pretty(&programme()).replacen(
        "\"title\": \"Peer exchange\"",
        "\"title\": \"Peer exchange\",\n  \"ti\\u001b]0;owned\\u0007tle\": 1",
        1,
    );
    write(dir.path(), "p.json", text.as_bytes());
    let out = convene_in(dir.path(), &["check", "p.json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(controls(&stderr), [], "{stderr:?}");
    assert!(
        stderr.contains("unknown field `ti^[]0;owned^Gtle`"),
        "{stderr}"
    );
}

#[test]
fn control_characters_in_text_fields_are_refused_where_they_are() {
    let mut v = programme();
    v["days"][0]["blocks"][1]["title"] = json!("Bi\u{7}cycle");
    v["exercises"][0]["instructions"] = json!("Line one\nline two");
    let text = pretty(&v);
    let e = parse("p.json", &text).unwrap_err();
    let bell = text.find("\\u0007").unwrap();
    let newline = text.find("\\n").unwrap();
    let found: Vec<(usize, usize, &str)> = e
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.path.as_str()))
        .collect();
    let at = |offset| line_col(&text, offset);
    let mut expected = vec![
        (at(bell).0, at(bell).1, "days[0].blocks[1].title"),
        (at(newline).0, at(newline).1, "exercises[0].instructions"),
    ];
    expected.sort();
    assert_eq!(found, expected, "{e}");
    let shown = e.to_string();
    assert!(shown.contains("U+0007"), "{shown}");
    assert!(shown.contains("U+000A"), "{shown}");
    assert_eq!(controls(&shown), [], "{shown:?}");
}

#[test]
fn raw_del_and_c1_characters_are_refused_at_their_column() {
    // JSON lets DEL and C1 characters stand unescaped in a string.
    let text = pretty(&programme()).replacen("Getting started", "Getting\u{7f} st\u{85}arted", 1);
    let e = parse("p.json", &text).unwrap_err();
    let del = line_col(&text, text.find('\u{7f}').unwrap());
    let nel = line_col(&text, text.find('\u{85}').unwrap());
    let found: Vec<(usize, usize)> = e.problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(found, [del, nel], "{e}");
    assert!(e.problems.iter().all(|p| p.path == "days[0].title"), "{e}");
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let dir = scratch();
    let text = pretty(&programme());
    let at = text.find("Getting started").unwrap() + "Getting s".len();
    let mut bytes = text.clone().into_bytes();
    bytes[at] = 0xE9; // a Latin-1 é
    let path = write(dir.path(), "latin1.json", &bytes);
    let e = programme::load(&path).unwrap_err();
    assert_eq!(e.problems.len(), 1, "{e}");
    let (line, column) = line_col(&text, at);
    assert_eq!(
        (e.problems[0].line, e.problems[0].column),
        (line, column),
        "{e}"
    );
    assert!(e.problems[0].message.contains("0xE9"), "{e}");
    let out = convene_in(dir.path(), &["check", "latin1.json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("latin1.json:{line}:{column}: ")),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// Warnings from `check`
// ---------------------------------------------------------------------------------------------

/// `convene check` on a programme whose first day has these blocks.
fn check_blocks(blocks: Vec<Value>) -> (Output, String) {
    let dir = scratch();
    let mut v = programme();
    v["days"][0]["blocks"] = Value::Array(blocks);
    let text = pretty(&v);
    write(dir.path(), "p.json", text.as_bytes());
    (convene_in(dir.path(), &["check", "p.json"]), text)
}

fn block(minutes: u32) -> Value {
    json!({ "title": "Talk", "kind": "presentation", "minutes": minutes })
}

#[test]
fn a_day_longer_than_24_hours_is_a_warning() {
    // 24 hours exactly is no warning; a minute more is.
    let (out, _) = check_blocks(vec![block(1000), block(440)]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let (out, text) = check_blocks(vec![block(1000), block(441)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not refuse: {stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(": ok"));
    let (line, column) = line_col(&text, text.find("\"blocks\": [").unwrap() + 10);
    assert!(
        stderr.starts_with(&format!(
            "p.json:{line}:{column}: days[0].blocks: warning: "
        )),
        "{stderr}"
    );
    assert!(stderr.contains("24h01"), "the day's length: {stderr}");
    assert!(stderr.ends_with("1 warning\n"), "{stderr}");
}

#[test]
fn a_day_of_more_than_200_blocks_is_a_warning() {
    let (out, _) = check_blocks(vec![block(1); 200]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let (out, _) = check_blocks(vec![block(1); 201]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("days[0].blocks: warning: 201 blocks"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn file_names_with_escape_sequences_are_shown_not_sent() {
    let dir = scratch();
    let odd = "r\u{1b}]0;owned\u{7}\u{9b}2J";
    let roster = format!("{odd}.csv");
    write(
        dir.path(),
        &roster,
        b"name,email\nAna,ana@example.org\nBen,not-an-email\nCruz,cruz@example.org\n",
    );
    let report = format!("{odd}-participants.csv");
    write(
        dir.path(),
        &report,
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n\
         Ana,ana@example.org,05/10/2022 10:15:00 AM,05/10/2022 11:45:00 AM,90\n\
         Cruz,cruz@example.org,05/10/2022 10:15:00 AM,not a time,90\n"
            .as_bytes(),
    );
    let rooms = format!("{odd}-rooms.csv");
    for args in [
        vec!["roster", "import", &roster, "--write", &rooms],
        vec!["attendance", &report],
        vec!["groups", "--roster", &roster, "--groups", "1"],
        vec!["groups", "--roster", &report, "--groups", "1"],
    ] {
        let out = convene_in(dir.path(), &args);
        let text = both(&out);
        assert_eq!(controls(&text), [], "{args:?}: {text:?}");
        assert!(text.contains("r^[]0;owned^G^[[2J"), "{args:?}: {text}");
    }
}
