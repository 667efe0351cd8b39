//! Two seats on one session: what one does, the other sees on its next draw; what each looks
//! at and selects stays its own.

mod common;

use chrono::{DateTime, Utc};
use common::{at, ch, ctrl, day1_start, key, tot};
use convene::app::{LocalZone, Seat, Session, Step};
use convene::core::{Event, Who};
use convene::keymap::Mode;
use convene::roster::parse_roster;
use convene::view::Pane;
use crossterm::event::{KeyCode, KeyEvent};

const ROSTER: &str = "name,email,organisation,city,country,time_zone,role
Rina Kartika Sari,rina@example.org,UCLG ASPAC,Jakarta,Indonesia,Asia/Jakarta,facilitator
Sita Sharma,sita@example.org,Kathmandu Metropolitan City,Kathmandu,Nepal,Asia/Kathmandu,participant
Rajesh Kumar Iyer,rajesh@example.org,Chennai Corporation,Chennai,India,Asia/Kolkata,participant
Aisha Khan,aisha@example.org,Lahore,Lahore,Pakistan,Asia/Karachi,participant
Ana Reyes,ana@example.org,Iloilo City Government,Iloilo,Philippines,Asia/Manila,participant
Somchai Jaidee,somchai@example.org,Bangkok Metropolitan Administration,Bangkok,Thailand,Asia/Bangkok,participant
";

/// A session with a roster, and two seats: the lead in Manila, a co-facilitator in Kathmandu.
fn two_seats() -> (Session, Seat, Seat) {
    let workshop = tot();
    let mut session = Session::new(workshop.clone());
    let participants = parse_roster("seats.csv", ROSTER)
        .unwrap()
        .roster
        .participants;
    session
        .commit(
            &[Event::RosterImported {
                source: "seats.csv".into(),
                participants,
            }],
            at(-30, 0),
            &convene::core::Who::lead(),
        )
        .unwrap();
    let zone = |name: &str| LocalZone::Named(name.parse().unwrap());
    let lead = Seat::new(&workshop, day1_start(), zone("Asia/Manila"));
    let co = Seat::new(&workshop, day1_start(), zone("Asia/Kathmandu"));
    (session, lead, co)
}

/// A key at one seat: its events are committed to the session; that seat follows them, the
/// others notice them.
fn press(
    session: &mut Session,
    seats: &mut [&mut Seat],
    who: usize,
    key: &KeyEvent,
    now: DateTime<Utc>,
) -> Step {
    let step = seats[who].on_key(session, key, now);
    let by = seats[who].who.clone();
    let undone = session.commit(&step.events, now, &by).unwrap();
    for (i, seat) in seats.iter_mut().enumerate() {
        if i == who {
            seat.follow(session.state(), &step.events, undone.clone());
        } else {
            seat.notice(session.state(), &step.events);
        }
    }
    step
}

