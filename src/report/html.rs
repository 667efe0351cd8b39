//! The review as one self-contained HTML page that also reads in a mail client: inline styles
//! only, no script, nothing fetched; per day the day in brief first, then the timeline (SVG,
//! with a text alternative and a legend), the blocks, attendance, rooms and cues, and the log
//! with undone actions folded away; the workshop's totals last.

use std::fmt::Write;

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;

use super::{
    BlockRow, DayReport, ExerciseOutcome, LogLine, Minutes, Report, RoundReport, Totals, hhmm,
};

pub use crate::export::html_escape as escape;

const BODY: &str = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4";
const H2: &str = "margin-top:2em;border-bottom:1px solid #ccc";
const TABLE: &str = "border-collapse:collapse;width:100%;font-size:.9em";
const CELL: &str = "border-bottom:1px solid #e4e4e4;padding:.3em .5em;text-align:left";
const TIME: &str =
    "border-bottom:1px solid #e4e4e4;padding:.3em .5em;text-align:left;white-space:nowrap";
const NUM: &str = "border-bottom:1px solid #e4e4e4;padding:.3em .5em;text-align:right";
const LATE: &str = "color:#b00020";
const EARLY: &str = "color:#1b7f3b";
const UNDONE: &str = "text-decoration:line-through;color:#888";
const PLAN_COLOUR: &str = "#5b6bbf";
const OVER_COLOUR: &str = "#c0392b";

/// The whole review as one HTML page.
pub fn html(report: &Report) -> String {
    let tz = report.tz;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Review: {}</title></head><body style=\"{BODY}\">\n",
        escape(&report.title)
    );
    let _ = writeln!(
        out,
        "<h1 style=\"font-size:1.5em\">Review: {}</h1>",
        escape(&report.title)
    );
    if let Some(s) = &report.subtitle {
        let _ = writeln!(out, "<p>{}</p>", escape(s));
    }
    if !report.organisers.is_empty() {
        let _ = writeln!(
            out,
            "<p>Organisers: {}.</p>",
            escape(&report.organisers.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "<p>Programme <code>{}</code> · times in {} · journal started {} · {} event(s)</p>",
        escape(&report.source),
        escape(tz.name()),
        report.created.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        report.events
    );
    if let Some(note) = &report.illustrative {
        let _ = writeln!(
            out,
            "<p style=\"font-style:italic;color:#555\">{}</p>",
            escape(note)
        );
    }
    if !report.about.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"about\"><h2 style=\"{H2}\">The workshop as announced</h2><dl>"
        );
        for (heading, text) in &report.about {
            let _ = writeln!(
                out,
                "<dt style=\"font-weight:600\">{}</dt><dd style=\"margin:0 0 .6em 1.2em\">{}</dd>",
                escape(heading),
                escape(text)
            );
        }
        out.push_str("</dl>");
        if !report.chapters.is_empty() {
            out.push_str("<p style=\"font-weight:600;margin-bottom:0\">Chapters</p><ol>");
            for (n, title) in &report.chapters {
                let _ = write!(out, "<li value=\"{n}\">{}</li>", escape(title));
            }
            out.push_str("</ol>");
        }
        out.push_str("</section>\n");
    }
    if report.days.is_empty() {
        out.push_str("<p>Nothing happened yet: no block was started.</p>\n");
    }
    for day in &report.days {
        day_section(&mut out, day, report);
    }
    if !report.days.is_empty() {
        totals(&mut out, &report.totals);
    }
    out.push_str("</body></html>\n");
    out
}

/// One day: the day in brief, then the timeline and blocks, attendance, rooms, cues and the
/// log.
fn day_section(out: &mut String, day: &DayReport, report: &Report) {
    let tz = report.tz;
    let n = day.day + 1;
    let _ = writeln!(
        out,
        "<h2 style=\"{H2}\">Day {n}: {} · {}</h2>",
        day.date.format("%a %-d %b %Y"),
        escape(&day.title)
    );
    let _ = writeln!(
        out,
        "<section id=\"day-{n}-summary\"><h3>The day in brief</h3><ul>"
    );
    for line in &day.summary {
        let _ = writeln!(out, "<li>{}</li>", escape(line));
    }
    out.push_str("</ul>\n");
    for round in &day.rounds {
        for outcome in &round.outcomes {
            outcome_list(out, outcome, &round.label);
        }
    }
    out.push_str("</section>\n");
    let _ = writeln!(out, "<section id=\"day-{n}-blocks\"><h3>Blocks</h3>");
    day_end(out, day, tz);
    out.push_str(&timeline(day, report));
    legend(out);
    blocks_table(out, &day.blocks, tz);
    out.push_str("</section>\n");
    if let Some((present, unmatched)) = &day.attendance {
        attendance_list(out, present, unmatched);
    }
    for round in &day.rounds {
        round_section(out, round);
    }
    cues_list(out, &day.cues, tz);
    log_list(out, &day.log, n, tz);
}

