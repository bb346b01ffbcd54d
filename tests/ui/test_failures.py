"""Unreachable region, 401 and 429 each show a clear message within a few seconds and the console
stays usable afterwards."""

from __future__ import annotations

import socket
import time

from tests.helpers import settle
from tui.emulator import Emulator, ManualClock, make_identity


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed once the with-block ends


async def assert_still_usable(pilot):
    app = pilot.app
    await pilot.press("question_mark")
    await pilot.pause()
    assert app.screen is not app.main
    await pilot.press("escape")
    await pilot.press("2")
    await settle(pilot)
    assert app.is_running and app.main.current_view_id == "imported"


async def test_unreachable_region_is_reported_quickly(make_app):
    app, emu = make_app(endpoint_template=f"http://127.0.0.1:{closed_port()}/{{region}}")
    async with app.run_test() as pilot:
        started = time.monotonic()
        await settle(pilot)
        assert time.monotonic() - started < 30  # fail-fast: the SDK default retries ~95 s
        error = app.last_error
        assert error is not None and error.code in ("ConnectionRefused", "ConnectionError", "Timeout")
        view = app.main.current_view
        assert "Failed" in view.status.plain and "Connection" in view.status.plain
        assert view.table.row_count == 0
        await assert_still_usable(pilot)


async def test_wrong_key_shows_401(make_app, identity, tmp_path):
    other = make_identity(tmp_path / "other")
    emu = Emulator(seed="demo", tenancy_id=identity.tenancy_id, clock=ManualClock())
    emu.add_key(other.key_id, other.public_key_pem)  # not the key the console signs with
    emu.start()
    try:
        app, _ = make_app(emulator=emu)
        async with app.run_test() as pilot:
            started = time.monotonic()
            await settle(pilot)
            assert time.monotonic() - started < 30  # fail-fast: the SDK default retries ~95 s
            error = app.last_error
            assert error is not None and error.status == 401 and error.code == "NotAuthenticated"
            assert error.opc_request_id
            assert "API key" in (error.hint or "")
            await assert_still_usable(pilot)
    finally:
        emu.stop()


async def test_throttling_shows_429_and_recovers(make_app):
    app, emu = make_app()
    emu.faults.inject("ListModels", status=429, retry_after=1)
    async with app.run_test() as pilot:
        started = time.monotonic()
        await settle(pilot)
        assert time.monotonic() - started < 30  # fail-fast: the SDK default retries ~95 s
        error = app.last_error
        assert error is not None and error.status == 429
        assert "Throttled" in (error.hint or "")
        emu.faults.clear()
        await pilot.press("r")
        await settle(pilot)
        assert app.main.current_view.table.row_count > 0
