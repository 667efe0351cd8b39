//! The seats of people connected over SSH, kept beside the session by the console's loop:
//! their keys go through the one session in the order they arrive, and each seat is drawn on
//! its own terminal, sent as bytes that never hold up the session or another seat.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use crossterm::event::{Event as TermEvent, KeyEvent};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::sync::mpsc;

use super::access::Access;
use super::ssh::{ConnId, Out, ToHub};
use crate::app::{Effect, LocalZone, Popup, Seat, Session};
use crate::core::{Event, Role, Who};
use crate::keymap::{self, Command};
use crate::ui;

/// Bytes that set up a remote terminal for the console: the alternate screen, pastes
/// bracketed, no cursor, a clear screen.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[?25l\x1b[2J";
/// And give it back as it was.
const LEAVE: &[u8] = b"\x1b[?2004l\x1b[?25h\x1b[?1049l";

type RemoteTerminal = Terminal<CrosstermBackend<Sink>>;

/// Where a remote seat's terminal writes: bytes kept until they are sent.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What the joining popup tells: the address, the host key to check, the codes.
pub struct Joining {
    pub listen: SocketAddr,
    pub fingerprint: String,
}

/// What a seat's frame was drawn from: the look's revision, the screen time, the size.
type Drawn = ((u64, u64), i64, (u16, u16));

/// One person's seat over SSH.
struct Remote {
    seat: Seat,
    terminal: RemoteTerminal,
    sink: Sink,
    screen: ui::Screen,
    out: mpsc::Sender<Out>,
    /// Told to the connection's writer when a frame was skipped for want of room.
    skipped: Arc<std::sync::atomic::AtomicBool>,
    /// What was last sent: the look's revision, the screen time, the size.
    drawn: Option<Drawn>,
    clipboard: crate::effects::clipboard::Clipboard,
    /// Bytes of effects (the bell, a copy) to go out with the next frame.
    pending: Vec<u8>,
}

/// The remote seats of a served session.
pub struct Hub {
    rx: mpsc::UnboundedReceiver<ToHub>,
    seats: BTreeMap<ConnId, Remote>,
    pub access: Arc<Mutex<Access>>,
    joining: Joining,
    /// Where files asked for by remote seats are written.
    files: PathBuf,
    /// The folders remote seats may have the host read.
    share: Vec<PathBuf>,
    /// The person at the host's own terminal, when there is one.
    local: Option<String>,
    rehearsal: bool,
    refused: usize,
}

/// Something for the lead to read: said in the lead's footer (and printed by a headless host).
pub type Note = (String, bool);

impl Hub {
    pub fn new(
        rx: mpsc::UnboundedReceiver<ToHub>,
        access: Arc<Mutex<Access>>,
        joining: Joining,
        files: PathBuf,
        share: Vec<PathBuf>,
        local: Option<String>,
        rehearsal: bool,
    ) -> Hub {
        // Made now, so that the first file a remote seat asks for can be written.
        let _ = std::fs::create_dir_all(&files);
        Hub {
            share,
            rx,
            seats: BTreeMap::new(),
            access,
            joining,
            files,
            local,
            rehearsal,
            refused: 0,
        }
    }

    /// The next thing a connection says; never ends while the server runs.
    pub async fn recv(&mut self) -> Option<ToHub> {
        self.rx.recv().await
    }

