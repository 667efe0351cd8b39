//! Attendance from a Zoom participants report, in the session and from the command line; Zoom
//! registration reports as rosters.

mod common;

use std::process::Command;

use common::*;
use convene::core::Event;
use convene::import::{self, DateOrder};
use convene::journal::{self, Writer};
use convene::report;
use convene::roster::load_roster;

fn convene(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// What `convene` printed, having checked it ended well (its output and errors said if not).
fn succeeded(args: &[&str]) -> String {
    let out = convene(args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
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

/// A scratch directory under the test target's, emptied first.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("attendance-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Who `roster-match.csv` finds on the sample roster, by their roster names, with their minutes:
/// each row runs from its join time to 10:00, so 60 minutes for the 9:00 join down to 52 for
/// 9:08; in the order of the report's rows.
const PRESENT: [(&str, u32); 7] = [
    ("Farah Naz Siddiqui", 60),
    ("José Miguel Dela Peña", 59),
    ("Kittipong Wongsawat (กิตติพงษ์ วงศ์สวัสดิ์)", 58),
    ("Sunita Thapa (सुनिता थापा)", 57),
    ("عائشہ رحمان", 56),
    ("Nattaya Srisuk", 54),
    ("Santos, Maria Luisa", 52),
];

/// Who the roster lacks: a tablet (9:05) and Nattaya's second email (9:07).
const UNMATCHED: [(&str, u32); 2] = [("Galaxy Tab S7", 55), ("nattaya srisuk", 53)];

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
    // Recorded as the console records them: the roster, then the day's attendance, each
    // written to the journal before it is applied.
    let events = [
        Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: roster.roster.participants.clone(),
        },
        Event::AttendanceImported {
            day: 0,
            source: "roster-match.csv".into(),
            present,
            unmatched: unmatched.into_iter().map(|a| (a.name, a.minutes)).collect(),
        },
    ];
    let dir = scratch("review");
    let path = dir.join("day-1.jsonl");
    let mut writer = Writer::open(&path, &app.state().workshop, at(-30, 0), 1, 0).unwrap();
    for (event, now) in events.iter().zip([at(-30, 0), at(-1, 0)]) {
        let lead = convene::core::Who::lead();
        writer
            .append(&[convene::core::Stamped::new(now, lead, event.clone())])
            .unwrap();
        app.apply(std::slice::from_ref(event), now);
    }

    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| convene::ui::draw(&app.session, &app.seat, at(0, 0), f))
        .unwrap();
    let text = t.backend().to_string();
    assert!(text.contains("Attended (Zoom report): 7 of 33"), "{text}");
    assert_eq!(app.state().attendance[&0].present.len(), 7);

    // The review of that journal lists everyone with their minutes, under their roster name.
    let loaded = journal::read(std::slice::from_ref(&path)).unwrap().unwrap();
    let review = report::build(&loaded).unwrap();
    assert_eq!(review.days.len(), 1, "{review:?}");
    assert_eq!(review.days[0].day, 0);
    let owned = |list: &[(&str, u32)]| -> Vec<(String, u32)> {
        list.iter().map(|(n, m)| (n.to_string(), *m)).collect()
    };
    assert_eq!(
        review.days[0].attendance,
        Some((owned(&PRESENT), owned(&UNMATCHED)))
    );

    // And so does the review the command writes.
    let out = dir.join("review");
    let run = convene(&[
        "review",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let mut section = String::from("### Attendance (7 on the roster)\n\n");
    for (name, minutes) in PRESENT {
        section.push_str(&format!("- {name}: {minutes} min\n"));
    }
    section.push_str("\nNot on the roster:\n\n");
    for (name, minutes) in UNMATCHED {
        section.push_str(&format!("- {name}: {minutes} min\n"));
    }
    assert!(md.contains(&section), "expected\n{section}\nin\n{md}");
}

#[test]
fn people_the_roster_names_differently_are_matched_by_hand() {
    let text = succeeded(&[
        "attendance",
        "tests/fixtures/zoom/roster-match.csv",
        "--roster",
        "assets/roster-sample.csv",
        "--match",
        "Galaxy Tab S7=Kristine Joy Bautista",
    ]);
    // The tablet (9:05 to 10:00: 55 minutes) is listed under the roster name it was matched
    // to, with the name Zoom showed beside it, padded to the widest name listed (Kittipong's:
    // 21 columns of Latin, 14 of Thai, whose vowel and tone marks take none, and the bracket:
    // 36 in all).
    let on_roster = section(&text, "On the roster (8):", "Not in the report (");
    let kristine = format!(
        "  Kristine Joy Bautista{}  {:>4} min  (no email)  Zoom: “Galaxy Tab S7”  (matched by hand)",
        " ".repeat(36 - 21),
        55
    );
    assert!(on_roster.lines().any(|l| l == kristine), "{text}");
    // Kristine is no longer missing from the report, and only Nattaya's second email is left.
    let absent = section(&text, "Not in the report (", "Not on the roster (");
    assert!(absent.starts_with("Not in the report (25):"), "{text}");
    assert!(!absent.contains("Kristine Joy Bautista"), "{text}");
    let rest = &text[text.find("Not on the roster (").unwrap()..];
    assert_eq!(
        rest.lines().collect::<Vec<_>>(),
        [
            "Not on the roster (1): match them by hand or add them to the roster",
            format!(
                "  nattaya srisuk{}    53 min  nattaya.home@example.com",
                " ".repeat(36 - 14)
            )
            .as_str(),
        ],
        "{text}"
    );
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

/// The text from the line starting `from` up to the line starting `to`.
fn section<'t>(text: &'t str, from: &str, to: &str) -> &'t str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in\n{text}"));
    let end = start
        + text[start..]
            .find(to)
            .unwrap_or_else(|| panic!("no {to:?} after {from:?} in\n{text}"));
    &text[start..end]
}

/// The `N people:` listing of `convene attendance` without a roster, with its exit code.
fn listing(args: &[&str]) -> (Option<i32>, Vec<String>) {
    let mut all = vec!["attendance"];
    all.extend_from_slice(args);
    let out = convene(&all);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code(), text.lines().map(str::to_owned).collect())
}

