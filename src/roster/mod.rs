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

mod names;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use chrono_tz::Tz;
use csv::StringRecord;
use serde::{Deserialize, Serialize};

use crate::tabular::{clean_text, is_blank, list_labels, looks_like_email, quote, to_usize};
pub use names::normalise_name;
pub(crate) use names::split_original;

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
}

impl Participant {
    /// Who this is across files and days: the email when there is one, else the name as
    /// [`normalise_name`] writes it.
    pub fn key(&self) -> String {
        match self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            Some(email) => email.to_lowercase(),
            None => format!("name:{}", normalise_name(&self.name)),
        }
    }

    /// The participant's time zone, when one is given.
    pub fn tz(&self) -> Option<Tz> {
        self.time_zone.as_deref().and_then(parse_time_zone)
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
}

/// A row that was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// 1-based file line where the row starts.
    pub line: usize,
    /// Why, naming the column when one is at fault: ``column `email`: "abc" is not an email
    /// address``. Several problems in one row are joined with `; `.
    pub reason: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
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

/// A problem with a roster file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterError {
    pub file: String,
    /// 1-based line; 0 when the problem is not tied to a line (the file cannot be read).
    pub line: usize,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RosterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: ", self.file)?;
        } else {
            write!(f, "{}:{}: ", self.file, self.line)?;
        }
        if let Some(column) = &self.column {
            write!(f, "column `{column}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RosterError {}

/// Reads a roster file. See the module documentation for the format.
pub fn load_roster(path: &Path) -> Result<Import, RosterError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| RosterError {
        file: file.clone(),
        line: 0,
        column: None,
        message: format!("cannot read the roster file: {e}"),
    })?;
    let text = decode(&file, bytes)?;
    parse_roster(&file, &text)
}

/// Reads the text of a roster file; `file_name` is used in messages only.
pub fn parse_roster(file_name: &str, text: &str) -> Result<Import, RosterError> {
    let error = |line: usize, column: Option<String>, message: String| RosterError {
        file: file_name.to_owned(),
        line,
        column,
        message,
    };
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let body = text.get(bom..).unwrap_or_default();

    if let Some(at) = body.find('\0') {
        return Err(error(
            line_at(body.as_bytes(), at),
            None,
            format!(
                "byte {} is a NUL character, so this is not a CSV text file (if it was \
                 saved as \"Unicode text\" / UTF-16, save it again as CSV UTF-8)",
                at + bom
            ),
        ));
    }
    if body.trim().is_empty() {
        return Err(error(
            1,
            None,
            format!("the file is empty; its first line must be the header: {HEADER}"),
        ));
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(body))
        .from_reader(body.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| to_usize(p.line()));
        error(line, None, format!("not readable as CSV: {e}"))
    };

    let mut lines = Lines::new(body);
    let mut records = reader.records();
    let (header_line, header) = loop {
        match records.next() {
            None => {
                return Err(error(
                    1,
                    None,
                    format!(
                        "the file has only empty cells; its first line must be the header: {HEADER}"
                    ),
                ));
            }
            Some(Err(e)) => return Err(csv_error(e)),
            Some(Ok(record)) if is_blank(&record) => {}
            Some(Ok(record)) => break (lines.of(&record), record),
        }
    };
    let columns = Columns::from_header(&header)
        .map_err(|(column, message)| error(header_line, column, message))?;

    let mut import = Import::default();
    let mut seen = Seen::default();
    for result in records {
        let record = result.map_err(csv_error)?;
        if is_blank(&record) {
            continue;
        }
        let line = lines.of(&record);
        match columns.read(&record) {
            Ok(participant) => {
                if let Some(what) = seen.repeat_of(&participant) {
                    import.duplicates.push((line, what));
                } else {
                    seen.add(&participant, line);
                    import.roster.participants.push(participant);
                }
            }
            Err(mut reason) => {
                let breaks: usize = record.iter().map(line_breaks).sum();
                if breaks > 0 {
                    // A quote left open runs to the end of the file, final line break included.
                    let last = line_at(body.as_bytes(), body.trim_end().len());
                    reason.push_str(&format!(
                        " (the row runs from line {line} to line {}: check for a quote `\"` \
                         that is not closed)",
                        (line + breaks).min(last)
                    ));
                }
                import.refused.push(Refused { line, reason });
            }
        }
    }
    Ok(import)
}

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
    /// Header cells, trimmed, as written.
    labels: Vec<String>,
    known: [Option<usize>; Field::COUNT],
    /// Positions of the columns kept as extra fields.
    extra: Vec<usize>,
}

