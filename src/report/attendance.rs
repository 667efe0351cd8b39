//! Attendance across the workshop, for certificates: per person the minutes of each day with a
//! participants report, their share of that day's planned time, the total, and whether a
//! threshold is met. Read from the session's state (every day's `attendance_imported`).

use crate::core::State;
use crate::roster::Role;

/// One day of the workshop as attendance counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceDay {
    /// 0-based.
    pub day: usize,
    pub date: chrono::NaiveDate,
    /// The day's planned time, from its planned start to its planned end, in minutes.
    pub planned: u32,
    /// Whether a participants report was recorded for the day. A day without one is left out
    /// of every share and of the certificate: nobody's time on it is known.
    pub reported: bool,
}

/// One person of the roster across the days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonAttendance {
    pub name: String,
    pub email: Option<String>,
    pub country: Option<String>,
    pub role: Role,
    /// Minutes per day of [`WorkshopAttendance::days`]; `None` for a day without a report.
    pub minutes: Vec<Option<u32>>,
}

/// The whole workshop's attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopAttendance {
    pub days: Vec<AttendanceDay>,
    /// Everyone on the roster but observers, in roster order.
    pub people: Vec<PersonAttendance>,
    /// Per day with a report, the names Zoom showed that nobody on the roster was matched to.
    pub unmatched: Vec<(usize, Vec<(String, u32)>)>,
    /// The share of the planned time a certificate needs, in percent.
    pub threshold: Option<u32>,
}

/// A share of planned time: what counts (each day's minutes up to its planned time) over the
/// planned time of the days with a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub counted: u32,
    pub planned: u32,
}

impl Share {
    /// The share in whole percent, rounded down, so that 79.9 % never reads as 80 %.
    pub fn percent(self) -> Option<u32> {
        (self.planned > 0).then(|| {
            u32::try_from(u64::from(self.counted) * 100 / u64::from(self.planned))
                .unwrap_or(u32::MAX)
        })
    }

    /// Whether the share reaches `threshold` percent, exactly (no rounding).
    pub fn reaches(self, threshold: u32) -> bool {
        self.planned > 0
            && u64::from(self.counted) * 100 >= u64::from(threshold) * u64::from(self.planned)
    }
}

impl PersonAttendance {
    /// All the minutes on the days with a report.
    pub fn total(&self) -> u32 {
        self.minutes.iter().flatten().sum()
    }
}

impl WorkshopAttendance {
    /// The person's share of day `i` (an index into [`Self::days`]); `None` without a report.
    pub fn day_share(&self, person: &PersonAttendance, i: usize) -> Option<Share> {
        let day = self.days.get(i).filter(|d| d.reported)?;
        let minutes = person.minutes.get(i).copied().flatten()?;
        Some(Share {
            counted: minutes.min(day.planned),
            planned: day.planned,
        })
    }

    /// The person's share of the workshop: the days with a report together.
    pub fn total_share(&self, person: &PersonAttendance) -> Share {
        (0..self.days.len())
            .filter_map(|i| self.day_share(person, i))
            .fold(
                Share {
                    counted: 0,
                    planned: 0,
                },
                |a, s| Share {
                    counted: a.counted + s.counted,
                    planned: a.planned + s.planned,
                },
            )
    }

    /// Whether the person earns a certificate; `None` without a threshold or a report.
    pub fn certificate(&self, person: &PersonAttendance) -> Option<bool> {
        let threshold = self.threshold?;
        let share = self.total_share(person);
        (share.planned > 0).then(|| share.reaches(threshold))
    }

    /// The days without a report, 1-based, for a note under the table.
    pub fn days_without_report(&self) -> Vec<usize> {
        self.days
            .iter()
            .filter(|d| !d.reported)
            .map(|d| d.day + 1)
            .collect()
    }

    /// "No participants report was recorded for days 2 and 3", or `None` when every day has
    /// one.
    pub fn missing_reports(&self) -> Option<String> {
        let days: Vec<String> = self
            .days_without_report()
            .iter()
            .map(usize::to_string)
            .collect();
        let list = match days.as_slice() {
            [] => return None,
            [one] => format!("day {one}"),
            [rest @ .., last] => format!("days {} and {last}", rest.join(", ")),
        };
        Some(format!("No participants report was recorded for {list}"))
    }

