//! The time of one instant in every participant place of a programme, as the agenda, the
//! chat messages and the review write it: places that read the same time share it
//! (`11:00 Karachi / Malé`), the workshop's own zone first.

use chrono::{DateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

use super::{Workshop, place_name};

/// The earliest time of day, and the first time of the night, that participants should not be
/// asked to attend without a warning: a time before 07:00 or from 22:00 is marked.
pub const EARLIEST: u32 = 7;
pub const LATEST: u32 = 22;

/// Whether a local time is before 07:00 or from 22:00.
pub fn unsociable(t: NaiveTime) -> bool {
    t.hour() < EARLIEST || t.hour() >= LATEST
}

/// One time in one or more places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceTime {
    /// `HH:MM`.
    pub time: String,
    pub places: Vec<String>,
    /// Days from the date in the workshop's zone: `1` for the next day, `-1` for the one
    /// before.
    pub day_offset: i64,
    /// Before 07:00 or from 22:00.
    pub unsociable: bool,
}

impl PlaceTime {
    /// `11:00 Karachi / Malé`, with `(+1 day)` when the date is another.
    pub fn text(&self) -> String {
        let mark = match self.day_offset {
            0 => String::new(),
            d if d > 0 => format!(" (+{d} day)"),
            d => format!(" ({d} day)"),
        };
        format!("{} {}{mark}", self.time, self.places.join(" / "))
    }
}

/// The places of the programme with their zones, the workshop's zone first (named by the
/// first place in it, or by the zone itself when no participant place is in it).
pub fn places_in_order(w: &Workshop) -> Vec<(String, Tz)> {
    let mut out: Vec<(String, Tz)> = w
        .places
        .iter()
        .filter(|(_, z)| *z == w.tz)
        .cloned()
        .collect();
    if out.is_empty() {
        out.push((place_name(w.tz.name()), w.tz));
    }
    out.extend(w.places.iter().filter(|(_, z)| *z != w.tz).cloned());
    out
}

/// The instant in every place, places with the same time (and date) together, the workshop's
/// zone first and the others in the programme's order.
pub fn place_times(w: &Workshop, at: DateTime<Utc>) -> Vec<PlaceTime> {
    let home = at.with_timezone(&w.tz).date_naive();
    let mut out: Vec<PlaceTime> = Vec::new();
    for (place, zone) in places_in_order(w) {
        let local = at.with_timezone(&zone);
        let time = local.format("%H:%M").to_string();
        let day_offset = (local.date_naive() - home).num_days();
        match out
            .iter_mut()
            .find(|p| p.time == time && p.day_offset == day_offset)
        {
            Some(same) => same.places.push(place),
            None => out.push(PlaceTime {
                time,
                places: vec![place],
                day_offset,
                unsociable: unsociable(local.time()),
            }),
        }
    }
    out
}

/// `13:00 Jakarta / Bangkok · 11:00 Karachi / Malé · 11:30 Kolkata · …`.
pub fn times_line(w: &Workshop, at: DateTime<Utc>) -> String {
    place_times(w, at)
        .iter()
        .map(PlaceTime::text)
        .collect::<Vec<_>>()
        .join(" · ")
}
