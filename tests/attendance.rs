//! Attendance from a Zoom participants report, in the session and from the command line; Zoom
//! registration reports as rosters.

mod common;

use std::process::Command;

use common::*;
use convene::core::Event;
use convene::import::{self, DateOrder};
use convene::roster::load_roster;

fn convene(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn the_attendance_command_matches_the_report_to_the_roster() {
    let out = convene(&[
        "attendance",
        "tests/fixtures/zoom/roster-match.csv",
        "--roster",
        "assets/roster-sample.csv",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("On the roster (7):"), "{text}");
    assert!(text.contains("JOSE MIGUEL DELA PENA"), "{text}");
    assert!(text.contains("(matched by name)"), "{text}");
    assert!(text.contains("Not on the roster (2)"), "{text}");
    assert!(text.contains("Galaxy Tab S7"), "{text}");
}

#[test]
fn a_report_with_bad_rows_names_them_and_exits_2() {
    let out = convene(&["attendance", "tests/fixtures/zoom/bad-date.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("bad-date.csv:"), "{text}");
}

#[test]
fn a_registration_report_reads_as_a_roster() {
    let out = convene(&["roster", "import", "tests/fixtures/zoom/registration.csv"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("registration.csv:"), "{text}");
    assert!(text.contains("Thailand"), "{text}");
    let import =
        import::load_people(std::path::Path::new("tests/fixtures/zoom/registration.csv")).unwrap();
    assert!(
        import
            .roster
            .participants
            .iter()
            .any(|p| p.name == "Nattaya Srisuk"
                && p.organisation.as_deref() == Some("Khon Kaen City Municipality"))
    );
    // convene's own roster is still read as such.
    let own = import::load_people(std::path::Path::new("assets/roster-sample.csv")).unwrap();
    assert_eq!(own.roster.len(), 33);
}

#[test]
fn attendance_in_the_session_shows_in_the_groups_pane_and_the_review() {
    let roster = load_roster(std::path::Path::new("assets/roster-sample.csv")).unwrap();
    let report = import::load_participants(
        std::path::Path::new("tests/fixtures/zoom/roster-match.csv"),
        chrono_tz::Asia::Jakarta,
        DateOrder::Auto,
    )
    .unwrap();
    let (matched, unmatched) = import::match_roster(&roster.roster, import::merge(&report));
    let mut app = app();
    let present = matched
        .iter()
        .map(|m| {
            (
                roster.roster.participants[m.participant].key(),
                m.attendance.minutes,
            )
        })
        .collect();
    app.apply(&[
        Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: roster.roster.participants.clone(),
            at: at(-30, 0),
        },
        Event::AttendanceImported {
            day: 0,
            source: "roster-match.csv".into(),
            present,
            unmatched: unmatched.into_iter().map(|a| (a.name, a.minutes)).collect(),
            at: at(-1, 0),
        },
    ]);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| convene::ui::draw(&app, at(0, 0), f)).unwrap();
    let text = t.backend().to_string();
    assert!(text.contains("Attended (Zoom report): 7 of 33"), "{text}");
    assert_eq!(app.state.attendance[&0].present.len(), 7);
}

#[test]
fn people_the_roster_names_differently_are_matched_by_hand() {
    let out = convene(&[
        "attendance",
        "tests/fixtures/zoom/roster-match.csv",
        "--roster",
        "assets/roster-sample.csv",
        "--match",
        "Galaxy Tab S7=Kristine Joy Bautista",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("On the roster (8):"), "{text}");
    assert!(
        text.contains("Galaxy Tab S7            55 min  (no email)  (matched by hand)"),
        "{text}"
    );
    assert!(text.contains("Not on the roster (1)"), "{text}");
    let bad = convene(&[
        "attendance",
        "tests/fixtures/zoom/roster-match.csv",
        "--roster",
        "assets/roster-sample.csv",
        "--match",
        "Galaxy Tab S7=Nobody",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nobody on the roster is “Nobody”"));
}
