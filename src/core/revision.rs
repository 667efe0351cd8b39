//! A programme edited while the workshop goes on: what changed between the programme the
//! session follows and the file's, on the days not yet run, and the programme the session
//! follows once it takes the file's for those days. Pure: programmes in, changes out.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::State;
use crate::programme::{Block, Day, Programme, Workshop};

/// One difference between the programme followed and the file's, on a day not yet run (or
/// in the workshop's other facts). Days and places count from 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// The day's date or start time changed.
    DayMoved {
        day: usize,
        from: (NaiveDate, NaiveTime),
        to: (NaiveDate, NaiveTime),
    },
    /// The day's theme changed.
    DayRenamed {
        day: usize,
        from: String,
        to: String,
    },
    /// The file has a day more.
    DayAdded {
        day: usize,
        title: String,
        blocks: usize,
    },
    /// The file has a day less.
    DayRemoved { day: usize, title: String },
    /// A block the file adds, at its place in the file's day.
    BlockAdded {
        day: usize,
        at: usize,
        title: String,
        start: NaiveTime,
        minutes: u32,
    },
    /// A block the file no longer has, at its place in the day followed.
    BlockRemoved {
        day: usize,
        at: usize,
        title: String,
    },
    /// A block whose planned start or minutes changed: (start, minutes) before and after.
    BlockRetimed {
        day: usize,
        at: usize,
        title: String,
        from: (NaiveTime, u32),
        to: (NaiveTime, u32),
    },
    /// The block at the same place has another title.
    BlockRenamed {
        day: usize,
        at: usize,
        from: String,
        to: String,
    },
    /// Something else of the block changed: its kind, range, cues, exercise, notes…
    BlockDetails {
        day: usize,
        at: usize,
        title: String,
    },
    /// One of the workshop's other facts changed (its title, exercises, chapters…).
    Workshop { what: String },
}

/// What a revision of the programme would not change, though the file differs there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// A day that ran (or ended) keeps the programme it ran with.
    Day(usize),
    /// The workshop clock stays the one the session began with.
    TimeZone { journaled: String, file: String },
}

/// Everything the file changes, and what it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Revision {
    pub changes: Vec<Change>,
    pub kept: Vec<Kept>,
}

