#!/usr/bin/env python3
"""Timing probes for scripts/idle-budget.

  idle-probe.py start BIN [ARGS...]
      Runs BIN on a fresh 120x40 pseudo-terminal and prints, in milliseconds, the wall time from
      just before exec to the end of the first full frame: the console hides the cursor once on
      entering the terminal and once more when its first frame is written, so the second
      hide-cursor sequence marks the frame as on screen.

  idle-probe.py key SESSION KEY KEY_BACK
      Sends KEY to a tmux pane and prints the milliseconds until `tmux capture-pane` shows a
      changed screen, then sends KEY_BACK and waits for the screen to change again (so the next
      probe starts from the same screen). The harness is the same for any program, so the figure
      for `cat` is the floor the console is compared against.
"""

import os
import pty
import select
import struct
import subprocess
import sys
import time
import fcntl
import termios

HIDE = b"\x1b[?25l"


def start(argv):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    t0 = time.monotonic()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = None
    deadline = t0 + 10
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if seen.count(HIDE) >= 2:
            elapsed = time.monotonic() - t0
            break
    # Quit: Ctrl-C ends the console however it is set up.
    try:
        os.write(fd, b"\x03")
    except OSError:
        pass
    end = time.monotonic() + 2
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, 9)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    if elapsed is None:
        print("nan")
        return 1
    print(f"{elapsed * 1000:.2f}")
    return 0


def tmux(*args):
    """tmux on the server named by IDLE_TMUX_SOCKET, when set (idle-budget runs its own)."""
    socket = os.environ.get("IDLE_TMUX_SOCKET")
    return ["tmux"] + (["-L", socket] if socket else []) + list(args)


def capture(session):
    return subprocess.run(tmux("capture-pane", "-p", "-t", session), capture_output=True).stdout


def wait_change(session, before, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        now = capture(session)
        if now != before:
            return now
    return None


def key(session, k, back):
    before = capture(session)
    t0 = time.monotonic()
    subprocess.run(tmux("send-keys", "-t", session, k))
    after = wait_change(session, before)
    elapsed = time.monotonic() - t0
    if after is None:
        print("nan")
        return 1
    subprocess.run(tmux("send-keys", "-t", session, back))
    wait_change(session, after)
    time.sleep(0.05)
    print(f"{elapsed * 1000:.2f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "start":
        sys.exit(start(sys.argv[2:]))
    if len(sys.argv) == 5 and sys.argv[1] == "key":
        sys.exit(key(*sys.argv[2:]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
