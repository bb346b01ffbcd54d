"""Clusters and endpoints through tui/cloud (descriptors, generic operations, named wrappers) against
the local service over loopback HTTP with the real SDK."""

from __future__ import annotations

import oci
import pytest

from tui.cloud import builders_serving as bs
from tui.cloud.errors import CloudError
from tui.cloud.operations import Result
from tui.cloud.resources import DEDICATED_AI_CLUSTER, ENDPOINT, KINDS, kind_of
from tui.ui.data.presentation import presentation

CHI = "us-chicago-1"
CLIENT = oci.generative_ai.GenerativeAiClient


def advance(emu, seconds):
    return lambda wr: emu.clock.advance(seconds)


# -- descriptors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [DEDICATED_AI_CLUSTER, ENDPOINT])
def test_descriptor_names_exist_in_the_sdk(kind):
    assert KINDS[kind.key] is kind
    for attr in ("list_method", "get_method", "create_method", "update_method", "change_compartment_method",
                 "delete_method"):
        assert callable(getattr(CLIENT, getattr(kind, attr)))
    model_attrs = set(kind.sdk_class("model")().swagger_types)
    assert {f.attr for f in presentation(kind).detail_fields} <= model_attrs
    assert presentation(kind).columns and not presentation(kind).summary_fields  # computed columns
    update_attrs = set(kind.sdk_class("update_details")().swagger_types)
    assert set(kind.updatable_fields) == update_attrs
    model_cls = kind.sdk_class("model")
    states = {getattr(model_cls, n) for n in dir(model_cls) if n.startswith("LIFECYCLE_STATE_")}
    assert states == set(kind.lifecycle_states)
    assert kind.sdk_class("change_compartment_details")
    assert set(kind.work_request_types.values()) <= set(_wr_operation_types())


def _wr_operation_types() -> list[str]:
    cls = oci.generative_ai.models.WorkRequest
    return [getattr(cls, n) for n in dir(cls) if n.startswith("OPERATION_TYPE_")]


def test_descriptor_facts():
    assert kind_of("cluster") is kind_of("dedicated-ai-cluster") is DEDICATED_AI_CLUSTER
    assert kind_of("endpoints") is kind_of("ep") is ENDPOINT
    assert "NEEDS_ATTENTION" in DEDICATED_AI_CLUSTER.lifecycle_states and "NEEDS_ATTENTION" not in ENDPOINT.lifecycle_states
    assert DEDICATED_AI_CLUSTER.type_values == ("HOSTING", "FINE_TUNING")
    assert DEDICATED_AI_CLUSTER.sort_fields == ("timeCreated", "displayName", "lifecycleState")
    assert ENDPOINT.sort_fields == ("displayName", "timeCreated")
    assert ENDPOINT.work_request_types["create"] == "CREATE_ENDPOINT"
    assert DEDICATED_AI_CLUSTER.work_request_types["update"] == "UPDATE_DEDICATED_AI_CLUSTER"
    assert all(k.is_async(op) for k in (DEDICATED_AI_CLUSTER, ENDPOINT) for op in ("create", "update", "delete"))


# -- list ----------------------------------------------------------------------------------------------

def test_generic_list_paginates_filters_and_sorts(genai, emulator):
    eps = emulator.seed_info.compartments["genai-prod-endpoints"]
    res = genai.list_resources(ENDPOINT, eps, page_size=2)
    assert isinstance(res, Result) and res.pages >= 3 and res.opc_request_id and res.region == CHI
    names = [e.display_name for e in res.data]
    assert len(names) == len(set(names)) >= 5
    asc = [e.display_name for e in genai.list_resources("endpoint", eps, sort_by="name", sort_order="asc", page_size=2).data]
    assert asc == sorted(names)
    desc = [e.display_name for e in genai.list_resources("endpoint", eps, sort_by="displayName", sort_order="DESC").data]
    assert desc == sorted(names, reverse=True)
    by_time = [e.time_created for e in genai.list_resources("endpoint", eps, sort_by="timeCreated", sort_order="ASC").data]
    assert by_time == sorted(by_time)
    failed = genai.list_resources(ENDPOINT, eps, lifecycle_state="failed").data
    assert [e.display_name for e in failed] == ["legal-endpoint"]
    one = genai.list_resources(ENDPOINT, eps, display_name="gemma-gpu-canary").data
    assert [e.display_name for e in one] == ["gemma-gpu-canary"]
    assert [e.id for e in genai.list_resources(ENDPOINT, eps, id=one[0].id).data] == [one[0].id]
    with pytest.raises(CloudError) as info:
        genai.list_resources(ENDPOINT, eps, sort_by="lifecycleState")
    assert info.value.field == "sort_by"  # type: ignore[attr-defined]


