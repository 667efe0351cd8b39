//! The run-of-show for participants, from the programme: Markdown, a printable HTML page, a
//! text for Zoom's chat or an email, and a calendar file (RFC 5545) with one event a day (and,
//! asked for, one a block), whose times are in UTC so that every calendar shows them in its
//! owner's zone.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike};

use super::html_escape as escape;
use crate::programme::places::{places_in_order, times_line, unsociable};
use crate::programme::{Block, Link, Workshop};

/// The agenda's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for a document or a web page
    Md,
    /// One printable, self-contained HTML page
    Html,
    /// A calendar file (iCalendar, RFC 5545)
    Ics,
    /// Plain text for Zoom's chat or an email
    Txt,
}

impl Format {
    /// The file name ending that goes with the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Ics => "ics",
            Format::Txt => "txt",
        }
    }
}

/// What to put in the agenda.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// One day (0-based), or all.
    pub day: Option<usize>,
    /// In a calendar, an event for each block besides each day's.
    pub blocks: bool,
    /// When the calendar file is made (its events' `DTSTAMP`).
    pub stamp: DateTime<Utc>,
}

/// The agenda in `format`.
pub fn agenda(w: &Workshop, format: Format, options: Options) -> String {
    let days = day_list(w, options.day);
    match format {
        Format::Md => markdown(w, &days),
        Format::Html => html(w, &days),
        Format::Txt => text(w, &days),
        Format::Ics => ics(w, &days, options),
    }
}

/// The days asked for: one, or every day.
fn day_list(w: &Workshop, day: Option<usize>) -> Vec<usize> {
    match day {
        Some(d) if d < w.days().len() => vec![d],
        Some(_) => Vec::new(),
        None => (0..w.days().len()).collect(),
    }
}

/// A block with its planned start and end.
struct Slot<'a> {
    block: &'a Block,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

fn slots(w: &Workshop, day: usize) -> Vec<Slot<'_>> {
    let starts = w.planned_starts(day);
    w.day(day)
        .map(|d| {
            d.blocks
                .iter()
                .zip(starts.windows(2))
                .map(|(block, t)| Slot {
                    block,
                    start: t[0],
                    end: t[1],
                })
                .collect()
        })
        .unwrap_or_default()
}

fn hhmm(w: &Workshop, t: DateTime<Utc>) -> String {
    t.with_timezone(&w.tz).format("%H:%M").to_string()
}

/// `Day 2 · Thu 25 Nov 2021 · Practice and design · Chapters 3 and 4`.
fn day_heading(w: &Workshop, d: usize) -> String {
    let Some(day) = w.day(d) else {
        return String::new();
    };
    format!(
        "Day {} · {} · {}",
        d + 1,
        day.date.format("%a %-d %b %Y"),
        day.title
    )
}

/// `13:00–16:30 Jakarta time`.
fn day_span(w: &Workshop, d: usize) -> String {
    match (w.day_start(d), w.day_end(d)) {
        (Some(s), Some(e)) => format!(
            "{}–{} {} time",
            hhmm(w, s),
            hhmm(w, e),
            crate::programme::place_name(w.tz.name())
        ),
        _ => String::new(),
    }
}

/// What a block is about besides its title: the exercise it runs, when it has one.
fn block_detail(w: &Workshop, b: &Block) -> Option<String> {
    let e = w.exercise(b.exercise.as_deref()?)?;
    (e.title != b.title).then(|| format!("exercise: {}", e.title))
}

/// The links of a block and of the exercise it runs.
fn block_links<'a>(w: &'a Workshop, b: &'a Block) -> Vec<&'a Link> {
    let exercise = b
        .exercise
        .as_deref()
        .and_then(|id| w.exercise(id))
        .map(|e| e.links.as_slice())
        .unwrap_or_default();
    b.links.iter().chain(exercise).collect()
}

fn markdown(w: &Workshop, days: &[usize]) -> String {
    let p = &w.programme;
    let mut out = format!("# {}\n\n", p.title);
    if let Some(s) = &p.subtitle {
        let _ = writeln!(out, "{s}\n");
    }
    if !p.organisers.is_empty() {
        let _ = writeln!(out, "Organised by {}.\n", p.organisers.join(", "));
    }
    let _ = writeln!(
        out,
        "Times are in {} ({}).\n",
        crate::programme::place_name(w.tz.name()),
        w.tz.name()
    );
    if let Some(note) = w.illustrative_note() {
        let _ = writeln!(out, "*{note}*\n");
    }
    for &d in days {
        let Some(day) = w.day(d) else { continue };
        if let Some(before) = &day.preceded_by {
            let _ = writeln!(out, "*Before day {}: {before}.*\n", d + 1);
        }
        let _ = writeln!(out, "## {}\n", day_heading(w, d));
        let _ = writeln!(out, "{}\n", day_span(w, d));
        if let Some(start) = w.day_start(d) {
            let _ = writeln!(out, "Starts at {}.\n", times_line(w, start));
        }
        out.push_str("| Time | Minutes | Session |\n|---|---:|---|\n");
        for s in slots(w, d) {
            let mut what = md_cell(&s.block.title);
            if let Some(detail) = block_detail(w, s.block) {
                let _ = write!(what, " ({})", md_cell(&detail));
            }
            for l in block_links(w, s.block) {
                let _ = write!(what, " · [{}]({})", md_cell(&l.title), l.url);
            }
            let _ = writeln!(
                out,
                "| {}–{} | {} | {what} |",
                hhmm(w, s.start),
                hhmm(w, s.end),
                s.block.minutes
            );
        }
        out.push('\n');
        md_links(&mut out, "Links for the day", &day.links);
    }
    md_links(&mut out, "Links", &p.links);
    out
}

