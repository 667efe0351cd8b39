//! A served session for tests: the real binary run as `convene serve`, and SSH clients (russh's
//! own) that connect to it with a pseudo-terminal and read their screen through a VT100 parser.
//! Shared by the tests and the benchmark, which each use a part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client;

/// `convene serve --headless` on a free port of this machine, in a data folder of its own.
pub struct Host {
    pub child: Child,
    pub addr: SocketAddr,
    /// The code printed for each role: `lead`, `cofac`, `observer`.
    pub codes: HashMap<String, String>,
    pub fingerprint: String,
    /// What it printed after the codes (joined, left, refused).
    pub log: Arc<Mutex<Vec<String>>>,
    pub dir: tempfile::TempDir,
}

impl Host {
    /// Starts a headless host on day 1 of the ToT, rehearsed from 12:58, with the sample roster
    /// and a journal in its folder, plus `extra` arguments.
    pub fn start(extra: &[&str]) -> Host {
        let dir = tempfile::Builder::new()
            .prefix("convene-serve-")
            .tempdir()
            .unwrap();
        let journal = dir.path().join("journal").join("day-1.jsonl");
        std::fs::create_dir_all(journal.parent().unwrap()).unwrap();
        let roster = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/roster-sample.csv");
        let mut args: Vec<String> = [
            "serve",
            "--headless",
            "--listen",
            "127.0.0.1:0",
            "--rehearse",
            "--day",
            "1",
            "--at",
            "12:58",
            "--roster",
            roster,
            "--journal",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(journal.display().to_string());
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_convene"))
            .args(&args)
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut addr = None;
        let mut codes = HashMap::new();
        let mut fingerprint = String::new();
        while codes.len() < 3 {
            let Some(Ok(line)) = lines.next() else {
                let mut err = String::new();
                use std::io::Read;
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("the host ended before printing its codes: {err}");
            };
            if let Some(rest) = line.strip_prefix("convene serve: listening on ") {
                addr = Some(rest.trim().parse().unwrap());
            } else if let Some(rest) =
                line.strip_prefix("Host key (check it on first connecting): ")
            {
                fingerprint = rest.trim().to_string();
            } else if let Some((role, code)) = line.trim().split_once(' ')
                && ["lead", "cofac", "observer"].contains(&role)
            {
                codes.insert(role.to_string(), code.trim().to_string());
            }
        }
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        Host {
            child,
            addr: addr.expect("the host says where it listens"),
            codes,
            fingerprint,
            log,
            dir,
        }
    }

    pub fn code(&self, role: &str) -> String {
        self.codes[role].clone()
    }

    /// `name` joins with the code of `role`, at a 120x40 terminal.
    pub async fn join(&self, name: &str, role: &str) -> Client {
        Client::connect(self.addr, name, &self.code(role), (120, 40))
            .await
            .unwrap_or_else(|e| panic!("{name} could not join as {role}: {e:?}"))
    }

    pub fn journal(&self) -> std::path::PathBuf {
        self.dir.path().join("journal").join("day-1.jsonl")
    }

    /// Waits until the host printed a line holding `text`.
    pub fn wait_log(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(line) = self.log.lock().unwrap().iter().find(|l| l.contains(text)) {
                return line.clone();
            }
            assert!(
                Instant::now() < deadline,
                "the host never printed “{text}”: {:?}",
                self.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Accepts the host's key: the tests check the fingerprint the host printed instead.
pub struct Trusting {
    pub seen: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        *self.seen.lock().unwrap() = Some(
            key.public_key()
                .fingerprint(russh::keys::HashAlg::Sha256)
                .to_string(),
        );
        Ok(true)
    }
}

/// A person connected to the host with a terminal of their own.
pub struct Client {
    /// The connection: dropped, it ends.
    _handle: client::Handle<Trusting>,
    pub write: russh::ChannelWriteHalf<client::Msg>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Set when the host closed the channel.
    pub closed: Arc<std::sync::atomic::AtomicBool>,
    /// Told each time bytes arrived and were read onto the screen.
    pub arrived: Arc<tokio::sync::Notify>,
    pub fingerprint: String,
    _reader: tokio::task::JoinHandle<()>,
}

/// Why a connection did not get a console.
#[derive(Debug)]
pub enum Refused {
    Auth,
    Other(String),
}

impl Client {
    /// Connects as `user` with a code, asks for a terminal of this size and a shell.
    pub async fn connect(
        addr: SocketAddr,
        user: &str,
        code: &str,
        size: (u16, u16),
    ) -> Result<Client, Refused> {
        Client::connect_with(addr, user, Err(code), size).await
    }

    /// Connects as `user` with an SSH key.
    pub async fn connect_key(
        addr: SocketAddr,
        user: &str,
        key: russh::keys::PrivateKey,
        size: (u16, u16),
    ) -> Result<Client, Refused> {
        Client::connect_with(addr, user, Ok(key), size).await
    }

    async fn connect_with(
        addr: SocketAddr,
        user: &str,
        credential: Result<russh::keys::PrivateKey, &str>,
        (cols, rows): (u16, u16),
    ) -> Result<Client, Refused> {
        let seen = Arc::new(Mutex::new(None));
        let mut handle = client::connect(
            Arc::new(client::Config::default()),
            addr,
            Trusting {
                seen: Arc::clone(&seen),
            },
        )
        .await
        .map_err(|e| Refused::Other(e.to_string()))?;
        let auth = match credential {
            Err(code) => handle.authenticate_password(user, code).await,
            Ok(key) => {
                handle
                    .authenticate_publickey(
                        user,
                        russh::keys::PrivateKeyWithHashAlg::new(Arc::new(key), None),
                    )
                    .await
            }
        }
        .map_err(|e| Refused::Other(e.to_string()))?;
        if !auth.success() {
            return Err(Refused::Auth);
        }
        let channel = handle
            .channel_open_session()
            .await
            .map_err(|e| Refused::Other(e.to_string()))?;
        channel
            .request_pty(
                false,
                "xterm-256color",
                u32::from(cols),
                u32::from(rows),
                0,
                0,
                &[],
            )
            .await
            .map_err(|e| Refused::Other(e.to_string()))?;
        channel
            .request_shell(false)
            .await
            .map_err(|e| Refused::Other(e.to_string()))?;
        let (mut read, write) = channel.split();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let arrived = Arc::new(tokio::sync::Notify::new());
        let (s, c, a) = (
            Arc::clone(&screen),
            Arc::clone(&closed),
            Arc::clone(&arrived),
        );
        let reader = tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                match msg {
                    ChannelMsg::Data { data } => {
                        s.lock().unwrap().process(&data);
                        a.notify_waiters();
                    }
                    ChannelMsg::Close | ChannelMsg::Eof => break,
                    _ => {}
                }
            }
            c.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let fingerprint = seen.lock().unwrap().clone().unwrap_or_default();
        Ok(Client {
            _handle: handle,
            write,
            screen,
            closed,
            arrived,
            fingerprint,
            _reader: reader,
        })
    }

    /// Types bytes as a terminal sends them.
    pub async fn keys(&self, bytes: &[u8]) {
        self.write.data_bytes(bytes.to_vec()).await.unwrap();
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen holds `text`; the screen then.
    pub async fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |s| s.contains(text)).await
    }

    /// Waits until the screen no longer holds `text`.
    pub async fn wait_gone(&self, text: &str) -> String {
        self.wait_until(text, |s| !s.contains(text)).await
    }

    pub async fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // Asked before looking, so that bytes read meanwhile are not missed.
            let arrived = self.arrived.notified();
            let screen = self.contents();
            if done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited in vain for “{what}”; the screen:\n{screen}"
            );
            let _ = tokio::time::timeout(Duration::from_millis(50), arrived).await;
        }
    }
}

impl Client {
    /// Waits until the screen differs from `before`.
    pub async fn wait_until_changed(&self, before: &str) -> String {
        self.wait_until("a change", |s| s != before).await
    }
}
