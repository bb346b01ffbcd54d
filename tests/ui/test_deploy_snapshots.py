"""How the serving wizards and the edit endpoint dialog look at 80×24 and 120×40: the create-cluster
wizard's shape step (an unknown shape warned about) and review, the deploy wizard's cluster step
(unsuitable clusters greyed with the reason) and review, and the endpoint's edit dialog with its
guardrails. Deterministic: the demo seed on a ManualClock, pollers paused, toasts cleared. One app per
size walks every scene (tests.helpers.WalkSnapshots)."""

from __future__ import annotations

import pytest

from tests.helpers import WalkSnapshots, next_step, ready, settle, wait_until
from tui.ui import actions

SIZES = [(80, 24), (120, 40)]
size_id = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731
REGION = "us-chicago-1"


async def _shot(pilot, shots, name: str) -> None:
    await settle(pilot, rounds=1)
    await shots.take(pilot, name)


async def _close(app, pilot, screen) -> None:
    screen.dismiss(None)
    await wait_until(pilot, lambda: app.screen is not screen, what="closed")
    await settle(pilot, rounds=1)


async def _cluster_wizard(app, pilot, emu, shots) -> None:
    wizard = actions.open_create(app, "dedicated_ai_cluster")
    await next_step(pilot, wizard, 1)
    picker = wizard.steps[1].picker
    await wait_until(pilot, lambda: picker.loaded and not picker.busy)
    assert picker.select_where(lambda c: c.display_name == "meta.llama-3.3-70b-instruct")
    await next_step(pilot, wizard, 2)
    wizard.steps[2].fields["unit_shape"].value = "FUTURE_GPU_X9"
    await _shot(pilot, shots, "cluster-shape")
    await next_step(pilot, wizard, 3)
    wizard.steps[3].fields["display_name"].value = "hosting-llama-new"
    wizard.steps[3].fields["description"].value = "Serves the Llama fine-tunes"
    await next_step(pilot, wizard, 4)
    await _shot(pilot, shots, "cluster-review")
    await _close(app, pilot, wizard)


async def _deploy_wizard(app, pilot, emu, shots) -> None:
    gemma = app.genai.get("imported_model", emu.seed_info.extras["active_imported_model_id"]).data
    wizard = actions.open_deploy(app, "imported_model", gemma)
    await wait_until(pilot, lambda: wizard.steps[0].picker.loaded)
    await next_step(pilot, wizard, 1)
    cluster_step = wizard.steps[1]
    cluster_step.list_from(emu.seed_info.compartments["genai-prod-endpoints"])
    await wait_until(pilot, lambda: cluster_step.picker.loaded and not cluster_step.picker.busy)
    assert cluster_step.picker.select_where(lambda c: c.display_name == "hosting-gpu-chicago")
    await _shot(pilot, shots, "deploy-cluster")
    await next_step(pilot, wizard, 2)
    await next_step(pilot, wizard, 3)
    wizard.steps[3].fields["display_name"].value = "gemma_endpoint"
    await next_step(pilot, wizard, 4)
    await _shot(pilot, shots, "deploy-review")
    await _close(app, pilot, wizard)


async def _edit_endpoint(app, pilot, emu, shots) -> None:
    dialog = actions.open_edit(app, "endpoint", emu.seed_info.extras["imported_endpoint_id"], REGION)
    await wait_until(pilot, lambda: dialog.etag is not None)
    await _shot(pilot, shots, "edit-endpoint")


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_serving_wizards(snapshot, tmp_path, make_app, size):
    app, emu = make_app(size=size)
    app.poll_interval = 3600
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot, emu)
        await settle(pilot)
        for scene in (_cluster_wizard, _deploy_wizard, _edit_endpoint):
            await scene(app, pilot, emu, shots)
    shots.check()