/// A Markdown table cell: no pipes or line breaks from the programme's text.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn md_links(out: &mut String, heading: &str, links: &[Link]) {
    if links.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {heading}\n");
    for l in links {
        let _ = writeln!(out, "- [{}]({})", l.title, l.url);
    }
    out.push('\n');
}

/// Plain text, short lines, for a chat or an email.
fn text(w: &Workshop, days: &[usize]) -> String {
    let p = &w.programme;
    let mut out = format!("{}\n", p.title);
    if let Some(note) = w.illustrative_note() {
        let _ = writeln!(out, "({note})");
    }
    for &d in days {
        let Some(day) = w.day(d) else { continue };
        out.push('\n');
        if let Some(before) = &day.preceded_by {
            let _ = writeln!(out, "(Before day {}: {before})", d + 1);
        }
        let _ = writeln!(out, "{}", day_heading(w, d));
        let _ = writeln!(out, "{}", day_span(w, d));
        if let Some(start) = w.day_start(d) {
            let _ = writeln!(out, "Starts at {}", times_line(w, start));
        }
        for s in slots(w, d) {
            let detail = block_detail(w, s.block)
                .map(|x| format!(" ({x})"))
                .unwrap_or_default();
            let _ = writeln!(out, "{} {}{detail}", hhmm(w, s.start), s.block.title);
            for l in block_links(w, s.block) {
                let _ = writeln!(out, "      {}: {}", l.title, l.url);
            }
        }
        if let Some(end) = w.day_end(d) {
            let _ = writeln!(out, "{} End of day {}", hhmm(w, end), d + 1);
        }
        for l in &day.links {
            let _ = writeln!(out, "{}: {}", l.title, l.url);
        }
    }
    if !p.links.is_empty() {
        out.push('\n');
        for l in &p.links {
            let _ = writeln!(out, "{}: {}", l.title, l.url);
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:860px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}\
h1{font-size:1.5em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;width:100%;font-size:.95em;margin:.5em 0}th,td{border-bottom:1px solid #e4e4e4;padding:.25em .5em;text-align:left;vertical-align:top}\
td.n,th.n{text-align:right;white-space:nowrap}td.t{white-space:nowrap}.odd{color:#b00020;font-weight:600}.note{color:#555;font-style:italic}\
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-before:page}h2.first{break-before:auto}tr{break-inside:avoid}\
a{color:inherit;text-decoration:none}a[href]::after{content:' <' attr(href) '>';font-size:.85em}}";

/// One printable page: each day's blocks in the workshop's zone, and the day's start and end
/// in every participant zone, a time before 07:00 or from 22:00 marked.
fn html(w: &Workshop, days: &[usize]) -> String {
    let p = &w.programme;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(&p.title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&p.title));
    if let Some(s) = &p.subtitle {
        let _ = writeln!(out, "<p>{}</p>", escape(s));
    }
    if !p.organisers.is_empty() {
        let _ = writeln!(
            out,
            "<p>Organised by {}.</p>",
            escape(&p.organisers.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "<p>Times are in {} ({}); the table under each day gives its start and end where you are. \
         A time before 07:00 or from 22:00 is marked in red: <span class=\"odd\">06:30 ☾</span>.</p>",
        escape(&crate::programme::place_name(w.tz.name())),
        escape(w.tz.name())
    );
    if let Some(note) = w.illustrative_note() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&note));
    }
    for (i, &d) in days.iter().enumerate() {
        let Some(day) = w.day(d) else { continue };
        if let Some(before) = &day.preceded_by {
            let _ = writeln!(
                out,
                "<p class=\"note\">Before day {}: {}.</p>",
                d + 1,
                escape(before)
            );
        }
        let class = if i == 0 { " class=\"first\"" } else { "" };
        let _ = writeln!(out, "<h2{class}>{}</h2>", escape(&day_heading(w, d)));
        let _ = writeln!(out, "<p>{}</p>", escape(&day_span(w, d)));
        zone_table(&mut out, w, d);
        out.push_str("<table><tr><th>Time</th><th class=\"n\">Minutes</th><th>Session</th></tr>\n");
        for s in slots(w, d) {
            let detail = block_detail(w, s.block)
                .map(|x| format!("<br><small>{}</small>", escape(&x)))
                .unwrap_or_default();
            let links = html_links(&block_links(w, s.block));
            let _ = writeln!(
                out,
                "<tr><td class=\"t\">{}–{}</td><td class=\"n\">{}</td><td>{}{detail}{links}</td></tr>",
                hhmm(w, s.start),
                hhmm(w, s.end),
                s.block.minutes,
                escape(&s.block.title)
            );
        }
        out.push_str("</table>\n");
        if !day.links.is_empty() {
            let _ = writeln!(
                out,
                "<p>Links for the day:{}</p>",
                html_links(&day.links.iter().collect::<Vec<_>>())
            );
        }
    }
    if !p.links.is_empty() {
        let _ = writeln!(
            out,
            "<h2 class=\"first\">Links</h2><p>{}</p>",
            html_links(&p.links.iter().collect::<Vec<_>>())
        );
    }
    out.push_str("</body></html>\n");
    out
}