fn screen(session: &Session, seat: &Seat, now: DateTime<Utc>) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| convene::ui::draw(session, seat, now, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn what_one_seat_does_the_other_sees_and_each_keeps_its_own_view() {
    let (mut session, mut lead, mut co) = two_seats();
    let now = at(0, 0);
    let before = screen(&session, &co, now);
    assert!(!before.contains("Room 1"), "{before}");

    // The co-facilitator forms two rooms from the groups pane.
    let co_keys: Vec<KeyEvent> = [ch('3'), ch('f'), ctrl('u')]
        .into_iter()
        .chain("2 mixed".chars().map(ch))
        .chain([key(KeyCode::Enter)])
        .collect();
    for k in &co_keys {
        press(&mut session, &mut [&mut lead, &mut co], 1, k, now);
    }
    assert_eq!(session.state().current_round().unwrap().rooms.len(), 2);
    assert_eq!(co.mode, Mode::Normal, "{:?}", co.status);

    // The lead's next draw shows both rooms, with the lead still on the agenda.
    let lead_screen = screen(&session, &lead, now);
    assert!(lead_screen.contains("Room 1"), "{lead_screen}");
    assert!(lead_screen.contains("Room 2"), "{lead_screen}");
    assert_eq!(lead.focus, Pane::Agenda);
    assert_eq!(co.focus, Pane::Groups);

    // The lead moves down the agenda and starts the second block; the co-facilitator's
    // agenda selection stays where it was, and the block runs on both screens.
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        0,
        &key(KeyCode::Down),
        now,
    );
    assert_eq!(lead.agenda_selected[0], 1);
    assert_eq!(co.agenda_selected[0], 0);
    co.roster_selected = 3;
    let second = session.state().days[0].blocks[1].block.title.clone();
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        0,
        &key(KeyCode::Enter),
        now,
    );
    let running = session.state().running().unwrap().1.block.title.clone();
    assert_eq!(running, second);
    for seat in [&lead, &co] {
        let text = screen(&session, seat, at(1, 0));
        assert!(text.contains(&running), "{text}");
    }
    assert_eq!(co.roster_selected, 3);
    assert_eq!(lead.roster_selected, 0);

    assert_eq!(co.agenda_selected[0], 0);
    // A refusal is said only at the seat that asked: the co-facilitator starts the block
    // that already runs (started out of order, it now heads the day).
    assert_eq!(session.state().days[0].blocks[0].block.title, running);
    press(&mut session, &mut [&mut lead, &mut co], 1, &ch('1'), now);
    let step = press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &key(KeyCode::Enter),
        now,
    );
    assert!(step.events.is_empty());
    let refused = format!("“{running}” is already running");
    assert!(
        co.status
            .as_ref()
            .is_some_and(|s| s.is_error && s.text.contains(&refused)),
        "{:?}",
        co.status
    );
    assert!(
        lead.status.as_ref().is_none_or(|s| !s.is_error),
        "{:?}",
        lead.status
    );
}

#[test]
fn a_co_facilitator_runs_rooms_and_timers_but_not_the_agenda() {
    let (mut session, mut lead, mut co) = two_seats();
    co.role = convene::core::Role::CoFacilitator;
    co.who = Who("Hendra".into());
    let now = at(0, 0);
    // The agenda is the lead's: starting the next block is refused, and nothing changes.
    let step = press(&mut session, &mut [&mut lead, &mut co], 1, &ch('n'), now);
    assert!(step.events.is_empty());
    assert!(session.state().running().is_none());
    assert_eq!(
        co.status.as_ref().map(|s| (s.text.as_str(), s.is_error)),
        Some((
            "Not done: that is the lead's to do, and this seat is a co-facilitator",
            true
        ))
    );
    // Undo takes back only their own actions: the lead's roster import stays.
    let step = press(&mut session, &mut [&mut lead, &mut co], 1, &ch('u'), now);
    assert!(step.events.is_empty());
    assert_eq!(session.state().roster.on_file().count(), 6);
    // A stopwatch and the rooms are the co-facilitator's to run.
    let step = press(&mut session, &mut [&mut lead, &mut co], 1, &ch('w'), now);
    assert_eq!(step.events.len(), 1, "{:?}", co.status);
    assert_eq!(session.state().timers.len(), 1);
    for k in [ch('f'), ctrl('u'), ch('3'), key(KeyCode::Enter)] {
        press(&mut session, &mut [&mut lead, &mut co], 1, &k, now);
    }
    assert_eq!(session.state().current_round().unwrap().rooms.len(), 3);
    // The lead may do all of it.
    let step = press(&mut session, &mut [&mut lead, &mut co], 0, &ch('n'), now);
    assert!(!step.events.is_empty());
    assert!(session.state().running().is_some());
}

