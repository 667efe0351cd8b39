//! What convene promises about the files it writes: CSV cells never start a spreadsheet
//! formula, and an email that would is no email; files that hold names or emails are readable
//! by their owner only, and their full path is said; a person in several roster files is
//! kept once.

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
