//! The only place with async code, the terminal and the clock. It turns key presses and the
//! passing of time into calls on the pure [`App`], and draws.

mod revision;
mod signals;
mod start;
mod terminal;
mod wake;

use std::io;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, SubsecRound, Timelike, Utc};
use crossterm::event::{Event as TermEvent, EventStream, KeyEvent};
use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::app::{App, Effect, LocalZone};
use crate::journal;
use crate::programme::Workshop;
use crate::roster::Participant;
use crate::ui;
use std::path::PathBuf;

use crate::effects::{clipboard, perform_on};
pub use clipboard::{Clipboard, Route as ClipboardRoute, choose as choose_clipboard};
pub use revision::{Edited, ProgrammeChanges, answer as answer_edited};
pub use terminal::{require_terminal, restore};

/// Where time comes from. Live it is the system clock; tests and rehearsals inject their own.
pub trait Clock {
    fn now(&self) -> DateTime<Utc>;

    /// How many seconds of this clock pass in a real second.
    fn speed(&self) -> f64 {
        1.0
    }
}

/// A rehearsal's clock: starts at a chosen moment of the workshop and runs `speed` times
/// faster than real time. Everything else runs exactly as live.
pub struct RehearsalClock {
    origin: DateTime<Utc>,
    started: std::time::Instant,
    speed: f64,
}

impl RehearsalClock {
    pub fn new(origin: DateTime<Utc>, speed: f64) -> Self {
        RehearsalClock {
            origin,
            started: std::time::Instant::now(),
            speed,
        }
    }
}

impl RehearsalClock {
    /// The simulated time after `real` has passed since the clock started.
    fn after(&self, real: StdDuration) -> DateTime<Utc> {
        let simulated = real.as_secs_f64() * self.speed;
        let nanos = (simulated * 1e9).min(i64::MAX as f64) as i64;
        self.origin + chrono::Duration::nanoseconds(nanos)
    }
}

impl Clock for RehearsalClock {
    fn now(&self) -> DateTime<Utc> {
        self.after(self.started.elapsed())
    }

