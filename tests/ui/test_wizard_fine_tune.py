"""The fine-tune wizard end to end against the local service: happy path, validation, going back,
and a fine-tune the service accepts but fails at run time (visible as FAILED with its errors)."""

from __future__ import annotations

import json

from tests.helpers import (
    count, fine_tune_to_review, next_step, open_fine_tune, ready, status_of, wait_until,
)

REGION = "us-chicago-1"


async def test_fine_tune_creates_a_tracked_custom_model(make_app):
    app, emu = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_fine_tune(app, pilot)
        names = [m.display_name for m in wizard.steps[0].picker.items]
        assert "meta.llama-3.3-70b-instruct" in names and all(
            "FINE_TUNE" in m.capabilities and m.lifecycle_state == "ACTIVE" for m in wizard.steps[0].picker.items)
        await fine_tune_to_review(pilot, wizard, name="ft_e2e", tags={"team": "qa"})
        body = json.loads(wizard.steps[6].body)
        assert body["fineTuneDetails"]["trainingConfig"]["trainingConfigType"] == "LORA_TRAINING_CONFIG"
        assert body["fineTuneDetails"]["trainingConfig"]["loraR"] == 8
        assert body["freeformTags"] == {"team": "qa"}
        assert "--version-parameterconflict" not in wizard.steps[6].cli  # no version typed
        assert wizard.steps[6].cli.startswith("oci --region us-chicago-1 generative-ai model create")
        # the review opens with a plain summary, then ONE scrollable page (no scroll area inside it)
        shown = wizard.steps[6].shown_text()
        assert shown.splitlines()[:2] == [f"Base model  {wizard.draft.base_model_name}", "Method      LORA"]
        for label in ("Cluster", "Dataset     oci://", "Name        ft_e2e"):
            assert label in shown, label
        assert not [w for w in wizard.steps[6].query("*") if w.is_scrollable and w.allow_vertical_scroll]
        assert '\n    "trainingConfig": {' in shown  # the body is indented by nesting level
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not wizard, what="wizard closed")
        assert count(emu, REGION, "models", "ft_e2e") == 1
        model = next(r for r in emu.store(REGION).models.values() if r.data["displayName"] == "ft_e2e")
        assert model.data["lifecycleState"] == "CREATING"
        assert model.data["fineTuneDetails"]["trainingConfig"]["loraR"] == 8
        wr_id = wizard.submission.result.work_request_id
        tracked = {t.id: t for t in app.tracker.items()}
        assert wr_id in tracked and "ft_e2e" in tracked[wr_id].label
        emu.clock.advance(600)
        await wait_until(pilot, lambda: tracked[wr_id].settled, what="work request settled")
        assert tracked[wr_id].wr.status == "SUCCEEDED"
        got = app.genai.get("model", model.data["id"])
        assert got.data.lifecycle_state == "ACTIVE"


async def test_each_step_is_validated_before_the_next(make_app):
    app, emu = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_fine_tune(app, pilot)
        wizard.steps[0].picker.selected = None
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 0 and "choose one" in status_of(wizard)
        assert wizard.steps[0].picker.select_where(lambda m: m.display_name == "cohere.command-r-08-2024")
        await next_step(pilot, wizard, 1)
        await next_step(pilot, wizard, 2)
        epochs = wizard.steps[2].fields["total_training_epochs"]
        epochs.value = "0"
        await pilot.press("ctrl+n")
        await pilot.pause()
        # Command R ranges are unconfirmed: 0 epochs still breaks the hard rule (at least 1)
        assert wizard.index == 2 and "Training epochs" in status_of(wizard)
        epochs.value = "25"  # outside the unconfirmed 1-10: a warning, not a block
        await pilot.pause()
        assert "unconfirmed" in str(epochs.query_one(".field-message").render())
        await next_step(pilot, wizard, 3)
        ds = wizard.steps[3].fields
        ds["namespace"].value, ds["bucket"].value, ds["object_name"].value = "ns", "bucket", "train.csv"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 3 and "must name a .jsonl file" in status_of(wizard)
        assert "must name a .jsonl file" in str(ds["object_name"].query_one(".field-message").render())
        ds["object_name"].value = "train.jsonl"
        await next_step(pilot, wizard, 4)
        wizard.steps[4].pasted.value = "ocid1.generativeaimodel.oc1.us-chicago-1.aaaa"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 4 and "generativeaidedicatedaicluster" in status_of(wizard)
        wizard.steps[4].pasted.value = ""
        await wait_until(pilot, lambda: wizard.steps[4].picker.loaded)
        assert wizard.steps[4].picker.select_where(lambda c: c.display_name.startswith("ft-cohere"))
        await next_step(pilot, wizard, 5)
        wizard.steps[5].fields["display_name"].value = "9lives"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 5 and "must start with a letter or underscore" in status_of(wizard)


async def test_going_back_keeps_every_value(make_app):
    app, emu = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_fine_tune(app, pilot)
        await fine_tune_to_review(pilot, wizard, name="keep_me", hyper={"lora_r": "16", "learning_rate": "0.0005"})
        for expected in (5, 4, 3, 2, 1, 0):
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert wizard.index == expected
        assert wizard.steps[0].picker.selected.display_name == "meta.llama-3.3-70b-instruct"
        for _ in range(6):
            await next_step(pilot, wizard)
        assert wizard.steps[2].fields["lora_r"].value == "16"
        assert wizard.steps[5].fields["display_name"].value == "keep_me"
        body = json.loads(wizard.steps[6].body)
        assert body["fineTuneDetails"]["trainingConfig"]["loraR"] == 16
        assert body["fineTuneDetails"]["trainingConfig"]["learningRate"] == 0.0005


async def test_a_fine_tune_that_fails_at_run_time_shows_failed_with_errors(make_app):
    """The pasted OCID is well-formed but names a cluster that is still CREATING: the service accepts
    the request and the job fails; the model turns FAILED and the work request carries the error."""
    app, emu = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_fine_tune(app, pilot)
        inactive = emu.seed_info.extras["inactive_ft_cluster_id"]
        await fine_tune_to_review(pilot, wizard, base="cohere.command-r-08-2024", cluster_ocid=inactive,
                                  name="doomed_ft")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not wizard, what="submitted")
        result = wizard.submission.result
        emu.clock.advance(600)
        tracked = {t.id: t for t in app.tracker.items()}[result.work_request_id]
        await wait_until(pilot, lambda: tracked.settled, what="work request settled")
        assert tracked.wr.status == "FAILED"  # the tracker toasts it and the Work requests view lists it
        wr = app.genai.work_requests.get(result.work_request_id, region=REGION)
        assert wr.data.status == "FAILED"
        errors = app.genai.work_requests.errors(result.work_request_id)
        messages = [e.message for e in getattr(errors, "data", errors)]
        assert any("ClusterNotAvailable" in m or "FINE_TUNING cluster" in m for m in messages), messages
        model = app.genai.get("model", result.data.id)
        assert model.data.lifecycle_state == "FAILED"
        assert "fine-tuning needs an ACTIVE FINE_TUNING cluster" in model.data.lifecycle_details
