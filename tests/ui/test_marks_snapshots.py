"""How marks look: the marked list (glyph, bold rows, count in the status line) and the bulk delete
confirmation (every row by name and region, a BASE row skipped with its reason), at 80x24 and 120x40.
Deterministic like tests/ui/test_snapshots.py (ManualClock, no polling)."""

from __future__ import annotations

import pytest

from tests.helpers import WalkSnapshots, settle
from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_marks(snapshot, tmp_path, make_app, make_emulator, size):
    """One app per size: the marked list, then ctrl+d's bulk confirmation over it."""
    emu = make_emulator("demo", clock=ManualClock(SEED_EPOCH))
    app, _ = make_app(emulator=emu, size=size)
    app.poll_interval = 3600  # nothing refreshes itself during capture
    keys = [f"us-chicago-1/{emu.seed_info.extras[k]}" for k in ("endpoint_model_id", "failed_model_id")]
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.main.current_view
        base = next(r for r in view.table.rows if (r.obj.type or "") == "BASE")
        for key in [*keys, base.key]:
            assert view.table.move_to_key(key)
            await pilot.press("space")
        await settle(pilot)
        await shots.take(pilot, "marked-list")
        await pilot.press("ctrl+d")
        await settle(pilot)
        await shots.take(pilot, "bulk-delete")
    shots.check()
