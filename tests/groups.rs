//! Breakout groups in the console: forming a round, adjusting it live, exporting it for Zoom.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use convene::app::{App, Effect};
use convene::core::{Event, PersonKey, RoomIx};
use convene::export::{Member, Room, zoom_csv};
use convene::keymap::Mode;
use convene::roster::{Participant, Role, parse_roster};
use crossterm::event::KeyCode;

/// Twelve people with names in many scripts, from six countries, one facilitator.
const ROSTER: &str = "name,email,organisation,city,country,time_zone,role
Rina Kartika Sari,rina@example.org,UCLG ASPAC,Jakarta,Indonesia,Asia/Jakarta,facilitator
王小明,wang@example.org,City A,Makassar,Indonesia,Asia/Makassar,participant
김민지,kim@example.org,City B,Manila,Philippines,Asia/Manila,participant
สมชาย ใจดี,somchai@example.org,Bangkok Metropolitan Administration,Bangkok,Thailand,Asia/Bangkok,participant
นภา ศรีสุข,napa@example.org,Chiang Mai Municipality,Chiang Mai,Thailand,Asia/Bangkok,participant
सीता शर्मा,sita@example.org,Kathmandu Metropolitan City,Kathmandu,Nepal,Asia/Kathmandu,participant
अनीता देशपांडे,anita@example.org,Pune Municipal Corporation,Pune,India,Asia/Kolkata,participant
Rajesh Kumar Iyer,rajesh@example.org,Chennai Corporation,Chennai,India,Asia/Kolkata,participant
عائشہ خان,aisha@example.org,Lahore,Lahore,Pakistan,Asia/Karachi,participant
Bilal Ahmed,bilal@example.org,Karachi,Karachi,Pakistan,Asia/Karachi,participant
José Miguel Dela Peña,,Iloilo City Government,Iloilo,Philippines,Asia/Manila,participant
Ana Reyes,ana@example.org,Iloilo City Government,Iloilo,Philippines,Asia/Manila,participant
";

fn people() -> Vec<Participant> {
    let import = parse_roster("test.csv", ROSTER).unwrap();
    assert!(import.refused.is_empty(), "{:?}", import.refused);
    import.roster.participants
}

fn app_with_roster() -> App {
    let mut app = app();
    app.apply(
        &[Event::RosterImported {
            source: "test.csv".into(),
            participants: people(),
        }],
        at(-30, 0),
    );
    app
}

fn formed(app: &mut App, spec: &str) {
    app.press(&ch('f'), at(0, 0));
    assert_eq!(app.seat.mode, Mode::Input);
    type_line(app, spec, at(0, 0));
    assert_eq!(app.seat.mode, Mode::Normal, "{:?}", app.seat.status);
}

fn screen(app: &App, now: DateTime<Utc>) -> String {
    screen_at(app, now, 120, 40)
}

#[test]
fn f_forms_a_round_from_those_present() {
    let mut app = app_with_roster();
    formed(&mut app, "3 mixed");
    let round = app.state().current_round().unwrap();
    assert_eq!(round.rooms.len(), 3);
    assert_eq!(round.strategy, convene::core::Strategy::Mixed);
    let sizes: Vec<usize> = round.rooms.iter().map(|r| r.members.len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 12);
    assert!(sizes.iter().all(|s| *s == 4), "{sizes:?}");
    // No room is a single country.
    for room in &round.rooms {
        let countries: std::collections::HashSet<_> = room
            .members
            .iter()
            .map(|k| app.state().person(k).unwrap().country.clone())
            .collect();
        assert!(countries.len() > 1, "{room:?}");
    }
}

#[test]
fn a_badly_typed_round_keeps_the_line_and_explains() {
    let mut app = app_with_roster();
    app.press(&ch('f'), at(0, 0));
    type_line(&mut app, "lots of groups", at(0, 0));
    assert_eq!(app.seat.mode, Mode::Input);
    assert!(app.seat.status.as_ref().unwrap().is_error);
    app.press(&key(KeyCode::Esc), at(0, 0));
    assert!(app.state().current_round().is_none());
}