impl Columns {
    fn from_header(header: &StringRecord) -> Result<Columns, (Option<String>, String)> {
        let labels: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        let mut known = [None; Field::COUNT];
        let mut extra = Vec::new();
        for (at, label) in labels.iter().enumerate() {
            let Some(field) = Field::from_header(label) else {
                extra.push(at);
                continue;
            };
            let slot = &mut known[field.index()];
            if let Some(first) = *slot {
                let first_label = labels.get(first).map_or("", String::as_str);
                return Err((
                    Some(field.canonical().to_owned()),
                    format!(
                        "appears twice in the header: column {} `{first_label}` and column {} \
                         `{label}`; keep only one",
                        first + 1,
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
                    list_labels(labels.iter().map(String::as_str))
                ),
            ));
        }
        Ok(Columns {
            labels,
            known,
            extra,
        })
    }

    fn label(&self, field: Field) -> &str {
        self.known[field.index()]
            .and_then(|at| self.labels.get(at))
            .map_or(field.canonical(), String::as_str)
    }

    fn cell<'r>(&self, record: &'r StringRecord, field: Field) -> &'r str {
        self.known[field.index()]
            .and_then(|at| record.get(at))
            .unwrap_or_default()
    }

    /// Reads one data row, or says why it cannot be read.
    fn read(&self, record: &StringRecord) -> Result<Participant, String> {
        let width = self.labels.len();
        // Header cells left empty at the end (a stray trailing comma) need no field.
        let needed = self
            .labels
            .iter()
            .rposition(|label| !label.is_empty())
            .map_or(0, |at| at + 1);
        let surplus_blank = record.iter().skip(width).all(|cell| cell.trim().is_empty());
        if record.len() < needed || !surplus_blank {
            return Err(format!(
                "the row has {} fields but the header has {needed} columns",
                record.len()
            ));
        }
        if record.len() == width
            && record
                .iter()
                .zip(&self.labels)
                .all(|(cell, label)| cell.trim().eq_ignore_ascii_case(label))
        {
            return Err("the row repeats the header line".to_owned());
        }

        let mut problems = Vec::new();
        let mut problem = |field: Field, message: String| {
            problems.push(format!("column `{}`: {message}", self.label(field)));
        };

        let name = clean_text(self.cell(record, Field::Name));
        if name.is_empty() {
            problem(Field::Name, "the name is empty".to_owned());
        }

        let raw = self.cell(record, Field::Email).trim();
        let email = raw.to_lowercase();
        let email = if email.is_empty() {
            None
        } else if looks_like_email(&email) {
            Some(email)
        } else {
            problem(
                Field::Email,
                format!("{} is not an email address", quote(raw)),
            );
            None
        };

        let raw = self.cell(record, Field::TimeZone).trim();
        let time_zone = if raw.is_empty() {
            None
        } else if let Some(tz) = parse_time_zone(raw) {
            Some(tz.name().to_owned())
        } else {
            problem(
                Field::TimeZone,
                format!(
                    "{} is not an IANA time zone name (such as Asia/Kolkata or Indian/Maldives)",
                    quote(raw)
                ),
            );
            None
        };

        let raw = self.cell(record, Field::Role).trim();
        let role = if raw.is_empty() {
            Role::Participant
        } else if let Some(role) = Role::parse(raw) {
            role
        } else {
            problem(
                Field::Role,
                format!(
                    "{} is not a role (use participant, facilitator, co-facilitator or observer)",
                    quote(raw)
                ),
            );
            Role::Participant
        };

        if !problems.is_empty() {
            return Err(problems.join("; "));
        }

        let optional =
            |field: Field| Some(clean_text(self.cell(record, field))).filter(|s| !s.is_empty());
        let mut extra = Vec::with_capacity(self.extra.len());
        for &at in &self.extra {
            let value = clean_text(record.get(at).unwrap_or_default());
            match self.labels.get(at).map(String::as_str) {
                Some(label) if !label.is_empty() => extra.push((label.to_owned(), value)),
                // A column without a heading (often a stray trailing comma) is kept only where
                // it holds something.
                _ if !value.is_empty() => extra.push((format!("column {}", at + 1), value)),
                _ => {}
            }
        }
        Ok(Participant {
            name,
            email,
            organisation: optional(Field::Organisation),
            city: optional(Field::City),
            country: optional(Field::Country),
            time_zone,
            role,
            extra,
        })
    }
}