    /// Handles what a connection said; what the lead should read is returned and said to
    /// the lead's remote seats as well.
    pub fn on_message(
        &mut self,
        session: &mut Session,
        msg: ToHub,
        now: DateTime<Utc>,
    ) -> Vec<Note> {
        let notes = match msg {
            ToHub::Joined {
                id,
                name,
                role,
                size,
                zone,
                out,
                skipped,
            } => self.join(session, id, name, role, size, zone, (out, skipped), now),
            // The frame it missed is drawn when the loop draws next, right after this.
            ToHub::Drained { .. } => Vec::new(),
            ToHub::Input { id, event } => {
                self.input(session, id, event, now);
                Vec::new()
            }
            ToHub::Left { id, why } => match self.seats.remove(&id) {
                Some(remote) => {
                    self.update_present(session);
                    let why = why.map(|w| format!(" ({w})")).unwrap_or_default();
                    vec![(format!("{} left{why}", remote.seat.who.0), false)]
                }
                None => Vec::new(),
            },
            ToHub::Refused { text } => {
                self.refused += 1;
                vec![(format!("{text} · {} refused so far", self.refused), true)]
            }
        };
        for (text, is_error) in &notes {
            for remote in self.seats.values_mut() {
                if remote.seat.role == Role::Lead {
                    remote.seat.say_status(text.clone(), *is_error);
                }
            }
        }
        notes
    }

