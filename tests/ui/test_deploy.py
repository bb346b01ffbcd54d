"""The deploy wizard (create endpoint) over the real local service: from a model row to an ACTIVE
endpoint, unsuitable clusters greyed and not choosable, validation naming the field, the "create a
new HOSTING cluster" detour, BASE-model and read-only rules, and guardrails edited with if-match."""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import RadioButton

from tests.helpers import next_step, ready, settle, status_of, wait_until
from tui.ui import actions
from tui.ui.dialogs.compartment_picker import CompartmentPicker
from tui.ui.wizards.cluster_wizard import ClusterWizard
from tui.ui.wizards.deploy import DeployWizard

REGION = "us-chicago-1"


async def _row(pilot: Any, app: Any, key: str, name: str) -> Any:
    await pilot.press(key)
    await settle(pilot)
    view = app.main.current_view
    row = next(r for r in view.rowset.rows if r.name == name)
    app.jump_to_row(app.main.current_view_id, row.key)
    await settle(pilot)
    return row


async def _deploy_from(app: Any, pilot: Any, emu: Any, key: str, name: str) -> DeployWizard:
    await ready(app, pilot, emu)
    await _row(pilot, app, key, name)
    await pilot.press("D")
    wizard = await wait_until(pilot, lambda: isinstance(app.screen, DeployWizard) and app.screen, what="wizard")
    model_step = wizard.steps[0]
    await wait_until(pilot, lambda: model_step.picker.loaded, what="models listed")
    return wizard


async def _cluster_step(pilot: Any, wizard: DeployWizard, emu: Any) -> Any:
    await next_step(pilot, wizard, 1)
    step = wizard.steps[1]
    step.query_one("#cluster-other-compartment").press()  # the hosting clusters live in another compartment
    app = wizard.app
    picker = await wait_until(pilot, lambda: isinstance(app.screen, CompartmentPicker) and app.screen)
    picker.dismiss(emu.seed_info.compartments["genai-prod-endpoints"])
    await wait_until(pilot, lambda: app.screen is wizard, what="back from the compartment picker")
    assert "genai-prod-endpoints" in str(step.query_one(".where-label").render())
    await wait_until(pilot, lambda: step.picker.loaded and not step.picker.busy, what="clusters listed")
    return step


async def test_deploy_an_imported_model_to_an_active_endpoint(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        wizard = await _deploy_from(app, pilot, emu, "2", "gemma-2-9b-it")
        gemma = emu.seed_info.extras["active_imported_model_id"]
        assert wizard.draft.model_id == gemma and wizard.steps[0].picker.selected.id == gemma
        failed = next(m for m in wizard.steps[0].picker.items if m.display_name == "qwen2-7b")
        assert not failed.usable and "FAILED" in failed.reason  # listed, greyed, not choosable
        assert all(m.type != "BASE" for m in wizard.steps[0].picker.items if not m.imported)
        step = await _cluster_step(pilot, wizard, emu)
        by_name = {c.display_name: c for c in step.picker.items}
        cohere = by_name["hosting-chicago"]  # SMALL_COHERE_V2: imported models need a GPU shape
        assert not cohere.usable and "GPU" in cohere.reason
        index = step.picker.shown.index(cohere)
        assert step.picker.option_list.get_option_at_index(index).disabled
        assert not step.picker.select_where(lambda c: c.display_name == "hosting-chicago")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 1 and "Cluster: choose" in status_of(wizard)
        assert step.picker.select_where(lambda c: c.display_name == "hosting-gpu-chicago")
        await next_step(pilot, wizard, 2)
        guard = wizard.steps[2]
        guard.query_one("#gr-content-inform", RadioButton).value = True
        guard.query_one("#gr-pii-off", RadioButton).value = True
        await pilot.pause()
        await next_step(pilot, wizard, 3)
        name = wizard.steps[3].fields["display_name"]
        assert "version" not in wizard.steps[3].fields
        name.value = "9-gemma"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 3 and "Name:" in status_of(wizard)
        name.value = "gemma_deployed"
        await next_step(pilot, wizard, 4)
        review = wizard.steps[4]
        body = json.loads(review.body)
        assert body["modelId"] == gemma and body["dedicatedAiClusterId"] == by_name["hosting-gpu-chicago"].id
        assert body["contentModerationConfig"] == {"isEnabled": True, "mode": "INFORM"}
        assert body["piiDetectionConfig"] == {"isEnabled": False}
        assert body["promptInjectionConfig"] == {"isEnabled": True, "mode": "INFORM"}
        assert review.cli.startswith("oci --region us-chicago-1 generative-ai endpoint create")
        assert "--content-moderation-config" in review.cli
        summary = dict(review.summary)
        assert summary["Model"] == "gemma-2-9b-it" and "hosting-gpu-chicago" in summary["Cluster"]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not wizard, what="wizard closed")
        created = wizard.submission.result
        assert created.data.lifecycle_state == "CREATING"
        tracked = {t.id: t for t in app.tracker.items()}
        assert created.work_request_id in tracked
        emu.clock.advance(600)
        await wait_until(pilot, lambda: tracked[created.work_request_id].settled, what="work request settled")
        assert tracked[created.work_request_id].wr.status == "SUCCEEDED"
        assert app.genai.get("endpoint", created.data.id).data.lifecycle_state == "ACTIVE"


