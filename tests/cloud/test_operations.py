"""The twelve model operations through tui/cloud against the local service over loopback HTTP."""

from __future__ import annotations

import pytest

from tui.cloud import builders as b
from tui.cloud.errors import CloudError
from tui.cloud.operations import Result

CHI = "us-chicago-1"
LLAMA = "meta.llama-3.3-70b-instruct"


def ids(items):
    return [i.id for i in items]


def advance_each_poll(emu, seconds=15):
    return lambda wr: emu.clock.advance(seconds)


def fine_tune_body(emu, compartment, cluster_key="ft_llama_cluster_id", name="ft_one"):
    info = emu.seed_info
    base = info.models[CHI][LLAMA]
    ftd = b.fine_tune_details(
        b.object_storage_dataset("demo-ns", "training", "support/train.jsonl"),
        info.extras[cluster_key],
        b.lora_training_config(base_model_name=LLAMA, total_training_epochs=2),
    )
    return b.create_model_details(compartment, base, ftd, display_name=name, vendor="acme", version="1")


# -- list / get ------------------------------------------------------------------------------------

def test_list_models_returns_result_with_headers(genai, emulator):
    res = genai.list_models(emulator.seed_info.extras["models_compartment_id"])
    assert isinstance(res, Result)
    assert res.region == CHI and res.opc_request_id and res.work_request_id is None
    types = {m.type for m in res.data}
    assert types == {"BASE", "CUSTOM"}
    assert "support-bot-v1" in {m.display_name for m in res.data}


def test_get_model_and_imported_model_carry_etag(genai, emulator):
    model = genai.get_model(emulator.seed_info.extras["endpoint_model_id"])
    assert model.etag and model.data.display_name == "support-bot-v1" and model.data.type == "CUSTOM"
    imported = genai.get("imported_model", emulator.seed_info.extras["active_imported_model_id"])
    assert imported.etag and imported.data.lifecycle_state == "ACTIVE"
    assert imported.data.data_source.source_type == "HUGGING_FACE_MODEL"


def test_get_missing_is_404_with_hint(genai):
    missing = "ocid1.generativeaimodel.oc1.us-chicago-1.amaaaaaamissingmissing"
    with pytest.raises(CloudError) as info:
        genai.get_model(missing)
    err = info.value
    assert (err.status, err.code, err.operation, err.region) == (404, "NotAuthorizedOrNotFound", "GetModel", CHI)
    assert err.opc_request_id and "compartment" in err.hint


# -- create (fine-tune) to ACTIVE and to FAILED -----------------------------------------------------

def test_fine_tune_lifecycle_to_active(make_emulator, identity):
    from tui.cloud.auth import load_profile
    from tui.cloud.clients import CloudSession
    from tui.cloud.operations import GenAI

    emu = make_emulator("empty")
    g = GenAI(CloudSession(load_profile(config_file=str(identity.config_file)),
                           endpoint_template=emu.endpoint_template))
    res = g.create_model(fine_tune_body(emu, identity.tenancy_id))
    assert res.work_request_id and res.etag and res.retry_token
    assert res.data.lifecycle_state == "CREATING" and res.data.type == "CUSTOM"
    seen = []

    def progress(wr):
        seen.append((wr.status, wr.percent_complete))
        emu.clock.advance(25)

    final = g.work_requests.wait(res.work_request_id, on_progress=progress, interval=0.01, timeout=30)
    assert final.status == "SUCCEEDED" and final.percent_complete == 100
    assert seen[0][0] in ("ACCEPTED", "IN_PROGRESS") and len(seen) >= 3
    percents = [p for _, p in seen]
    assert percents == sorted(percents)
    model = g.get_model(res.data.id)
    assert model.data.lifecycle_state == "ACTIVE"
    assert model.data.fine_tune_details.training_config.training_config_type == "LORA_TRAINING_CONFIG"
    assert model.data.fine_tune_details.training_config.total_training_epochs == 2
    logs = g.work_requests.logs(res.work_request_id)
    assert logs.data and all(entry.message for entry in logs.data)


def test_fine_tune_on_a_hosting_cluster_fails(make_emulator, identity):
    from tui.cloud.auth import load_profile
    from tui.cloud.clients import CloudSession
    from tui.cloud.operations import GenAI

    emu = make_emulator("empty")
    g = GenAI(CloudSession(load_profile(config_file=str(identity.config_file)),
                           endpoint_template=emu.endpoint_template))
    res = g.create_model(fine_tune_body(emu, identity.tenancy_id, cluster_key="hosting_cluster_id", name="bad_ft"))
    final = g.work_requests.wait(res.work_request_id, on_progress=advance_each_poll(emu, 30), interval=0.01,
                                 timeout=30)
    assert final.status == "FAILED"
    errors = g.work_requests.errors(res.work_request_id)
    assert errors.data and "FINE_TUNING" in errors.data[0].message
    assert g.get_model(res.data.id).data.lifecycle_state == "FAILED"


