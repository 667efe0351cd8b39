//! A programme edited mid-workshop: the `programme_revised` event rebuilds the days not yet
//! run from the file's programme, with fresh block ids, and leaves the days that ran as they
//! ran; a replay of the journal's bytes gives the same session.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use convene::core::{BlockId, Event, Stamped, State, Who, describe, revision};
use convene::journal;
use convene::programme::Programme;

use common::{apply_at, at, tot};

/// The events of one action, with when it was taken.
type Batches = Vec<(Vec<Event>, DateTime<Utc>)>;

/// Day 1 of the ToT with its first block run and the second running.
fn day1_under_way() -> (State, Batches) {
    let mut state = State::new(tot());
    let first = state.days[0].blocks[0].id;
    let second = state.days[0].blocks[1].id;
    let batches = vec![
        (vec![Event::BlockStarted { block: first }], at(0, 0)),
        (
            vec![
                Event::BlockFinished { block: first },
                Event::BlockStarted { block: second },
            ],
            at(10, 0),
        ),
    ];
    for (events, when) in &batches {
        apply_at(&mut state, events, *when);
    }
    (state, batches)
}

/// The ToT programme as edited in the evening of day 1: day 2's first block renamed, a block
/// added to day 3, the workshop's title spelt otherwise, and day 1 edited too.
fn edited() -> Programme {
    let mut p = tot().programme.clone();
    p.title = format!("{} (revised)", p.title);
    p.days[0].blocks[0].title = "Opening".into();
    p.days[1].blocks[0].title = "Welcome back and recap of day 1".into();
    let mut extra = p.days[2].blocks[0].clone();
    extra.title = "Energiser: one word".into();
    extra.minutes = 5;
    p.days[2].blocks.insert(1, extra);
    p
}

/// The event that takes `programme` for the days of day 1 under way not yet run: days 2
/// and 3.
fn revise(programme: &Programme) -> Event {
    let event = revision::revise(&day1_under_way().0, programme);
    assert_eq!(
        event,
        Event::ProgrammeRevised {
            programme: Box::new(programme.clone()),
            ran: vec![0],
        }
    );
    event
}

#[test]
fn the_days_not_yet_run_are_rebuilt_from_the_new_programme() {
    let (mut state, _) = day1_under_way();
    let before = state.clone();
    let last_id = before
        .days
        .iter()
        .flat_map(|d| &d.blocks)
        .map(|b| b.id)
        .max()
        .unwrap();
    let new = edited();
    apply_at(&mut state, &[revise(&new)], at(20, 0));

    // Day 1 ran: its blocks, ids and times are as they were, and so is its programme.
    assert_eq!(state.days[0], before.days[0]);
    assert_eq!(
        state.workshop.programme.days[0],
        before.workshop.programme.days[0]
    );
    assert_eq!(
        state.workshop.day(0).unwrap().blocks[0].title,
        "Welcome and opening"
    );
    // Days 2 and 3 are the new programme's, every block with an id never used before.
    for d in 1..3 {
        let titles: Vec<&str> = state.days[d]
            .blocks
            .iter()
            .map(|b| b.block.title.as_str())
            .collect();
        let expected: Vec<&str> = new.days[d]
            .blocks
            .iter()
            .map(|b| b.title.as_str())
            .collect();
        assert_eq!(titles, expected, "day {}", d + 1);
        assert!(state.days[d].blocks.iter().all(|b| b.id > last_id));
    }
    assert_eq!(
        state.days[1].blocks[0].block.title,
        "Welcome back and recap of day 1"
    );
    assert_eq!(state.days[2].blocks.len(), before.days[2].blocks.len() + 1);
    // Ids are all different, and the next block inserted gets another still.
    let mut ids: Vec<BlockId> = state
        .days
        .iter()
        .flat_map(|d| &d.blocks)
        .map(|b| b.id)
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count);
    assert!(state.next_block_id() > *ids.last().unwrap());
    // The planned starts of day 3 follow the new blocks: the energiser's 5 minutes move the
    // block after it 5 minutes later than it was planned.
    let old3 = &before.days[2].blocks;
    let new3 = &state.days[2].blocks;
    assert_eq!(new3[0].planned_start, old3[0].planned_start);
    assert_eq!(
        new3[2].planned_start,
        old3[1]
            .planned_start
            .map(|s| s + chrono::Duration::minutes(5))
    );
    // The workshop's other facts come from the new programme; the running block still runs.
    assert!(state.workshop.programme.title.ends_with("(revised)"));
    assert_eq!(
        state.running().map(|(d, b)| (d, b.id)),
        before.running().map(|(d, b)| (d, b.id))
    );
}

