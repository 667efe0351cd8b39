//! The registration report (who signed up for a meeting), and the webinar attendee report,
//! read as a roster.

use std::path::Path;

use csv::StringRecord;

use crate::roster::{Import, Participant, gather, split_original};
use crate::tabular::{
    FileError, Header, Problems, Row, Table, clean_text, email_cell, header_key, list_labels,
};

/// The header of a registration report, shown in messages as an example.
const EXAMPLE_HEADER: &str = "First Name,Last Name,Email,Registration Time,Approval Status";

/// Reads a registration report file; see [`read_registration`].
pub fn load_registration(path: &Path) -> Result<Import, FileError> {
    crate::tabular::load(path, "the registration report", read_registration)
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
pub fn read_registration(file_name: &str, text: &str) -> Result<Import, FileError> {
    let expected = format!("a Zoom registration report has a header such as {EXAMPLE_HEADER}");
    let table = Table::read(file_name, text, b',', &expected)?;
    let rows: Vec<&Row> = table.rows().collect();
    let (header_at, columns) =
        find_header(&rows).map_err(|(line, message)| FileError::new(file_name, line, message))?;
    let data = rows
        .into_iter()
        .skip(header_at + 1)
        .take_while(|(_, record)| section(record).is_none());
    let (people, refused) = table.read_each(data, |_, record| columns.read(record));
    Ok(gather(people, refused))
}

/// Where the registrants' header is among the rows, and its columns; or the line and the
/// reason there is none.
fn find_header(rows: &[&Row]) -> Result<(usize, Columns), (usize, String)> {
    let (first_line, first) = rows.first().map_or((1, None), |(line, r)| (*line, Some(r)));
    if let Some(at) = rows
        .iter()
        .position(|(_, record)| section(record).as_deref() == Some("attendeedetails"))
    {
        let Some((line, record)) = rows.get(at + 1).copied() else {
            let line = rows.get(at).map_or(first_line, |(line, _)| *line);
            return Err((
                line,
                "the `Attendee Details` section has no header line after it".to_owned(),
            ));
        };
        let columns = Columns::from_header(record).map_err(|message| (*line, message))?;
        return Ok((at + 1, columns));
    }
    if let Some((line, record)) = rows.iter().find(|(_, record)| section(record).is_some()) {
        return Err((
            *line,
            format!(
                "this webinar report has a {} section but no `Attendee Details` section to \
                 read registrants from",
                list_labels(record.get(0))
            ),
        ));
    }
    rows.iter()
        .enumerate()
        .find_map(|(at, (_, record))| Columns::from_header(record).ok().map(|c| (at, c)))
        .ok_or_else(|| {
            (
                first_line,
                format!(
                    "no registration header found: no line names a `First Name` or `User Name` \
                     column (the first line has {}); expected a header such as {EXAMPLE_HEADER}",
                    list_labels(first.into_iter().flatten())
                ),
            )
        })
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

impl Field {
    const COUNT: usize = 7;
}

/// Where each column is in the file.
struct Columns {
    header: Header,
    /// The column of each field, by [`Field`] order.
    known: [Option<usize>; Field::COUNT],
    /// The columns read into a participant's fields; the others are kept as extra fields.
    fields: Vec<usize>,
}

impl Columns {
    fn from_header(record: &StringRecord) -> Result<Columns, String> {
        let header = Header::new(record);
        let mut known = [None; Field::COUNT];
        for (at, label) in header.labels().iter().enumerate() {
            // A repeated column is kept as an extra field.
            if let Some(field) = Field::from_header(label) {
                known[field as usize].get_or_insert(at);
            }
        }
        let mut fields: Vec<usize> = known.iter().flatten().copied().collect();
        let user_name = known[Field::UserName as usize];
        // With first and last names there, the user name is kept as an extra field.
        if known[Field::FirstName as usize].is_some() || known[Field::LastName as usize].is_some() {
            fields.retain(|&at| Some(at) != user_name);
        } else if user_name.is_none() {
            return Err(format!(
                "the header has no `First Name` or `User Name` column (columns found: {}); \
                 expected a header such as {EXAMPLE_HEADER}",
                header.listed()
            ));
        }
        Ok(Columns {
            header,
            known,
            fields,
        })
    }

    fn at(&self, field: Field) -> Option<usize> {
        self.known[field as usize]
    }

    fn read(&self, record: &StringRecord) -> Result<Participant, String> {
        self.header.check_width(record)?;
        let cell = |field: Field| {
            clean_text(
                self.at(field)
                    .and_then(|at| record.get(at))
                    .unwrap_or_default(),
            )
        };
        let optional = |field: Field| Some(cell(field)).filter(|s| !s.is_empty());
        let label = |field: Field| self.header.label(self.at(field).unwrap_or_default());
        let mut problems = Problems::default();

        let mut name = clean_text(&format!(
            "{} {}",
            cell(Field::FirstName),
            cell(Field::LastName)
        ));
        if name.is_empty() {
            name = split_original(&cell(Field::UserName)).0;
        }
        if name.is_empty() {
            let field = if self.at(Field::FirstName).is_some() {
                Field::FirstName
            } else {
                Field::UserName
            };
            problems.add(label(field), "the name is empty");
        }

        let email = email_cell(&cell(Field::Email)).unwrap_or_else(|why| {
            problems.add(label(Field::Email), why);
            None
        });

        problems.check()?;
        Ok(Participant {
            email,
            organisation: optional(Field::Organisation),
            city: optional(Field::City),
            country: optional(Field::Country),
            extra: self
                .header
                .other_cells(record, |at| self.fields.contains(&at)),
            ..Participant::named(name)
        })
    }
}
