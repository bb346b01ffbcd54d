"""`--demo`: the console on a local Generative AI service with realistic data and no OCI account.

The local service runs as a child process (`python -m tui.emulator --ready-json --exit-with-stdin`):
it writes a throwaway RSA key and OCI config into a temporary folder, seeds its data, and serves on a
free loopback port with a compressed clock (a two-minute fine-tune finishes in a few seconds). The
console connects through an endpoint template exactly as it would to OCI.

Why a process, not a thread: its start-up (imports, key generation, seeding) and every reply it
serialises then run on the second core instead of fighting the console for the GIL; that took
cold start from ~1.05 s to ~0.8 s on a 2-core machine. The child reads its stdin until EOF, so it
stops with the console even if the console is killed.

A killed console cannot remove its temporary folder (key, config, log), so each folder names its
owner (an `owner` file: the console's pid and process start time) and every start removes the
folders of this user whose owner process is gone.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

from tui.settings import Settings

log = logging.getLogger(__name__)

DEMO_PACE = 20.0  # emulated seconds per real second
START_TIMEOUT = 30.0
FOLDER_PREFIX = "oci-genai-tui-demo-"
OWNER_FILE = "owner"
ORPHAN_AGE = 600.0  # a folder with no owner file yet is left alone this long (a start under way)


def _process_start(pid: int) -> str | None:
    """The process's start time in clock ticks (/proc/PID/stat field 22), None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def _owner_alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but is not ours to signal
        return True
    now = _process_start(pid)
    return started is None or now is None or now == started  # a different start time: the pid was reused


def remove_stale_folders(directory: str | Path | None = None) -> list[Path]:
    """Remove this user's demo folders in ``directory`` (the temp dir) whose console is gone."""
    root = Path(directory or tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.name.startswith(FOLDER_PREFIX) or not entry.is_dir(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
            if uid is not None and info.st_uid != uid:
                continue
            try:
                pid_text, _, started = (Path(entry.path) / OWNER_FILE).read_text().strip().partition(" ")
                if _owner_alive(int(pid_text), started or None):
                    continue
            except (OSError, ValueError):  # no (readable) owner: only once it is clearly not a start under way
                if time.time() - info.st_mtime < ORPHAN_AGE:
                    continue
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def pointed(settings: Settings, info: dict[str, Any]) -> dict[str, Any]:
    """The settings that point the console at the demo service whose ready line is `info`."""
    changes: dict[str, Any] = {"config_file": info["config_file"], "endpoint_template": info["endpoint_template"],
                               "profile": info["profile"], "region": settings.region or info["region"]}
    if not settings.compartment_id:
        extras = info.get("extras", {})
        changes["compartment_id"] = (extras.get("models_compartment_id") or extras.get("scale_compartment_id")
                                     or extras.get("hostile_compartment_id"))
    return changes


class Demo:
    def __init__(self, seed: str = "demo", pace: float = DEMO_PACE) -> None:
        self.seed = seed
        self.pace = pace
        self.info: dict[str, Any] | None = None
        self.directory: Path | None = None
        self.error: str | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._ready = threading.Event()
        self._on_ready: Callable[[dict[str, Any] | None], None] | None = None

    def start_in_background(self, on_ready: Callable[[dict[str, Any] | None], None] | None = None) -> "Demo":
        """Start the service; `on_ready(info)` runs once it has said where it listens (`info`: its ready
        line; None when it failed to start), on the thread that read it."""
        self._on_ready = on_ready
        for stale in remove_stale_folders():
            log.info("removed %s, left by a demo run that was killed", stale)
        self.directory = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        pid = os.getpid()
        (self.directory / OWNER_FILE).write_text(f"{pid} {_process_start(pid) or ''}".strip())
        self.stderr_path = self.directory / "service.log"
        try:
            with open(self.stderr_path, "wb") as stderr:  # a file: an undrained pipe would block the child
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "tui.emulator", "--port", "0", "--write-config", str(self.directory),
                     "--seed", self.seed, "--pace", str(self.pace), "--ready-json", "--exit-with-stdin"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                )
        except OSError as exc:
            self.error = str(exc)
            self._ready.set()
            self._tell(None)
            return self
        threading.Thread(target=self._read_ready_line, name="demo-service", daemon=True).start()
        return self

    def _read_ready_line(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        try:
            line = self.process.stdout.readline()
            if line:
                self.info = json.loads(line)
                log.info("demo service on %s (seed %s)", self.info["url"], self.seed)
            else:
                self.process.wait(timeout=5)
                stderr = self.stderr_path.read_text(errors="replace").strip()
                self.error = stderr.splitlines()[-1] if stderr else "it exited without a word"
                log.error("demo service failed to start:\n%s", stderr)
        except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
            self.error = str(exc)
        finally:
            self._ready.set()
            self._tell(self.info)
        while self.process.stdout.read(4096):  # keep the pipe drained for the service's lifetime
            pass

    def _tell(self, info: dict[str, Any] | None) -> None:
        on_ready, self._on_ready = self._on_ready, None
        if on_ready is not None:
            try:
                on_ready(info)
            except Exception:  # noqa: BLE001 - whoever listens must not stop the service's pipe being drained
                log.exception("demo: on_ready failed")

    def prepare(self, settings: Settings) -> None:
        """Point `settings` at the demo service (called in the console's connect worker)."""
        self._ready.wait(START_TIMEOUT)
        if self.info is None:
            from tui.cloud.errors import CloudError

            raise CloudError(f"the demo service did not start: {self.error or 'timed out'}", code="DemoFailed",
                             hint="Run `python -m tui.emulator --port 0` to see why; details are in the log file.")
        for name, value in pointed(settings, self.info).items():
            setattr(settings, name, value)

    def compartment_for(self, settings: Settings) -> str | None:
        return settings.compartment_id

    def stop(self) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            try:
                if process.stdin is not None:
                    process.stdin.close()  # the service's cue to stop
                process.wait(timeout=3)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait(timeout=3)
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
