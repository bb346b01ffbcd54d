"""Bytes per second the console writes to its terminal while idle, with auto-refresh on.

Run: .venv/bin/python tests/bench/idle_bytes.py [SECONDS] [REFRESH]
The console runs as a real process on a pty (tests/terminal/harness.Console) against the local
service in its own process (demo seed); after the first rows settle, nothing is typed for SECONDS
(default 30) while the list refreshes itself every REFRESH seconds (default 2). Over SSH every byte
counts: with nothing changing, a refresh must repaint nothing but the "updated … ago" line.
For comparison the same window is measured with auto-refresh off.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


from tests.bench._service import Service
from tests.terminal.harness import Console


def measure(service: Service, refresh: str, seconds: float) -> tuple[float, int]:
    home = Path(tempfile.mkdtemp(prefix="bench-idle-"))
    console = Console(["--config-file", str(service.config_file), "--endpoint-template", service.endpoint_template,
                       "--compartment", "genai-prod/genai-prod-models", "--refresh", refresh,
                       "--log-file", str(home / "console.log")], home=home, size=(120, 40))
    try:
        console.wait_for("support-bot-v1", timeout=60)
        console.wait_quiet(1.0, timeout=30)
        mark = console.mark()
        started = time.monotonic()
        time.sleep(seconds)
        written = console.written_since(mark)
        elapsed = time.monotonic() - started
        return len(written) / elapsed, written.count(b"\x1b[")
    finally:
        console.close()


def main(seconds: float, refresh: str) -> None:
    service = Service("demo")
    try:
        on, on_sequences = measure(service, refresh, seconds)
        off, off_sequences = measure(service, "0", seconds)
    finally:
        service.stop()
    print(f"idle_bytes: refresh every {refresh} s: {on:.1f} bytes/s ({on_sequences} CSI sequences in {seconds:g} s)")
    print(f"idle_bytes: refresh off:           {off:.1f} bytes/s ({off_sequences} CSI sequences in {seconds:g} s)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 30.0, sys.argv[2] if len(sys.argv) > 2 else "2")