    fn speed(&self) -> f64 {
        self.speed
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The time the session works with: whole seconds. Events are recorded to the second, so a
/// timer started at 10:00:00.7 turns over with the clock on the screen, not 0.7 s after it.
fn session_time(clock: &dyn Clock) -> DateTime<Utc> {
    clock.now().trunc_subsecs(0)
}

/// How the console starts: the day, the roster, the clock, the journal and what to resume.
pub struct Options {
    pub local_zone: LocalZone,
    /// The day to open on (0-based); `None` picks it from the date.
    pub day: Option<usize>,
    /// A roster read before the console opened: its file name and the people in it.
    pub roster: Option<(String, Vec<Participant>)>,
    /// Rehearse on a simulated clock from this moment, this many times faster.
    pub rehearse: Option<(DateTime<Utc>, f64)>,
    /// The journal file to append to; `None` keeps the session in memory only.
    pub journal: Option<PathBuf>,
    /// What the session's journal already holds, to resume from.
    pub resume: Option<journal::Loaded>,
    /// Watch a journal again, read-only, instead of running a session.
    pub replay: Option<journal::Loaded>,
    /// A participants report for the day opened.
    pub attendance: Option<AttendanceReport>,
    /// Things to say in the footer when the console opens.
    pub notices: Vec<String>,
    /// The programme file as it is now, for a resumed session: what it changes is asked
    /// about before the console opens.
    pub edited: Option<Edited>,
}

/// A participants report to record: its file name, the people in it, who to match by hand
/// (as the report names them, as the roster does), when its meeting began, and whether to
/// record it for the day shown even when the meeting was on another day.
pub struct AttendanceReport {
    pub source: String,
    pub people: Vec<crate::import::Attendance>,
    pub by_hand: Vec<(String, String)>,
    /// When the meeting began (`None` for a report without times).
    pub began: Option<DateTime<Utc>>,
    /// `--force`: recorded for the day shown whatever the meeting's date.
    pub force: bool,
}

/// Opens a journal read-only, to step through what happened.
pub fn run_replay(
    workshop: Arc<Workshop>,
    loaded: journal::Loaded,
    local_zone: LocalZone,
) -> io::Result<()> {
    let options = Options {
        local_zone,
        day: None,
        roster: None,
        rehearse: None,
        journal: None,
        resume: None,
        replay: Some(loaded),
        attendance: None,
        notices: Vec::new(),
        edited: None,
    };
    run(Workshop::clone(&workshop), options)
}

/// Runs the console until the facilitator quits. Without a terminal to draw on, nothing
/// starts.
pub fn run(workshop: Workshop, options: Options) -> io::Result<()> {
    require_terminal()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    run_on(&runtime, workshop, options, None)
}

/// Runs a served session: the console at the host's terminal (none when headless) and a seat
/// for each person connected over SSH, until the host's lead quits or a signal ends it.
pub fn serve(
    workshop: Workshop,
    options: Options,
    serving: crate::serve::Serving,
) -> io::Result<()> {
    if !serving.headless {
        require_terminal()?;
    }
    // Connections are handled on worker threads, so that people signing in never hold up
    // the session's own loop.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()?;
    let done = run_on(&runtime, workshop, options, Some(&serving));
    runtime.shutdown_timeout(StdDuration::from_millis(500));
    done
}

fn run_on(
    runtime: &tokio::runtime::Runtime,
    workshop: Workshop,
    options: Options,
    serving: Option<&crate::serve::Serving>,
) -> io::Result<()> {
    match options.rehearse {
        Some((origin, speed)) => {
            let clock = RehearsalClock::new(origin, speed);
            runtime.block_on(run_async(workshop, options, &clock, serving))
        }
        None => runtime.block_on(run_async(workshop, options, &SystemClock, serving)),
    }
}

async fn run_async(
    workshop: Workshop,
    mut options: Options,
    clock: &dyn Clock,
    serving: Option<&crate::serve::Serving>,
) -> io::Result<()> {
    let workshop = Arc::new(workshop);
    let start = session_time(clock);
    // The console as the options ask, on its day, and the reports to record checked against
    // that day, before anything is written: a report of another day is refused in the shell.
    let mut app = App::new(Arc::clone(&workshop), start, options.local_zone);
    let opening = start::prepare(&mut app, &workshop, &mut options)?;
    // The journal opens before the screen does, so that a journal that cannot be written is
    // said plainly, in the shell, and nothing starts unsaved.
    let writer = start::open_journal(&options, &workshop, start)?;
    // Taken over before the screen is, so that no moment leaves a raw terminal behind.
    let mut signals = signals::Signals::new()?;
    // Listening, with the codes printed, before the screen opens: an address taken is said
    // in the shell.
    let mut hub = match serving {
        Some(serving) => {
            app.seat.who = crate::core::Who(serving.lead_name.clone());
            Some(crate::serve::start(serving, options.rehearse.is_some()).await?)
        }
        None => None,
    };
    let headless = serving.is_some_and(|s| s.headless);
    let mut guard = if headless {
        None
    } else {
        Some(terminal::TerminalGuard::enter()?)
    };
    if let Some(writer) = writer {
        app.session.keep_journal(writer);
    }
    start::record(&mut app, opening, start)?;
    if let Some(edited) = options.edited.take()
        && revision::settle(
            &mut app,
            edited,
            guard.as_mut().map(|g| &mut g.terminal),
            &mut signals,
            clock,
        )
        .await?
    {
        return Ok(());
    }
    if let Some(hub) = hub.as_mut() {
        hub.update_present(&mut app.session);
        if !headless {
            hub.local_effect(&app.session, &mut app.seat, &Effect::Seats);
        }
    }
    let ended = event_loop(
        &mut app,
        guard.as_mut().map(|g| &mut g.terminal),
        clock,
        &mut signals,
        hub.as_mut(),
    )
    .await;
    if let Some(hub) = hub.as_mut() {
        hub.close_all();
        // The last words reach the remote terminals before the process ends.
        tokio::time::sleep(StdDuration::from_millis(200)).await;
    }
    ended
}

/// What a terminal event leaves the loop to do.
enum Outcome {
    Quit,
    Redraw,
    /// Clear the terminal and draw every cell again (Ctrl-l).
    RedrawAll,
    /// The terminal took a new size and was cleared: every cell is drawn again.
    Resized,
    Unchanged,
}

/// The host's own terminal, when the console has one: where it draws and what it drew.
struct Local<'a> {
    terminal: &'a mut terminal::Term,
    screen: ui::Screen,
    drawn_at: i64,
}

/// Runs the console until the facilitator quits, the terminal closes or a signal ends it:
/// handles what the terminal (and, served, every connection) says, wakes when the screen
/// would change on its own, records the thresholds time has crossed, and draws every seat
/// whose screen changed.
async fn event_loop(
    app: &mut App,
    terminal: Option<&mut terminal::Term>,
    clock: &dyn Clock,
    signals: &mut signals::Signals,
    mut hub: Option<&mut crate::serve::hub::Hub>,
) -> io::Result<()> {
    let (mut events, _stop_reader) = read_input(terminal.is_some());
    let sleeper = wake::Sleeper::new()?;
    let mut clipboard = clipboard::Clipboard::from_env();

    let mut now = current_time(app, clock);
    let mut local = terminal.map(|terminal| Local {
        terminal,
        screen: ui::Screen::default(),
        drawn_at: screen_time(app, now),
    });
    if let Some(l) = local.as_mut() {
        l.terminal
            .draw(|f| l.screen.draw(&app.session, &app.seat, now, f))?;
    }
    if let Some(hub) = hub.as_deref_mut() {
        hub.draw(&app.session, now, screen_time(app, now));
    }

    loop {
        let wait = if app.replay_now().is_some() {
            StdDuration::from_secs(3600)
        } else {
            until_next_change(app, clock.now(), clock.speed())
        };
        let revision = app.session.revision();
        let mut redraw = tokio::select! {
            // A signal first: it ends the console however busy the terminal is.
            biased;
            _ = signals.next() => break,
            input = events.recv() => match (input, local.as_mut()) {
                (None, _) => break,
                (Some(event), Some(l)) => match on_terminal_event(app, l.terminal, &mut clipboard, hub.as_deref_mut(), event?, clock)? {
                    Outcome::Quit => break,
                    Outcome::Redraw => true,
                    Outcome::RedrawAll => {
                        redraw_all(l.terminal)?;
                        l.screen = ui::Screen::default();
                        true
                    }
                    // Even at the same size: what the screen showed is gone.
                    Outcome::Resized => {
                        l.screen = ui::Screen::default();
                        true
                    }
                    Outcome::Unchanged => false,
                },
                (Some(_), None) => false,
            },
            message = next_message(hub.as_deref_mut()) => {
                let now = current_time(app, clock);
                if let (Some(hub), Some(message)) = (hub.as_deref_mut(), message) {
                    for (text, is_error) in hub.on_message(&mut app.session, message, now) {
                        if local.is_some() {
                            app.say_status(text, is_error);
                        } else {
                            crate::serve::say(&format!("{}\n", crate::sanitise::sanitise(&text)));
                        }
                    }
                }
                true
            },
            slept = sleeper.sleep(wait) => {
                slept?;
                false
            }
        };
        now = current_time(app, clock);
        // Thresholds crossed since the last look: announced with the bell and recorded, or
        // kept to be recorded once the journal can be written again.
        redraw |= save_unsaved(app);
        let step = app.tick(now);
        if !step.events.is_empty() {
            if let Err(e) = app.commit_tick(&step.events, now) {
                app.say_status(not_saving(&e), true);
            }
            if let Some(l) = local.as_mut() {
                perform(l.terminal, &mut clipboard, &step.effects)?;
            }
            if let Some(hub) = hub.as_deref_mut() {
                hub.on_clock(&app.session, &step.events);
            }
            redraw = true;
        }
        // What another seat did changes this one's screen too.
        redraw |= app.session.revision() != revision;
        let shown = screen_time(app, now);
        if let Some(l) = local.as_mut()
            && (redraw || shown != l.drawn_at)
        {
            l.screen.present(l.terminal, &app.session, &app.seat, now)?;
            l.drawn_at = shown;
        }
        if let Some(hub) = hub.as_deref_mut() {
            hub.draw(&app.session, now, shown);
        }
    }
    Ok(())
}

/// The next thing a connection says, or never when the session is not served.
async fn next_message(
    hub: Option<&mut crate::serve::hub::Hub>,
) -> Option<crate::serve::ssh::ToHub> {
    match hub {
        Some(hub) => hub.recv().await,
        None => std::future::pending().await,
    }
}

/// What the footer says while the journal cannot be written.
fn not_saving(e: &io::Error) -> String {
    format!(
        "Nothing is being saved: the journal cannot be written ({e}); what the clock announced is kept and written once it can be"
    )
}

/// Writes what waits to be written, when something does; whether the footer changed.
fn save_unsaved(app: &mut App) -> bool {
    let waiting = app.session.unsaved();
    if waiting == 0 {
        return false;
    }
    match app.session.save_unsaved() {
        Ok(()) => {
            app.say_status(
                format!("Saved again: the journal is written, with the {waiting} announcement(s) kept meanwhile"),
                false,
            );
            true
        }
        Err(_) => false,
    }
}

/// The time the console shows: in a replay that of the event on screen, otherwise the clock's.
fn current_time(app: &App, clock: &dyn Clock) -> DateTime<Utc> {
    app.replay_now().unwrap_or_else(|| session_time(clock))
}

/// Terminal input, read by a task of its own and handed over on a channel, so that the
/// terminal is polled only when it has something to say, not on every wake-up of the loop.
/// The task stops when the returned guard is dropped.
fn read_input(from_terminal: bool) -> (UnboundedReceiver<io::Result<TermEvent>>, AbortOnDrop) {
    let (input_tx, events) = tokio::sync::mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        if !from_terminal {
            // No terminal to read: the channel stays open and silent.
            let _keep = input_tx;
            return std::future::pending::<()>().await;
        }
        let mut stream = EventStream::new();
        while let Some(event) = stream.next().await {
            if input_tx.send(event).is_err() {
                break;
            }
        }
    });
    (events, AbortOnDrop(reader))
}

