//! A list of people never reads as another list: "Santos, Maria Luisa" is one person, in the
//! chat text, the review (Markdown and HTML) and on screen.

use chrono::{NaiveDate, TimeZone, Utc};
use convene::export::{Member, Room, chat_text};
use convene::report::{DayReport, Report, RoundReport, html, markdown};

const SANTOS: &str = "Santos, Maria Luisa";

fn member(name: &str, rapporteur: bool) -> Member {
    Member {
        name: name.into(),
        email: None,
        country: None,
        rapporteur,
    }
}

#[test]
fn the_chat_text_gives_each_person_a_line_of_their_own() {
    let rooms = vec![
        Room {
            name: "Room 1".into(),
            members: vec![member(SANTOS, true), member("Bilal Ahmed", false)],
        },
        Room {
            name: "Room 2".into(),
            members: vec![member("अनीता देशपांडे", false)],
        },
    ];
    assert_eq!(
        chat_text(&rooms),
        "Room 1 (2):\n\
         - Santos, Maria Luisa (rapporteur)\n\
         - Bilal Ahmed\n\
         \n\
         Room 2 (1):\n\
         - अनीता देशपांडे\n"
    );
}

fn report() -> Report {
    Report {
        title: "ToT".into(),
        source: "day-1.jsonl".into(),
        tz: "Asia/Jakarta".parse().unwrap(),
        created: Utc.with_ymd_and_hms(2021, 11, 8, 10, 0, 0).unwrap(),
        events: 1,
        days: vec![DayReport {
            day: 0,
            date: NaiveDate::from_ymd_opt(2021, 11, 8).unwrap(),
            title: "Setting the scene".into(),
            blocks: vec![],
            planned_start: None,
            planned_end: None,
            actual_end: None,
            log: vec![],
            cues: vec![],
            rounds: vec![RoundReport {
                label: "Welcome".into(),
                strategy: "mixed".into(),
                rooms: vec![("Room 1".into(), vec![SANTOS.into(), "Bilal Ahmed".into()])],
                outcomes: vec![],
            }],
            attendance: None,
        }],
    }
}

#[test]
fn the_review_lists_one_person_to_an_item() {
    let md = markdown(&report());
    assert!(
        md.contains("- **Room 1** (2)\n  - Santos, Maria Luisa\n  - Bilal Ahmed\n"),
        "{md}"
    );
    let page = html(&report());
    assert!(
        page.contains(
            "<li><strong>Room 1</strong> (2)<ul><li>Santos, Maria Luisa</li><li>Bilal Ahmed</li></ul></li>"
        ),
        "{page}"
    );
}
