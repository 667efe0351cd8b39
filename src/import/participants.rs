//! The meeting participants report (Zoom: Reports > Usage > Participants).

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use csv::StringRecord;

use super::time::{DateOrder, Order, decide, in_zone, parse_naive, second_time};
use crate::roster::split_original;
use crate::tabular::{
    FileError, Header, Problems, Refused, Row, Table, clean_text, email_cell, header_key, quote,
};

/// The participant header of a US export, shown in messages as an example.
const EXAMPLE_HEADER: &str =
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest";

/// The meeting summary that a report exported "with meeting data" starts with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meeting {
    /// As written (`812 3456 7890` or `81234567890`).
    pub id: String,
    pub topic: String,
    /// Wall-clock time in the account's zone, as written.
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    /// The host's email, lowercased.
    pub host_email: Option<String>,
    /// The number of participants Zoom counted.
    pub participants: Option<u32>,
}

/// One row of the report: one stay of one person (or, in a "unique users" report, all of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    /// The display name, without a trailing `(Original Name)`.
    pub name: String,
    /// The name the person had before renaming themselves, when the cell gives one.
    pub original_name: Option<String>,
    /// Lowercased; `None` for guests and phone users without one.
    pub email: Option<String>,
    /// `None` in a "unique users" report, which has no times.
    pub join: Option<DateTime<Utc>>,
    pub leave: Option<DateTime<Utc>>,
    /// The `Duration` (or `Total Duration`) column; computed from the times (rounded up)
    /// when the report has no such column.
    pub minutes: u32,
    /// The `Guest` column: `None` when the report has none or the cell says neither yes nor no.
    pub guest: Option<bool>,
    /// 1-based file line where the row starts.
    pub line: usize,
}

/// A participants report as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParticipantsReport {
    pub meeting: Option<Meeting>,
    /// The rows read, in file order.
    pub rows: Vec<Presence>,
    /// Rows that were not read, in file order, with their line and why.
    pub refused: Vec<Refused>,
}

impl ParticipantsReport {
    /// When the meeting began: the start time of the meeting data, as a wall-clock time in
    /// `tz` (the zone the report was read in), else the earliest join of a row; `None` for a
    /// report with neither (a "unique users" report has no times).
    pub fn began(&self, tz: Tz) -> Option<DateTime<Utc>> {
        self.meeting
            .as_ref()
            .and_then(|m| m.start)
            .map(|start| in_zone(start, tz))
            .or_else(|| self.rows.iter().filter_map(|r| r.join).min())
    }
}

/// Reads a participants report file; see [`read_participants`].
pub fn load_participants(
    path: &Path,
    tz: Tz,
    order: DateOrder,
) -> Result<ParticipantsReport, FileError> {
    crate::tabular::load(path, "the participants report", |file, text| {
        read_participants(file, text, tz, order)
    })
}

/// Reads the text of a Zoom meeting participants report; `file_name` is used in messages
/// only. Times are read as wall-clock times in `tz`, the Zoom account's time zone (the file
/// does not say which it is); `order` says whether `03/04/2021` is the 4th of March or the
/// 3rd of April.
///
/// The report may start with a meeting summary (a header line beginning `Meeting ID`, then
/// one row), followed by a blank line or a line of commas, then the participant header.
/// Columns are found by meaning, in English (any case) or Japanese; other columns are
/// ignored. A row that cannot be read is listed in [`ParticipantsReport::refused`]; a file
/// that is not a participants report at all is an error.
pub fn read_participants(
    file_name: &str,
    text: &str,
    tz: Tz,
    order: DateOrder,
) -> Result<ParticipantsReport, FileError> {
    let expected =
        format!("a Zoom participants report starts with a header such as {EXAMPLE_HEADER}");
    let table = Table::read(file_name, text, b',', &expected)?;
    let (first_line, first) = &table.first;
    let mut rows = table.rest.iter();

    let mut meeting_row = None;
    let (header_line, header) = if is_summary_header(first) {
        let mut next = rows.next();
        if let Some((_, record)) = next
            && Columns::from_header(record).is_err()
        {
            meeting_row = Some(record);
            next = rows.next();
        }
        let Some((line, record)) = next else {
            return Err(FileError::new(
                file_name,
                *first_line,
                "the meeting summary is not followed by a participant header; export the \
                 report again with its participants",
            ));
        };
        (*line, record)
    } else {
        (*first_line, first)
    };
    let columns = Columns::from_header(header)
        .map_err(|message| FileError::new(file_name, header_line, message))?;
    let data: Vec<&Row> = rows.collect();

    let summary = meeting_row.map(|record| SummaryColumns::from_header(first).cells(record));
    let mut date_cells: Vec<&str> = Vec::new();
    if let Some(cells) = &summary {
        date_cells.extend([cells.start, cells.end]);
    }
    for (_, record) in &data {
        for at in [columns.join, columns.leave].into_iter().flatten() {
            date_cells.push(record.get(at).unwrap_or_default());
        }
    }
    let order = decide(order, date_cells);

    let (rows, refused) =
        table.read_each(data, |line, record| columns.read(record, line, tz, order));
    Ok(ParticipantsReport {
        meeting: summary.map(|cells| cells.meeting(order)),
        rows: rows.into_iter().map(|(_, presence)| presence).collect(),
        refused,
    })
}

