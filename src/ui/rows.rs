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
use ratatui::widgets::{Paragraph, Widget};

/// How many rows are kept at most: a resize leaves the old rows behind, and they go.
const MOST: usize = 96;

/// Rows drawn before, by where they were drawn.
#[derive(Default)]
pub struct Rows {
    kept: Vec<Kept>,
}

/// One row as drawn: where, from which line, over which cells, and the cells it became.
struct Kept {
    area: Rect,
    line: Line<'static>,
    under: Vec<Cell>,
    drawn: Vec<Cell>,
}

impl Rows {
    /// Draws `lines` one to a row of `area`, from its top, as `Paragraph::new(lines)` would:
    /// lines past the bottom are not drawn, rows past the last line are left as they are.
    pub fn draw(&mut self, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
            self.draw_row(line, Rect::new(area.x, y, area.width, 1), buf);
        }
    }

    fn draw_row(&mut self, line: Line<'static>, row: Rect, buf: &mut Buffer) {
        let start = buf.index_of(row.x, row.y);
        let cells = start..start + usize::from(row.width);
        let found = self.kept.iter().position(|k| k.area == row);
        if let Some(i) = found {
            let kept = &self.kept[i];
            if kept.line == line && kept.under[..] == buf.content[cells.clone()] {
                buf.content[cells].clone_from_slice(&kept.drawn);
                return;
            }
        }
        let under = buf.content[cells.clone()].to_vec();
        Paragraph::new(line.clone()).render(row, buf);
        super::settle::settle_in(buf, row);
        let kept = Kept {
            area: row,
            line,
            under,
            drawn: buf.content[cells].to_vec(),
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
/// [`changes`] gives for that row.
pub fn catch_up(shown: &mut Buffer, now: &Buffer) -> Vec<(u16, u16, Cell)> {
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
    use ratatui::style::{Color, Style};
    use ratatui::text::Span;

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
    fn a_row_over_other_cells_is_drawn_again() {
        let mut rows = Rows::default();
        let plain = Buffer::empty(Rect::new(0, 0, 16, 5));
        let mut marked = plain.clone();
        // Under the right-aligned line, whose row keeps every cell but its last.
        marked.set_string(0, 3, "################", Style::default().fg(Color::Red));
        for under in [&plain, &marked, &plain] {
            let mut buf = under.clone();
            rows.draw(lines("09:59"), area(), &mut buf);
            assert_eq!(buf, by_paragraph(lines("09:59"), under));
        }
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