async def test_new_cluster_detour_is_preset_for_the_model_and_keeps_the_draft(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        wizard = await _deploy_from(app, pilot, emu, "1", "legal-summarizer")
        assert wizard.draft.subject.base_model_name == "meta.llama-3.3-70b-instruct"
        step = await _cluster_step(pilot, wizard, emu)
        assert not any(c.usable for c in step.picker.items)  # no Llama hosting cluster in Chicago
        step.query_one("#deploy-new-cluster").press()
        cluster = await wait_until(pilot, lambda: isinstance(app.screen, ClusterWizard) and app.screen)
        assert cluster.draft.cluster_type == "HOSTING"
        assert cluster.compartment_id == emu.seed_info.compartments["genai-prod-endpoints"]
        await next_step(pilot, cluster, 1)
        await wait_until(pilot, lambda: cluster.steps[1].picker.loaded)
        assert cluster.steps[1].picker.selected.display_name == "meta.llama-3.3-70b-instruct"
        await next_step(pilot, cluster, 2)
        shape = cluster.steps[2].fields
        assert (shape["unit_shape"].value, shape["unit_count"].value) == ("LARGE_GENERIC", "1")
        await next_step(pilot, cluster, 3)
        cluster.steps[3].fields["display_name"].value = "hosting-llama-chicago"
        await next_step(pilot, cluster, 4)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is wizard, what="back in the deploy wizard")
        assert wizard.index == 1 and wizard.draft.model_name == "legal-summarizer"
        assert "being created" in status_of(wizard)
        await wait_until(pilot, lambda: step.picker.loaded and not step.picker.busy)
        new = next(c for c in step.picker.items if c.display_name == "hosting-llama-chicago")
        assert not new.usable and "CREATING" in new.reason


async def test_base_models_read_only_and_the_deploy_command(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        view = app.main.current_view
        base = next(r for r in view.rowset.rows if r.obj.type == "BASE")
        app.jump_to_row("models", base.key)
        await settle(pilot)
        assert view.check_action("deploy", ()) is False
        assert actions.open_deploy(app, "model", base.obj) is None
        creating = emu.seed_info.extras["creating_model_id"]
        row = next(r for r in view.rowset.rows if r.ocid == creating)
        assert actions.open_deploy(app, "model", row.obj) is None  # CREATING: not deployable yet
        await pilot.press("colon")
        await pilot.press(*"deploy", "enter")
        wizard = await wait_until(pilot, lambda: isinstance(app.screen, DeployWizard) and app.screen)
        assert wizard.draft.model_id == ""  # a BASE row selected: the wizard starts with the picker
    ro, emu2 = make_app(read_only=True)
    async with ro.run_test() as pilot:
        await ready(ro, pilot, emu2)
        for view_id in ("models", "imported", "clusters", "endpoints"):
            view = ro.main.views[view_id]  # mounted or not: the rules are the view's
            assert view.check_action("create", ()) is False and view.check_action("deploy", ()) is False
        assert actions.open_deploy(ro) is None and ro.screen is ro.main