#[test]
fn the_revision_replays_from_the_journals_bytes_to_the_same_session() {
    let (mut state, batches) = day1_under_way();
    let workshop = tot();
    let revised_at = at(20, 0);
    apply_at(&mut state, &[revise(&edited())], revised_at);
    // A block of day 2 started after the revision, by its fresh id.
    let day2_first = state.days[1].blocks[0].id;
    apply_at(
        &mut state,
        &[Event::BlockStarted { block: day2_first }],
        at(30, 0),
    );

    let mut bytes = journal::Encoder::header(&workshop, at(-5, 0)).unwrap();
    let mut encoder = journal::Encoder::new(&workshop, 1, 0);
    let lead = Who::lead();
    let mut all = batches;
    all.push((vec![revise(&edited())], revised_at));
    all.push((vec![Event::BlockStarted { block: day2_first }], at(30, 0)));
    for (events, when) in &all {
        let stamped = Stamped::all(events.iter().cloned(), *when, &lead);
        bytes.extend(encoder.batch(&stamped).unwrap());
        encoder.commit(stamped.len());
    }
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains(r#""type":"programme_revised""#), "{text}");
    let parsed = journal::parse("day-1.jsonl", &bytes).unwrap();
    let replayed = journal::replay(Arc::clone(&workshop), &parsed.records);
    assert_eq!(replayed.days, state.days);
    assert_eq!(replayed.workshop, state.workshop);
    assert_eq!(
        replayed.block(day2_first).and_then(|b| b.started_at),
        Some(at(30, 0))
    );
    assert_eq!(replayed.find(day2_first).map(|(d, _)| d), Some(1));
}

#[test]
fn an_undo_after_the_revision_keeps_it() {
    let (mut state, _) = day1_under_way();
    apply_at(&mut state, &[revise(&edited())], at(20, 0));
    let revised = state.clone();
    let skipped = state.days[2].blocks[1].id;
    apply_at(
        &mut state,
        &[Event::BlockSkipped { block: skipped }],
        at(21, 0),
    );
    let batch = state.last_undoable().unwrap();
    apply_at(&mut state, &[Event::Undone { batch }], at(22, 0));
    assert_eq!(state.days, revised.days);
    assert_eq!(state.workshop, revised.workshop);
    // The revision itself is not an action undo takes back.
    assert_eq!(state.last_undoable(), Some(1));
}

#[test]
fn what_the_file_changes_is_found_on_the_state_and_said_in_words() {
    let (state, _) = day1_under_way();
    let r = revision::changes(&state, &edited());
    assert!(r.offers());
    // Day 1 ran: its edit is kept out, and said.
    assert_eq!(r.kept, vec![revision::Kept::Day(0)]);
    assert!(
        r.changes
            .iter()
            .all(|c| !matches!(c, revision::Change::BlockRenamed { day: 0, .. }))
    );
    let line = describe(&state, &revise(&edited()));
    assert!(line.contains("took the edited programme"), "{line}");
}

/// The question as the console shows it, for the ToT edited as `edit` says in the evening of
/// day 1, scrolled down by so many lines.
fn question_screen(
    width: u16,
    height: u16,
    edit: impl Fn(&mut Programme),
    scroll_down: isize,
) -> String {
    let (state, _) = day1_under_way();
    let mut programme = tot().programme.clone();
    edit(&mut programme);
    let found = revision::changes(&state, &programme);
    let mut q =
        convene::ui::revision::Question::new("sessions/tot-module4-aspac-2021.json", &found);
    q.scroll_by(scroll_down, ratatui::layout::Rect::new(0, 0, width, height));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| convene::ui::revision::draw(&q, f))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_question_lists_the_changes_and_fits_80_by_24() {
    let screen = question_screen(80, 24, |p| *p = edited(), 0);
    insta::assert_snapshot!(screen);
    for wanted in [
        "The programme file was edited",
        "sessions/tot-module4-aspac-2021.json",
        "changed  the workshop's title",
        "Day 2",
        "renamed  “Welcome back and self-study recap”",
        "     to  “Welcome back and recap of day 1”",
        "Day 3",
        "added    13:10 5′ “Energiser: one word”",
        // Day 3 has 14 blocks: the 13 after the first, where the energiser goes in, move.
        "moved    5 min later: “Who are we working with?” and the 12 after it",
        "Day 1 ran: it keeps its journaled programme.",
        "y use the new programme for the days not yet run",
        "n keep the journaled programme",
    ] {
        assert!(screen.contains(wanted), "{wanted:?} not on\n{screen}");
    }
}

#[test]
fn a_long_list_of_changes_scrolls() {
    // Every block of day 2 renamed: a heading and two lines for each of its 15 blocks, 31
    // lines, where 80x24 has room for 16 below the heading (day 1 is not edited: nothing is
    // said to be kept).
    let rename_all = |p: &mut Programme| {
        for b in &mut p.days[1].blocks {
            b.title = format!("{} (new)", b.title);
        }
    };
    let top = question_screen(80, 24, rename_all, 0);
    assert!(top.contains("0 line(s) above, 15 below"), "{top}");
    assert!(top.contains("│ Day 2 "), "{top}");
    let bottom = question_screen(80, 24, rename_all, 100);
    assert!(bottom.contains("15 line(s) above, 0 below"), "{bottom}");
    assert!(!bottom.contains("│ Day 2 "), "{bottom}");
    assert!(bottom.contains("to  “Wrap-up (new)”"), "{bottom}");
    assert!(bottom.contains("y use the new programme"), "{bottom}");
}

/// The console resumed on day 1 under way, as it opens the next time.
fn resumed_app() -> convene::app::App {
    let (state, _) = day1_under_way();
    let mut app = common::app();
    app.resume(state);
    app
}

#[test]
fn yes_records_the_revision_and_says_so_in_a_footer_that_fits() {
    use convene::runtime::{ProgrammeChanges, answer_edited};
    let mut app = resumed_app();
    let found = revision::changes(app.state(), &edited());
    answer_edited(
        &mut app,
        &edited(),
        &found,
        ProgrammeChanges::Use,
        at(25, 0),
    )
    .unwrap();
    assert_eq!(
        app.state().days[1].blocks[0].block.title,
        "Welcome back and recap of day 1"
    );
    let last = app.state().history.last().unwrap();
    assert!(matches!(
        last.events[0].event,
        Event::ProgrammeRevised { .. }
    ));
    let status = app.seat.status.clone().unwrap();
    assert_eq!(
        status.text,
        "Using the edited programme for the days not yet run; days that ran keep theirs"
    );
    // The footer's line is the width of the screen less a space on each side.
    assert!(status.text.chars().count() <= 78, "{}", status.text);
    let screen = common::screen_at(&app, at(25, 0), 80, 24);
    assert!(screen.contains("Using the edited programme"), "{screen}");
}

#[test]
fn no_keeps_the_journaled_programme_and_says_so() {
    use convene::runtime::{ProgrammeChanges, answer_edited};
    let mut app = resumed_app();
    let before = app.state().clone();
    let found = revision::changes(app.state(), &edited());
    answer_edited(
        &mut app,
        &edited(),
        &found,
        ProgrammeChanges::Keep,
        at(25, 0),
    )
    .unwrap();
    assert_eq!(app.state(), &before);
    let status = app.seat.status.clone().unwrap();
    assert_eq!(
        status.text,
        "Kept the journaled programme; the edited file is not used"
    );
    assert!(!status.is_error);
}

#[test]
fn undoing_what_made_a_day_run_before_the_revision_keeps_the_revised_days_and_their_ids() {
    // Day 1 with only its first block started, then the revision, then a block of day 2.
    let mut state = State::new(tot());
    let first = state.days[0].blocks[0].id;
    apply_at(
        &mut state,
        &[Event::BlockStarted { block: first }],
        at(0, 0),
    );
    let event = revision::revise(&state, &edited());
    apply_at(&mut state, &[event], at(5, 0));
    let revised = state.clone();
    let day2_first = state.days[1].blocks[0].id;
    apply_at(
        &mut state,
        &[Event::BlockSkipped { block: day2_first }],
        at(6, 0),
    );
    // Both actions undone, the later first: day 1 no longer ran, but the revision still keeps
    // it as it was, so days 2 and 3 are rebuilt with the same ids as before.
    for when in [at(7, 0), at(8, 0)] {
        let batch = state.last_undoable().unwrap();
        apply_at(&mut state, &[Event::Undone { batch }], when);
    }
    assert_eq!(state.days[0].blocks[0].started_at, None);
    assert_eq!(state.days[1], revised.days[1]);
    assert_eq!(state.days[2], revised.days[2]);
    assert_eq!(state.workshop, revised.workshop);
}

#[test]
fn the_review_shows_the_revised_days_as_the_session_ran_them() {
    let workshop = tot();
    let (mut state, mut batches) = day1_under_way();
    let mut new = edited();
    new.days[1].title = "Putting DC into practice".into();
    let event = revision::revise(&state, &new);
    apply_at(&mut state, std::slice::from_ref(&event), at(20, 0));
    batches.push((vec![event], at(20, 0)));
    let day2_first = state.days[1].blocks[0].id;
    batches.push((vec![Event::BlockStarted { block: day2_first }], at(30, 0)));

    let mut bytes = journal::Encoder::header(&workshop, at(-5, 0)).unwrap();
    let mut encoder = journal::Encoder::new(&workshop, 1, 0);
    for (events, when) in &batches {
        let stamped = Stamped::all(events.iter().cloned(), *when, &Who::lead());
        bytes.extend(encoder.batch(&stamped).unwrap());
        encoder.commit(stamped.len());
    }
    let parsed = journal::parse("day-1.jsonl", &bytes).unwrap();
    let loaded = journal::Loaded {
        header: parsed.header,
        records: parsed.records,
        torn: Vec::new(),
        repeated: Vec::new(),
    };
    let report = convene::report::build(&loaded).unwrap();
    assert!(report.title.ends_with("(revised)"), "{}", report.title);
    let day2 = report.days.iter().find(|d| d.day == 1).unwrap();
    assert_eq!(day2.title, "Putting DC into practice");
    assert_eq!(day2.blocks[0].title, "Welcome back and recap of day 1");
    // Day 1 ran with the programme it had.
    let day1 = report.days.iter().find(|d| d.day == 0).unwrap();
    assert_eq!(day1.title, workshop.day(0).unwrap().title);
    assert_eq!(day1.blocks[0].title, "Welcome and opening");
}
