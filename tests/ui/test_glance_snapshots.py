"""How "clear at a glance" looks at 80×24 and 120×40 (oci-dark, ManualClock, no polling): the `?` help,
the footer at 80 columns (the models view), a radio set under NO_COLOR, the filter dialogs and Move's
compartment picker in the shared dialog frame. The edit / move / delete and bulk dialogs are in
test_actions_snapshots.py and test_marks_snapshots.py."""

from __future__ import annotations

import pytest

from tests.helpers import WalkSnapshots, ready, settle, wait_until
from tui.ui import actions

SIZES = [(80, 24), (120, 40)]
REGION = "us-chicago-1"
size_id = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


async def _shot_and_close(app, pilot, shots, name: str) -> None:
    await settle(pilot)
    await shots.take(pilot, name)
    screen = app.screen
    screen.dismiss(None)
    await wait_until(pilot, lambda: app.screen is not screen, what=f"{name} closed")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_glance(snapshot, tmp_path, make_app, size):
    """One app per size: the footer on the models view, then help, the filter dialog, Move's picker
    and the work requests' filter dialog, each opened and closed in turn."""
    app, emu = make_app(size=size)
    app.poll_interval = 3600
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot, emu)
        await settle(pilot)
        await shots.take(pilot, "footer")
        await pilot.press("question_mark")
        await _shot_and_close(app, pilot, shots, "help")
        await pilot.press("f")
        await _shot_and_close(app, pilot, shots, "filters")
        legal = next(r for r in emu.store(REGION).models.values()
                     if r.data["displayName"] == "legal-summarizer" and r.data["lifecycleState"] != "DELETED")
        picker = actions.open_move(app, "model", legal.data["id"], REGION)
        await wait_until(pilot, lambda: app.screen is picker and picker.compartments)
        await _shot_and_close(app, pilot, shots, "move-picker")
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await shots.take(pilot, "wr-filters")
    shots.check()


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_radio_no_color(snapshot, tmp_path, make_app, monkeypatch, size):
    """The cluster wizard's type radio set under NO_COLOR: the cursor on FINE_TUNING, HOSTING chosen."""
    monkeypatch.setenv("NO_COLOR", "1")
    app, emu = make_app(size=size)
    app.poll_interval = 3600
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot, emu)
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        await shots.take(pilot, "radio")
    shots.check()
