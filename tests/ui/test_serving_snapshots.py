"""How the Clusters and Endpoints views look at 80x24 and 120x40 (oci-dark), on the demo's
"genai-prod-endpoints" compartment in Chicago: capacity gauge, shape × units, model and cluster by
name, guardrails. Deterministic like tests/ui/test_snapshots.py (ManualClock, no polling)."""

from __future__ import annotations

import pytest

from tests.helpers import WalkSnapshots, settle
from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_serving_view(snapshot, tmp_path, make_app, make_emulator, size):
    """One app per size: the Clusters view, then the Endpoints view."""
    emu = make_emulator("demo", clock=ManualClock(SEED_EPOCH))
    app, _ = make_app(emulator=emu, compartment=emu.seed_info.compartments["genai-prod-endpoints"], size=size)
    app.poll_interval = 3600  # nothing refreshes itself during capture
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for view, key in (("clusters", "4"), ("endpoints", "5")):
            await pilot.press(key)
            await settle(pilot)
            await shots.take(pilot, view)
    shots.check()
