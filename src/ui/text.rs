//! Text that fits: measured in terminal cells, so that names in Thai, Devanagari, Chinese or
//! Korean line up and are cut at a character boundary with an ellipsis.

use chrono::Duration;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending in `…` when something was cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `s` to at most `max` cells from the start, beginning with `…` when something was cut:
/// for paths, whose end matters most.
pub fn fit_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    out
}

/// `s` cut or padded with spaces to exactly `cells` cells.
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = fit(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Joins items with `sep` into lines of at most `max` cells, never splitting an item (an item
/// wider than a line is cut).
pub fn pack(items: &[String], sep: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for item in items {
        let item = fit(item, max);
        if current.is_empty() {
            current = item;
        } else if width(&current) + width(sep) + width(&item) <= max {
            current.push_str(sep);
            current.push_str(&item);
        } else {
            lines.push(std::mem::replace(&mut current, item));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// A duration as `mm:ss`, or `h:mm:ss` from an hour; the sign is left to the caller.
pub fn clock(d: Duration) -> String {
    let secs = d.num_seconds().abs();
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// Minutes as `45′` or `1h30`.
pub fn minutes(m: i64) -> String {
    if m.abs() >= 60 {
        format!("{}h{:02}", m / 60, (m % 60).abs())
    } else {
        format!("{m}′")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_wide_characters_by_cells() {
        assert_eq!(fit("สมชาย ใจดี", 20), "สมชาย ใจดี");
        assert_eq!(fit("王小明王小明", 7), "王小明…");
        assert_eq!(width(&fit("王小明王小明", 6)), 5);
        assert_eq!(fit("Decentralized", 5), "Dece…");
        assert_eq!(pad("नमस्ते", 8).chars().last(), Some(' '));
        assert_eq!(width(&pad("나마스테", 5)), 5);
    }

    #[test]
    fn packs_items_into_lines() {
        let items: Vec<String> = ["India 5", "Nepal 4", "Maldives 4"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(pack(&items, " · ", 20), ["India 5 · Nepal 4", "Maldives 4"]);
        assert_eq!(pack(&items, " · ", 100), ["India 5 · Nepal 4 · Maldives 4"]);
        assert!(pack(&[], " · ", 10).is_empty());
    }

    #[test]
    fn fits_paths_from_the_end() {
        assert_eq!(fit_start("/home/a/journal/day-1.jsonl", 12), "…day-1.jsonl");
        assert_eq!(fit_start("short", 12), "short");
    }

    #[test]
    fn clocks() {
        assert_eq!(clock(Duration::seconds(75)), "01:15");
        assert_eq!(clock(Duration::seconds(-75)), "01:15");
        assert_eq!(clock(Duration::seconds(3725)), "1:02:05");
        assert_eq!(minutes(90), "1h30");
        assert_eq!(minutes(20), "20′");
    }
}
