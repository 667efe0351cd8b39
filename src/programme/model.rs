//! The workshop plan as it is written in a `sessions/*.json` file.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The newest programme format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole workshop: one or more days of blocks, plus the exercises they use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub format: u32,
    /// The workshop's lasting name, which names its journal folder: stays when the title is
    /// edited. Lowercase words joined by hyphens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisers: Vec<String>,
    /// IANA name of the workshop clock, e.g. `Asia/Jakarta`.
    pub time_zone: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participant_time_zones: Vec<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<Chapter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<Exercise>,
    pub days: Vec<Day>,
    /// The plan's times, lengths and wording are written for the workshop, not taken from
    /// a record of it: said in the console's header, by `check` and in the review.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    /// Where the programme's facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<String>,
    /// What the workshop's announcement says (title, organisers, objective, methods …), a
    /// heading and its text each: the workshop screen and the top of the review show it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<About>,
    /// Chat messages ready to paste (welcome, housekeeping, the evaluation form).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
    /// Links for the whole workshop (the module, the evaluation form).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// A link for participants: slides, the module, self-study material, a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    /// `https://`, `http://` or `mailto:`.
    pub url: String,
}

/// A named chat message, ready to paste into Zoom's chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub name: String,
    pub text: String,
}

/// A part of what the workshop's announcement says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct About {
    pub heading: String,
    pub text: String,
}

/// A place where participants sit, with its time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub place: String,
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExerciseMode {
    Breakout,
    Plenary,
    Individual,
}

impl ExerciseMode {
    pub fn label(self) -> &'static str {
        match self {
            ExerciseMode::Breakout => "breakout",
            ExerciseMode::Plenary => "plenary",
            ExerciseMode::Individual => "individual",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chapter: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ExerciseMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_output: Option<String>,
    /// Minutes each group has to report back; 3 when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Whether the exercise's wording is a plan written for the workshop; unset, as the
    /// programme says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustrative: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Day {
    #[serde(with = "ymd")]
    pub date: NaiveDate,
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preceded_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

impl Day {
    /// Planned minutes of the whole day.
    pub fn planned_minutes(&self) -> u32 {
        self.blocks.iter().map(|b| b.minutes).sum()
    }
}

/// What sort of thing happens in a block; drives its label and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Welcome,
    Presentation,
    Discussion,
    Breakout,
    Exercise,
    Sharing,
    CaseStudy,
    Break,
    Energiser,
    WrapUp,
}

impl BlockKind {
    pub const ALL: [BlockKind; 10] = [
        BlockKind::Welcome,
        BlockKind::Presentation,
        BlockKind::Discussion,
        BlockKind::Breakout,
        BlockKind::Exercise,
        BlockKind::Sharing,
        BlockKind::CaseStudy,
        BlockKind::Break,
        BlockKind::Energiser,
        BlockKind::WrapUp,
    ];

    /// The name used in programme files.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Welcome => "welcome",
            BlockKind::Presentation => "presentation",
            BlockKind::Discussion => "discussion",
            BlockKind::Breakout => "breakout",
            BlockKind::Exercise => "exercise",
            BlockKind::Sharing => "sharing",
            BlockKind::CaseStudy => "case-study",
            BlockKind::Break => "break",
            BlockKind::Energiser => "energiser",
            BlockKind::WrapUp => "wrap-up",
        }
    }
}

/// How much a block matters when the day runs late: low-priority blocks are the first a
/// replan proposes to shorten or drop, high-priority ones are never dropped.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
}

impl Priority {
    pub fn is_normal(&self) -> bool {
        *self == Priority::Normal
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
        }
    }
}

/// A message to broadcast to the breakout rooms (or post in the chat) at a set moment of a
/// block: so many minutes after it starts, or so many minutes before it is due to end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_after_start: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_before_end: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub title: String,
    pub kind: BlockKind,
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chapter: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// The exercise whose rooms report back in this block (its `id`): during the block the
    /// tracker stays on that exercise's rooms. When a file leaves it out, a `discussion` block
    /// right after a `breakout` block with an exercise reports on that exercise (see
    /// [`super::infer_reports_on`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Priority::is_normal")]
    pub priority: Priority,
    /// Minutes left at which the block's timer turns to its warning state; by default the later
    /// of 2 minutes left and 20% left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<Cue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Whether the block's times and wording are a plan written for the workshop; unset, as
    /// the programme says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustrative: Option<bool>,
}

impl Block {
    /// Its limits in words: "15–20 min", "at least 5 min", "at most 20 min"; `None` without.
    pub fn limits(&self) -> Option<String> {
        match (self.min_minutes, self.max_minutes) {
            (Some(lo), Some(hi)) => Some(format!("{lo}–{hi} min")),
            (Some(lo), None) => Some(format!("at least {lo} min")),
            (None, Some(hi)) => Some(format!("at most {hi} min")),
            (None, None) => None,
        }
    }
}

/// Dates are written `YYYY-MM-DD` in programme files.
mod ymd {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.format("%Y-%m-%d").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        let well_formed = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) if well_formed => Ok(date),
            _ if well_formed => Err(D::Error::custom(format!(
                "\"{text}\" is not a date in the calendar; expected a date as YYYY-MM-DD (e.g. \"2021-11-08\")"
            ))),
            _ => Err(D::Error::custom(format!(
                "expected a date as YYYY-MM-DD (e.g. \"2021-11-08\"), found \"{text}\""
            ))),
        }
    }
}

/// The field names each object of a programme file may have, for reporting every misspelt
/// field at once. A test keeps these lists in step with the types above.
pub(crate) mod fields {
    pub const PROGRAMME: &[&str] = &[
        "format",
        "id",
        "title",
        "subtitle",
        "organisers",
        "time_zone",
        "participant_time_zones",
        "notes",
        "chapters",
        "exercises",
        "days",
        "illustrative",
        "sources",
        "about",
        "messages",
        "links",
    ];
    pub const LINK: &[&str] = &["title", "url"];
    pub const MESSAGE: &[&str] = &["name", "text"];
    pub const ABOUT: &[&str] = &["heading", "text"];
    pub const PLACE: &[&str] = &["place", "zone"];
    pub const CHAPTER: &[&str] = &["number", "title"];
    pub const EXERCISE: &[&str] = &[
        "id",
        "title",
        "chapter",
        "mode",
        "minutes",
        "instructions",
        "expected_output",
        "report_minutes",
        "links",
        "illustrative",
    ];
    pub const DAY: &[&str] = &[
        "date",
        "start",
        "title",
        "preceded_by",
        "notes",
        "blocks",
        "links",
    ];
    pub const BLOCK: &[&str] = &[
        "title",
        "kind",
        "minutes",
        "min_minutes",
        "max_minutes",
        "chapter",
        "exercise",
        "reports_on",
        "facilitator",
        "notes",
        "priority",
        "warning_minutes",
        "cues",
        "links",
        "illustrative",
    ];
    pub const CUE: &[&str] = &["text", "minutes_after_start", "minutes_before_end"];
}

/// Times of day are written `HH:MM` in programme files.
mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        NaiveTime::parse_from_str(&text, "%H:%M").map_err(|_| {
            D::Error::custom(format!(
                "expected a time of day as HH:MM (24-hour, e.g. \"13:00\"), found \"{text}\""
            ))
        })
    }
}
