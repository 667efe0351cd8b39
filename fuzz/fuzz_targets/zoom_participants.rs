//! The Zoom participants report reader: any bytes, read in any time zone and date order, give
//! a report (merged into one attendance a person) or an error, never a panic.
#![no_main]

use chrono_tz::Tz;
use convene::import::{DateOrder, decode, merge, read_participants};
use libfuzzer_sys::fuzz_target;

/// Zones with a half-hour offset, a daylight saving change, and none.
const ZONES: [Tz; 4] = [
    chrono_tz::UTC,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
];

fuzz_target!(|bytes: &[u8]| {
    // The first byte picks the zone and the date order; the rest is the file.
    let Some((&pick, file)) = bytes.split_first() else {
        return;
    };
    let tz = ZONES[usize::from(pick) % ZONES.len()];
    let order = match (pick / 4) % 3 {
        0 => DateOrder::Auto,
        1 => DateOrder::MonthFirst,
        _ => DateOrder::DayFirst,
    };
    let text = match decode("fuzz.csv", file) {
        Ok(text) => text,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    match read_participants("fuzz.csv", &text, tz, order) {
        Ok(report) => {
            for refused in &report.refused {
                let _ = refused.to_string();
            }
            let _ = merge(&report);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
