//! The review as one self-contained HTML page: no network resources, a timeline in SVG.

use std::fmt::Write;

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;

use super::{BlockRow, DayReport, ExerciseOutcome, LogLine, Minutes, Report, RoundReport, hhmm};

/// Escapes text for HTML and SVG.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%;font-size:.9em}\
th,td{border-bottom:1px solid #e4e4e4;padding:.3em .5em;text-align:left}td.n{text-align:right}\
.late{color:#b00020}.early{color:#1b7f3b}.undone{text-decoration:line-through;color:#888}\
svg text{font-size:11px;fill:#333}.planned{fill:none;stroke:#5b6bbf;stroke-width:1}.actual{fill:#5b6bbf}.actual.over{fill:#c0392b}\
@media print{body{margin:0}}";

/// The whole review as one HTML page: a heading with the programme and journal, then each day.
pub fn html(report: &Report) -> String {
    let tz = report.tz;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Review: {}</title><style>{STYLE}</style></head><body>\n",
        escape(&report.title)
    );
    let _ = writeln!(out, "<h1>Review: {}</h1>", escape(&report.title));
    let _ = writeln!(
        out,
        "<p>Programme <code>{}</code> · times in {} · journal started {} · {} event(s)</p>",
        escape(&report.source),
        escape(tz.name()),
        report.created.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        report.events
    );
    if report.days.is_empty() {
        out.push_str("<p>Nothing happened yet: no block was started.</p>\n");
    }
    for day in &report.days {
        day_section(&mut out, day, report);
    }
    out.push_str("</body></html>\n");
    out
}

/// One day: its heading and drift, the timeline, the blocks, then what happened, attendance,
/// cues and breakout rounds where there are any.
fn day_section(out: &mut String, day: &DayReport, report: &Report) {
    let tz = report.tz;
    day_heading(out, day, tz);
    out.push_str(&timeline(day, report));
    blocks_table(out, &day.blocks, tz);
    log_list(out, &day.log, tz);
    if let Some((present, unmatched)) = &day.attendance {
        attendance_list(out, present, unmatched);
    }
    cues_list(out, &day.cues, tz);
    for round in &day.rounds {
        round_section(out, round);
    }
}

/// The day's title and how its end compared with the plan.
fn day_heading(out: &mut String, day: &DayReport, tz: Tz) {
    let _ = writeln!(
        out,
        "<h2>Day {}: {} · {}</h2>",
        day.day + 1,
        day.date.format("%a %-d %b %Y"),
        escape(&day.title)
    );
    if let (Some(d), Some((lead, verdict))) = (day.drift(), day.end_sentence(tz)) {
        let class = if d > Duration::minutes(0) {
            "late"
        } else {
            "early"
        };
        let sep = if day.not_run.is_empty() { ":" } else { "" };
        let _ = writeln!(
            out,
            "<p>{}{sep} <strong class=\"{class}\">{}</strong>.</p>",
            escape(&lead),
            escape(&verdict)
        );
    } else {
        out.push_str("<p>The day did not run to its end in the journal.</p>\n");
    }
}

/// Each block planned against actual, in minutes and over or under.
fn blocks_table(out: &mut String, blocks: &[BlockRow], tz: Tz) {
    out.push_str("<table><tr><th>Block</th><th>Kind</th><th>Planned</th><th>Actual</th><th>Planned min</th><th>Actual min</th><th>Over/under</th></tr>\n");
    for b in blocks {
        let (planned, actual) = (b.planned_text(tz), b.actual_text(tz));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{planned}</td><td>{actual}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&b.title),
            b.kind.name(),
            b.planned_minutes.map(|m| m.to_string()).unwrap_or_default(),
            b.actual_minutes()
                .map(|m| m.to_string())
                .unwrap_or_default(),
            escape(&b.over_under())
        );
    }
    out.push_str("</table>\n");
}

/// What happened on the day, with undone actions struck through.
fn log_list(out: &mut String, log: &[LogLine], tz: Tz) {
    if log.is_empty() {
        return;
    }
    out.push_str("<h3>What happened</h3><ul>\n");
    for line in log {
        let class = if line.undone { " class=\"undone\"" } else { "" };
        let suffix = if line.undone { " (undone)" } else { "" };
        let _ = writeln!(
            out,
            "<li{class}>{} {}{suffix}</li>",
            hhmm(line.at, tz),
            escape(&line.text)
        );
    }
    out.push_str("</ul>\n");
}

/// Who attended and for how long: those on the roster, then those who are not.
fn attendance_list(out: &mut String, present: &Minutes, unmatched: &Minutes) {
    let _ = writeln!(
        out,
        "<h3>Attendance ({} on the roster)</h3><ul>",
        present.len()
    );
    for (name, minutes) in present {
        let _ = writeln!(out, "<li>{}: {minutes} min</li>", escape(name));
    }
    for (name, minutes) in unmatched {
        let _ = writeln!(
            out,
            "<li>{}: {minutes} min (not on the roster)</li>",
            escape(name)
        );
    }
    out.push_str("</ul>\n");
}