/// Handles one event from the terminal: a key press, pasted text or a new size. The seat is
/// told first whether the screen is too small for the console, where keys would act unseen.
fn on_terminal_event(
    app: &mut App,
    terminal: &mut terminal::Term,
    clipboard: &mut clipboard::Clipboard,
    hub: Option<&mut crate::serve::hub::Hub>,
    event: TermEvent,
    clock: &dyn Clock,
) -> io::Result<Outcome> {
    let area = terminal.get_frame().area();
    app.seat.too_small = !ui::fits(area);
    app.seat.screen = (area.width, area.height);
    match event {
        TermEvent::Key(key) => {
            #[cfg(debug_assertions)]
            debug_panic();
            if is_redraw_key(app, &key) {
                return Ok(Outcome::RedrawAll);
            }
            let now = current_time(app, clock);
            let quit = on_key(app, terminal, clipboard, hub, &key, now)?;
            Ok(if quit { Outcome::Quit } else { Outcome::Redraw })
        }
        TermEvent::Paste(text) => {
            app.on_paste(&text);
            Ok(Outcome::Redraw)
        }
        TermEvent::Resize(width, height) => {
            terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
            app.seat.screen = (width, height);
            Ok(Outcome::Resized)
        }
        _ => Ok(Outcome::Unchanged),
    }
}

