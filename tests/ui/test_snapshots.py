"""How the console looks: each view and the detail pane at 80x24 and 120x40, in the default
(oci-dark) and the ANSI theme. Deterministic: ManualClock, explicit theme, no blinking cursor, no
polling during capture, every worker done before the screenshot (run_before waits). One app per size and theme walks
the views (tests.helpers.WalkSnapshots)."""

from __future__ import annotations

import pytest

from tests.helpers import WalkSnapshots, settle

SIZES = [(80, 24), (120, 40)]
THEMES = ["oci-dark", "oci-ansi"]


def _app(make_app, theme, size):
    app, emu = make_app(theme=theme, size=size)
    app.poll_interval = 3600  # nothing refreshes itself during capture
    return app, emu


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_views_and_detail_pane(snapshot, tmp_path, make_app, size, theme):
    """One app per size and theme: the three list views, then the detail pane of a model."""
    app, emu = _app(make_app, theme, size)
    shots = WalkSnapshots(snapshot, tmp_path)
    model_id = emu.seed_info.models["us-chicago-1"]["support-bot-v1"]
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for view, key in (("models", "1"), ("imported", "2"), ("workrequests", "3")):
            await pilot.press(key)
            await settle(pilot)
            await shots.take(pilot, view)
        await pilot.press("1")
        await settle(pilot)
        app.jump_to_row("models", f"us-chicago-1/{model_id}")
        await pilot.press("enter")
        await settle(pilot)
        pane = app.main.current_view.detail
        # the opc-request-id is random per request: pin it so the picture is stable
        pane.show(pane.obj, "us-chicago-1", etag=pane._etag, request_id="REQUEST-ID")
        await shots.take(pilot, "detail")
    shots.check()


def test_all_regions_view(snap_compare, make_app):
    app, emu = _app(make_app, "oci-dark", (120, 40))
    emu.faults.inject("ListModels", status=503, region="ap-osaka-1")

    async def run_before(pilot):
        await settle(pilot)
        app.switch_region("all")
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
