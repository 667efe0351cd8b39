//! The signals that end a console from outside: SIGTERM (a shutdown, `kill`), SIGHUP (the
//! terminal window closed, an SSH connection dropped) and SIGINT (`kill -INT`; in the console
//! Ctrl-c is a key). Each ends the console as quitting does: the loop stops and the terminal
//! is given back. The journal needs nothing more, as every action is on disk before it is
//! shown.

use std::io;

#[cfg(unix)]
pub struct Signals {
    terminate: tokio::signal::unix::Signal,
    hang_up: tokio::signal::unix::Signal,
    interrupt: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    /// Takes the signals over from their default, which ends the process on the spot and
    /// leaves the terminal raw. A signal that comes before the loop looks is kept for it.
    pub fn new() -> io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            terminate: signal(SignalKind::terminate())?,
            hang_up: signal(SignalKind::hangup())?,
            interrupt: signal(SignalKind::interrupt())?,
        })
    }

    /// Waits for one of the signals.
    pub async fn next(&mut self) {
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.hang_up.recv() => {}
            _ = self.interrupt.recv() => {}
        }
    }
}

#[cfg(not(unix))]
pub struct Signals;

#[cfg(not(unix))]
impl Signals {
    pub fn new() -> io::Result<Signals> {
        Ok(Signals)
    }

    /// Elsewhere the console ends only by its keys.
    pub async fn next(&mut self) {
        std::future::pending::<()>().await
    }
}
