"""Lifecycles driven by a ManualClock: work requests ACCEPTED -> IN_PROGRESS -> SUCCEEDED/FAILED
with percent complete, times, errors and logs; resources CREATING -> ACTIVE/FAILED."""

from __future__ import annotations

import pytest
from oci.generative_ai import models as m

REGION = "us-chicago-1"


def create(gen, demo, *, base="cohere.command-r-08-2024", cluster="ft-cohere-chicago", obj="train.jsonl",
           config=None, cluster_id=None):
    info = demo.seed_info
    return gen.create_model(m.CreateModelDetails(
        compartment_id=info.compartments["genai-prod-models"], base_model_id=info.models[REGION][base],
        display_name="lc", fine_tune_details=m.FineTuneDetails(
            training_dataset=m.ObjectStorageDataset(namespace_name="n", bucket_name="b", object_name=obj),
            dedicated_ai_cluster_id=cluster_id or info.clusters[REGION][cluster],
            training_config=config or m.TFewTrainingConfig())))


def test_fine_tune_runs_to_active(gen, demo):
    resp = create(gen, demo)
    wr_id, mid = resp.headers["opc-work-request-id"], resp.data.id
    wr = gen.get_work_request(wr_id).data
    assert (wr.status, wr.percent_complete, wr.time_started, wr.time_finished) == ("ACCEPTED", 0.0, None, None)
    assert wr.resources[0].action_type == "IN_PROGRESS"
    demo.clock.advance(61)
    wr = gen.get_work_request(wr_id).data
    assert wr.status == "IN_PROGRESS" and 30 < wr.percent_complete < 70 and wr.time_started
    assert gen.get_model(mid).data.lifecycle_state == "CREATING"
    demo.clock.advance(60)
    wr = gen.get_work_request(wr_id).data
    assert (wr.status, wr.percent_complete) == ("SUCCEEDED", 100.0) and wr.time_finished >= wr.time_started
    assert wr.resources[0].action_type == "CREATED"
    model = gen.get_model(mid).data
    assert model.lifecycle_state == "ACTIVE" and model.model_metrics.final_loss > 0
    assert gen.list_work_request_errors(wr_id).data.items == []
    logs = [entry.message for entry in gen.list_work_request_logs(wr_id, sort_order="ASC").data.items]
    assert logs[0].endswith("accepted") and logs[-1].endswith("succeeded") and "Training" in logs


@pytest.mark.parametrize("kwargs,code,needle", [
    ({"config": m.LoraTrainingConfig(lora_r=8)}, "InvalidTrainingConfig", "LoRA"),
    ({"cluster": "ft-cohere-pending"}, "ClusterNotAvailable", "ACTIVE FINE_TUNING"),
    ({"cluster": "hosting-chicago"}, "ClusterNotAvailable", "HOSTING"),
    ({"obj": "train.csv"}, "InvalidTrainingData", ".jsonl"),
    ({"base": "meta.llama-3.3-70b-instruct", "config": m.TFewTrainingConfig()}, "InvalidTrainingConfig", "T-Few"),
])
def test_fine_tune_fails_realistically(gen, demo, kwargs, code, needle):
    resp = create(gen, demo, **kwargs)
    wr_id, mid = resp.headers["opc-work-request-id"], resp.data.id
    assert gen.list_work_request_errors(wr_id).data.items == []  # nothing yet
    demo.clock.advance(200)
    wr = gen.get_work_request(wr_id).data
    assert wr.status == "FAILED" and wr.percent_complete < 100 and wr.resources[0].action_type == "FAILED"
    errors = gen.list_work_request_errors(wr_id).data.items
    assert [e.code for e in errors] == [code] and needle in errors[0].message
    model = gen.get_model(mid).data
    assert model.lifecycle_state == "FAILED" and needle in model.lifecycle_details
    assert "failed" in gen.list_work_request_logs(wr_id).data.items[0].message  # DESC: newest first


@pytest.mark.parametrize("source,state,code", [
    (m.HuggingFaceModel(model_id="meta-llama/Llama-3.1-8B-Instruct"), "ACTIVE", None),
    (m.HuggingFaceModel(model_id="someone/unknown-model"), "FAILED", "UnsupportedModel"),
    (m.ObjectStorageObject(namespace_name="n", bucket_name="b", prefix_name="weights/"), "ACTIVE", None),
    (m.ObjectStorageObject(namespace_name="n", bucket_name="b", prefix_name="missing/"), "FAILED",
     "ModelArtifactsNotFound"),
])
def test_imports(gen, demo, source, state, code):
    resp = gen.create_imported_model(m.CreateImportedModelDetails(
        compartment_id=demo.seed_info.compartments["genai-prod-models"], data_source=source))
    assert resp.data.lifecycle_state == "CREATING"
    demo.clock.advance(10)  # a failing import stops at 30% of its 60 s
    assert gen.get_imported_model(resp.data.id).data.lifecycle_state == "CREATING"
    demo.clock.advance(60)
    assert gen.get_imported_model(resp.data.id).data.lifecycle_state == state
    errors = gen.list_work_request_errors(resp.headers["opc-work-request-id"]).data.items
    assert [e.code for e in errors] == ([code] if code else [])


def test_seeded_in_flight_fine_tune_finishes(gen, demo):
    mid = demo.seed_info["creating_model_id"]
    assert gen.get_model(mid).data.lifecycle_state == "CREATING"
    demo.clock.advance(200)
    assert gen.get_model(mid).data.lifecycle_state == "ACTIVE"


def test_durations_are_configurable(make_emulator, client_for):
    emu = make_emulator("empty", durations={"fine_tune": 10})
    gen = client_for(emu)
    info = emu.seed_info
    resp = gen.create_model(m.CreateModelDetails(
        compartment_id=emu.tenancy_id, base_model_id=info.models[REGION]["cohere.command-r-08-2024"],
        fine_tune_details=m.FineTuneDetails(
            training_dataset=m.ObjectStorageDataset(namespace_name="n", bucket_name="b", object_name="t.jsonl"),
            dedicated_ai_cluster_id=info["ft_cluster_id"])))
    assert resp.data.fine_tune_details.training_config.training_config_type == "TFEW_TRAINING_CONFIG"
    emu.clock.advance(12)
    assert gen.get_model(resp.data.id).data.lifecycle_state == "ACTIVE"
    with pytest.raises(ValueError):
        make_emulator("empty", durations={"finetune": 1})
