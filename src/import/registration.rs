//! The registration report (who signed up for a meeting), and the webinar attendee report,
//! read as a roster.

use std::collections::HashMap;
use std::path::Path;

use csv::StringRecord;

use super::text::{
    FileProblem, check_is_text, check_width, clean_text, header_key, is_blank, list_labels,
    looks_like_email, note_open_quote, quote, records, strip_bom,
};
use crate::roster::{
    Import, Participant, Refused, Role, RosterError, normalise_name, split_original,
};

/// The header of a registration report, shown in messages as an example.
const EXAMPLE_HEADER: &str = "First Name,Last Name,Email,Registration Time,Approval Status";

/// Reads a registration report file; see [`read_registration`].
pub fn load_registration(path: &Path) -> Result<Import, RosterError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| RosterError {
        file: file.clone(),
        line: 0,
        column: None,
        message: format!("cannot read the registration report: {e}"),
    })?;
    let text = super::decode(&file, &bytes).map_err(|e| RosterError {
        file: e.file,
        line: e.line,
        column: None,
        message: e.message,
    })?;
    read_registration(&file, &text)
}

/// Reads the text of a Zoom registration report, or of a webinar attendee report, as a
/// roster; `file_name` is used in messages only.
///
/// The header is the first line naming a `First Name` (or `User Name`) column; lines above it
/// (report title, meeting summary) are skipped. In a webinar report, which has sections
/// (`Host Details`, `Panelist Details`, `Attendee Details`), the header is the line after
/// `Attendee Details`, and reading stops at the next section.
///
/// `First Name` and `Last Name` make the name; `Email` / `Email Address`, `Organization` /
/// `Organisation`, `City`, `Country/Region` / `Country/Region Name` are read into their
/// fields (column names ignore case and spacing); every other column (registration time,
/// approval status, custom questions) is kept in [`Participant::extra`]. Everyone is a
/// participant. As in the roster reader, unreadable rows are refused and rows repeating an
/// earlier person (same email, or same name where one has no email) are listed as duplicates.
pub fn read_registration(file_name: &str, text: &str) -> Result<Import, RosterError> {
    let error = |line: usize, message: String| RosterError {
        file: file_name.to_owned(),
        line,
        column: None,
        message,
    };
    let from_problem = |p: FileProblem| error(p.line, p.message);

    let body = strip_bom(text);
    check_is_text(text).map_err(from_problem)?;
    if body.trim().is_empty() {
        return Err(error(
            1,
            format!(
                "the file is empty; a Zoom registration report has a header such as \
                 {EXAMPLE_HEADER}"
            ),
        ));
    }
    let records = records(body).map_err(from_problem)?;
    let rows: Vec<&(usize, StringRecord)> = records
        .iter()
        .filter(|(_, record)| !is_blank(record))
        .collect();
    let Some((first_line, first)) = rows.first().copied() else {
        return Err(error(
            1,
            format!(
                "the file has only empty cells; a Zoom registration report has a header such as \
                 {EXAMPLE_HEADER}"
            ),
        ));
    };

    let attendees = rows
        .iter()
        .position(|(_, record)| section(record).as_deref() == Some("attendeedetails"));
    let header_at = match attendees {
        Some(at) => {
            let Some((line, record)) = rows.get(at + 1).copied() else {
                let line = rows.get(at).map_or(*first_line, |(line, _)| *line);
                return Err(error(
                    line,
                    "the `Attendee Details` section has no header line after it".to_owned(),
                ));
            };
            Columns::from_header(record).map_err(|message| error(*line, message))?;
            at + 1
        }
        None => {
            if let Some((line, record)) = rows.iter().find(|(_, record)| section(record).is_some())
            {
                return Err(error(
                    *line,
                    format!(
                        "this webinar report has a {} section but no `Attendee Details` \
                         section to read registrants from",
                        list_labels(record.get(0))
                    ),
                ));
            }
            match rows
                .iter()
                .position(|(_, record)| Columns::from_header(record).is_ok())
            {
                Some(at) => at,
                None => {
                    return Err(error(
                        *first_line,
                        format!(
                            "no registration header found: no line names a `First Name` or \
                             `User Name` column (the first line has {}); expected a header \
                             such as {EXAMPLE_HEADER}",
                            list_labels(first.iter())
                        ),
                    ));
                }
            }
        }
    };
    let Some((_, header)) = rows.get(header_at).copied() else {
        return Err(error(
            *first_line,
            "no registration header found".to_owned(),
        ));
    };
    let columns = Columns::from_header(header).map_err(|message| error(*first_line, message))?;

    let mut import = Import::default();
    let mut seen = Seen::default();
    for (line, record) in rows.iter().skip(header_at + 1).copied() {
        if section(record).is_some() {
            break;
        }
        match columns.read(record) {
            Ok(participant) => {
                if let Some(what) = seen.repeat_of(&participant) {
                    import.duplicates.push((*line, what));
                } else {
                    seen.add(&participant, *line);
                    import.roster.participants.push(participant);
                }
            }
            Err(mut reason) => {
                note_open_quote(&mut reason, body, *line, record);
                import.refused.push(Refused {
                    line: *line,
                    reason,
                });
            }
        }
    }
    Ok(import)
}

