"""Validation 400s name the field; if-match 412; 409 for a model an ACTIVE endpoint uses and for a
transitional state; opc-retry-token replay returns the original and creates nothing new."""

from __future__ import annotations

import json

import oci
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oci.generative_ai import models as m

from tui.emulator import validate
from tui.emulator.wire import ApiError

REGION = "us-chicago-1"


def body_for(demo, **override):
    info = demo.seed_info
    body = {
        "compartmentId": info.compartments["genai-prod-models"],
        "baseModelId": info.models[REGION]["cohere.command-r-08-2024"],
        "displayName": "ft",
        "fineTuneDetails": {
            "dedicatedAiClusterId": info.clusters[REGION]["ft-cohere-chicago"],
            "trainingDataset": {"datasetType": "OBJECT_STORAGE", "namespaceName": "n", "bucketName": "b",
                                "objectName": "t.jsonl"},
            "trainingConfig": {"trainingConfigType": "TFEW_TRAINING_CONFIG"},
        },
    }
    body.update(override)
    return body


def post(demo, signed, send, path, body, **headers):
    return send(signed("POST", f"{demo.url}/{REGION}/20231130/{path}", json.dumps(body).encode(), **headers))


@pytest.mark.parametrize("mutate,field,code", [
    (lambda b: b.pop("compartmentId"), "compartmentId", "MissingParameter"),
    (lambda b: b.pop("fineTuneDetails"), "fineTuneDetails", "MissingParameter"),
    (lambda b: b["fineTuneDetails"]["trainingDataset"].pop("objectName"),
     "fineTuneDetails.trainingDataset.objectName", "MissingParameter"),
    (lambda b: b["fineTuneDetails"]["trainingDataset"].update(datasetType="S3"),
     "fineTuneDetails.trainingDataset.datasetType", "InvalidParameter"),
    (lambda b: b["fineTuneDetails"]["trainingConfig"].update(trainingConfigType="QLORA"),
     "fineTuneDetails.trainingConfig.trainingConfigType", "InvalidParameter"),
    (lambda b: b["fineTuneDetails"]["trainingConfig"].update(totalTrainingEpochs=1.5),
     "fineTuneDetails.trainingConfig.totalTrainingEpochs", "InvalidParameter"),
    (lambda b: b["fineTuneDetails"]["trainingConfig"].update(loraR=8),
     "fineTuneDetails.trainingConfig.loraR", "InvalidParameter"),
    (lambda b: b.update(displayName="9 lives"), "displayName", "InvalidParameter"),
    (lambda b: b.update(freeformTags={"a": 1}), "freeformTags", "InvalidParameter"),
    (lambda b: b.update(baseModelId="not-an-ocid"), "baseModelId", "InvalidParameter"),
    (lambda b: b.update(baseModelId=b["baseModelId"][:-4] + "zzzz"), "baseModelId",
     "RelatedResourceNotAuthorizedOrNotFound"),
    (lambda b: b["fineTuneDetails"].update(dedicatedAiClusterId=b["fineTuneDetails"]["dedicatedAiClusterId"][:-3]
                                           + "zzz"), "fineTuneDetails.dedicatedAiClusterId",
     "RelatedResourceNotAuthorizedOrNotFound"),
])
def test_create_model_validation_names_the_field(demo, signed, send, mutate, field, code):
    body = body_for(demo)
    mutate(body)
    resp = post(demo, signed, send, "models", body)
    assert resp.status_code == 400, resp.text
    assert resp.json()["code"] == code and field in resp.json()["message"]


def test_base_model_without_fine_tune_is_rejected(demo, signed, send):
    body = body_for(demo, baseModelId=demo.seed_info.models[REGION]["xai.grok-4"])
    resp = post(demo, signed, send, "models", body)
    assert resp.status_code == 400 and "FINE_TUNE" in resp.json()["message"]
    assert "baseModelId" in resp.json()["message"]


@pytest.mark.parametrize("source,caps,field", [
    ({"sourceType": "HUGGING_FACE_MODEL", "modelId": "no-slash"}, None, "dataSource.modelId"),
    ({"sourceType": "HUGGING_FACE_MODEL"}, None, "dataSource.modelId"),
    ({"sourceType": "GIT"}, None, "dataSource.sourceType"),
    ({"sourceType": "OBJECT_STORAGE_OBJECT", "namespaceName": "n", "bucketName": "b"}, None, "dataSource.prefixName"),
    ({"sourceType": "OBJECT_STORAGE_OBJECT", "namespaceName": "n", "bucketName": "b", "prefixName": "p",
      "region": "moon-1"}, None, "dataSource.region"),
    ({"sourceType": "HUGGING_FACE_MODEL", "modelId": "a/b"}, ["TEXT_TO_TEXT", "EMBEDDING"], "capabilities"),
    ({"sourceType": "HUGGING_FACE_MODEL", "modelId": "a/b"}, ["CHAT"], "capabilities"),
    ({"sourceType": "HUGGING_FACE_MODEL", "modelId": "a/b"}, [], "capabilities"),
])
def test_create_imported_validation(demo, signed, send, source, caps, field):
    body = {"compartmentId": demo.seed_info.compartments["genai-prod-models"], "dataSource": source}
    if caps is not None:
        body["capabilities"] = caps
    resp = post(demo, signed, send, "importedModels", body)
    assert resp.status_code == 400 and field in resp.json()["message"], resp.text