    /// The table as CSV for a mail merge: one row a person, every cell formula-safe.
    pub fn csv(&self) -> Result<String, csv::Error> {
        let mut header: Vec<String> = ["name", "email", "country", "role"]
            .map(String::from)
            .to_vec();
        for d in &self.days {
            header.push(format!("day {} minutes", d.day + 1));
            header.push(format!("day {} percent", d.day + 1));
        }
        header.extend(["total minutes", "planned minutes", "total percent"].map(String::from));
        header.push(match self.threshold {
            Some(t) => format!("certificate ({t}%)"),
            None => "certificate".into(),
        });
        let rows = self.people.iter().map(|p| {
            let mut row = vec![
                p.name.clone(),
                p.email.clone().unwrap_or_default(),
                p.country.clone().unwrap_or_default(),
                p.role.label().to_string(),
            ];
            for i in 0..self.days.len() {
                let share = self.day_share(p, i);
                row.push(p.minutes[i].map(|m| m.to_string()).unwrap_or_default());
                row.push(
                    share
                        .and_then(Share::percent)
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                );
            }
            let total = self.total_share(p);
            row.push(p.total().to_string());
            row.push(total.planned.to_string());
            row.push(total.percent().map(|s| s.to_string()).unwrap_or_default());
            row.push(
                match self.certificate(p) {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                }
                .to_string(),
            );
            row
        });
        crate::tabular::csv_text(
            std::iter::once(header).chain(rows),
            crate::tabular::Ends::Lf,
        )
    }

