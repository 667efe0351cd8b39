//! The review written from a journal: Markdown snapshot, and an HTML page with one bar per
//! block and no network resources.

mod common;

use std::sync::Arc;

use chrono::DateTime;
use chrono::Utc;
use common::*;
use convene::core::{Action, Stamped, State, Who, update};
use convene::journal::{self, Writer};
use convene::programme::Workshop;
use convene::report;

/// A fresh folder for one test's files, removed when the test ends, also when it fails.
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convene-report-{name}-"))
        .tempdir()
        .unwrap()
}

/// Day 1 of the ToT as it might have gone: a late start, an overrun welcome given five more
/// minutes, a skipped report-back, a cue sent, a timer, an undone mistake, a replan, and the
/// day ended early.
fn day_one(path: &std::path::Path, workshop: Arc<Workshop>) -> State {
    let mut state = State::new(Arc::clone(&workshop));
    let mut writer = Writer::open(path, &workshop, at(-15, 0), 1, 0).unwrap();
    let mut act = |state: &mut State, action: Action, now: DateTime<Utc>| {
        let events = Stamped::all(update(state, action, now).unwrap(), now, &Who::lead());
        writer.append(&events).unwrap();
        state.apply_batch(&events);
    };
    let id = |state: &State, title: &str| {
        state.days[0]
            .blocks
            .iter()
            .find(|b| b.block.title == title)
            .unwrap()
            .id
    };
    act(&mut state, Action::Next { day: 0 }, at(4, 0));
    act(&mut state, Action::ExtendRunning { minutes: 5 }, at(12, 0));
    act(&mut state, Action::Next { day: 0 }, at(19, 0));
    act(&mut state, Action::Next { day: 0 }, at(30, 0));
    let skip = id(&state, "Report-back: principles");
    act(&mut state, Action::ToggleSkip(skip), at(35, 0));
    // A mistake, taken back.
    act(&mut state, Action::ExtendRunning { minutes: 5 }, at(36, 0));
    act(&mut state, Action::Undo(Who::lead()), at(36, 30));
    act(&mut state, Action::Next { day: 0 }, at(52, 0));
    act(
        &mut state,
        Action::StartTimer {
            label: "Breakout rooms".into(),
            seconds: Some(15 * 60),
        },
        at(52, 0),
    );
    act(&mut state, Action::SendCue, at(53, 0));
    let plan = convene::core::propose_replan(&state, 0, at(80, 0)).unwrap();
    act(
        &mut state,
        Action::Replan {
            day: 0,
            changes: plan.changes,
        },
        at(80, 0),
    );
    act(&mut state, Action::Next { day: 0 }, at(80, 0));
    act(&mut state, Action::FinishDay { day: 0 }, at(200, 0));
    state
}

fn report_for(name: &str) -> report::Report {
    let tmp = temp_dir(name);
    let dir = tmp.path();
    let path = dir.join("day-1.jsonl");
    day_one(&path, tot());
    let loaded = journal::read(&[path]).unwrap().unwrap();
    report::build(&loaded).unwrap()
}

#[test]
fn the_markdown_review_of_day_one() {
    let r = report_for("md");
    let md = report::markdown(&r);
    assert!(md.contains("## Day 1: Mon 8 Nov 2021"), "{md}");
    // At 13:36 the running block was “What is Decentralized Cooperation?” (started 13:30,
    // 20 minutes planned): five more made 25, and undo took them back at 13:36:30.
    let lines: Vec<&str> = md.lines().collect();
    let undone =
        "- 13:36 ~~extended “What is Decentralized Cooperation?” by 5 min to 25 min~~ (undone)";
    let undo = "- 13:36 undid: extended “What is Decentralized Cooperation?” by 5 min to 25 min";
    let at = lines
        .iter()
        .position(|l| *l == undone)
        .unwrap_or_else(|| panic!("no line {undone:?} in\n{md}"));
    assert_eq!(lines.get(at + 1), Some(&undo), "{md}");
    // Nothing else is struck out.
    assert_eq!(md.matches("(undone)").count(), 1, "{md}");
    assert_eq!(md.matches("~~").count(), 2, "{md}");
    assert!(
        md.contains("Ended 16:20 against a planned 16:30, with 10 blocks not run: “Report-back: principles”;"),
        "{md}"
    );
    assert!(
        md.contains("The 5 blocks that ran ended **125 min late**."),
        "{md}"
    );
    insta::assert_snapshot!(md);
}

