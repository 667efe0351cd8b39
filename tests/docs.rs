//! The README keeps up with the keymap: every key of every mode is in the key column of the
//! README's table for that mode, in the `## Keys` section.

use convene::keymap::{self, Command, Mode};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The text of the `## Keys` section: from its heading to the next `## ` heading.
fn keys_section(readme: &str) -> &str {
    let start = readme
        .find("\n## Keys\n")
        .expect("the README has a `## Keys` section")
        + 1;
    let body = &readme[start + "## Keys\n".len()..];
    let end = body.find("\n## ").map_or(body.len(), |i| i + 1);
    &body[..end]
}

/// One table of the keys section: its title (the first header cell) and the key cell of
/// each row.
struct Table {
    title: String,
    key_cells: Vec<String>,
}

/// The cells of a table row `| a | b |`.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

fn tables(section: &str) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut in_table = false;
    for line in section.lines() {
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        if !in_table {
            in_table = true;
            out.push(Table {
                title: cells(line)[0].clone(),
                key_cells: Vec::new(),
            });
            continue;
        }
        let first = cells(line).remove(0);
        if first.chars().all(|c| c == '-' || c == ':') {
            continue; // the |---|---| line
        }
        if let Some(table) = out.last_mut() {
            table.key_cells.push(first);
        }
    }
    out
}

/// The README tables that document each mode's keys.
fn tables_of(mode: Mode) -> &'static [&'static str] {
    match mode {
        Mode::Normal => &[
            "Running the day",
            "Timers",
            "Breakout groups (on the person selected in pane 3)",
            "Exercise tracker (on the room selected in pane 4, while a block with an exercise runs)",
            "Moving around",
        ],
        Mode::Help => &["In the help"],
        Mode::Replan => &["In the replan preview"],
        Mode::Input => &["When typing a countdown"],
        Mode::Replay => &["When replaying a journal (`convene replay`)"],
        Mode::Notes => &["When writing a room's notes"],
        Mode::Confirm => &["When asked to confirm"],
        Mode::Popup => &["When reading a text"],
    }
}

/// Where `Ctrl-c` as "quit at once" is documented for every mode that has it: one row of the
/// confirm table, which says "(in any question, preview or line being typed)".
const QUIT_NOW_TABLE: &str = "When asked to confirm";

/// Where `Ctrl-l`, bound in every mode, is documented: one row of the moving-around table,
/// which says "in every mode".
const REDRAW_TABLE: &str = "Moving around";

#[test]
fn the_readme_documents_every_key_in_its_modes_table() {
    let readme = readme();
    let section = keys_section(&readme);
    let tables = tables(section);
    let titles: Vec<&str> = tables.iter().map(|t| t.title.as_str()).collect();

    // Every table of the section belongs to a mode, and every mode's tables are there.
    let mut expected: Vec<&str> = Mode::ALL
        .iter()
        .flat_map(|m| tables_of(*m))
        .copied()
        .collect();
    expected.sort_unstable();
    let mut found = titles.clone();
    found.sort_unstable();
    assert_eq!(
        found, expected,
        "the tables of the README's `## Keys` section"
    );

    let mut missing = Vec::new();
    for mode in Mode::ALL {
        for binding in keymap::bindings(mode) {
            let mut places: Vec<&str> = tables_of(mode).to_vec();
            if binding.command == Command::QuitNow && mode != Mode::Replay {
                places.push(QUIT_NOW_TABLE);
            }
            if binding.command == Command::Redraw {
                places.push(REDRAW_TABLE);
            }
            let labels: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("`{}`", k.label()))
                .collect();
            // All the keys of one binding are documented in the key cell of one row.
            let documented = tables
                .iter()
                .filter(|t| places.contains(&t.title.as_str()))
                .flat_map(|t| &t.key_cells)
                .any(|cell| labels.iter().all(|l| cell.contains(l.as_str())));
            if !documented {
                missing.push(format!(
                    "{mode:?}: {} ({}) is not in one row of {places:?}",
                    labels.join(" / "),
                    binding.help
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn the_keys_section_is_found_by_its_headings() {
    let readme = readme();
    let section = keys_section(&readme);
    assert!(
        section.starts_with("\nThe footer shows the keys"),
        "{section}"
    );
    // It ends where the next section begins, before the daily how-to.
    assert!(!section.contains("## Running a live day"), "{section}");
    assert!(
        readme[readme.find(section).unwrap() + section.len()..].starts_with("## "),
        "the section runs to the next heading"
    );
    // A key cell is the first cell only: the descriptions are not searched.
    let tables = tables(section);
    let running = tables
        .iter()
        .find(|t| t.title == "Running the day")
        .unwrap();
    assert_eq!(running.key_cells[0], "`Enter`");
    assert_eq!(running.key_cells.len(), 16);
}
