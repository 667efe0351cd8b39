//! Reading Zoom exports: every participants report variant, merging a person's rows,
//! matching people to the roster, and the registration report.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use convene::import::{
    Attendance, DateOrder, FileError, MatchedBy, ParticipantsReport, Presence, decode,
    load_participants, load_registration, match_roster, merge, read_participants,
    read_registration,
};
use convene::roster::{Import, Refused, Role, load_roster};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/zoom")
        .join(name)
}

fn load(name: &str, tz: Tz) -> ParticipantsReport {
    match load_participants(&fixture(name), tz, DateOrder::Auto) {
        Ok(report) => report,
        Err(e) => panic!("{name}: unexpected error: {e}"),
    }
}

/// A report with every row read.
fn load_clean(name: &str, tz: Tz) -> ParticipantsReport {
    let report = load(name, tz);
    assert_eq!(report.refused, Vec::<Refused>::new(), "{name}");
    report
}

fn load_err(name: &str) -> FileError {
    match load_participants(&fixture(name), chrono_tz::UTC, DateOrder::Auto) {
        Ok(report) => panic!("{name}: expected an error, got {report:?}"),
        Err(e) => e,
    }
}

fn read(text: &str) -> ParticipantsReport {
    match read_participants("inline.csv", text, chrono_tz::UTC, DateOrder::Auto) {
        Ok(report) => report,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) => t.with_timezone(&Utc),
        Err(e) => panic!("bad test time {text}: {e}"),
    }
}

fn naive(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|date| date.and_hms_opt(h, min, s))
        .unwrap_or_else(|| panic!("bad test date"))
}

fn names(report: &ParticipantsReport) -> Vec<&str> {
    report.rows.iter().map(|row| row.name.as_str()).collect()
}

fn lines(report: &ParticipantsReport) -> Vec<usize> {
    report.rows.iter().map(|row| row.line).collect()
}

fn person<'a>(people: &'a [Attendance], name: &str) -> &'a Attendance {
    people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {people:?}"))
}

// ---------------------------------------------------------------------------------------
// Participants report variants

#[test]
fn preamble_with_blank_separator() {
    let report = load_clean("preamble-blank.csv", chrono_tz::Asia::Bangkok);
    let meeting = report.meeting.as_ref().expect("meeting summary");
    assert_eq!(meeting.id, "81234567890");
    assert_eq!(meeting.topic, "Training of Trainers, Day 1");
    assert_eq!(meeting.start, Some(naive(2021, 11, 19, 8, 55, 2)));
    assert_eq!(meeting.end, Some(naive(2021, 11, 19, 12, 10, 40)));
    assert_eq!(meeting.host_email.as_deref(), Some("host@example.org"));
    assert_eq!(meeting.participants, Some(4));

    assert_eq!(
        names(&report),
        [
            "Rina Kartika Sari",
            "Nattaya Srisuk",
            "Santos, Maria Luisa",
            "Galaxy A52"
        ]
    );
    assert_eq!(lines(&report), [5, 6, 7, 8]);
    let rina = &report.rows[0];
    assert_eq!(
        rina,
        &Presence {
            name: "Rina Kartika Sari".to_owned(),
            original_name: None,
            email: Some("rina.sari@example.org".to_owned()),
            join: Some(utc("2021-11-19T01:55:02Z")),
            leave: Some(utc("2021-11-19T05:10:40Z")),
            minutes: 196,
            guest: Some(false),
            line: 5,
        }
    );
    let phone = &report.rows[3];
    assert_eq!(phone.email, None);
    assert_eq!(phone.guest, Some(true));
    assert_eq!(phone.minutes, 89);
}

#[test]
fn preamble_with_comma_separator_and_trailing_commas() {
    let report = load_clean("preamble-commas.csv", chrono_tz::Indian::Maldives);
    let meeting = report.meeting.as_ref().expect("meeting summary");
    assert_eq!(meeting.id, "85512340987");
    assert_eq!(meeting.topic, "Urban Resilience Clinic");
    // AM/PM times: month first, so 2 March.
    assert_eq!(meeting.start, Some(naive(2022, 3, 2, 13, 58, 44)));
    assert_eq!(meeting.host_email.as_deref(), Some("host@example.org"));
    assert_eq!(meeting.participants, Some(3));
    assert_eq!(
        names(&report),
        [
            "Hussain Nashid Waheed",
            "Aminath Shazna Ibrahim",
            "އަޙްމަދު ރަޝީދު"
        ]
    );
    assert_eq!(lines(&report), [5, 6, 7]);
    assert_eq!(report.rows[1].join, Some(utc("2022-03-02T09:00:05Z")));
    assert_eq!(report.rows[1].minutes, 120);
    assert_eq!(report.rows[2].email, None);
    assert_eq!(report.rows[2].guest, Some(true));
}