/// How the day's end compared with the plan.
fn day_end(out: &mut String, day: &DayReport, tz: Tz) {
    if let (Some(d), Some((lead, verdict))) = (day.drift(), day.end_sentence(tz)) {
        let colour = if d > Duration::minutes(0) {
            LATE
        } else {
            EARLY
        };
        let sep = if day.not_run.is_empty() { ":" } else { "" };
        let _ = writeln!(
            out,
            "<p>{}{sep} <strong style=\"{colour}\">{}</strong>.</p>",
            escape(&lead),
            escape(&verdict)
        );
    } else {
        out.push_str("<p>The day did not run to its end in the journal.</p>\n");
    }
}

/// What the timeline's marks mean.
fn legend(out: &mut String) {
    let swatch = |style: &str| {
        format!(
            "<span style=\"display:inline-block;width:22px;height:8px;vertical-align:middle;margin:0 .3em 0 1em;{style}\"></span>"
        )
    };
    let _ = writeln!(
        out,
        "<p style=\"font-size:.85em;color:#444\">{}planned{}actual{}actual, past the planned end</p>",
        swatch(&format!("border:1px solid {PLAN_COLOUR}")),
        swatch(&format!("background:{PLAN_COLOUR}")),
        swatch(&format!("background:{OVER_COLOUR}"))
    );
}

