//! The rows of the panes that change each second, drawn only when their line changed.
//!
//! A second tick changes a figure or two: the clock in the header, the countdown in the
//! timers pane. Every other line of those panes comes out the same as a second before, and
//! laying it out again (graphemes, widths, truncation) is most of what a tick would cost. A
//! row is kept with the line it was drawn from and the cells it was drawn over; when both are
//! the same again, its cells are copied instead of laid out. What comes out is, by
//! construction, what [`Paragraph`] draws: a line of a paragraph without wrapping is drawn in
//! its own row from that line and the cells under it alone.
//!
//! A row drawn is settled at once (see [`super::settle`]), within the row: a line of a
//! paragraph never reaches past its row, so the row's cells come out as settling the whole
//! screen would leave them, and a kept row is kept settled.
//!
//! [`changes`] is the other half: it compares what a pane shows with what it showed, row by
//! row, and works out the cells to write only in the rows that differ.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::text::Line;

/// How many rows are kept at most: a resize leaves the old rows behind, and they go.
const MOST: usize = 96;

/// Rows drawn before, by where they were drawn, and which rows of the frame being drawn came
/// out as in the frame before.
#[derive(Default)]
pub struct Rows {
    kept: Vec<Kept>,
    /// The frame being drawn, counted from the first.
    frame: u64,
    /// The rows of this frame that are, cell for cell, what the same row showed in the frame
    /// before.
    same: Vec<Rect>,
}

/// One row as drawn: where, from which line, the cells it became, and the last frame that
/// drew it.
struct Kept {
    area: Rect,
    line: Line<'static>,
    drawn: Vec<Cell>,
    frame: u64,
}

impl Rows {
    /// Starts a frame: every row it draws is compared with the one drawn in the frame before.
    pub fn begin(&mut self) {
        self.frame += 1;
        self.same.clear();
    }

    /// Draws `lines` one to a row of `area`, from its top, each over blank cells as
    /// `Paragraph::new(line)` draws it: lines past the bottom are not drawn, rows past the
    /// last line are left as they are.
    pub fn draw(&mut self, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
            self.draw_row(line, Rect::new(area.x, y, area.width, 1), buf);
        }
    }

    /// Whether row `y`, across `columns`, came out in this frame as in the frame before: a
    /// row drawn the same covers them, but for at most two cells at each end (a pane's border
    /// and padding, drawn the same while the screen's slow part is).
    pub fn unchanged(&self, y: u16, columns: std::ops::Range<u16>) -> bool {
        self.same.iter().any(|r| {
            r.y == y && r.x <= columns.start.saturating_add(2) && r.right() + 2 >= columns.end
        })
    }

    fn draw_row(&mut self, line: Line<'static>, row: Rect, buf: &mut Buffer) {
        let start = buf.index_of(row.x, row.y);
        let cells = start..start + usize::from(row.width);
        let found = self.kept.iter().position(|k| k.area == row);
        if let Some(i) = found {
            let kept = &mut self.kept[i];
            if kept.line == line {
                buf.content[cells].clone_from_slice(&kept.drawn);
                if kept.frame + 1 == self.frame {
                    self.same.push(row);
                }
                kept.frame = self.frame;
                return;
            }
        }
        for cell in &mut buf.content[cells.clone()] {
            cell.reset();
        }
        put_line(&line, row, buf);
        super::settle::settle_in(buf, row);
        let kept = Kept {
            area: row,
            line,
            drawn: buf.content[cells].to_vec(),
            frame: self.frame,
        };
        match found {
            Some(i) => self.kept[i] = kept,
            None => {
                if self.kept.len() >= MOST {
                    self.kept.clear();
                }
                self.kept.push(kept);
            }
        }
    }
}

