//! The time-zone strip: what time it is, now and at the start of a block, for each place the
//! participants join from, with the times outside waking hours and on another day marked.
//!
//! ```text
//!       Karachi  Kathmandu  Jakarta  Manila
//! Now   11:00    11:45      13:00    14:00
//! Start 15:00    15:45      17:00    18:00
//! ```

use chrono::{DateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthChar;

use super::{text, theme};

/// Width of the left label column ("Now", "Start"), including its gap.
pub const LABEL_WIDTH: u16 = 6;

/// Cells of "HH:MM".
const TIME_WIDTH: usize = 5;

/// Cells of a day mark ("+1", "-1") after a time.
const SHIFT_WIDTH: usize = 2;

/// Cells a place name is cut to when the full names do not fit.
const ABBREVIATED: usize = 3;

/// First local hour inside working hours.
const DAY_STARTS: u32 = 7;

/// First local hour outside working hours again.
const DAY_ENDS: u32 = 22;

/// One place's time at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneCell {
    pub place: String,
    /// Local time, `HH:MM`.
    pub time: String,
    /// Local time before 07:00 or at/after 22:00.
    pub outside_hours: bool,
    /// The place's local date minus the workshop zone's date at the same instant, in days,
    /// clamped to -1..=1: +1 when the place is already on the next day, -1 when it is still on
    /// the previous one.
    pub day_shift: i8,
}

/// Local time before 07:00 or at/after 22:00: too early or too late to expect people online.
pub fn is_outside_hours(local: NaiveTime) -> bool {
    local.hour() < DAY_STARTS || local.hour() >= DAY_ENDS
}

/// Each place's local time at `at`, compared with the date in `workshop_tz` at `at`.
pub fn zone_cells(places: &[(String, Tz)], at: DateTime<Utc>, workshop_tz: Tz) -> Vec<ZoneCell> {
    let workshop_date = at.with_timezone(&workshop_tz).date_naive();
    places
        .iter()
        .map(|(place, tz)| {
            let local = at.with_timezone(tz);
            let days = (local.date_naive() - workshop_date).num_days().clamp(-1, 1);
            ZoneCell {
                place: place.clone(),
                time: local.format("%H:%M").to_string(),
                outside_hours: is_outside_hours(local.time()),
                day_shift: i8::try_from(days).unwrap_or(0),
            }
        })
        .collect()
}

/// Rows the strip takes: the names and the current times, and the block start when there is one.
pub fn rows_needed(has_block: bool) -> u16 {
    if has_block { 3 } else { 2 }
}

/// The time-zone strip widget; see the module documentation.
#[derive(Debug, Clone)]
pub struct ZoneStrip<'a> {
    pub places: &'a [(String, Tz)],
    pub workshop_tz: Tz,
    pub now: DateTime<Utc>,
    /// A label (e.g. "Start" or a shortened block title, cut to 5 cells) and the instant to show.
    pub block_start: Option<(String, DateTime<Utc>)>,
}

/// One column of the strip, as laid out.
struct Column {
    name: String,
    /// Cells of content, without the gap after it.
    width: usize,
}

/// First `max` cells of `s`, without an ellipsis; zero-width marks after the last character kept
/// stay with it.
fn abbreviate(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

fn time_style(cell: &ZoneCell) -> Style {
    if cell.outside_hours {
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    }
}

fn shift_mark(day_shift: i8) -> Option<&'static str> {
    match day_shift {
        1.. => Some("+1"),
        ..=-1 => Some("-1"),
        0 => None,
    }
}

/// Writes `s` at (x, y), never past `right`; returns the column after it. The caller keeps
/// `y` and `x` inside the buffer.
fn put(buf: &mut Buffer, x: u16, y: u16, right: u16, s: &str, style: Style) -> u16 {
    if x >= right {
        return x;
    }
    buf.set_stringn(x, y, s, usize::from(right - x), style).0
}

/// Lays out the columns: full names when they all fit, else names cut to 3 cells with narrower
/// gaps, and then only as many places as fit. Each column is as wide as its name and its times
/// (5 cells, 7 with a day mark), at least 5, plus the gap; the last column needs no gap.
fn layout(names: &[&str], shifted: &[bool], width: u16) -> (Vec<Column>, usize) {
    let available = usize::from(width.saturating_sub(LABEL_WIDTH));
    let build = |abbreviate_names: bool| -> Vec<Column> {
        names
            .iter()
            .zip(shifted)
            .map(|(name, &shifted)| {
                let name = if abbreviate_names {
                    abbreviate(name, ABBREVIATED)
                } else {
                    (*name).to_string()
                };
                let time = TIME_WIDTH + if shifted { SHIFT_WIDTH } else { 0 };
                let width = text::width(&name).max(time);
                Column { name, width }
            })
            .collect()
    };
    let needed =
        |cols: &[Column], gap: usize| cols.iter().map(|c| c.width + gap).sum::<usize>() - gap;

    let full = build(false);
    if full.is_empty() || needed(&full, 2) <= available {
        return (full, 2);
    }
    let mut short = build(true);
    let mut used = 0;
    let mut fit = 0;
    for col in &short {
        let extra = if fit == 0 { col.width } else { col.width + 1 };
        if used + extra > available {
            break;
        }
        used += extra;
        fit += 1;
    }
    short.truncate(fit.max(1));
    (short, 1)
}

