//! Large digits, five rows tall, for clocks and countdowns that must stay readable when the
//! terminal is shared over a video call.
//!
//! Glyphs are drawn with full blocks (`█`) and spaces only, so they look the same in any
//! terminal font. Digits are 4 cells wide, `:` is 1 cell, `+` and `-` are 3, a space is 2, and
//! one blank column separates neighbouring glyphs. Characters without a glyph take the space
//! of a digit and stay blank.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::text;

/// Rows of a big glyph.
pub const HEIGHT: u16 = 5;

/// Rows of a big glyph, as an array length.
const ROWS: usize = HEIGHT as usize;

/// Blank columns between neighbouring glyphs.
const GAP: usize = 1;

type Glyph = [&'static str; ROWS];

/// The stand-in for a character without a glyph: blank, as wide as a digit.
const BLANK: Glyph = ["    ", "    ", "    ", "    ", "    "];

/// The glyph of a character; every row of one glyph has the same width.
fn glyph(c: char) -> Glyph {
    match c {
        '0' => ["████", "█  █", "█  █", "█  █", "████"],
        '1' => ["  █ ", " ██ ", "  █ ", "  █ ", " ███"],
        '2' => ["████", "   █", "████", "█   ", "████"],
        '3' => ["████", "   █", " ███", "   █", "████"],
        '4' => ["█  █", "█  █", "████", "   █", "   █"],
        '5' => ["████", "█   ", "████", "   █", "████"],
        '6' => ["████", "█   ", "████", "█  █", "████"],
        '7' => ["████", "   █", "  █ ", " █  ", " █  "],
        '8' => ["████", "█  █", "████", "█  █", "████"],
        '9' => ["████", "█  █", "████", "   █", "████"],
        ':' => [" ", "█", " ", "█", " "],
        '+' => ["   ", " █ ", "███", " █ ", "   "],
        '-' => ["   ", "   ", "███", "   ", "   "],
        ' ' => ["  ", "  ", "  ", "  ", "  "],
        _ => BLANK,
    }
}

/// Width in cells of one glyph.
fn glyph_width(c: char) -> usize {
    text::width(glyph(c)[0])
}

/// `text` as five rows of big glyphs, all of the same display width.
pub fn glyph_lines(text: &str) -> [String; ROWS] {
    let mut rows: [String; ROWS] = Default::default();
    for (i, c) in text.chars().enumerate() {
        let g = glyph(c);
        for (row, part) in rows.iter_mut().zip(g) {
            if i > 0 {
                row.extend(std::iter::repeat_n(' ', GAP));
            }
            row.push_str(part);
        }
    }
    rows
}

/// Display width of `text` rendered big, in cells (saturating at `u16::MAX`).
pub fn width(text: &str) -> u16 {
    let glyphs: usize = text.chars().map(glyph_width).sum();
    let gaps = text.chars().count().saturating_sub(1) * GAP;
    u16::try_from(glyphs.saturating_add(gaps)).unwrap_or(u16::MAX)
}

/// Text in big glyphs, centred in its area; in plain text on one centred line when the area is
/// too small for the big glyphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BigText<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl<'a> BigText<'a> {
    pub fn new(text: &'a str, style: Style) -> Self {
        Self { text, style }
    }
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self).render(area, buf);
    }
}

