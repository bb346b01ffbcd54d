"""Cold start of `oci-genai-tui --demo` to the first model row on screen (median of N runs), printed
beside the wall time of `oci generative-ai model-collection list-models --all` against the same
local service.

Run: .venv/bin/python tests/bench/cold_start.py [N]
Each run starts a fresh process on a pseudo-terminal (120x40) with OCI_GENAI_TUI_BENCH_FIRST_ROW set:
the console writes the wall time at which the first rows were painted, then exits.
"""

from __future__ import annotations

import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench._service import Service  # noqa: E402


def console_command() -> list[str]:
    script = ROOT / ".venv" / "bin" / "oci-genai-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def one_run() -> float:
    marker = Path(tempfile.mktemp(prefix="first-row-"))
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, OCI_GENAI_TUI_BENCH_FIRST_ROW=str(marker), TERM="xterm-256color")
    env.pop("TEXTUAL_THEME", None)

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    threading.Thread(target=drain, daemon=True).start()
    started = time.time()
    proc = subprocess.Popen(console_command() + ["--demo", "--log-file", os.devnull], cwd=ROOT, env=env,
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    try:
        proc.wait(30)
    finally:
        os.close(slave)
        os.close(master)
    if not marker.exists():
        raise RuntimeError("the console did not report a first row")
    first_row = float(marker.read_text())
    marker.unlink()
    return first_row - started


def cli_list_models(runs: int) -> float | None:
    cli = ROOT / ".venv-cli" / "bin" / "oci"
    if not cli.exists():
        return None
    service = Service("demo")
    try:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(
                [str(cli), "--config-file", str(service.config_file), "--endpoint", f"{service.url}/us-chicago-1",
                 "generative-ai", "model-collection", "list-models", "--all",
                 "--compartment-id", service.tenancy_id],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env=dict(os.environ, OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING="True"),
            )
            times.append(time.perf_counter() - t)
        return statistics.median(times)
    finally:
        service.stop()


def main(runs: int) -> None:
    one_run()  # warm the OS page cache once (a "cold" start means a new process, not a cold disk)
    times = [one_run() for _ in range(runs)]
    print(f"cold start: oci-genai-tui --demo to first model row: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs)")
    cli = cli_list_models(max(3, runs // 2))
    if cli is not None:
        print(f"for comparison: oci generative-ai model-collection list-models --all (same local service): "
              f"median {cli:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
