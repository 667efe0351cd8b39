//! Text that fits: measured in terminal cells, so that names in Thai, Devanagari, Chinese or
//! Korean line up and are cut at a character boundary with an ellipsis.
//!
//! ## Widths the terminal agrees with
//!
//! ratatui keeps one grapheme cluster in a cell and gives it the width `unicode-width` gives
//! the whole cluster; a terminal places each character by its own `wcwidth` (as tmux, xterm
//! and the Linux console do). The two agree on a letter with the marks drawn over or under it,
//! but not on everything a name or a note may hold:
//!
//! - an emoji with a skin tone (`👍🏽`) is one cluster of 2 cells for ratatui, and 4 for the
//!   terminal (the hand, then the tone's swatch);
//! - a zero-width-joiner sequence (`👩‍💻`) is 2 cells for ratatui, 4 or 6 for most terminals;
//! - a variation selector 16 makes `❤️` 2 cells for ratatui, 1 for the terminal;
//! - a spacing vowel sign (Devanagari `ि ा ी`) is one cell's cluster `सी` of 2 cells for
//!   ratatui, two characters of one cell each for the terminal: when a popup's border or the
//!   next pane lands on the second cell, ratatui skips that cell and the terminal shows the
//!   vowel sign there.
//!
//! [`shown`] rewrites text before it is laid out so that ratatui makes a cell of every
//! character the terminal draws on its own (a tone after its hand, the emoji of a joined
//! sequence side by side, no selector), and [`super::settle`] makes every cell of the finished
//! screen hold one such character.

use std::borrow::Cow;

use chrono::Duration;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Zero width space: a grapheme break of its own, which ratatui never draws.
const BREAK: char = '\u{200b}';

/// Whether a character only changes how the one before it looks and is dropped on screen: the
/// zero width joiner and the variation selectors.
pub fn is_presentation(c: char) -> bool {
    matches!(c, '\u{200d}' | '\u{fe00}'..='\u{fe0f}')
}

/// `s` as the terminal can show it, each character it draws on its own made a grapheme of its
/// own for ratatui: joiners and variation selectors dropped, and a break before every
/// character of a cluster that takes cells of its own (a skin tone, each emoji of a joined
/// sequence, a spacing vowel sign); marks of no width stay with their letter. Borrowed when
/// nothing changes.
pub fn shown(s: &str) -> Cow<'_, str> {
    if s.chars().all(stands_alone) || !s.graphemes(true).any(needs_splitting) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for grapheme in s.graphemes(true) {
        if !needs_splitting(grapheme) {
            out.push_str(grapheme);
            continue;
        }
        let mut first = true;
        for c in grapheme.chars().filter(|c| !is_presentation(*c)) {
            if c.width().unwrap_or(0) > 0 && !first {
                out.push(BREAK);
            }
            first = false;
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a character can share no cluster with another character that takes cells: Latin
/// letters without combining marks, punctuation, arrows, box drawing, shapes and symbols
/// (U+2010 to U+2BFF: none of them is a joiner, a selector, a spacing mark or a part of a
/// Hangul syllable). Text made only of these needs no splitting, and is checked without
/// finding its clusters.
fn stands_alone(c: char) -> bool {
    let c = u32::from(c);
    c < 0x300 || (0x2010..=0x2bff).contains(&c)
}

/// Whether a grapheme holds a joiner or a selector, or more than one character that takes
/// cells.
fn needs_splitting(grapheme: &str) -> bool {
    grapheme.chars().any(is_presentation)
        || grapheme
            .chars()
            .filter(|c| c.width().unwrap_or(0) > 0)
            .nth(1)
            .is_some()
}

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(shown(s).as_ref())
}

/// Cuts `s` to at most `max` cells, ending in `…` when something was cut.
pub fn fit(s: &str, max: usize) -> String {
    let s = shown(s);
    let s = s.as_ref();
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
    let s = shown(s);
    let s = s.as_ref();
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

/// `s` in lines of at most `max` cells, broken at spaces; a word longer than a line is cut.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
    pack(&words, " ", max)
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

    /// Every character taken as standing alone does: with a letter on each side, or twice in
    /// a row, it is a cluster of its own whenever it takes cells, so no text of such
    /// characters needs splitting.
    #[test]
    fn characters_that_stand_alone_share_no_cluster() {
        let alone: Vec<char> = (0..0x2c00)
            .filter_map(char::from_u32)
            .filter(|&c| stands_alone(c))
            .collect();
        assert_eq!(alone.len(), 0x300 + (0x2c00 - 0x2010));
        for c in alone {
            if c.width().unwrap_or(0) == 0 {
                continue;
            }
            let around = format!("a{c}a");
            let twice = format!("{c}{c}");
            assert_eq!(around.graphemes(true).count(), 3, "U+{:04X}", u32::from(c));
            assert_eq!(twice.graphemes(true).count(), 2, "U+{:04X}", u32::from(c));
            assert!(!around.graphemes(true).any(needs_splitting));
        }
        // Outside the set: a spacing vowel sign and a skin tone join the character before.
        assert!(!stands_alone('\u{093f}') && !stands_alone('\u{1f3fd}'));
        assert_eq!(shown("सि"), "स\u{200b}ि");
    }

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
    fn text_is_shown_as_the_terminal_draws_it() {
        // wcwidth: a hand 2 and its tone 2; a woman 2, the joiner 0, a laptop 2; a heart 1
        // and the selector 0; each Devanagari letter and spacing vowel sign 1, the virama 0.
        assert_eq!(shown("👍🏽"), "👍\u{200b}🏽");
        assert_eq!(width("Rina 👍🏽"), 5 + 4);
        assert_eq!(shown("👩‍💻"), "👩\u{200b}💻");
        assert_eq!(width("👩‍💻"), 4);
        assert_eq!(shown("❤️"), "❤");
        assert_eq!(width("❤️"), 1);
        assert_eq!(shown("सीता"), "स\u{200b}ीत\u{200b}ा");
        assert_eq!(width("सीता शर्मा"), 9);
        // Marks of no width stay with their letter; other text is left as it is.
        assert_eq!(shown("देश"), "देश");
        assert_eq!(shown("José"), "José");
        assert!(matches!(shown("Santos, Maria Luisa"), Cow::Borrowed(_)));
        // Cut between what the terminal draws apart: 4 cells, the woman's 2, the ellipsis.
        assert_eq!(fit("Ana 👩🏽‍💻 Reyes", 6), "Ana …");
        assert_eq!(fit("Ana 👩🏽‍💻 Reyes", 7).replace(BREAK, ""), "Ana 👩…");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Enter starts the selected block; n the next.", 26),
            ["Enter starts the selected", "block; n the next."]
        );
        assert_eq!(wrap("Cancel", 26), ["Cancel"]);
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