#[test]
fn tz_says_the_zone_the_report_is_written_in_across_a_fall_back() {
    // Zoom writes wall-clock times in the account's zone. On 7 November 2021 New York's clocks
    // went from 01:59:59 EDT (UTC-4) back to 01:00:00 EST (UTC-5), so 01:00-02:00 happened twice.
    // convene takes a repeated time the first time (EDT).
    //
    // Dana, 00:50 to 02:10: 04:50Z to 07:10Z, 140 minutes (80 on the wall clock).
    // Femi, 01:30 (first time, 05:30Z) to 02:10 (07:10Z): 100 minutes.
    // Gita, 01:05 to 01:45, both the first time: 40 minutes.
    let (code, lines) = listing(&[
        "tests/fixtures/zoom/dst-fall-back.csv",
        "--tz",
        "America/New_York",
    ]);
    assert_eq!(code, Some(0), "{lines:?}");
    assert_eq!(
        lines,
        [
            "3 people:",
            "  Dana Whitfield   140 min  dana.whitfield@example.org",
            "  Femi Adeyemi     100 min  femi.adeyemi@example.org",
            "  Gita Raman        40 min  gita.raman@example.org",
        ]
    );

    // Without --tz the times are Jakarta's, where no hour repeats: wall-clock differences.
    let (code, lines) = listing(&["tests/fixtures/zoom/dst-fall-back.csv"]);
    assert_eq!(code, Some(0), "{lines:?}");
    assert_eq!(
        lines,
        [
            "3 people:",
            "  Dana Whitfield    80 min  dana.whitfield@example.org",
            "  Femi Adeyemi      40 min  femi.adeyemi@example.org",
            "  Gita Raman        40 min  gita.raman@example.org",
        ]
    );

    let bad = convene(&[
        "attendance",
        "tests/fixtures/zoom/dst-fall-back.csv",
        "--tz",
        "Mars/Olympus",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim_end(),
        "convene: --tz Mars/Olympus: unknown time zone"
    );
    assert!(bad.stdout.is_empty());
}

#[test]
fn dates_says_whether_the_month_or_the_day_comes_first() {
    // One stay from 04/03/2022 23:30 to 05/03/2022 00:45, over midnight.
    // Day first: 4 March 23:30 to 5 March 00:45, 75 minutes.
    // Month first: 3 April 23:30 to 3 May 00:45: the 30 days of April (43200 minutes) less
    // the 22 h 45 min from 00:45 to 23:30 (1365 minutes), 41835 minutes.
    let file = "tests/fixtures/zoom/across-midnight.csv";
    let day_first = ["1 people:", "  Ana Reyes    75 min  ana.reyes@example.org"];
    let month_first = ["1 people:", "  Ana Reyes  41835 min  ana.reyes@example.org"];
    assert_eq!(
        listing(&[file, "--dates", "day-first"]),
        (Some(0), day_first.map(String::from).to_vec())
    );
    assert_eq!(
        listing(&[file, "--dates", "month-first"]),
        (Some(0), month_first.map(String::from).to_vec())
    );
    // Nothing in the file says which: no AM/PM, no number above 12. Auto reads month first.
    assert_eq!(
        listing(&[file]),
        (Some(0), month_first.map(String::from).to_vec())
    );
    assert_eq!(
        listing(&[file, "--dates", "auto"]),
        (Some(0), month_first.map(String::from).to_vec())
    );

    // A file with 25/11 is day first on its own; told month first, that row is refused (the
    // exit code says so) and 03/11/2022 09:00-10:30 is read as the 11th of March, 90 minutes.
    let (code, lines) = listing(&["tests/fixtures/zoom/day-first.csv"]);
    assert_eq!(code, Some(0), "{lines:?}");
    assert_eq!(
        lines,
        [
            "2 people:",
            "  Ramon Villanueva Ocampo    90 min  ramon.ocampo@example.org",
            "  Kristine Joy Bautista      85 min  (no email)",
        ]
    );
    let (code, lines) = listing(&[
        "tests/fixtures/zoom/day-first.csv",
        "--dates",
        "month-first",
    ]);
    assert_eq!(code, Some(2), "{lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "tests/fixtures/zoom/day-first.csv:3: refused: column `Join Time`: \
             \"25/11/2022 09:05\" is not a date: read as month/day/year"
        ),
        "{lines:?}"
    );
    assert_eq!(
        lines[1..],
        [
            "1 people:",
            "  Ramon Villanueva Ocampo    90 min  ramon.ocampo@example.org",
        ]
    );

    let bad = convene(&["attendance", file, "--dates", "sideways"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim_end(),
        "convene: --dates sideways: expected auto, month-first or day-first"
    );
}

#[test]
fn a_second_device_matched_by_hand_joins_the_person_without_counting_overlaps_twice() {
    // José joined from a laptop (13:00-13:40) and from a phone (13:30-14:15): one stay of
    // 13:00-14:15, 75 minutes, not 40 + 45 = 85. Kristine is on the roster under her own name
    // (13:50-14:30) and was also in on a tablet (13:05-14:00): 13:05-14:30, 85 minutes, not
    // 40 + 55 = 95. Both are already matched when the second device is named.
    let text = succeeded(&[
        "attendance",
        "tests/fixtures/zoom/two-devices.csv",
        "--roster",
        "assets/roster-sample.csv",
        "--match",
        "iPhone de José=José Miguel Dela Peña",
        "--match",
        "Galaxy Tab S7=Kristine Joy Bautista",
    ]);
    let on_roster = section(&text, "On the roster (3):", "Not in the report (");
    assert_eq!(
        on_roster.lines().skip(1).collect::<Vec<_>>(),
        [
            "  José Miguel Dela Peña    75 min  (no email)  Zoom: “JOSE MIGUEL DELA PENA”, \
             “iPhone de José”  (matched by name, 1 more device by hand)",
            "  Kristine Joy Bautista    85 min  (no email)  Zoom: “Galaxy Tab S7”  \
             (matched by name, 1 more device by hand)",
            "  Farah Naz Siddiqui       60 min  farah.siddiqui@example.org  Zoom: “Farah S.”",
        ],
        "{text}"
    );
    assert!(text.contains("Not on the roster (0)"), "{text}");
}

/// Minutes per roster name for days 1 and 2 of the ToT (each planned 13:00-16:30, 210
/// minutes); day 3 has no report.
const WORKSHOP: [(&str, u32, u32); 4] = [
    // (210 + 180) / 420 = 92.9 %: a certificate at 80 %.
    ("Farah Naz Siddiqui", 210, 180),
    // 168 + 168 = 336 of 420: exactly 80 %, which is enough.
    ("José Miguel Dela Peña", 168, 168),
    // 240 on day 1 counts as the 210 planned: (210 + 125) / 420 = 79.8 %, not enough
    // (counted as attended, 365 of 420 would be 86.9 %).
    ("Ayu Pratiwi Santoso", 240, 125),
    // Day 1 only: 100 / 420 = 23.8 %.
    ("Sunita Thapa (सुनिता थापा)", 100, 0),
];

/// A journal of the ToT with the sample roster, a walk-in whose name would start a formula,
/// and the attendance of days 1 and 2 as [`WORKSHOP`] says.
fn workshop_journal(dir: &std::path::Path) -> std::path::PathBuf {
    let roster = load_roster(std::path::Path::new("assets/roster-sample.csv")).unwrap();
    let mut participants = roster.roster.participants.clone();
    let mut walk_in = participants[0].clone();
    walk_in.name = "=HYPERLINK(\"http://x\")".into();
    walk_in.email = Some("walkin@example.org".into());
    participants.push(walk_in);
    let key = |name: &str| {
        participants
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} is not on the roster"))
            .key()
    };
    let day = |d: usize, pick: fn(&(&str, u32, u32)) -> u32| Event::AttendanceImported {
        day: d,
        source: format!("day-{}.csv", d + 1),
        present: WORKSHOP
            .iter()
            .filter(|w| pick(w) > 0)
            .map(|w| (key(w.0), pick(w)))
            .chain(std::iter::once((key("=HYPERLINK(\"http://x\")"), 30)))
            .collect(),
        unmatched: vec![("Galaxy Tab S7".into(), 55)],
    };
    let events = [
        Event::RosterImported {
            source: "assets/roster-sample.csv".into(),
            participants: participants.clone(),
        },
        day(0, |w| w.1),
        day(1, |w| w.2),
    ];
    let path = dir.join("day-1.jsonl");
    let workshop = tot();
    let mut writer = Writer::open(&path, &workshop, at(-30, 0), 1, 0).unwrap();
    for event in events {
        writer
            .append(&[convene::core::Stamped::new(
                at(-1, 0),
                convene::core::Who::lead(),
                event,
            )])
            .unwrap();
    }
    path
}

