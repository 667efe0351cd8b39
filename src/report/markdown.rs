//! The review as Markdown: per day the day in brief (how it ended, what ran, attendance,
//! rounds, what each room produced), then the blocks, attendance, rooms and cues, then the
//! log with undone actions folded away at its end; the workshop's totals last.

use std::fmt::Write;

use super::{DayReport, LogLine, Report, RoundReport, Totals, hhmm};

/// A table cell: no pipes or line breaks from user text.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn markdown(report: &Report) -> String {
    let tz = report.tz;
    let mut out = String::new();
    let _ = writeln!(out, "# Review: {}\n", report.title);
    if let Some(s) = &report.subtitle {
        let _ = writeln!(out, "{s}\n");
    }
    if !report.organisers.is_empty() {
        let _ = writeln!(out, "Organisers: {}.\n", report.organisers.join(", "));
    }
    let _ = writeln!(
        out,
        "Programme `{}` · times in {} · journal started {} · {} event(s)\n",
        report.source,
        tz.name(),
        report.created.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        report.events
    );
    if let Some(note) = &report.illustrative {
        let _ = writeln!(out, "*{note}*\n");
    }
    if !report.about.is_empty() {
        out.push_str("## The workshop as announced\n\n");
        for (heading, text) in &report.about {
            let _ = writeln!(out, "- **{heading}**: {}", text.replace('\n', " "));
        }
        out.push('\n');
        if !report.chapters.is_empty() {
            out.push_str("Chapters:\n\n");
            for (n, title) in &report.chapters {
                let _ = writeln!(out, "{n}. {title}");
            }
            out.push('\n');
        }
    }
    if report.days.is_empty() {
        out.push_str("Nothing happened yet: no block was started.\n");
    }
    for day in &report.days {
        day_section(&mut out, day, report);
    }
    if !report.days.is_empty() {
        totals(&mut out, &report.totals);
    }
    out
}

fn day_section(out: &mut String, day: &DayReport, report: &Report) {
    let tz = report.tz;
    let _ = writeln!(
        out,
        "## Day {}: {} · {}\n",
        day.day + 1,
        day.date.format("%a %-d %b %Y"),
        day.title
    );
    out.push_str("### The day in brief\n\n");
    for line in &day.summary {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');
    produced(out, &day.rounds);

    out.push_str("### Blocks\n\n");
    match day.end_sentence(tz) {
        Some((lead, verdict)) if day.not_run.is_empty() => {
            let _ = writeln!(out, "{lead}: **{verdict}**.\n");
        }
        Some((lead, verdict)) => {
            let _ = writeln!(out, "{lead} **{verdict}**.\n");
        }
        None => out.push_str("The day did not run to its end in the journal.\n\n"),
    }
    out.push_str("| Block | Kind | Planned | Actual | Planned min | Actual min | Over/under |\n");
    out.push_str("|---|---|---|---|---:|---:|---:|\n");
    for b in &day.blocks {
        let (planned, actual) = (b.planned_text(tz), b.actual_text(tz));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&b.title),
            b.kind.name(),
            planned,
            actual,
            b.planned_minutes.map(|m| m.to_string()).unwrap_or_default(),
            b.actual_minutes()
                .map(|m| m.to_string())
                .unwrap_or_default(),
            b.over_under()
        );
    }
    out.push('\n');
    if let Some((present, unmatched)) = &day.attendance {
        let _ = writeln!(out, "### Attendance ({} on the roster)\n", present.len());
        for (name, minutes) in present {
            let _ = writeln!(out, "- {name}: {minutes} min");
        }
        if !unmatched.is_empty() {
            out.push_str("\nNot on the roster:\n\n");
            for (name, minutes) in unmatched {
                let _ = writeln!(out, "- {name}: {minutes} min");
            }
        }
        out.push('\n');
    }
    for round in &day.rounds {
        let _ = writeln!(
            out,
            "### Breakout round: {} ({})\n",
            round.label, round.strategy
        );
        for (room, names) in &round.rooms {
            // One name to an item: a name may hold a comma.
            let _ = writeln!(out, "- **{}** ({})", room, names.len());
            for name in names {
                let _ = writeln!(out, "  - {name}");
            }
        }
        out.push('\n');
    }
    if !day.cues.is_empty() {
        out.push_str("### Cues sent\n\n");
        for (at, block, text) in &day.cues {
            let _ = writeln!(out, "- {} ({}): {}", hhmm(*at, tz), block, text);
        }
        out.push('\n');
    }
    log(out, &day.log, report);
}