/// The key the keymap binds to redrawing (Ctrl-l, in every mode and at any size): the screen
/// drawn again from nothing, as terminal programs do. The runtime acts on it, since only it
/// holds the terminal.
fn is_redraw_key(app: &App, key: &KeyEvent) -> bool {
    crate::keymap::lookup(app.seat.mode, key) == Some(crate::keymap::Command::Redraw)
}

/// Clears the terminal and forgets what ratatui believes is on it, so the next frame writes
/// every cell; the size is asked again, in case a change of it went unnoticed.
fn redraw_all(terminal: &mut terminal::Term) -> io::Result<()> {
    let (width, height) = crossterm::terminal::size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))
}

/// A key press: its events saved first and shown after, so that what the screen shows as done
/// is on disk, then its effects carried out. A journal that could not be written is said in
/// the footer and nothing is done. Returns whether the key quits the console.
fn on_key(
    app: &mut App,
    terminal: &mut terminal::Term,
    clipboard: &mut clipboard::Clipboard,
    hub: Option<&mut crate::serve::hub::Hub>,
    key: &KeyEvent,
    now: DateTime<Utc>,
) -> io::Result<bool> {
    let mut step = app.on_key(key, now);
    // A served session shows who is on and renews its codes; a console alone says it is not
    // served.
    if let Some(hub) = hub {
        step.effects.retain(|effect| match effect {
            Effect::Seats | Effect::RenewCodes => {
                hub.local_effect(&app.session, &mut app.seat, effect);
                false
            }
            _ => true,
        });
    }
    match app.commit(&step.events, now) {
        Ok(()) => {
            for (text, is_error) in perform(terminal, clipboard, &step.effects)? {
                // Where a copy went comes first, then what the key did (`… · cue sent`).
                let text = match &app.seat.status {
                    Some(s) if !is_error && !s.is_error => format!("{text} · {}", s.text),
                    _ => text,
                };
                app.say_status(text, is_error);
            }
        }
        Err(e) => app.say_status(
            format!("Not done: the journal could not be written ({e})"),
            true,
        ),
    }
    Ok(step.quit)
}