/// The day's start and end in every place, places of the same time together.
fn zone_table(out: &mut String, w: &Workshop, d: usize) {
    let (Some(start), Some(end)) = (w.day_start(d), w.day_end(d)) else {
        return;
    };
    out.push_str("<table><tr><th>Where</th><th>Starts</th><th>Ends</th></tr>\n");
    let date = start.with_timezone(&w.tz).date_naive();
    for (place, zone) in places_in_order(w) {
        let cell = |t: DateTime<Utc>| {
            let local = t.with_timezone(&zone);
            let shift = (local.date_naive() - date).num_days();
            let day = match shift {
                0 => String::new(),
                s if s > 0 => format!(" (+{s} day)"),
                s => format!(" ({s} day)"),
            };
            let text = format!("{}{day}", local.format("%H:%M"));
            if unsociable(local.time()) {
                format!("<td class=\"odd\">{} ☾</td>", escape(&text))
            } else {
                format!("<td>{}</td>", escape(&text))
            }
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td>{}{}</tr>",
            escape(&place),
            cell(start),
            cell(end)
        );
    }
    out.push_str("</table>\n");
}

fn html_links(links: &[&Link]) -> String {
    links
        .iter()
        .map(|l| {
            format!(
                "<br><a href=\"{}\">{}</a>",
                escape(&l.url),
                escape(&l.title)
            )
        })
        .collect()
}

/// A calendar: one event a day, and with `blocks` one a block, times in UTC.
fn ics(w: &Workshop, days: &[usize], options: Options) -> String {
    let p = &w.programme;
    let uid_base = w.folder_name();
    let mut cal = Calendar::empty();
    cal.append_property(icalendar::Property::new("VERSION", "2.0"));
    cal.append_property(icalendar::Property::new(
        "PRODID",
        "-//convene//workshop agenda//EN",
    ));
    cal.append_property(icalendar::Property::new("CALSCALE", "GREGORIAN"));
    // NAME (RFC 7986) is text, which the writer escapes only under its older name.
    cal.append_property(icalendar::Property::new("NAME", ics_text(&p.title)));
    cal.append_property(icalendar::Property::new("X-WR-CALNAME", &p.title));
    for &d in days {
        let (Some(day), Some(start), Some(end)) = (w.day(d), w.day_start(d), w.day_end(d)) else {
            continue;
        };
        let mut description = vec![
            day_span(w, d),
            format!("Starts at {}", times_line(w, start)),
        ];
        if let Some(note) = w.illustrative_note() {
            description.push(note);
        }
        description.push(String::new());
        for s in slots(w, d) {
            description.push(format!("{} {}", hhmm(w, s.start), s.block.title));
            for l in block_links(w, s.block) {
                description.push(format!("  {}: {}", l.title, l.url));
            }
        }
        for l in day.links.iter().chain(&p.links) {
            description.push(format!("{}: {}", l.title, l.url));
        }
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{uid_base}-day-{}@convene", d + 1))
            .timestamp(options.stamp)
            .summary(&format!("{}: day {}, {}", p.title, d + 1, day.title))
            .description(&description.join("\n"))
            .location("Zoom")
            .starts(start)
            .ends(end);
        if let Some(first) = day.links.first().or(p.links.first()) {
            event.url(&first.url);
        }
        cal.push(event.done());
        if options.blocks {
            for (b, s) in slots(w, d).iter().enumerate() {
                let mut lines: Vec<String> = Vec::new();
                if let Some(detail) = block_detail(w, s.block) {
                    lines.push(detail);
                }
                for l in block_links(w, s.block) {
                    lines.push(format!("{}: {}", l.title, l.url));
                }
                let mut event = icalendar::Event::new();
                event
                    .uid(&format!("{uid_base}-day-{}-block-{}@convene", d + 1, b + 1))
                    .timestamp(options.stamp)
                    .summary(&s.block.title)
                    .location("Zoom")
                    .starts(s.start)
                    .ends(s.end);
                if !lines.is_empty() {
                    event.description(&lines.join("\n"));
                }
                cal.push(event.done());
            }
        }
    }
    cal.done().to_string()
}

/// A TEXT value as RFC 5545 writes it: backslash, semicolon, comma and line breaks escaped.
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}