/// Whether a record is the header of the meeting summary.
fn is_summary_header(record: &StringRecord) -> bool {
    record.iter().any(|cell| {
        matches!(
            header_key(cell).as_str(),
            "meetingid" | "webinarid" | "ミーティングid" | "ウェビナーid"
        )
    })
}

/// Where the summary's columns are.
#[derive(Default)]
struct SummaryColumns {
    id: Option<usize>,
    topic: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    host_email: Option<usize>,
    participants: Option<usize>,
}

/// The summary row's cells.
struct SummaryCells<'r> {
    id: &'r str,
    topic: &'r str,
    start: &'r str,
    end: &'r str,
    host_email: &'r str,
    participants: &'r str,
}

impl SummaryColumns {
    fn from_header(header: &StringRecord) -> Self {
        let mut columns = SummaryColumns::default();
        for (at, cell) in header.iter().enumerate() {
            let slot = match header_key(cell).as_str() {
                "meetingid" | "webinarid" | "ミーティングid" | "ウェビナーid" => {
                    &mut columns.id
                }
                "topic" | "トピック" => &mut columns.topic,
                "starttime" | "開始時刻" | "開始時間" => &mut columns.start,
                "endtime" | "終了時刻" | "終了時間" => &mut columns.end,
                "useremail" | "email" | "ユーザーメール" => &mut columns.host_email,
                "participants" | "参加者" | "参加者数" => &mut columns.participants,
                _ => continue,
            };
            slot.get_or_insert(at);
        }
        columns
    }

    fn cells<'r>(&self, record: &'r StringRecord) -> SummaryCells<'r> {
        let cell = |at: Option<usize>| at.and_then(|at| record.get(at)).unwrap_or_default();
        SummaryCells {
            id: cell(self.id),
            topic: cell(self.topic),
            start: cell(self.start),
            end: cell(self.end),
            host_email: cell(self.host_email),
            participants: cell(self.participants),
        }
    }
}

impl SummaryCells<'_> {
    fn meeting(&self, order: Order) -> Meeting {
        let time = |cell: &str| parse_naive(cell, order).ok();
        Meeting {
            id: clean_text(self.id),
            topic: clean_text(self.topic),
            start: time(self.start),
            end: time(self.end),
            host_email: Some(self.host_email.trim().to_lowercase()).filter(|e| !e.is_empty()),
            participants: self.participants.trim().parse().ok(),
        }
    }
}

/// Where each participant column is in the file.
struct Columns {
    header: Header,
    name: usize,
    /// Whether name cells read `Display Name (Original Name)`.
    with_original: bool,
    email: Option<usize>,
    join: Option<usize>,
    leave: Option<usize>,
    /// `Duration`, or else `Total Duration`.
    duration: Option<usize>,
    guest: Option<usize>,
}

impl Columns {
    /// Finds the columns by meaning, or says what is missing from the header found.
    fn from_header(record: &StringRecord) -> Result<Columns, String> {
        let header = Header::new(record);
        let mut name = None;
        let mut with_original = false;
        let (mut email, mut join, mut leave) = (None, None, None);
        let (mut duration, mut total, mut guest) = (None, None, None);
        for (at, label) in header.labels().iter().enumerate() {
            let slot = match header_key(label).as_str() {
                "name(originalname)" | "username(originalname)" | "名前(元の名前)" => {
                    if name.is_none() {
                        with_original = true;
                    }
                    &mut name
                }
                "name" | "username" | "displayname" | "名前" => &mut name,
                "useremail"
                | "email"
                | "emailaddress"
                | "e-mail"
                | "ユーザーメール"
                | "メール"
                | "メールアドレス" => &mut email,
                "jointime" | "参加時刻" | "参加時間" => &mut join,
                "leavetime" | "退出時刻" | "退出時間" => &mut leave,
                "duration(minutes)" | "duration(mins)" | "所要時間(分)" | "時間(分)" => {
                    &mut duration
                }
                "totalduration(minutes)" | "totalduration(mins)" | "合計所要時間(分)" => {
                    &mut total
                }
                "guest" | "ゲスト" => &mut guest,
                _ => continue,
            };
            slot.get_or_insert(at);
        }

        let mut missing = Vec::new();
        if name.is_none() {
            missing.push("a name column (`Name (Original Name)`)");
        }
        match (join, leave) {
            (Some(_), None) => missing.push("a `Leave Time` column to go with `Join Time`"),
            (None, Some(_)) => missing.push("a `Join Time` column to go with `Leave Time`"),
            (None, None) if duration.is_none() && total.is_none() => {
                missing.push("a duration column (`Duration (Minutes)`)");
            }
            _ => {}
        }
        match name {
            Some(name) if missing.is_empty() => Ok(Columns {
                header,
                name,
                with_original,
                email,
                join,
                leave,
                duration: duration.or(total),
                guest,
            }),
            _ => Err(format!(
                "this is not the participant header of a Zoom participants report: it lacks {} \
                 (header found: {}); expected a header such as {EXAMPLE_HEADER}",
                missing.join(" and "),
                header.listed()
            )),
        }
    }