#[test]
fn absent_people_are_left_out_and_late_joiners_go_to_the_smallest_room() {
    let mut app = app_with_roster();
    app.press(&ch('3'), at(0, 0));
    // Mark the second person on the roster absent, then form four rooms of the eleven.
    app.press(&key(KeyCode::Down), at(0, 0));
    let away = app.selected_person().unwrap();
    app.press(&ch('a'), at(0, 0));
    formed(&mut app, "4 mixed");
    let round = app.state().current_round().unwrap();
    assert!(round.room_of(&away).is_none());
    let total: usize = round.rooms.iter().map(|r| r.members.len()).sum();
    assert_eq!(total, 11);
    // They arrive late: select them (listed after the rooms) and place them.
    let list = app.people_in_order();
    let position = list.iter().position(|k| *k == away).unwrap();
    app.seat.roster_selected = position;
    app.press(&ch('L'), at(5, 0));
    let round = app.state().current_round().unwrap();
    let room = round.room_of(&away).unwrap();
    assert_eq!(round.room(room).unwrap().members.len(), 3);
    assert!(!app.state().absences.is_absent(0, &away));
}

#[test]
fn people_move_swap_report_back_and_rooms_are_renamed() {
    let mut app = app_with_roster();
    formed(&mut app, "3 mixed");
    app.press(&ch('3'), at(0, 0));
    let first = app.selected_person().unwrap();
    let from = app
        .state()
        .current_round()
        .unwrap()
        .room_of(&first)
        .unwrap();
    app.press(&ch('m'), at(1, 0));
    assert_eq!(
        app.state().current_round().unwrap().room_of(&first),
        Some(RoomIx((from.0 + 1) % 3))
    );
    app.press(&ch('M'), at(1, 0));
    assert_eq!(
        app.state().current_round().unwrap().room_of(&first),
        Some(from)
    );

    // Swap the first person with the last one listed in the last room.
    app.press(&ch('S'), at(2, 0));
    app.press(&key(KeyCode::End), at(2, 0));
    let other = app.selected_person().unwrap();
    let other_room = app
        .state()
        .current_round()
        .unwrap()
        .room_of(&other)
        .unwrap();
    app.press(&ch('S'), at(2, 0));
    let round = app.state().current_round().unwrap();
    assert_eq!(round.room_of(&first), Some(other_room));
    assert_eq!(round.room_of(&other), Some(from));

    // The selected person reports back for their room; the room gets a name.
    app.press(&ch('r'), at(3, 0));
    let room = app
        .state()
        .current_round()
        .unwrap()
        .room_of(&other)
        .unwrap();
    assert_eq!(
        app.state()
            .current_round()
            .unwrap()
            .room(room)
            .unwrap()
            .rapporteur
            .as_ref(),
        Some(&other)
    );
    app.press(&ch('N'), at(3, 0));
    type_line(&mut app, "Bicycle A", at(3, 0));
    assert_eq!(
        app.state()
            .current_round()
            .unwrap()
            .room(room)
            .unwrap()
            .name,
        "Bicycle A"
    );
    // Every change is an event: undo takes the rename back.
    app.press(&ch('u'), at(4, 0));
    assert_eq!(
        app.state()
            .current_round()
            .unwrap()
            .room(room)
            .unwrap()
            .name,
        format!("Room {}", room.number())
    );
}

#[test]
fn clearing_the_groups_asks_first_and_keep_brings_them_back() {
    let mut app = app_with_roster();
    formed(&mut app, "3 mixed");
    let rooms = app.state().current_round().unwrap().rooms.clone();
    app.press(&ch('X'), at(1, 0));
    assert_eq!(app.seat.mode, Mode::Confirm);
    app.press(&ch('y'), at(1, 0));
    assert!(app.state().current_round().is_none());
    formed(&mut app, "keep");
    assert_eq!(app.state().current_round().unwrap().rooms, rooms);
}

