"""How the edit, move and delete dialogs look at 80×24 and 120×40, including the 412 conflict view
and the 409 "in use by an endpoint" explanation. Request ids are random per request, so the one
line that shows them is pinned before the capture."""

from __future__ import annotations

import re

import pytest
from tests.helpers import WalkSnapshots, ready, wait_until

from tui.ui import actions
from tui.ui.dialogs.move import MoveDialog

SIZES = [(80, 24), (120, 40)]
REGION = "us-chicago-1"
size_id = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


def _model(emu, name):
    return next(r for r in emu.store(REGION).models.values()
                if r.data["displayName"] == name and r.data["lifecycleState"] != "DELETED")


def _pin_request_id(dialog):
    status = dialog.query_one("#dialog-status")
    text = re.sub(r"opc-request-id \S+", "opc-request-id REQUEST-ID", str(status.render()))
    dialog.status(text, error=status.has_class("-error"))


async def _shot(app, pilot, shots, dialog, name: str) -> None:
    await shots.take(pilot, name)
    dialog.dismiss(None)
    await wait_until(pilot, lambda: app.screen is not dialog, what="dialog closed")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_dialogs(snapshot, tmp_path, make_app, size):
    """One app per size opens each dialog in turn; the 412 conflict last, since it changes the model."""
    app, emu = make_app(size=size)
    app.poll_interval = 3600
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot, emu)
        legal = _model(emu, "legal-summarizer")
        dialog = actions.open_edit(app, "model", legal.data["id"], REGION)
        await wait_until(pilot, lambda: dialog.etag is not None)
        await _shot(app, pilot, shots, dialog, "edit")

        alice = next(c.id for c in app.genai.list_compartments().data if c.name == "sandbox-alice")
        picker = actions.open_move(app, "model", legal.data["id"], REGION)
        await wait_until(pilot, lambda: app.screen is picker)
        picker.dismiss(alice)
        dialog = await wait_until(pilot, lambda: isinstance(app.screen, MoveDialog) and app.screen)
        await wait_until(pilot, lambda: dialog.etag is not None)
        await _shot(app, pilot, shots, dialog, "move")

        for name, model in (("delete", legal), ("delete-409", _model(emu, "support-bot-v1"))):
            dialog = actions.open_delete(app, "model", model.data["id"], REGION, model.data["displayName"])
            await wait_until(pilot, lambda dialog=dialog: dialog.etag is not None)
            if name == "delete-409":
                await pilot.press("D")
                await wait_until(pilot, lambda dialog=dialog: dialog.endpoints)
                _pin_request_id(dialog)
            await _shot(app, pilot, shots, dialog, name)

        dialog = actions.open_edit(app, "model", legal.data["id"], REGION)
        await wait_until(pilot, lambda: dialog.etag is not None)
        app.genai.update_model(legal.data["id"], {"description": "Changed by Bob"})
        dialog.fields["description"].value = "Mine"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.conflicted)
        await _shot(app, pilot, shots, dialog, "edit-412")
    shots.check()
