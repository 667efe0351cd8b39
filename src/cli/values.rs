//! Typed option values: each parser turns the text after an option into the value the
//! subcommand uses, or says in a few words what is wrong with it, and clap refuses the line.

use chrono::NaiveTime;
use chrono_tz::Tz;
use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::core::forming::Strategy;
use crate::import::DateOrder;

/// A time zone by its IANA name (`Asia/Jakarta`).
pub fn time_zone(text: &str) -> Result<Tz, String> {
    text.parse().map_err(|_| "unknown time zone".to_string())
}

/// Your own time zone (`--local-tz`): an IANA name, with an example when it is not one.
pub fn own_time_zone(text: &str) -> Result<Tz, String> {
    time_zone(text).map_err(|e| format!("{e}: expected an IANA name such as Asia/Manila"))
}

/// A time of day as `HH:MM`, 24-hour.
pub fn clock_time(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| "expected a time as HH:MM (24-hour, e.g. 14:30)".to_string())
}

/// How many times faster than real time a rehearsal's clock runs: from 0.1 to 3600.
pub fn speed(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && (0.1..=3600.0).contains(x))
        .ok_or_else(|| "expected a number from 0.1 to 3600".to_string())
}

/// A day of the programme, counted from 1.
pub fn day_number(text: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| "expected a day number: 1 for the first day".to_string())
}

/// A number of groups or of people per group: 1 or more.
pub fn count(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| "expected a whole number from 1".to_string())
}

/// A share in percent, `80%` or `80`: from 1 to 100.
pub fn percent(text: &str) -> Result<u32, String> {
    let t = text.trim();
    t.strip_suffix('%')
        .unwrap_or(t)
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| "expected a share from 1% to 100%, e.g. 80%".to_string())
}

/// `--match NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER`: the two sides, trimmed.
pub fn report_match(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .ok_or_else(|| "expected NAME IN THE REPORT=EMAIL OR NAME ON THE ROSTER".to_string())
}

/// `A,B`: two people, each an email or a name.
pub fn two_people(text: &str) -> Result<(String, String), String> {
    text.split_once(',')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .ok_or_else(|| "expected two people as A,B".to_string())
}

/// `--strategy`: the names the console's prompt takes too.
impl ValueEnum for Strategy {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Strategy::Random,
            Strategy::Mixed,
            Strategy::Fresh,
            Strategy::Keep,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Strategy::Random => "shuffled and dealt, as Zoom does",
            Strategy::Mixed => "countries and organisations spread",
            Strategy::Fresh => "first avoids pairs who met in --history, then mixes",
            Strategy::Keep => "the last round of --history again",
            Strategy::Given => "rooms given from a file",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

/// `--dates`: how a Zoom report writes its dates.
impl ValueEnum for DateOrder {
    fn value_variants<'a>() -> &'a [Self] {
        &[DateOrder::Auto, DateOrder::MonthFirst, DateOrder::DayFirst]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            DateOrder::Auto => PossibleValue::new("auto").help("decided from the whole file"),
            DateOrder::MonthFirst => PossibleValue::new("month-first").help("11/08/2021"),
            DateOrder::DayFirst => PossibleValue::new("day-first").help("08/11/2021"),
        })
    }
}