/// Every pair of people who share a room.
fn pairs_of(rooms: &[convene::core::Room]) -> std::collections::HashSet<(PersonKey, PersonKey)> {
    rooms
        .iter()
        .flat_map(|r| {
            r.members.iter().flat_map(move |a| {
                r.members
                    .iter()
                    .filter(move |b| a < *b)
                    .map(move |b| (a.clone(), b.clone()))
            })
        })
        .collect()
}

/// Forms a first round of `3 mixed`, then a second one as `spec`, both at `now`; returns how
/// many pairs of the first round meet again in the second.
fn repeats_after_a_first_round(spec: &str, now: DateTime<Utc>) -> usize {
    let mut app = app_with_roster();
    for text in ["3 mixed", spec] {
        app.press(&ch('f'), now);
        type_line(&mut app, text, now);
        assert_eq!(app.seat.mode, Mode::Normal, "{:?}", app.seat.status);
    }
    let [first, second] = &app.state().rounds[..] else {
        panic!("{:?}", app.state().rounds)
    };
    assert_eq!(first.rooms.len(), 3);
    assert_eq!(second.rooms.len(), 3);
    assert!(
        second.rooms.iter().all(|r| r.members.len() == 4),
        "{:?}",
        second.rooms
    );
    pairs_of(&first.rooms)
        .intersection(&pairs_of(&second.rooms))
        .count()
}

#[test]
fn fresh_rounds_repeat_the_fewest_pairs_there_can_be() {
    // Twelve people in three rooms of four, twice. Each first-round room of four has to spread
    // over three rooms, so two of its four meet again: at least one pair per room, three in
    // all, and three is reachable (each new room takes one person from each old room, plus one
    // old pair). Fresh rounds reach exactly that minimum, whatever the seed.
    let mut random_total = 0;
    let seeds = 30;
    for k in 0..seeds {
        let now = at(k, 0);
        let fresh = repeats_after_a_first_round("3 fresh", now);
        assert_eq!(fresh, 3, "at minute {k}: {fresh} pairs repeated");
        random_total += repeats_after_a_first_round("3 random", now);
    }
    // Random rooms repeat more: each of the 18 earlier pairs meets again with probability 3/11
    // (the 3 other places in one's room of the 11), 18 * 3/11 = 4.9 pairs on average.
    let random_average = random_total as f64 / seeds as f64;
    assert!(
        random_average > 4.0,
        "random rooms repeated {random_average:.2} pairs on average"
    );
}

#[test]
fn y_copies_the_groups_and_e_writes_the_zoom_file() {
    let mut app = app_with_roster();
    formed(&mut app, "3 mixed");
    let step = app.press(&ch('y'), at(1, 0));
    let [Effect::Copy(text)] = step.effects.as_slice() else {
        panic!("{:?}", step.effects)
    };
    // Each room's name and size, then one person to a line.
    assert!(text.starts_with("Room 1 ("), "{text}");
    let round = app.state().current_round().unwrap();
    let placed: usize = round.rooms.iter().map(|r| r.members.len()).sum();
    assert_eq!(text.lines().filter(|l| l.starts_with("- ")).count(), placed);
    assert_eq!(text.lines().filter(|l| l.starts_with("Room ")).count(), 3);
    let step = app.press(&ch('e'), at(1, 0));
    let [Effect::WriteFile { path, contents }] = step.effects.as_slice() else {
        panic!("{:?}", step.effects)
    };
    // Where convene was started, by its full path.
    let full = std::env::current_dir()
        .unwrap()
        .join("rooms-day1-round1.csv");
    assert_eq!(path, &full.display().to_string());
    let status = app.seat.status.as_ref().unwrap();
    assert!(
        status
            .text
            .starts_with(&format!("Wrote {} for Zoom", full.display())),
        "{}",
        status.text
    );
    assert!(contents.starts_with("Pre-assign Room Name,Email Address\r\n"));
    assert_eq!(contents.lines().count(), 12);
    // José has no email: the footer says to move him by hand.
    let status = app.seat.status.as_ref().unwrap();
    assert!(
        status.text.contains("move by hand: José Miguel Dela Peña"),
        "{}",
        status.text
    );
}

