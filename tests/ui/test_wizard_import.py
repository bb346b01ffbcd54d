"""The import wizard end to end: Hugging Face and Object Storage sources, the one-capability rule,
switching sources without losing input, and the review's body and CLI equivalent."""

from __future__ import annotations

import json

from tests.helpers import (
    count, import_hf_to_review, next_step, open_import, pick_radio, ready, status_of, wait_until,
)

REGION = "us-chicago-1"


async def test_hugging_face_import_is_created_and_tracked(make_app):
    app, emu = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        await import_hf_to_review(pilot, wizard, commit="0123abc", name="gemma_hf")
        body = json.loads(wizard.steps[3].body)
        assert body["dataSource"] == {"sourceType": "HUGGING_FACE_MODEL", "modelId": "google/gemma-2-9b-it",
                                      "branch": "main", "commit": "0123abc"}
        assert body["capabilities"] == ["TEXT_TO_TEXT"]
        cli = wizard.steps[3].cli
        assert "imported-model create-from-huggingface" in cli and "--commit 0123abc" in cli
        assert "--capabilities TEXT_TO_TEXT" in cli and "--access-token" not in cli
        shown = wizard.steps[3].shown_text().splitlines()
        assert shown[:3] == ["Source      Hugging Face google/gemma-2-9b-it @ main", "Capability  TEXT_TO_TEXT",
                             "Name        gemma_hf"]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not wizard, what="submitted")
        assert count(emu, REGION, "imported", "gemma_hf") == 1
        wr_id = wizard.submission.result.work_request_id
        tracked = {t.id: t for t in app.tracker.items()}[wr_id]
        emu.clock.advance(300)
        await wait_until(pilot, lambda: tracked.settled, what="import settled")
        assert tracked.wr.status == "SUCCEEDED"


async def test_object_storage_import_with_bucket_region(make_app):
    app, emu = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        src = wizard.steps[0]
        src.hf["hf_model_id"].value = "meta-llama/Llama-3.1-8B-Instruct"  # typed, then switched away
        await pick_radio(pilot, src, "src-os")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 0 and "Namespace: is required" in status_of(wizard)
        src.os["os_namespace"].value, src.os["os_bucket"].value = "demo-namespace", "model-artifacts"
        src.os["os_prefix"].value = "llama-3.1-8b-instruct/"
        src.query_one("#os-region").value = "us-ashburn-1"
        await next_step(pilot, wizard, 1)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 1 and "choose exactly one" in status_of(wizard)
        await pick_radio(pilot, wizard.steps[1], "cap-embedding")
        await pick_radio(pilot, wizard.steps[1], "cap-rerank")  # a RadioSet keeps exactly one
        await next_step(pilot, wizard, 2)
        wizard.steps[2].fields["display_name"].value = "llama_bucket"
        await next_step(pilot, wizard, 3)
        body = json.loads(wizard.steps[3].body)
        assert body["capabilities"] == ["RERANK"]
        assert body["dataSource"] == {"sourceType": "OBJECT_STORAGE_OBJECT", "namespaceName": "demo-namespace",
                                      "bucketName": "model-artifacts", "prefixName": "llama-3.1-8b-instruct/",
                                      "region": "us-ashburn-1"}
        assert "create-from-objectstorage" in wizard.steps[3].cli and "--region us-ashburn-1" in wizard.steps[3].cli
        # back to the source: the Hugging Face id typed before switching is still there
        for _ in range(3):
            await pilot.press("ctrl+b")
        await pilot.pause()
        assert src.hf["hf_model_id"].value == "meta-llama/Llama-3.1-8B-Instruct"
        for _ in range(3):
            await next_step(pilot, wizard)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not wizard, what="submitted")
        stored = next(r for r in emu.store(REGION).imported.values() if r.data["displayName"] == "llama_bucket")
        assert stored.data["capabilities"] == ["RERANK"]
        assert stored.data["dataSource"]["region"] == "us-ashburn-1"


async def test_invalid_source_fields_name_their_rule(make_app):
    app, emu = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        src = wizard.steps[0]
        src.hf["hf_model_id"].value = "just-a-name"
        src.hf["hf_commit"].value = "not-hex!"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 0
        assert "must be org/name" in str(src.hf["hf_model_id"].query_one(".field-message").render())
        assert "7 to 64 hex digits" in str(src.hf["hf_commit"].query_one(".field-message").render())
        assert src.hf["hf_model_id"].input.has_class("-invalid")
