//! Writing CSV: the one writer of every CSV convene writes (a roster, Zoom's pre-assignment
//! file), whose cells never start a spreadsheet formula.
//!
//! A spreadsheet opening a CSV reads a cell that starts with `=`, `+`, `-` or `@` as a formula,
//! and some run it (`=HYPERLINK(…)` sends a click elsewhere, `=cmd|…` starts a program); a tab
//! or carriage return in front hides such a start from a check on the first character. As
//! OWASP advises against CSV injection, such a cell is written with a single quote `'` in
//! front, which makes it text. convene's readers take the quote off again (see [`restore`]),
//! so a roster written and read back holds what it held.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula when they start it.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read the cell as a formula, or would once [`restore`] took a
/// quote off its front: it starts with one of [`FORMULA_STARTS`] after any quotes `'`.
fn needs_quote(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// The cell as written to a CSV file: with `'` in front when it would start a formula (and
/// when it is such a cell already quoted, so that reading it back gives it as it was).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as [`neutralise`] was given it: without the `'` it put in front of a formula.
pub(crate) fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// Lines ended by `\n`, or by `\r\n` as Zoom's own files are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ends {
    Lf,
    CrLf,
}

/// The CSV text of `rows`, every cell through [`neutralise`].
pub(crate) fn csv_text<R, C>(
    rows: impl IntoIterator<Item = R>,
    ends: Ends,
) -> Result<String, csv::Error>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let terminator = match ends {
        Ends::Lf => csv::Terminator::Any(b'\n'),
        Ends::CrLf => csv::Terminator::CRLF,
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(terminator)
        .flexible(false)
        .from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        writer.write_record(&cells)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_start_a_formula_are_quoted_and_others_not() {
        for cell in [
            "=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=", "-", "'=1", "''+",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
        for cell in [
            "",
            "Ana",
            " =1",
            "1-2",
            "a=b",
            "'a=1",
            "ana@example.org",
            "'",
            "''",
        ] {
            assert!(
                matches!(neutralise(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
        // A quote not in front of a formula is the cell's own.
        assert_eq!(restore("'quoted'"), "'quoted'");
        assert_eq!(restore("''=1"), "'=1");
    }

    #[test]
    fn the_writer_neutralises_every_cell_and_ends_lines_as_asked() {
        let rows = [["name", "note"], ["=cmd|' /C calc'!A0", "-5, or +5"]];
        assert_eq!(
            csv_text(rows, Ends::Lf).unwrap(),
            "name,note\n'=cmd|' /C calc'!A0,\"'-5, or +5\"\n"
        );
        assert_eq!(csv_text([["a", "@b"]], Ends::CrLf).unwrap(), "a,'@b\r\n");
    }
}
