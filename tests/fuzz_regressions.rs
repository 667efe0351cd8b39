//! Inputs that the fuzz targets (`fuzz/`) and the fuzz harness (`tests/fuzz_readers.rs`) found
//! to crash or hang a reader, kept so that they never do again.

use convene::programme::{self, MOST_LISTED};

/// A valid programme to spoil.
const PROGRAMME: &str = include_str!("fixtures/programme/broken.json");

/// Checks `text`, which must be refused; gives the problems. (Each listed problem is located
/// from the file's start, so only the first [`MOST_LISTED`] are: with all of them, these files
/// took minutes. How long a check takes is measured by `scripts/`, not asserted here.)
fn refused_quickly(text: &str) -> Vec<programme::Problem> {
    let result = programme::parse_checked("many.json", text);
    match result {
        Ok(_) => panic!("a programme with thousands of problems was accepted"),
        Err(e) => e.problems,
    }
}

/// The last problem says how many more there are, where the first of them is; the ones before
/// it are in file order. Gives how many were not listed.
fn not_listed(problems: &[programme::Problem]) -> usize {
    assert_eq!(problems.len(), MOST_LISTED + 1);
    let last = &problems[MOST_LISTED];
    let more: usize = last
        .message
        .strip_suffix(&format!(
            " more problems, not listed (only the first {MOST_LISTED} are), the first of them \
             here: deal with those above and check the file again"
        ))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", last.message));
    let listed = &problems[..MOST_LISTED];
    assert!(
        listed
            .windows(2)
            .all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column))
    );
    more
}

#[test]
fn thousands_of_unknown_fields_are_checked_quickly() {
    // 20,000 unknown fields at the top: each was found from the file's start, a minute in all.
    let fields: String = (0..20_000)
        .map(|i| format!("  \"extra{i}\": 1,\n"))
        .collect();
    let text = PROGRAMME.replacen("{\n", &format!("{{\n{fields}"), 1);
    let problems = refused_quickly(&text);
    // The broken fixture's own problems come after these: they are no unknown fields.
    assert_eq!(not_listed(&problems), 20_000 - MOST_LISTED);
    assert!(problems[0].message.starts_with("unknown field `extra"));
    assert_eq!(problems[0].line, 2);
}

#[test]
fn thousands_of_wrong_blocks_are_checked_quickly() {
    // 10,000 blocks naming a chapter that does not exist, one problem each.
    let block = "        { \"title\": \"Spare\", \"kind\": \"welcome\", \"minutes\": 1, \"chapter\": 9 },\n";
    let text = PROGRAMME.replacen(
        "\"blocks\": [\n",
        &format!("\"blocks\": [\n{}", block.repeat(10_000)),
        1,
    );
    let problems = refused_quickly(&text);
    // The broken fixture's own three problems come on top of the 10,000.
    assert_eq!(not_listed(&problems), 10_003 - MOST_LISTED);
    assert_eq!(programme::count(&problems), 10_003);
    assert!(
        problems[0].path.starts_with("days[0].blocks[0]"),
        "{}",
        problems[0].path
    );
}

#[test]
fn thousands_of_control_characters_in_one_string_are_checked_quickly() {
    // Every character of a 30,000-character title is a control character, each a problem
    // found by reading the string from its start.
    let title = "\\u0007".repeat(30_000);
    let text = PROGRAMME.replacen(
        "\"title\": \"Peer exchange on city-to-city partnerships\"",
        &format!("\"title\": \"{title}\""),
        1,
    );
    let problems = refused_quickly(&text);
    assert_eq!(not_listed(&problems), 30_003 - MOST_LISTED);
    assert_eq!(problems[0].path, "title");
    assert!(
        problems[0].message.contains("U+0007"),
        "{}",
        problems[0].message
    );
}
