"""Edit (name, unit count = scale), delete with a 409 that lists what is attached (jump targets),
and read-only hiding, for clusters and endpoints, over the real local service."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import settle
from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH
from tui.ui.dialogs.attached import parse_attached


@pytest.fixture
def serving_app(make_app: Any, make_emulator: Any) -> Any:
    def factory(**kw: Any) -> tuple[Any, Any]:
        emu = make_emulator("demo", clock=ManualClock(SEED_EPOCH))
        return make_app(emulator=emu, compartment=emu.seed_info.compartments["genai-prod-endpoints"], **kw)

    return factory


async def _on(pilot: Any, app: Any, key: str, name: str) -> Any:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    view = app.main.current_view
    row = next(r for r in view.rowset.rows if r.name == name)
    app.jump_to_row(app.main.current_view_id, row.key)
    await settle(pilot)
    return view, row


async def test_edit_hosting_cluster_scales_unit_count(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        view, row = await _on(pilot, app, "4", "hosting-gpu-chicago")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert "vendor" not in dialog.fields and "unit_count" in dialog.fields
        assert dialog.fields["unit_count"].value == "1"
        dialog.fields["unit_count"].value = "2"
        dialog.fields["display_name"].value = "hosting-gpu-chicago-2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        data = app.genai.get("dedicated_ai_cluster", row.ocid, region="us-chicago-1").data
        assert data.display_name == "hosting-gpu-chicago-2"
        assert data.unit_count == 2 or data.lifecycle_state == "UPDATING"


async def test_edit_fine_tuning_cluster_unit_count_is_read_only(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        view = app.main.current_view
        row = next(r for r in view.rowset.rows if r.obj.type == "FINE_TUNING" and r.state == "ACTIVE")
        app.jump_to_row("clusters", row.key)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.fields["unit_count"].input.disabled


async def test_edit_endpoint_name(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        view, row = await _on(pilot, app, "5", "gemma-gpu-canary")
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert set(dialog.fields) == {"display_name", "description"}
        dialog.fields["display_name"].value = "gemma-canary-renamed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.genai.get("endpoint", row.ocid, region="us-chicago-1").data.display_name == "gemma-canary-renamed"


async def test_delete_cluster_in_use_lists_attached_endpoints_as_jump_targets(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        view, row = await _on(pilot, app, "4", "hosting-gpu-chicago")
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert app.screen.query("#delete-attached"), " ".join(type(w).__name__ + ":" + str(w.id) for w in app.screen.walk_children())
        attached = app.screen.query_one("#delete-attached")
        labels = [str(b.label) for b in attached.query("Button")]
        assert any("gemma-gpu-endpoint" in label for label in labels)
        assert len(labels) == 3
        target = next(i for i in attached.items if i.name == "gemma-gpu-endpoint")
        app.screen.query_one("#attached-0").press()
        await settle(pilot)
        assert app.main.current_view_id == "endpoints"
        assert app.main.current_view.table.current_row.ocid == attached.items[0].ocid
        assert target.ocid == emu.seed_info.extras["imported_endpoint_id"]


async def test_delete_endpoint_tracks_a_work_request(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        view, row = await _on(pilot, app, "5", "gemma-gpu-canary")
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert any("gemma-gpu-canary" in (getattr(i, "label", "") or "") for i in app.tracker.items())


async def test_read_only_hides_mutations_on_both_views(serving_app):
    app, emu = serving_app(read_only=True)
    async with app.run_test() as pilot:
        for key in ("4", "5"):
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            view = app.main.current_view
            for action in ("create", "edit", "move", "delete"):
                assert view.check_action(action, ()) is False
            await pilot.press("ctrl+d")
            await settle(pilot)
            assert app.screen is app.main


def test_parse_attached_from_the_409_message() -> None:
    msg = ("The dedicated AI cluster ocid1.generativeaidedicatedaicluster.oc1.x cannot be deleted while 2 "
           "resource(s) use it: endpoint a b (ocid1.generativeaiendpoint.oc1.chi.aaa, ACTIVE); "
           "model ft (ocid1.generativeaimodel.oc1.chi.bbb, fine-tuning)")
    items = parse_attached(msg)
    assert [(i.what, i.name, i.ocid, i.note) for i in items] == [
        ("endpoint", "a b", "ocid1.generativeaiendpoint.oc1.chi.aaa", "ACTIVE"),
        ("model", "ft", "ocid1.generativeaimodel.oc1.chi.bbb", "fine-tuning"),
    ]


async def test_create_key_opens_each_kinds_wizard(serving_app):
    from tui.ui.wizards.cluster_wizard import ClusterWizard
    from tui.ui.wizards.deploy import DeployWizard

    app, emu = serving_app()
    async with app.run_test() as pilot:
        for key, wizard_class in (("4", ClusterWizard), ("5", DeployWizard)):
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert app.main.current_view.check_action("create", ()) is True
            await pilot.press("n")
            await settle(pilot)
            assert type(app.screen) is wizard_class
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is app.main