#[test]
fn the_workshop_table_gives_each_day_its_share_and_the_certificate() {
    let dir = scratch("workshop");
    let journal = workshop_journal(&dir);
    let csv_path = dir.join("certificates.csv");
    let text = succeeded(&[
        "attendance",
        "--workshop",
        journal.to_str().unwrap(),
        "--certificate",
        "80%",
        "--csv",
        csv_path.to_str().unwrap(),
    ]);
    assert!(
        text.contains(
            "Day 1 (Mon 8 Nov): 210 min planned · Day 2 (Thu 25 Nov): 210 min planned · \
             Day 3 (Fri 26 Nov): 210 min planned, no report"
        ),
        "{text}"
    );
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("  {name} ")))
            .unwrap_or_else(|| panic!("no line for {name} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        line("Farah Naz Siddiqui").ends_with("210 min 100% 180 min 85% no report 390 min 92% yes"),
        "{text}"
    );
    assert!(
        line("José Miguel Dela Peña")
            .ends_with("168 min 80% 168 min 80% no report 336 min 80% yes"),
        "{text}"
    );
    assert!(
        line("Ayu Pratiwi Santoso").ends_with("240 min 100% 125 min 59% no report 365 min 79% no"),
        "{text}"
    );
    assert!(
        line("Rina Kartika Sari").ends_with("0 min 0% 0 min 0% no report 0 min 0% no"),
        "{text}"
    );
    assert!(
        text.contains("Day 1: not on the roster: Galaxy Tab S7 (55 min)"),
        "{text}"
    );
    assert!(
        text.contains("No participants report was recorded for day 3: left out"),
        "{text}"
    );
    // Farah and José; nobody else (the walk-in's 60 of 420 minutes is 14 %).
    assert!(
        text.contains("Certificate at 80% of the planned time: 2 of"),
        "{text}"
    );

    // The CSV, readable by its owner only, read back as a spreadsheet would.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&csv_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "name",
            "email",
            "country",
            "role",
            "day 1 minutes",
            "day 1 percent",
            "day 2 minutes",
            "day 2 percent",
            "day 3 minutes",
            "day 3 percent",
            "total minutes",
            "planned minutes",
            "total percent",
            "certificate (80%)"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("no row for {name}: {rows:?}"))
            .clone()
    };
    assert_eq!(
        row("Ayu Pratiwi Santoso")[4..],
        ["240", "100", "125", "59", "", "", "365", "420", "79", "no"]
    );
    assert_eq!(
        row("José Miguel Dela Peña")[4..],
        ["168", "80", "168", "80", "", "", "336", "420", "80", "yes"]
    );
    // A name that would start a formula is written as text.
    let walk_in = row("'=HYPERLINK(\"http://x\")");
    assert_eq!(
        walk_in[4..],
        ["30", "14", "30", "14", "", "", "60", "420", "14", "no"]
    );
}

