//! One attendance a person, from the rows of a participants report, and matching people to
//! the roster.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::participants::{ParticipantsReport, Presence};
use crate::roster::split_original;
use crate::roster::{Roster, normalise_name};

/// One person's time in the meeting, from all their rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    /// The display name on the person's first row.
    pub name: String,
    /// Lowercased.
    pub email: Option<String>,
    /// Minutes present: the union of the rows' stays, so overlapping stays (two devices at
    /// once) count once, rounded up to a whole minute. For a "unique users" report, which has
    /// no times, the largest `Total Duration` of the rows.
    pub minutes: u32,
    pub first_join: Option<DateTime<Utc>>,
    pub last_leave: Option<DateTime<Utc>>,
    /// When the person was present: the rows' stays joined where they overlap or touch,
    /// earliest first.
    pub stays: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// The longest `Total Duration` of the rows without times (a "unique users" report).
    pub untimed_minutes: u32,
    /// The file lines of the person's rows, in file order.
    pub rows: Vec<usize>,
    /// The other names seen on the person's rows, first seen first: other display names and
    /// original names (`Display Name (Original Name)`), without `name` itself.
    pub other_names: Vec<String>,
}

/// How a person was found on the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchedBy {
    Email,
    Name,
    /// Named by the facilitator.
    Hand,
}

/// A person of the report found on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// Index into [`Roster::participants`].
    pub participant: usize,
    /// All the person's time: a second device matched by hand is joined in.
    pub attendance: Attendance,
    pub by: MatchedBy,
    /// The names of the further devices matched by hand to the same person, in the order
    /// matched.
    pub devices: Vec<String>,
}

impl Matched {
    /// The names Zoom showed for the person: the first device's, then the others matched by
    /// hand.
    pub fn zoom_names(&self) -> Vec<&str> {
        std::iter::once(self.attendance.name.as_str())
            .chain(self.devices.iter().map(String::as_str))
            .collect()
    }
}

impl Attendance {
    /// Joins another device's time to this person's: stays that overlap count once.
    pub fn absorb(&mut self, other: Attendance) {
        let mut stays = std::mem::take(&mut self.stays);
        stays.extend(other.stays);
        self.stays = union(stays);
        self.untimed_minutes = self.untimed_minutes.max(other.untimed_minutes);
        self.minutes = minutes_of(&self.stays).max(self.untimed_minutes);
        self.first_join = self.first_join.into_iter().chain(other.first_join).min();
        self.last_leave = self.last_leave.into_iter().chain(other.last_leave).max();
        self.rows.extend(other.rows);
        self.rows.sort_unstable();
        for name in std::iter::once(other.name).chain(other.other_names) {
            if name != self.name && !self.other_names.contains(&name) {
                self.other_names.push(name);
            }
        }
        if self.email.is_none() {
            self.email = other.email;
        }
    }
}

/// Stays joined where they overlap or touch, earliest first.
fn union(mut stays: Vec<(DateTime<Utc>, DateTime<Utc>)>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    stays.sort();
    let mut joined: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(stays.len());
    for (join, leave) in stays {
        match joined.last_mut() {
            Some((_, end)) if join <= *end => *end = (*end).max(leave),
            _ => joined.push((join, leave)),
        }
    }
    joined
}

/// The minutes the stays cover, rounded up to a whole minute.
fn minutes_of(stays: &[(DateTime<Utc>, DateTime<Utc>)]) -> u32 {
    let seconds: i64 = stays
        .iter()
        .map(|(join, leave)| (*leave - *join).num_seconds().max(0))
        .sum();
    u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
}

