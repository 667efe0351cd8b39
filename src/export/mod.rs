//! Files convene writes for other tools: Zoom's breakout-room pre-assignment CSV, and the
//! group list as plain text for the chat. Every CSV convene writes goes through one writer,
//! whose cells never start a spreadsheet formula ([`neutralise`]).

pub mod agenda;

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

pub use crate::tabular::{FORMULA_STARTS, neutralise};

/// Zoom's limits for pre-assigned breakout rooms in one meeting.
pub const MAX_ROOMS: usize = 100;
pub const MAX_PEOPLE: usize = 1000;
/// Zoom does not document a room-name limit; longer names than this are risky.
pub const LONG_ROOM_NAME: usize = 32;

/// Someone in a room, as the export needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub email: Option<String>,
    pub country: Option<String>,
    pub rapporteur: bool,
}

/// A breakout room and who is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub name: String,
    pub members: Vec<Member>,
}

/// Someone Zoom cannot place in a room by itself: the host moves them by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByHand {
    pub room: String,
    pub name: String,
    pub reason: String,
}

/// The pre-assignment file, and what it leaves to do by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoomExport {
    pub csv: String,
    pub by_hand: Vec<ByHand>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Writes Zoom's pre-assignment CSV: the header `Pre-assign Room Name,Email Address`, then one
/// row per person with an email, the room name repeated on every row of its room; a room name
/// that would start a spreadsheet formula gets a quote `'` in front ([`neutralise`]). People
/// without an email are listed to move by hand: Zoom places only people signed in with the
/// email it was given. Refuses beyond Zoom's limits of 100 rooms and 1000 people.
pub fn zoom_csv(rooms: &[Room]) -> Result<ZoomExport, ExportError> {
    if rooms.len() > MAX_ROOMS {
        return Err(ExportError(format!(
            "{} rooms: Zoom pre-assigns at most {MAX_ROOMS} rooms in a meeting; form fewer, larger groups",
            rooms.len()
        )));
    }
    let people: usize = rooms.iter().map(|r| r.members.len()).sum();
    if people > MAX_PEOPLE {
        return Err(ExportError(format!(
            "{people} people: Zoom pre-assigns at most {MAX_PEOPLE} people in a meeting"
        )));
    }
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in rooms {
        if r.name.trim().is_empty() {
            return Err(ExportError(
                "a room has no name: name every room first".into(),
            ));
        }
        if !seen.insert(r.name.as_str()) {
            return Err(ExportError(format!(
                "two rooms are named “{}”: Zoom would merge them; rename one",
                r.name
            )));
        }
        if r.name.chars().count() > LONG_ROOM_NAME {
            warnings.push(format!(
                "the room name “{}” is longer than {LONG_ROOM_NAME} characters; Zoom may cut it",
                r.name
            ));
        }
    }
    let mut rows = vec![[
        "Pre-assign Room Name".to_string(),
        "Email Address".to_string(),
    ]];
    let mut by_hand = Vec::new();
    for room in rooms {
        for m in &room.members {
            match m.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
                Some(email) => rows.push([room.name.clone(), email.to_string()]),
                None => by_hand.push(ByHand {
                    room: room.name.clone(),
                    name: m.name.clone(),
                    reason: "no email on the roster".into(),
                }),
            }
        }
    }
    let csv = crate::tabular::csv_text(rows, crate::tabular::Ends::CrLf)
        .map_err(|e| ExportError(e.to_string()))?;
    Ok(ZoomExport {
        csv,
        by_hand,
        warnings,
    })
}

/// Writes a file that holds people's names or emails (a roster, Zoom's file, a review):
/// readable and writable by its owner only (mode 0600 on Unix, as the journal is), also when
/// it was there before with other permissions. Returns its full path, for the message that
/// says it was written.
pub fn write_private(path: &Path, contents: &[u8]) -> io::Result<PathBuf> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(contents)?;
    file.flush()?;
    std::path::absolute(path)
}

/// The groups as plain text for the Zoom chat: each room's name and size, then its people one
/// to a line (a name may hold a comma, "Santos, Maria Luisa", so names are never joined on a
/// line), a blank line between rooms.
pub fn chat_text(rooms: &[Room]) -> String {
    let mut out = String::new();
    for (i, room) in rooms.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let names: Vec<String> = room
            .members
            .iter()
            .map(|m| {
                if m.rapporteur {
                    format!("{} (rapporteur)", m.name)
                } else {
                    m.name.clone()
                }
            })
            .collect();
        out.push_str(&format!("{} ({}):\n", room.name, names.len()));
        for name in names {
            out.push_str(&format!("- {name}\n"));
        }
    }
    out
}

/// The groups as an aligned table for a terminal: room, name, country.
pub fn table(rooms: &[Room]) -> String {
    let name_width = rooms
        .iter()
        .flat_map(|r| r.members.iter())
        .map(|m| m.name.width())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for room in rooms {
        out.push_str(&format!("{} ({})\n", room.name, room.members.len()));
        for m in &room.members {
            let pad = " ".repeat(name_width.saturating_sub(m.name.width()));
            let marker = if m.rapporteur { " *" } else { "" };
            out.push_str(&format!(
                "  {}{pad}  {}{marker}\n",
                m.name,
                m.country.as_deref().unwrap_or("")
            ));
        }
    }
    out
}

/// Escapes text for HTML and SVG.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
