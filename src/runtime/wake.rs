//! Sleeping until the screen next changes, with a single wake-up.
//!
//! On Linux the sleep is a timerfd watched by the runtime's own epoll, so the process wakes
//! exactly once when it is due. (tokio's timer wheel wakes a sleep of a second or more twice:
//! once at the coarse slot, once at the exact millisecond.) Elsewhere tokio's sleep is used.

use std::io;
use std::time::Duration;

#[cfg(target_os = "linux")]
pub struct Sleeper {
    fd: tokio::io::unix::AsyncFd<Timer>,
}

/// The timerfd, owned: its descriptor stays open and the same for as long as it lives.
#[cfg(target_os = "linux")]
struct Timer(nix::sys::timerfd::TimerFd);

#[cfg(target_os = "linux")]
impl std::os::fd::AsRawFd for Timer {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        use std::os::fd::AsFd;
        self.0.as_fd().as_raw_fd()
    }
}

#[cfg(target_os = "linux")]
impl Sleeper {
    pub fn new() -> io::Result<Sleeper> {
        use nix::sys::timerfd::{ClockId, TimerFd, TimerFlags};
        let fd = TimerFd::new(
            ClockId::CLOCK_MONOTONIC,
            TimerFlags::TFD_NONBLOCK | TimerFlags::TFD_CLOEXEC,
        )
        .map_err(io::Error::from)?;
        // SAFETY: `Timer` owns the timerfd's descriptor and returns that same open descriptor
        // for as long as the `AsyncFd` holds it; it is closed only when both are dropped.
        let fd = unsafe { tokio::io::unix::AsyncFd::register(Timer(fd)) }
            .map_err(|e| io::Error::other(e.to_string()))?;
        Ok(Sleeper { fd })
    }

    /// Sleeps for `duration`. Dropping the future early is fine: the next call re-arms.
    pub async fn sleep(&self, duration: Duration) -> io::Result<()> {
        use nix::sys::time::TimeSpec;
        use nix::sys::timerfd::{Expiration, TimerSetTimeFlags};
        use std::os::fd::AsFd;
        // A zero expiration would disarm the timer: wait at least a microsecond.
        let duration = duration.max(Duration::from_micros(1));
        self.fd
            .get_ref()
            .0
            .set(
                Expiration::OneShot(TimeSpec::from_duration(duration)),
                TimerSetTimeFlags::empty(),
            )
            .map_err(io::Error::from)?;
        loop {
            let mut ready = self.fd.readable().await?;
            let mut expirations = [0u8; 8];
            match ready.try_io(|fd| {
                nix::unistd::read(fd.get_ref().0.as_fd(), &mut expirations).map_err(io::Error::from)
            }) {
                Ok(Ok(_)) => {
                    // The expiration is read: forget the readiness now, so that the next sleep
                    // waits on epoll at once instead of first reading an empty timer.
                    ready.clear_ready();
                    return Ok(());
                }
                Ok(Err(e)) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Ok(Err(e)) => return Err(e),
                Err(_would_block) => continue,
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub struct Sleeper;

#[cfg(not(target_os = "linux"))]
impl Sleeper {
    pub fn new() -> io::Result<Sleeper> {
        Ok(Sleeper)
    }

    pub async fn sleep(&self, duration: Duration) -> io::Result<()> {
        tokio::time::sleep(duration).await;
        Ok(())
    }
}