impl Revision {
    /// Whether there is anything to offer: a change the session could take.
    pub fn offers(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// Whether day `d` ran, as `ran` says (a day past its end did not).
fn has_run(ran: &[bool], d: usize) -> bool {
    ran.get(d).copied().unwrap_or(false)
}

/// How many days the revised programme has: the file's, and at least up to the last day that
/// ran, which stays.
fn day_count(new: &Programme, ran: &[bool]) -> usize {
    let last_ran = ran.iter().rposition(|r| *r).map_or(0, |l| l + 1);
    new.days.len().max(last_ran)
}

/// What changes from `old` (the programme the session follows) to `new` (the file's) on the
/// days not yet run (`ran[d]` false), and which differences the session keeps as they are.
pub fn compare(old: &Programme, new: &Programme, ran: &[bool]) -> Revision {
    let mut out = Revision::default();
    workshop_facts(old, new, &mut out.changes);
    if old.time_zone != new.time_zone {
        out.kept.push(Kept::TimeZone {
            journaled: old.time_zone.clone(),
            file: new.time_zone.clone(),
        });
    }
    let count = day_count(new, ran);
    for d in 0..old.days.len().max(new.days.len()) {
        match (old.days.get(d), new.days.get(d)) {
            (Some(o), Some(n)) if has_run(ran, d) => {
                if o != n {
                    out.kept.push(Kept::Day(d));
                }
            }
            (Some(o), Some(n)) => day_changes(d, o, n, &mut out.changes),
            (Some(_), None) if has_run(ran, d) => out.kept.push(Kept::Day(d)),
            (Some(o), None) if d >= count => out.changes.push(Change::DayRemoved {
                day: d,
                title: o.title.clone(),
            }),
            (Some(_), None) => {}
            (None, Some(n)) => out.changes.push(Change::DayAdded {
                day: d,
                title: n.title.clone(),
                blocks: n.blocks.len(),
            }),
            (None, None) => {}
        }
    }
    out
}

/// The workshop's facts besides its days and its clock.
fn workshop_facts(old: &Programme, new: &Programme, changes: &mut Vec<Change>) {
    let mut note = |differs: bool, what: &str| {
        if differs {
            changes.push(Change::Workshop { what: what.into() });
        }
    };
    note(old.title != new.title, "the workshop's title");
    note(old.subtitle != new.subtitle, "the subtitle");
    note(old.id != new.id, "the workshop's id");
    note(old.organisers != new.organisers, "the organisers");
    note(
        old.participant_time_zones != new.participant_time_zones,
        "the participants' time zones",
    );
    note(old.notes != new.notes, "the workshop's notes");
    note(old.chapters != new.chapters, "the chapters");
    note(old.exercises != new.exercises, "the exercises");
    note(old.links != new.links, "the workshop's links");
    note(old.messages != new.messages, "the chat messages");
    note(old.about != new.about, "what the announcement says");
    note(
        old.illustrative != new.illustrative || old.sources != new.sources,
        "the plan's sources",
    );
}

/// The planned start of each block of a day, from the day's start and the minutes before it.
fn starts(day: &Day) -> Vec<NaiveTime> {
    let mut at = day.start;
    day.blocks
        .iter()
        .map(|b| {
            let start = at;
            at += Duration::minutes(i64::from(b.minutes));
            start
        })
        .collect()
}

/// The changes of one day not yet run.
fn day_changes(d: usize, old: &Day, new: &Day, changes: &mut Vec<Change>) {
    if (old.date, old.start) != (new.date, new.start) {
        changes.push(Change::DayMoved {
            day: d,
            from: (old.date, old.start),
            to: (new.date, new.start),
        });
    }
    if old.title != new.title {
        changes.push(Change::DayRenamed {
            day: d,
            from: old.title.clone(),
            to: new.title.clone(),
        });
    }
    let (old_starts, new_starts) = (starts(old), starts(new));
    for pair in align(&old.blocks, &new.blocks) {
        match pair {
            (Some(o), Some(n)) => {
                let (a, b) = (&old.blocks[o], &new.blocks[n]);
                if a.title != b.title {
                    changes.push(Change::BlockRenamed {
                        day: d,
                        at: n,
                        from: a.title.clone(),
                        to: b.title.clone(),
                    });
                }
                let (from, to) = ((old_starts[o], a.minutes), (new_starts[n], b.minutes));
                if from != to {
                    changes.push(Change::BlockRetimed {
                        day: d,
                        at: n,
                        title: b.title.clone(),
                        from,
                        to,
                    });
                }
                let same_else = Block {
                    title: b.title.clone(),
                    minutes: b.minutes,
                    ..a.clone()
                };
                if &same_else != b {
                    changes.push(Change::BlockDetails {
                        day: d,
                        at: n,
                        title: b.title.clone(),
                    });
                }
            }
            (Some(o), None) => changes.push(Change::BlockRemoved {
                day: d,
                at: o,
                title: old.blocks[o].title.clone(),
            }),
            (None, Some(n)) => changes.push(Change::BlockAdded {
                day: d,
                at: n,
                title: new.blocks[n].title.clone(),
                start: new_starts[n],
                minutes: new.blocks[n].minutes,
            }),
            (None, None) => {}
        }
    }
}

/// Pairs the blocks of two versions of a day, in order: blocks with the same title are the
/// same block (the longest run of titles the two share); between two such, blocks at the same
/// place are one block renamed, and what is left over was removed or added.
fn align(old: &[Block], new: &[Block]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: how many titles old[i..] and new[j..] share in order.
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i].title == new[j].title {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<_>, gone: &mut Vec<usize>, came: &mut Vec<usize>| {
        let paired = gone.len().min(came.len());
        for k in 0..paired {
            out.push((Some(gone[k]), Some(came[k])));
        }
        out.extend(gone[paired..].iter().map(|&o| (Some(o), None)));
        out.extend(came[paired..].iter().map(|&c| (None, Some(c))));
        gone.clear();
        came.clear();
    };
    while i < n || j < m {
        if i < n && j < m && old[i].title == new[j].title && lcs[i][j] == lcs[i + 1][j + 1] + 1 {
            flush(&mut out, &mut gone, &mut came);
            out.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            came.push(j);
            j += 1;
        } else {
            gone.push(i);
            i += 1;
        }
    }
    flush(&mut out, &mut gone, &mut came);
    out
}

/// The programme the session follows once it takes `new` for the days not yet run: the
/// file's, but the days that ran keep what they had (and the exercises and chapters they
/// use), and the workshop clock stays the one the session began with.
pub fn revised(old: &Programme, new: &Programme, ran: &[bool]) -> Programme {
    let mut p = new.clone();
    p.time_zone = old.time_zone.clone();
    p.days = (0..day_count(new, ran))
        .filter_map(|d| {
            if has_run(ran, d) {
                old.days.get(d)
            } else {
                new.days.get(d).or_else(|| old.days.get(d))
            }
            .cloned()
        })
        .collect();
    let kept: Vec<&Block> = (0..p.days.len())
        .filter(|d| has_run(ran, *d))
        .filter_map(|d| old.days.get(d))
        .flat_map(|d| d.blocks.iter())
        .collect();
    for e in &old.exercises {
        let used = kept.iter().any(|b| {
            b.exercise.as_deref() == Some(&e.id) || b.reports_on.as_deref() == Some(&e.id)
        });
        if used && !p.exercises.iter().any(|x| x.id == e.id) {
            p.exercises.push(e.clone());
        }
    }
    for c in &old.chapters {
        let used = kept.iter().any(|b| b.chapter == Some(c.number));
        if used && !p.chapters.iter().any(|x| x.number == c.number) {
            p.chapters.push(c.clone());
        }
    }
    p
}

/// Which days of the session ran: a block of it started, or the day was ended.
pub fn ran_days(state: &State) -> Vec<bool> {
    state
        .days
        .iter()
        .map(|d| d.finished_at.is_some() || d.blocks.iter().any(|b| b.started_at.is_some()))
        .collect()
}

/// What the file `new` changes for the session as it stands.
pub fn changes(state: &State, new: &Programme) -> Revision {
    compare(&state.workshop.programme, new, &ran_days(state))
}

/// The event that takes `new` for the days of the session not yet run.
pub fn revise(state: &State, new: &Programme) -> super::Event {
    super::Event::ProgrammeRevised {
        programme: Box::new(new.clone()),
        ran: ran_days(state)
            .iter()
            .enumerate()
            .filter(|(_, ran)| **ran)
            .map(|(d, _)| d)
            .collect(),
    }
}

/// The session's programme revised by `new`: the days not yet run are rebuilt from it, with
/// fresh block ids; the days that had run (`ran`, as the event says) keep their blocks and
/// what happened in them.
pub(super) fn apply(state: &mut State, new: &Programme, ran: &[usize]) {
    let ran: Vec<bool> = (0..state.days.len()).map(|d| ran.contains(&d)).collect();
    let mut programme = revised(&state.workshop.programme, new, &ran);
    // A programme journaled before `reports_on` existed gets it as a file read now does.
    crate::programme::infer_reports_on(&mut programme);
    let places = programme
        .participant_time_zones
        .iter()
        .map(|p| {
            (
                p.place.clone(),
                p.zone.parse().unwrap_or(chrono_tz::Tz::UTC),
            )
        })
        .collect();
    let workshop = Arc::new(Workshop {
        programme,
        tz: state.workshop.tz,
        places,
        source_name: state.workshop.source_name.clone(),
    });
    let mut next = state.next_block - 1;
    let old_days = std::mem::take(&mut state.days);
    state.days = (0..workshop.days().len())
        .map(|d| {
            let followed_before = d < old_days.len() && (has_run(&ran, d) || d >= new.days.len());
            if followed_before {
                old_days[d].clone()
            } else {
                super::state::fresh_day(&workshop, d, &mut next)
            }
        })
        .collect();
    state.next_block = next + 1;
    state.workshop = workshop;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::{BlockKind, Priority};

    fn block(title: &str, minutes: u32) -> Block {
        Block {
            title: title.into(),
            kind: BlockKind::Presentation,
            minutes,
            min_minutes: None,
            max_minutes: None,
            chapter: None,
            exercise: None,
            reports_on: None,
            facilitator: None,
            notes: None,
            priority: Priority::Normal,
            warning_minutes: None,
            cues: Vec::new(),
            links: Vec::new(),
            illustrative: None,
        }
    }

    fn day(date: &str, start: &str, blocks: &[(&str, u32)]) -> Day {
        Day {
            date: date.parse().unwrap(),
            start: NaiveTime::parse_from_str(start, "%H:%M").unwrap(),
            title: format!("Day of {date}"),
            preceded_by: None,
            notes: None,
            blocks: blocks.iter().map(|(t, m)| block(t, *m)).collect(),
            links: Vec::new(),
        }
    }

    fn programme(days: Vec<Day>) -> Programme {
        Programme {
            format: 1,
            id: Some("w".into()),
            title: "Workshop".into(),
            subtitle: None,
            organisers: Vec::new(),
            time_zone: "Asia/Jakarta".into(),
            participant_time_zones: Vec::new(),
            notes: None,
            chapters: Vec::new(),
            exercises: Vec::new(),
            days,
            illustrative: false,
            sources: None,
            about: Vec::new(),
            messages: Vec::new(),
            links: Vec::new(),
        }
    }

    fn t(hhmm: &str) -> NaiveTime {
        NaiveTime::parse_from_str(hhmm, "%H:%M").unwrap()
    }

    /// Day 1 ran; day 2 is still to run.
    fn two_days() -> Programme {
        programme(vec![
            day("2021-11-08", "13:00", &[("Welcome", 10), ("Chapter 1", 20)]),
            day(
                "2021-11-25",
                "13:00",
                &[
                    ("Recap", 10),
                    ("Chapter 3", 30),
                    ("Break", 10),
                    ("Wrap-up", 10),
                ],
            ),
        ])
    }

    #[test]
    fn the_same_programme_changes_nothing() {
        let p = two_days();
        assert_eq!(compare(&p, &p, &[true, false]), Revision::default());
        assert!(!compare(&p, &p, &[false, false]).offers());
    }

    #[test]
    fn a_renamed_block_is_the_block_at_the_same_place_with_another_title() {
        let old = two_days();
        let mut new = old.clone();
        new.days[1].blocks[1].title = "Chapter 3: partners".into();
        let r = compare(&old, &new, &[true, false]);
        assert_eq!(
            r.changes,
            vec![Change::BlockRenamed {
                day: 1,
                at: 1,
                from: "Chapter 3".into(),
                to: "Chapter 3: partners".into(),
            }]
        );
        assert!(r.kept.is_empty());
    }

    #[test]
    fn a_longer_block_is_retimed_and_moves_the_blocks_after_it() {
        let old = two_days();
        let mut new = old.clone();
        new.days[1].blocks[1].minutes = 40;
        let r = compare(&old, &new, &[true, false]);
        // Recap 13:00–13:10, Chapter 3 from 13:10 for 30 then 40 minutes: Break moves from
        // 13:40 to 13:50, Wrap-up from 13:50 to 14:00.
        assert_eq!(
            r.changes,
            vec![
                Change::BlockRetimed {
                    day: 1,
                    at: 1,
                    title: "Chapter 3".into(),
                    from: (t("13:10"), 30),
                    to: (t("13:10"), 40),
                },
                Change::BlockRetimed {
                    day: 1,
                    at: 2,
                    title: "Break".into(),
                    from: (t("13:40"), 10),
                    to: (t("13:50"), 10),
                },
                Change::BlockRetimed {
                    day: 1,
                    at: 3,
                    title: "Wrap-up".into(),
                    from: (t("13:50"), 10),
                    to: (t("14:00"), 10),
                },
            ]
        );
    }

    #[test]
    fn blocks_added_and_removed_are_found_among_those_that_stay() {
        let old = two_days();
        let mut new = old.clone();
        // The break goes; an energiser of 10 minutes comes in after the recap, so Chapter 3
        // starts 10 minutes later and Wrap-up, 10 minutes less the break, where it was.
        new.days[1].blocks.remove(2);
        new.days[1].blocks.insert(1, block("Energiser", 10));
        let r = compare(&old, &new, &[true, false]);
        assert_eq!(
            r.changes,
            vec![
                Change::BlockAdded {
                    day: 1,
                    at: 1,
                    title: "Energiser".into(),
                    start: t("13:10"),
                    minutes: 10,
                },
                Change::BlockRetimed {
                    day: 1,
                    at: 2,
                    title: "Chapter 3".into(),
                    from: (t("13:10"), 30),
                    to: (t("13:20"), 30),
                },
                Change::BlockRemoved {
                    day: 1,
                    at: 2,
                    title: "Break".into(),
                },
            ]
        );
    }

    #[test]
    fn a_day_moved_or_renamed_is_said_once_with_the_blocks_it_moves() {
        let old = two_days();
        let mut new = old.clone();
        new.days[1].date = "2021-11-26".parse().unwrap();
        new.days[1].title = "Going further".into();
        new.days[1].blocks.truncate(1);
        new.days[1].start = t("14:00");
        new.days[1].blocks[0].cues.push(crate::programme::Cue {
            text: "Welcome back".into(),
            minutes_after_start: Some(0),
            minutes_before_end: None,
        });
        let r = compare(&old, &new, &[true, false]);
        assert_eq!(
            r.changes,
            vec![
                Change::DayMoved {
                    day: 1,
                    from: ("2021-11-25".parse().unwrap(), t("13:00")),
                    to: ("2021-11-26".parse().unwrap(), t("14:00")),
                },
                Change::DayRenamed {
                    day: 1,
                    from: "Day of 2021-11-25".into(),
                    to: "Going further".into(),
                },
                Change::BlockRetimed {
                    day: 1,
                    at: 0,
                    title: "Recap".into(),
                    from: (t("13:00"), 10),
                    to: (t("14:00"), 10),
                },
                Change::BlockDetails {
                    day: 1,
                    at: 0,
                    title: "Recap".into(),
                },
                Change::BlockRemoved {
                    day: 1,
                    at: 1,
                    title: "Chapter 3".into(),
                },
                Change::BlockRemoved {
                    day: 1,
                    at: 2,
                    title: "Break".into(),
                },
                Change::BlockRemoved {
                    day: 1,
                    at: 3,
                    title: "Wrap-up".into(),
                },
            ]
        );
    }

    #[test]
    fn a_day_that_ran_is_kept_and_not_offered() {
        let old = two_days();
        let mut new = old.clone();
        new.days[0].blocks[0].title = "Welcome and opening".into();
        new.time_zone = "Asia/Manila".into();
        let r = compare(&old, &new, &[true, false]);
        assert!(r.changes.is_empty(), "{r:?}");
        assert!(!r.offers());
        assert_eq!(
            r.kept,
            vec![
                Kept::TimeZone {
                    journaled: "Asia/Jakarta".into(),
                    file: "Asia/Manila".into()
                },
                Kept::Day(0)
            ]
        );
        // Not yet run, the same edit is offered.
        let r = compare(&old, &new, &[false, false]);
        assert_eq!(r.changes.len(), 1, "{r:?}");
        assert!(matches!(
            r.changes[0],
            Change::BlockRenamed { day: 0, at: 0, .. }
        ));
    }

    #[test]
    fn days_added_and_removed_and_the_workshops_other_facts() {
        let old = two_days();
        let mut three = old.clone();
        three
            .days
            .push(day("2021-11-26", "13:00", &[("Closing", 30)]));
        three.title = "Workshop, revised".into();
        let r = compare(&old, &three, &[true, false]);
        assert_eq!(
            r.changes,
            vec![
                Change::Workshop {
                    what: "the workshop's title".into()
                },
                Change::DayAdded {
                    day: 2,
                    title: "Day of 2021-11-26".into(),
                    blocks: 1,
                },
            ]
        );
        let mut one = old.clone();
        one.days.truncate(1);
        let r = compare(&old, &one, &[true, false]);
        assert_eq!(
            r.changes,
            vec![Change::DayRemoved {
                day: 1,
                title: "Day of 2021-11-25".into(),
            }]
        );
        // A day that ran is never removed: it is kept.
        let r = compare(&old, &one, &[true, true]);
        assert_eq!(r.changes, Vec::new());
        assert_eq!(r.kept, vec![Kept::Day(1)]);
        assert_eq!(revised(&old, &one, &[true, true]).days, old.days);
    }

    #[test]
    fn the_revised_programme_is_the_files_but_for_the_days_that_ran() {
        let old = two_days();
        let mut new = old.clone();
        new.days[0].blocks[1].title = "Chapter one".into();
        new.days[1].blocks[1].title = "Chapter three".into();
        new.title = "Workshop, revised".into();
        new.time_zone = "Asia/Manila".into();
        let p = revised(&old, &new, &[true, false]);
        assert_eq!(p.days[0], old.days[0]);
        assert_eq!(p.days[1], new.days[1]);
        assert_eq!(p.title, "Workshop, revised");
        assert_eq!(p.time_zone, "Asia/Jakarta");
    }

    #[test]
    fn an_exercise_a_day_that_ran_reported_on_is_kept() {
        let exercise = crate::programme::Exercise {
            id: "dc-bicycle".into(),
            title: "Bicycle".into(),
            chapter: None,
            mode: None,
            minutes: None,
            instructions: None,
            expected_output: None,
            report_minutes: None,
            links: Vec::new(),
            illustrative: None,
        };
        let mut old = two_days();
        old.exercises = vec![exercise.clone()];
        old.days[0].blocks[1].reports_on = Some("dc-bicycle".into());
        // The file no longer has the exercise; day 1, which ran, reported back on it.
        let new = two_days();
        let p = revised(&old, &new, &[true, false]);
        assert_eq!(p.exercises, [exercise]);
        // Day 1 has not run: nothing keeps it.
        assert!(revised(&old, &new, &[false, false]).exercises.is_empty());
    }
}