#[test]
fn the_groups_pane_with_names_in_many_scripts() {
    let mut app = app_with_roster();
    formed(&mut app, "3 mixed");
    app.press(&ch('3'), at(0, 0));
    app.press(&ch('r'), at(0, 0));
    let text = screen(&app, at(0, 0));
    assert!(text.contains("Room 1 (4)"), "{text}");
    // The round's repeat meetings against their lower bound and random assignment's, on two
    // lines in this pane: a first round has no earlier meetings to repeat.
    assert!(text.contains("repeat meetings this round 0"), "{text}");
    assert!(
        text.contains("(lower bound 0; random would give 0)"),
        "{text}"
    );
    // 12 people in three rooms of 4, more than the pane has lines for: those left out are
    // counted below the list, and a room cut short says how many of its people do not show.
    let buffer = draw(&app, at(0, 0), 120, 40);
    let pane = area_text(&buffer, pane_area(&buffer, "3 Breakout groups"));
    let round = app.state().current_round().unwrap().clone();
    let name = |k: &convene::core::PersonKey| app.state().person(k).unwrap().name.clone();
    // Cells read one by one: a wide character's second cell reads as a space.
    let packed = pane.replace(' ', "");
    let shown_in = |room: &convene::core::Room| {
        room.members
            .iter()
            .filter(|k| packed.contains(&name(k).replace(' ', "")))
            .count()
    };
    let shown: usize = round.rooms.iter().map(shown_in).sum();
    assert!(shown < 12, "{pane}");
    assert!(pane.contains(&format!("… {} more", 12 - shown)), "{pane}");
    for room in &round.rooms {
        let heading = match shown_in(room) {
            4 => format!("{} (4)", room.name),
            n => format!("{} (4, {} not shown)", room.name, 4 - n),
        };
        // A room whose heading is below the list is counted in the line of those left out.
        if shown_in(room) > 0 || pane.contains(&format!("{} (", room.name)) {
            assert!(pane.contains(&heading), "{heading}: {pane}");
        }
    }
    insta::assert_snapshot!(text);
}

fn member(name: &str, email: Option<&str>) -> Member {
    Member {
        name: name.into(),
        email: email.map(str::to_string),
        country: None,
        rapporteur: false,
    }
}

#[test]
fn the_zoom_csv_byte_for_byte() {
    let rooms = vec![
        Room {
            name: "Room 1".into(),
            members: vec![
                member("Rina", Some("rina@example.org")),
                member("王小明", Some("wang@example.org")),
            ],
        },
        Room {
            name: "Bicycle, team B".into(),
            members: vec![
                member("สมชาย ใจดี", Some("somchai@example.org")),
                member("José", None),
            ],
        },
    ];
    let export = zoom_csv(&rooms).unwrap();
    assert_eq!(
        export.csv,
        "Pre-assign Room Name,Email Address\r\nRoom 1,rina@example.org\r\nRoom 1,wang@example.org\r\n\"Bicycle, team B\",somchai@example.org\r\n"
    );
    assert_eq!(export.by_hand.len(), 1);
    assert_eq!(export.by_hand[0].name, "José");
    assert_eq!(export.by_hand[0].room, "Bicycle, team B");
}

