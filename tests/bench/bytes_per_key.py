"""Bytes the console writes to its terminal per keystroke: what a cursor move costs over SSH.

Run: .venv/bin/python tests/bench/bytes_per_key.py [--sessions 3] [--idle 20] [--quiet 0.3] [--full-sgr]

Starts `oci-genai-tui --demo` on a pseudo-terminal at 120x40 (TERM=xterm-256color,
COLORTERM=truecolor, HOME and XDG folders in a fresh temporary directory), waits until the first
model row is painted and the output has gone quiet, then for each action writes its key, waits
until no output arrived for `--quiet` seconds, and counts the bytes written for it. Several sessions
and several presses per session; the medians are printed.

Goals (issue 12): a cursor move <= 1.5 KB with the detail pane closed and <= 6 KB with it open,
the first screen <= 60 KB, a `/` filter keystroke and an idle refresh cost only what changed.
"r" reloads the list from the service (nothing changed); "idle bytes/s" is what the console writes
untouched, auto-refresh on (the demo's every 15 s: the default 20 s window holds at least one round)
plus the transitional poll. `--full-sgr` measures with OCI_GENAI_TUI_FULL_SGR=1 (Textual's output as
it writes it, without tui/ui/sgr.py), for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import pyte
from ptyprocess import PtyProcess

from tests.bench._console_env import console_argv, scrubbed_env

ROOT = Path(__file__).resolve().parents[2]

COLS, LINES = 120, 40
DOWN, UP, PAGE_DOWN, ENTER, ESC = "\x1b[B", "\x1b[A", "\x1b[6~", "\r", "\x1b"


class Terminal:
    """The console on a pty; a reader thread counts and keeps everything it writes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.proc = PtyProcess.spawn(argv, env=env, cwd=str(ROOT), dimensions=(LINES, COLS))
        self.lock = threading.Lock()
        self.data = bytearray()
        self.last_output = time.monotonic()
        self.screen = pyte.Screen(COLS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = self.proc.read(65536)
            except EOFError:
                return
            with self.lock:
                self.data += chunk
                self.last_output = time.monotonic()
                self.stream.feed(chunk)

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.data)

    def text(self) -> str:
        with self.lock:
            return "\n".join(self.screen.display)

    def wait_quiet(self, quiet: float, timeout: float = 10.0) -> None:
        """Until nothing was written for `quiet` seconds (at least `quiet` after the call)."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            time.sleep(0.02)
            with self.lock:
                last = self.last_output
            now = time.monotonic()
            if now - max(last, start) >= quiet:
                return

    def wait_for(self, predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.text()):
                return
            time.sleep(0.02)
        raise RuntimeError("timed out; screen:\n" + self.text())

    def press(self, key: str, quiet: float, start: float = 2.0) -> int:
        """Write `key`; wait up to `start` seconds for its first byte (the machine may be busy), then
        until `quiet` seconds pass without output; the bytes written meanwhile."""
        before = self.count
        self.proc.write(key.encode())
        deadline = time.monotonic() + start
        while self.count == before and time.monotonic() < deadline:
            time.sleep(0.01)
        self.wait_quiet(quiet)
        return self.count - before

    def close(self) -> None:
        try:
            self.proc.write(b"\x11")  # ctrl+q
            deadline = time.monotonic() + 5
            while self.proc.isalive() and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            if self.proc.isalive():
                self.proc.terminate(force=True)


def first_row_painted(text: str) -> bool:
    # the demo opens on the models compartment; its custom models carry these names
    lines = text.splitlines()
    return any("ACTIVE" in line or "FAILED" in line or "CREATING" in line for line in lines[3:])


def session(idle: float, quiet: float, presses: int, full_sgr: bool = False) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}

    def add(name: str, value: int) -> None:
        out.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory(prefix="bytes-per-key-") as tmp:
        env = scrubbed_env(Path(tmp), COLORTERM="truecolor")
        if full_sgr:
            env["OCI_GENAI_TUI_FULL_SGR"] = "1"
        term = Terminal(console_argv() + ["--demo"], env)
        try:
            term.wait_for(first_row_painted)
            term.wait_quiet(max(quiet, 1.0))
            add("first screen", term.count)
            for _ in range(presses):
                add("down (detail closed)", term.press(DOWN, quiet))
            for _ in range(presses):
                add("up (detail closed)", term.press(UP, quiet))
            add("page down", term.press(PAGE_DOWN, quiet))
            term.press("g", quiet)  # back to the top (home)
            add("enter (open detail)", term.press(ENTER, max(quiet, 0.8)))
            for _ in range(presses):
                add("down (detail open)", term.press(DOWN, max(quiet, 0.8)))
            for _ in range(presses):
                add("up (detail open)", term.press(UP, max(quiet, 0.8)))
            add("enter (close detail)", term.press(ENTER, quiet))
            add("/ (open filter prompt)", term.press("/", quiet))
            for ch in "ft":
                add("filter keystroke", term.press(ch, quiet))
            add("backspace in filter", term.press("\x7f", quiet))
            add("esc (clear filter)", term.press(ESC, quiet))
            term.wait_quiet(1.0)
            for _ in range(2):
                add("r (reload, nothing changed)", term.press("r", max(quiet, 0.8)))
            term.wait_quiet(1.0)
            before = term.count
            time.sleep(idle)
            add(f"idle bytes/s ({idle:.0f} s, refresh 15 s)", round((term.count - before) / idle))
        finally:
            term.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--presses", type=int, default=5, help="presses of each cursor key per session")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle measured at the end")
    parser.add_argument("--full-sgr", action="store_true", help="without the SGR delta filter (tui/ui/sgr.py)")
    parser.add_argument("--quiet", type=float, default=0.3, help="no output for this long = the key is done")
    args = parser.parse_args()
    results: dict[str, list[int]] = {}
    for _ in range(args.sessions):
        for name, values in session(args.idle, args.quiet, args.presses, args.full_sgr).items():
            results.setdefault(name, []).extend(values)
    print(f"bytes per keystroke, oci-genai-tui --demo at {COLS}x{LINES}, TERM=xterm-256color COLORTERM=truecolor, "
          f"{args.sessions} sessions{', full SGR' if args.full_sgr else ''} (median, min-max over all presses):")
    for name, values in results.items():
        med = statistics.median(values)
        print(f"  {name:<28} {med:>9,.0f}   ({min(values):,}-{max(values):,}, n={len(values)})")


if __name__ == "__main__":
    main()
