"""Editing an endpoint's guardrails (sent as an update with if-match: a 412 is reloaded, shown and
re-applied without undoing the other operator's change), and Move for both serving kinds, over the
real local service."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import RadioButton

from tests.helpers import settle, status_of, wait_until
from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH
from tui.ui import actions
from tui.ui.dialogs.edit import EditDialog
from tui.ui.dialogs.move import MoveDialog
from tui.ui.forms.guardrails import GuardrailsForm

REGION = "us-chicago-1"


@pytest.fixture
def endpoints_app(make_app: Any, make_emulator: Any) -> Any:
    emu = make_emulator("demo", clock=ManualClock(SEED_EPOCH))
    return make_app(emulator=emu, compartment=emu.seed_info.compartments["genai-prod-endpoints"])


async def test_guardrail_edit_is_an_update_with_if_match(endpoints_app):
    app, emu = endpoints_app
    ocid = emu.seed_info.extras["imported_endpoint_id"]
    async with app.run_test() as pilot:
        await settle(pilot)
        dialog = actions.open_edit(app, "endpoint", ocid, REGION)
        await wait_until(pilot, lambda: isinstance(app.screen, EditDialog) and dialog.etag, what="loaded")
        form = dialog.query_one(GuardrailsForm)
        assert form.values == {"content_moderation_config": "BLOCK", "prompt_injection_config": "INFORM",
                               "pii_detection_config": "BLOCK"}
        assert form.query_one("#gr-pii-block", RadioButton).value
        assert dialog.edited() == {}  # prefilled guardrails are not an edit
        app.genai.update("endpoint", ocid, {"description": "changed elsewhere"})  # another operator
        emu.clock.advance(60)
        form.query_one("#gr-pii-off", RadioButton).value = True
        await pilot.pause()
        assert dialog.edited() == {"guardrails": {**form.prefilled, "pii_detection_config": "OFF"}}
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Re-apply" in str(dialog.query_one("#edit-save").label), what="412")
        updates = [r.status for r in emu.requests if r.operation == "UpdateEndpoint"]
        assert updates[-1] == 412  # the stale etag was sent as if-match
        assert "Description" in str(dialog.query_one("#edit-conflict").render())
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog, what="saved")
        assert [r.status for r in emu.requests if r.operation == "UpdateEndpoint"][-1] == 200
        emu.clock.advance(60)
        data = app.genai.get("endpoint", ocid).data
        assert data.pii_detection_config.is_enabled is False
        assert (data.content_moderation_config.is_enabled, data.content_moderation_config.mode) == (True, "BLOCK")
        assert data.description == "changed elsewhere"  # theirs kept: only the guardrails were re-applied


async def test_move_endpoint_and_cluster(endpoints_app):
    app, emu = endpoints_app
    target = emu.seed_info.compartments["genai-dev"]
    store = emu.store(REGION)
    endpoint = next(r for r in store.endpoints.values() if r.data["displayName"] == "gemma-gpu-canary")
    cluster = next(r for r in store.clusters.values() if r.data["displayName"] == "hosting-gpu-chicago")
    async with app.run_test() as pilot:
        await settle(pilot)
        for kind, resource in (("endpoint", endpoint), ("dedicated_ai_cluster", cluster)):
            picker = actions.open_move(app, kind, resource.data["id"], REGION)
            await wait_until(pilot, lambda p=picker: app.screen is p)
            picker.dismiss(target)
            dialog = await wait_until(pilot, lambda: isinstance(app.screen, MoveDialog) and app.screen)
            await wait_until(pilot, lambda d=dialog: d.etag is not None, what="move dialog loaded")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda d=dialog: app.screen is not d, what=f"{kind} moved: {status_of(dialog)}")
            assert resource.data["compartmentId"] == target
