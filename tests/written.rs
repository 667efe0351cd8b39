//! What convene promises about the files it writes: CSV cells never start a spreadsheet
//! formula, and an email that would is no email; files that hold names or emails are readable
//! by their owner only, and their full path is said; a person in several roster files is
//! kept once.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn convene_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("convene-leaks-")
        .tempdir()
        .unwrap()
}

fn both(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// CSV cells
// ---------------------------------------------------------------------------------------------

#[test]
fn roster_import_write_neutralises_formulas_and_reads_them_back() {
    let dir = scratch();
    let roster = "name,email,organisation,city,country,phone\n\
                  \"=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",ana@example.org,+SUM(1),-2,@A1,+63 912 345 6789\n\
                  Ben,ben@example.org,Plain,City,Country,\n";
    write(dir.path(), "in.csv", roster.as_bytes());
    let out = convene_in(
        dir.path(),
        &["roster", "import", "in.csv", "--write", "out.csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", both(&out));
    let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(written.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "'=HYPERLINK(\"http://x.example\",\"click\")",
            "ana@example.org",
            "'+SUM(1)",
            "'-2",
            "'@A1",
            "",
            "participant",
            "'+63 912 345 6789"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "Ben",
            "ben@example.org",
            "Plain",
            "City",
            "Country",
            "",
            "participant",
            ""
        ]
    );
    // Read back, the people are as they were.
    let again = convene::roster::load_roster(&dir.path().join("out.csv")).unwrap();
    let first = &again.roster.participants[0];
    assert_eq!(first.name, "=HYPERLINK(\"http://x.example\",\"click\")");
    assert_eq!(first.organisation.as_deref(), Some("+SUM(1)"));
    assert_eq!(first.extra_value("phone"), Some("+63 912 345 6789"));
}

#[test]
fn an_email_that_starts_a_formula_is_refused_with_file_line_and_column() {
    let dir = scratch();
    write(
        dir.path(),
        "r.csv",
        b"name,email\nAna,ana@example.org\nBen,=1+2@example.org\n",
    );
    let out = convene_in(dir.path(), &["roster", "import", "r.csv"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains(
            "r.csv:3: refused: column `email`: \"=1+2@example.org\" is not an email address"
        ),
        "{stdout}"
    );
    let import =
        convene::roster::parse_roster("r.csv", "name,email\nBen,-x@example.org\n").unwrap();
    assert_eq!(import.refused.len(), 1);
    assert_eq!(import.refused[0].line, 2);
}

#[test]
fn zoom_csv_room_names_never_start_a_formula() {
    use convene::export::{Member, Room, zoom_csv};
    let member = |email: &str| Member {
        name: "A".into(),
        email: Some(email.into()),
        country: None,
        rapporteur: false,
    };
    let rooms = [
        Room {
            name: "=cmd|' /C calc'!A0".into(),
            members: vec![member("a@example.org")],
        },
        Room {
            name: "Room 2".into(),
            members: vec![member("b@example.org")],
        },
    ];
    let csv = zoom_csv(&rooms).unwrap().csv;
    assert_eq!(
        csv,
        "Pre-assign Room Name,Email Address\r\n\
         '=cmd|' /C calc'!A0,a@example.org\r\n\
         Room 2,b@example.org\r\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Files with names and emails
// ---------------------------------------------------------------------------------------------

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn roster_write_is_private_and_said_in_full() {
    let dir = scratch();
    let sample = manifest().join("assets/roster-sample.csv");
    // Already there and readable by all: it is still left readable by its owner only.
    write(dir.path(), "all.csv", b"old");
    std::fs::set_permissions(
        dir.path().join("all.csv"),
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    let out = convene_in(
        dir.path(),
        &[
            "roster",
            "import",
            sample.to_str().unwrap(),
            "--write",
            "all.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", both(&out));
    let full = dir.path().canonicalize().unwrap().join("all.csv");
    assert_eq!(mode(&full), 0o600);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("Wrote {}\n", full.display())),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn zoom_csv_from_groups_is_private_and_said_in_full() {
    let dir = scratch();
    let sample = manifest().join("assets/roster-sample.csv");
    let out = convene_in(
        dir.path(),
        &[
            "groups",
            "--roster",
            sample.to_str().unwrap(),
            "--groups",
            "5",
            "--zoom-csv",
            "rooms.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", both(&out));
    let full = dir.path().canonicalize().unwrap().join("rooms.csv");
    assert_eq!(mode(&full), 0o600);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("Wrote {} for Zoom", full.display())),
        "{stdout}"
    );
}

/// The console's `e`: Zoom's pre-assignment file for the round, written where convene was
/// started, readable by its owner only, and said in the footer by its full path.
#[cfg(unix)]
#[test]
fn the_consoles_zoom_file_is_private_and_said_in_full() {
    let wait = std::time::Duration::from_secs(10);
    let dir = scratch();
    let sample = manifest().join("assets/roster-sample.csv");
    let mut console = common::pty::Console::start_in(
        dir.path(),
        &[
            "--no-journal",
            "--day",
            "1",
            "--roster",
            sample.to_str().unwrap(),
        ],
        &[],
        200,
        40,
    );
    console.wait_for("30 participants", wait);
    console.send("f");
    console.wait_for("Form groups", wait);
    console.send("\x155 mixed\r");
    console.wait_for("mixed · 5 rooms", wait);
    console.send("e");
    let full = dir
        .path()
        .canonicalize()
        .unwrap()
        .join("rooms-day1-round1.csv");
    console.wait_for(&format!("Wrote {} for Zoom", full.display()), wait);
    assert_eq!(mode(&full), 0o600);
    let written = std::fs::read_to_string(&full).unwrap();
    assert!(
        written.starts_with("Pre-assign Room Name,Email Address\r\n"),
        "{written}"
    );
    console.send("q");
    assert_eq!(console.wait_exit(wait), 0);
}

#[cfg(unix)]
#[test]
fn the_review_is_private_and_said_in_full() {
    let dir = scratch();
    let journal = manifest().join("tests/fixtures/journal-v1");
    let out = convene_in(
        dir.path(),
        &["review", journal.to_str().unwrap(), "-o", "review"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", both(&out));
    let folder = dir.path().canonicalize().unwrap().join("review");
    let (md, html) = (folder.join("report.md"), folder.join("report.html"));
    assert_eq!((mode(&md), mode(&html)), (0o600, 0o600));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}\n{}\n", md.display(), html.display())
    );
}

// ---------------------------------------------------------------------------------------------
// Duplicates across files
// ---------------------------------------------------------------------------------------------

#[test]
fn roster_import_keeps_a_person_in_two_files_once() {
    let dir = scratch();
    write(
        dir.path(),
        "a.csv",
        b"name,email\nAna,ana@example.org\nBen,\nCruz,cruz@example.org\n",
    );
    write(
        dir.path(),
        "b.csv",
        b"name,email\nAna Maria,ANA@example.org\nBEN,\nDee,dee@example.org\n",
    );
    write(
        dir.path(),
        "c.csv",
        b"name,email\nBen,ben@example.org\nDee,\n",
    );
    let out = convene_in(
        dir.path(),
        &[
            "roster", "import", "a.csv", "b.csv", "c.csv", "--write", "all.csv",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("b.csv: Ana Maria is already in an earlier file; kept once"),
        "{stdout}"
    );
    assert!(
        stdout.contains("b.csv: BEN is already in an earlier file; kept once"),
        "{stdout}"
    );
    assert!(
        stdout.contains("c.csv: Ben is already in an earlier file; kept once"),
        "{stdout}"
    );
    assert!(
        stdout.contains("c.csv: Dee is already in an earlier file; kept once"),
        "{stdout}"
    );
    // Across files as within one, two people are the same when their emails are, or when one
    // has no email and their names are the same: the roster written reads back whole.
    let all = convene::roster::load_roster(&dir.path().join("all.csv")).unwrap();
    assert_eq!(all.duplicates, []);
    let names: Vec<&str> = all
        .roster
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ana", "Ben", "Cruz", "Dee"]);
    assert_eq!(
        all.roster.participants[3].email.as_deref(),
        Some("dee@example.org")
    );
}

/// A generated roster of `n` people, with repeats put in on purpose: after person `i`, for
/// every tenth `i` the same email in capitals, and for every fifteenth `i` the same name,
/// spaced and cased otherwise, without an email. Returns the text and the lines of the
/// repeats with the line of the row each repeats.
fn generated(n: usize) -> (String, Vec<(usize, usize)>) {
    let mut text = String::from("name,email,country\n");
    let mut line = 1;
    let mut repeats = Vec::new();
    for i in 1..=n {
        line += 1;
        let first = line;
        text.push_str(&format!("Person {i},person.{i}@example.org,Nepal\n"));
        if i % 10 == 0 {
            line += 1;
            repeats.push((line, first));
            text.push_str(&format!("Someone,PERSON.{i}@EXAMPLE.ORG,Nepal\n"));
        }
        if i % 15 == 0 {
            line += 1;
            repeats.push((line, first));
            text.push_str(&format!("  PERSON   {i} ,,Nepal\n"));
        }
    }
    (text, repeats)
}

#[test]
fn every_repeat_in_a_long_roster_is_found_and_nothing_else() {
    let n = 3000;
    let (text, repeats) = generated(n);
    let import = convene::roster::parse_roster("big.csv", &text).unwrap();
    assert_eq!(import.refused, []);
    assert_eq!(import.roster.len(), n);
    let found: Vec<(usize, usize)> = import
        .duplicates
        .iter()
        .map(|(line, what)| {
            let first = what
                .split("line ")
                .nth(1)
                .and_then(|rest| rest.split(':').next())
                .unwrap()
                .parse()
                .unwrap();
            (*line, first)
        })
        .collect();
    // 300 repeated emails and 200 repeated names.
    assert_eq!(found.len(), n / 10 + n / 15);
    assert_eq!(found, repeats);
}

#[test]
fn merging_lists_keeps_each_person_once_by_the_rule_of_a_file() {
    use convene::roster::{Merged, Participant};
    let (text, _) = generated(600);
    let first = convene::roster::parse_roster("a.csv", &text)
        .unwrap()
        .roster;
    // The second list: people 301 to 900, by email in capitals for those with an even number,
    // by name alone for the others.
    let mut second = String::from("name,email\n");
    for i in 301..=900 {
        if i % 2 == 0 {
            second.push_str(&format!("P{i},PERSON.{i}@example.org\n"));
        } else {
            second.push_str(&format!("person {i},\n"));
        }
    }
    let second = convene::roster::parse_roster("b.csv", &second)
        .unwrap()
        .roster;
    let mut merged = Merged::default();
    let mut given_back: Vec<Participant> = Vec::new();
    for p in first.participants.into_iter().chain(second.participants) {
        if let Some(p) = merged.add(p) {
            given_back.push(p);
        }
    }
    // People 301 to 600 of the second list were in the first.
    assert_eq!(given_back.len(), 300);
    assert!(
        given_back
            .iter()
            .all(|p| p.name.starts_with('P') || p.name.starts_with("person "))
    );
    let roster = merged.into_roster();
    assert_eq!(roster.len(), 900);
    assert_eq!(roster.participants[600].name, "person 601");
    assert_eq!(roster.participants[601].name, "P602");
    let csv = convene::roster::to_csv(&roster).unwrap();
    let again = convene::roster::parse_roster("all.csv", &csv).unwrap();
    assert_eq!(again.duplicates, []);
    assert_eq!(again.roster, roster);
}
