//! The participant roster: who takes part in the workshop, read from a CSV file.
//!
//! The first non-blank line is the header. Columns are matched by trimmed name, ignoring case,
//! in any order:
//!
//! ```text
//! name,email,organisation,city,country,time_zone,role
//! ```
//!
//! Only `name` is required. `organization` is read as `organisation`, `timezone` / `time zone`
//! as `time_zone`, `e-mail` / `email address` as `email`; spaces, `-` and `_` in a column name
//! are interchangeable. Any other column is kept, in file order, in [`Participant::extra`].
//!
//! A row that cannot be read is not fatal: it is listed in [`Import::refused`] with its file
//! line and a reason, and the other rows are still read. Only problems with the file as a whole
//! (not UTF-8, empty, no `name` column) are errors.
//!
//! Files saved by spreadsheets are tolerated: a UTF-8 byte-order mark, blank lines, rows of
//! empty cells, and `;` or tab as the separator when the header line has no comma.

mod key;
mod names;
mod read;
mod repeats;

use std::collections::HashMap;
use std::fmt;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub use crate::tabular::{FileError, Refused};
pub use key::PersonKey;
pub use names::normalise_name;
pub(crate) use names::split_original;
pub use read::{load_roster, parse_roster};
pub use repeats::Merged;
pub(crate) use repeats::gather;

/// The header line of a roster file, as documented.
pub const HEADER: &str = "name,email,organisation,city,country,time_zone,role";

/// What a person does in the workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    #[default]
    Participant,
    Facilitator,
    CoFacilitator,
    Observer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Participant,
        Role::Facilitator,
        Role::CoFacilitator,
        Role::Observer,
    ];

    /// The role as written in a roster file (and in JSON): `participant`, `facilitator`,
    /// `co-facilitator`, `observer`.
    pub fn label(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Facilitator => "facilitator",
            Role::CoFacilitator => "co-facilitator",
            Role::Observer => "observer",
        }
    }

    /// Reads a role, ignoring case, surrounding spaces, and spaces, `-` or `_` inside it
    /// (`Co-Facilitator`, `co facilitator`, `cofacilitator`). `None` when it is no role,
    /// including when it is empty.
    pub fn parse(text: &str) -> Option<Role> {
        let key: String = text
            .chars()
            .filter(|c| !(c.is_whitespace() || *c == '-' || *c == '_'))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "participant" => Some(Role::Participant),
            "facilitator" => Some(Role::Facilitator),
            "cofacilitator" => Some(Role::CoFacilitator),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One person on the roster. Text fields are trimmed, with inner runs of whitespace and
/// control characters (such as a line break inside a quoted cell) collapsed to one space;
/// empty optional fields are `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    /// Lowercased.
    pub email: Option<String>,
    pub organisation: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    /// A valid IANA time zone name, as chrono-tz spells it (`Asia/Kathmandu`).
    pub time_zone: Option<String>,
    pub role: Role,
    /// Columns the roster format does not know: (column name as in the header, value).
    pub extra: Vec<(String, String)>,
    /// Not on the roster file the session read last: someone an earlier roster of the session
    /// had, kept so that the rooms, pairs and records that name them still do (see
    /// [`Roster::read_again`]). Never read from a file nor written to one.
    #[serde(skip)]
    pub off_file: bool,
}

impl Participant {
    /// A participant known by name only: no email, place or time zone, no extra columns.
    pub(crate) fn named(name: String) -> Participant {
        Participant {
            name,
            email: None,
            organisation: None,
            city: None,
            country: None,
            time_zone: None,
            role: Role::Participant,
            extra: Vec::new(),
            off_file: false,
        }
    }

    /// Who this is across files and days: the email when there is one, else the name as
    /// [`normalise_name`] writes it.
    pub fn key(&self) -> PersonKey {
        match self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            Some(email) => PersonKey::Email(email.to_lowercase()),
            None => PersonKey::Name(normalise_name(&self.name)),
        }
    }

    /// The participant's time zone, when one is given.
    pub fn tz(&self) -> Option<Tz> {
        self.time_zone.as_deref().and_then(read::parse_time_zone)
    }

    /// The value of an extra column, matched by trimmed name ignoring case.
    pub fn extra_value(&self, column: &str) -> Option<&str> {
        let column = column.trim();
        self.extra
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(column))
            .map(|(_, value)| value.as_str())
    }
}

