"""The console as an operator's terminal sees it: a real process on a pseudo-terminal.

Pilot presses one key and waits for the app to go idle; a terminal (a paste, fast typing, an SSH
link) hands the console a whole burst of bytes in one read. Bugs that depend on that timing, on
focus, or on the raw bytes the console writes (escape sequences, bandwidth) only show here.

`Console` starts `python -m tui ...` on a pty of a fixed size, reads everything it writes on a
background thread into `raw` (the exact byte stream) and into a `pyte` VT emulator (what the screen
shows). Keys are written with `type_burst`, always in a single `os.write`.

`cpu_pressure()` runs a bounded busy loop at low priority on every core, so the console's event
loop is slow the way it is on a loaded bastion.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyte
from wcwidth import wcwidth
from ptyprocess import PtyProcess

#: keys as a terminal sends them (xterm, no kitty protocol)
KEYS = {
    "enter": "\r", "tab": "\t", "escape": "\x1b", "backspace": "\x7f", "down": "\x1b[B", "up": "\x1b[A",
    "right": "\x1b[C", "left": "\x1b[D", "pagedown": "\x1b[6~", "pageup": "\x1b[5~", "ctrl+q": "\x11",
    "ctrl+d": "\x04", "ctrl+s": "\x13", "ctrl+n": "\x0e", "ctrl+r": "\x12", "ctrl+t": "\x14",
}

ESCAPE_SEQUENCES = {
    "OSC": re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"),
    "DCS": re.compile(rb"\x1bP"),
    "APC": re.compile(rb"\x1b_"),
}


def console_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A scrubbed environment: nothing from the developer's ~/.oci, terminal or theme leaks in."""
    keep = ("PATH", "SYSTEMROOT", "PYTHONPATH", "VIRTUAL_ENV")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update({
        "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"), "TERM": "xterm-256color", "COLORTERM": "truecolor",
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
        "OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING": "True", "SUPPRESS_LABEL_WARNING": "True",
        # The kitty keyboard protocol is negotiated per terminal; pyte speaks plain xterm.
        "TEXTUAL_DISABLE_KITTY_KEY": "1",
    })
    env.update(extra or {})
    return env


class Console:
    """One running console on a pseudo-terminal, rendered by a VT emulator."""

    def __init__(self, args: Sequence[str], *, home: Path, size: tuple[int, int] = (120, 40),
                 env: dict[str, str] | None = None) -> None:
        self.columns, self.lines = size
        self.args = list(args)
        self.raw = bytearray()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._screen = pyte.Screen(self.columns, self.lines)
        self._stream = pyte.ByteStream(self._screen)
        self._last_output = time.monotonic()
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        self.process = PtyProcess.spawn([sys.executable, "-m", "tui", *self.args], env=console_env(home, env),
                                        dimensions=(self.lines, self.columns), cwd=str(home))
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    # ------------------------------------------------------------------ output
    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.process.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self._changed:
                self.raw.extend(chunk)
                self._last_output = time.monotonic()
                try:
                    self._stream.feed(chunk)
                except Exception:  # pyte is lenient; never let a rendering quirk kill the reader
                    pass
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def screen_lines(self) -> list[str]:
        """What the screen shows, a string per line (pyte's `display` trips on an empty cell left behind
        by a wide character cut at the right edge; this reads the cells itself and skips wide stubs)."""
        with self._lock:
            screen = self._screen
            lines = []
            for y in range(screen.lines):
                row, out, x = screen.buffer[y], [], 0
                while x < screen.columns:
                    data = row[x].data
                    out.append(data or " ")
                    x += 2 if data and wcwidth(data[0]) == 2 else 1
                lines.append("".join(out).rstrip())
            return lines

    def screen_text(self) -> str:
        return "\n".join(self.screen_lines())

    def header(self) -> str:
        """The context line (profile, region, compartment) at the top of the screen."""
        return self.screen_lines()[0]

    def mark(self) -> int:
        """A position in the raw output, for `written_since`."""
        with self._lock:
            return len(self.raw)

    def written_since(self, mark: int) -> bytes:
        with self._lock:
            return bytes(self.raw[mark:])

    # ------------------------------------------------------------------ input
    def type_burst(self, text: str | bytes) -> None:
        """Write `text` to the console's terminal in ONE write, as a paste or an SSH link delivers it."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        written = os.write(self.process.fd, data)
        assert written == len(data), f"short write to the pty: {written} of {len(data)}"

    def press(self, *keys: str) -> None:
        """Named keys (see KEYS), all in one burst."""
        self.type_burst("".join(KEYS.get(k, k) for k in keys))

    # ------------------------------------------------------------------ waiting
    def wait_until(self, predicate: Callable[[], bool], timeout: float = 15.0, what: str = "condition") -> None:
        deadline = time.monotonic() + timeout
        while True:
            if predicate():
                return
            if not self.process.isalive():
                self.fail(f"the console exited (status {self.exitstatus()}) while waiting for {what}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.fail(f"timed out after {timeout:.0f} s waiting for {what}")
            with self._changed:
                self._changed.wait(min(0.05, remaining))

    def wait_for(self, text: str, timeout: float = 15.0) -> None:
        """Wait until `text` is on the rendered screen; fail with the screen printed."""
        self.wait_until(lambda: text in self.screen_text(), timeout, f"{text!r} on screen")

    def wait_gone(self, text: str, timeout: float = 15.0) -> None:
        self.wait_until(lambda: text not in self.screen_text(), timeout, f"{text!r} to leave the screen")

    def wait_quiet(self, quiet: float = 0.4, timeout: float = 15.0) -> None:
        """Wait until the console has written nothing for `quiet` seconds."""
        self.wait_until(lambda: time.monotonic() - self._last_output >= quiet, timeout,
                        f"{quiet} s without output")

    def fail(self, message: str) -> None:
        raise AssertionError(f"{message}\n--- screen ({self.columns}x{self.lines}) ---\n{self.screen_text()}\n---")

    # ------------------------------------------------------------------ end
    def exitstatus(self) -> int | None:
        if self.process.isalive():
            return None
        return self.process.exitstatus

    def close(self) -> None:
        if self.process.isalive():
            with contextlib.suppress(OSError):
                self.type_burst(KEYS["ctrl+q"])
            deadline = time.monotonic() + 3
            while self.process.isalive() and time.monotonic() < deadline:
                time.sleep(0.05)
        if self.process.isalive():
            self.process.kill(signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.process.close(force=True)
        self._reader.join(timeout=2)


def escape_counts(raw: bytes) -> dict[str, int]:
    """How many OSC / DCS / APC sequences (and OSC 52, OSC 0) a byte stream holds."""
    counts = {name: len(pattern.findall(raw)) for name, pattern in ESCAPE_SEQUENCES.items()}
    counts["OSC 52"] = len(re.findall(rb"\x1b\]52;", raw))
    counts["OSC 0"] = len(re.findall(rb"\x1b\]0;", raw))
    return counts


@contextlib.contextmanager
def cpu_pressure(seconds: float = 120.0, nice: int = 10) -> Iterator[None]:
    """A bounded busy loop at low priority on every core, for as long as the block runs.

    Each loop stops by itself after `seconds` even if the test dies without cleaning up."""
    code = (f"import os, time\nos.nice({nice})\nend = time.monotonic() + {seconds}\n"
            "while time.monotonic() < end:\n    pass\n")
    burners = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(os.cpu_count() or 1)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
        for burner in burners:
            burner.wait()