/// Rows already on the roster, for spotting repeats.
#[derive(Default)]
struct Seen {
    emails: HashMap<String, usize>,
    names: HashMap<String, usize>,
    names_without_email: HashMap<String, usize>,
}

impl Seen {
    fn repeat_of(&self, p: &Participant) -> Option<String> {
        let name = normalise_name(&p.name);
        let by_name = |names: &HashMap<String, usize>| {
            names
                .get(&name)
                .filter(|_| !name.is_empty())
                .map(|line| format!("same name as line {line}: {}", p.name))
        };
        match &p.email {
            Some(email) => self
                .emails
                .get(email)
                .map(|line| format!("same email as line {line}: {email}"))
                .or_else(|| by_name(&self.names_without_email)),
            None => by_name(&self.names),
        }
    }

    fn add(&mut self, p: &Participant, line: usize) {
        let name = normalise_name(&p.name);
        match &p.email {
            Some(email) => {
                self.emails.entry(email.clone()).or_insert(line);
            }
            None => {
                self.names_without_email.entry(name.clone()).or_insert(line);
            }
        }
        self.names.entry(name).or_insert(line);
    }
}

/// Turns file bytes into text, or says where they stop being UTF-8.
fn decode(file: &str, bytes: Vec<u8>) -> Result<String, RosterError> {
    crate::tabular::decode_bytes(&bytes).map_err(|e| RosterError {
        file: file.to_owned(),
        line: e.line,
        column: None,
        message: e.message,
    })
}

/// `,` unless the header line has no comma but has `;` (spreadsheets in locales with a
/// decimal comma) or tabs.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if commas > 0 {
        b','
    } else if semicolons > 0 && semicolons >= tabs {
        b';'
    } else if tabs > 0 {
        b'\t'
    } else {
        b','
    }
}

/// An IANA zone name, exactly or ignoring ASCII case and with spaces for underscores.
fn parse_time_zone(text: &str) -> Option<Tz> {
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

/// Finds the file line of each record from its byte offset, counting `\n`, `\r\n` and a lone
/// `\r` as line ends. (The csv crate's own line count starts where reading the record began,
/// before any empty lines it skipped, and does not count lone `\r`.) Records come in file
/// order, so counting goes on from the previous record.
struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
    after_cr: bool,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
            after_cr: false,
        }
    }

    /// The line where a record's text starts.
    fn of(&mut self, record: &StringRecord) -> usize {
        let Some(position) = record.position() else {
            return self.line;
        };
        let mut start = to_usize(position.byte());
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.advance_to(start)
    }

    fn advance_to(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        for &b in self.text.get(self.at..offset).unwrap_or_default() {
            if b == b'\r' || (b == b'\n' && !self.after_cr) {
                self.line += 1;
            }
            self.after_cr = b == b'\r';
        }
        self.at = self.at.max(offset);
        self.line
    }
}

/// Line breaks in a cell: `\r\n`, `\n` or a lone `\r`.
fn line_breaks(cell: &str) -> usize {
    cell.replace("\r\n", "\n")
        .chars()
        .filter(|c| matches!(c, '\n' | '\r'))
        .count()
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], at: usize) -> usize {
    let mut lines = Lines {
        text: bytes,
        at: 0,
        line: 1,
        after_cr: false,
    };
    lines.advance_to(at)
}

/// Writes a roster as convene's roster CSV (the documented header, then extra columns).
pub fn to_csv(roster: &Roster) -> Result<String, csv::Error> {
    let mut extra: Vec<String> = Vec::new();
    for p in &roster.participants {
        for (k, _) in &p.extra {
            if !extra.contains(k) {
                extra.push(k.clone());
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = HEADER.split(',').map(str::to_string).collect();
    header.extend(extra.iter().cloned());
    w.write_record(&header)?;
    for p in &roster.participants {
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
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
