//! What the terminal shows, not what ratatui thinks it drew: the real binary in tmux, whose
//! `capture-pane` places every character by the system's `wcwidth` (vt100 measures as ratatui
//! does, so it cannot tell). Names in Devanagari (spacing vowel signs ि ा ी), an emoji with a
//! skin tone, a joined emoji sequence and a heart with a variation selector are scrolled
//! through in pane 3 and covered by the help; every row of the panes must read as the same
//! screen drawn in a TestBackend, where each character sits in its own cell.
//!
//! Skipped, with a message, where tmux is missing.

mod common;

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use common::*;
use crossterm::event::KeyCode;

const ROSTER: &str = "\
name,email,organisation,city,country,time_zone,role
अनीता देशपांडे,anita@example.org,Pune Municipal Corporation,Pune,India,Asia/Kolkata,participant
Rina 👍🏽 Sari,rina@example.org,Kota Surabaya,Surabaya,Indonesia,Asia/Jakarta,participant
सीता शर्मा,sita@example.org,Lalitpur Metropolitan City,Lalitpur,Nepal,Asia/Kathmandu,participant
Ana 👩🏽‍💻 Reyes,ana@example.org,City of Naga,Naga,Philippines,Asia/Manila,participant
सुनिता थापा,sunita@example.org,Kathmandu Metropolitan City,Kathmandu,Nepal,Asia/Kathmandu,participant
Kiri ❤️ Tane,kiri@example.org,Male City Council,Male,Maldives,Indian/Maldives,participant
प्रियंका निरंजन,priyanka@example.org,Indore Municipal Corporation,Indore,India,Asia/Kolkata,participant
Bilal Ahmed,bilal@example.org,Lahore,Lahore,Pakistan,Asia/Karachi,participant
श्रीकांत मिश्रा,shrikant@example.org,Varanasi Municipal Corporation,Varanasi,India,Asia/Kolkata,participant
Somchai Jaidee,somchai@example.org,Bangkok,Bangkok,Thailand,Asia/Bangkok,participant
";

/// Runs tmux on the server whose socket is at `socket` (in the test's own folder, so that
/// nothing is left behind).
fn tmux(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(["-S", socket])
        .args(args)
        .output()
        .expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The rows of the panes as tmux holds them, trailing blanks left out.
fn captured(socket: &str) -> Vec<String> {
    tmux(socket, &["capture-pane", "-p", "-t", "convene"])
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// The rows of a TestBackend screen as a terminal would hold them: each cell's text, the
/// cells a wide character covers left out.
fn expected(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += UnicodeWidthStr::width(symbol).max(1) as u16;
            }
            row.trim_end().to_string()
        })
        .collect()
}

/// The rows from the agenda's top border to the panes' bottom border: what does not move
/// with the clock before the day starts (and the header differs: the binary rehearses).
fn panes(rows: &[String]) -> Vec<String> {
    let top = rows.iter().position(|r| r.starts_with("┌ 1 Agenda"));
    let bottom = rows.iter().rposition(|r| r.starts_with('└'));
    match (top, bottom) {
        (Some(t), Some(b)) if t < b => rows[t..=b].to_vec(),
        // The help over them: every row below the header (the rehearsal's own).
        _ => rows[3.min(rows.len())..].to_vec(),
    }
}

/// Waits until tmux shows the panes as the TestBackend draws them; the last capture when it
/// never does.
fn settled(socket: &str, want: &[String]) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = panes(&captured(socket));
        if got == want || Instant::now() > deadline {
            return got;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_terminal_shows_what_was_drawn_in_any_script_at_120x40() {
    shows_what_was_drawn(120, 40);
}

#[test]
fn the_terminal_shows_what_was_drawn_in_any_script_at_80x24() {
    shows_what_was_drawn(80, 24);
}

fn shows_what_was_drawn(width: u16, height: u16) {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!(
            "skipped: tmux is not installed (apt-get install tmux), the width check needs it"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::File::create(&roster)
        .unwrap()
        .write_all(ROSTER.as_bytes())
        .unwrap();
    let roster = roster.to_str().unwrap().to_string();
    let socket = dir.path().join("tmux.sock").to_str().unwrap().to_string();
    let command = format!(
        "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 {} --roster {roster} --rehearse \
         --day 1 --at 12:30 --no-journal --local-tz Asia/Manila",
        env!("CARGO_BIN_EXE_convene")
    );
    tmux(
        &socket,
        &[
            "-u",
            "new-session",
            "-d",
            "-s",
            "convene",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            &command,
        ],
    );
    struct Kill(String);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .args(["-S", &self.0, "kill-server"])
                .output();
        }
    }
    let _kill = Kill(socket.clone());

    // The same console in a TestBackend: the roster imported, the clock at 12:30 Jakarta.
    let import = convene::roster::load_roster(std::path::Path::new(&roster)).unwrap();
    let mut app = app();
    let now = Utc.with_ymd_and_hms(2021, 11, 8, 5, 30, 0).unwrap();
    app.apply(
        &[convene::core::Event::RosterImported {
            source: roster.clone(),
            participants: import.roster.participants,
        }],
        now,
    );
    let check = |app: &convene::app::App, what: &str| {
        let want = panes(&expected(&draw(app, now, width, height)));
        let got = settled(&socket, &want);
        assert_eq!(
            got.join("\n"),
            want.join("\n"),
            "{what} at {width}x{height}: tmux shows other rows than were drawn"
        );
    };
    let send = |keys: &str| {
        tmux(&socket, &["send-keys", "-t", "convene", keys]);
        std::thread::sleep(Duration::from_millis(60));
    };
    check(&app, "at the start");
    send("3");
    app.press(&ch('3'), now);
    // Down through every name and back, one row at a time: each frame changes a few cells.
    for i in 0..10 {
        send("j");
        app.press(&ch('j'), now);
        check(&app, &format!("after {} rows down", i + 1));
    }
    for i in 0..10 {
        send("k");
        app.press(&ch('k'), now);
        check(&app, &format!("after {} rows up", i + 1));
    }
    // The help over the names, then closed again.
    send("?");
    app.press(&ch('?'), now);
    check(&app, "with the help open");
    send("Escape");
    app.press(&key(KeyCode::Esc), now);
    check(&app, "with the help closed");
    send("q");
}
