//! Reading a roster file: finding the known columns in the header, and reading each row into a
//! participant or saying why it cannot be read.

use std::path::Path;

use chrono_tz::Tz;
use csv::StringRecord;

use super::repeats::gather;
use super::{HEADER, Import, Participant, Role};
use crate::tabular::{
    FileError, Header, Problems, Table, clean_text, email_cell, quote, sniff_delimiter,
};

/// Reads a roster file. See the module documentation for the format.
pub fn load_roster(path: &Path) -> Result<Import, FileError> {
    crate::tabular::load(path, "the roster file", parse_roster)
}

/// Reads the text of a roster file; `file_name` is used in messages only.
pub fn parse_roster(file_name: &str, text: &str) -> Result<Import, FileError> {
    let expected = format!("its first line must be the header: {HEADER}");
    let table = Table::read(file_name, text, sniff_delimiter(text), &expected)?;
    let (header_line, header) = &table.first;
    let columns = Columns::from_header(header).map_err(|(column, message)| {
        let error = FileError::new(file_name, *header_line, message);
        match column {
            Some(column) => error.in_column(column),
            None => error,
        }
    })?;
    let (people, refused) = table.read_each(&table.rest, |_, record| columns.read(record));
    Ok(gather(people, refused))
}

/// Why a time zone cell cannot be read, after its value.
const TZ_EXAMPLES: &str = "is not an IANA time zone name (such as Asia/Kolkata or Indian/Maldives)";
/// Why a role cell cannot be read, after its value.
const ROLES: &str = "is not a role (use participant, facilitator, co-facilitator or observer)";

/// The columns the roster knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Email,
    Organisation,
    City,
    Country,
    TimeZone,
    Role,
}

impl Field {
    const COUNT: usize = 7;

    fn index(self) -> usize {
        self as usize
    }

    fn canonical(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Organisation => "organisation",
            Field::City => "city",
            Field::Country => "country",
            Field::TimeZone => "time_zone",
            Field::Role => "role",
        }
    }

    /// The known column a header cell names, if any.
    fn from_header(cell: &str) -> Option<Field> {
        let mut key = String::with_capacity(cell.len());
        for word in cell
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
        {
            if !key.is_empty() {
                key.push('_');
            }
            key.push_str(&word.to_lowercase());
        }
        match key.as_str() {
            "name" => Some(Field::Name),
            "email" | "e_mail" | "email_address" | "e_mail_address" => Some(Field::Email),
            "organisation" | "organization" => Some(Field::Organisation),
            "city" => Some(Field::City),
            "country" => Some(Field::Country),
            "time_zone" | "timezone" => Some(Field::TimeZone),
            "role" => Some(Field::Role),
            _ => None,
        }
    }
}

/// Where each column is in the file.
struct Columns {
    header: Header,
    known: [Option<usize>; Field::COUNT],
}

impl Columns {
    /// Finds the known columns, or says what is wrong with the header (and in which column).
    fn from_header(record: &StringRecord) -> Result<Columns, (Option<String>, String)> {
        let header = Header::new(record);
        let mut known = [None; Field::COUNT];
        for (at, label) in header.labels().iter().enumerate() {
            let Some(field) = Field::from_header(label) else {
                continue;
            };
            let slot = &mut known[field.index()];
            if let Some(first) = *slot {
                return Err((
                    Some(field.canonical().to_owned()),
                    format!(
                        "appears twice in the header: column {} `{}` and column {} `{label}`; \
                         keep only one",
                        first + 1,
                        header.label(first),
                        at + 1
                    ),
                ));
            }
            *slot = Some(at);
        }
        if known[Field::Name.index()].is_none() {
            return Err((
                None,
                format!(
                    "the header has no `name` column (columns found: {}); the first line must \
                     be the header: {HEADER}",
                    header.listed()
                ),
            ));
        }
        Ok(Columns { header, known })
    }

    fn label(&self, field: Field) -> &str {
        match self.known[field.index()] {
            Some(at) => self.header.label(at),
            None => field.canonical(),
        }
    }

    fn cell<'r>(&self, record: &'r StringRecord, field: Field) -> &'r str {
        self.known[field.index()]
            .and_then(|at| record.get(at))
            .unwrap_or_default()
    }

    /// The cell of a field that may be empty, read with `parse`: `None` when it is empty, or
    /// when `parse` cannot read it, which is noted in `problems` as the value and `why`.
    fn parsed<T>(
        &self,
        record: &StringRecord,
        field: Field,
        problems: &mut Problems,
        parse: impl Fn(&str) -> Option<T>,
        why: &str,
    ) -> Option<T> {
        let raw = self.cell(record, field).trim();
        if raw.is_empty() {
            return None;
        }
        let read = parse(raw);
        if read.is_none() {
            problems.add(self.label(field), format_args!("{} {why}", quote(raw)));
        }
        read
    }

    /// Reads one data row, or says why it cannot be read.
    fn read(&self, record: &StringRecord) -> Result<Participant, String> {
        self.header.check_width(record)?;
        let mut problems = Problems::default();

        let name = clean_text(self.cell(record, Field::Name));
        if name.is_empty() {
            problems.add(self.label(Field::Name), "the name is empty");
        }

        let email = email_cell(self.cell(record, Field::Email)).unwrap_or_else(|why| {
            problems.add(self.label(Field::Email), why);
            None
        });

        let time_zone = self
            .parsed(
                record,
                Field::TimeZone,
                &mut problems,
                parse_time_zone,
                TZ_EXAMPLES,
            )
            .map(|tz| tz.name().to_owned());
        let role = self
            .parsed(record, Field::Role, &mut problems, Role::parse, ROLES)
            .unwrap_or_default();

        problems.check()?;
        let optional =
            |field: Field| Some(clean_text(self.cell(record, field))).filter(|s| !s.is_empty());
        Ok(Participant {
            name,
            email,
            organisation: optional(Field::Organisation),
            city: optional(Field::City),
            country: optional(Field::Country),
            time_zone,
            role,
            extra: self
                .header
                .other_cells(record, |at| self.known.contains(&Some(at))),
            off_file: false,
        })
    }
}

/// An IANA zone name, exactly or ignoring ASCII case and with spaces for underscores.
pub(super) fn parse_time_zone(text: &str) -> Option<Tz> {
    let text = text.trim();
    if let Ok(tz) = text.parse::<Tz>() {
        return Some(tz);
    }
    let wanted = text.replace(' ', "_");
    chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .find(|tz| tz.name().eq_ignore_ascii_case(&wanted))
}