#[test]
fn the_zoom_csv_refuses_beyond_zooms_limits() {
    let rooms: Vec<Room> = (0..101)
        .map(|i| Room {
            name: format!("Room {i}"),
            members: vec![member("A", Some("a@example.org"))],
        })
        .collect();
    let err = zoom_csv(&rooms).unwrap_err();
    assert!(err.0.contains("at most 100 rooms"), "{err}");
    let crowd = vec![Room {
        name: "Everyone".into(),
        members: (0..1001)
            .map(|i| member("P", Some(&format!("p{i}@example.org"))))
            .collect(),
    }];
    assert!(
        zoom_csv(&crowd)
            .unwrap_err()
            .0
            .contains("at most 1000 people")
    );
    let long = vec![Room {
        name: "A very long room name for the bicycle exercise".into(),
        members: vec![member("A", Some("a@example.org"))],
    }];
    assert_eq!(zoom_csv(&long).unwrap().warnings.len(), 1);
    let twins = vec![
        Room {
            name: "Room".into(),
            members: vec![],
        },
        Room {
            name: "Room".into(),
            members: vec![],
        },
    ];
    assert!(zoom_csv(&twins).is_err());
}

#[test]
fn roles_other_than_participant_are_kept() {
    assert!(people().iter().any(|p| p.role == Role::Facilitator));
}

#[test]
fn pairs_kept_together_or_apart_hold_in_the_next_rounds() {
    let mut app = app_with_roster();
    app.press(&ch('3'), at(0, 0));
    // The first two on the roster together, the third and fourth apart.
    let list = app.people_in_order();
    let (a, b, c, d) = (
        list[0].clone(),
        list[1].clone(),
        list[2].clone(),
        list[3].clone(),
    );
    app.press(&ch('T'), at(0, 0));
    app.press(&key(KeyCode::Down), at(0, 0));
    app.press(&ch('T'), at(0, 0));
    app.press(&key(KeyCode::Down), at(0, 0));
    app.press(&ch('A'), at(0, 0));
    app.press(&key(KeyCode::Down), at(0, 0));
    app.press(&ch('A'), at(0, 0));
    assert_eq!(app.state().pairs.len(), 2);
    assert!(screen(&app, at(0, 0)).contains("1 pair(s) kept together, 1 apart"));
    for spec in ["3 mixed", "3 fresh", "3 random", "size 4 mixed"] {
        formed(&mut app, spec);
        let round = app.state().current_round().unwrap();
        assert_eq!(round.room_of(&a), round.room_of(&b), "{spec}");
        assert_ne!(round.room_of(&c), round.room_of(&d), "{spec}");
    }
    // The same rule again releases the pair.
    app.seat.roster_selected = app.people_in_order().iter().position(|k| *k == a).unwrap();
    app.press(&ch('T'), at(1, 0));
    app.seat.roster_selected = app.people_in_order().iter().position(|k| *k == b).unwrap();
    app.press(&ch('T'), at(1, 0));
    assert_eq!(app.state().pairs.len(), 1);
}

/// The console with `text` as its roster.
fn app_with(text: &str) -> App {
    let import = parse_roster("roster.csv", text).unwrap();
    assert!(import.refused.is_empty(), "{:?}", import.refused);
    let mut app = app();
    app.apply(
        &[Event::RosterImported {
            source: "roster.csv".into(),
            participants: import.roster.participants,
        }],
        at(-30, 0),
    );
    app
}

#[test]
fn observers_are_left_out_of_the_rooms() {
    let observers =
        "Olivia Watcher,olivia@example.org,UCLG World,Barcelona,Spain,Europe/Madrid,observer
Oscar Looker,,Donor Agency,Manila,Philippines,Asia/Manila,observer
";
    let mut app = app_with(&format!("{ROSTER}{observers}"));
    assert_eq!(app.state().roster.participants.len(), 14);
    for (minute, spec) in [(0, "3 mixed"), (1, "3 random"), (2, "size 4 fresh")] {
        app.press(&ch('f'), at(minute, 0));
        type_line(&mut app, spec, at(minute, 0));
        assert_eq!(app.seat.mode, Mode::Normal, "{:?}", app.seat.status);
        let round = app.state().current_round().unwrap();
        for p in &app.state().roster.participants {
            let rooms = round
                .rooms
                .iter()
                .filter(|r| r.members.contains(&p.key()))
                .count();
            let expected = usize::from(p.role != Role::Observer);
            assert_eq!(rooms, expected, "{spec}: {} in {rooms} rooms", p.name);
        }
        // The twelve others, in three rooms of four.
        let sizes: Vec<usize> = round.rooms.iter().map(|r| r.members.len()).collect();
        assert_eq!(sizes, [4, 4, 4], "{spec}");
    }
}