#[test]
fn the_review_of_the_workshop_carries_the_same_table_and_certificates() {
    let dir = scratch("workshop-review");
    let journal = workshop_journal(&dir);
    let out = dir.join("review");
    let run = convene(&[
        "review",
        journal.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--certificate",
        "80%",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let totals = &md[md.find("## Workshop totals").expect("the totals")..];
    // As the command's table: each day's minutes and share, the total and the certificate.
    for row in [
        "| Farah Naz Siddiqui | 210 min 100% | 180 min 85% | no report | 390 min 92% | yes |",
        "| José Miguel Dela Peña | 168 min 80% | 168 min 80% | no report | 336 min 80% | yes |",
        "| Ayu Pratiwi Santoso | 240 min 100% | 125 min 59% | no report | 365 min 79% | no |",
    ] {
        assert!(totals.contains(row), "no {row:?} in\n{totals}");
    }
    assert!(
        totals.contains("No participants report was recorded for day 3: left out of the shares."),
        "{totals}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<th style=\"border-bottom:1px solid #e4e4e4;padding:.3em .5em;text-align:left\">Certificate (80%)</th>"), "{html}");
}

#[test]
fn the_workshop_table_also_reads_each_days_report() {
    let dir = scratch("workshop-reports");
    let header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n";
    // Day 1, Monday 8 November 2021, planned 13:00-16:30 Jakarta (210 minutes): Farah all of
    // it; José on a laptop 13:00-15:00 and a phone 14:30-16:00, one stay of 13:00-16:00, 180.
    let day1 = dir.join("day1.csv");
    std::fs::write(
        &day1,
        format!(
            "{header}Farah S.,Farah.Siddiqui@Example.org,11/08/2021 1:00:00 PM,11/08/2021 4:30:00 PM,210,No\n\
             JOSE MIGUEL DELA PENA,,11/08/2021 1:00:00 PM,11/08/2021 3:00:00 PM,120,Yes\n\
             iPhone de José,,11/08/2021 2:30:00 PM,11/08/2021 4:00:00 PM,90,Yes\n"
        ),
    )
    .unwrap();
    // Day 2, Thursday 25 November: both all of it.
    let day2 = dir.join("day2.csv");
    std::fs::write(
        &day2,
        format!(
            "{header}Farah S.,Farah.Siddiqui@Example.org,11/25/2021 1:00:00 PM,11/25/2021 4:30:00 PM,210,No\n\
             JOSE MIGUEL DELA PENA,,11/25/2021 1:00:00 PM,11/25/2021 4:30:00 PM,210,Yes\n"
        ),
    )
    .unwrap();
    let text = succeeded(&[
        "attendance",
        "--workshop",
        day2.to_str().unwrap(),
        day1.to_str().unwrap(),
        "--roster",
        "assets/roster-sample.csv",
        "--match",
        "iPhone de José=José Miguel Dela Peña",
        "--certificate",
        "95%",
    ]);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("  {name} ")))
            .unwrap_or_else(|| panic!("no line for {name} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Farah: 420 of 420 minutes; José: 390 of 420, 92.9 %, short of 95 %.
    assert!(
        line("Farah Naz Siddiqui")
            .ends_with("210 min 100% 210 min 100% no report 420 min 100% yes"),
        "{text}"
    );
    assert!(
        line("José Miguel Dela Peña")
            .ends_with("180 min 85% 210 min 100% no report 390 min 92% no"),
        "{text}"
    );

    // A report of a meeting on no day of the workshop is refused, naming it.
    let other = dir.join("other.csv");
    std::fs::write(
        &other,
        format!("{header}Farah S.,,12/01/2021 1:00:00 PM,12/01/2021 2:00:00 PM,60,No\n"),
    )
    .unwrap();
    let bad = convene(&[
        "attendance",
        "--workshop",
        other.to_str().unwrap(),
        "--roster",
        "assets/roster-sample.csv",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(
        said.contains(
            "other.csv: this report is of a meeting on Wed 1 Dec 2021, which is no day of"
        ),
        "{said}"
    );
}
