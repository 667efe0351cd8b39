//! Putting text on a clipboard: the system's own where the console runs on the machine in
//! front of the facilitator (X11, Wayland, macOS, Windows), else the terminal's, through the
//! OSC 52 escape sequence (over SSH, or with no local clipboard), which reaches a clipboard
//! only if the terminal (and tmux, if any) lets it.

use std::io::{self, Write};

/// Which clipboard a copy goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The system clipboard, directly.
    System,
    /// The terminal's clipboard, through OSC 52.
    Osc52,
}

impl Route {
    /// What the footer says a copy did.
    pub fn said(self) -> &'static str {
        match self {
            Route::System => "Copied to the system clipboard",
            Route::Osc52 => {
                "Sent to the terminal's clipboard (OSC 52) — it arrives only if the terminal allows it"
            }
        }
    }
}

/// Which clipboard to use, from the environment (`var` looks a variable up): OSC 52 over SSH
/// (`SSH_CONNECTION` or `SSH_TTY` set), where the system clipboard would be the remote
/// machine's; on Linux and the BSDs also with no display to hold one (neither `DISPLAY` nor
/// `WAYLAND_DISPLAY`); else the system clipboard.
pub fn choose(var: impl Fn(&str) -> Option<String>) -> Route {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    if set("SSH_CONNECTION") || set("SSH_TTY") {
        return Route::Osc52;
    }
    let needs_display = cfg!(all(unix, not(target_os = "macos")));
    if needs_display && !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        return Route::Osc52;
    }
    Route::System
}

/// The bytes that ask a terminal to put `text` on its clipboard: OSC 52 with the text's UTF-8
/// in base64, ended by BEL.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// The console's clipboard: the route chosen once, and the system clipboard opened on the
/// first copy and kept open (on X11 and Wayland the text is served by whoever keeps it).
pub struct Clipboard {
    route: Route,
    system: Option<arboard::Clipboard>,
}

impl Clipboard {
    /// The clipboard the environment of this process calls for.
    pub fn from_env() -> Clipboard {
        Clipboard::with(choose(|name| std::env::var(name).ok()))
    }

    /// A clipboard that takes this route (OSC 52 always works, as bytes written).
    pub fn with(route: Route) -> Clipboard {
        Clipboard {
            route,
            system: None,
        }
    }

    /// Puts `text` on the clipboard; the system's, when that is the route and it takes the
    /// text, else the terminal's through `out`. Says which was used.
    pub fn copy(&mut self, text: &str, out: &mut impl Write) -> io::Result<Route> {
        if self.route == Route::System && self.system_copy(text) {
            return Ok(Route::System);
        }
        out.write_all(osc52(text).as_bytes())?;
        Ok(Route::Osc52)
    }

    /// Whether the system clipboard took the text. One that cannot be opened is not asked
    /// again: the copies after it go through the terminal.
    fn system_copy(&mut self, text: &str) -> bool {
        if self.system.is_none() {
            match arboard::Clipboard::new() {
                Ok(c) => self.system = Some(c),
                Err(_) => {
                    self.route = Route::Osc52;
                    return false;
                }
            }
        }
        self.system
            .as_mut()
            .is_some_and(|c| c.set_text(text.to_string()).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn over_ssh_the_terminal_clipboard_is_used() {
        let ssh = [
            ("SSH_CONNECTION", "10.0.0.2 51000 10.0.0.1 22"),
            ("DISPLAY", ":0"),
        ];
        assert_eq!(choose(env(&ssh)), Route::Osc52);
        assert_eq!(
            choose(env(&[("SSH_TTY", "/dev/pts/3"), ("DISPLAY", ":0")])),
            Route::Osc52
        );
        // Set but empty is not set.
        assert_eq!(
            choose(env(&[("SSH_TTY", ""), ("DISPLAY", ":0")])),
            Route::System
        );
    }

    #[test]
    fn locally_the_system_clipboard_is_used_where_there_is_one() {
        assert_eq!(choose(env(&[("DISPLAY", ":0")])), Route::System);
        assert_eq!(
            choose(env(&[("WAYLAND_DISPLAY", "wayland-0")])),
            Route::System
        );
        let without = choose(env(&[]));
        if cfg!(all(unix, not(target_os = "macos"))) {
            assert_eq!(without, Route::Osc52);
        } else {
            assert_eq!(without, Route::System);
        }
    }

    #[test]
    fn a_copy_through_the_terminal_writes_osc_52() {
        let mut out = Vec::new();
        let route = Clipboard::with(Route::Osc52).copy("Hi", &mut out).unwrap();
        assert_eq!(route, Route::Osc52);
        assert_eq!(out, b"\x1b]52;c;SGk=\x07");
    }

    /// With no display to reach, the system clipboard cannot be opened: the copy goes through
    /// the terminal, at once and without a word on stderr, and later copies do not try again.
    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn no_reachable_system_clipboard_falls_back_to_the_terminal() {
        let display = std::env::var_os("DISPLAY");
        let wayland = std::env::var_os("WAYLAND_DISPLAY");
        if display.is_some() || wayland.is_some() {
            return; // A real display: nothing to show here.
        }
        let mut clip = Clipboard::with(Route::System);
        let started = std::time::Instant::now();
        let mut out = Vec::new();
        assert_eq!(clip.copy("Hi", &mut out).unwrap(), Route::Osc52);
        assert_eq!(out, b"\x1b]52;c;SGk=\x07");
        assert_eq!(clip.route, Route::Osc52);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    /// A display named but not there (run as `DISPLAY=:99 WAYLAND_DISPLAY=wayland-99 cargo
    /// test --lib clipboard -- --ignored`): opening the system clipboard fails at once, and
    /// the copy goes through the terminal.
    #[test]
    #[ignore = "needs DISPLAY and WAYLAND_DISPLAY set to displays that are not there"]
    fn a_display_that_is_not_there_falls_back_to_the_terminal() {
        let mut clip = Clipboard::with(choose(|name| std::env::var(name).ok()));
        assert_eq!(clip.route, Route::System, "set DISPLAY to run this test");
        let started = std::time::Instant::now();
        let mut out = Vec::new();
        assert_eq!(clip.copy("Hi", &mut out).unwrap(), Route::Osc52);
        assert_eq!(out, b"\x1b]52;c;SGk=\x07");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        // The next copy does not try again.
        assert_eq!(clip.route, Route::Osc52);
    }
}