impl Widget for ZoneStrip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self).render(area, buf);
    }
}

impl Widget for &ZoneStrip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let now = zone_cells(self.places, self.now, self.workshop_tz);
        let block = self
            .block_start
            .as_ref()
            .map(|(label, at)| (label, zone_cells(self.places, *at, self.workshop_tz)));

        let names: Vec<&str> = self.places.iter().map(|(name, _)| name.as_str()).collect();
        let shifted: Vec<bool> = (0..names.len())
            .map(|i| {
                now.get(i).is_some_and(|c| c.day_shift != 0)
                    || block
                        .as_ref()
                        .and_then(|(_, cells)| cells.get(i))
                        .is_some_and(|c| c.day_shift != 0)
            })
            .collect();
        let (columns, gap) = layout(&names, &shifted, area.width);

        let right = area.right();
        let label_cells = usize::from(LABEL_WIDTH - 1);
        let mut rows: Vec<(Option<String>, Option<&[ZoneCell]>)> =
            vec![(None, None), (Some("Now".to_string()), Some(&now))];
        if let Some((label, cells)) = &block {
            rows.push((Some(text::fit(label, label_cells)), Some(cells.as_slice())));
        }

        for ((label, cells), y) in rows.into_iter().zip(area.top()..area.bottom()) {
            if let Some(label) = label {
                put(buf, area.x, y, right, &label, theme::dim());
            }
            let mut x = area.x.saturating_add(LABEL_WIDTH);
            for (i, col) in columns.iter().enumerate() {
                if x >= right {
                    break;
                }
                match cells.and_then(|cells| cells.get(i)) {
                    None => {
                        put(buf, x, y, right, &col.name, theme::title());
                    }
                    Some(cell) => {
                        let after = put(buf, x, y, right, &cell.time, time_style(cell));
                        if let Some(mark) = shift_mark(cell.day_shift) {
                            put(buf, after, y, right, mark, theme::dim());
                        }
                    }
                }
                let step = u16::try_from(col.width + gap).unwrap_or(u16::MAX);
                x = x.saturating_add(step);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Asia;
    use chrono_tz::Indian;

    fn places() -> Vec<(String, Tz)> {
        [
            ("Karachi", Asia::Karachi),
            ("Kolkata", Asia::Kolkata),
            ("Kathmandu", Asia::Kathmandu),
            ("Malé", Indian::Maldives),
            ("Bangkok", Asia::Bangkok),
            ("Jakarta", Asia::Jakarta),
            ("Makassar", Asia::Makassar),
            ("Manila", Asia::Manila),
        ]
        .into_iter()
        .map(|(n, tz)| (n.to_string(), tz))
        .collect()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        match Utc.with_ymd_and_hms(y, mo, d, h, mi, 0) {
            chrono::LocalResult::Single(t) => t,
            _ => panic!("bad test time"),
        }
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn cell<'a>(cells: &'a [ZoneCell], place: &str) -> &'a ZoneCell {
        cells.iter().find(|c| c.place == place).unwrap()
    }

    fn buffer_text(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                let mut row = String::new();
                let mut x = area.left();
                while x < area.right() {
                    let symbol = buf[(x, y)].symbol();
                    row.push_str(symbol);
                    x += u16::try_from(text::width(symbol).max(1)).unwrap();
                }
                row
            })
            .collect()
    }

    fn strip(places: &[(String, Tz)], block: bool) -> ZoneStrip<'_> {
        ZoneStrip {
            places,
            workshop_tz: Asia::Jakarta,
            now: utc(2021, 11, 8, 6, 0),
            block_start: block.then(|| ("Start".to_string(), utc(2021, 11, 8, 8, 30))),
        }
    }

    #[test]
    fn one_pm_in_jakarta_across_the_region() {
        let cells = zone_cells(&places(), utc(2021, 11, 8, 6, 0), Asia::Jakarta);
        let expected = [
            ("Karachi", "11:00"),
            ("Kolkata", "11:30"),
            ("Kathmandu", "11:45"),
            ("Malé", "11:00"),
            ("Bangkok", "13:00"),
            ("Jakarta", "13:00"),
            ("Makassar", "14:00"),
            ("Manila", "14:00"),
        ];
        assert_eq!(cells.len(), expected.len());
        for (place, t) in expected {
            let c = cell(&cells, place);
            assert_eq!(c.time, t, "{place}");
            assert!(!c.outside_hours, "{place}");
            assert_eq!(c.day_shift, 0, "{place}");
        }
    }

    #[test]
    fn working_hours() {
        assert!(is_outside_hours(time(6, 30)));
        assert!(is_outside_hours(time(6, 59)));
        assert!(!is_outside_hours(time(7, 0)));
        assert!(!is_outside_hours(time(21, 59)));
        assert!(is_outside_hours(time(22, 0)));
        assert!(is_outside_hours(time(23, 59)));
        assert!(is_outside_hours(time(0, 0)));

        // 01:30 UTC: 06:30 in Karachi (too early), 09:30 in Manila.
        let cells = zone_cells(&places(), utc(2021, 11, 8, 1, 30), Asia::Jakarta);
        assert!(cell(&cells, "Karachi").outside_hours);
        assert_eq!(cell(&cells, "Karachi").time, "06:30");
        assert!(!cell(&cells, "Manila").outside_hours);
    }

    #[test]
    fn day_shift_is_relative_to_the_workshop_zone_date() {
        // 23:30 UTC on 8 Nov: in a workshop run on UTC it is still the 8th, while Manila
        // (07:30) and Karachi (04:30, outside hours) are already on the 9th.
        let late = utc(2021, 11, 8, 23, 30);
        let cells = zone_cells(&places(), late, Tz::UTC);
        let manila = cell(&cells, "Manila");
        assert_eq!(manila.time, "07:30");
        assert_eq!(manila.day_shift, 1);
        assert!(!manila.outside_hours);
        let karachi = cell(&cells, "Karachi");
        assert_eq!((karachi.time.as_str(), karachi.day_shift), ("04:30", 1));
        assert!(karachi.outside_hours);

        // The same instant in a workshop run on Jakarta time: everyone is on the 9th.
        let cells = zone_cells(&places(), late, Asia::Jakarta);
        assert!(cells.iter().all(|c| c.day_shift == 0));

        // 16:30 UTC: 23:30 on the 8th in Jakarta, 00:30 on the 9th in Manila.
        let cells = zone_cells(&places(), utc(2021, 11, 8, 16, 30), Asia::Jakarta);
        assert_eq!(cell(&cells, "Manila").day_shift, 1);
        assert_eq!(cell(&cells, "Makassar").day_shift, 1);
        assert_eq!(cell(&cells, "Jakarta").day_shift, 0);
        assert_eq!(cell(&cells, "Karachi").day_shift, 0);

        // Seen from Manila, Jakarta is still on the previous day.
        let cells = zone_cells(&places(), utc(2021, 11, 8, 16, 30), Asia::Manila);
        assert_eq!(cell(&cells, "Jakarta").day_shift, -1);
        assert_eq!(cell(&cells, "Manila").day_shift, 0);

        // More than a day apart is clamped.
        let far = vec![("Kiritimati".to_string(), chrono_tz::Pacific::Kiritimati)];
        let cells = zone_cells(&far, utc(2021, 11, 8, 11, 30), chrono_tz::Etc::GMTPlus12);
        assert_eq!(cells[0].day_shift, 1);
    }

    #[test]
    fn rows() {
        assert_eq!(rows_needed(false), 2);
        assert_eq!(rows_needed(true), 3);
    }

    #[test]
    fn renders_full_names_when_wide() {
        let places = places();
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 3));
        strip(&places, true).render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        let all = rows.join("\n");
        assert!(all.contains("Kathmandu"), "{all}");
        assert!(all.contains("11:45"), "{all}");
        assert!(rows[0].starts_with("      Karachi  Kolkata  Kathmandu  Malé   Bangkok"));
        assert!(rows[1].starts_with("Now   11:00    11:30    11:45      11:00  13:00"));
        // 08:30 UTC.
        assert!(rows[2].starts_with("Start 13:30    14:00    14:15      13:30  15:30"));
        // Times line up under their names.
        let col = rows[0].find("Kathmandu").unwrap();
        assert_eq!(rows[1].find("11:45"), Some(col));
        assert_eq!(rows[2].find("14:15"), Some(col));
    }

    #[test]
    fn styles_times_outside_hours_and_marks_other_days() {
        let places = vec![
            ("Karachi".to_string(), Asia::Karachi),
            ("Manila".to_string(), Asia::Manila),
        ];
        // 16:30 UTC: 21:30 in Karachi, 23:30 in Jakarta, 00:30 tomorrow in Manila.
        let strip = ZoneStrip {
            places: &places,
            workshop_tz: Asia::Jakarta,
            now: utc(2021, 11, 8, 16, 30),
            block_start: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 2));
        strip.render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        assert_eq!(rows[0].trim_end(), "      Karachi  Manila");
        assert_eq!(rows[1].trim_end(), "Now   21:30    00:30+1");

        let karachi = 6;
        let manila = 6 + 9;
        assert_eq!(buf[(karachi, 1)].fg, Color::Reset);
        assert_eq!(buf[(manila, 1)].fg, Color::Red);
        assert!(buf[(manila, 1)].modifier.contains(Modifier::BOLD));
        assert_eq!(buf[(manila + 5, 1)].symbol(), "+");
        assert_eq!(buf[(manila + 5, 1)].fg, theme::dim().fg.unwrap());
    }

    #[test]
    fn day_marks_do_not_run_into_the_next_column() {
        let places = vec![
            ("Malé".to_string(), Indian::Maldives),
            ("Manila".to_string(), Asia::Manila),
        ];
        let strip = ZoneStrip {
            places: &places,
            workshop_tz: Tz::UTC,
            now: utc(2021, 11, 8, 23, 30),
            block_start: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 2));
        strip.render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        assert_eq!(rows[0].trim_end(), "      Malé     Manila");
        assert_eq!(rows[1].trim_end(), "Now   04:30+1  07:30+1");
    }

    #[test]
    fn abbreviates_when_narrow() {
        let places = places();
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 3));
        strip(&places, true).render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        let all = rows.join("\n");
        assert!(!all.contains("Kathmandu"), "{all}");
        assert_eq!(
            rows[0].trim_end(),
            "      Kar   Kol   Kat   Mal   Ban",
            "{all}"
        );
        assert_eq!(
            rows[1].trim_end(),
            "Now   11:00 11:30 11:45 11:00 13:00",
            "{all}"
        );
        assert!(rows[2].starts_with("Start 13:30"), "{all}");
        // Only whole columns: five places fit in 40 cells, the sixth is left out.
        assert!(!rows[0].contains("Jak"), "{all}");
        assert!(rows.iter().all(|r| text::width(r) == 40));
    }

    #[test]
    fn abbreviation_is_by_cells() {
        assert_eq!(abbreviate("Kathmandu", 3), "Kat");
        assert_eq!(abbreviate("Malé", 3), "Mal");
        assert_eq!(abbreviate("東京都", 3), "東");
        assert!(!abbreviate("काठमाडौं", 3).is_empty());
        assert!(text::width(&abbreviate("काठमाडौं", 3)) <= 3);
        assert_eq!(abbreviate("", 3), "");
    }

    #[test]
    fn long_labels_are_cut() {
        let places = places();
        let mut s = strip(&places, true);
        s.block_start = Some(("Breakout rooms".to_string(), utc(2021, 11, 8, 8, 30)));
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 3));
        s.render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        assert!(rows[2].starts_with("Brea… 13:30"), "{}", rows[2]);
    }

    #[test]
    fn any_area_is_safe() {
        let places = places();
        let mut buf = Buffer::empty(Rect::new(0, 0, 0, 0));
        strip(&places, true).render(buf.area, &mut buf);
        strip(&places, true).render(Rect::new(3, 3, 50, 5), &mut buf);

        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        for w in 0..12 {
            for h in 0..4 {
                strip(&places, true).render(Rect::new(0, 0, w, h), &mut buf);
                strip(&places, false).render(Rect::new(2, 1, w, h), &mut buf);
                strip(&[], true).render(Rect::new(0, 0, w, h), &mut buf);
            }
        }
        strip(&places, true).render(Rect::new(u16::MAX - 2, u16::MAX - 2, 2, 2), &mut buf);

        // One row: the names only; too narrow for even one column: cut at the edge.
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 1));
        strip(&places, true).render(buf.area, &mut buf);
        assert_eq!(buffer_text(&buf)[0], "      Kar");
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        strip(&places, true).render(buf.area, &mut buf);
        assert_eq!(buffer_text(&buf)[1], "Now   11");
    }

    #[test]
    fn a_single_place_and_no_places() {
        let one = vec![("Kathmandu".to_string(), Asia::Kathmandu)];
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
        strip(&one, false).render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        assert_eq!(rows[0].trim_end(), "      Kathmandu");
        assert_eq!(rows[1].trim_end(), "Now   11:45");

        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        strip(&[], true).render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        assert_eq!(rows[1].trim_end(), "Now");
        assert_eq!(rows[2].trim_end(), "Start");
    }
}