/// The cues sent, with when and in which block.
fn cues_list(out: &mut String, cues: &[(DateTime<Utc>, String, String)], tz: Tz) {
    if cues.is_empty() {
        return;
    }
    out.push_str("<h3>Cues sent</h3><ul>\n");
    for (at, block, text) in cues {
        let _ = writeln!(
            out,
            "<li>{} ({}): {}</li>",
            hhmm(*at, tz),
            escape(block),
            escape(text)
        );
    }
    out.push_str("</ul>\n");
}

/// A breakout round: its rooms and members, then each exercise's outcome per room.
fn round_section(out: &mut String, round: &RoundReport) {
    let _ = writeln!(
        out,
        "<h3>Breakout round: {} ({})</h3><ul>",
        escape(&round.label),
        escape(&round.strategy)
    );
    for (room, names) in &round.rooms {
        // One name to an item: a name may hold a comma.
        let items: String = names
            .iter()
            .map(|n| format!("<li>{}</li>", escape(n)))
            .collect();
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> ({})<ul>{items}</ul></li>",
            escape(room),
            names.len()
        );
    }
    out.push_str("</ul>\n");
    for outcome in &round.outcomes {
        outcome_list(out, outcome);
    }
}

/// Each room's last step in an exercise, with who reported back and the notes.
fn outcome_list(out: &mut String, outcome: &ExerciseOutcome) {
    let _ = writeln!(out, "<h4>{}</h4><ul>", escape(&outcome.exercise));
    for r in &outcome.rooms {
        let speaker = r
            .speaker
            .as_deref()
            .map(|s| format!(", reported by {}", escape(s)))
            .unwrap_or_default();
        let notes = if r.notes.is_empty() {
            String::new()
        } else {
            format!(
                "<blockquote>{}</blockquote>",
                escape(&r.notes).replace('\n', "<br>")
            )
        };
        let _ = writeln!(
            out,
            "<li><strong>{}</strong>: {}{speaker}{notes}</li>",
            escape(&r.room),
            escape(&r.step)
        );
    }
    out.push_str("</ul>\n");
}

/// The day as planned bars (outlined) beside actual bars (solid; red past the planned end),
/// one row per block, on an axis of hours.
fn timeline(day: &DayReport, report: &Report) -> String {
    let tz = report.tz;
    let times: Vec<DateTime<Utc>> = day
        .blocks
        .iter()
        .flat_map(|b| {
            let mut t = Vec::new();
            if let Some((s, e)) = b.planned {
                t.extend([s, e]);
            }
            if let Some((s, e)) = b.actual {
                t.push(s);
                t.extend(e);
            }
            t
        })
        .collect();
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
        return String::new();
    };
    // Whole hours around the day.
    let start = *first - Duration::minutes(i64::from(first.with_timezone(&tz).minute()));
    let end = *last + Duration::minutes(60 - i64::from(last.with_timezone(&tz).minute()));
    let span = (end - start).num_seconds().max(1) as f64;
    let (label_w, width, row_h) = (220.0, 960.0, 22.0);
    let x = |t: DateTime<Utc>| {
        label_w + (t - start).num_seconds() as f64 / span * (width - label_w - 10.0)
    };
    let height = 30.0 + row_h * day.blocks.len() as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Day {} planned and actual\" viewBox=\"0 0 {width} {height}\" width=\"100%\">",
        day.day + 1
    );
    let mut tick = start;
    while tick <= end {
        let tx = x(tick);
        let _ = write!(
            svg,
            "<line x1=\"{tx:.1}\" y1=\"14\" x2=\"{tx:.1}\" y2=\"{height}\" stroke=\"#ddd\"/><text x=\"{tx:.1}\" y=\"11\" text-anchor=\"middle\">{}</text>",
            hhmm(tick, tz)
        );
        tick += Duration::hours(1);
    }
    for (i, b) in day.blocks.iter().enumerate() {
        let y = 22.0 + row_h * i as f64;
        let mut title = b.title.clone();
        if title.chars().count() > 32 {
            title = title.chars().take(31).collect::<String>() + "…";
        }
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{:.1}\">{}</text>",
            y + 12.0,
            escape(&title)
        );
        if let Some((s, e)) = b.planned {
            let _ = write!(
                svg,
                "<rect class=\"planned\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"7\"><title>planned {}–{}</title></rect>",
                x(s),
                (x(e) - x(s)).max(1.0),
                hhmm(s, tz),
                hhmm(e, tz)
            );
        }
        if let Some((s, Some(e))) = b.actual {
            let over = b.planned.is_some_and(|(_, pe)| e > pe);
            let class = if over { "actual over" } else { "actual" };
            let _ = write!(
                svg,
                "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"7\"><title>actual {}–{}</title></rect>",
                x(s),
                y + 9.0,
                (x(e) - x(s)).max(1.0),
                hhmm(s, tz),
                hhmm(e, tz)
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}
