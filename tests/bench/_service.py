"""Start the local service as a separate process (so its memory is not counted as the console's)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Service:
    def __init__(self, seed: str, pace: float = 1.0) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="bench-"))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.emulator", "--port", "0", "--write-config", str(self.directory),
             "--seed", seed, "--pace", str(pace)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=open(self.directory / "service.log", "w"), text=True,  # noqa: SIM115
        )
        self.endpoint_template = self.proc.stdout.readline().strip()
        if "{region}" not in self.endpoint_template:  # it stopped before serving: say why, not "endpoint template ''"
            self.proc.wait(10)
            log = (self.directory / "service.log").read_text()[-2000:]
            raise RuntimeError(f"the local service (seed {seed}) did not start:\n{log}")
        self.url = self.endpoint_template.replace("/{region}", "")
        self.config_file = self.directory / "config"
        import configparser

        parser = configparser.ConfigParser()
        parser.read(self.config_file)
        self.tenancy_id = parser["DEFAULT"]["tenancy"]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(5)