def test_retry_token_replay_creates_once(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    before = {m.id for m in genai.list_models(comp).data}
    body = fine_tune_body(emulator, comp, name="replayed")
    first = genai.create_model(body, retry_token="token-abc-123")
    second = genai.create_model(body, retry_token=first.retry_token)
    assert first.retry_token == second.retry_token == "token-abc-123"
    assert first.data.id == second.data.id and first.work_request_id == second.work_request_id
    after = {m.id for m in genai.list_models(comp).data}
    assert after - before == {first.data.id}
    # without a token, each call gets a fresh one (and so a new resource)
    third = genai.create_model(body)
    assert third.retry_token and third.retry_token != first.retry_token and third.data.id != first.data.id


def test_create_rejects_wrong_body_type(genai):
    with pytest.raises(CloudError) as info:
        genai.create_model({"compartmentId": "x"})
    assert info.value.operation == "CreateModel"


# -- update / 412 / change compartment / delete / 409 -----------------------------------------------

def test_update_model_with_etag_and_412(genai, emulator):
    mid = emulator.seed_info.models[CHI]["legal-summarizer"]
    loaded = genai.get_model(mid)
    updated = genai.update_model(mid, b.update_details("model", display_name="legal_summarizer_b",
                                                      freeform_tags={"k": "v"}), if_match=loaded.etag)
    assert updated.data.display_name == "legal_summarizer_b" and updated.etag != loaded.etag
    assert updated.work_request_id is None  # Model update is synchronous
    with pytest.raises(CloudError) as info:
        genai.update_model(mid, {"description": "stale"}, if_match=loaded.etag)
    err = info.value
    assert err.status == 412 and err.code == "NoEtagMatch" and "reload" in err.hint.lower()
    assert genai.get_model(mid).data.description != "stale"
    # a mapping is accepted too, and unknown fields are named
    assert genai.update_model(mid, {"vendor": "me"}).data.vendor == "me"
    with pytest.raises(CloudError) as info:
        genai.update_model(mid, {"compartment_id": "x"})
    assert info.value.field == "compartment_id"


def test_change_compartment_both_kinds(genai, emulator):
    info = emulator.seed_info
    target = info.compartments["genai-prod-models-archive"]
    mid = info.models[CHI]["legal-summarizer"]
    etag = genai.get_model(mid).etag
    res = genai.change_model_compartment(mid, target, if_match=etag)
    assert res.data is None and res.opc_request_id and res.retry_token
    assert genai.get_model(mid).data.compartment_id == target
    with pytest.raises(CloudError) as err:
        genai.change_model_compartment(mid, info.compartments["genai-dev"], if_match=etag)
    assert err.value.status == 412
    imp = info.extras["active_imported_model_id"]
    genai.change_imported_model_compartment(imp, target)
    assert genai.get_imported_model(imp).data.compartment_id == target
    assert imp in ids(genai.list_imported_models(target).data)


def test_delete_model_in_use_is_409_then_delete_another(genai, emulator):
    info = emulator.seed_info
    with pytest.raises(CloudError) as err:
        genai.delete_model(info.extras["endpoint_model_id"])
    assert err.value.status == 409 and "in use" in err.value.hint
    mid = info.models[CHI]["legal-summarizer"]
    res = genai.delete_model(mid, if_match=genai.get_model(mid).etag)
    assert res.work_request_id and res.data is None
    assert genai.get_model(mid).data.lifecycle_state == "DELETING"
    final = genai.work_requests.wait(res.work_request_id, on_progress=advance_each_poll(emulator, 10),
                                     interval=0.01, timeout=30)
    assert final.status == "SUCCEEDED"
    assert genai.get_model(mid).data.lifecycle_state == "DELETED"


def test_imported_model_create_update_delete(genai, emulator):
    comp = emulator.seed_info.compartments["genai-dev"]
    details = b.create_imported_model_details(
        comp, b.hugging_face_data_source("google/gemma-2-9b-it", access_token="hf_secret_value"),
        capability="text-to-text", display_name="gemma_import", vendor="google")
    created = genai.create_imported_model(details)
    assert created.work_request_id and created.data.lifecycle_state == "CREATING"
    assert created.data.data_source.access_token is None  # never echoed
    wr = genai.work_requests.wait(created.work_request_id, on_progress=advance_each_poll(emulator, 20),
                                  interval=0.01, timeout=30)
    assert wr.status == "SUCCEEDED"
    got = genai.get_imported_model(created.data.id)
    assert got.data.lifecycle_state == "ACTIVE" and got.data.capabilities == ["TEXT_TO_TEXT"]
    upd = genai.update_imported_model(created.data.id, {"description": "v2"}, if_match=got.etag)
    assert upd.work_request_id  # ImportedModel update is async
    assert genai.get_imported_model(created.data.id).data.lifecycle_state == "UPDATING"
    genai.work_requests.wait(upd.work_request_id, on_progress=advance_each_poll(emulator, 5), interval=0.01,
                             timeout=30)
    after = genai.get_imported_model(created.data.id)
    assert after.data.lifecycle_state == "ACTIVE" and after.data.description == "v2"
    gone = genai.delete_imported_model(created.data.id, if_match=after.etag)
    assert gone.work_request_id
    genai.work_requests.wait(gone.work_request_id, on_progress=advance_each_poll(emulator, 10), interval=0.01,
                             timeout=30)
    assert genai.get_imported_model(created.data.id).data.lifecycle_state == "DELETED"


def test_object_storage_import_with_missing_artifacts_fails(genai, emulator):
    comp = emulator.seed_info.compartments["genai-dev"]
    details = b.create_imported_model_details(
        comp, b.object_storage_data_source("demo-ns", "models", "missing/llama/", region="ord"),
        capability="TEXT_TO_TEXT")
    res = genai.create_imported_model(details)
    wr = genai.work_requests.wait(res.work_request_id, on_progress=advance_each_poll(emulator, 20), interval=0.01,
                                  timeout=30)
    assert wr.status == "FAILED"
    assert genai.get_imported_model(res.data.id).data.lifecycle_state == "FAILED"
