//! A served session, end to end on this machine: the real binary as `convene serve --headless`,
//! and people connecting to it over SSH with terminals of their own.

mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use ssh::{Client, Host, Refused};

const SIZE: (u16, u16) = (120, 40);

/// Who did each event in the journal, with its kind.
fn journal_by(host: &Host) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(host.journal()).unwrap();
    text.lines()
        .filter_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).ok()?;
            let by = value.get("by")?.as_str()?.to_string();
            let kind = value.get("event")?.get("type")?.as_str()?.to_string();
            Some((by, kind))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cofac_forms_and_moves_the_lead_sees_it_and_what_each_may_not_do_is_refused() {
    let host = Host::start(&[]);
    let lead = host.join("Rina", "lead").await;
    let cofac = host.join("Hendra", "cofac").await;
    let observer = host.join("Maria", "observer").await;
    // The host key the client was shown is the one the host printed.
    assert_eq!(lead.fingerprint, host.fingerprint);
    // Each is welcomed in their role, and everyone's header shows who is on.
    cofac
        .wait_for("Welcome, Hendra: you join as co-facilitator")
        .await;
    observer
        .wait_for("Welcome, Maria: you join as observer")
        .await;
    lead.wait_for("on: Rina (lead) · Hendra (cofac) · Maria (observer)")
        .await;
    host.wait_log("Maria joined as observer");

    // The co-facilitator forms rooms (the prompt's suggestion, as typed) and the lead sees them.
    cofac.keys(b"3").await;
    cofac.keys(b"f").await;
    cofac.wait_for("Form groups").await;
    cofac.keys(b"\r").await;
    cofac.wait_for("Room 1").await;
    lead.keys(b"3").await;
    lead.wait_for("Room 1").await;
    lead.wait_for("· mixed · 5 rooms").await;
    // …and moves someone: the footer names them and their new room, and the lead's screen
    // changes with it.
    let before = lead.contents();
    cofac.keys(b"m").await;
    let screen = cofac.wait_for(" → Room ").await;
    let moved = screen
        .lines()
        .find(|l| l.contains(" → Room "))
        .unwrap()
        .trim()
        .to_string();
    lead.wait_until_changed(&before).await;

    // The lead starts the first block; the co-facilitator and the observer see it run.
    lead.keys(b"1").await;
    lead.keys(b"n").await;
    cofac.wait_for("▶ Now Welcome and opening").await;
    observer.wait_for("▶ Now Welcome and opening").await;

    // The co-facilitator may not change the agenda; the observer may change nothing.
    cofac.keys(b"1").await;
    cofac.keys(b"n").await;
    cofac
        .wait_for("Not done: that is the lead's to do, and this seat is a co-facilitator")
        .await;
    observer.keys(b"3").await;
    observer.keys(b"f").await;
    observer.wait_for("Form groups").await;
    observer.keys(b"\r").await;
    observer
        .wait_for("Not done: this seat watches (observer)")
        .await;
    observer.keys(b"1n").await;
    observer
        .wait_for("Not done: this seat watches (observer)")
        .await;
    // Nothing they tried is in the journal; what was done is, by who did it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let by = journal_by(&host);
    let kinds_by = |who: &str| -> Vec<String> {
        by.iter()
            .filter(|(b, _)| b == who)
            .map(|(_, k)| k.clone())
            .collect()
    };
    assert_eq!(
        kinds_by("Hendra"),
        ["groups_formed", "participant_moved"],
        "{moved}"
    );
    assert_eq!(kinds_by("Rina"), ["block_started"]);
    assert!(kinds_by("Maria").is_empty());

    // The journal replays to the session the screens showed: the welcome running, five rooms,
    // and the person moved in the room the footer named.
    let loaded = convene::journal::read(&[host.journal()]).unwrap().unwrap();
    let state = loaded.replay(Arc::new(loaded.workshop().unwrap()));
    assert_eq!(
        state.running().unwrap().1.block.title,
        "Welcome and opening"
    );
    let round = state.current_round().unwrap();
    assert_eq!(round.rooms.len(), 5);
    let (name, room) = moved
        .trim_end_matches(" · u undoes")
        .split_once(" → ")
        .unwrap();
    let person = state
        .roster
        .on_file()
        .find(|p| p.name == name)
        .unwrap()
        .key();
    let at = round.room_of(&person).unwrap();
    assert_eq!(round.rooms[at.0].name, room);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_a_wrong_key_and_no_authentication_are_refused_with_nothing_drawn() {
    let host = Host::start(&[]);
    // A wrong code.
    match Client::connect(host.addr, "Intruder", "0000-1111", SIZE).await {
        Err(Refused::Auth) => {}
        Err(Refused::Other(e)) => panic!("{e}"),
        Ok(_) => panic!("a wrong code got in"),
    }
    host.wait_log("Refused a wrong code for “Intruder” from 127.0.0.1");
    // A key nobody listed.
    let seed = [7u8; 32];
    let key = russh::keys::PrivateKey::from(
        russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&seed),
    );
    let mut handle = russh::client::connect(
        Arc::new(russh::client::Config::default()),
        host.addr,
        ssh::Trusting {
            seen: Default::default(),
        },
    )
    .await
    .unwrap();
    let by_key = handle
        .authenticate_publickey(
            "Intruder",
            russh::keys::PrivateKeyWithHashAlg::new(Arc::new(key), None),
        )
        .await
        .unwrap();
    assert!(!by_key.success());
    host.wait_log("Refused a wrong key for “Intruder”");
    // No authentication at all; and no session can be opened without it.
    let none = handle.authenticate_none("Intruder").await.unwrap();
    assert!(!none.success());
    assert!(handle.channel_open_session().await.is_err());
    // The right code still works, and the refusals were said to the lead.
    let lead = host.join("Rina", "lead").await;
    lead.wait_for("on: Rina (lead)").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_killed_mid_session_leaves_the_rest_going_and_reconnecting_shows_the_session_now()
{
    let host = Host::start(&[]);
    let lead = host.join("Rina", "lead").await;
    let cofac = host.join("Hendra", "cofac").await;
    lead.wait_for("Hendra (cofac)").await;
    // The connection dies without a goodbye.
    drop(cofac);
    lead.wait_gone("Hendra (cofac)").await;
    host.wait_log("Hendra left");
    // The session goes on: the lead starts a block.
    lead.keys(b"n").await;
    lead.wait_for("▶ Now Welcome and opening").await;
    // Back again: a fresh seat on the session as it is now.
    let again = host.join("Hendra", "cofac").await;
    again.wait_for("▶ Now Welcome and opening").await;
    lead.wait_for("Hendra (cofac)").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renewed_codes_refuse_the_old_code_and_drop_nobody() {
    let host = Host::start(&[]);
    let old = host.code("cofac");
    let lead = host.join("Rina", "lead").await;
    let cofac = Client::connect(host.addr, "Hendra", &old, SIZE)
        .await
        .unwrap();
    lead.wait_for("Hendra (cofac)").await;
    // A co-facilitator cannot renew them.
    cofac.keys(b"\x12").await;
    cofac
        .wait_for("Not done: new join codes are the lead's to give")
        .await;
    // The lead can: the popup shows the new codes.
    lead.keys(b"\x12").await;
    let screen = lead
        .wait_for("New join codes: the old ones no longer work")
        .await;
    let new = screen
        .lines()
        .find_map(|l| l.trim().strip_prefix("cofac     code: "))
        .unwrap()
        .trim()
        .to_string();
    assert_ne!(new, old);
    assert!(matches!(
        Client::connect(host.addr, "Someone", &old, SIZE).await,
        Err(Refused::Auth)
    ));
    let late = Client::connect(host.addr, "Ayu", &new, SIZE).await.unwrap();
    late.wait_for("Welcome, Ayu").await;
    // Hendra is still on.
    lead.keys(b"\x1b").await;
    lead.wait_for("Hendra (cofac) · Ayu (cofac)").await;
    assert!(!cofac.closed.load(Ordering::SeqCst));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_paste_and_a_flood_of_keys_close_that_connection_and_nobody_else_notices() {
    let host = Host::start(&[]);
    let lead = host.join("Rina", "lead").await;
    let paster = host.join("Paste", "cofac").await;
    let flooder = host.join("Flood", "cofac").await;
    lead.wait_for("Flood (cofac)").await;
    // 10 MB in one bracketed paste, in pieces as a terminal sends them.
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    paste.extend(b"\x1b[201~");
    // The host stops reading once it has had enough: a write may then wait for ever.
    for chunk in paste.chunks(256 * 1024) {
        let sent = tokio::time::timeout(
            Duration::from_secs(5),
            paster.write.data_bytes(chunk.to_vec()),
        )
        .await;
        if !matches!(sent, Ok(Ok(()))) {
            break;
        }
    }
    host.wait_log("Paste left (closed: a paste of more than 1 MiB)");
    // Thousands of keys in a second.
    let _ = tokio::time::timeout(
        Duration::from_secs(5),
        flooder.write.data_bytes(vec![b'j'; 5000]),
    )
    .await;
    host.wait_log("Flood left (closed: more keys in a second than anyone types)");
    // The lead goes on as before.
    lead.keys(b"n").await;
    lead.wait_for("▶ Now Welcome and opening").await;
    lead.wait_gone("Flood (cofac)").await;
}

/// An ed25519 key made from a seed: the same for the same seed.
fn key(seed: u8) -> russh::keys::PrivateKey {
    russh::keys::PrivateKey::from(russh::keys::ssh_key::private::Ed25519Keypair::from_seed(
        &[seed; 32],
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_in_the_authorised_keys_file_lets_its_person_in_with_their_role_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.keys");
    let public = key(3).public_key().to_openssh().unwrap();
    std::fs::write(
        &file,
        format!("# the team\nrole=cofac {public} Hendra Wijaya\n"),
    )
    .unwrap();
    let host = Host::start(&["--authorized-keys", file.to_str().unwrap()]);
    // The name is the key's, whatever user name the client gives.
    let hendra = Client::connect_key(host.addr, "hw", key(3), SIZE)
        .await
        .unwrap();
    hendra
        .wait_for("Welcome, Hendra Wijaya: you join as co-facilitator")
        .await;
    host.wait_log("Hendra Wijaya joined as co-facilitator");
    // Another key is refused.
    assert!(matches!(
        Client::connect_key(host.addr, "hw", key(4), SIZE).await,
        Err(Refused::Auth)
    ));
}

#[test]
fn a_bad_line_in_the_authorised_keys_file_stops_the_start_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.keys");
    let public = key(3).public_key().to_openssh().unwrap();
    std::fs::write(
        &file,
        format!("role=cofac {public} Hendra\nrole=boss {public} Ayu\n"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args([
            "serve",
            "--headless",
            "--listen",
            "127.0.0.1:0",
            "--authorized-keys",
        ])
        .arg(&file)
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        format!(
            "convene: --authorized-keys {}:2: role: “boss” is not a role (use lead, cofac or observer)",
            file.display()
        )
    );
    // Nothing was listened on, nothing printed.
    assert!(out.stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_instead_of_ssh_ends_that_connection_and_the_session_goes_on() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = Host::start(&[]);
    let lead = host.join("Rina", "lead").await;
    lead.wait_for("on: Rina (lead)").await;
    let mut raw = tokio::net::TcpStream::connect(host.addr).await.unwrap();
    let garbage: Vec<u8> = (0..64 * 1024u32).map(|i| (i * 7919 % 251) as u8).collect();
    let _ = raw.write_all(b"SSH-2.0-garbage\r\n").await;
    let _ = raw.write_all(&garbage).await;
    // The host ends it: reading reaches the end (or the connection is reset).
    let mut sink = Vec::new();
    let ended = tokio::time::timeout(Duration::from_secs(10), raw.read_to_end(&mut sink)).await;
    assert!(
        ended.is_ok(),
        "the host kept a connection that spoke garbage"
    );
    // Nobody else noticed.
    lead.keys(b"n").await;
    lead.wait_for("▶ Now Welcome and opening").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remote_seat_forms_rooms_from_a_shared_file_and_cannot_read_outside_it() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(
        dir.path().join("secret.csv"),
        "Pre-assign Room Name,Email Address\n",
    )
    .unwrap();
    // Zoom's pre-assignment file for the sample roster: everyone with an email, in 3 rooms.
    let roster = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/roster-sample.csv"
    ))
    .unwrap();
    let mut zoom = String::from("Pre-assign Room Name,Email Address\n");
    let emails: Vec<&str> = roster
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .filter(|e| e.contains('@'))
        .collect();
    for (i, email) in emails.iter().enumerate() {
        zoom.push_str(&format!("Room {},{email}\n", i % 3 + 1));
    }
    std::fs::write(shared.join("rooms-day1.csv"), zoom).unwrap();
    let host = Host::start(&["--share", shared.to_str().unwrap()]);
    let cofac = host.join("Hendra", "cofac").await;
    cofac.wait_for("Welcome, Hendra").await;
    // Outside the shared folder: refused, and nothing formed.
    cofac.keys(b"3f").await;
    cofac.wait_for("Form groups").await;
    cofac.keys(b"import ../secret.csv\r").await;
    cofac
        .wait_for("Not done: ../secret.csv is not in a folder the lead shared")
        .await;
    // Inside it: Zoom's rooms.
    cofac.keys(b"\x1b").await;
    cofac.keys(b"f").await;
    cofac.wait_for("Form groups").await;
    cofac.keys(b"import rooms-day1.csv\r").await;
    cofac
        .wait_for("Formed 3 groups (from a file) of 33 people")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quitting_a_remote_seat_gives_its_terminal_back_and_the_session_goes_on() {
    let host = Host::start(&[]);
    let lead = host.join("Rina", "lead").await;
    let cofac = host.join("Hendra", "cofac").await;
    lead.wait_for("Hendra (cofac)").await;
    // With a block running, quitting is asked first.
    lead.keys(b"n").await;
    cofac.wait_for("▶ Now Welcome and opening").await;
    cofac.keys(b"q").await;
    cofac
        .wait_for("Quit while “Welcome and opening” is running?")
        .await;
    cofac.keys(b"y").await;
    // The terminal is given back: the main screen, with a word on what happened.
    let screen = cofac.wait_for("You left the session; it goes on.").await;
    assert!(!screen.contains("Quit while"), "{screen}");
    lead.wait_gone("Hendra (cofac)").await;
}