/// Joins the rows of each person: rows with the same email (ignoring case) are one person;
/// a row without an email joins the person with an email whose rows carry the same name (as
/// [`normalise_name`] writes it; display or original name) when exactly one such person
/// exists, and otherwise the other rows without an email and with the same display name. People come in the order of their
/// first row.
pub fn merge(report: &ParticipantsReport) -> Vec<Attendance> {
    let mut groups: Vec<Vec<&Presence>> = Vec::new();
    let mut by_email: HashMap<String, usize> = HashMap::new();
    let mut emailed_names: HashMap<String, Vec<usize>> = HashMap::new();

    for row in &report.rows {
        let Some(email) = &row.email else { continue };
        let group = *by_email.entry(email.to_lowercase()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(rows) = groups.get_mut(group) {
            rows.push(row);
        }
        for name in std::iter::once(&row.name).chain(&row.original_name) {
            let key = normalise_name(name);
            if key.is_empty() {
                continue;
            }
            let owners = emailed_names.entry(key).or_default();
            if !owners.contains(&group) {
                owners.push(group);
            }
        }
    }

    let mut by_name: HashMap<String, usize> = HashMap::new();
    for row in report.rows.iter().filter(|row| row.email.is_none()) {
        // The one person with an email known by this name (or by the row's original name).
        let owner = std::iter::once(&row.name)
            .chain(&row.original_name)
            .find_map(|name| match emailed_names.get(&normalise_name(name)) {
                Some(owners) => match owners.as_slice() {
                    [only] => Some(*only),
                    _ => None,
                },
                None => None,
            });
        let key = normalise_name(&row.name);
        let group = match owner {
            Some(group) => group,
            None if key.is_empty() => {
                groups.push(Vec::new());
                groups.len() - 1
            }
            None => *by_name.entry(key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            }),
        };
        if let Some(rows) = groups.get_mut(group) {
            rows.push(row);
        }
    }

    let mut people: Vec<Attendance> = groups
        .into_iter()
        .filter_map(|mut rows| {
            rows.sort_by_key(|row| row.line);
            attendance(&rows)
        })
        .collect();
    people.sort_by_key(|person| person.rows.first().copied());
    people
}

/// One person's attendance from their rows, in file order; `None` when there are none.
fn attendance(rows: &[&Presence]) -> Option<Attendance> {
    let first = rows.first()?;
    let name = first.name.clone();
    let mut other_names: Vec<String> = Vec::new();
    for row in rows {
        for other in std::iter::once(&row.name).chain(&row.original_name) {
            if *other != name && !other_names.contains(other) {
                other_names.push(other.clone());
            }
        }
    }

    let stays = union(
        rows.iter()
            .filter_map(|row| Some((row.join?, row.leave?)))
            .collect(),
    );
    let untimed = rows
        .iter()
        .filter(|row| row.join.is_none() || row.leave.is_none())
        .map(|row| row.minutes)
        .max()
        .unwrap_or_default();

    Some(Attendance {
        name,
        email: rows.iter().find_map(|row| row.email.clone()),
        minutes: minutes_of(&stays).max(untimed),
        first_join: rows.iter().filter_map(|row| row.join).min(),
        last_leave: rows.iter().filter_map(|row| row.leave).max(),
        stays,
        untimed_minutes: untimed,
        rows: rows.iter().map(|row| row.line).collect(),
        other_names,
    })
}

