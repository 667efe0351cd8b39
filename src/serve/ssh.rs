//! One SSH connection: who it is (a join code or a known key), its terminal's size, its
//! bytes turned into keys for the session, and the screen bytes the session sends back.
//! Nothing of the session reaches a connection before it is let in.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use crossterm::event::Event as TermEvent;
use russh::server::{Auth, Handler, Msg, Session};
use russh::{Channel, ChannelId};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;

use super::access::Access;
use super::input::{Decoder, Flood};
use crate::core::Role;

/// A connection, numbered in the order they came.
pub type ConnId = u64;

/// How long a connection's screen bytes may wait on a client that does not read before the
/// connection is closed.
pub const STALL_LIMIT: Duration = Duration::from_secs(20);

/// What connections tell the session.
#[derive(Debug)]
pub enum ToHub {
    /// Someone is in, with a terminal of this size: their seat opens.
    Joined {
        id: ConnId,
        name: String,
        role: Role,
        size: (u16, u16),
        zone: Option<chrono_tz::Tz>,
        out: mpsc::Sender<Out>,
        /// Set by the session when it skipped a frame for want of room in `out`; the writer
        /// then says [`ToHub::Drained`] once it has sent what was there.
        skipped: Arc<std::sync::atomic::AtomicBool>,
    },
    Input {
        id: ConnId,
        event: TermEvent,
    },
    /// A connection that had no room for a frame has room again.
    Drained {
        id: ConnId,
    },
    /// The connection ended: its seat closes; `why` when the session ended it.
    Left {
        id: ConnId,
        why: Option<String>,
    },
    /// A wrong code or key, for the lead's footer.
    Refused {
        text: String,
    },
}

/// What the session sends a connection.
#[derive(Debug)]
pub enum Out {
    Bytes(Vec<u8>),
    /// These last bytes, then the connection ends.
    Close(Vec<u8>),
}

/// The state one connection's handler keeps.
pub struct Conn {
    pub id: ConnId,
    pub peer: Option<SocketAddr>,
    pub access: Arc<Mutex<Access>>,
    pub hub: mpsc::UnboundedSender<ToHub>,
    /// Who got in, and as what.
    pub user: Option<(String, Role)>,
    pub size: (u16, u16),
    pub zone: Option<chrono_tz::Tz>,
    pub channel: Option<ChannelId>,
    pub decoder: Decoder,
    pub joined: bool,
    pub opened: Instant,
    /// Set once the connection got in.
    pub authed: Arc<std::sync::atomic::AtomicBool>,
}

impl Conn {
    pub fn new(
        id: ConnId,
        peer: Option<SocketAddr>,
        access: Arc<Mutex<Access>>,
        hub: mpsc::UnboundedSender<ToHub>,
        authed: Arc<std::sync::atomic::AtomicBool>,
    ) -> Conn {
        Conn {
            id,
            peer,
            access,
            hub,
            user: None,
            size: (80, 24),
            zone: None,
            channel: None,
            decoder: Decoder::default(),
            joined: false,
            opened: Instant::now(),
            authed,
        }
    }

    fn from(&self) -> String {
        self.peer
            .map_or_else(|| "?".to_string(), |p| p.ip().to_string())
    }

    /// A wrong try: counted against the address and said to the lead.
    fn refuse(&mut self, what: &str, user: &str) -> Auth {
        if let Some(peer) = self.peer {
            let mut access = self.access.lock().unwrap_or_else(|e| e.into_inner());
            access.failed(peer.ip(), Instant::now());
        }
        let user = crate::sanitise::sanitise(user);
        let _ = self.hub.send(ToHub::Refused {
            text: format!("Refused a wrong {what} for “{user}” from {}", self.from()),
        });
        Auth::reject()
    }

    fn throttled(&self) -> bool {
        let Some(peer) = self.peer else {
            return false;
        };
        let mut access = self.access.lock().unwrap_or_else(|e| e.into_inner());
        access.throttled(peer.ip(), Instant::now())
    }

