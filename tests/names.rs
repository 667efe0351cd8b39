//! A list of people never reads as another list: "Santos, Maria Luisa" is one person, in the
//! chat text, the review (Markdown and HTML) and on screen.

use chrono::{TimeZone, Utc};
use convene::export::{Member, Room, chat_text};
use convene::report::{html, markdown};

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

/// The review of a journal in which the sample roster (with "Santos, Maria Luisa") was
/// imported and formed into three rooms on day 1.
fn reviewed() -> (convene::report::Report, Vec<Vec<String>>) {
    use convene::core::{Action, Event, GroupSpec, Stamped, State, Who, update};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("day-1.jsonl");
    let workshop = std::sync::Arc::new(convene::programme::default_workshop().unwrap());
    let mut state = State::new(std::sync::Arc::clone(&workshop));
    let now = Utc.with_ymd_and_hms(2021, 11, 8, 6, 0, 0).unwrap();
    let mut writer = convene::journal::Writer::open(&path, &workshop, now, 1, 0).unwrap();
    let import = convene::roster::load_roster(std::path::Path::new("assets/roster-sample.csv"))
        .expect("the sample roster reads");
    let imported = vec![Event::RosterImported {
        source: "assets/roster-sample.csv".into(),
        participants: import.roster.participants,
    }];
    let form = Action::FormGroups {
        day: 0,
        label: "Round 1".into(),
        spec: GroupSpec::parse("3 mixed").unwrap(),
        seed: 7,
    };
    for events in [imported, vec![]] {
        let events = if events.is_empty() {
            update(&state, form.clone(), now).unwrap()
        } else {
            events
        };
        let batch = Stamped::all(events, now, &Who::lead());
        writer.append(&batch).unwrap();
        state.apply_batch(&batch);
    }
    let rooms: Vec<Vec<String>> = state
        .current_round()
        .unwrap()
        .rooms
        .iter()
        .map(|r| {
            r.members
                .iter()
                .map(|k| state.person(k).unwrap().name.clone())
                .collect()
        })
        .collect();
    assert!(rooms.iter().flatten().any(|n| n == SANTOS));
    let loaded = convene::journal::read(&[path]).unwrap().unwrap();
    (convene::report::build(&loaded).unwrap(), rooms)
}

#[test]
fn the_review_lists_one_person_to_an_item() {
    let (report, rooms) = reviewed();
    let md = markdown(&report);
    for (i, names) in rooms.iter().enumerate() {
        let mut expected = format!("- **Room {}** ({})\n", i + 1, names.len());
        for name in names {
            expected.push_str(&format!("  - {name}\n"));
        }
        assert!(md.contains(&expected), "{expected}\nin\n{md}");
    }
    assert!(md.contains("  - Santos, Maria Luisa\n"), "{md}");
    let page = html(&report);
    assert!(page.contains("<li>Santos, Maria Luisa</li>"), "{page}");
    let room = rooms
        .iter()
        .position(|r| r.iter().any(|n| n == SANTOS))
        .unwrap();
    // No name of the sample roster holds a character HTML escapes.
    assert!(
        rooms
            .iter()
            .flatten()
            .all(|n| !n.contains(['&', '<', '>', '"', '\'']))
    );
    let items: String = rooms[room]
        .iter()
        .map(|n| format!("<li>{n}</li>"))
        .collect();
    assert!(
        page.contains(&format!(
            "<li><strong>Room {}</strong> ({})<ul>{items}</ul></li>",
            room + 1,
            rooms[room].len()
        )),
        "{page}"
    );
}
