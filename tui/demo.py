"""`--demo`: the console on a local Generative AI service with realistic data and no OCI account.

The local service runs as a child process (`python -m tui.emulator --ready-json --exit-with-stdin`):
it writes a throwaway RSA key and OCI config into a temporary folder, seeds its data, and serves on a
free loopback port with a compressed clock (a two-minute fine-tune finishes in a few seconds). The
console connects through an endpoint template exactly as it would to OCI.

Why a process, not a thread: its start-up (imports, key generation, seeding) and every reply it
serialises then run on the second core instead of fighting the console for the GIL; that took
cold start from ~1.05 s to ~0.8 s on a 2-core machine. The child reads its stdin until EOF, so it
stops with the console even if the console is killed.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from tui.settings import Settings

log = logging.getLogger(__name__)

DEMO_PACE = 20.0  # emulated seconds per real second
START_TIMEOUT = 30.0


class Demo:
    def __init__(self, seed: str = "demo", pace: float = DEMO_PACE) -> None:
        self.seed = seed
        self.pace = pace
        self.info: dict[str, Any] | None = None
        self.directory: Path | None = None
        self.error: str | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._ready = threading.Event()

    def start_in_background(self) -> "Demo":
        self.directory = Path(tempfile.mkdtemp(prefix="oci-genai-tui-demo-"))
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
        while self.process.stdout.read(4096):  # keep the pipe drained for the service's lifetime
            pass

    def prepare(self, settings: Settings) -> None:
        """Point `settings` at the demo service (called in the console's connect worker)."""
        self._ready.wait(START_TIMEOUT)
        if self.info is None:
            from tui.cloud.errors import CloudError

            raise CloudError(f"the demo service did not start: {self.error or 'timed out'}", code="DemoFailed",
                             hint="Run `python -m tui.emulator --port 0` to see why; details are in the log file.")
        settings.config_file = self.info["config_file"]
        settings.endpoint_template = self.info["endpoint_template"]
        settings.profile = self.info["profile"]
        settings.region = settings.region or self.info["region"]
        if not settings.compartment_id:
            extras = self.info.get("extras", {})
            settings.compartment_id = (extras.get("models_compartment_id") or extras.get("scale_compartment_id")
                                       or extras.get("hostile_compartment_id"))

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
