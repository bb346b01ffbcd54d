"""Start-up: the console's start to its first painted model row, beside the OCI CLI's bare list.

Run: .venv/bin/python tests/bench/cold_start.py [--runs 9] [--no-demo] [--only-demo]

One local service (seed demo) runs for the whole script. Alternating, `--runs` times each:
- the console (`oci-genai-tui --config-file ... --endpoint-template ... --compartment <tenancy>`)
  on a 120x40 pseudo-terminal, timed from spawn to the first output byte that paints a model row
  (the row text "ACTIVE" reaching the terminal: measured outside the console, no hook inside it);
- `oci generative-ai model-collection list-models --all --compartment-id <tenancy>` (.venv-cli),
  timed from spawn to exit, on the same service.
Then the same with `oci-genai-tui --demo` (which also starts its own service) against the CLI.
Prints the medians and the ratio console / CLI. Goals (issue 12): <= 0.9 without --demo, <= 1.0 with.
HOME and XDG folders point into a fresh temporary directory; TERM=xterm-256color.

Also the CPU seconds each spent (user + system, all threads): the console's read from /proc when its
first row arrives (with the start-up child that listed that row, reaped by then: tui/prefetch.py),
the CLI's from its exit status (wait4). On a machine shared with other work the wall times swing by
2x from run to run; the CPU figures move far less and say where the work went (the demo's service
runs in its own process until the console quits and is not counted).
Bytecode: PYTHONDONTWRITEBYTECODE is dropped from the children's environment, so the warm-up runs
write the .pyc caches (a first start that compiles every module is not what operators see).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from ptyprocess import PtyProcess

from tests.bench._console_env import console_argv
from tests.bench._console_env import scrubbed_env as _scrubbed_env
from tests.bench._service import Service

ROOT = Path(__file__).resolve().parents[2]

MARK = b"ACTIVE"  # every seeded model row shows a state; the header and status line never say ACTIVE


def scrubbed_env(home: Path) -> dict[str, str]:
    env = _scrubbed_env(home, OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING="True", SUPPRESS_LABEL_WARNING="True")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process (all its threads) so far, plus that of the children it
    has waited for (the start-up child that lists the first view, tui/prefetch.py), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def console_run(args: list[str], env: dict[str, str], timeout: float = 60.0) -> tuple[float, float]:
    """(seconds from spawn to the first model row on the terminal, CPU seconds by then); then quit."""
    found = threading.Event()
    started = time.perf_counter()
    proc = PtyProcess.spawn(console_argv() + args, env=env, cwd=str(ROOT), dimensions=(40, 120))
    seen = [0.0, 0.0]

    def read() -> None:
        tail = b""
        while True:
            try:
                chunk = proc.read(65536)
            except EOFError:
                return
            if not found.is_set() and MARK in tail + chunk:
                seen[0] = time.perf_counter()
                try:
                    seen[1] = cpu_seconds(proc.pid)
                except OSError:
                    seen[1] = float("nan")
                found.set()
            tail = chunk[-len(MARK):]

    threading.Thread(target=read, daemon=True).start()
    try:
        if not found.wait(timeout):
            raise RuntimeError("the console painted no model row in time")
        return seen[0] - started, seen[1]
    finally:
        try:
            proc.write(b"\x11")  # ctrl+q: a clean exit (the demo service stops with the console)
            deadline = time.monotonic() + 5
            while proc.isalive() and time.monotonic() < deadline:
                time.sleep(0.02)
        finally:
            if proc.isalive():
                proc.terminate(force=True)


def cli_run(service: Service, env: dict[str, str]) -> tuple[float, float]:
    """(seconds from spawn to exit, CPU seconds) of the OCI CLI's bare list."""
    cli = ROOT / ".venv-cli" / "bin" / "oci"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(cli), "--config-file", str(service.config_file), "--endpoint", f"{service.url}/us-chicago-1",
         "generative-ai", "model-collection", "list-models", "--all", "--compartment-id", service.tenancy_id],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"the OCI CLI failed ({proc.returncode})")
    return elapsed, usage.ru_utime + usage.ru_stime


def compare(label: str, runs: int, console_runs: list[tuple[float, float]], cli_runs: list[tuple[float, float]]) -> None:
    console, cli = [w for w, _ in console_runs], [w for w, _ in cli_runs]
    c, o = statistics.median(console), statistics.median(cli)
    print(f"{label}: console start -> first model row median {c:.3f} s (min {min(console):.3f}, max {max(console):.3f});"
          f" OCI CLI list-models --all median {o:.3f} s (min {min(cli):.3f}, max {max(cli):.3f});"
          f" console / CLI = {c / o:.2f}  [{runs} alternating runs each]")
    cc, oc = statistics.median(u for _, u in console_runs), statistics.median(u for _, u in cli_runs)
    print(f"{label}: CPU seconds, median: console to first row {cc:.3f}, OCI CLI {oc:.3f}; console / CLI = {cc / oc:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-demo", action="store_true", help="skip the --demo comparison")
    parser.add_argument("--only-demo", action="store_true", help="only the --demo comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cold-start-") as tmp:
        env = scrubbed_env(Path(tmp))
        service = Service("demo")
        try:
            direct = ["--config-file", str(service.config_file), "--endpoint-template", service.endpoint_template,
                      "--compartment", service.tenancy_id, "--log-file", os.devnull]
            # warm the page cache and write the bytecode caches: "cold" means a new process, not a cold disk
            console_run(direct, env)
            console_run(["--demo", "--log-file", os.devnull], env)
            cli_run(service, env)
            if not args.only_demo:
                console, cli = [], []
                for _ in range(args.runs):
                    console.append(console_run(direct, env))
                    cli.append(cli_run(service, env))
                compare("same running service", args.runs, console, cli)
            if not args.no_demo:
                console, cli = [], []
                for _ in range(args.runs):
                    console.append(console_run(["--demo", "--log-file", os.devnull], env))
                    cli.append(cli_run(service, env))
                compare("--demo (starts its own service) vs CLI on the running one", args.runs, console, cli)
        finally:
            service.stop()


if __name__ == "__main__":
    main()
