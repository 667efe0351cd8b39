//! Settling a drawn screen, so that the terminal draws each cell where ratatui put it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text;

/// Makes every cell of a finished screen hold what the terminal will draw there, in as many
/// cells as the terminal gives it (see [`text`]): a cluster of several characters that take
/// cells of their own is spread over the cells ratatui kept for it; joiners, variation
/// selectors and control characters are dropped; a character that would not fit (its second
/// cell written over by a border or a popup, or more cells than ratatui kept) gives way to
/// spaces. Nothing is then left for the terminal to draw over a neighbour.
pub fn settle(buf: &mut Buffer) {
    let area = buf.area;
    settle_in(buf, area);
}

/// Settles the cells of `area` only (see [`settle`]): settling is done row by row, a cell
/// looks at no cell outside `area`, and what is already settled is left as it is. For an area
/// that a character never reaches past (a pane, a row of a paragraph), this is what settling
/// the whole screen does there.
pub(super) fn settle_in(buf: &mut Buffer, area: Rect) {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            if symbol.len() == 1 && !crate::sanitise::is_unsafe(char::from(symbol.as_bytes()[0])) {
                // One ASCII character, one cell: most of a screen.
                x += 1;
                continue;
            }
            let mut chars = symbol.chars();
            let simple = match (chars.next(), chars.next()) {
                (Some(c), None) => !crate::sanitise::is_unsafe(c) && !text::is_presentation(c),
                _ => false,
            };
            let real = UnicodeWidthStr::width(symbol);
            let kept = real.max(1);
            // The cells after it that ratatui left blank for it.
            let room = 1
                + (1..kept)
                    .take_while(|k| {
                        x + (*k as u16) < area.right() && buf[(x + *k as u16, y)].symbol() == " "
                    })
                    .count();
            if simple && real == kept && room == kept {
                x += kept as u16;
                continue;
            }
            let mut pieces: Vec<(String, usize)> = Vec::new();
            for c in symbol.chars() {
                if crate::sanitise::is_unsafe(c) || text::is_presentation(c) {
                    continue;
                }
                match c.width().unwrap_or(0) {
                    0 => {
                        if let Some((piece, _)) = pieces.last_mut() {
                            piece.push(c);
                        }
                    }
                    w => pieces.push((c.to_string(), w)),
                }
            }
            let style = buf[(x, y)].style();
            let end = x + room as u16;
            let mut at = x;
            for (piece, w) in pieces {
                if at + w as u16 > end {
                    break;
                }
                buf[(at, y)].set_symbol(&piece).set_style(style);
                for k in 1..w as u16 {
                    buf[(at + k, y)].set_symbol(" ").set_style(style);
                }
                at += w as u16;
            }
            while at < end {
                buf[(at, y)].set_symbol(" ").set_style(style);
                at += 1;
            }
            x = end;
        }
    }
}
