//! Spotting a person entered twice in a list of people.

use std::collections::HashMap;

use super::{Import, Participant, Roster, normalise_name};
use crate::tabular::Refused;

/// The import of the people read from a file's rows (with their file lines, in file order)
/// and of the rows refused: a person who repeats one kept before is listed in
/// [`Import::duplicates`] and left out of the roster.
pub(crate) fn gather(people: Vec<(usize, Participant)>, refused: Vec<Refused>) -> Import {
    let mut import = Import {
        refused,
        ..Import::default()
    };
    let mut seen = Seen::default();
    for (line, participant) in people {
        if let Some(what) = seen.repeat_of(&participant) {
            import.duplicates.push((line, what));
        } else {
            seen.add(&participant, line);
            import.roster.participants.push(participant);
        }
    }
    import
}

/// People from several lists (the files of `roster import`) gathered into one roster, each
/// kept once. A person repeats one kept before by the same rule as within a file (see
/// [`Import::duplicates`]), so the roster written reads back without duplicates. Each person
/// is looked up in maps of the emails and names kept so far: the time grows with the number
/// of people, not with its square.
#[derive(Default)]
pub struct Merged {
    seen: Seen,
    roster: Roster,
}

impl Merged {
    /// Keeps `person`, unless they repeat someone kept before: then they are given back.
    pub fn add(&mut self, person: Participant) -> Option<Participant> {
        if self.seen.repeat_of(&person).is_some() {
            return Some(person);
        }
        self.seen.add(&person, self.roster.len() + 1);
        self.roster.participants.push(person);
        None
    }

    /// The people kept, in the order they were added.
    pub fn into_roster(self) -> Roster {
        self.roster
    }
}

/// The people kept so far, for spotting repeats: a person repeats an earlier one with the
/// same email, or with the same name (as [`normalise_name`] writes it) when one of the two
/// has no email.
#[derive(Default)]
struct Seen {
    /// Email → line of the first person with it.
    emails: HashMap<String, usize>,
    /// Name → line of the first person with it, and of the first with it and no email.
    names: HashMap<String, (usize, Option<usize>)>,
}

impl Seen {
    fn repeat_of(&self, p: &Participant) -> Option<String> {
        if let Some(email) = &p.email
            && let Some(line) = self.emails.get(email)
        {
            return Some(format!("same email as line {line}: {email}"));
        }
        let name = normalise_name(&p.name);
        if name.is_empty() {
            return None;
        }
        let &(first, first_without_email) = self.names.get(&name)?;
        let line = if p.email.is_none() {
            first
        } else {
            first_without_email?
        };
        Some(format!("same name as line {line}: {}", p.name))
    }

    fn add(&mut self, p: &Participant, line: usize) {
        if let Some(email) = &p.email {
            self.emails.entry(email.clone()).or_insert(line);
        }
        let entry = self
            .names
            .entry(normalise_name(&p.name))
            .or_insert((line, None));
        if p.email.is_none() && entry.1.is_none() {
            entry.1 = Some(line);
        }
    }
}
