"""Fixtures for the console's tests: a ConsoleApp on a started local service, deterministic.

`make_app(seed="demo", *, clock=None, read_only=False, theme="oci-dark", size=(120, 40))` returns
`(app, emulator)`. The app talks to the emulator over loopback HTTP with the real SDK, its `now`
is the emulator's ManualClock (fixed start, so "updated hh:mm:ss" and date highlights never move),
its theme is explicit, the input cursor does not blink, and `app.run_test()` defaults to `size`.
The helpers (`settle`, `default_compartment`, `wait_until`, ...) live in tests/helpers.py.
"""

from __future__ import annotations

import functools
import os
import time

import pytest
from textual.widgets import Input

from tests.helpers import default_compartment
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


os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
