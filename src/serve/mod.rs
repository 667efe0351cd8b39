//! A live session served over SSH: co-facilitators and observers join from their own
//! terminals, each at a seat of their own on the one session.

pub mod access;
pub mod hub;
pub mod input;
pub mod ssh;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::mpsc;

use access::{Access, KnownKey};
use hub::{Hub, Joining};
use ssh::{Conn, Guarded, STALL_LIMIT};

/// The address served when none is given: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";
/// Connections at once, authenticated or not; more are closed at once.
pub const MAX_CONNECTIONS: usize = 64;
/// How long a connection may take to get in.
pub const AUTH_LIMIT: Duration = Duration::from_secs(60);

/// How a session is served.
pub struct Serving {
    pub listen: SocketAddr,
    /// No seat at the host's own terminal: everyone, the lead too, connects.
    pub headless: bool,
    pub keys: Vec<KnownKey>,
    /// The host's data folder: its key, and files remote seats ask for.
    pub data_dir: PathBuf,
    /// The name of the lead at the host's terminal.
    pub lead_name: String,
    /// The folders whose files remote seats may have the host read.
    pub share: Vec<PathBuf>,
}

/// Listens, and returns the seats' hub once people can connect; what to join with is
/// printed first, to the host's terminal.
pub async fn start(serving: &Serving, rehearsal: bool) -> std::io::Result<Hub> {
    let listener = TcpListener::bind(serving.listen).await.map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot listen on {}: {e}", serving.listen),
        )
    })?;
    let listen = listener.local_addr()?;
    let host_key = access::host_key(&serving.data_dir)?;
    let fingerprint = access::fingerprint(&host_key);
    let access = Arc::new(Mutex::new(Access::new(serving.keys.clone())?));
    print_joining(listen, &fingerprint, &access, serving);
    let config = Arc::new(russh::server::Config {
        keys: vec![host_key],
        methods: russh::MethodSet::from(
            &[russh::MethodKind::Password, russh::MethodKind::PublicKey][..],
        ),
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    });
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(accept(listener, config, Arc::clone(&access), tx));
    let local = (!serving.headless).then(|| serving.lead_name.clone());
    Ok(Hub::new(
        rx,
        access,
        Joining {
            listen,
            fingerprint,
        },
        serving.data_dir.join("exports"),
        serving.share.clone(),
        local,
        rehearsal,
    ))
}

/// What the host prints on start: where, the host key, and a code per role.
fn print_joining(listen: SocketAddr, fingerprint: &str, access: &Mutex<Access>, serving: &Serving) {
    use std::io::IsTerminal;
    let access = access.lock().unwrap_or_else(|e| e.into_inner());
    let mut text = format!("convene serve: listening on {listen}\n");
    if !listen.ip().is_loopback() {
        let warning = format!(
            "Reachable from other machines at {listen}: anyone with a code gets in. Give codes only to your team."
        );
        if std::io::stdout().is_terminal() {
            text.push_str(&format!("\x1b[31m{warning}\x1b[0m\n"));
        } else {
            text.push_str(&format!("WARNING: {warning}\n"));
        }
    }
    text.push_str(&format!(
        "Host key (check it on first connecting): {fingerprint}\nJoin: ssh -p {} YOUR-NAME@HOST, and type the code of your role as the password:\n",
        listen.port()
    ));
    for role in crate::core::Role::ALL {
        text.push_str(&format!(
            "  {:<9} {}\n",
            role.code_name(),
            access.code(role)
        ));
    }
    if !serving.keys.is_empty() {
        text.push_str(&format!(
            "Also let in by key: {} key(s) from the authorised keys file\n",
            serving.keys.len()
        ));
    }
    say(&text);
}

/// Writes to the host's standard output, line by line as it comes; an output nobody reads
/// any more (a closed pipe) is not a reason to stop the session.
pub fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Takes connections: each is handled by a task of its own, and ends on its own.
async fn accept(
    listener: TcpListener,
    config: Arc<russh::server::Config>,
    access: Arc<Mutex<Access>>,
    hub: mpsc::UnboundedSender<ssh::ToHub>,
) {
    let open = Arc::new(AtomicUsize::new(0));
    let mut next = 0;
    loop {
        let Ok((socket, peer)) = listener.accept().await else {
            continue;
        };
        if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            drop(socket);
            continue;
        }
        let _ = socket.set_nodelay(true);
        next += 1;
        let authed = Arc::new(AtomicBool::new(false));
        let conn = Conn::new(
            next,
            Some(peer),
            Arc::clone(&access),
            hub.clone(),
            Arc::clone(&authed),
        );
        let config = Arc::clone(&config);
        let open = Arc::clone(&open);
        open.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(async move {
            let stream = Guarded::new(socket, STALL_LIMIT);
            let session =
                tokio::time::timeout(AUTH_LIMIT, russh::server::run_stream(config, stream, conn))
                    .await;
            if let Ok(Ok(session)) = session {
                let handle = session.handle();
                tokio::pin!(session);
                tokio::select! {
                    _ = &mut session => {}
                    () = tokio::time::sleep(AUTH_LIMIT) => {
                        if authed.load(Ordering::SeqCst) {
                            let _ = session.await;
                        } else {
                            let _ = handle
                                .disconnect(russh::Disconnect::ByApplication, "too slow to get in".into(), String::new())
                                .await;
                        }
                    }
                }
            }
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}
