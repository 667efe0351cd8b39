//! Runs the real binary in a pseudo-terminal and reads its screen through a VT100 parser.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The escape sequence that switches a terminal to its alternate screen (DECSET 1049).
pub const ENTER_ALTERNATE_SCREEN: &str = "\x1b[?1049h";

pub struct Console {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal, in order.
    output: Arc<Mutex<Vec<u8>>>,
    /// Set once the terminal's output has been read to its end (the program and everything it
    /// started have closed the terminal).
    drained: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// The data folder (`XDG_DATA_HOME`), inside `_scratch`; not made until the program makes it.
    data: PathBuf,
    /// Holds `data`; removed when the console is dropped, after the process has ended. Last, so
    /// it is dropped last.
    _scratch: tempfile::TempDir,
}

impl Console {
    /// Starts `convene` with these arguments in a terminal of this size.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Console {
        Console::start_with_env(args, &[], cols, rows)
    }

    /// Starts `convene` with these arguments and these extra environment variables.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Console {
        Console::start_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, env, cols, rows)
    }

    /// Starts `convene` in the folder `cwd` (where it writes the files it is asked for), with
    /// these arguments and these extra environment variables.
    pub fn start_in(
        cwd: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Console {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_convene"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        // Journals go to a data folder of this console's own, never the user's. It is a path in
        // a fresh folder, and does not exist yet, as a first start on a new computer.
        let scratch = tempfile::Builder::new()
            .prefix("convene-e2e-data-")
            .tempdir()
            .expect("make a temporary folder");
        let data = scratch.path().join("data");
        cmd.env("XDG_DATA_HOME", &data);
        cmd.env("HOME", &data);
        // A panic's message stays on one screen, not under a backtrace.
        cmd.env("RUST_BACKTRACE", "0");
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(cwd);
        let child = pair.slave.spawn_command(cmd).expect("start convene");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let drained = Arc::new(AtomicBool::new(false));
        let (feed, log, done) = (
            Arc::clone(&screen),
            Arc::clone(&output),
            Arc::clone(&drained),
        );
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        log.lock().unwrap().extend_from_slice(&buf[..n]);
                        feed.lock().unwrap().process(&buf[..n]);
                    }
                }
            }
            done.store(true, Ordering::SeqCst);
        });
        Console {
            screen,
            output,
            drained,
            writer,
            child,
            master: pair.master,
            data,
            _scratch: scratch,
        }
    }

    /// The screen as text, one line per row.
    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until `text` is on screen; fails the test with the screen after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            if self.contents().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "waited {timeout:?} for {text:?}; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_gone(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.contents().contains(text) {
            if Instant::now() > deadline {
                panic!(
                    "waited {timeout:?} for {text:?} to go; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types bytes as a user would.
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("type into the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Waits for the process to end and returns its exit code. Once it has ended, also waits
    /// (within the same `timeout`) until everything it wrote has reached the screen, so that
    /// what is checked afterwards is the terminal as the program left it.
    pub fn wait_exit(&mut self, timeout: Duration) -> u32 {
        let deadline = Instant::now() + timeout;
        let code = loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                break status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "convene did not exit within {timeout:?}; the screen shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        };
        while !self.drained.load(Ordering::SeqCst) {
            if Instant::now() > deadline {
                panic!(
                    "convene exited but its output did not end within {timeout:?}; the screen \
                     shows:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
        code
    }

    /// Kills the process at once, as a crash or a closed laptop lid would (SIGKILL: no chance
    /// to clean up).
    pub fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("a process id");
        let status = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        let _ = self.child.wait();
    }

    /// Makes the terminal this size, as dragging the window's corner does: the program is told
    /// (SIGWINCH) and the screen read from then on has the new size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pseudo-terminal");
    }

    /// Puts bytes on the screen as if another program had written to the same terminal (a
    /// `wall` message, a background job): the program does not know.
    pub fn write_over(&self, bytes: &str) {
        self.screen.lock().unwrap().process(bytes.as_bytes());
    }

    /// Sends the process a signal by name (`TERM`, `HUP`, `INT`), as `kill -s NAME` does.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a process id");
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {name} {pid}");
    }

    /// The terminal's local mode flags by name (`ICANON`, `ECHO`, …), as the kernel has them
    /// for this pseudo-terminal now.
    pub fn local_flags(&self) -> Vec<&'static str> {
        let termios = self
            .master
            .get_termios()
            .expect("read the pseudo-terminal's termios");
        termios
            .local_flags
            .iter_names()
            .map(|(name, _)| name)
            .collect()
    }

    /// Whether the terminal is in cooked mode: lines are edited by the terminal (ICANON) and
    /// typing is echoed (ECHO), as a shell expects. Raw mode clears both.
    pub fn termios_restored(&self) -> bool {
        let flags = self.local_flags();
        flags.contains(&"ICANON") && flags.contains(&"ECHO")
    }

    /// Whether the terminal is in raw mode: neither line editing nor echo.
    pub fn raw_mode(&self) -> bool {
        let flags = self.local_flags();
        !flags.contains(&"ICANON") && !flags.contains(&"ECHO")
    }

    /// What was not given back of the terminal: raw mode still on, the alternate screen still
    /// shown, the cursor hidden, bracketed paste still on. Empty when all was restored.
    pub fn restoration_problems(&self) -> Vec<&'static str> {
        let mut problems = Vec::new();
        if !self.termios_restored() {
            problems.push("raw mode is still on (ICANON or ECHO cleared)");
        }
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        if screen.alternate_screen() {
            problems.push("the alternate screen is still shown");
        }
        if screen.hide_cursor() {
            problems.push("the cursor is still hidden");
        }
        if screen.bracketed_paste() {
            problems.push("bracketed paste is still on");
        }
        problems
    }

    /// Fails the test, with the screen, unless the terminal was given back in full.
    pub fn assert_terminal_restored(&self) {
        let problems = self.restoration_problems();
        assert!(
            problems.is_empty(),
            "the terminal was not restored: {}; the screen shows:\n{}",
            problems.join(", "),
            self.contents()
        );
    }

    /// Whether the program ever switched the terminal to its alternate screen.
    pub fn took_the_terminal(&self) -> bool {
        let output = self.output.lock().unwrap();
        output
            .windows(ENTER_ALTERNATE_SCREEN.len())
            .any(|w| w == ENTER_ALTERNATE_SCREEN.as_bytes())
    }

    /// Everything the program wrote to the terminal, as text (escape sequences included).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// The data folder this console was given (`XDG_DATA_HOME`): where journals go by default.
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// Every file under the data folder, as paths relative to it, sorted. Empty when the
    /// folder does not exist.
    pub fn data_files(&self) -> Vec<PathBuf> {
        files_under(&self.data)
    }
}

/// Every file under `dir`, at any depth, as paths relative to `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

impl Drop for Console {
    /// Ends the process if it still runs and waits for it, so that it writes nothing more into
    /// the data folder; the folder itself is removed after this, when `_scratch` is dropped.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
