"""How the edit, move and delete dialogs look at 80×24 and 120×40, including the 412 conflict view
and the 409 "in use by an endpoint" explanation. Request ids are random per request, so the one
line that shows them is pinned before the capture."""

from __future__ import annotations

import re

import pytest
from tests.helpers import ready, wait_until

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


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("which", ["edit", "edit-412", "move", "delete", "delete-409"])
def test_dialog(snap_compare, make_app, size, which):
    app, emu = make_app(size=size)
    app.poll_interval = 3600

    async def run_before(pilot):
        await ready(app, pilot, emu)
        legal = _model(emu, "legal-summarizer")
        if which.startswith("edit"):
            dialog = actions.open_edit(app, "model", legal.data["id"], REGION)
            await wait_until(pilot, lambda: dialog.etag is not None)
            if which == "edit-412":
                app.genai.update_model(legal.data["id"], {"description": "Changed by Bob"})
                dialog.fields["description"].value = "Mine"
                await pilot.press("ctrl+s")
                await wait_until(pilot, lambda: dialog.conflicted)
        elif which == "move":
            alice = next(c.id for c in app.genai.list_compartments().data if c.name == "sandbox-alice")
            picker = actions.open_move(app, "model", legal.data["id"], REGION)
            await wait_until(pilot, lambda: app.screen is picker)
            picker.dismiss(alice)
            dialog = await wait_until(pilot, lambda: isinstance(app.screen, MoveDialog) and app.screen)
            await wait_until(pilot, lambda: dialog.etag is not None)
        else:
            model = legal if which == "delete" else _model(emu, "support-bot-v1")
            dialog = actions.open_delete(app, "model", model.data["id"], REGION, model.data["displayName"])
            await wait_until(pilot, lambda: dialog.etag is not None)
            if which == "delete-409":
                await pilot.press("D")
                await wait_until(pilot, lambda: dialog.endpoints)
                _pin_request_id(dialog)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