#[test]
fn no_preamble() {
    let report = load_clean("no-preamble.csv", chrono_tz::Asia::Kathmandu);
    assert_eq!(report.meeting, None);
    assert_eq!(
        names(&report),
        ["Bikash Raj Shrestha", "Pemba Dolma Sherpa"]
    );
    assert_eq!(lines(&report), [2, 3]);
    // Kathmandu is UTC+5:45.
    assert_eq!(report.rows[0].join, Some(utc("2022-05-10T04:30:00Z")));
    assert_eq!(report.rows[1].leave, Some(utc("2022-05-10T05:55:00Z")));
    assert_eq!(report.rows[1].minutes, 84);
}

#[test]
fn unique_users_have_total_duration_and_no_times() {
    let report = load_clean("unique-users.csv", chrono_tz::Asia::Jakarta);
    assert_eq!(report.rows.len(), 4);
    let dewi = &report.rows[0];
    assert_eq!(dewi.name, "Dewi Anggraini Putri");
    assert_eq!((dewi.join, dewi.leave), (None, None));
    assert_eq!(dewi.minutes, 182);
    assert_eq!(report.rows[2].guest, Some(true));
    assert_eq!(report.rows[2].email, None);

    // The same email twice: one person, the longest total.
    let people = merge(&report);
    assert_eq!(people.len(), 3);
    let dewi = person(&people, "Dewi Anggraini Putri");
    assert_eq!(dewi.minutes, 182);
    assert_eq!(dewi.rows, [2, 5]);
    assert_eq!(dewi.other_names, ["Dewi Putri"]);
    assert_eq!((dewi.first_join, dewi.last_leave), (None, None));
}

#[test]
fn older_unique_users_without_guest() {
    let report = load_clean("older-no-guest.csv", chrono_tz::Asia::Makassar);
    assert_eq!(
        names(&report),
        ["Andi Nurul Fadilah", "Bambang Setiawan Hadi"]
    );
    assert_eq!(report.rows[1].minutes, 64);
    assert_eq!(report.rows[1].guest, None);
    assert_eq!(
        report.rows[1].email.as_deref(),
        Some("bambang.hadi@example.net")
    );
}

#[test]
fn lowercase_header_with_waiting_room() {
    let report = load_clean("lowercase-waiting-room.csv", chrono_tz::Asia::Kolkata);
    assert_eq!(report.rows.len(), 3);
    assert_eq!(
        report.rows[0].email.as_deref(),
        Some("priyanka.menon@example.org")
    );
    assert_eq!(report.rows[0].join, Some(utc("2022-06-14T03:30:12Z")));
    let people = merge(&report);
    let rajesh = person(&people, "Rajesh Kumar Iyer");
    // 08:58:40 to 10:31:10 without a gap: 92.5 minutes, rounded up.
    assert_eq!(rajesh.minutes, 93);
    assert_eq!(rajesh.rows, [3, 4]);
}

#[test]
fn japanese_headers_are_read_by_meaning() {
    let report = load_clean("japanese.csv", chrono_tz::Asia::Tokyo);
    assert_eq!(
        names(&report),
        ["佐藤 花子", "Kittipong Wongsawat", "ゲスト端末"]
    );
    let hanako = &report.rows[0];
    assert_eq!(hanako.original_name.as_deref(), Some("Hanako Sato"));
    assert_eq!(hanako.email.as_deref(), Some("hanako.sato@example.org"));
    assert_eq!(hanako.join, Some(utc("2022-07-05T04:00:00Z")));
    assert_eq!(hanako.leave, Some(utc("2022-07-05T05:30:00Z")));
    assert_eq!(hanako.minutes, 90);
    assert_eq!(hanako.guest, Some(false));
    assert_eq!(
        report.rows[1].original_name.as_deref(),
        Some("กิตติพงษ์ วงศ์สวัสดิ์")
    );
    assert_eq!(report.rows[2].guest, Some(true));
}

#[test]
fn unknown_localized_header_fails_naming_it() {
    let e = load_err("german-header.csv");
    assert!(e.file.ends_with("german-header.csv"), "{e}");
    assert_eq!(e.line, 1);
    assert!(
        e.message.contains("`Name (ursprünglicher Name)`")
            && e.message.contains("`Zeitpunkt des Beitritts`")
            && e.message.contains("lacks a name column"),
        "{e}"
    );
}

#[test]
fn byte_order_mark_is_skipped() {
    let report = load_clean("bom.csv", chrono_tz::Asia::Bangkok);
    assert_eq!(names(&report), ["Anan Phromma"]);
    assert_eq!(lines(&report), [2]);
    assert_eq!(report.rows[0].join, Some(utc("2022-08-01T12:30:00Z")));
}