/// Per exercise, what each room produced: its last step, who reported, its notes.
fn produced(out: &mut String, rounds: &[RoundReport]) {
    for round in rounds {
        for outcome in &round.outcomes {
            let _ = writeln!(
                out,
                "#### What the rooms produced: {} ({})\n",
                outcome.exercise, round.label
            );
            for r in &outcome.rooms {
                let speaker = r
                    .speaker
                    .as_deref()
                    .map(|s| format!(" (speaker: {s})"))
                    .unwrap_or_default();
                let _ = writeln!(out, "- **{}**: {}{speaker}", r.room, r.step);
                for line in r.notes.lines() {
                    let _ = writeln!(out, "  > {line}");
                }
            }
            out.push('\n');
        }
    }
}

/// The log of the day; what was taken back with undo, and the undo itself, folded at its end.
fn log(out: &mut String, log: &[LogLine], report: &Report) {
    if log.is_empty() {
        return;
    }
    let tz = report.tz;
    let (folded, kept): (Vec<&LogLine>, Vec<&LogLine>) =
        log.iter().partition(|l| l.undone || l.undo);
    out.push_str("### What happened\n\n");
    for line in kept {
        let _ = writeln!(out, "- {} {}", hhmm(line.at, tz), line.text);
    }
    out.push('\n');
    if !folded.is_empty() {
        let _ = writeln!(out, "Taken back with undo ({}):\n", folded.len());
        for line in folded {
            if line.undone {
                let _ = writeln!(out, "- {} ~~{}~~ (undone)", hhmm(line.at, tz), line.text);
            } else {
                let _ = writeln!(out, "- {} {}", hhmm(line.at, tz), line.text);
            }
        }
        out.push('\n');
    }
}

/// The workshop's totals: each day's blocks and end, attendance and certificates, turns.
fn totals(out: &mut String, totals: &Totals) {
    out.push_str("## Workshop totals\n\n");
    out.push_str("| Day | Date | Blocks run | The blocks that ran ended |\n|---|---|---:|---|\n");
    for d in &totals.days {
        let end = d.end_words();
        let _ = writeln!(
            out,
            "| {} | {} | {} of {} | {end} |",
            d.day + 1,
            d.date.format("%a %-d %b %Y"),
            d.ran,
            d.blocks
        );
    }
    let _ = writeln!(out, "\n{}\n", totals.blocks_line());
    if let Some(a) = &totals.attendance {
        out.push_str("### Attendance and certificates\n\n");
        let _ = writeln!(out, "{}\n", a.plan_line());
        let mut head = String::from("| Name |");
        let mut rule = String::from("|---|");
        for d in &a.days {
            let _ = write!(head, " Day {} |", d.day + 1);
            rule.push_str("---:|");
        }
        head.push_str(" Total |");
        rule.push_str("---:|");
        if let Some(t) = a.threshold {
            let _ = write!(head, " Certificate ({t}%) |");
            rule.push_str("---|");
        }
        let _ = writeln!(out, "{head}\n{rule}");
        for p in &a.people {
            let mut row = format!("| {} |", cell(&p.name));
            for i in 0..a.days.len() {
                let _ = write!(row, " {} |", a.day_cell(p, i));
            }
            let share = a.total_share(p);
            let _ = write!(
                row,
                " {} min {}% |",
                p.total(),
                share.percent().unwrap_or(0)
            );
            match a.certificate(p) {
                Some(true) => row.push_str(" yes |"),
                Some(false) => row.push_str(" no |"),
                None if a.threshold.is_some() => row.push_str(" |"),
                None => {}
            }
            let _ = writeln!(out, "{row}");
        }
        out.push('\n');
        if let Some(missing) = a.missing_reports() {
            let _ = writeln!(out, "{missing}: left out of the shares.\n");
        }
    }
    if totals.turns.iter().any(|(_, n)| *n > 0) {
        out.push_str("### Report-back turns\n\n");
        for (name, n) in &totals.turns {
            let _ = writeln!(out, "- {name}: {n}");
        }
        out.push('\n');
    }
}