#[test]
fn each_action_is_stamped_with_who_did_it_and_a_co_facilitator_runs_only_their_own_timers() {
    let (mut session, mut lead, mut co) = two_seats();
    co.role = convene::core::Role::CoFacilitator;
    co.who = Who("Hendra Wijaya".into());
    let now = at(0, 0);
    // The lead starts a stopwatch, then the co-facilitator one of their own.
    press(&mut session, &mut [&mut lead, &mut co], 0, &ch('w'), now);
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('w'),
        at(0, 30),
    );
    let by: Vec<&Who> = session
        .state()
        .history
        .iter()
        .map(|b| &b.events[0].by)
        .collect();
    // The roster the lead's console read at the start, then the two stopwatches.
    assert_eq!(by, [&Who::lead(), &Who::lead(), &co.who]);
    let started: Vec<(&Who, _)> = session
        .state()
        .timers
        .iter()
        .map(|t| (&t.started_by, t.started_at))
        .collect();
    assert_eq!(started, [(&Who::lead(), now), (&co.who, at(0, 30))]);
    // On the timers pane the co-facilitator's new stopwatch is selected; the row above is the
    // lead's: pausing that is refused, and it keeps running.
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('2'),
        at(1, 0),
    );
    let [first, second] = [0, 1].map(|i| session.state().timers[i].id);
    assert_eq!(co.selected_timer(session.state()), Some(second));
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &key(KeyCode::Up),
        at(1, 0),
    );
    assert_eq!(co.selected_timer(session.state()), Some(first));
    let step = press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch(' '),
        at(1, 0),
    );
    assert!(step.events.is_empty());
    assert!(!session.state().timers[0].is_paused());
    assert_eq!(
        co.status.as_ref().map(|s| (s.text.as_str(), s.is_error)),
        Some((
            "Not done: “Stopwatch” is lead's timer; a co-facilitator runs the timers they started",
            true
        ))
    );
    // Their own, the next row, pauses.
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &key(KeyCode::Down),
        at(1, 0),
    );
    let step = press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch(' '),
        at(1, 0),
    );
    assert_eq!(step.events.len(), 1, "{:?}", co.status);
    assert!(session.state().timers[1].is_paused());
    assert_eq!(session.state().history.last().unwrap().events[0].by, co.who);
}

/// Each seat hears what its own keys did; a seat that may not undo is not told to.
#[test]
fn the_footer_says_what_a_seats_own_action_did_and_names_undo_only_where_it_works() {
    let (mut session, mut lead, mut co) = two_seats();
    co.role = convene::core::Role::CoFacilitator;
    let now = at(0, 0);
    // The prompt opens on its suggestion; typing replaces it.
    press(&mut session, &mut [&mut lead, &mut co], 1, &ch('f'), now);
    assert_eq!(co.input.as_ref().unwrap().text, "5 mixed");
    for k in [
        ch('2'),
        ch(' '),
        ch('m'),
        ch('i'),
        ch('x'),
        ch('e'),
        ch('d'),
    ] {
        press(&mut session, &mut [&mut lead, &mut co], 1, &k, now);
    }
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &key(KeyCode::Enter),
        now,
    );
    // Six on the roster, two rooms, for the agenda's selected block; a co-facilitator
    // undoes their own actions, so the key is named.
    let said = |seat: &Seat| seat.status.as_ref().map(|s| s.text.clone());
    assert_eq!(
        said(&co).as_deref(),
        Some("Formed 2 groups (mixed) of 6 people for “Welcome and opening” · u undoes")
    );
    assert_eq!(said(&lead), None);
    // The lead's own action names the undo key.
    press(&mut session, &mut [&mut lead, &mut co], 0, &ch('w'), now);
    assert_eq!(
        said(&lead).as_deref(),
        Some("Started “Stopwatch” · u undoes")
    );
    assert_eq!(
        said(&co).as_deref(),
        Some("Formed 2 groups (mixed) of 6 people for “Welcome and opening” · u undoes")
    );
    // An observer's seat changes nothing, and is never told to undo.
    let mut watcher = Seat::new(&tot(), now, LocalZone::System);
    watcher.role = convene::core::Role::Observer;
    watcher.who = Who("Maria".into());
    let step = watcher.on_key(&session, &ch('w'), now);
    assert!(step.events.is_empty());
    assert_eq!(
        said(&watcher).as_deref(),
        Some("Not done: this seat watches (observer); the lead or a co-facilitator can do that")
    );
}