#[test]
fn day_first_dates_decided_for_the_whole_file() {
    let report = load_clean("day-first.csv", chrono_tz::Asia::Manila);
    // 25/11 cannot be month first, so 03/11 is the 3rd of November too.
    assert_eq!(report.rows[0].join, Some(utc("2022-11-03T01:00:00Z")));
    assert_eq!(report.rows[0].leave, Some(utc("2022-11-03T02:30:00Z")));
    assert_eq!(report.rows[1].join, Some(utc("2022-11-25T01:05:00Z")));

    // Told month first, the file's 25/11 rows are refused and 03/11 is the 11th of March.
    let text = std::fs::read_to_string(fixture("day-first.csv")).expect("fixture");
    let report = read_participants(
        "day-first.csv",
        &text,
        chrono_tz::Asia::Manila,
        DateOrder::MonthFirst,
    )
    .expect("reads");
    assert_eq!(report.rows.len(), 1);
    assert_eq!(report.rows[0].join, Some(utc("2022-03-11T01:00:00Z")));
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].line, 3);
    assert!(
        report.refused[0]
            .reason
            .starts_with("column `Join Time`: \"25/11/2022 09:05\" is not a date"),
        "{:?}",
        report.refused
    );

    // Ambiguous dates alone are month first under Auto, day first when told.
    let ambiguous = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n\
                     Ana,,03/04/2022 10:00,03/04/2022 11:00,60\n";
    assert_eq!(
        read(ambiguous).rows[0].join,
        Some(utc("2022-03-04T10:00:00Z"))
    );
    let day_first =
        read_participants("a.csv", ambiguous, chrono_tz::UTC, DateOrder::DayFirst).expect("reads");
    assert_eq!(day_first.rows[0].join, Some(utc("2022-04-03T10:00:00Z")));
}

#[test]
fn year_first_dates_with_unpadded_parts() {
    let report = load_clean("year-first.csv", chrono_tz::Asia::Jakarta);
    assert_eq!(report.rows[0].join, Some(utc("2022-03-07T02:05:00Z")));
    assert_eq!(report.rows[0].leave, Some(utc("2022-03-07T03:45:00Z")));
    assert_eq!(report.rows[1].join, Some(utc("2022-03-07T01:50:00Z")));
    assert_eq!(report.rows[1].minutes, 120);
}

#[test]
fn us_times_with_unpadded_hours() {
    let report = load_clean("us-unpadded-hours.csv", chrono_tz::Asia::Kolkata);
    let meenakshi = &report.rows[0];
    assert_eq!(meenakshi.join, Some(utc("2021-11-19T04:24:15Z")));
    assert_eq!(meenakshi.leave, Some(utc("2021-11-19T07:35:00Z")));
    // 11:50 PM to 12:20 AM the next day.
    let ayu = &report.rows[1];
    assert_eq!(ayu.join, Some(utc("2021-11-19T18:20:00Z")));
    assert_eq!(ayu.leave, Some(utc("2021-11-19T18:50:00Z")));
    let people = merge(&report);
    assert_eq!(person(&people, "Meenakshi Rao-Banerjee").minutes, 191);
    assert_eq!(person(&people, "Ayu Pratiwi Santoso").minutes, 30);
}

#[test]
fn original_names_are_split_off() {
    let report = load_clean("original-names.csv", chrono_tz::Asia::Bangkok);
    let pairs: Vec<(&str, Option<&str>)> = report
        .rows
        .iter()
        .map(|row| (row.name.as_str(), row.original_name.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("Kit", Some("Kittipong Wongsawat")),
            ("Anita", Some("अनीता देशपांडे")),
            ("Dr. Pemba", Some("Pemba Dolma Sherpa (Pokhara)")),
            ("王 芳", Some("Wang Fang")),
            ("Sunita Thapa", None),
        ]
    );
}

#[test]
fn guests_without_email() {
    let report = load_clean("guests.csv", chrono_tz::Indian::Maldives);
    let guests: Vec<(&str, Option<&str>, Option<bool>)> = report
        .rows
        .iter()
        .map(|row| (row.name.as_str(), row.email.as_deref(), row.guest))
        .collect();
    assert_eq!(
        guests,
        [
            (
                "Fathimath Rishfa Ali",
                Some("fathimath.rishfa@example.net"),
                Some(false)
            ),
            ("+9607771234", None, Some(true)),
            ("Call-in User_1", None, Some(true)),
            ("iPad de Lucía", None, None),
        ]
    );
    assert_eq!(merge(&report).len(), 4);
}

#[test]
fn quoted_commas_in_topic_and_names() {
    let report = load_clean("quoted-commas.csv", chrono_tz::Asia::Manila);
    let meeting = report.meeting.as_ref().expect("meeting summary");
    assert_eq!(meeting.topic, "Cities, Climate, and Finance: \"Session 3\"");
    assert_eq!(meeting.participants, Some(2));
    assert_eq!(report.rows[0].name, "Santos, Maria Luisa");
    assert_eq!(report.rows[1].name, "Dela Peña, José Miguel");
    assert_eq!(
        report.rows[1].original_name.as_deref(),
        Some("Jose M. Dela Pena")
    );
    assert_eq!(lines(&report), [5, 6]);
}

