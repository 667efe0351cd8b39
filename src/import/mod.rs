//! Reading files exported from Zoom: the meeting participants report (who was there, and for
//! how long), and the registration report (who signed up, read as a roster).
//!
//! * [`read_participants`] reads a participants report into [`Presence`] rows, one a stay;
//! * [`merge`] joins one person's rows (reconnections, a second device) into one
//!   [`Attendance`], counting overlapping stays once;
//! * [`match_roster`] finds each person on the workshop roster, by email and then by name;
//! * [`read_registration`] reads a registration or webinar attendee report as a roster
//!   [`Import`](crate::roster::Import).
//!
//! As with the roster, a row that cannot be read does not stop the reading: it is listed with
//! its file line and a reason. Only a file that cannot be read at all is an error.

mod attendance;
mod participants;
mod registration;
mod time;

pub(crate) use crate::tabular as text;

use std::fmt;

pub use attendance::{Attendance, Matched, MatchedBy, match_by_hand, match_roster, merge};
pub use participants::{
    Meeting, ParticipantsReport, Presence, load_participants, read_participants,
};
pub use registration::{load_registration, read_registration};
pub use time::DateOrder;

/// A problem with a Zoom file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// 1-based line; 0 when the problem is not tied to a line (the file cannot be opened).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    /// `file:line: message`, or `file: message` when no line applies.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for ImportError {}

/// Turns the bytes of a Zoom file into text, or says where they stop being UTF-8 (or that
/// they are UTF-16, or a spreadsheet workbook). `file_name` is used in messages only.
pub fn decode(file_name: &str, bytes: &[u8]) -> Result<String, ImportError> {
    text::decode_bytes(bytes).map_err(|p| ImportError {
        file: file_name.to_owned(),
        line: p.line,
        message: p.message,
    })
}

/// Reads a list of people: Zoom's registration report when it looks like one (a `First Name`
/// column, or a webinar's `Attendee Details` section), else convene's roster CSV.
pub fn load_people(
    path: &std::path::Path,
) -> Result<crate::roster::Import, crate::roster::RosterError> {
    let head = std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase())
        .unwrap_or_default();
    let first_line = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.contains("first name") || head.contains("attendee details") {
        load_registration(path)
    } else {
        crate::roster::load_roster(path)
    }
}