def test_cluster_list_sorts_and_refuses_model_filters(genai, emulator):
    eps = emulator.seed_info.compartments["genai-prod-endpoints"]
    clusters = genai.list_resources(DEDICATED_AI_CLUSTER, eps, sort_by="lifecycleState", page_size=1)
    assert clusters.pages == len(clusters.data) >= 2
    states = [c.lifecycle_state for c in clusters.data]
    assert states == sorted(states)
    times = [c.time_created for c in genai.list_resources(DEDICATED_AI_CLUSTER, eps, sort_by="timeCreated").data]
    assert times == sorted(times, reverse=True)
    for kwargs in ({"vendor": "cohere"}, {"capability": "CHAT"}):
        with pytest.raises(CloudError) as info:
            genai.list_resources(DEDICATED_AI_CLUSTER, eps, **kwargs)
        assert info.value.field == next(iter(kwargs))  # type: ignore[attr-defined]


def test_named_wrappers_keep_their_old_signatures(genai, emulator):
    info = emulator.seed_info
    models = info.extras["models_compartment_id"]
    ft = genai.list_dedicated_ai_clusters(models, cluster_type="fine_tuning", lifecycle_state="active").data
    assert {c.display_name for c in ft} == {"ft-cohere-chicago", "ft-llama-chicago"}
    hosting = genai.list_dedicated_ai_clusters(info.compartments["genai-prod-endpoints"], cluster_type="HOSTING",
                                               sort_by="displayName", sort_order="ASC").data
    assert [c.display_name for c in hosting] == ["hosting-chicago", "hosting-gpu-chicago"]
    eps = info.compartments["genai-prod-endpoints"]
    used = genai.list_endpoints(eps, model_id=info.extras["endpoint_model_id"])
    assert [e.id for e in used.data] == [info.extras["endpoint_id"]] and used.region == CHI
    frankfurt = genai.list_endpoints(eps, region="eu-frankfurt-1").data
    assert "legal-endpoint-v2" in {e.display_name for e in frankfurt}


# -- get / create / update / move / delete ----------------------------------------------------------