impl Widget for &BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Never write outside the buffer, whatever area we were given.
        let area = area.intersection(buf.area);
        if area.is_empty() || self.text.is_empty() {
            return;
        }
        let big_width = width(self.text);
        if area.width >= big_width && area.height >= HEIGHT {
            let x = area.x + (area.width - big_width) / 2;
            let top = area.y + (area.height - HEIGHT) / 2;
            for (y, row) in (top..).zip(glyph_lines(self.text)) {
                buf.set_stringn(x, y, &row, usize::from(big_width), self.style);
            }
        } else {
            let line = text::fit(self.text, usize::from(area.width));
            let line_width = u16::try_from(text::width(&line)).unwrap_or(area.width);
            let x = area.x + area.width.saturating_sub(line_width) / 2;
            let y = area.y + (area.height - 1) / 2;
            let max = usize::from(area.right().saturating_sub(x));
            buf.set_stringn(x, y, &line, max, self.style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn buffer_text(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_glyph_has_five_rows_of_equal_width() {
        for c in "0123456789:+- ".chars() {
            let lines = glyph_lines(&c.to_string());
            assert_eq!(lines.len(), usize::from(HEIGHT));
            let w = text::width(&lines[0]);
            assert!(w > 0, "{c:?} is empty");
            for line in &lines {
                assert_eq!(text::width(line), w, "{c:?}");
                assert!(line.chars().all(|ch| ch == '█' || ch == ' '), "{c:?}");
            }
            assert_eq!(usize::from(width(&c.to_string())), w);
        }
        for c in "0123456789".chars() {
            assert_eq!(width(&c.to_string()), 4);
        }
    }

    #[test]
    fn widths_of_whole_strings() {
        // 4 digits of 4, a colon of 1, four gaps of 1.
        assert_eq!(width("12:34"), 4 * 4 + 1 + 4);
        assert_eq!(width(""), 0);
        assert_eq!(width("7"), 4);
        assert_eq!(width("-05:00"), 3 + 4 + 4 + 1 + 4 + 4 + 5);
        for line in glyph_lines("+12:34 -9") {
            assert_eq!(text::width(&line), usize::from(width("+12:34 -9")));
        }
        assert!(glyph_lines("").iter().all(String::is_empty));
    }

    #[test]
    fn unknown_characters_are_blank_digits() {
        let lines = glyph_lines("x");
        for line in &lines {
            assert_eq!(line, "    ");
        }
        assert_eq!(width("x"), width("0"));
        assert_eq!(width("王"), width("0"));
        let mixed = glyph_lines("1x2");
        assert!(mixed.iter().all(|l| text::width(l) == 14));
    }

    #[test]
    fn distinct_digits_render_differently() {
        let digits: Vec<[String; 5]> = "0123456789"
            .chars()
            .map(|c| glyph_lines(&c.to_string()))
            .collect();
        for (i, a) in digits.iter().enumerate() {
            for (j, b) in digits.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{i} and {j} look the same");
            }
        }
        assert_ne!(glyph_lines("+"), glyph_lines("-"));
        assert_ne!(glyph_lines(":"), glyph_lines(" "));
    }

    #[test]
    fn renders_big_and_centred() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 9));
        let style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
        BigText::new("12:34", style).render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        let w = usize::from(width("12:34"));
        let left = (30 - w) / 2;
        let top = (9 - 5) / 2;
        for (i, line) in glyph_lines("12:34").iter().enumerate() {
            let row: String = rows[top + i].chars().skip(left).take(w).collect();
            assert_eq!(&row, line);
        }
        assert!(rows[0].trim().is_empty());
        assert!(rows[8].trim().is_empty());
        assert_eq!(buf[(left as u16, top as u16)].fg, Color::Green);
    }

    #[test]
    fn falls_back_to_plain_text_when_small() {
        // Wide enough for the text, too narrow for the glyphs.
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 5));
        BigText::new("12:34", Style::new()).render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        assert_eq!(rows[2], "  12:34   ");
        assert!(!rows.iter().any(|r| r.contains('█')));

        // Wide enough, but too low.
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 3));
        BigText::new("12:34", Style::new()).render(buf.area, &mut buf);
        let rows = buffer_text(&buf);
        assert_eq!(rows[1].trim(), "12:34");
        assert!(!rows.iter().any(|r| r.contains('█')));

        // Narrower than the text itself: cut, never overflowing.
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        BigText::new("12:34", Style::new()).render(buf.area, &mut buf);
        assert_eq!(buffer_text(&buf)[0], "12…");
    }

    #[test]
    fn zero_and_odd_areas_do_not_panic() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 0, 0));
        BigText::new("12:34", Style::new()).render(Rect::new(0, 0, 0, 0), &mut buf);
        BigText::new("12:34", Style::new()).render(Rect::new(5, 5, 20, 10), &mut buf);

        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 4));
        for area in [
            Rect::new(0, 0, 0, 4),
            Rect::new(0, 0, 8, 0),
            Rect::new(0, 0, 1, 1),
            Rect::new(7, 3, 50, 50),
            Rect::new(100, 100, 30, 10),
            Rect::new(u16::MAX - 1, u16::MAX - 1, 1, 1),
        ] {
            BigText::new("12:34", Style::new()).render(area, &mut buf);
            BigText::new("", Style::new()).render(area, &mut buf);
        }

        // An area partly outside the buffer is clipped to it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 6));
        BigText::new("00", Style::new()).render(Rect::new(0, 0, 60, 20), &mut buf);
        assert!(buffer_text(&buf).iter().any(|r| r.contains('█')));
    }
}