#[test]
fn header_variant_with_recording_consent_and_crlf() {
    let text = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,\
                Recording Consent\r\n\r\n\
                Tara Gurung,TARA.GURUNG@example.org,01/02/2023 9:00:00 AM,01/02/2023 9:30:00 AM,30,No,Y\r\n";
    let report = read(text);
    assert_eq!(report.refused, []);
    assert_eq!(lines(&report), [3]);
    assert_eq!(
        report.rows[0].email.as_deref(),
        Some("tara.gurung@example.org")
    );
}

#[test]
fn duration_is_computed_when_the_column_is_missing() {
    let text = "Name,Email,Join Time,Leave Time\nAna,,2023/1/2 9:00:10,2023/1/2 9:30:00\n";
    let report = read(text);
    assert_eq!(report.rows[0].minutes, 30);
}

/// A New York report of 7 November 2021, when clocks went from 01:59:59 EDT (UTC-4) back to
/// 01:00:00 EST (UTC-5): every time from 01:00 to 01:59 happened twice.
fn new_york_fall_back(rows: &str) -> ParticipantsReport {
    let text = format!(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n{rows}"
    );
    match read_participants(
        "fall-back.csv",
        &text,
        chrono_tz::America::New_York,
        DateOrder::Auto,
    ) {
        Ok(report) => report,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

#[test]
fn a_repeated_hour_is_read_the_first_time() {
    let report = new_york_fall_back(
        "Dana Whitfield,dana@example.org,11/07/2021 12:50:00 AM,11/07/2021 2:10:00 AM,140,No\n\
         Femi Adeyemi,femi@example.org,11/07/2021 1:30:00 AM,11/07/2021 2:10:00 AM,100,No\n\
         Gita Raman,gita@example.org,11/07/2021 1:05:00 AM,11/07/2021 1:45:00 AM,40,No\n\
         Hana Sato,hana@example.org,11/07/2021 12:40:00 AM,11/07/2021 1:20:00 AM,40,No\n\
         Hana Sato,hana@example.org,11/07/2021 1:10:00 AM,11/07/2021 2:05:00 AM,115,No\n",
    );
    assert_eq!(report.refused, Vec::<Refused>::new());
    let times: Vec<_> = report.rows.iter().map(|r| (r.join, r.leave)).collect();
    assert_eq!(
        times,
        [
            // 00:50 EDT and 02:10 EST: the hour between them happened twice.
            (
                Some(utc("2021-11-07T04:50:00Z")),
                Some(utc("2021-11-07T07:10:00Z"))
            ),
            // 01:30 is taken in EDT.
            (
                Some(utc("2021-11-07T05:30:00Z")),
                Some(utc("2021-11-07T07:10:00Z"))
            ),
            // Both in EDT.
            (
                Some(utc("2021-11-07T05:05:00Z")),
                Some(utc("2021-11-07T05:45:00Z"))
            ),
            (
                Some(utc("2021-11-07T04:40:00Z")),
                Some(utc("2021-11-07T05:20:00Z"))
            ),
            (
                Some(utc("2021-11-07T05:10:00Z")),
                Some(utc("2021-11-07T07:05:00Z"))
            ),
        ]
    );
    let people = merge(&report);
    let minutes: Vec<(&str, u32)> = people
        .iter()
        .map(|p| (p.name.as_str(), p.minutes))
        .collect();
    // Dana 04:50Z-07:10Z; Femi 05:30Z-07:10Z; Gita 05:05Z-05:45Z; Hana's two stays overlap
    // (04:40Z-05:20Z and 05:10Z-07:05Z), together 04:40Z-07:05Z: 2 h 25 min.
    assert_eq!(
        minutes,
        [
            ("Dana Whitfield", 140),
            ("Femi Adeyemi", 100),
            ("Gita Raman", 40),
            ("Hana Sato", 145)
        ]
    );
}

#[test]
fn a_stay_over_the_repeated_hour_that_leaves_earlier_on_the_clock() {
    // Joined at 01:30 the first time (EDT, 05:30Z), left at 01:20 the second time (EST,
    // 06:20Z): 50 minutes, as Zoom's own Duration says. Read the first time, the leave would
    // be 05:20Z, before the join: the only reading of the row that can be true is the second.
    let report = new_york_fall_back(
        "Eli Moreno,eli@example.org,11/07/2021 1:30:00 AM,11/07/2021 1:20:00 AM,50,No\n",
    );
    assert_eq!(report.refused, Vec::<Refused>::new());
    assert_eq!(report.rows.len(), 1);
    assert_eq!(report.rows[0].join, Some(utc("2021-11-07T05:30:00Z")));
    assert_eq!(report.rows[0].leave, Some(utc("2021-11-07T06:20:00Z")));
    assert_eq!(merge(&report)[0].minutes, 50);
}

// ---------------------------------------------------------------------------------------
// Broken files and rows

#[test]
fn bad_dates_are_refused_naming_the_column() {
    let report = load("bad-date.csv", chrono_tz::Asia::Bangkok);
    assert_eq!(names(&report), ["Anan Phromma"]);
    assert_eq!(
        report.refused,
        [
            Refused {
                line: 3,
                reason: "column `Join Time`: \"13/45/2021 9:00:00 AM\" is not a date: read as \
                         month/day/year, month 13 day 45 does not exist"
                    .to_owned(),
            },
            Refused {
                line: 4,
                reason: "column `Leave Time`: \"yesterday\" is not a date and time such as \
                         11/19/2021 9:54:15 AM (month/day/year)"
                    .to_owned(),
            },
            Refused {
                line: 5,
                reason: "column `Leave Time`: \"11/19/2021 9:00:00 AM\" is before the join time \
                         \"11/19/2021 10:00:00 AM\""
                    .to_owned(),
            },
            Refused {
                line: 6,
                reason: "column `Duration (Minutes)`: \"sixty\" is not a whole number of minutes"
                    .to_owned(),
            },
        ]
    );
}

#[test]
fn short_and_long_rows_are_refused() {
    let report = load("short-row.csv", chrono_tz::Asia::Kathmandu);
    assert_eq!(names(&report), ["Bikash Raj Shrestha"]);
    let refused: Vec<(usize, &str)> = report
        .refused
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        refused,
        [
            (
                3,
                "the row has 3 fields but the header has 7 columns: columns `Leave Time` to \
                 `Recording Consent` are missing"
            ),
            (
                4,
                "the row has 6 fields but the header has 7 columns: column `Recording Consent` \
                 is missing"
            ),
            (
                6,
                "the row has 8 fields but the header has 7 columns (is a comma in a name not \
                 quoted?)"
            ),
            (7, "column `Name (Original Name)`: the name is empty"),
            (
                8,
                "column `User Email`: \"tara.gurung-at-example.org\" is not an email address"
            ),
        ]
    );
}

#[test]
fn unclosed_quote_is_pointed_out() {
    let text = "Name,User Email,Join Time,Leave Time,Duration (Minutes)\n\
                \"Ana,,2023/1/2 9:00,2023/1/2 9:30,30\n\
                Ben,,2023/1/2 9:00,2023/1/2 9:30,30\n";
    let report = read(text);
    assert_eq!(report.rows, []);
    assert_eq!(report.refused.len(), 1);
    assert_eq!(report.refused[0].line, 2);
    assert!(
        report.refused[0].reason.ends_with(
            "(the row runs from line 2 to line 3: check for a quote `\"` that is not closed)"
        ),
        "{:?}",
        report.refused
    );
}

#[test]
fn wrong_header_is_an_error() {
    let e = load_err("wrong-header.csv");
    assert!(e.file.ends_with("wrong-header.csv"));
    assert_eq!(e.line, 1);
    assert_eq!(
        e.message,
        "this is not the participant header of a Zoom participants report: it lacks a name \
         column (`Name (Original Name)`) and a duration column (`Duration (Minutes)`) (header \
         found: `Pre-assign Room Name`, `Email Address`); expected a header such as Name \
         (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"
    );
    assert_eq!(
        e.to_string(),
        format!("{}:1: {}", fixture("wrong-header.csv").display(), e.message)
    );
}

#[test]
fn summary_without_participants_is_an_error() {
    let e = load_err("summary-only.csv");
    assert_eq!(e.line, 1);
    assert!(
        e.message
            .starts_with("the meeting summary is not followed by a participant header"),
        "{e}"
    );
}

#[test]
fn header_after_summary_must_be_a_participant_header() {
    let text = "Meeting ID,Topic\n812,Day 1\n\nRoom,Email Address\n";
    let e =
        read_participants("x.csv", text, chrono_tz::UTC, DateOrder::Auto).expect_err("bad header");
    assert_eq!((e.file.as_str(), e.line), ("x.csv", 4));
    assert!(
        e.message.contains("header found: `Room`, `Email Address`"),
        "{e}"
    );
}

#[test]
fn binary_junk_is_an_error() {
    let e = load_err("binary-junk.csv");
    assert!(e.file.ends_with("binary-junk.csv"));
    assert_eq!(e.line, 1);
    assert_eq!(
        e.message,
        "byte 15 is a NUL character, so this is binary data, not CSV text (if the file was \
         saved as \"Unicode text\" / UTF-16, save it again as CSV UTF-8)"
    );

    // Not UTF-8 either: still named binary rather than an old encoding.
    let e = decode("logo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect_err("png");
    assert_eq!(e.line, 3);
    assert!(e.message.starts_with("byte 8 is a NUL character"), "{e}");

    let e = load_err("workbook.csv");
    assert_eq!(e.line, 1);
    assert!(
        e.message.starts_with("the file is a spreadsheet workbook"),
        "{e}"
    );

    // Control characters without a NUL.
    let junk: String = "\u{1}\u{2}\u{3}\u{4}\u{5}abc\n".repeat(10);
    let e =
        read_participants("junk.csv", &junk, chrono_tz::UTC, DateOrder::Auto).expect_err("junk");
    assert_eq!(e.line, 1);
    assert!(e.message.starts_with("the file holds binary data"), "{e}");
}

#[test]
fn non_utf8_is_an_error_with_its_line() {
    let e = load_err("not-utf8.csv");
    assert!(e.file.ends_with("not-utf8.csv"));
    assert_eq!(e.line, 3);
    assert!(
        e.message.starts_with("byte 172 (0xE9) is not valid UTF-8"),
        "{e}"
    );
    let e = decode("u16.csv", b"\xff\xfeN\x00").expect_err("utf-16");
    assert_eq!(e.to_string(), format!("u16.csv:1: {}", e.message));
    assert!(e.message.starts_with("the file is UTF-16 text"));
}

#[test]
fn empty_file_is_an_error() {
    let e = load_err("empty.csv");
    assert_eq!(e.line, 1);
    assert!(e.message.starts_with("the file is empty"), "{e}");
    let e = read_participants("blank.csv", ",,,\n,,\n", chrono_tz::UTC, DateOrder::Auto)
        .expect_err("blank");
    assert!(
        e.message.starts_with("the file has only empty cells"),
        "{e}"
    );
    let e = load_participants(&fixture("missing.csv"), chrono_tz::UTC, DateOrder::Auto)
        .expect_err("missing");
    assert_eq!(e.line, 0);
    assert!(e.to_string().contains("missing.csv: cannot read"), "{e}");
}

// ---------------------------------------------------------------------------------------
// Merging

#[test]
fn reconnections_merge_without_double_counting() {
    let report = load_clean("reconnections.csv", chrono_tz::Asia::Karachi);
    assert_eq!(report.rows.len(), 8);
    let people = merge(&report);
    let summary: Vec<(&str, Option<&str>, u32, &[usize])> = people
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.email.as_deref(),
                p.minutes,
                p.rows.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            // 13:00–13:40, 13:30–14:00 and 13:35–13:38: one hour, not 73 minutes.
            (
                "Sana Iqbal Baloch",
                Some("sana.baloch@example.net"),
                60,
                &[2, 4, 5][..]
            ),
            // 13:02–13:20, then 13:25–14:00 on a laptop and 13:50–14:05 on a phone without
            // an email: 18 + 40 minutes.
            (
                "Bilal Ahmed Chaudhry",
                Some("bilal.chaudhry@example.org"),
                58,
                &[3, 6, 7][..]
            ),
            // Two rows without email, the same name in other case and spacing.
            ("Farah Naz Siddiqui", None, 28, &[8, 9][..]),
        ]
    );
    let sana = &people[0];
    assert_eq!(sana.first_join, Some(utc("2022-09-06T08:00:00Z")));
    assert_eq!(sana.last_leave, Some(utc("2022-09-06T09:00:00Z")));
    assert_eq!(sana.other_names, ["SANA IQBAL BALOCH"]);
    assert_eq!(people[1].last_leave, Some(utc("2022-09-06T09:05:00Z")));
}

