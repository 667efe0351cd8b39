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

pub use attendance::{Attendance, Matched, MatchedBy, match_by_hand, match_roster, merge};
pub use participants::{
    Meeting, ParticipantsReport, Presence, load_participants, read_participants,
};
pub use registration::{load_registration, read_registration};
pub use time::DateOrder;

pub use crate::tabular::{FileError, decode};

/// Reads a list of people: Zoom's registration report when it looks like one (a `First Name`
/// column, or a webinar's `Attendee Details` section), else convene's roster CSV.
pub fn load_people(path: &std::path::Path) -> Result<crate::roster::Import, FileError> {
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