#[test]
fn the_day_ended_early_and_the_skipped_block_did_not_run() {
    let r = report_for("facts");
    let day = &r.days[0];
    // Five blocks ran, planned 10 + 10 + 20 + 15 + 20 = 75 min from 13:00, so to end at
    // 14:15; the day was ended at 16:20: 125 min late on what ran, not "10 min early"
    // against the whole day's 16:30. The other ten never ran.
    assert_eq!(report::drift_words(day.drift().unwrap()), "125 min late");
    assert_eq!(day.ran, 5);
    assert_eq!(day.not_run.len(), 10);
    assert_eq!(
        day.not_run.iter().filter(|(_, high)| *high).count(),
        3,
        "{:?}",
        day.not_run
    );
    let welcome = &day.blocks[0];
    assert_eq!(welcome.actual_minutes(), Some(15));
    assert_eq!(welcome.over_under(), "+5");
    let skipped = day
        .blocks
        .iter()
        .find(|b| b.title == "Report-back: principles")
        .unwrap();
    assert_eq!(skipped.over_under(), "not run");
    assert_eq!(day.cues.len(), 1);
    let undone: Vec<&str> = day
        .log
        .iter()
        .filter(|l| l.undone)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        undone,
        ["extended “What is Decentralized Cooperation?” by 5 min to 25 min"]
    );
    assert!(
        day.log
            .iter()
            .any(|l| l.text.starts_with("replanned day 1"))
    );
}

#[test]
fn the_html_review_is_self_contained_with_one_bar_per_block() {
    let r = report_for("html");
    let page = report::html(&r);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert_eq!(page.matches("<svg").count(), r.days.len());
    let day = &r.days[0];
    let planned = day.blocks.iter().filter(|b| b.planned.is_some()).count();
    let ran = day
        .blocks
        .iter()
        .filter(|b| matches!(b.actual, Some((_, Some(_)))))
        .count();
    assert_eq!(page.matches("class=\"planned\"").count(), planned);
    assert_eq!(
        page.matches("class=\"actual\"").count() + page.matches("class=\"actual over\"").count(),
        ran
    );
    // Nothing is fetched from anywhere: the only URL is the SVG namespace.
    assert_eq!(
        page.matches("http").count(),
        page.matches("http://www.w3.org/2000/svg").count()
    );
    // Balanced tags for what the page opens.
    for tag in ["table", "svg", "ul", "body", "html"] {
        assert_eq!(
            page.matches(&format!("<{tag}")).count(),
            page.matches(&format!("</{tag}>")).count(),
            "{tag}"
        );
    }
}

#[test]
fn text_from_the_programme_is_escaped() {
    let source = convene::programme::DEFAULT_SOURCE.replacen(
        "\"Welcome and opening\"",
        "\"Welcome <b>& “opening”</b>\"",
        1,
    );
    let workshop = Arc::new(convene::programme::parse("x.json", &source).unwrap());
    let tmp = temp_dir("escape");
    let dir = tmp.path();
    let path = dir.join("j.jsonl");
    day_one_short(&path, workshop);
    let loaded = journal::read(&[path]).unwrap().unwrap();
    let page = report::html(&report::build(&loaded).unwrap());
    assert!(!page.contains("<b>"));
    assert!(page.contains("Welcome &lt;b&gt;&amp; “opening”&lt;/b&gt;"));
}

/// The first block run from 13:00 to 13:10, the second started at 13:10.
fn day_one_short(path: &std::path::Path, workshop: Arc<Workshop>) {
    let mut state = State::new(Arc::clone(&workshop));
    let mut writer = Writer::open(path, &workshop, at(0, 0), 1, 0).unwrap();
    for now in [at(0, 0), at(10, 0)] {
        let events = update(&state, Action::Next { day: 0 }, now).unwrap();
        let events = Stamped::all(events, now, &Who::lead());
        writer.append(&events).unwrap();
        state.apply_batch(&events);
    }
    let ran: Vec<_> = state.days[0]
        .blocks
        .iter()
        .take(3)
        .map(|b| (b.started_at, b.ended_at))
        .collect();
    assert_eq!(
        ran,
        [
            (Some(at(0, 0)), Some(at(10, 0))),
            (Some(at(10, 0)), None),
            (None, None)
        ]
    );
}