/// Debug builds only, for the end-to-end tests: with `CONVENE_DEBUG_PANIC` set, the first key
/// pressed panics inside the running console, to show the terminal is given back on a panic.
#[cfg(debug_assertions)]
#[allow(clippy::panic)] // The one deliberate panic, and never in a release build.
fn debug_panic() {
    if std::env::var_os("CONVENE_DEBUG_PANIC").is_some() {
        panic!("CONVENE_DEBUG_PANIC: a deliberate panic inside the console loop");
    }
}

/// The time as far as the screen shows it: to the second while a block runs, else to the minute.
fn screen_time(app: &App, now: DateTime<Utc>) -> i64 {
    let secs = now.timestamp();
    if app.shows_seconds() {
        secs
    } else {
        secs.div_euclid(60)
    }
}

/// Stops the input task when the console ends, however it ends.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Carries out what a step asks besides events: the bell, the clipboard, files. Returns what
/// the footer should say of them (and whether it is a failure).
fn perform(
    terminal: &mut terminal::Term,
    clipboard: &mut clipboard::Clipboard,
    effects: &[Effect],
) -> io::Result<Vec<(String, bool)>> {
    if effects.is_empty() {
        return Ok(Vec::new());
    }
    perform_on(terminal.backend_mut(), clipboard, effects)
}

/// How long until the screen would next change on its own, in real time: the next second
/// boundary of the session clock while anything counts seconds, else the next minute boundary.
/// Idle, the process sleeps until then. A fast rehearsal is held to 20 frames a second.
fn until_next_change(app: &App, now: DateTime<Utc>, speed: f64) -> StdDuration {
    let simulated = until_next_change_at(app, now);
    if speed == 1.0 {
        return simulated;
    }
    let real = simulated.as_secs_f64() / speed.max(0.001);
    StdDuration::from_secs_f64(real.max(0.05))
}

