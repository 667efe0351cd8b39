//! Dates and times as Zoom writes them in reports, in the account's time zone.
//!
//! Three shapes occur, with `/`, `-` or `.` between the date's parts:
//!
//! * `MM/DD/YYYY hh:mm:ss AM/PM` (US exports; the hour may lack its leading zero),
//! * `DD/MM/YYYY HH:MM` (other locales; seconds may follow),
//! * `YYYY/M/D H:MM` (East Asian locales; seconds may follow).
//!
//! Whether a date with the year last starts with the month or the day is not written in the
//! file: [`DateOrder`] says, or lets the reader decide from the whole file.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// How to read a date whose year comes last (`03/04/2021`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// `MM/DD/YYYY`, as in US exports.
    MonthFirst,
    /// `DD/MM/YYYY`.
    DayFirst,
    /// Decided once for the whole file: month first when any time has AM/PM, else day first
    /// when any date starts with a number above 12, else month first.
    #[default]
    Auto,
}

/// Month first or day first, once [`DateOrder::Auto`] has been decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    MonthFirst,
    DayFirst,
}

impl Order {
    fn pattern(self) -> &'static str {
        match self {
            Order::MonthFirst => "month/day/year",
            Order::DayFirst => "day/month/year",
        }
    }
}

/// Decides the order for a file from all its date cells.
pub(crate) fn decide<'a>(order: DateOrder, cells: impl IntoIterator<Item = &'a str>) -> Order {
    match order {
        DateOrder::MonthFirst => Order::MonthFirst,
        DateOrder::DayFirst => Order::DayFirst,
        DateOrder::Auto => {
            let mut day_first = false;
            for cell in cells {
                let Some(shape) = Shape::of(cell) else {
                    continue;
                };
                if shape.meridiem.is_some() {
                    return Order::MonthFirst;
                }
                if !shape.year_first && shape.first > 12 {
                    day_first = true;
                }
            }
            if day_first {
                Order::DayFirst
            } else {
                Order::MonthFirst
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// The numbers of a date and time, before their meaning is settled.
struct Shape {
    /// The date's three numbers in file order, with how many digits each had.
    date: [(u32, usize); 3],
    first: u32,
    year_first: bool,
    /// Hour, minute, second.
    time: (u32, u32, u32),
    meridiem: Option<Meridiem>,
}

impl Shape {
    fn of(cell: &str) -> Option<Shape> {
        let cell = cell.trim();
        let (date_part, time_part) = cell.split_once(|c: char| c.is_whitespace() || c == 'T')?;

        let mut date = [(0u32, 0usize); 3];
        let mut parts = date_part.split(['/', '-', '.']);
        for slot in &mut date {
            *slot = number(parts.next()?)?;
        }
        if parts.next().is_some() {
            return None;
        }

        let mut time_part = time_part.trim();
        let mut meridiem = None;
        let upper = time_part.to_ascii_uppercase();
        for (suffix, which) in [("AM", Meridiem::Am), ("PM", Meridiem::Pm)] {
            if upper.ends_with(suffix) {
                meridiem = Some(which);
                time_part = time_part
                    .get(..time_part.len() - suffix.len())
                    .unwrap_or_default()
                    .trim_end();
            }
        }
        let mut pieces = time_part.split(':');
        let (hour, _) = number(pieces.next()?)?;
        let (minute, _) = number(pieces.next()?)?;
        let second = match pieces.next() {
            Some(text) => number(text)?.0,
            None => 0,
        };
        if pieces.next().is_some() {
            return None;
        }

        Some(Shape {
            first: date[0].0,
            year_first: date[0].1 == 4,
            date,
            time: (hour, minute, second),
            meridiem,
        })
    }
}

/// A run of 1 to 4 ASCII digits, with how many there were.
fn number(text: &str) -> Option<(u32, usize)> {
    let text = text.trim();
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((text.parse().ok()?, text.len()))
}

/// Reads a date and time as written in the file, or says (in a phrase that can follow the
/// cell's value) why it cannot.
pub(crate) fn parse_naive(cell: &str, order: Order) -> Result<NaiveDateTime, String> {
    let expected = || match order {
        Order::MonthFirst => {
            "is not a date and time such as 11/19/2021 9:54:15 AM (month/day/year)".to_owned()
        }
        Order::DayFirst => {
            "is not a date and time such as 19/11/2021 09:54 (day/month/year)".to_owned()
        }
    };
    let shape = Shape::of(cell).ok_or_else(expected)?;
    let [a, b, c] = shape.date;
    let (year, month, day, pattern) = if shape.year_first {
        (a, b, c, "year/month/day")
    } else if c.1 != 4 {
        return Err(expected());
    } else {
        match order {
            Order::MonthFirst => (c, a, b, order.pattern()),
            Order::DayFirst => (c, b, a, order.pattern()),
        }
    };
    let year = i32::try_from(year.0).map_err(|_| expected())?;
    let date = NaiveDate::from_ymd_opt(year, month.0, day.0).ok_or_else(|| {
        format!(
            "is not a date: read as {pattern}, month {} day {} does not exist",
            month.0, day.0
        )
    })?;

    let (hour, minute, second) = shape.time;
    let hour = match shape.meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => {
            return Err(format!("is not a time: hour {hour} with AM/PM"));
        }
        Some(Meridiem::Am) => hour % 12,
        Some(Meridiem::Pm) => hour % 12 + 12,
    };
    let time = NaiveTime::from_hms_opt(hour, minute, second)
        .ok_or_else(|| format!("is not a time: {hour}:{minute:02}:{second:02} does not exist"))?;
    Ok(date.and_time(time))
}

/// The instant a wall-clock time in `tz` stands for. A time repeated when clocks go back is
/// taken the first time; a time skipped when clocks go forward is read with the offset in
/// force just before the change.
pub(crate) fn in_zone(naive: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    if let Some(time) = tz.from_local_datetime(&naive).earliest() {
        return time.with_timezone(&Utc);
    }
    let offset_before = naive
        .checked_sub_signed(Duration::hours(1))
        .and_then(|earlier| tz.from_local_datetime(&earlier).earliest())
        .map(|earlier| earlier.offset().fix().local_minus_utc());
    offset_before
        .and_then(|seconds| naive.checked_sub_signed(Duration::seconds(i64::from(seconds))))
        .map_or_else(
            // No zone skips more than an hour at once in practice; fall back to UTC.
            || Utc.from_utc_datetime(&naive),
            |utc| Utc.from_utc_datetime(&utc),
        )
}

/// The second instant a wall-clock time stands for, when clocks going back repeat it.
pub(crate) fn second_time(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Ambiguous(_, later) => Some(later.with_timezone(&Utc)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, order: Order) -> String {
        match parse_naive(text, order) {
            Ok(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn reads_every_shape() {
        for (text, order, read) in [
            (
                "11/19/2021 9:54:15 AM",
                Order::MonthFirst,
                "2021-11-19 09:54:15",
            ),
            (
                "11/19/2021 12:05:00 AM",
                Order::MonthFirst,
                "2021-11-19 00:05:00",
            ),
            (
                "11/19/2021 12:05:00 pm",
                Order::MonthFirst,
                "2021-11-19 12:05:00",
            ),
            ("19/11/2021 13:05", Order::DayFirst, "2021-11-19 13:05:00"),
            ("2021/3/4 9:05", Order::DayFirst, "2021-03-04 09:05:00"),
        ] {
            assert_eq!(at(text, order), read, "{text}");
        }
        for (text, order) in [
            ("19/11/2021 13:05", Order::MonthFirst),
            ("11/19/2021 13:05:00 PM", Order::MonthFirst),
            ("11/19/21 1:05 PM", Order::MonthFirst),
        ] {
            assert!(at(text, order).starts_with("error"), "{text}");
        }
    }

    #[test]
    fn auto_decides_per_file() {
        let cases: [(&[&str], Order); 4] = [
            (&["03/04/2021 10:00", "13/04/2021 10:00"], Order::DayFirst),
            (
                &["13/04/2021 10:00", "03/04/2021 1:00 PM"],
                Order::MonthFirst,
            ),
            (&["03/04/2021 10:00"], Order::MonthFirst),
            (&["2021/11/19 10:00"], Order::MonthFirst),
        ];
        for (cells, order) in cases {
            assert_eq!(
                decide(DateOrder::Auto, cells.iter().copied()),
                order,
                "{cells:?}"
            );
        }
    }

    #[test]
    fn skipped_times_use_the_earlier_offset() {
        let tz: Tz = chrono_tz::Europe::Berlin;
        let naive = NaiveDate::from_ymd_opt(2021, 3, 28)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .unwrap_or_default();
        assert_eq!(in_zone(naive, tz).to_rfc3339(), "2021-03-28T01:30:00+00:00");
    }
}
