"""Fixtures for the console's tests: a ConsoleApp on a started local service, deterministic.

`make_app(seed="demo", *, clock=None, read_only=False, theme="oci-dark", size=(120, 40))` returns
`(app, emulator)`. The app talks to the emulator over loopback HTTP with the real SDK, its `now`
is the emulator's ManualClock (fixed start, so "updated hh:mm:ss" and date highlights never move),
its theme is explicit, the input cursor does not blink, and `app.run_test()` defaults to `size`.
Helper coroutine `settle(pilot)` waits until timers have fired and every worker is done.
"""

from __future__ import annotations

import functools
import os
import time

import pytest
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH


@pytest.fixture(autouse=True)
def _deterministic_ui(monkeypatch):
    """No blinking cursor, UTC local time (the status line prints local hh:mm:ss)."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    time.tzset()


@pytest.fixture
def make_app(make_emulator, identity):
    def factory(seed: str = "demo", *, clock=None, read_only: bool = False, theme: str = "oci-dark",
                size: tuple[int, int] = (120, 40), compartment: str | None = None, region: str | None = None,
                emulator=None, endpoint_template: str | None = None, **emulator_kwargs):
        from tui.app import ConsoleApp
        from tui.cloud.auth import load_profile
        from tui.cloud.clients import CloudSession
        from tui.cloud.operations import GenAI
        from tui.settings import Settings

        emu = emulator or make_emulator(seed, clock=clock or ManualClock(SEED_EPOCH), **emulator_kwargs)
        template = endpoint_template or emu.endpoint_template
        settings = Settings(
            profile=identity.profile, config_file=str(identity.config_file), region=region,
            compartment_id=compartment or default_compartment(emu), theme=theme, read_only=read_only,
            endpoint_template=template,
        )
        profile = load_profile(identity.profile, str(identity.config_file), region=region)
        genai = GenAI(CloudSession(profile, endpoint_template=template, region=region))
        app = ConsoleApp(settings, genai=genai, now=emu.clock.now)
        app.animation_level = "none"  # a scroll animation racing the capture made snapshots flaky
        app.poll_interval = 0.3  # real-time poll period in tests (the clock the data follows is manual)
        app.run_test = functools.partial(app.run_test, size=size)  # type: ignore[method-assign]
        app.test_size = size  # type: ignore[attr-defined]
        return app, emu

    return factory


def default_compartment(emu) -> str | None:
    """The compartment a seed's interesting data lives in (the demo's models compartment, ...)."""
    extras = getattr(emu.seed_info, "extras", {}) or {}
    for key in ("models_compartment_id", "scale_compartment_id", "hostile_compartment_id"):
        if extras.get(key):
            return extras[key]
    return None


async def settle(pilot, rounds: int = 3) -> None:
    """Let debounce timers fire and wait for every worker (and the UI updates they trigger)."""
    app = pilot.app
    for _ in range(40):  # the compartment names load shortly after the first rows (header path)
        if app.compartments or not getattr(app, "connected", False) or app.last_error is not None:
            break
        await pilot.pause(0.05)
    for _ in range(rounds):
        await pilot.pause(0.12)
        for _attempt in range(5):
            try:
                await app.workers.wait_for_complete()
                break
            except (WorkerCancelled, WorkerFailed):  # a newer call superseded one: wait for the rest
                continue
        await pilot.pause()


def wait_until(predicate, timeout: float = 5.0):
    """For sync code paths: poll `predicate` until true (used by snapshot run_before helpers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