#[test]
fn write_creates_both_files() {
    let r = report_for("write");
    let tmp_out = temp_dir("out");
    let out = tmp_out.path();
    let (md, html) = report::write(&r, &out.join("review")).unwrap();
    assert!(
        std::fs::read_to_string(md)
            .unwrap()
            .starts_with("# Review: ")
    );
    assert!(
        std::fs::read_to_string(html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn the_review_command_writes_the_report() {
    let tmp = temp_dir("cli");
    let dir = tmp.path();
    let path = dir.join("day-1.jsonl");
    day_one(&path, tot());
    let out = dir.join("review");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(["review", dir.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(out.join("report.md").exists());
    assert!(out.join("report.html").exists());
}

#[test]
fn the_review_reads_a_torn_journal_without_changing_a_byte() {
    let tmp = temp_dir("torn-review");
    let dir = tmp.path();
    let path = dir.join("day-1.jsonl");
    day_one(&path, tot());
    let mut bytes = std::fs::read(&path).unwrap();
    let lines = bytes.iter().filter(|b| **b == b'\n').count();
    // The laptop died while the next line was being written.
    bytes.extend_from_slice(br#"{"kind":"event","v":1,"seq":99,"batch":98,"at":"2021-11"#);
    std::fs::write(&path, &bytes).unwrap();
    let out = dir.join("review");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args([
            "review",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "{}: line {} was cut off while being written; left out, and left in the file as it is",
            path.display(),
            lines + 1
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not a byte changed");
    assert!(!dir.join("day-1.jsonl.torn").exists());
    assert!(out.join("report.md").exists());
}

#[test]
fn the_review_opens_each_day_with_its_summary_and_ends_with_the_totals() {
    let r = report_for("order");
    let md = report::markdown(&r);
    let at = |needle: &str| {
        md.find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in\n{md}"))
    };
    // The day in brief, then the blocks, then the log, then the workshop's totals.
    assert!(at("### The day in brief") < at("### Blocks"));
    assert!(at("### Blocks") < at("### What happened"));
    assert!(at("### What happened") < at("## Workshop totals"));
    // The brief says how the day ended against its plan, honestly: the day was ended at
    // 16:20 with ten blocks not run, and what ran (planned to end 14:15) ended 125 min late;
    // never "10 min early" against the whole day's 16:30.
    let brief = &md[at("### The day in brief")..at("### Blocks")];
    assert!(
        brief.contains("- Day 1 ended at 16:20 (planned 16:30)."),
        "{brief}"
    );
    assert!(
        brief.contains("- Ran 5 of 15 blocks; 10 not run"),
        "{brief}"
    );
    assert!(
        brief.contains("- The blocks that ran ended 125 min late."),
        "{brief}"
    );
    assert!(!brief.contains("early"), "{brief}");
    // The undone extension and its undo are folded at the end of the log, not among the
    // day's actions.
    let log = &md[at("### What happened")..at("## Workshop totals")];
    let folded = log.find("Taken back with undo (2):").expect("folded undos");
    assert!(!log[..folded].contains("undid"), "{log}");
    assert!(!log[..folded].contains("~~"), "{log}");
    // The totals: day 1's five blocks of fifteen, the other days not run; 5 of 15 + 15 + 14.
    let totals = &md[at("## Workshop totals")..];
    assert!(
        totals.contains("| 1 | Mon 8 Nov 2021 | 5 of 15 | 125 min late |"),
        "{totals}"
    );
    assert!(
        totals.contains("| 2 | Thu 25 Nov 2021 | 0 of 15 | not run |"),
        "{totals}"
    );
    assert!(
        totals.contains("Blocks run: 5 of 44; over or under on the days that ended: +125 min."),
        "{totals}"
    );
    // The programme is an illustrative plan, and the review says so at its top, with what
    // the announcement says.
    assert!(at("*Illustrative plan:") < at("## Day 1"));
    assert!(at("## The workshop as announced") < at("## Day 1"));
    assert!(
        md.contains("- **Target group**: UCLG ASPAC members"),
        "{md}"
    );
}

#[test]
fn the_html_review_reads_in_a_mail_client() {
    let r = report_for("mail");
    let page = report::html(&r);
    // Inline styles only, no script: a mail client drops a style sheet and never runs code.
    for absent in ["<style", "<script", "<link", "class=\"late\"", "onload"] {
        assert!(!page.contains(absent), "{absent} in the page");
    }
    // The timeline has a text alternative and a legend.
    assert!(page.contains("role=\"img\" aria-labelledby=\"tl1t tl1d\""));
    assert!(page.contains("<title id=\"tl1t\">Day 1: each block planned and as it ran</title>"));
    assert!(
        page.contains("<desc id=\"tl1d\">15 blocks planned from 13:00 to 16:30, 5 of them run.")
    );
    assert!(page.contains("planned<span") && page.contains("actual, past the planned end</p>"));
    // The summary comes before the log, the undone action folded in a <details>.
    let summary = page.find("id=\"day-1-summary\"").unwrap();
    let log = page.find("id=\"day-1-log\"").unwrap();
    assert!(summary < log);
    let details = page
        .find("<details><summary>Taken back with undo (2)</summary>")
        .unwrap();
    assert!(details > log);
}

/// The headless browser of the system, where there is one.
fn chromium() -> Option<std::path::PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .find(|p| p.exists())
}

/// Runs headless Chromium with a profile of its own and these arguments; what it printed, once
/// it has ended well.
fn headless(browser: &std::path::Path, profile: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn a_browser_renders_the_review_with_the_summary_before_the_log() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: no Chromium at /usr/bin/chromium (install the chromium package to run \
             this test)"
        );
        return;
    };
    let tmp = temp_dir("browser");
    let dir = tmp.path();
    let journal =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v1");
    let loaded = journal::read(&convene::journal::day_files(&journal))
        .unwrap()
        .unwrap();
    let review = report::build(&loaded).unwrap();
    let (_, page) = report::write(&review, dir).unwrap();
    let profile = dir.join("profile");
    let out = headless(
        &browser,
        &profile,
        &["--dump-dom", &format!("file://{}", page.display())],
    );
    let dom = String::from_utf8_lossy(&out);
    // The browser parsed the whole page: its end, the SVG with its bars, the last section.
    assert!(dom.trim_end().ends_with("</html>"), "{dom}");
    assert!(dom.contains("<rect class=\"planned\""), "{dom}");
    assert!(dom.contains("id=\"totals\""), "{dom}");
    for day in 1..=review.days.len() {
        let summary = dom
            .find(&format!("id=\"day-{day}-summary\""))
            .unwrap_or_else(|| panic!("no summary of day {day}"));
        let log = dom
            .find(&format!("id=\"day-{day}-log\""))
            .unwrap_or_else(|| panic!("no log of day {day}"));
        assert!(summary < log, "day {day}: the log comes before the summary");
    }
    // And it draws: a screenshot of the page is a PNG image.
    let shot = dir.join("review.png");
    headless(
        &browser,
        &profile,
        &[
            "--hide-scrollbars",
            "--window-size=1000,1400",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page.display()),
        ],
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(png.len() > 10_000, "an empty page: {} bytes", png.len());
}

/// A session served to several people: the review's log says who did each action; one kept by
/// one person alone does not (see the snapshot above).
#[test]
fn the_log_of_a_served_session_says_who_did_each_action() {
    let tmp = temp_dir("by");
    let path = tmp.path().join("day-1.jsonl");
    let workshop = tot();
    let mut state = State::new(Arc::clone(&workshop));
    let mut writer = Writer::open(&path, &workshop, at(-15, 0), 1, 0).unwrap();
    let rina = Who("Rina".into());
    let hendra = Who("Hendra".into());
    for (action, by, now) in [
        (Action::Next { day: 0 }, &rina, at(0, 0)),
        (
            Action::StartTimer {
                label: "Room check".into(),
                seconds: Some(300),
            },
            &hendra,
            at(1, 0),
        ),
    ] {
        let events = Stamped::all(update(&state, action, now).unwrap(), now, by);
        writer.append(&events).unwrap();
        state.apply_batch(&events);
    }
    let loaded = journal::read(&[path]).unwrap().unwrap();
    let report = report::build(&loaded).unwrap();
    let texts: Vec<&str> = report.days[0].log.iter().map(|l| l.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Rina: ") && t.contains("Welcome and opening")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Hendra: ") && t.contains("Room check")),
        "{texts:?}"
    );
}
