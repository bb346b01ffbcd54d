"""How the describe screen (`d`) looks: a fine-tuned model in YAML with a search hit, and in JSON,
at 80x24 and 120x40 (oci-dark). Deterministic as tests/ui/test_snapshots.py."""

from __future__ import annotations

import pytest

from tests.helpers import settle

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", ["yaml-search", "json"])
def test_describe(snap_compare, make_app, size, mode):
    app, emu = make_app(size=size)
    app.poll_interval = 3600
    model_id = emu.seed_info.models["us-chicago-1"]["support-bot-v1"]

    async def run_before(pilot):
        await settle(pilot)
        app.jump_to_row("models", f"us-chicago-1/{model_id}")
        await pilot.press("d")
        await settle(pilot)
        if mode == "json":
            await pilot.press("y")
        else:
            await pilot.press("slash", *"bucket", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