#[test]
fn overlap_of_two_devices_counts_once() {
    let text = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
                Somchai Jaidee,somchai.j@example.org,2023/1/9 13:00,2023/1/9 13:40,40,No\n\
                Somchai (iPhone),,2023/1/9 13:30,2023/1/9 14:00,30,Yes\n\
                Somchai Jaidee,SOMCHAI.J@EXAMPLE.ORG,2023/1/9 13:30,2023/1/9 14:00,30,No\n";
    let people = merge(&read(text));
    assert_eq!(people.len(), 2, "{people:?}");
    assert_eq!(people[0].minutes, 60);
    assert_eq!(people[0].rows, [2, 4]);
    // "Somchai" is not the same name as "Somchai Jaidee".
    assert_eq!(people[1].name, "Somchai");
    assert_eq!(people[1].other_names, ["iPhone"]);
}

#[test]
fn an_emailless_row_joins_by_original_name() {
    let text = "Name (Original Name),User Email,Join Time,Leave Time\n\
                Kit (Kittipong Wongsawat),kittipong.w@example.org,2023/1/9 13:00,2023/1/9 13:10\n\
                Kittipong Wongsawat,,2023/1/9 13:20,2023/1/9 13:30\n";
    let people = merge(&read(text));
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Kit");
    assert_eq!(people[0].email.as_deref(), Some("kittipong.w@example.org"));
    assert_eq!(people[0].minutes, 20);
    assert_eq!(people[0].other_names, ["Kittipong Wongsawat"]);
}

