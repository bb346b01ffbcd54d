"""How the Clusters and Endpoints views look at 80x24 and 120x40 (oci-dark), on the demo's
"genai-prod-endpoints" compartment in Chicago: capacity gauge, shape × units, model and cluster by
name, guardrails. Deterministic like tests/ui/test_snapshots.py (ManualClock, no polling)."""

from __future__ import annotations

import pytest

from tests.helpers import settle
from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["clusters", "endpoints"])
def test_serving_view(snap_compare, make_app, make_emulator, view, size):
    emu = make_emulator("demo", clock=ManualClock(SEED_EPOCH))
    app, _ = make_app(emulator=emu, compartment=emu.seed_info.compartments["genai-prod-endpoints"], size=size)
    app.poll_interval = 3600  # nothing refreshes itself during capture
    key = {"clusters": "4", "endpoints": "5"}[view]

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