#[test]
fn facilitators_and_co_facilitators_are_spread_one_per_room() {
    let sample = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/roster-sample.csv"),
    )
    .unwrap();
    // The sample has one facilitator and two co-facilitators among 33 people.
    let leads: Vec<PersonKey> = parse_roster("roster.csv", &sample)
        .unwrap()
        .roster
        .participants
        .iter()
        .filter(|p| matches!(p.role, Role::Facilitator | Role::CoFacilitator))
        .map(|p| p.key())
        .collect();
    assert_eq!(leads.len(), 3);
    let mut app = app_with(&sample);
    let specs = [
        "3 random",
        "3 mixed",
        "3 fresh",
        "size 11 random",
        "5 random",
        "5 mixed",
    ];
    for (minute, spec) in specs.iter().enumerate() {
        let now = at(minute as i64, 0);
        app.press(&ch('f'), now);
        type_line(&mut app, spec, now);
        assert_eq!(app.seat.mode, Mode::Normal, "{:?}", app.seat.status);
        let round = app.state().current_round().unwrap();
        let per_room: Vec<usize> = round
            .rooms
            .iter()
            .map(|r| r.members.iter().filter(|m| leads.contains(m)).count())
            .collect();
        // Three leads: one in each of three rooms; with five rooms, two have none.
        assert!(per_room.iter().all(|n| *n <= 1), "{spec}: {per_room:?}");
        assert_eq!(per_room.iter().sum::<usize>(), 3, "{spec}: {per_room:?}");
    }
}

#[test]
fn keep_brings_back_each_room_with_its_name_after_people_moved() {
    let mut app = app_with_roster();
    formed(&mut app, "3 mixed");
    app.press(&ch('3'), at(0, 0));
    // The first person listed (in Room 1) moves on to Room 2; Room 2 is renamed.
    let first = app.selected_person().unwrap();
    assert_eq!(
        app.state().current_round().unwrap().room_of(&first),
        Some(RoomIx(0))
    );
    app.press(&ch('m'), at(1, 0));
    assert_eq!(
        app.state().current_round().unwrap().room_of(&first),
        Some(RoomIx(1))
    );
    app.press(&ch('N'), at(1, 0));
    type_line(&mut app, "Bicycle A", at(1, 0));
    let before = app.state().current_round().unwrap().rooms.clone();
    assert_eq!(before[1].name, "Bicycle A");
    formed(&mut app, "keep");
    let after = &app.state().current_round().unwrap().rooms;
    let as_sets =
        |rooms: &[convene::core::Room]| -> Vec<(String, std::collections::BTreeSet<PersonKey>)> {
            rooms
                .iter()
                .map(|r| (r.name.clone(), r.members.iter().cloned().collect()))
                .collect()
        };
    assert_eq!(as_sets(after), as_sets(&before));
}

/// The roster file read again without two people who sit in rooms: one known by email
/// (Rajesh), one by name only (José).
fn without_rajesh_and_jose() -> Vec<Participant> {
    people()
        .into_iter()
        .filter(|p| p.name != "Rajesh Kumar Iyer" && p.name != "José Miguel Dela Peña")
        .collect()
}

/// The groups pane's text on a screen tall enough to show every room.
fn groups_pane(app: &App, now: DateTime<Utc>) -> String {
    let buffer = draw(app, now, 200, 80);
    area_text(&buffer, pane_area(&buffer, "3 Breakout groups"))
}