def test_cluster_round_trip_with_etags_and_work_requests(genai, emulator):
    info = emulator.seed_info
    dev = info.compartments["genai-dev"]
    details = bs.create_cluster_details(dev, "hosting", "large_generic", 1, display_name="scale-me",
                                        freeform_tags={"team": "ml"})
    created = genai.create_dedicated_ai_cluster(details)
    assert created.work_request_id and created.etag and created.retry_token and created.region == CHI
    assert created.data.lifecycle_state == "CREATING"
    wr = genai.work_requests.wait(created.work_request_id, on_progress=advance(emulator, 30), interval=0.01,
                                  timeout=30)
    assert wr.status == "SUCCEEDED" and wr.operation_type == "CREATE_DEDICATED_AI_CLUSTER"
    got = genai.get_dedicated_ai_cluster(created.data.id)
    assert got.etag and got.data.lifecycle_state == "ACTIVE"

    with pytest.raises(CloudError) as stale:
        genai.update_dedicated_ai_cluster(got.data.id, {"unit_count": 2}, if_match="not-the-etag")
    assert stale.value.status == 412
    upd = genai.update(DEDICATED_AI_CLUSTER, got.data.id, {"unit_count": 2, "description": "scaled"},
                       if_match=got.etag)
    assert upd.work_request_id and upd.data.lifecycle_state == "UPDATING"
    genai.work_requests.wait(upd.work_request_id, on_progress=advance(emulator, 15), interval=0.01, timeout=30)
    scaled = genai.get(DEDICATED_AI_CLUSTER, got.data.id).data
    assert (scaled.unit_count, scaled.capacity.total_endpoint_capacity, scaled.description) == (2, 100, "scaled")

    etag = genai.get_dedicated_ai_cluster(got.data.id).etag
    with pytest.raises(CloudError) as moved_stale:
        genai.change_dedicated_ai_cluster_compartment(got.data.id, info.compartments["sandbox-bob"], if_match="x")
    assert moved_stale.value.status == 412
    moved = genai.change_dedicated_ai_cluster_compartment(got.data.id, info.compartments["sandbox-bob"],
                                                          if_match=etag)
    assert moved.work_request_id is None and moved.retry_token and moved.opc_request_id
    assert genai.get_dedicated_ai_cluster(got.data.id).data.compartment_id == info.compartments["sandbox-bob"]

    with pytest.raises(CloudError) as del_stale:
        genai.delete_dedicated_ai_cluster(got.data.id, if_match="x")
    assert del_stale.value.status == 412
    gone = genai.delete(DEDICATED_AI_CLUSTER, got.data.id, if_match=genai.get_dedicated_ai_cluster(got.data.id).etag)
    final = genai.work_requests.wait(gone.work_request_id, on_progress=advance(emulator, 15), interval=0.01,
                                     timeout=30)
    assert final.operation_type == "DELETE_DEDICATED_AI_CLUSTER" and final.status == "SUCCEEDED"
    assert genai.get_dedicated_ai_cluster(got.data.id).data.lifecycle_state == "DELETED"


def test_endpoint_round_trip_on_a_new_cluster(genai, emulator):
    info = emulator.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    gemma = info.extras["active_imported_model_id"]
    london_gpu = info.clusters["uk-london-1"]["hosting-gpu-london"]
    london_gemma = info.imported_models["uk-london-1"]["gemma-2-9b-it"]
    details = bs.create_endpoint_details(
        eps, london_gemma, london_gpu, display_name="gemma-london",
        content_moderation_config=bs.content_moderation_config(True, "block"),
        prompt_injection_config=bs.prompt_injection_config(True, "INFORM"),
        pii_detection_config=bs.pii_detection_config(False))
    created = genai.create_endpoint(details)  # region from the cluster's OCID
    assert created.region == "uk-london-1" and created.work_request_id and created.etag
    wr = genai.work_requests.wait(created.work_request_id, region="uk-london-1",
                                  on_progress=advance(emulator, 15), interval=0.01, timeout=30)
    assert wr.status == "SUCCEEDED" and wr.operation_type == "CREATE_ENDPOINT"
    ep = genai.get_endpoint(created.data.id)
    assert ep.data.content_moderation_config.mode == "BLOCK" and ep.data.prompt_injection_config.is_enabled
    cluster = genai.get_dedicated_ai_cluster(london_gpu).data
    assert cluster.capacity.used_endpoint_capacity == 1

    upd = genai.update_endpoint(ep.data.id, {"pii_detection_config": bs.pii_detection_config(True, "BLOCK"),
                                             "description": "pii on"}, if_match=ep.etag)
    assert upd.work_request_id
    genai.work_requests.wait(upd.work_request_id, region="uk-london-1", on_progress=advance(emulator, 5),
                             interval=0.01, timeout=30)
    after = genai.get_endpoint(ep.data.id).data
    assert after.pii_detection_config.mode == "BLOCK" and after.lifecycle_state == "ACTIVE"

    with pytest.raises(CloudError) as busy:
        genai.delete_dedicated_ai_cluster(london_gpu)
    assert busy.value.status == 409 and "gemma-london" in busy.value.message

    moved = genai.change_endpoint_compartment(ep.data.id, info.compartments["genai-dev"])
    assert moved.retry_token and genai.get_endpoint(ep.data.id).data.compartment_id == info.compartments["genai-dev"]
    gone = genai.delete_endpoint(ep.data.id, if_match=genai.get_endpoint(ep.data.id).etag)
    genai.work_requests.wait(gone.work_request_id, region="uk-london-1", on_progress=advance(emulator, 15),
                             interval=0.01, timeout=30)
    assert genai.get_dedicated_ai_cluster(london_gpu).data.capacity.used_endpoint_capacity == 0
    assert gemma  # the Chicago model stays untouched by London's endpoint
    assert genai.get_imported_model(gemma).data.lifecycle_state == "ACTIVE"