/// Each block planned against actual, in minutes and over or under.
fn blocks_table(out: &mut String, blocks: &[BlockRow], tz: Tz) {
    let _ = writeln!(
        out,
        "<table style=\"{TABLE}\"><tr><th style=\"{CELL}\">Block</th><th style=\"{CELL}\">Kind</th><th style=\"{CELL}\">Planned</th><th style=\"{CELL}\">Actual</th><th style=\"{NUM}\">Planned min</th><th style=\"{NUM}\">Actual min</th><th style=\"{NUM}\">Over/under</th></tr>"
    );
    for b in blocks {
        let (planned, actual) = (b.planned_text(tz), b.actual_text(tz));
        let _ = writeln!(
            out,
            "<tr><td style=\"{CELL}\">{}</td><td style=\"{CELL}\">{}</td><td style=\"{TIME}\">{planned}</td><td style=\"{TIME}\">{actual}</td><td style=\"{NUM}\">{}</td><td style=\"{NUM}\">{}</td><td style=\"{NUM}\">{}</td></tr>",
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

/// What happened on the day; what was undone, and the undo, folded away at the end.
fn log_list(out: &mut String, log: &[LogLine], n: usize, tz: Tz) {
    if log.is_empty() {
        return;
    }
    let (folded, kept): (Vec<&LogLine>, Vec<&LogLine>) =
        log.iter().partition(|l| l.undone || l.undo);
    let _ = writeln!(
        out,
        "<section id=\"day-{n}-log\"><h3>What happened</h3><ul>"
    );
    for line in kept {
        let _ = writeln!(out, "<li>{} {}</li>", hhmm(line.at, tz), escape(&line.text));
    }
    out.push_str("</ul>\n");
    if !folded.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>Taken back with undo ({})</summary><ul>",
            folded.len()
        );
        for line in folded {
            if line.undone {
                let _ = writeln!(
                    out,
                    "<li><span style=\"{UNDONE}\">{} {}</span> (undone)</li>",
                    hhmm(line.at, tz),
                    escape(&line.text)
                );
            } else {
                let _ = writeln!(out, "<li>{} {}</li>", hhmm(line.at, tz), escape(&line.text));
            }
        }
        out.push_str("</ul></details>\n");
    }
    out.push_str("</section>\n");
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

/// A breakout round: its rooms and members.
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
}

/// Each room's last step in an exercise, with who reported back and the notes.
fn outcome_list(out: &mut String, outcome: &ExerciseOutcome, round: &str) {
    let _ = writeln!(
        out,
        "<h4>What the rooms produced: {} ({})</h4><ul>",
        escape(&outcome.exercise),
        escape(round)
    );
    for r in &outcome.rooms {
        let speaker = r
            .speaker
            .as_deref()
            .map(|s| format!(" (speaker: {})", escape(s)))
            .unwrap_or_default();
        let notes = if r.notes.is_empty() {
            String::new()
        } else {
            format!(
                "<blockquote style=\"margin:.3em 0 .6em 1em;padding-left:.6em;border-left:3px solid #ccc\">{}</blockquote>",
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

/// The workshop's totals: each day, attendance and certificates, report-back turns.
fn totals(out: &mut String, totals: &Totals) {
    let _ = writeln!(
        out,
        "<section id=\"totals\"><h2 style=\"{H2}\">Workshop totals</h2>"
    );
    let _ = writeln!(
        out,
        "<table style=\"{TABLE}\"><tr><th style=\"{CELL}\">Day</th><th style=\"{CELL}\">Date</th><th style=\"{NUM}\">Blocks run</th><th style=\"{CELL}\">The blocks that ran ended</th></tr>"
    );
    for d in &totals.days {
        let end = d.end_words();
        let _ = writeln!(
            out,
            "<tr><td style=\"{CELL}\">{}</td><td style=\"{CELL}\">{}</td><td style=\"{NUM}\">{} of {}</td><td style=\"{CELL}\">{}</td></tr>",
            d.day + 1,
            d.date.format("%a %-d %b %Y"),
            d.ran,
            d.blocks,
            escape(&end)
        );
    }
    out.push_str("</table>\n");
    let _ = writeln!(out, "<p>{}</p>", escape(&totals.blocks_line()));
    if let Some(a) = &totals.attendance {
        out.push_str("<h3>Attendance and certificates</h3>\n");
        let _ = writeln!(out, "<p>{}</p>", escape(&a.plan_line()));
        let _ = write!(
            out,
            "<table style=\"{TABLE}\"><tr><th style=\"{CELL}\">Name</th>"
        );
        for d in &a.days {
            let _ = write!(out, "<th style=\"{NUM}\">Day {}</th>", d.day + 1);
        }
        let _ = write!(out, "<th style=\"{NUM}\">Total</th>");
        if let Some(t) = a.threshold {
            let _ = write!(out, "<th style=\"{CELL}\">Certificate ({t}%)</th>");
        }
        out.push_str("</tr>\n");
        for p in &a.people {
            let _ = write!(out, "<tr><td style=\"{CELL}\">{}</td>", escape(&p.name));
            for i in 0..a.days.len() {
                let _ = write!(
                    out,
                    "<td style=\"{NUM}\">{}</td>",
                    escape(&a.day_cell(p, i))
                );
            }
            let _ = write!(
                out,
                "<td style=\"{NUM}\">{} min {}%</td>",
                p.total(),
                a.total_share(p).percent().unwrap_or(0)
            );
            if a.threshold.is_some() {
                let word = match a.certificate(p) {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                };
                let _ = write!(out, "<td style=\"{CELL}\">{word}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
        if let Some(missing) = a.missing_reports() {
            let _ = writeln!(out, "<p>{}: left out of the shares.</p>", escape(&missing));
        }
    }
    if totals.turns.iter().any(|(_, n)| *n > 0) {
        out.push_str("<h3>Report-back turns</h3><ul>\n");
        for (name, n) in &totals.turns {
            let _ = writeln!(out, "<li>{}: {n}</li>", escape(name));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// The day as planned bars (outlined) beside actual bars (solid; red past the planned end),
/// one row per block, on an axis of hours; with a title and a description for those who do
/// not see it (the table after it gives the same times).
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
    let n = day.day + 1;
    let ran = day
        .blocks
        .iter()
        .filter(|b| matches!(b.actual, Some((_, Some(_)))))
        .count();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"tl{n}t tl{n}d\" viewBox=\"0 0 {width} {height}\" width=\"100%\" font-family=\"sans-serif\" font-size=\"11\">\
<title id=\"tl{n}t\">Day {n}: each block planned and as it ran</title>\
<desc id=\"tl{n}d\">{} blocks planned from {} to {}, {ran} of them run. For each block an outlined bar shows the plan and a filled bar below it the time it ran, red where it ended after its planned end. The table that follows gives the same times.</desc>",
        day.blocks.len(),
        day.planned_start.map(|t| hhmm(t, tz)).unwrap_or_default(),
        day.planned_end.map(|t| hhmm(t, tz)).unwrap_or_default(),
    );
    let mut tick = start;
    while tick <= end {
        let tx = x(tick);
        let _ = write!(
            svg,
            "<line x1=\"{tx:.1}\" y1=\"14\" x2=\"{tx:.1}\" y2=\"{height}\" stroke=\"#ddd\"/><text x=\"{tx:.1}\" y=\"11\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
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
            "<text x=\"0\" y=\"{:.1}\" fill=\"#333\">{}</text>",
            y + 12.0,
            escape(&title)
        );
        if let Some((s, e)) = b.planned {
            let _ = write!(
                svg,
                "<rect class=\"planned\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"7\" fill=\"none\" stroke=\"{PLAN_COLOUR}\" stroke-width=\"1\"><title>planned {}–{}</title></rect>",
                x(s),
                (x(e) - x(s)).max(1.0),
                hhmm(s, tz),
                hhmm(e, tz)
            );
        }
        if let Some((s, Some(e))) = b.actual {
            let over = b.planned.is_some_and(|(_, pe)| e > pe);
            let (class, fill) = if over {
                ("actual over", OVER_COLOUR)
            } else {
                ("actual", PLAN_COLOUR)
            };
            let _ = write!(
                svg,
                "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"7\" fill=\"{fill}\"><title>actual {}–{}</title></rect>",
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