/// Draws one line in one row exactly as `Paragraph::new(line)` draws it there (no wrapping, no
/// scrolling): each span's grapheme clusters in the line's and the span's style, those holding
/// a control character left out, one wider than the row skipped, the line cut before the
/// first that would not fit, and placed as the line is aligned. A span of ASCII text, most of
/// what the panes say, is taken a byte at a time: each byte is a cluster of one cell.
fn put_line(line: &Line<'_>, row: Rect, buf: &mut Buffer) {
    use ratatui::buffer::CellWidth;
    use ratatui::layout::Alignment;
    use unicode_segmentation::UnicodeSegmentation;
    let max = row.width;
    if max == 0 || row.height == 0 {
        return;
    }
    let base = ratatui::style::Style::default().patch(line.style);
    let mut glyphs: Vec<(&str, u16, ratatui::style::Style)> = Vec::new();
    let mut width: u16 = 0;
    'spans: for span in &line.spans {
        let style = base.patch(span.style);
        let content = span.content.as_ref();
        if content.is_ascii() {
            for (i, byte) in content.bytes().enumerate() {
                if byte.is_ascii_control() {
                    continue;
                }
                if width + 1 > max {
                    break 'spans;
                }
                glyphs.push((&content[i..=i], 1, style));
                width += 1;
            }
            continue;
        }
        for cluster in content.graphemes(true) {
            if cluster.contains(char::is_control) {
                continue;
            }
            let w = cluster.cell_width();
            if w > max {
                continue;
            }
            if width + w > max {
                break 'spans;
            }
            glyphs.push((cluster, w, style));
            width += w;
        }
    }
    let mut x = row.x
        + match line.alignment.unwrap_or(Alignment::Left) {
            Alignment::Left => 0,
            Alignment::Center => (max / 2).saturating_sub(width / 2),
            Alignment::Right => max.saturating_sub(width),
        };
    for (symbol, w, style) in glyphs {
        if w == 0 {
            continue;
        }
        buf[(x, row.y)].set_symbol(symbol).set_style(style);
        x += w;
    }
}

/// The cells to write to turn what `was` shows into what `is` shows (both of the same area):
/// in each row that differs, what [`Buffer::diff`] gives for that row; nothing for the rows
/// that are the same.
pub fn changes(was: &Buffer, is: &Buffer) -> Vec<(u16, u16, Cell)> {
    let area = is.area;
    let width = usize::from(area.width);
    let mut out = Vec::new();
    if width == 0 {
        return out;
    }
    if was.area != area {
        // Another area (the terminal's size changed): the cells `was` did not hold are taken
        // as unknown, so that every one of them is written.
        let mut aligned = Buffer::empty(area);
        for cell in &mut aligned.content {
            cell.set_diff_option(ratatui::buffer::CellDiffOption::Skip);
        }
        let both = was.area.intersection(area);
        for y in both.top()..both.bottom() {
            for x in both.left()..both.right() {
                aligned[(x, y)] = was[(x, y)].clone();
            }
        }
        return changes(&aligned, is);
    }
    for (row, (before, after)) in was
        .content
        .chunks(width)
        .zip(is.content.chunks(width))
        .enumerate()
    {
        if before == after {
            continue;
        }
        let y = area.y + row as u16;
        let line = Rect::new(area.x, y, area.width, 1);
        let before = Buffer {
            area: line,
            content: before.to_vec(),
        };
        let after = Buffer {
            area: line,
            content: after.to_vec(),
        };
        out.extend(
            before
                .diff(&after)
                .into_iter()
                .map(|(x, y, c)| (x, y, c.clone())),
        );
    }
    out
}

/// Brings `shown`, a copy of what a pane shows, up to what `now` holds over the same area, in
/// place, and returns the cells to write for it: for each row that differs, what
/// [`changes`] gives for that row. Rows said `unchanged` (drawn as in the frame `shown` holds)
/// are not looked at.
pub fn catch_up(
    shown: &mut Buffer,
    now: &Buffer,
    unchanged: impl Fn(u16) -> bool,
) -> Vec<(u16, u16, Cell)> {
    let area = shown.area;
    let width = usize::from(area.width);
    if area.intersection(now.area) != area {
        // Not all of it is on this frame (the terminal's size changed): what is, is written.
        let clipped = cells_of(now, area);
        let out = changes(shown, &clipped);
        *shown = clipped;
        return out;
    }
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        if unchanged(y) {
            continue;
        }
        let at = now.index_of(area.x, y);
        let row = &now.content[at..at + width];
        let here = usize::from(y - area.y) * width;
        if shown.content[here..here + width] == *row {
            continue;
        }
        let line = Rect::new(area.x, y, area.width, 1);
        let before = Buffer {
            area: line,
            content: shown.content[here..here + width].to_vec(),
        };
        let after = Buffer {
            area: line,
            content: row.to_vec(),
        };
        out.extend(changes(&before, &after));
        shown.content[here..here + width].clone_from_slice(row);
    }
    out
}

