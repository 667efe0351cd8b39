//! Rooms in files, as text: a planned schedule (`round,room,name,email,country,organisation,role`)
//! written and read, and Zoom's pre-assignment file (`Pre-assign Room Name,Email Address`)
//! read. Pure: the caller reads and writes the bytes. Every cell written is formula-safe.

use crate::tabular::{neutralise, restore};

/// Rooms given from a file, with where they come from (`rooms.csv round 3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub source: String,
    pub rooms: Vec<GivenRoom>,
}

/// The header of a planned schedule.
pub const PLAN_HEADER: [&str; 7] = [
    "round",
    "room",
    "name",
    "email",
    "country",
    "organisation",
    "role",
];

/// One person of a planned round, as the schedule writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub round: usize,
    pub room: String,
    pub name: String,
    pub email: Option<String>,
    pub country: Option<String>,
    pub organisation: Option<String>,
    pub role: String,
}

/// A room given from a file: its name, and each person as the file names them (an email, or
/// a name when the file has no email for them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenRoom {
    pub name: String,
    pub who: Vec<String>,
}

/// The schedule as CSV text, header first, every cell formula-safe.
pub fn plan_csv(rows: &[PlanRow]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(PLAN_HEADER).map_err(|e| e.to_string())?;
    for r in rows {
        let round = r.round.to_string();
        let cells = [
            round.as_str(),
            &r.room,
            &r.name,
            r.email.as_deref().unwrap_or(""),
            r.country.as_deref().unwrap_or(""),
            r.organisation.as_deref().unwrap_or(""),
            &r.role,
        ];
        w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// A CSV file's data rows, each with its line.
type Rows = Vec<(u64, csv::StringRecord)>;

/// The rows of a CSV file with its header's columns found by name (any case, spaces
/// trimmed): for each wanted column its place, or an error naming the file and the column.
fn columns(text: &str, file: &str, wanted: &[&str]) -> Result<(Vec<usize>, Rows), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| format!("{file}:1: the header cannot be read: {e}"))?
        .clone();
    let places = wanted
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
                .ok_or_else(|| format!("{file}:1: no column “{name}” in the header"))
        })
        .collect::<Result<Vec<usize>, String>>()?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            format!("{file}:{line}: {e}")
        })?;
        let line = record.position().map_or(0, |p| p.line());
        rows.push((line, record));
    }
    Ok((places, rows))
}

/// Adds `who` to the room called `room`, opening it the first time it is named.
fn add(rooms: &mut Vec<GivenRoom>, room: &str, who: String) {
    match rooms.iter_mut().find(|r| r.name == room) {
        Some(r) => r.who.push(who),
        None => rooms.push(GivenRoom {
            name: room.to_string(),
            who: vec![who],
        }),
    }
}

/// Round `round` (from 1) of a planned schedule, rooms in the order the file first names
/// them; an error names the file, the line and the field.
pub fn plan_round(text: &str, file: &str, round: usize) -> Result<Vec<GivenRoom>, String> {
    let (at, rows) = columns(text, file, &["round", "room", "name", "email"])?;
    fn cell<'r>(r: &'r csv::StringRecord, at: &[usize], i: usize) -> &'r str {
        restore(r.get(at[i]).unwrap_or("").trim())
    }
    let mut rooms = Vec::new();
    let mut rounds = 0;
    for (line, r) in &rows {
        let n: usize = cell(r, &at, 0).parse().map_err(|_| {
            format!(
                "{file}:{line}: round: “{}” is not a round number",
                cell(r, &at, 0)
            )
        })?;
        rounds = rounds.max(n);
        if n != round {
            continue;
        }
        let (room, name, email) = (cell(r, &at, 1), cell(r, &at, 2), cell(r, &at, 3));
        if room.is_empty() {
            return Err(format!("{file}:{line}: room: empty"));
        }
        let who = if email.is_empty() { name } else { email };
        if who.is_empty() {
            return Err(format!("{file}:{line}: name: empty, and no email"));
        }
        add(&mut rooms, room, who.to_string());
    }
    if rooms.is_empty() {
        return Err(format!(
            "{file}: round: there is no round {round} (the file plans {rounds})"
        ));
    }
    Ok(rooms)
}

/// The rooms of Zoom's pre-assignment file, in the order the file first names them; an error
/// names the file, the line and the field.
pub fn zoom_rooms(text: &str, file: &str) -> Result<Vec<GivenRoom>, String> {
    let (at, rows) = columns(text, file, &["Pre-assign Room Name", "Email Address"])?;
    let mut rooms = Vec::new();
    for (line, r) in &rows {
        let room = restore(r.get(at[0]).unwrap_or("").trim());
        let email = restore(r.get(at[1]).unwrap_or("").trim());
        if room.is_empty() && email.is_empty() {
            continue;
        }
        if room.is_empty() {
            return Err(format!("{file}:{line}: Pre-assign Room Name: empty"));
        }
        if email.is_empty() {
            return Err(format!("{file}:{line}: Email Address: empty"));
        }
        add(&mut rooms, room, email.to_string());
    }
    if rooms.is_empty() {
        return Err(format!("{file}: no rooms in the file"));
    }
    Ok(rooms)
}