#[test]
fn an_emailless_row_with_a_name_two_emails_share_stays_apart() {
    let text = "Name,Email,Join Time,Leave Time\n\
                Ana Cruz,ana.cruz@example.org,2023/1/9 13:00,2023/1/9 13:10\n\
                Ana Cruz,ana.c@example.org,2023/1/9 13:00,2023/1/9 13:20\n\
                Ana Cruz,,2023/1/9 13:00,2023/1/9 13:30\n";
    let people = merge(&read(text));
    let minutes: Vec<u32> = people.iter().map(|p| p.minutes).collect();
    assert_eq!(minutes, [10, 20, 30]);
}

// ---------------------------------------------------------------------------------------
// Matching with the roster

#[test]
fn sample_roster_is_matched_by_email_then_name() {
    let roster_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/roster-sample.csv");
    let roster = load_roster(&roster_file).expect("sample roster").roster;
    let report = load_clean("roster-match.csv", chrono_tz::Asia::Bangkok);
    let people = merge(&report);
    assert_eq!(people.len(), 9);
    let (matched, unmatched) = match_roster(&roster, people);

    let found: Vec<(&str, &str, MatchedBy)> = matched
        .iter()
        .map(|m| {
            (
                m.attendance.name.as_str(),
                roster.participants[m.participant].name.as_str(),
                m.by,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // A different display name, the email in other case.
            ("Farah S.", "Farah Naz Siddiqui", MatchedBy::Email),
            // No email; the name in capitals and without accents.
            (
                "JOSE MIGUEL DELA PENA",
                "José Miguel Dela Peña",
                MatchedBy::Name
            ),
            // Renamed: found by the original name.
            (
                "Kit",
                "Kittipong Wongsawat (กิตติพงษ์ วงศ์สวัสดิ์)",
                MatchedBy::Name
            ),
            // The name the roster gives in parentheses.
            ("सुनिता थापा", "Sunita Thapa (सुनिता थापा)", MatchedBy::Name),
            ("عائشہ رحمان", "عائشہ رحمان", MatchedBy::Email),
            ("Nattaya Srisuk", "Nattaya Srisuk", MatchedBy::Email),
            // The roster writes the family name first.
            ("Maria Luisa Santos", "Santos, Maria Luisa", MatchedBy::Name),
        ]
    );
    let farah = &matched[0];
    assert_eq!(farah.participant, 3);
    assert_eq!(farah.attendance.minutes, 60);
    assert_eq!(
        roster.participants[matched[1].participant].role,
        Role::Participant
    );

    // A guest device, and a second "Nattaya Srisuk" with another email: the roster's
    // Nattaya is already matched, and nobody is matched twice.
    let left: Vec<(&str, Option<&str>)> = unmatched
        .iter()
        .map(|a| (a.name.as_str(), a.email.as_deref()))
        .collect();
    assert_eq!(
        left,
        [
            ("Galaxy Tab S7", None),
            ("nattaya srisuk", Some("nattaya.home@example.com")),
        ]
    );
}

#[test]
fn ambiguous_names_are_not_matched() {
    let roster = read_registration(
        "r.csv",
        "First Name,Last Name,Email\nAna,Cruz,ana.cruz@example.org\nAna,Cruz,ana.c@example.org\n",
    )
    .expect("roster")
    .roster;
    let people = merge(&read("Name,Email,Total Duration (Minutes)\nana cruz,,50\n"));
    let (matched, unmatched) = match_roster(&roster, people);
    assert_eq!(matched, []);
    assert_eq!(unmatched.len(), 1);
}

// ---------------------------------------------------------------------------------------
// Registration report

fn registration(name: &str) -> Import {
    match load_registration(&fixture(name)) {
        Ok(import) => import,
        Err(e) => panic!("{name}: unexpected error: {e}"),
    }
}

#[test]
fn registration_report_becomes_a_roster() {
    let import = registration("registration.csv");
    let people = &import.roster.participants;
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Nattaya Srisuk", "สมหญิง รักษ์เมือง", "Bikash Raj Shrestha"]
    );
    let nattaya = &people[0];
    assert_eq!(nattaya.email.as_deref(), Some("nattaya.srisuk@example.org"));
    assert_eq!(
        nattaya.organisation.as_deref(),
        Some("Khon Kaen City Municipality")
    );
    assert_eq!(nattaya.city.as_deref(), Some("Khon Kaen"));
    assert_eq!(nattaya.country.as_deref(), Some("Thailand"));
    assert_eq!(nattaya.time_zone, None);
    assert_eq!(nattaya.role, Role::Participant);
    assert_eq!(
        nattaya.extra,
        [
            (
                "Registration Time".to_owned(),
                "Oct 20, 2022 09:12:33".to_owned()
            ),
            ("Approval Status".to_owned(), "approved".to_owned()),
            (
                "What do you hope to learn?".to_owned(),
                "Facilitation, mostly".to_owned()
            ),
        ]
    );
    assert_eq!(people[2].extra_value("approval status"), Some("pending"));
    assert_eq!(
        import.duplicates,
        [(
            5,
            "same email as line 2: nattaya.srisuk@example.org".to_owned()
        )]
    );
    assert_eq!(
        import.refused,
        [Refused {
            line: 6,
            reason: "column `Email`: \"dewi.putri-at-example.org\" is not an email address"
                .to_owned(),
        }]
    );
}

