"""`--demo`: the console on a local Generative AI service with realistic data and no OCI account.

A throwaway RSA key and OCI config go into a temporary folder, the emulator starts in-process on a
loopback port with a compressed clock (a two-minute fine-tune finishes in a few seconds), and the
console connects to it through an endpoint template exactly as it would to OCI. The service starts
on a background thread while Textual imports and paints, so demo mode starts as fast as the
console itself.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from tui.settings import Settings

log = logging.getLogger(__name__)

DEMO_PACE = 20.0  # emulated seconds per real second


class Demo:
    def __init__(self, seed: str = "demo", pace: float = DEMO_PACE) -> None:
        self.seed = seed
        self.pace = pace
        self.emulator: Any = None
        self.identity: Any = None
        self.directory: Path | None = None
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    def start_in_background(self) -> "Demo":
        self._thread = threading.Thread(target=self._start, name="demo-service", daemon=True)
        self._thread.start()
        return self

    def _start(self) -> None:
        try:
            from tui.emulator import Emulator, RealClock, make_identity

            self.directory = Path(tempfile.mkdtemp(prefix="oci-genai-tui-demo-"))
            self.identity = make_identity(self.directory)
            emu = Emulator(seed=self.seed, tenancy_id=self.identity.tenancy_id, clock=RealClock(self.pace))
            emu.add_key(self.identity.key_id, self.identity.public_key_pem)
            self.emulator = emu.start()
            log.info("demo service on %s (seed %s)", emu.url, self.seed)
        except BaseException as exc:  # noqa: BLE001 - reported by prepare() in the connect worker
            self.error = exc
            log.exception("demo service failed to start")
        finally:
            self._ready.set()

    def prepare(self, settings: Settings) -> None:
        """Point `settings` at the demo service (called in the console's connect worker)."""
        self._ready.wait(30)
        if self.error is not None or self.emulator is None:
            from tui.cloud.errors import CloudError

            raise CloudError(f"the demo service did not start: {self.error}", code="DemoFailed",
                             hint="See the log file for the traceback.")
        settings.config_file = str(self.identity.config_file)
        settings.endpoint_template = self.emulator.endpoint_template
        settings.profile = self.identity.profile
        settings.region = settings.region or self.identity.region
        if not settings.compartment_id:
            extras = getattr(self.emulator.seed_info, "extras", {})
            settings.compartment_id = (extras.get("models_compartment_id") or extras.get("scale_compartment_id")
                                       or extras.get("hostile_compartment_id"))

    def compartment_for(self, settings: Settings) -> str | None:
        return settings.compartment_id

    def stop(self) -> None:
        if self.emulator is not None:
            try:
                self.emulator.stop()
            except Exception:  # noqa: BLE001
                log.exception("stopping the demo service")
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