/// With two people acting, `u` takes back the asker's own last action, not the other's; and
/// not once someone else's later action in the same part of the workshop built on it.
#[test]
fn undo_takes_back_your_own_last_action_unless_someone_built_on_it() {
    let (mut session, mut lead, mut co) = two_seats();
    co.role = convene::core::Role::CoFacilitator;
    co.who = Who("Hendra".into());
    let said = |seat: &Seat| seat.status.as_ref().map(|s| s.text.clone());
    // Hendra forms rooms; the lead then starts a stopwatch (another part: the timers).
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('f'),
        at(0, 0),
    );
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &key(KeyCode::Enter),
        at(0, 0),
    );
    assert!(session.state().current_round().is_some());
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        0,
        &ch('w'),
        at(0, 10),
    );
    // Hendra's undo takes back his rooms, not the lead's stopwatch.
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('u'),
        at(0, 20),
    );
    assert!(session.state().current_round().is_none());
    assert_eq!(session.state().timers.len(), 1);
    assert!(said(&co).unwrap().starts_with("Undid: "), "{:?}", said(&co));
    // Hendra forms rooms again, and the lead moves someone in them: Hendra's rooms are now
    // built on, so his undo is refused and names what was done since, and by whom.
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('f'),
        at(1, 0),
    );
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &key(KeyCode::Enter),
        at(1, 0),
    );
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        0,
        &ch('3'),
        at(1, 10),
    );
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        0,
        &ch('m'),
        at(1, 10),
    );
    let moves = session.state().history.len();
    let step = press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('u'),
        at(1, 20),
    );
    assert!(step.events.is_empty());
    assert_eq!(session.state().history.len(), moves);
    let refusal = said(&co).unwrap();
    assert!(
        refusal.starts_with("Not undone: lead has since moved ")
            && refusal.ends_with(
                " to Room 2, which builds on your last action; that needs undoing first"
            ),
        "{refusal}"
    );
    // The lead takes back the move; then Hendra's undo works again.
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        0,
        &ch('u'),
        at(1, 30),
    );
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('u'),
        at(1, 40),
    );
    assert!(session.state().current_round().is_none());
    // With nothing of his own left, Hendra is told so, and the lead's stopwatch stays.
    press(
        &mut session,
        &mut [&mut lead, &mut co],
        1,
        &ch('u'),
        at(1, 50),
    );
    assert_eq!(said(&co).as_deref(), Some("Nothing of yours to undo"));
    assert_eq!(session.state().timers.len(), 1);
}

/// Each seat's footer offers the keys its person's role may use: the lead all, a
/// co-facilitator no agenda keys, an observer only looking, reading and copying.
#[test]
fn the_footer_offers_only_what_the_seats_role_may_do() {
    let (session, lead, mut co) = two_seats();
    co.role = convene::core::Role::CoFacilitator;
    let mut watcher = co.clone();
    watcher.role = convene::core::Role::Observer;
    let footer = |seat: &Seat| {
        let screen = screen(&session, seat, at(0, 0));
        let lines: Vec<&str> = screen.lines().collect();
        lines[lines.len() - 2..].join("\n")
    };
    let (lead, co, watcher) = (footer(&lead), footer(&co), footer(&watcher));
    for offered in [
        "Enter start",
        "n next",
        "p replan",
        "u undo",
        "f groups",
        "? help",
    ] {
        assert!(lead.contains(offered), "lead: {offered}\n{lead}");
    }
    for offered in ["u undo", "f groups", "t timer", "? help", "q quit"] {
        assert!(co.contains(offered), "co-facilitator: {offered}\n{co}");
    }
    for hidden in ["Enter start", "n next", "p replan", "c cue"] {
        assert!(!co.contains(hidden), "co-facilitator: {hidden}\n{co}");
    }
    for offered in ["b big", "Tab pane", "? help", "q quit"] {
        assert!(watcher.contains(offered), "observer: {offered}\n{watcher}");
    }
    for hidden in ["n next", "u undo", "f groups", "t timer", "+- 1 min"] {
        assert!(!watcher.contains(hidden), "observer: {hidden}\n{watcher}");
    }
}