#[test]
fn webinar_report_is_read_from_its_attendee_section() {
    let import = registration("webinar-attendees.csv");
    let people = &import.roster.participants;
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    // Not the host or panelist; a registrant without first or last name gets the user name.
    assert_eq!(
        names,
        [
            "Ramesh Prasad Adhikari",
            "Aminath Shazna Ibrahim",
            "अनीता देशपांडे"
        ]
    );
    let ramesh = &people[0];
    assert_eq!(ramesh.email.as_deref(), Some("ramesh.adhikari@example.net"));
    assert_eq!(ramesh.country.as_deref(), Some("Nepal"));
    assert_eq!(
        ramesh.organisation.as_deref(),
        Some("Bharatpur Metropolitan City")
    );
    assert_eq!(ramesh.extra_value("Attended"), Some("Yes"));
    assert_eq!(
        ramesh.extra_value("User Name (Original Name)"),
        Some("Ramesh (Ramesh Prasad Adhikari)")
    );
    assert_eq!(ramesh.extra_value("Country/Region Name"), Some("Nepal"));
    assert_eq!(ramesh.extra_value("Time in Session (minutes)"), Some("39"));
    assert_eq!(people[1].extra_value("Attended"), Some("No"));
    assert_eq!(people[2].city.as_deref(), Some("Pune"));
    assert_eq!(
        import.duplicates,
        [(
            14,
            "same email as line 13: ramesh.adhikari@example.net".to_owned()
        )]
    );
    assert_eq!(import.refused, []);
}