fn until_next_change_at(app: &App, now: DateTime<Utc>) -> StdDuration {
    let nanos_into_second = u64::from(now.nanosecond().min(999_999_999));
    let to_next_second = 1_000_000_000 - nanos_into_second;
    let extra_seconds = if app.shows_seconds() {
        0
    } else {
        u64::from(59 - now.second().min(59))
    };
    // A millisecond past the boundary, so the clock has surely turned when it is read.
    StdDuration::from_nanos(to_next_second + extra_seconds * 1_000_000_000 + 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::clipboard::{Clipboard, Route};

    /// The terminal's clipboard: what is copied is written to `out`.
    fn osc52() -> Clipboard {
        Clipboard::with(Route::Osc52)
    }

    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32, nanos: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2021, 11, 8, h, m, s).unwrap()
            + chrono::Duration::nanoseconds(i64::from(nanos))
    }

    #[test]
    fn a_rehearsal_clock_runs_speed_times_faster_from_its_origin() {
        let clock = RehearsalClock::new(at(6, 0, 0, 0), 30.0);
        assert_eq!(clock.after(StdDuration::ZERO), at(6, 0, 0, 0));
        // Two real seconds at 30 times are a simulated minute.
        assert_eq!(clock.after(StdDuration::from_secs(2)), at(6, 1, 0, 0));
        assert_eq!(clock.after(StdDuration::from_millis(100)), at(6, 0, 3, 0));
        assert_eq!(clock.speed(), 30.0);
        let live = RehearsalClock::new(at(6, 0, 0, 0), 1.0);
        assert_eq!(live.after(StdDuration::from_secs(90)), at(6, 1, 30, 0));
    }

    #[test]
    fn the_next_wake_is_the_next_second_while_seconds_count() {
        let app = crate::app::App::new(
            std::sync::Arc::new(crate::programme::default_workshop().unwrap()),
            at(6, 0, 0, 0),
            crate::app::LocalZone::Named(chrono_tz::Asia::Manila),
        );
        // Nothing runs: the screen shows minutes, so the wake is the next minute, a
        // millisecond past it.
        assert!(!app.shows_seconds());
        let now = at(6, 0, 12, 250_000_000);
        assert_eq!(
            until_next_change_at(&app, now),
            StdDuration::from_millis(47_750 + 1)
        );
        assert_eq!(
            until_next_change(&app, now, 1.0),
            StdDuration::from_millis(47_751)
        );
        // A rehearsal at 60 times wakes 60 times sooner, but never more than 20 times a second.
        assert_eq!(
            until_next_change(&app, now, 60.0),
            StdDuration::from_secs_f64(47.751 / 60.0)
        );
        assert_eq!(
            until_next_change(&app, at(6, 0, 59, 999_000_000), 60.0),
            StdDuration::from_millis(50)
        );
        // A block running: the screen shows seconds, so the wake is the next second.
        let mut app = app;
        let step = app.on_key(
            &crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('n')),
            at(6, 0, 0, 0),
        );
        app.apply(&step.events, at(6, 0, 0, 0));
        assert!(app.shows_seconds());
        assert_eq!(
            until_next_change_at(&app, now),
            StdDuration::from_millis(750 + 1)
        );
    }

    #[test]
    fn the_bell_and_the_clipboard_are_the_bytes_a_terminal_understands() {
        let mut out = Vec::new();
        let failures = perform_on(
            &mut out,
            &mut osc52(),
            &[
                Effect::Bell,
                Effect::Copy("Room 1: Ayu, Bilal · ค่าใช้จ่าย".into()),
            ],
        )
        .unwrap();
        assert_eq!(failures, [(Route::Osc52.said().to_string(), false)]);
        // BEL, then OSC 52 with the text's UTF-8 in base64 (RFC 4648), ended by BEL.
        use base64::Engine;
        let expected = format!(
            "\x07\x1b]52;c;{}\x07",
            base64::engine::general_purpose::STANDARD.encode("Room 1: Ayu, Bilal · ค่าใช้จ่าย")
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        let mut out = Vec::new();
        perform_on(&mut out, &mut osc52(), &[Effect::Copy("Hi".into())]).unwrap();
        assert_eq!(out, b"\x1b]52;c;SGk=\x07");
    }

    /// Zoom's file holds names and emails: readable and writable by its owner only, also
    /// when a file of that name was there before, readable by everyone.
    #[cfg(unix)]
    #[test]
    fn a_file_effect_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::Builder::new()
            .prefix("convene-perform-")
            .tempdir()
            .unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let fresh = tmp.path().join("rooms-day1-round1.csv");
        let there = tmp.path().join("rooms-day1-round2.csv");
        std::fs::write(&there, "old").unwrap();
        std::fs::set_permissions(&there, std::fs::Permissions::from_mode(0o644)).unwrap();
        for path in [&fresh, &there] {
            let failures = perform_on(
                &mut Vec::new(),
                &mut osc52(),
                &[Effect::WriteFile {
                    path: path.display().to_string(),
                    contents: "Pre-assign Room Name,Email Address\r\n".into(),
                }],
            )
            .unwrap();
            assert!(failures.is_empty(), "{failures:?}");
            assert_eq!(mode(path), 0o600, "{}", path.display());
            assert_eq!(
                std::fs::read_to_string(path).unwrap(),
                "Pre-assign Room Name,Email Address\r\n"
            );
        }
    }

    #[test]
    fn a_file_effect_writes_the_file_and_a_failure_is_reported() {
        let tmp = tempfile::Builder::new()
            .prefix("convene-perform-")
            .tempdir()
            .unwrap();
        let dir = tmp.path();
        let path = dir.join("rooms-day1.csv");
        let contents = "Pre-assign Room Name,Email Address\r\nRoom 1,ayu@example.org\r\n";
        let mut out = Vec::new();
        let failures = perform_on(
            &mut out,
            &mut osc52(),
            &[Effect::WriteFile {
                path: path.display().to_string(),
                contents: contents.into(),
            }],
        )
        .unwrap();
        assert!(failures.is_empty());
        assert!(out.is_empty(), "nothing goes to the terminal");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), contents);
        let missing = dir.join("no-such-folder").join("rooms.csv");
        let failures = perform_on(
            &mut out,
            &mut osc52(),
            &[Effect::WriteFile {
                path: missing.display().to_string(),
                contents: contents.into(),
            }],
        )
        .unwrap();
        assert_eq!(failures.len(), 1);
        assert!(
            failures[0].1
                && failures[0]
                    .0
                    .starts_with(&format!("could not write {}: ", missing.display())),
            "{failures:?}"
        );
    }
}