def test_capacity_exhausted_create_fails_through_the_service_layer(genai, emulator):
    info = emulator.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    full, gemma = info.extras["nearly_full_cluster_id"], info.extras["active_imported_model_id"]
    fill = genai.create_endpoint(bs.create_endpoint_details(eps, gemma, full, display_name="fill"))
    over = genai.create_endpoint(bs.create_endpoint_details(eps, gemma, full, display_name="over"))
    final = genai.work_requests.wait(over.work_request_id, on_progress=advance(emulator, 20), interval=0.01,
                                     timeout=30)
    assert final.status == "FAILED"
    errors = genai.work_requests.errors(over.work_request_id).data
    assert errors[0].code == "ClusterCapacityExceeded" and "no free endpoint capacity" in errors[0].message
    assert genai.work_requests.get(fill.work_request_id).data.status == "SUCCEEDED"


def test_retry_token_replay_creates_one_endpoint(genai, emulator):
    info = emulator.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    details = bs.create_endpoint_details(eps, info.extras["active_imported_model_id"],
                                         info.extras["nearly_full_cluster_id"], display_name="replayed")
    first = genai.create_endpoint(details)
    second = genai.create_endpoint(details, retry_token=first.retry_token)
    assert first.data.id == second.data.id and first.work_request_id == second.work_request_id
    assert [e.display_name for e in genai.list_endpoints(eps).data].count("replayed") == 1


def test_update_refuses_fields_a_kind_does_not_have(genai, emulator):
    hosting = emulator.seed_info.extras["hosting_cluster_id"]
    with pytest.raises(CloudError) as info:
        genai.update_dedicated_ai_cluster(hosting, {"vendor": "acme"})
    assert info.value.field == "vendor"  # type: ignore[attr-defined]
    with pytest.raises(CloudError) as wrong:
        genai.update_endpoint(emulator.seed_info.extras["endpoint_id"], {"unit_count": 2})
    assert wrong.value.field == "unit_count"  # type: ignore[attr-defined]
    ft = emulator.seed_info.extras["ft_cluster_id"]
    with pytest.raises(CloudError) as fixed:
        genai.update_dedicated_ai_cluster(ft, {"unit_count": 2})
    assert fixed.value.status == 400 and "HOSTING" in fixed.value.message


def test_allocatable_gpus(genai, emulator):
    reservation = "ocid1.capacityreservation.oc1.us-chicago-1.amaaaaaareservation"
    dev = emulator.seed_info.compartments["genai-dev"]
    genai.create_dedicated_ai_cluster(bs.create_cluster_details(dev, "HOSTING", "H200_X8", 2,
                                                                capacity_reservation_id=reservation))
    res = genai.list_dedicated_ai_clusters_allocatable_gpus(dev, reservation, page_size=1)
    assert res.pages == len(res.data) >= 2
    h200 = next(g for g in res.data if g.compute_shape == "H200_X8")
    assert h200.total_used_gpu_units == 2
    only = genai.list_dedicated_ai_clusters_allocatable_gpus(dev, reservation, compute_shape="H200_X8").data
    assert [g.compute_shape for g in only] == ["H200_X8"]
    with pytest.raises(CloudError) as bad:
        genai.list_dedicated_ai_clusters_allocatable_gpus(dev, "not-an-ocid")
    assert bad.value.operation == "ListDedicatedAiClustersAllocatableGpus"


def test_missing_cluster_is_a_named_cloud_error(genai):
    missing = "ocid1.generativeaidedicatedaicluster.oc1.us-chicago-1.amaaaaaamissing"
    with pytest.raises(CloudError) as info:
        genai.get_dedicated_ai_cluster(missing)
    assert (info.value.status, info.value.operation, info.value.region) == (404, "GetDedicatedAiCluster", CHI)