/// A copy of the cells of one pane, as a buffer of the pane's area.
pub fn cells_of(buffer: &Buffer, pane: Rect) -> Buffer {
    let mut pane = pane.intersection(buffer.area);
    if pane.is_empty() {
        pane = Rect::new(pane.x, pane.y, 0, 0);
    }
    let mut content = Vec::with_capacity(usize::from(pane.width) * usize::from(pane.height));
    for y in pane.top()..pane.bottom() {
        let start = buffer.index_of(pane.x, y);
        content.extend_from_slice(&buffer.content[start..start + usize::from(pane.width)]);
    }
    Buffer {
        area: pane,
        content,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::layout::Alignment;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    /// Pieces of text a line may be made of: ASCII, box drawing, accents precomposed and
    /// combining, wide characters, an emoji with a skin tone, a spacing vowel sign, half-width
    /// katakana with its sound mark, zero-width and control characters.
    const PIECES: &[&str] = &[
        "a", "Z", " ", "09:35", "─", "é", "e\u{301}", "世", "界", "👍🏽", "\t", "\u{200b}", "सि",
        "ｶﾞ", "\r\n", "\u{7f}", "…", "▶",
    ];

    fn styles() -> impl Strategy<Value = Style> {
        (0..4u8, 0..3u8).prop_map(|(fg, m)| {
            let mut style = Style::default();
            if fg > 0 {
                style = style.fg([Color::Red, Color::Gray, Color::Yellow][usize::from(fg) - 1]);
            }
            if m == 1 {
                style = style.add_modifier(Modifier::BOLD);
            } else if m == 2 {
                style = style.add_modifier(Modifier::REVERSED);
            }
            style
        })
    }

    fn any_line() -> impl Strategy<Value = Line<'static>> {
        let span =
            (prop::collection::vec(0..PIECES.len(), 0..6), styles()).prop_map(|(ix, style)| {
                Span::styled(ix.into_iter().map(|i| PIECES[i]).collect::<String>(), style)
            });
        (prop::collection::vec(span, 0..4), styles(), 0..4u8).prop_map(|(spans, style, align)| {
            let line = Line::from(spans).style(style);
            match align {
                1 => line.alignment(Alignment::Left),
                2 => line.centered(),
                3 => line.right_aligned(),
                _ => line,
            }
        })
    }

    proptest! {
        /// A line drawn here comes out cell for cell as a paragraph draws it, over cells that
        /// already hold something.
        #[test]
        fn a_line_is_drawn_as_a_paragraph_draws_it(line in any_line(), width in 0..14u16, x in 0..3u16) {
            let mut under = Buffer::empty(Rect::new(0, 0, 18, 2));
            under.set_string(0, 1, "##################", Style::default().fg(Color::Blue));
            let row = Rect::new(x, 1, width, 1);
            let mut ours = under.clone();
            put_line(&line, row, &mut ours);
            let mut theirs = under.clone();
            Paragraph::new(line).render(row, &mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }

    fn area() -> Rect {
        Rect::new(2, 1, 12, 3)
    }

    fn lines(clock: &str) -> Vec<Line<'static>> {
        vec![
            Line::from(vec![
                Span::styled("Now ", Style::default().fg(Color::Gray)),
                Span::raw(clock.to_string()),
            ]),
            Line::raw("नमस्ते 世界 tail that is cut"),
            Line::raw("x").right_aligned(),
        ]
    }

    /// What a paragraph draws over the same cells, settled.
    fn by_paragraph(lines: Vec<Line<'static>>, under: &Buffer) -> Buffer {
        let mut buf = under.clone();
        Paragraph::new(lines).render(area(), &mut buf);
        super::super::settle(&mut buf);
        buf
    }

    #[test]
    fn kept_rows_come_out_as_a_paragraph_draws_them() {
        let mut rows = Rows::default();
        let under = Buffer::empty(Rect::new(0, 0, 16, 5));
        for clock in ["09:59", "09:58", "09:58", "10:00", "10:00"] {
            let mut buf = under.clone();
            rows.draw(lines(clock), area(), &mut buf);
            assert_eq!(buf, by_paragraph(lines(clock), &under), "{clock}");
        }
    }

    #[test]
    fn a_row_is_drawn_over_blank_cells_whatever_was_under_it() {
        let mut rows = Rows::default();
        let plain = Buffer::empty(Rect::new(0, 0, 16, 5));
        let mut marked = plain.clone();
        // Under the right-aligned line, whose row keeps every cell but its last.
        marked.set_string(0, 3, "################", Style::default().fg(Color::Red));
        for under in [&plain, &marked, &plain, &marked] {
            let mut buf = under.clone();
            rows.draw(lines("09:59"), area(), &mut buf);
            let mut expected = under.clone();
            for y in area().top()..area().bottom() {
                for x in area().left()..area().right() {
                    expected[(x, y)].reset();
                }
            }
            assert_eq!(buf, by_paragraph(lines("09:59"), &expected));
        }
    }

    #[test]
    fn a_row_is_the_same_only_when_the_frame_before_drew_it_so() {
        let mut rows = Rows::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 5));
        let mut frame = |rows: &mut Rows, clock: &str, how_many: usize| {
            rows.begin();
            let mut some = lines(clock);
            some.truncate(how_many);
            rows.draw(some, area(), &mut buf);
            (1..4)
                .map(|y| rows.unchanged(y, 2..14))
                .collect::<Vec<bool>>()
        };
        assert_eq!(frame(&mut rows, "09:59", 3), [false, false, false]);
        assert_eq!(frame(&mut rows, "09:58", 3), [false, true, true]);
        // The third line is left out, then back as it was: not the same as the blank before.
        assert_eq!(frame(&mut rows, "09:58", 2), [true, true, false]);
        assert_eq!(frame(&mut rows, "09:58", 3), [true, true, false]);
        assert_eq!(frame(&mut rows, "09:58", 3), [true, true, true]);
        // Up to two cells at each end of the columns may lie outside the row (the row is
        // columns 2 to 13): a border and its padding; not three.
        assert!(rows.unchanged(1, 0..16));
        assert!(!rows.unchanged(1, 0..17));
        assert!(!rows.unchanged(4, 2..14));
    }

    #[test]
    fn changes_are_those_of_the_rows_that_differ() {
        let whole = Rect::new(0, 0, 16, 4);
        let mut was = Buffer::empty(whole);
        was.set_string(0, 0, "Now 09:59", Style::default());
        was.set_string(0, 2, "世界 same", Style::default());
        let mut is = was.clone();
        is.set_string(0, 0, "Now 09:58", Style::default());
        is.set_string(0, 3, "世", Style::default());
        let ours = changes(&was, &is);
        let theirs: Vec<(u16, u16, Cell)> = was
            .diff(&is)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        assert_eq!(ours, theirs);
        let at: Vec<(u16, u16)> = ours.iter().map(|(x, y, _)| (*x, *y)).collect();
        assert_eq!(at, [(8, 0), (0, 3)]);
    }

    #[test]
    fn from_another_area_every_cell_not_known_is_written() {
        let mut was = Buffer::empty(Rect::new(0, 0, 4, 1));
        was.set_string(0, 0, "ab", Style::default());
        let mut is = Buffer::empty(Rect::new(0, 0, 6, 2));
        is.set_string(0, 0, "ab", Style::default());
        let at: Vec<(u16, u16)> = changes(&was, &is)
            .iter()
            .map(|(x, y, _)| (*x, *y))
            .collect();
        // The first row's last two cells and the whole second row were not in `was`.
        assert_eq!(
            at,
            [
                (4, 0),
                (5, 0),
                (0, 1),
                (1, 1),
                (2, 1),
                (3, 1),
                (4, 1),
                (5, 1)
            ]
        );
    }
}
