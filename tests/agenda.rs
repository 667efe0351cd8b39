//! `convene agenda`: the run-of-show in each format, the calendar read back by a parser that
//! is not the writer's.

use std::process::Command;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

fn convene(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = convene(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A calendar's events as (name, value) lists, read by the `ical` crate.
fn events(ics: &str) -> Vec<Vec<(String, String)>> {
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let calendar = parser
        .next()
        .expect("a calendar")
        .expect("a calendar that parses");
    assert!(parser.next().is_none(), "one calendar only");
    calendar
        .events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| (p.name, p.value.unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn value<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

/// `20211125T060000Z` as an instant; anything else (a floating or zoned time) fails.
fn utc(text: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .unwrap_or_else(|e| panic!("{text:?} is not a UTC date-time: {e}"));
    Utc.from_utc_datetime(&naive)
}

/// RFC 5545 TEXT unescaped: `\,` `\;` `\\` `\n`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_calendar_has_a_day_an_event_at_the_right_instants() {
    let ics = stdout(&["agenda", "--format", "ics"]);
    // RFC 5545 3.1: lines end CRLF and are folded to at most 75 octets.
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let events = events(&ics);
    assert_eq!(events.len(), 3);
    // Day 2: Thursday 25 November 2021, 13:00 to 16:30 in Jakarta (UTC+7): 06:00 to 09:30 UTC.
    let day2 = &events[1];
    let start = utc(value(day2, "DTSTART"));
    let end = utc(value(day2, "DTEND"));
    assert_eq!(start, Utc.with_ymd_and_hms(2021, 11, 25, 6, 0, 0).unwrap());
    assert_eq!(end, Utc.with_ymd_and_hms(2021, 11, 25, 9, 30, 0).unwrap());
    // Kathmandu is UTC+05:45: a participant there sees 11:45 to 15:15.
    let kathmandu = chrono_tz::Asia::Kathmandu;
    assert_eq!(
        start.with_timezone(&kathmandu).format("%H:%M").to_string(),
        "11:45"
    );
    assert_eq!(
        end.with_timezone(&kathmandu).format("%H:%M").to_string(),
        "15:15"
    );
    let summary = unescape(value(day2, "SUMMARY"));
    assert_eq!(
        summary,
        "Training of Trainers on Localizing the SDGs through Decentralized Cooperation: \
         day 2, Practice and design · Chapters 3 and 4"
    );
    let description = unescape(value(day2, "DESCRIPTION"));
    assert!(description.contains("\n14:35 Break\n"), "{description}");
    assert!(description.contains("11:45 Kathmandu"), "{description}");
    for (i, e) in events.iter().enumerate() {
        assert_eq!(
            value(e, "UID"),
            format!("uclg-aspac-tot-module4-2021-day-{}@convene", i + 1)
        );
        assert!(!value(e, "DTSTAMP").is_empty());
    }
}

#[test]
fn with_blocks_the_calendar_has_each_block_too() {
    let ics = stdout(&["agenda", "--format", "ics", "--blocks", "--day", "2"]);
    let events = events(&ics);
    // Day 2's event and its 15 blocks.
    assert_eq!(events.len(), 16);
    // The break: after 10 + 20 + 20 + 10 + 20 + 15 = 95 minutes, 14:35 to 14:45 in Jakarta,
    // 07:35 to 07:45 UTC.
    let break_ = events
        .iter()
        .find(|e| value(e, "SUMMARY") == "Break")
        .expect("the break");
    assert_eq!(
        utc(value(break_, "DTSTART")),
        Utc.with_ymd_and_hms(2021, 11, 25, 7, 35, 0).unwrap()
    );
    assert_eq!(
        utc(value(break_, "DTEND")),
        Utc.with_ymd_and_hms(2021, 11, 25, 7, 45, 0).unwrap()
    );
}

#[test]
fn a_calendar_keeps_text_and_links_through_escaping() {
    let ics = stdout(&[
        "agenda",
        "tests/fixtures/programme/far-zones.json",
        "--format",
        "ics",
        "--blocks",
    ]);
    let events = events(&ics);
    assert_eq!(events.len(), 4);
    assert_eq!(
        unescape(value(&events[0], "SUMMARY")),
        "Peer exchange, far apart: day 1, Getting started, together; again"
    );
    let description = unescape(value(&events[0], "DESCRIPTION"));
    assert!(
        description.contains("Evaluation form: https://example.org/form?a=1&b=<2>"),
        "{description}"
    );
    let bicycles = unescape(value(&events[2], "DESCRIPTION"));
    assert_eq!(
        bicycles,
        "exercise: Personalize your DC bicycle\nModule 4: https://example.org/module4\n\
         The bicycle, printable: https://example.org/bicycle.pdf"
    );
}

#[test]
fn the_html_agenda_is_printable_self_contained_and_marks_odd_hours() {
    let html = stdout(&[
        "agenda",
        "tests/fixtures/programme/far-zones.json",
        "--format",
        "html",
    ]);
    assert!(html.contains("@media print"));
    for fetches in ["<script", "<link", "src=", "url(", "@import"] {
        assert!(!html.contains(fetches), "{fetches} in\n{html}");
    }
    // 13:00 to 16:30 in Jakarta (UTC+7) is 06:00 to 09:30 UTC: 01:00 to 04:30 in New York
    // (EST, UTC-5), both marked; 11:45 to 15:15 in Kathmandu; 19:00 to 22:30 in Auckland
    // (NZDT, UTC+13), the end marked.
    let row = |place: &str| {
        let start = html.find(&format!("<tr><td>{place}</td>")).unwrap();
        let end = start + html[start..].find("</tr>").unwrap();
        html[start..end].to_string()
    };
    assert_eq!(
        row("Jakarta"),
        "<tr><td>Jakarta</td><td>13:00</td><td>16:30</td>"
    );
    assert_eq!(
        row("New York"),
        "<tr><td>New York</td><td class=\"odd\">01:00 ☾</td><td class=\"odd\">04:30 ☾</td>"
    );
    assert_eq!(
        row("Kathmandu"),
        "<tr><td>Kathmandu</td><td>11:45</td><td>15:15</td>"
    );
    assert_eq!(
        row("Auckland"),
        "<tr><td>Auckland</td><td>19:00</td><td class=\"odd\">22:30 ☾</td>"
    );
    // Each block in the workshop's zone, with its links; the programme's text escaped.
    assert!(html.contains("<td class=\"t\">13:10–13:30</td><td class=\"n\">20</td><td>Bicycles"));
    assert!(html.contains("<a href=\"https://example.org/module4\">Module 4</a>"));
    assert!(
        html.contains(
            "<a href=\"https://example.org/form?a=1&amp;b=&lt;2&gt;\">Evaluation form</a>"
        )
    );
}

#[test]
fn the_text_agenda_fits_a_chat_and_gives_each_place_its_start() {
    let text = stdout(&["agenda", "--format", "txt", "--day", "2"]);
    // 13:00 in Jakarta (UTC+7) is 06:00 UTC: Bangkok +7 13:00, Karachi and Malé +5 11:00,
    // Kolkata +5:30 11:30, Kathmandu +5:45 11:45, Makassar and Manila +8 14:00.
    assert!(
        text.contains(
            "Starts at 13:00 Jakarta / Bangkok · 11:00 Karachi / Malé · 11:30 Kolkata · \
             11:45 Kathmandu · 14:00 Makassar / Manila\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("Day 2 · Thu 25 Nov 2021 · Practice and design"),
        "{text}"
    );
    assert!(!text.contains("Day 1 ·"), "{text}");
    assert!(text.contains("\n14:35 Break\n"), "{text}");
    assert!(text.contains("\n16:30 End of day 2\n"), "{text}");
    assert!(!text.contains('|') && !text.contains("##"), "{text}");
}

#[test]
fn the_markdown_agenda_has_a_row_a_block_and_the_links() {
    let md = stdout(&[
        "agenda",
        "tests/fixtures/programme/far-zones.json",
        "--format",
        "md",
    ]);
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| 13:") || l.starts_with("| 16:"))
        .count();
    assert_eq!(rows, 3, "{md}");
    assert!(
        md.contains("| 13:10–13:30 | 20 | Bicycles (exercise: Personalize your DC bicycle) · [Module 4](https://example.org/module4) · [The bicycle, printable](https://example.org/bicycle.pdf) |"),
        "{md}"
    );
    assert!(
        md.contains("- [Day 1 slides](https://example.org/day1.pdf)"),
        "{md}"
    );
}

#[test]
fn the_agenda_goes_to_a_file_and_bad_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.ics");
    let out = stdout(&["agenda", "--format", "ics", "-o", path.to_str().unwrap()]);
    assert!(out.trim_end().ends_with("agenda.ics"), "{out}");
    assert_eq!(events(&std::fs::read_to_string(&path).unwrap()).len(), 3);

    let bad = convene(&["agenda", "--format", "md", "--day", "4"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim_end(),
        "convene: --day 4: the programme has 3 day(s)"
    );
    let bad = convene(&["agenda", "--format", "md", "--blocks"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = convene(&["agenda", "--format", "pdf"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("expected md, html, ics or txt"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn a_bad_link_or_message_is_named_by_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad-links.json");
    std::fs::write(
        &path,
        r#"{
  "format": 1,
  "title": "Links gone wrong",
  "time_zone": "Asia/Jakarta",
  "messages": [
    { "name": "Welcome", "text": "Hello" },
    { "name": "welcome", "text": "" }
  ],
  "days": [
    {
      "date": "2021-11-08",
      "start": "13:00",
      "title": "Day",
      "blocks": [
        { "title": "Welcome", "kind": "welcome", "minutes": 10,
          "links": [{ "title": "Slides", "url": "ftp://example.org/s.pdf" },
                    { "title": "", "url": "https://example.org/a b" }] }
      ]
    }
  ]
}
"#,
    )
    .unwrap();
    let out = convene(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    let file = path.display().to_string();
    // Each at the value's first character: line 7's `"welcome"` at column 15 and its `""`
    // at 34; line 16's URL at 49; line 17's empty title at 32 and its URL at 43.
    for line in [
        format!("{file}:7:15: messages[1].name: the message name \"welcome\" is used twice"),
        format!("{file}:7:34: messages[1].text: a message needs a text to paste"),
        format!(
            "{file}:16:49: days[0].blocks[0].links[0].url: \"ftp://example.org/s.pdf\" is not a \
             link to open: expected a URL starting https://, http:// or mailto:"
        ),
        format!("{file}:17:32: days[0].blocks[0].links[1].title: a link needs a title to show"),
        format!(
            "{file}:17:43: days[0].blocks[0].links[1].url: \"https://example.org/a b\" has a \
             space in it: write a space in a URL as %20"
        ),
    ] {
        assert!(said.contains(&line), "no {line:?} in\n{said}");
    }
}