#[test]
fn people_a_new_roster_file_lacks_keep_their_names_and_rooms_and_are_listed_apart() {
    let mut app = app_with_roster();
    formed(&mut app, "3 mixed");
    let rajesh = PersonKey::Email("rajesh@example.org".into());
    let jose = people()
        .iter()
        .find(|p| p.name == "José Miguel Dela Peña")
        .unwrap()
        .key();
    let room_of = |app: &App, key: &PersonKey| {
        app.state()
            .current_round()
            .unwrap()
            .rooms
            .iter()
            .position(|r| r.members.contains(key))
    };
    let (rajesh_room, jose_room) = (room_of(&app, &rajesh), room_of(&app, &jose));
    assert!(rajesh_room.is_some() && jose_room.is_some());

    app.apply(
        &[Event::RosterImported {
            source: "smaller.csv".into(),
            participants: without_rajesh_and_jose(),
        }],
        at(2, 0),
    );
    // Still known, by the records the session had, marked as not on the file; in the rooms
    // they were in.
    let state = app.state();
    let kept: Vec<&str> = state.roster.off_file().map(|p| p.name.as_str()).collect();
    assert_eq!(kept, ["Rajesh Kumar Iyer", "José Miguel Dela Peña"]);
    assert_eq!(state.roster.on_file().count(), 10);
    assert_eq!(
        state.person(&rajesh).map(|p| p.country.as_deref()),
        Some(Some("India"))
    );
    assert_eq!(room_of(&app, &rajesh), rajesh_room);
    assert_eq!(room_of(&app, &jose), jose_room);
    // The pane names them, as not on the file, and never by their key.
    let pane = groups_pane(&app, at(2, 0));
    assert!(pane.contains("2 not on the roster file"), "{pane}");
    for name in ["Rajesh Kumar Iyer", "José Miguel Dela Peña"] {
        let row = pane
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} is not in the pane:\n{pane}"));
        assert!(row.contains("not on file"), "{row}");
    }
    assert!(!pane.contains("rajesh@example.org"), "{pane}");
    assert!(!pane.contains(&jose.to_string()), "{pane}");

    // A new round is formed from the roster file: they are left out, and listed apart.
    formed(&mut app, "3 mixed");
    assert_eq!(room_of(&app, &rajesh), None);
    assert_eq!(room_of(&app, &jose), None);
    let pane = groups_pane(&app, at(3, 0));
    let lines: Vec<&str> = pane.lines().map(|l| l.trim_matches('│').trim()).collect();
    let heading = lines
        .iter()
        .position(|l| *l == "Not on the roster file (2)")
        .unwrap_or_else(|| panic!("no heading for them:\n{pane}"));
    assert!(lines[heading + 1].contains("Rajesh Kumar Iyer"), "{pane}");
    assert!(
        lines[heading + 2].contains("José Miguel Dela Peña"),
        "{pane}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("Not in a room")),
        "{pane}"
    );

    // Without groups: the file's people, then the two under their own heading.
    app.press(&ch('X'), at(4, 0));
    app.press(&ch('y'), at(4, 0));
    assert!(app.state().current_round().is_none());
    let pane = groups_pane(&app, at(4, 0));
    assert!(
        pane.contains("9 participants · 1 facilitators · 2 not on the roster file"),
        "{pane}"
    );
    let lines: Vec<&str> = pane.lines().map(|l| l.trim_matches('│').trim()).collect();
    let heading = lines
        .iter()
        .position(|l| *l == "Not on the roster file (2)")
        .unwrap_or_else(|| panic!("no heading for them:\n{pane}"));
    assert!(lines[heading - 1].starts_with("Ana Reyes"), "{pane}");
    assert!(
        lines[heading + 1].starts_with("Rajesh Kumar Iyer"),
        "{pane}"
    );
    assert!(
        lines[heading + 2].starts_with("José Miguel Dela Peña"),
        "{pane}"
    );

    // Read again with them: they are on the file again, in its order.
    app.apply(
        &[Event::RosterImported {
            source: "test.csv".into(),
            participants: people(),
        }],
        at(5, 0),
    );
    assert_eq!(app.state().roster.off_file().count(), 0);
    assert_eq!(app.state().roster.participants, people());
}