    /// Reads one data row, or says why it cannot be read.
    fn read(
        &self,
        record: &StringRecord,
        line: usize,
        tz: Tz,
        order: Order,
    ) -> Result<Presence, String> {
        self.header.check_width(record)?;
        let cell = |at: usize| record.get(at).unwrap_or_default();
        let mut problems = Problems::default();

        let full_name = clean_text(cell(self.name));
        let (name, original_name) = if self.with_original {
            split_original(&full_name)
        } else {
            (full_name, None)
        };
        if name.is_empty() {
            problems.add(self.header.label(self.name), "the name is empty");
        }

        let email = self.email.and_then(|at| {
            email_cell(cell(at)).unwrap_or_else(|why| {
                problems.add(self.header.label(at), why);
                None
            })
        });

        let (join, leave) = self.stay(record, tz, order, &mut problems);
        let from_times = match (join, leave) {
            (Some(join), Some(leave)) => {
                let seconds = (leave - join).num_seconds().max(0);
                u32::try_from((seconds + 59) / 60).ok()
            }
            _ => None,
        };
        let minutes = match self.duration {
            Some(at) => {
                let raw = cell(at).trim();
                if raw.is_empty() {
                    if from_times.is_none() && self.join.is_none() {
                        problems.add(self.header.label(at), "the duration is empty");
                    }
                    from_times
                } else if let Ok(minutes) = raw.parse::<u32>() {
                    Some(minutes)
                } else {
                    problems.add(
                        self.header.label(at),
                        format_args!("{} is not a whole number of minutes", quote(raw)),
                    );
                    None
                }
            }
            None => from_times,
        };

        let guest = self
            .guest
            .and_then(|at| match cell(at).trim().to_lowercase().as_str() {
                "yes" | "y" | "true" | "はい" => Some(true),
                "no" | "n" | "false" | "いいえ" => Some(false),
                _ => None,
            });

        problems.check()?;
        Ok(Presence {
            name,
            original_name,
            email,
            join,
            leave,
            minutes: minutes.unwrap_or_default(),
            guest,
            line,
        })
    }

    /// The join and leave times of a row, noting in `problems` the cells that cannot be read
    /// and a leave before the join.
    fn stay(
        &self,
        record: &StringRecord,
        tz: Tz,
        order: Order,
        problems: &mut Problems,
    ) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let mut time = |at: Option<usize>| {
            let at = at?;
            let raw = record.get(at).unwrap_or_default().trim();
            if raw.is_empty() {
                problems.add(self.header.label(at), "the time is empty");
                return None;
            }
            match parse_naive(raw, order) {
                Ok(naive) => Some((in_zone(naive, tz), raw, naive)),
                Err(why) => {
                    problems.add(self.header.label(at), format_args!("{} {why}", quote(raw)));
                    None
                }
            }
        };
        let join = time(self.join);
        let mut leave = time(self.leave);
        // A leave time in the hour repeated when clocks go back is read the second time when
        // the first would put it before the join: the only reading of the row that can be true.
        if let (Some((join, ..)), Some((early, _, naive))) = (join, leave.as_mut())
            && *early < join
            && let Some(later) = second_time(*naive, tz).filter(|t| *t >= join)
        {
            *early = later;
        }
        if let (Some((join, join_raw, _)), Some((leave, leave_raw, _)), Some(at)) =
            (join, leave, self.leave)
            && leave < join
        {
            problems.add(
                self.header.label(at),
                format_args!(
                    "{} is before the join time {}",
                    quote(leave_raw),
                    quote(join_raw)
                ),
            );
        }
        (join.map(|(t, ..)| t), leave.map(|(t, ..)| t))
    }
}