    /// The name the header shows: the SSH user name, cleaned of control characters.
    fn name(user: &str) -> String {
        let name = crate::sanitise::sanitise(user.trim()).into_owned();
        if name.is_empty() {
            "someone".to_string()
        } else {
            name
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if self.joined {
            let _ = self.hub.send(ToHub::Left {
                id: self.id,
                why: None,
            });
        }
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        if self.throttled() {
            return Ok(Auth::reject());
        }
        let role = {
            let access = self.access.lock().unwrap_or_else(|e| e.into_inner());
            access.by_code(password)
        };
        Ok(match role {
            Some(role) => {
                self.user = Some((Conn::name(user), role));
                self.authed.store(true, std::sync::atomic::Ordering::SeqCst);
                Auth::Accept
            }
            None => self.refuse("code", user),
        })
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.throttled() {
            return Ok(Auth::reject());
        }
        let known = {
            let access = self.access.lock().unwrap_or_else(|e| e.into_inner());
            access.by_key(offer.public_key).is_some()
        };
        Ok(if known {
            Auth::Accept
        } else {
            self.refuse("key", user)
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let known = {
            let access = self.access.lock().unwrap_or_else(|e| e.into_inner());
            access
                .by_key(key.public_key)
                .map(|k| (k.name.clone().unwrap_or_else(|| Conn::name(user)), k.role))
        };
        Ok(match known {
            Some((name, role)) => {
                self.user = Some((crate::sanitise::sanitise(&name).into_owned(), role));
                self.authed.store(true, std::sync::atomic::Ordering::SeqCst);
                Auth::Accept
            }
            None => self.refuse("key", user),
        })
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One console a connection.
        if self.channel.is_none() && self.user.is_some() {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = (clamp(col_width), clamp(row_height));
        session.channel_success(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // `ssh -o SendEnv=TZ`: the person's own clock.
        if variable_name == "TZ" {
            self.zone = variable_value.trim_start_matches(':').parse().ok();
        }
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some((name, role)) = self.user.clone() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        session.channel_success(channel)?;
        let (out, rx) = mpsc::channel(2);
        let skipped = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let queue = Queue {
            rx,
            skipped: Arc::clone(&skipped),
            hub: self.hub.clone(),
            id: self.id,
        };
        tokio::spawn(write_out(session.handle(), channel, queue));
        self.joined = true;
        let _ = self.hub.send(ToHub::Joined {
            id: self.id,
            name,
            role,
            size: self.size,
            zone: self.zone,
            out,
            skipped,
        });
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.data(
            channel,
            b"convene serves a console, not commands: connect with plain `ssh -p PORT NAME@HOST`\r\n"
                .to_vec(),
        )?;
        session.channel_failure(channel)?;
        session.close(channel)?;
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.joined {
            return Ok(());
        }
        let second = self.opened.elapsed().as_secs();
        match self.decoder.feed(data, second) {
            Ok(events) => {
                for event in events {
                    let _ = self.hub.send(ToHub::Input { id: self.id, event });
                }
                Ok(())
            }
            Err(flood) => {
                self.flooded(&flood);
                Err(russh::Error::Disconnect)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = (clamp(col_width), clamp(row_height));
        if self.joined {
            let (w, h) = self.size;
            let _ = self.hub.send(ToHub::Input {
                id: self.id,
                event: TermEvent::Resize(w, h),
            });
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        Err(russh::Error::Disconnect)
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        Err(russh::Error::Disconnect)
    }
}

impl Conn {
    /// Input that ends the connection: its seat closes, and the lead is told why.
    fn flooded(&mut self, flood: &Flood) {
        if self.joined {
            self.joined = false;
            let _ = self.hub.send(ToHub::Left {
                id: self.id,
                why: Some(format!("closed: {}", flood.said())),
            });
        }
    }
}

/// A terminal size as the session takes it: 1 to 1000 cells each way.
fn clamp(cells: u32) -> u16 {
    u16::try_from(cells.clamp(1, 1000)).unwrap_or(1000)
}

/// What a connection's writer takes its bytes from, and whom it tells when a frame the
/// session skipped for want of room can now be sent.
struct Queue {
    rx: mpsc::Receiver<Out>,
    skipped: Arc<std::sync::atomic::AtomicBool>,
    hub: mpsc::UnboundedSender<ToHub>,
    id: ConnId,
}

/// Sends the session's bytes to the connection, in order; a `Close` ends it. Once bytes are
/// out, a seat the session skipped meanwhile is asked for again.
async fn write_out(handle: russh::server::Handle, channel: ChannelId, mut queue: Queue) {
    while let Some(out) = queue.rx.recv().await {
        match out {
            Out::Bytes(bytes) => {
                if handle.data(channel, bytes).await.is_err() {
                    break;
                }
                if queue
                    .skipped
                    .swap(false, std::sync::atomic::Ordering::SeqCst)
                {
                    let _ = queue.hub.send(ToHub::Drained { id: queue.id });
                }
            }
            Out::Close(bytes) => {
                // The last bytes, then the channel's end, in the channel's order: the client
                // shows them and closes. Only one that does not is disconnected, later.
                let _ = handle.data(channel, bytes).await;
                let _ = handle.exit_status_request(channel, 0).await;
                let _ = handle.eof(channel).await;
                let _ = handle.close(channel).await;
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                let _ = handle
                    .disconnect(
                        russh::Disconnect::ByApplication,
                        String::new(),
                        String::new(),
                    )
                    .await;
                break;
            }
        }
    }
}

/// A TCP stream whose writes may wait at most [`STALL_LIMIT`]: a client that stops reading
/// ends its own connection instead of holding its bytes forever.
pub struct Guarded<S> {
    inner: S,
    stall: Option<Pin<Box<tokio::time::Sleep>>>,
    limit: Duration,
}

impl<S> Guarded<S> {
    pub fn new(inner: S, limit: Duration) -> Guarded<S> {
        Guarded {
            inner,
            stall: None,
            limit,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Guarded<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Guarded<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_write(cx, buf) {
            Poll::Ready(done) => {
                this.stall = None;
                Poll::Ready(done)
            }
            Poll::Pending => {
                let limit = this.limit;
                let stall = this
                    .stall
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                match stall.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the client stopped reading",
                    ))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