    /// The table as lines of text, names padded to the widest (by display width).
    pub fn text_lines(&self) -> Vec<String> {
        use unicode_width::UnicodeWidthStr;
        let width = self
            .people
            .iter()
            .map(|p| p.name.width())
            .chain(std::iter::once("Name".len()))
            .max()
            .unwrap_or(0);
        let pad = |s: &str| format!("{s}{}", " ".repeat(width.saturating_sub(s.width())));
        let mut head = format!("  {}", pad("Name"));
        for d in &self.days {
            head.push_str(&format!(
                "  {:>12}",
                format!("Day {} {}", d.day + 1, d.date.format("%-d %b"))
            ));
        }
        head.push_str(&format!("  {:>13}", "Total"));
        if let Some(t) = self.threshold {
            head.push_str(&format!("  Certificate ({t}%)"));
        }
        let mut lines = vec![head];
        for p in &self.people {
            let mut line = format!("  {}", pad(&p.name));
            for i in 0..self.days.len() {
                line.push_str(&format!("  {:>12}", self.day_cell(p, i)));
            }
            let total = self.total_share(p);
            let percent = total
                .percent()
                .map(|s| format!(" {s:>3}%"))
                .unwrap_or_default();
            line.push_str(&format!("  {:>13}", format!("{} min{percent}", p.total())));
            match self.certificate(p) {
                Some(true) => line.push_str("  yes"),
                Some(false) => line.push_str("  no"),
                None => {}
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    /// `52 min  87%`, or `no report` for a day without one.
    pub fn day_cell(&self, person: &PersonAttendance, i: usize) -> String {
        match (
            person.minutes.get(i).copied().flatten(),
            self.day_share(person, i),
        ) {
            (Some(m), Some(share)) => {
                format!("{m} min {}%", share.percent().unwrap_or(0))
            }
            _ => "no report".into(),
        }
    }

    /// The planned minutes of each day, in words: `Day 1 (Mon 8 Nov): 210 min planned`.
    pub fn plan_line(&self) -> String {
        let days: Vec<String> = self
            .days
            .iter()
            .map(|d| {
                let report = if d.reported { "" } else { ", no report" };
                format!(
                    "Day {} ({}): {} min planned{report}",
                    d.day + 1,
                    d.date.format("%a %-d %b"),
                    d.planned
                )
            })
            .collect();
        days.join(" · ")
    }
}

/// One day's participants report, matched to the roster: `(day, source, present by key with
/// minutes, names the roster lacks with minutes)`.
pub type DayReport = (
    usize,
    String,
    Vec<(crate::core::PersonKey, u32)>,
    Vec<(String, u32)>,
);

/// Everyone's attendance across the workshop's days from each day's report rather than a
/// journal: the state a console would have after recording the roster and the reports.
pub fn from_reports(
    workshop: std::sync::Arc<crate::programme::Workshop>,
    roster: Vec<crate::roster::Participant>,
    days: Vec<DayReport>,
    threshold: Option<u32>,
) -> WorkshopAttendance {
    use crate::core::{Event, Stamped, Who};
    let at = workshop.day_start(0).unwrap_or_default();
    let mut state = State::new(workshop);
    let mut events = vec![Event::RosterImported {
        source: "roster".into(),
        participants: roster,
    }];
    events.extend(days.into_iter().map(|(day, source, present, unmatched)| {
        Event::AttendanceImported {
            day,
            source,
            present,
            unmatched,
        }
    }));
    for event in events {
        state.apply_batch(&Stamped::all([event], at, &Who::lead()));
    }
    workshop_attendance(&state, threshold)
}

/// The workshop's table from report files, and the rows they refused (`file:line: refused:
/// why`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromReports {
    pub table: WorkshopAttendance,
    pub refused: Vec<String>,
}

/// Everyone's attendance from each day's participants report: each report is taken as the day
/// its meeting was on (two reports of one day count together), its people matched to the
/// roster by email and name, then by hand with the `pairs` whose Zoom name that day's report
/// has. Refused, in words: a report that cannot be read, has no times, is of no day of the
/// workshop, or a pair that names nobody in any report or nobody on the roster.
pub fn from_report_files(
    workshop: std::sync::Arc<crate::programme::Workshop>,
    participants: Vec<crate::roster::Participant>,
    paths: &[std::path::PathBuf],
    (tz, dates): (chrono_tz::Tz, crate::import::DateOrder),
    pairs: &[(String, String)],
    threshold: Option<u32>,
) -> Result<FromReports, String> {
    use crate::import::{self, Presence};
    use crate::roster::{Roster, normalise_name};
    let roster = Roster { participants };
    let mut refused = Vec::new();
    let mut days: Vec<(usize, Vec<String>, Vec<Presence>)> = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let read = import::load_participants(path, tz, dates).map_err(|e| e.to_string())?;
        refused.extend(
            read.refused
                .iter()
                .map(|r| format!("{name}:{}: refused: {}", r.line, r.reason)),
        );
        let began = read.began(workshop.tz).ok_or_else(|| {
            format!("{name}: the report has no times, so it says no day of the workshop")
        })?;
        let day = (0..workshop.days().len())
            .find(|d| workshop.is_of_day(*d, began))
            .ok_or_else(|| {
                format!(
                    "{name}: this report is of a meeting on {}, which is no day of {}",
                    began.with_timezone(&workshop.tz).format("%a %-d %b %Y"),
                    workshop.programme.title
                )
            })?;
        match days.iter_mut().find(|(d, _, _)| *d == day) {
            Some((_, names, rows)) => {
                names.push(name);
                rows.extend(read.rows);
            }
            None => days.push((day, vec![name], read.rows)),
        }
    }
    let mut used = vec![false; pairs.len()];
    let mut reports = Vec::new();
    for (day, names, rows) in days {
        let read = import::ParticipantsReport {
            meeting: None,
            rows,
            refused: Vec::new(),
        };
        let (matched, unmatched) = import::match_roster(&roster, import::merge(&read));
        let today: Vec<(String, String)> = pairs
            .iter()
            .enumerate()
            .filter(|(_, (reported, _))| {
                unmatched.iter().any(|a| {
                    normalise_name(&a.name) == normalise_name(reported)
                        || a.email
                            .as_deref()
                            .is_some_and(|e| e.eq_ignore_ascii_case(reported))
                })
            })
            .map(|(i, pair)| {
                used[i] = true;
                pair.clone()
            })
            .collect();
        let (matched, unmatched) = import::match_by_hand(&roster, matched, unmatched, &today)
            .map_err(|e| format!("convene: --match: {e}"))?;
        let present = matched
            .iter()
            .filter_map(|m| {
                let p = roster.participants.get(m.participant)?;
                Some((p.key(), m.attendance.minutes))
            })
            .collect();
        let unmatched = unmatched.into_iter().map(|a| (a.name, a.minutes)).collect();
        reports.push((day, names.join(", "), present, unmatched));
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(format!(
            "convene: --match: “{}” is not among the people the roster lacks in any report",
            pairs[i].0
        ));
    }
    Ok(FromReports {
        table: from_reports(workshop, roster.participants, reports, threshold),
        refused,
    })
}

/// Everyone's attendance across the workshop's days, from the session's state.
pub fn workshop_attendance(state: &State, threshold: Option<u32>) -> WorkshopAttendance {
    let days: Vec<AttendanceDay> = (0..state.days.len())
        .filter_map(|d| {
            let date = state.workshop.day(d)?.date;
            let planned = match (state.day_start(d), state.planned_end(d)) {
                (Some(s), Some(e)) => u32::try_from((e - s).num_minutes().max(0)).unwrap_or(0),
                _ => 0,
            };
            Some(AttendanceDay {
                day: d,
                date,
                planned,
                reported: state.attendance.contains_key(&d),
            })
        })
        .collect();
    let people = state
        .roster
        .participants
        .iter()
        .filter(|p| p.role != Role::Observer)
        .map(|p| {
            let key = p.key();
            let minutes = days
                .iter()
                .map(|d| {
                    let a = state.attendance.get(&d.day)?;
                    Some(
                        a.present
                            .iter()
                            .filter(|(k, _)| *k == key)
                            .map(|(_, m)| *m)
                            .max()
                            .unwrap_or(0),
                    )
                })
                .collect();
            PersonAttendance {
                name: p.name.clone(),
                email: p.email.clone(),
                country: p.country.clone(),
                role: p.role,
                minutes,
            }
        })
        .collect();
    let unmatched = state
        .attendance
        .iter()
        .filter(|(_, a)| !a.unmatched.is_empty())
        .map(|(d, a)| (*d, a.unmatched.clone()))
        .collect();
    WorkshopAttendance {
        days,
        people,
        unmatched,
        threshold,
    }
}