#[test]
fn registration_header_variants() {
    let text = "\u{feff}Registration Report\n\
                Topic,ID\n\
                Day 1,812\n\
                \n\
                first name,LAST NAME,Email Address,Organisation,Country/Region Name,City\n\
                Hussain Nashid,Waheed,hussain.waheed@example.org,Fuvahmulah City Council,\
                Maldives,Fuvahmulah\n\
                Mariyam,Zuha,,Malé City Council,Maldives,Malé\n\
                mariyam  zuha,,,,,\n";
    let import = read_registration("reg.csv", text).expect("reads");
    let people = &import.roster.participants;
    assert_eq!(people.len(), 2);
    assert_eq!(
        people[0].organisation.as_deref(),
        Some("Fuvahmulah City Council")
    );
    assert_eq!(people[0].country.as_deref(), Some("Maldives"));
    assert_eq!(people[0].city.as_deref(), Some("Fuvahmulah"));
    assert_eq!(people[0].extra, []);
    assert_eq!(people[1].email, None);
    assert_eq!(
        import.duplicates,
        [(8, "same name as line 7: mariyam zuha".to_owned())]
    );
}

#[test]
fn registration_errors() {
    let e = read_registration("reg.csv", "Topic,ID\nDay 1,812\n").expect_err("no header");
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_deref()),
        ("reg.csv", 1, None)
    );
    assert!(e.message.starts_with("no registration header found"), "{e}");
    let e = read_registration("reg.csv", "Attendee Report\nHost Details\nAttended,Email\n")
        .expect_err("no attendees");
    assert_eq!(e.line, 2);
    assert!(e.message.contains("no `Attendee Details` section"), "{e}");
    let e = read_registration(
        "reg.csv",
        "Attendee Details\nAttended,Email\nYes,a@example.org\n",
    )
    .expect_err("bad header");
    assert_eq!(e.line, 2);
    assert!(
        e.message.contains("no `First Name` or `User Name` column"),
        "{e}"
    );
    let e = read_registration("reg.csv", "").expect_err("empty");
    assert_eq!(e.to_string(), format!("reg.csv:1: {}", e.message));
    let e = load_registration(&fixture("not-utf8.csv")).expect_err("not utf-8");
    assert_eq!(e.line, 3);
}

/// When the meeting began: the meeting data's start time when the report has it, else the
/// earliest join, read in the zone the report is read in; nothing for a report without times.
#[test]
fn a_report_says_when_its_meeting_began() {
    let jakarta: Tz = "Asia/Jakarta".parse().unwrap();
    // Start Time 11/25/2021 12:55:02 PM, Jakarta (UTC+7).
    let with_meeting = load_clean("tot-day2-meeting.csv", jakarta);
    assert_eq!(
        with_meeting.began(jakarta),
        Some(utc("2021-11-25T12:55:02+07:00"))
    );
    // The joins are 1:02 PM and, on the second row, 12:50 PM: the earliest.
    let joins = load_clean("tot-day1-joins.csv", jakarta);
    assert_eq!(joins.began(jakarta), Some(utc("2021-11-08T12:50:00+07:00")));
    let unique = load("unique-users.csv", jakarta);
    assert_eq!(unique.began(jakarta), None);
}
