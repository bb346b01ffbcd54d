"""How "clear at a glance" looks at 80×24 and 120×40 (oci-dark, ManualClock, no polling): the `?` help,
the footer at 80 columns (the models view), a radio set under NO_COLOR, the filter dialogs and Move's
compartment picker in the shared dialog frame. The edit / move / delete and bulk dialogs are in
test_actions_snapshots.py and test_marks_snapshots.py."""

from __future__ import annotations

import pytest

from tests.helpers import ready, settle, wait_until
from tui.ui import actions

SIZES = [(80, 24), (120, 40)]
REGION = "us-chicago-1"
size_id = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("which", ["help", "footer", "radio-no-color", "filters", "wr-filters", "move-picker"])
def test_glance(snap_compare, make_app, monkeypatch, size, which):
    if which == "radio-no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    app, emu = make_app(size=size)
    app.poll_interval = 3600

    async def run_before(pilot):
        await ready(app, pilot, emu)
        await settle(pilot)
        if which == "help":
            await pilot.press("question_mark")
        elif which == "radio-no-color":
            await pilot.press("4")
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            await pilot.press("down")  # the cursor on FINE_TUNING, HOSTING still chosen
        elif which == "filters":
            await pilot.press("f")
        elif which == "wr-filters":
            await pilot.press("3")
            await settle(pilot)
            await pilot.press("f")
        elif which == "move-picker":
            legal = next(r for r in emu.store(REGION).models.values()
                         if r.data["displayName"] == "legal-summarizer" and r.data["lifecycleState"] != "DELETED")
            picker = actions.open_move(app, "model", legal.data["id"], REGION)
            await wait_until(pilot, lambda: app.screen is picker and picker.compartments)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