/// Finds people on the roster: first by email (ignoring case), then by name as
/// [`normalise_name`] writes it, trying each person's display name before the other names
/// they used. A roster name such as `Sunita Thapa (सुनिता थापा)` is known by both its parts,
/// and `Santos, Maria Luisa` also as `Maria Luisa Santos`.
/// A name is a match only when it leads to exactly one roster person not yet matched, so no
/// roster person is matched twice. Returns the matched people, then the others, each in the
/// order given.
pub fn match_roster(roster: &Roster, people: Vec<Attendance>) -> (Vec<Matched>, Vec<Attendance>) {
    let mut by_email: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, participant) in roster.participants.iter().enumerate() {
        if let Some(email) = &participant.email {
            by_email
                .entry(email.trim().to_lowercase())
                .or_default()
                .push(index);
        }
        for name in roster_names(&participant.name) {
            let key = normalise_name(&name);
            if key.is_empty() {
                continue;
            }
            let owners = by_name.entry(key).or_default();
            if !owners.contains(&index) {
                owners.push(index);
            }
        }
    }

    let mut taken = vec![false; roster.participants.len()];
    let mut found: Vec<Option<(usize, MatchedBy)>> = vec![None; people.len()];

    for (person, slot) in people.iter().zip(found.iter_mut()) {
        let Some(email) = &person.email else { continue };
        let free = by_email
            .get(&email.to_lowercase())
            .and_then(|owners| owners.iter().copied().find(|&i| !is_taken(&taken, i)));
        if let Some(index) = free {
            take(&mut taken, index);
            *slot = Some((index, MatchedBy::Email));
        }
    }

    let only_free = |taken: &[bool], name: &str| -> Option<usize> {
        let key = normalise_name(name);
        let owners = by_name.get(&key)?;
        let mut free = owners.iter().copied().filter(|&i| !is_taken(taken, i));
        let first = free.next()?;
        free.next().is_none().then_some(first)
    };
    for (person, slot) in people.iter().zip(found.iter_mut()) {
        if slot.is_none()
            && let Some(index) = only_free(&taken, &person.name)
        {
            take(&mut taken, index);
            *slot = Some((index, MatchedBy::Name));
        }
    }
    for (person, slot) in people.iter().zip(found.iter_mut()) {
        if slot.is_some() {
            continue;
        }
        if let Some(index) = person
            .other_names
            .iter()
            .find_map(|name| only_free(&taken, name))
        {
            take(&mut taken, index);
            *slot = Some((index, MatchedBy::Name));
        }
    }

    let mut matched = Vec::new();
    let mut unmatched = Vec::new();
    for (attendance, slot) in people.into_iter().zip(found) {
        match slot {
            Some((participant, by)) => matched.push(Matched {
                participant,
                attendance,
                by,
                devices: Vec::new(),
            }),
            None => unmatched.push(attendance),
        }
    }
    (matched, unmatched)
}

/// The names a roster person may appear under: the name, each part of `Name (Other Name)`,
/// and `Family, Given` turned round to `Given Family`.
fn roster_names(name: &str) -> Vec<String> {
    let (display, inner) = split_original(name);
    let mut names = vec![name.to_owned()];
    if let Some((family, given)) = display.split_once(',')
        && !given.contains(',')
    {
        names.push(format!("{} {}", given.trim(), family.trim()));
    }
    names.push(display);
    names.extend(inner);
    names
}

fn is_taken(taken: &[bool], index: usize) -> bool {
    taken.get(index).copied().unwrap_or(true)
}

fn take(taken: &mut [bool], index: usize) {
    if let Some(slot) = taken.get_mut(index) {
        *slot = true;
    }
}

/// Matches by hand what the report and the roster name differently: each pair is a name as
/// the report writes it and an email or name on the roster. A person already matched (by
/// email, by name or by hand) may be named again for another device: its time is joined to
/// theirs, overlapping stays counted once. Returns the matches and who is still unmatched, or
/// the first pair that names nobody.
pub fn match_by_hand(
    roster: &Roster,
    mut matched: Vec<Matched>,
    unmatched: Vec<Attendance>,
    pairs: &[(String, String)],
) -> Result<(Vec<Matched>, Vec<Attendance>), String> {
    let mut left = unmatched;
    for (reported, wanted) in pairs {
        let at = left
            .iter()
            .position(|a| {
                normalise_name(&a.name) == normalise_name(reported)
                    || a.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(reported))
            })
            .ok_or_else(|| format!("“{reported}” is not among the people the roster lacks"))?;
        let wanted_lower = wanted.trim().to_lowercase();
        let participant = roster
            .participants
            .iter()
            .position(|p| {
                p.email.as_deref() == Some(wanted_lower.as_str())
                    || normalise_name(&p.name) == normalise_name(wanted)
            })
            .ok_or_else(|| format!("nobody on the roster is “{wanted}”"))?;
        let attendance = left.remove(at);
        match matched.iter_mut().find(|m| m.participant == participant) {
            Some(earlier) => {
                earlier.devices.push(attendance.name.clone());
                earlier.attendance.absorb(attendance);
            }
            None => matched.push(Matched {
                participant,
                attendance,
                by: MatchedBy::Hand,
                devices: Vec::new(),
            }),
        }
    }
    Ok((matched, left))
}