/// The key of a webinar report's section line (`Attendee Details` → `attendeedetails`): a
/// line with text in its first cell only, ending in "Details".
fn section(record: &StringRecord) -> Option<String> {
    let key = header_key(record.get(0)?);
    let alone = record.iter().skip(1).all(|cell| cell.trim().is_empty());
    (alone && key.ends_with("details")).then_some(key)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    FirstName,
    LastName,
    /// `User Name (Original Name)`: the name when there is no first or last name.
    UserName,
    Email,
    Organisation,
    City,
    Country,
}

impl Field {
    fn from_header(cell: &str) -> Option<Field> {
        let field = match header_key(cell).as_str() {
            "firstname" => Field::FirstName,
            "lastname" => Field::LastName,
            "username(originalname)" | "name(originalname)" | "username" | "name" | "fullname" => {
                Field::UserName
            }
            "email" | "emailaddress" | "useremail" | "e-mail" | "e-mailaddress" => Field::Email,
            "organization" | "organisation" => Field::Organisation,
            "city" => Field::City,
            "country/region" | "country/regionname" | "country" => Field::Country,
            _ => return None,
        };
        Some(field)
    }
}

/// Where each column is in the file.
struct Columns {
    /// Header cells, cleaned, as written.
    labels: Vec<String>,
    fields: HashMap<usize, Field>,
    first_name: Option<usize>,
    last_name: Option<usize>,
    user_name: Option<usize>,
    email: Option<usize>,
    organisation: Option<usize>,
    city: Option<usize>,
    country: Option<usize>,
}

impl Columns {
    fn from_header(header: &StringRecord) -> Result<Columns, String> {
        let labels: Vec<String> = header
            .iter()
            .map(|cell| clean_text(cell.trim_start_matches('\u{feff}')))
            .collect();
        let mut columns = Columns {
            labels: Vec::new(),
            fields: HashMap::new(),
            first_name: None,
            last_name: None,
            user_name: None,
            email: None,
            organisation: None,
            city: None,
            country: None,
        };
        for (at, label) in labels.iter().enumerate() {
            let Some(field) = Field::from_header(label) else {
                continue;
            };
            let slot = match field {
                Field::FirstName => &mut columns.first_name,
                Field::LastName => &mut columns.last_name,
                Field::UserName => &mut columns.user_name,
                Field::Email => &mut columns.email,
                Field::Organisation => &mut columns.organisation,
                Field::City => &mut columns.city,
                Field::Country => &mut columns.country,
            };
            // A repeated column is kept as an extra field.
            if slot.is_none() {
                *slot = Some(at);
                columns.fields.insert(at, field);
            }
        }
        // With first and last names there, the user name is kept as an extra field.
        if columns.first_name.is_some() || columns.last_name.is_some() {
            if let Some(at) = columns.user_name {
                columns.fields.remove(&at);
            }
        } else if columns.user_name.is_none() {
            return Err(format!(
                "the header has no `First Name` or `User Name` column (columns found: {}); \
                 expected a header such as {EXAMPLE_HEADER}",
                list_labels(labels.iter().map(String::as_str))
            ));
        }
        columns.labels = labels;
        Ok(columns)
    }

    fn label(&self, at: usize) -> &str {
        self.labels.get(at).map_or("", String::as_str)
    }

    fn read(&self, record: &StringRecord) -> Result<Participant, String> {
        check_width(&self.labels, record)?;
        let cell =
            |at: Option<usize>| clean_text(at.and_then(|at| record.get(at)).unwrap_or_default());
        let optional = |at: Option<usize>| Some(cell(at)).filter(|s| !s.is_empty());
        let mut problems = Vec::new();

        let mut name = clean_text(&format!(
            "{} {}",
            cell(self.first_name),
            cell(self.last_name)
        ));
        if name.is_empty() {
            name = split_original(&cell(self.user_name)).0;
        }
        if name.is_empty() {
            let at = self.first_name.or(self.user_name).unwrap_or_default();
            problems.push(format!("column `{}`: the name is empty", self.label(at)));
        }

        let raw = cell(self.email);
        let email = raw.to_lowercase();
        let email = if email.is_empty() {
            None
        } else if looks_like_email(&email) {
            Some(email)
        } else {
            let at = self.email.unwrap_or_default();
            problems.push(format!(
                "column `{}`: {} is not an email address",
                self.label(at),
                quote(&raw)
            ));
            None
        };

        if !problems.is_empty() {
            return Err(problems.join("; "));
        }

        let mut extra = Vec::new();
        for (at, label) in self.labels.iter().enumerate() {
            if self.fields.contains_key(&at) {
                continue;
            }
            let value = cell(Some(at));
            if !label.is_empty() {
                extra.push((label.clone(), value));
            } else if !value.is_empty() {
                // A column without a heading (often a stray trailing comma) is kept only
                // where it holds something.
                extra.push((format!("column {}", at + 1), value));
            }
        }
        for (at, value) in record.iter().enumerate().skip(self.labels.len()) {
            let value = clean_text(value);
            if !value.is_empty() {
                extra.push((format!("column {}", at + 1), value));
            }
        }

        Ok(Participant {
            name,
            email,
            organisation: optional(self.organisation),
            city: optional(self.city),
            country: optional(self.country),
            time_zone: None,
            role: Role::Participant,
            extra,
        })
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
