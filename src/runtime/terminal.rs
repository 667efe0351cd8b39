//! Owning the terminal: raw mode and the alternate screen on the way in, and the way back out
//! on every exit path (normal quit, error, panic).

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The console draws on standard output: refused, in words, when that is not a terminal (a
/// pipe, a file), before anything is opened or written.
pub fn require_terminal() -> io::Result<()> {
    use std::io::IsTerminal;
    if io::stdout().is_terminal() {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "the console needs a terminal to draw on, and its output is not one: run it in a \
         terminal window",
    ))
}

/// Restores the terminal when dropped, whichever way the console ends.
pub struct TerminalGuard {
    pub terminal: Term,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        ENTERED.store(true, std::sync::atomic::Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        // The screen is cleared here rather than with `Terminal::clear`, which asks the terminal
        // where its cursor is and waits for the answer.
        if let Err(e) = execute!(
            stdout,
            EnterAlternateScreen,
            EnableBracketedPaste,
            Clear(ClearType::All)
        ) {
            restore();
            return Err(e);
        }
        // A fixed viewport, resized on the terminal's resize events: a full-screen one asks the
        // terminal for its size before every frame.
        let (width, height) = match crossterm::terminal::size() {
            Ok(size) => size,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        };
        match Terminal::with_options(CrosstermBackend::new(stdout), options) {
            Ok(mut terminal) => {
                terminal.hide_cursor()?;
                Ok(TerminalGuard { terminal })
            }
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Whether the console has the terminal now.
static ENTERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Leaves raw mode and the alternate screen and shows the cursor. Safe to call more than once,
/// and a no-op when the console never took the terminal.
pub fn restore() {
    if !ENTERED.swap(false, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = stdout.flush();
}

/// A panic restores the terminal first, so its message is readable and the shell usable.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