/// The people read from a roster file, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    pub participants: Vec<Participant>,
}

impl Roster {
    pub fn len(&self) -> usize {
        self.participants.len()
    }

    pub fn is_empty(&self) -> bool {
        self.participants.is_empty()
    }

    /// Each country named on the roster with how many people (of any role) come from it, the
    /// largest first, then by name. Countries are grouped ignoring case and shown as first
    /// spelled; people without a country are not counted.
    pub fn countries(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for country in self
            .participants
            .iter()
            .filter_map(|p| p.country.as_deref())
        {
            let key = country.to_lowercase();
            match index.get(&key) {
                Some(&i) => {
                    if let Some(entry) = counts.get_mut(i) {
                        entry.1 += 1;
                    }
                }
                None => {
                    index.insert(key, counts.len());
                    counts.push((country.to_owned(), 1));
                }
            }
        }
        counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                .then_with(|| a.0.cmp(&b.0))
        });
        counts
    }

    /// The people with a given role, in file order.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(move |p| p.role == role)
    }

    /// The people of the roster file read last, in file order.
    pub fn on_file(&self) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(|p| !p.off_file)
    }

    /// The people kept from an earlier roster of the session that the file read last lacks.
    pub fn off_file(&self) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(|p| p.off_file)
    }

    /// The roster after a roster file is read again: the file's people, in its order, then
    /// everyone this roster has whom the file lacks (by [`Participant::key`]), in their order
    /// here, marked [`Participant::off_file`] and otherwise as they were. A session's rooms,
    /// pairs, absences and attendance name people by key: someone left off a new file is still
    /// someone they name.
    pub fn read_again(&self, file: &[Participant]) -> Roster {
        let mut participants: Vec<Participant> = file
            .iter()
            .map(|p| Participant {
                off_file: false,
                ..p.clone()
            })
            .collect();
        let on_file: std::collections::HashSet<PersonKey> =
            participants.iter().map(Participant::key).collect();
        participants.extend(
            self.participants
                .iter()
                .filter(|p| !on_file.contains(&p.key()))
                .map(|p| Participant {
                    off_file: true,
                    ..p.clone()
                }),
        );
        Roster { participants }
    }
}

/// The result of reading a roster file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    pub roster: Roster,
    /// Rows that were not read, in file order.
    pub refused: Vec<Refused>,
    /// Rows left out because they repeat an earlier row: (line of the later row, what
    /// repeats), e.g. `(9, "same email as line 4: ana@example.org")`. Two rows repeat each
    /// other when both have the same email, or when one of them has no email and their
    /// names are the same after [`normalise_name`].
    pub duplicates: Vec<(usize, String)>,
}

/// Writes a roster as convene's roster CSV (the documented header, then extra columns); a
/// cell that would start a spreadsheet formula gets a quote `'` in front (see
/// [`crate::export::neutralise`]), which the roster reader takes off again.
pub fn to_csv(roster: &Roster) -> Result<String, csv::Error> {
    let mut extra: Vec<String> = Vec::new();
    for p in &roster.participants {
        for (k, _) in &p.extra {
            if !extra.contains(k) {
                extra.push(k.clone());
            }
        }
    }
    let mut header: Vec<String> = HEADER.split(',').map(str::to_string).collect();
    header.extend(extra.iter().cloned());
    let rows = roster.participants.iter().map(|p| {
        let mut row = vec![
            p.name.clone(),
            p.email.clone().unwrap_or_default(),
            p.organisation.clone().unwrap_or_default(),
            p.city.clone().unwrap_or_default(),
            p.country.clone().unwrap_or_default(),
            p.time_zone.clone().unwrap_or_default(),
            p.role.label().to_string(),
        ];
        for k in &extra {
            row.push(p.extra_value(k).unwrap_or("").to_string());
        }
        row
    });
    crate::tabular::csv_text(
        std::iter::once(header).chain(rows),
        crate::tabular::Ends::Lf,
    )
}
