"""The create-cluster wizard over the real local service: `n` on Clusters, shape and units preset
from the suitability facts, an unknown shape warned about (never refused), broken fields named,
review body and CLI, submit tracked until the cluster is ACTIVE."""

from __future__ import annotations

import json

from tests.helpers import next_step, pick_radio, ready, settle, status_of, wait_until
from tui.ui.wizards.cluster_wizard import ClusterWizard


async def _open(app, pilot, emu) -> ClusterWizard:
    await ready(app, pilot, emu)
    await pilot.press("4")
    await settle(pilot)
    assert app.main.current_view.check_action("create", ()) is True
    await pilot.press("n")
    return await wait_until(pilot, lambda: isinstance(app.screen, ClusterWizard) and app.screen, what="wizard")


async def _to_shape(pilot, wizard: ClusterWizard, model: str) -> dict:
    await next_step(pilot, wizard, 1)
    picker = wizard.steps[1].picker
    await wait_until(pilot, lambda: picker.loaded and not picker.busy, what="models listed")
    assert picker.select_where(lambda c: c.display_name == model)
    await next_step(pilot, wizard, 2)
    return wizard.steps[2].fields


async def test_hosting_cluster_created_and_tracked_to_active(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        wizard = await _open(app, pilot, emu)
        assert wizard.draft.cluster_type == "HOSTING"
        fields = await _to_shape(pilot, wizard, "meta.llama-3.3-70b-instruct")
        assert (fields["unit_shape"].value, fields["unit_count"].value) == ("LARGE_GENERIC", "1")
        fields["unit_shape"].value = "bad shape!"
        fields["unit_count"].value = "0"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 2 and "Unit shape:" in status_of(wizard)
        assert "Unit count" in str(fields["unit_count"].query_one(".field-message").render())
        fields["unit_shape"].value = "FUTURE_GPU_X9"  # unknown: a warning, not a refusal
        fields["unit_count"].value = "2"
        await pilot.pause()
        assert "not one this console knows" in str(fields["unit_shape"].query_one(".field-message").render())
        fields["unit_shape"].value = "SMALL_COHERE_V2"  # known but does not suit Llama: warned too
        await pilot.pause()
        assert "would fail" in str(fields["unit_shape"].query_one(".field-message").render())
        fields["unit_shape"].value = "LARGE_GENERIC"
        await next_step(pilot, wizard, 3)
        naming = wizard.steps[3]
        assert "version" not in naming.fields
        naming.fields["display_name"].value = "hosting-llama-new"
        await next_step(pilot, wizard, 4)
        review = wizard.steps[4]
        body = json.loads(review.body)
        assert (body["type"], body["unitShape"], body["unitCount"]) == ("HOSTING", "LARGE_GENERIC", 2)
        assert review.cli.startswith("oci --region us-chicago-1 generative-ai dedicated-ai-cluster create")
        assert "--unit-shape LARGE_GENERIC" in review.cli and "--type HOSTING" in review.cli
        assert dict(review.summary)["Shape"] == "LARGE_GENERIC × 2"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not wizard, what="wizard closed")
        created = wizard.submission.result
        tracked = {t.id: t for t in app.tracker.items()}
        assert created.work_request_id in tracked and created.data.lifecycle_state == "CREATING"
        emu.clock.advance(600)
        await wait_until(pilot, lambda: tracked[created.work_request_id].settled, what="work request settled")
        got = app.genai.get("dedicated_ai_cluster", created.data.id).data
        assert (got.lifecycle_state, got.unit_count, got.type) == ("ACTIVE", 2, "HOSTING")


async def test_fine_tuning_cluster_preset_and_fixed_units_warned(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        wizard = await _open(app, pilot, emu)
        await pick_radio(pilot, wizard.steps[0], "cl-type-fine_tuning")
        assert wizard.draft.cluster_type == "FINE_TUNING"
        fields = await _to_shape(pilot, wizard, "cohere.command-r-08-2024")
        assert (fields["unit_shape"].value, fields["unit_count"].value) == ("SMALL_COHERE_V2", "8")
        assert all(not c.imported for c in wizard.steps[1].picker.items)  # imported models are hosted only
        fields["unit_count"].value = "4"
        await pilot.pause()
        assert "fixed" in str(fields["unit_count"].query_one(".field-message").render())
        await next_step(pilot, wizard, 3)  # a warning never blocks
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 3 and "Name:" in status_of(wizard)
