//! The review as Markdown.

use std::fmt::Write;

use super::{Report, hhmm};

/// A table cell: no pipes or line breaks from user text.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn markdown(report: &Report) -> String {
    let tz = report.tz;
    let mut out = String::new();
    let _ = writeln!(out, "# Review: {}\n", report.title);
    let _ = writeln!(
        out,
        "Programme `{}` · times in {} · journal started {} · {} event(s)\n",
        report.source,
        tz.name(),
        report.created.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        report.events
    );
    if report.days.is_empty() {
        out.push_str("Nothing happened yet: no block was started.\n");
    }
    for day in &report.days {
        let _ = writeln!(
            out,
            "## Day {}: {} · {}\n",
            day.day + 1,
            day.date.format("%a %-d %b %Y"),
            day.title
        );
        match day.end_sentence(tz) {
            Some((lead, verdict)) if day.not_run.is_empty() => {
                let _ = writeln!(out, "{lead}: **{verdict}**.\n");
            }
            Some((lead, verdict)) => {
                let _ = writeln!(out, "{lead} **{verdict}**.\n");
            }
            None => out.push_str("The day did not run to its end in the journal.\n\n"),
        }
        out.push_str(
            "| Block | Kind | Planned | Actual | Planned min | Actual min | Over/under |\n",
        );
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
        if !day.log.is_empty() {
            out.push_str("### What happened\n\n");
            for line in &day.log {
                if line.undone {
                    let _ = writeln!(out, "- {} ~~{}~~ (undone)", hhmm(line.at, tz), line.text);
                } else {
                    let _ = writeln!(out, "- {} {}", hhmm(line.at, tz), line.text);
                }
            }
            out.push('\n');
        }
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
        if !day.cues.is_empty() {
            out.push_str("### Cues sent\n\n");
            for (at, block, text) in &day.cues {
                let _ = writeln!(out, "- {} ({}): {}", hhmm(*at, tz), block, text);
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
            for outcome in &round.outcomes {
                let _ = writeln!(out, "#### {}\n", outcome.exercise);
                for r in &outcome.rooms {
                    let speaker = r
                        .speaker
                        .as_deref()
                        .map(|s| format!(", reported by {s}"))
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
    out
}