    #[allow(clippy::too_many_arguments)]
    fn join(
        &mut self,
        session: &mut Session,
        id: ConnId,
        name: String,
        role: Role,
        (width, height): (u16, u16),
        zone: Option<chrono_tz::Tz>,
        (out, skipped): (mpsc::Sender<Out>, Arc<std::sync::atomic::AtomicBool>),
        now: DateTime<Utc>,
    ) -> Vec<Note> {
        let workshop = session.workshop();
        let zone = zone
            .or_else(|| roster_zone(session, &name))
            .unwrap_or(workshop.tz);
        let mut seat = Seat::new(workshop, now, LocalZone::Named(zone));
        seat.show_running(session.state());
        seat.who = Who(name.clone());
        seat.role = role;
        seat.journal = None;
        seat.rehearsal = self.rehearsal;
        seat.files = Some(self.files.clone());
        seat.reads = Some(self.share.clone());
        seat.screen = (width, height);
        seat.too_small = !ui::fits(Rect::new(0, 0, width, height));
        seat.say_status(
            keymap::naming(
                keymap::Mode::Normal,
                &format!(
                    "Welcome, {name}: you join as {} · {{key}} shows every key",
                    role.name()
                ),
                &[Command::Help],
            ),
            false,
        );
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        };
        let sink = Sink::default();
        let Ok(terminal) = Terminal::with_options(CrosstermBackend::new(sink.clone()), options)
        else {
            return Vec::new();
        };
        self.seats.insert(
            id,
            Remote {
                seat,
                terminal,
                sink,
                screen: ui::Screen::default(),
                out,
                skipped,
                drawn: None,
                clipboard: crate::effects::clipboard::Clipboard::with(
                    crate::effects::clipboard::Route::Osc52,
                ),
                pending: ENTER.to_vec(),
            },
        );
        self.update_present(session);
        vec![(format!("{name} joined as {}", role.name()), false)]
    }

    /// A key, a paste or a new size from a remote seat.
    fn input(&mut self, session: &mut Session, id: ConnId, event: TermEvent, now: DateTime<Utc>) {
        let Some(remote) = self.seats.get_mut(&id) else {
            return;
        };
        let area = remote.terminal.get_frame().area();
        remote.seat.too_small = !ui::fits(area);
        match event {
            TermEvent::Key(key) => self.key(session, id, &key, now),
            TermEvent::Paste(text) => remote.seat.on_paste(&text),
            TermEvent::Resize(width, height) => {
                let _ = remote.terminal.resize(Rect::new(0, 0, width, height));
                remote.seat.screen = (width, height);
                remote.seat.too_small = !ui::fits(Rect::new(0, 0, width, height));
                remote.drawn = None;
            }
            _ => {}
        }
    }

    fn key(&mut self, session: &mut Session, id: ConnId, key: &KeyEvent, now: DateTime<Utc>) {
        let Some(remote) = self.seats.get_mut(&id) else {
            return;
        };
        if keymap::lookup(remote.seat.mode, key) == Some(Command::Redraw) {
            let _ = remote.terminal.clear();
            remote.drawn = None;
            return;
        }
        let step = remote.seat.on_key(session, key, now);
        let by = remote.seat.who.clone();
        match session.commit(&step.events, now, &by) {
            Ok(undone) => remote.seat.follow(session.state(), &step.events, undone),
            Err(e) => remote.seat.say_status(
                format!("Not done: the journal could not be written ({e})"),
                true,
            ),
        }
        let (own, runtime): (Vec<Effect>, Vec<Effect>) = step
            .effects
            .into_iter()
            .partition(|e| matches!(e, Effect::Seats | Effect::RenewCodes));
        let said = crate::effects::perform_on(&mut remote.pending, &mut remote.clipboard, &runtime)
            .unwrap_or_default();
        for (text, is_error) in said {
            let text = match &remote.seat.status {
                Some(s) if !is_error && !s.is_error => format!("{text} · {}", s.text),
                _ => text,
            };
            remote.seat.say_status(text, is_error);
        }
        if step.quit {
            if let Some(remote) = self.seats.remove(&id) {
                let mut bytes = LEAVE.to_vec();
                bytes.extend_from_slice(
                    b"You left the session; it goes on. Join again with the same command.\r\n",
                );
                close(remote.out, bytes);
                self.update_present(session);
            }
            return;
        }
        for effect in own {
            self.effect_for(id, session, &effect);
        }
    }

    /// The seats' effects that only a served session can carry out, for a remote seat.
    fn effect_for(&mut self, id: ConnId, session: &Session, effect: &Effect) {
        let popup = self.effect_popup(session, effect, id_role(&self.seats, id));
        if let Some(remote) = self.seats.get_mut(&id) {
            apply_popup(&mut remote.seat, popup);
        }
    }

    /// The same for the seat at the host's own terminal.
    pub fn local_effect(&mut self, session: &Session, seat: &mut Seat, effect: &Effect) {
        let popup = self.effect_popup(session, effect, Some(seat.role));
        apply_popup(seat, popup);
    }

    /// What the seats popup says to someone in `role`, after renewing the codes if asked.
    fn effect_popup(
        &mut self,
        session: &Session,
        effect: &Effect,
        role: Option<Role>,
    ) -> Result<Popup, String> {
        if *effect == Effect::RenewCodes {
            if role != Some(Role::Lead) {
                return Err("Not done: new join codes are the lead's to give".into());
            }
            let mut access = self.access.lock().unwrap_or_else(|e| e.into_inner());
            access
                .renew()
                .map_err(|e| format!("Not done: no new codes ({e})"))?;
        }
        let mut text = String::from("On this session now:\n");
        if let Some(local) = &self.local {
            text.push_str(&format!("  {local} (lead, at the host)\n"));
        }
        for remote in self.seats.values() {
            text.push_str(&format!(
                "  {} ({})\n",
                remote.seat.who.0,
                remote.seat.role.name()
            ));
        }
        if session.present().is_empty() && self.local.is_none() && self.seats.is_empty() {
            text.push_str("  nobody\n");
        }
        text.push_str(&format!(
            "\nTo join: ssh -p {} YOUR-NAME@HOST (the name is shown in the header; the code is the password)\nHost key to check on first connecting: {}\n",
            self.joining.listen.port(),
            self.joining.fingerprint
        ));
        if role == Some(Role::Lead) {
            let access = self.access.lock().unwrap_or_else(|e| e.into_inner());
            text.push('\n');
            for r in Role::ALL {
                text.push_str(&format!("{:<9} code: {}\n", r.code_name(), access.code(r)));
            }
            text.push_str(&keymap::naming(
                keymap::Mode::Normal,
                "\n{key} gives new codes: the old ones stop working; nobody is dropped.",
                &[Command::RenewCodes],
            ));
        }
        let title = if *effect == Effect::RenewCodes {
            "New join codes: the old ones no longer work"
        } else {
            "Who is on, and how to join"
        };
        Ok(Popup::new(title, text))
    }

    /// The clock announced something: every seat follows it and rings.
    pub fn on_clock(&mut self, session: &Session, events: &[Event]) {
        for remote in self.seats.values_mut() {
            remote.seat.follow_clock(session.state(), events);
            remote.pending.push(b'\x07');
        }
    }

    /// Draws every seat whose screen changed, and sends it; a seat whose connection has not
    /// taken the last frame yet is left for a later round, and one that closed is let go.
    pub fn draw(&mut self, session: &Session, now: DateTime<Utc>, screen_time: i64) {
        let mut gone = Vec::new();
        for (id, remote) in self.seats.iter_mut() {
            let area = remote.terminal.get_frame().area();
            let key = (
                (session.revision(), remote.seat.revision()),
                screen_time,
                (area.width, area.height),
            );
            if remote.drawn == Some(key) && remote.pending.is_empty() {
                continue;
            }
            match remote.out.try_reserve() {
                Ok(permit) => {
                    if remote.drawn != Some(key) {
                        let Remote {
                            terminal,
                            screen,
                            seat,
                            ..
                        } = remote;
                        if terminal
                            .draw(|f| screen.draw(session, seat, now, f))
                            .is_err()
                        {
                            gone.push(*id);
                            continue;
                        }
                        remote.drawn = Some(key);
                    }
                    let mut bytes = std::mem::take(&mut remote.pending);
                    bytes.extend(remote.sink.take());
                    permit.send(Out::Bytes(bytes));
                }
                Err(mpsc::error::TrySendError::Full(())) => {
                    // The writer asks for this seat again once it has sent what it has.
                    remote
                        .skipped
                        .store(true, std::sync::atomic::Ordering::SeqCst);
                }
                Err(mpsc::error::TrySendError::Closed(())) => gone.push(*id),
            }
        }
        for id in gone {
            self.seats.remove(&id);
        }
    }

    /// The session ends: every remote terminal is given back, with a word why.
    pub fn close_all(&mut self) {
        for remote in std::mem::take(&mut self.seats).into_values() {
            let mut bytes = LEAVE.to_vec();
            bytes.extend_from_slice(b"The session was closed by its host.\r\n");
            close(remote.out, bytes);
        }
    }

    /// Every seat's header shows who is on: the host's lead first, then by arrival.
    pub fn update_present(&self, session: &mut Session) {
        let mut present: Vec<(String, Role)> = self
            .local
            .iter()
            .map(|name| (name.clone(), Role::Lead))
            .collect();
        present.extend(
            self.seats
                .values()
                .map(|r| (r.seat.who.0.clone(), r.seat.role)),
        );
        session.set_present(present);
    }
}

/// Sends a connection its last bytes and ends it, once the frames before them are out.
fn close(out: mpsc::Sender<Out>, bytes: Vec<u8>) {
    tokio::spawn(async move {
        let _ = out.send(Out::Close(bytes)).await;
    });
}

fn id_role(seats: &BTreeMap<ConnId, Remote>, id: ConnId) -> Option<Role> {
    seats.get(&id).map(|r| r.seat.role)
}

fn apply_popup(seat: &mut Seat, popup: Result<Popup, String>) {
    match popup {
        Ok(popup) => seat.open_popup(popup),
        Err(refusal) => seat.say_status(refusal, true),
    }
}

/// The time zone the roster gives a person of this name, when one matches.
fn roster_zone(session: &Session, name: &str) -> Option<chrono_tz::Tz> {
    let wanted = name.to_lowercase();
    session
        .state()
        .roster
        .on_file()
        .find(|p| {
            let full = p.name.to_lowercase();
            full == wanted || full.split_whitespace().next() == Some(wanted.as_str())
        })
        .and_then(|p| p.time_zone.as_deref()?.parse().ok())
}
