"""How marks look: the marked list (glyph, bold rows, count in the status line) and the bulk delete
confirmation (every row by name and region, a BASE row skipped with its reason), at 80x24 and 120x40.
Deterministic like tests/ui/test_snapshots.py (ManualClock, no polling)."""

from __future__ import annotations

import pytest

from tests.helpers import settle
from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", ["marked-list", "bulk-delete"])
def test_marks(snap_compare, make_app, make_emulator, screen, size):
    emu = make_emulator("demo", clock=ManualClock(SEED_EPOCH))
    app, _ = make_app(emulator=emu, size=size)
    app.poll_interval = 3600  # nothing refreshes itself during capture
    keys = [f"us-chicago-1/{emu.seed_info.extras[k]}" for k in ("endpoint_model_id", "failed_model_id")]

    async def run_before(pilot):
        await settle(pilot)
        view = app.main.current_view
        base = next(r for r in view.table.rows if (r.obj.type or "") == "BASE")
        for key in [*keys, base.key]:
            assert view.table.move_to_key(key)
            await pilot.press("space")
        if screen == "bulk-delete":
            await pilot.press("ctrl+d")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