def test_unparseable_body(demo, signed, send):
    resp = send(signed("POST", f"{demo.url}/20231130/models", b"{nope"))
    assert resp.status_code == 400 and resp.json()["code"] == "CannotParseRequest"


def test_if_match_mismatch_is_412(gen, demo):
    mid = demo.seed_info.models[REGION]["legal-summarizer"]
    for call in (lambda: gen.update_model(mid, m.UpdateModelDetails(description="x"), if_match="stale"),
                 lambda: gen.delete_model(mid, if_match="stale"),
                 lambda: gen.change_model_compartment(mid, m.ChangeModelCompartmentDetails(
                     compartment_id=demo.seed_info.compartments["sandbox-bob"]), if_match="stale")):
        with pytest.raises(oci.exceptions.ServiceError) as exc:
            call()
        assert exc.value.status == 412 and exc.value.code == "NoEtagMatch"
    assert gen.get_model(mid).data.description == "Summarises contracts"


def test_delete_model_used_by_active_endpoint_is_409(gen, demo):
    info = demo.seed_info
    with pytest.raises(oci.exceptions.ServiceError) as exc:
        gen.delete_model(info["endpoint_model_id"])
    assert exc.value.status == 409 and exc.value.code == "Conflict"
    assert "support-bot-endpoint" in exc.value.message and info["endpoint_id"] in exc.value.message
    # a FAILED endpoint does not hold its model
    assert gen.delete_model(info.models[REGION]["legal-summarizer"]).status == 202
    with pytest.raises(oci.exceptions.ServiceError) as exc:
        gen.delete_imported_model(info["active_imported_model_id"])
    assert exc.value.status == 409 and "gemma-endpoint" in exc.value.message


def test_transitional_state_is_409_incorrect_state(gen, demo):
    mid = demo.seed_info["creating_model_id"]
    with pytest.raises(oci.exceptions.ServiceError) as exc:
        gen.update_model(mid, m.UpdateModelDetails(description="x"))
    assert exc.value.status == 409 and exc.value.code == "IncorrectState"


def test_base_models_cannot_be_changed(gen, demo):
    with pytest.raises(oci.exceptions.ServiceError) as exc:
        gen.delete_model(demo.seed_info.models[REGION]["xai.grok-4"])
    assert exc.value.status == 400


def test_retry_token_replay_returns_original(demo, signed, send):
    store = demo.store(REGION)
    before = len(store.models)
    body = body_for(demo, displayName="once")
    first = post(demo, signed, send, "models", body, **{"opc-retry-token": "tok-1"})
    second = post(demo, signed, send, "models", body, **{"opc-retry-token": "tok-1"})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first.headers["opc-work-request-id"] == second.headers["opc-work-request-id"]
    assert first.headers["opc-request-id"] != second.headers["opc-request-id"]
    assert len(store.models) == before + 1
    other = post(demo, signed, send, "models", body_for(demo, displayName="twice"), **{"opc-retry-token": "tok-1"})
    assert other.status_code == 409 and other.json()["code"] == "InvalidatedRetryToken"
    fresh = post(demo, signed, send, "models", body, **{"opc-retry-token": "tok-2"})
    assert fresh.json()["id"] != first.json()["id"] and len(store.models) == before + 2


def test_retry_token_via_sdk(gen, demo):
    info = demo.seed_info
    details = m.CreateImportedModelDetails(compartment_id=info.compartments["genai-dev"],
                                           data_source=m.HuggingFaceModel(model_id="google/gemma-2-9b-it"))
    a = gen.create_imported_model(details, opc_retry_token="same")
    b = gen.create_imported_model(details, opc_retry_token="same")
    assert a.data.id == b.data.id
    assert len(gen.list_imported_models(info.compartments["genai-dev"]).data.items) == 1


@given(st.text(max_size=300))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_display_name_rule(name):
    ok = (1 <= len(name) <= 255 and (name[0].isascii() and (name[0].isalpha() or name[0] == "_"))
          and all(c.isascii() and (c.isalnum() or c in "_-.") for c in name))
    try:
        validate.display_name({"displayName": name})
        accepted = True
    except ApiError as exc:
        accepted = False
        assert exc.status == 400 and "displayName" in exc.message
    assert accepted == ok


@given(st.text(max_size=80))
def test_hugging_face_id_rule(model_id):
    match = validate.HF_MODEL_ID.fullmatch(model_id)
    if match:
        org, name = model_id.split("/")
        assert org and name and "/" not in name