/// Rooms formed by hand on day 1 at 13:00, each named with its members' e-mails.
fn rooms_by_hand(app: &mut App, rooms: &[(&str, &[&str])]) {
    let rooms = rooms
        .iter()
        .map(|(name, emails)| convene::core::Room {
            name: (*name).into(),
            members: emails.iter().map(|e| PersonKey::from(*e)).collect(),
            rapporteur: None,
        })
        .collect();
    app.apply(
        &[Event::GroupsFormed {
            day: 0,
            label: "Rooms".into(),
            strategy: convene::core::Strategy::Mixed,
            seed: 1,
            rooms,
            quality: None,
        }],
        at(0, 0),
    );
}

#[test]
fn a_late_facilitator_goes_to_a_room_without_one() {
    // Rina is the facilitator; Budi, late, a co-facilitator. Three rooms: Rina's is the
    // smallest (2), Room 2 has three participants and no facilitator, Room 3 four.
    let late =
        "Budi Santoso,budi@example.org,UCLG ASPAC,Jakarta,Indonesia,Asia/Jakarta,co-facilitator\n";
    let mut app = app_with(&format!("{ROSTER}{late}"));
    let key = |email: &str| PersonKey::from(email);
    rooms_by_hand(
        &mut app,
        &[
            ("Room 1", &["rina@example.org", "wang@example.org"]),
            (
                "Room 2",
                &["kim@example.org", "somchai@example.org", "napa@example.org"],
            ),
            (
                "Room 3",
                &[
                    "sita@example.org",
                    "anita@example.org",
                    "rajesh@example.org",
                    "aisha@example.org",
                ],
            ),
        ],
    );
    app.press(&ch('3'), at(0, 0));
    let select = |app: &mut App, email: &str| {
        let position = app
            .people_in_order()
            .iter()
            .position(|k| *k == key(email))
            .unwrap();
        app.seat.roster_selected = position;
    };
    // The co-facilitator: Room 2, the one room without a facilitator, not the smallest room.
    select(&mut app, "budi@example.org");
    app.press(&ch('L'), at(5, 0));
    let round = app.state().current_round().unwrap();
    assert_eq!(round.room_of(&key("budi@example.org")), Some(RoomIx(1)));
    // A participant: the smallest room, Room 1 (2 people).
    select(&mut app, "bilal@example.org");
    app.press(&ch('L'), at(6, 0));
    let round = app.state().current_round().unwrap();
    assert_eq!(round.room_of(&key("bilal@example.org")), Some(RoomIx(0)));
}

#[test]
fn a_late_facilitator_goes_to_the_smallest_room_when_every_room_has_one() {
    let late = "Budi Santoso,budi@example.org,UCLG ASPAC,Jakarta,Indonesia,Asia/Jakarta,facilitator\n\
                Dewi Lestari,dewi@example.org,UCLG ASPAC,Jakarta,Indonesia,Asia/Jakarta,co-facilitator\n";
    let mut app = app_with(&format!("{ROSTER}{late}"));
    let key = |email: &str| PersonKey::from(email);
    rooms_by_hand(
        &mut app,
        &[
            (
                "Room 1",
                &["rina@example.org", "wang@example.org", "kim@example.org"],
            ),
            ("Room 2", &["budi@example.org", "somchai@example.org"]),
        ],
    );
    app.press(&ch('3'), at(0, 0));
    let position = app
        .people_in_order()
        .iter()
        .position(|k| *k == key("dewi@example.org"))
        .unwrap();
    app.seat.roster_selected = position;
    app.press(&ch('L'), at(5, 0));
    let round = app.state().current_round().unwrap();
    assert_eq!(round.room_of(&key("dewi@example.org")), Some(RoomIx(1)));
}
