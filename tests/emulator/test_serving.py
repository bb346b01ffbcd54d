"""Dedicated AI clusters and endpoints on the local service, through the real SDK over loopback HTTP:
CRUD with lifecycles and work requests, etags and if-match, retry tokens, pagination, filters and
sorts, and the serving rules (capacity, 409 on a cluster in use, endpoint creates that FAIL naming
the rule, scaling only HOSTING clusters, a fine-tune on an unsuitable shape FAILING)."""

from __future__ import annotations

import oci
import pytest
from oci.generative_ai import models as m

REGION = "us-chicago-1"


def err(call, *args, **kwargs) -> oci.exceptions.ServiceError:
    with pytest.raises(oci.exceptions.ServiceError) as info:
        call(*args, **kwargs)
    return info.value


def wr_of(gen, resp):
    return gen.get_work_request(resp.headers["opc-work-request-id"]).data


def errors_of(gen, resp) -> list[tuple[str, str]]:
    items = gen.list_work_request_errors(resp.headers["opc-work-request-id"]).data.items
    return [(e.code, e.message) for e in items]


def hosting_body(compartment, name="hc", shape="LARGE_GENERIC", units=1, ctype="HOSTING"):
    return m.CreateDedicatedAiClusterDetails(compartment_id=compartment, type=ctype, unit_shape=shape,
                                             unit_count=units, display_name=name, freeform_tags={"t": "1"})


def endpoint_body(compartment, model_id, cluster_id, name="ep", **kw):
    return m.CreateEndpointDetails(compartment_id=compartment, model_id=model_id, dedicated_ai_cluster_id=cluster_id,
                                   display_name=name, **kw)


@pytest.fixture
def empty(make_emulator, client_for):
    emu = make_emulator("empty")
    return emu, client_for(emu)


def add_compartment(emu, name="other") -> str:
    cid = f"ocid1.compartment.oc1..aaaaaaaa{name}"
    emu.identity.compartments[cid] = {"id": cid, "compartmentId": emu.tenancy_id, "name": name,
                                      "description": name, "timeCreated": "2026-01-01T00:00:00.000Z",
                                      "lifecycleState": "ACTIVE", "isAccessible": True}
    return cid


def llama_base(emu) -> str:
    return emu.seed_info.models[REGION]["meta.llama-3.3-70b-instruct"]


# -- clusters: the full lifecycle --------------------------------------------------------------------

def test_cluster_create_update_move_delete(empty):
    emu, gen = empty
    root = emu.tenancy_id
    created = gen.create_dedicated_ai_cluster(hosting_body(root, units=1))
    assert created.status == 201 and created.headers["etag"] and created.headers["opc-work-request-id"]
    c = created.data
    assert (c.lifecycle_state, c.type, c.unit_shape, c.unit_count) == ("CREATING", "HOSTING", "LARGE_GENERIC", 1)
    assert (c.capacity.total_endpoint_capacity, c.capacity.used_endpoint_capacity) == (50, 0)
    wr = wr_of(gen, created)
    assert wr.operation_type == "CREATE_DEDICATED_AI_CLUSTER" and wr.resources[0].identifier == c.id
    emu.clock.advance(100)
    assert wr_of(gen, created).status == "SUCCEEDED"
    got = gen.get_dedicated_ai_cluster(c.id)
    assert got.data.lifecycle_state == "ACTIVE" and got.headers["etag"] != created.headers["etag"]

    updated = gen.update_dedicated_ai_cluster(c.id, m.UpdateDedicatedAiClusterDetails(
        display_name="hc2", unit_count=3), if_match=got.headers["etag"])
    assert updated.data.lifecycle_state == "UPDATING" and updated.data.display_name == "hc2"
    assert updated.data.unit_count == 1  # scaling takes the work request's time
    assert wr_of(gen, updated).operation_type == "UPDATE_DEDICATED_AI_CLUSTER"
    emu.clock.advance(40)
    after = gen.get_dedicated_ai_cluster(c.id).data
    assert (after.lifecycle_state, after.unit_count, after.capacity.total_endpoint_capacity) == ("ACTIVE", 3, 150)

    target = add_compartment(emu)
    etag = gen.get_dedicated_ai_cluster(c.id).headers["etag"]
    moved = gen.change_dedicated_ai_cluster_compartment(
        c.id, m.ChangeDedicatedAiClusterCompartmentDetails(compartment_id=target), if_match=etag)
    assert moved.status == 202 and gen.get_dedicated_ai_cluster(c.id).data.compartment_id == target

    deleted = gen.delete_dedicated_ai_cluster(c.id)
    assert deleted.status == 202 and wr_of(gen, deleted).operation_type == "DELETE_DEDICATED_AI_CLUSTER"
    assert gen.get_dedicated_ai_cluster(c.id).data.lifecycle_state == "DELETING"
    emu.clock.advance(30)
    assert gen.get_dedicated_ai_cluster(c.id).data.lifecycle_state == "DELETED"
    assert c.id not in {x.id for x in gen.list_dedicated_ai_clusters(target).data.items}
    gone = gen.list_dedicated_ai_clusters(target, lifecycle_state="DELETED").data.items
    assert [x.id for x in gone] == [c.id]


def test_cluster_create_validates_fields(empty):
    emu, gen = empty
    bad = err(gen.create_dedicated_ai_cluster, hosting_body(emu.tenancy_id, ctype="SERVING"))
    assert bad.status == 400 and "type" in bad.message
    missing = err(gen.create_dedicated_ai_cluster, hosting_body(emu.tenancy_id, units=None))
    assert missing.status == 400 and "unitCount" in missing.message
    zero = err(gen.create_dedicated_ai_cluster, hosting_body(emu.tenancy_id, units=0))
    assert zero.status == 400 and "unitCount" in zero.message
    # an unknown shape is accepted and kept; the SDK shows a value outside its enum as UNKNOWN_ENUM_VALUE
    odd = gen.create_dedicated_ai_cluster(hosting_body(emu.tenancy_id, shape="FUTURE_SHAPE_X9"))
    assert emu.store(REGION).clusters[odd.data.id].data["unitShape"] == "FUTURE_SHAPE_X9"
    assert odd.data.unit_shape == "UNKNOWN_ENUM_VALUE"


def test_unit_count_changes_only_on_hosting_clusters(gen, demo):
    ft = demo.seed_info.clusters[REGION]["ft-cohere-chicago"]
    e = err(gen.update_dedicated_ai_cluster, ft, m.UpdateDedicatedAiClusterDetails(unit_count=4))
    assert e.status == 400 and "HOSTING" in e.message and "unitCount" in e.message
    assert gen.get_dedicated_ai_cluster(ft).data.unit_count == 8
    # the same count (no change) and other fields are fine on a fine-tuning cluster
    ok = gen.update_dedicated_ai_cluster(ft, m.UpdateDedicatedAiClusterDetails(unit_count=8, description="d"))
    assert ok.data.description == "d"


def test_scale_down_refused_when_endpoints_need_the_capacity(empty):
    emu, gen = empty
    root = emu.tenancy_id
    hosting = emu.seed_info["hosting_cluster_id"]
    store = emu.store(REGION)
    store.clusters[hosting].data.update(unitCount=2, capacity={
        "capacityType": "HOSTING_CAPACITY", "totalEndpointCapacity": 2, "usedEndpointCapacity": 0})
    for n in range(2):
        gen.create_endpoint(endpoint_body(root, llama_base(emu), hosting, name=f"e{n}"))
    assert gen.get_dedicated_ai_cluster(hosting).data.capacity.used_endpoint_capacity == 2
    e = err(gen.update_dedicated_ai_cluster, hosting, m.UpdateDedicatedAiClusterDetails(unit_count=1))
    assert e.status == 409 and "endpoint" in e.message


# -- endpoints: the full lifecycle and capacity accounting -----------------------------------------

def test_endpoint_create_update_move_delete_moves_capacity(gen, demo):
    info = demo.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    gpu = info["nearly_full_cluster_id"]
    gemma = info["active_imported_model_id"]
    guard = dict(content_moderation_config=m.ContentModerationConfig(is_enabled=True, mode="BLOCK"),
                 prompt_injection_config=m.PromptInjectionConfig(is_enabled=True, mode="INFORM"),
                 pii_detection_config=m.PiiDetectionConfig(is_enabled=False))
    created = gen.create_endpoint(endpoint_body(eps, gemma, gpu, name="gemma-four", **guard))
    e = created.data
    assert created.status == 201 and created.headers["etag"]
    assert (e.lifecycle_state, e.model_id, e.dedicated_ai_cluster_id) == ("CREATING", gemma, gpu)
    assert (e.content_moderation_config.mode, e.prompt_injection_config.mode) == ("BLOCK", "INFORM")
    assert e.pii_detection_config.is_enabled is False
    assert wr_of(gen, created).operation_type == "CREATE_ENDPOINT"
    assert gen.get_dedicated_ai_cluster(gpu).data.capacity.used_endpoint_capacity == 4  # held while creating
    demo.clock.advance(40)
    assert gen.get_endpoint(e.id).data.lifecycle_state == "ACTIVE"
    assert gen.get_dedicated_ai_cluster(gpu).data.capacity.used_endpoint_capacity == 4

    etag = gen.get_endpoint(e.id).headers["etag"]
    upd = gen.update_endpoint(e.id, m.UpdateEndpointDetails(
        description="now informing", content_moderation_config=m.ContentModerationConfig(is_enabled=True,
                                                                                          mode="INFORM")),
        if_match=etag)
    assert upd.data.lifecycle_state == "UPDATING" and upd.data.content_moderation_config.mode == "INFORM"
    assert wr_of(gen, upd).operation_type == "UPDATE_ENDPOINT"
    demo.clock.advance(15)
    assert gen.get_endpoint(e.id).data.lifecycle_state == "ACTIVE"

    dev = info.compartments["genai-dev"]
    moved = gen.change_endpoint_compartment(e.id, m.ChangeEndpointCompartmentDetails(compartment_id=dev))
    assert moved.status == 202 and gen.get_endpoint(e.id).data.compartment_id == dev
    assert e.id in {x.id for x in gen.list_endpoints(dev).data.items}

    gone = gen.delete_endpoint(e.id, if_match=gen.get_endpoint(e.id).headers["etag"])
    assert gone.status == 202 and wr_of(gen, gone).operation_type == "DELETE_ENDPOINT"
    assert gen.get_dedicated_ai_cluster(gpu).data.capacity.used_endpoint_capacity == 4  # until it is gone
    demo.clock.advance(30)
    assert gen.get_endpoint(e.id).data.lifecycle_state == "DELETED"
    assert gen.get_dedicated_ai_cluster(gpu).data.capacity.used_endpoint_capacity == 3


def test_endpoint_guardrail_validation(demo, signed, send):
    import json

    info = demo.seed_info
    raw = {"compartmentId": info.compartments["genai-prod-endpoints"], "modelId": info["active_imported_model_id"],
           "dedicatedAiClusterId": info["nearly_full_cluster_id"],
           "contentModerationConfig": {"isEnabled": True, "mode": "SHOUT"}}
    url = f"{demo.url}/{REGION}/20231130/endpoints"
    reply = send(signed("POST", url, json.dumps(raw).encode()))
    assert reply.status_code == 400 and "contentModerationConfig.mode" in reply.json()["message"]
    raw["contentModerationConfig"] = {"mode": "BLOCK"}
    reply = send(signed("POST", url, json.dumps(raw).encode()))
    assert reply.status_code == 400 and "isEnabled" in reply.json()["message"]
    assert not [e for e in demo.store(REGION).endpoints.values() if e.data["displayName"].startswith("generativeai")]


@pytest.mark.parametrize("case,code,needle", [
    ("fine_tuning_cluster", "ClusterNotAvailable", "ACTIVE HOSTING"),
    ("needs_attention", "ClusterNotAvailable", "NEEDS_ATTENTION"),
    ("model_failed", "ModelNotAvailable", "ACTIVE model"),
    ("shape_mismatch", "ClusterShapeMismatch", "LARGE_GENERIC"),
    ("imported_on_cohere_shape", "ClusterShapeMismatch", "GPU shapes"),
])
def test_endpoint_create_fails_naming_the_rule(gen, client_for, demo, case, code, needle):
    info = demo.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    client = gen
    model, cluster = info["endpoint_model_id"], info["hosting_cluster_id"]
    if case == "fine_tuning_cluster":
        cluster = info.clusters[REGION]["ft-cohere-chicago"]
    elif case == "needs_attention":
        client = client_for(demo, "us-ashburn-1")
        model = info.models["us-ashburn-1"]["support-bot-v1"]
        cluster = info["needs_attention_cluster_id"]
    elif case == "model_failed":
        model, cluster = info["failed_model_id"], info.clusters[REGION]["hosting-chicago"]
    elif case == "shape_mismatch":  # a Command R custom model on the LARGE_GENERIC hosting cluster
        model = info["endpoint_model_id"]
    elif case == "imported_on_cohere_shape":
        model, cluster = info["active_imported_model_id"], info.clusters[REGION]["hosting-chicago"]
    before = client.get_dedicated_ai_cluster(cluster).data.capacity
    created = client.create_endpoint(endpoint_body(eps, model, cluster, name=case))
    assert created.status == 201 and created.data.lifecycle_state == "CREATING"
    if before is not None:  # a failing create never holds a slot
        assert (client.get_dedicated_ai_cluster(cluster).data.capacity.used_endpoint_capacity
                == before.used_endpoint_capacity)
    demo.clock.advance(60)
    wr = wr_of(client, created)
    assert wr.status == "FAILED" and wr.operation_type == "CREATE_ENDPOINT"
    errors = errors_of(client, created)
    assert [c for c, _ in errors] == [code] and needle in errors[0][1], errors
    got = client.get_endpoint(created.data.id).data
    assert got.lifecycle_state == "FAILED" and needle in got.lifecycle_details


def test_capacity_exhausted_create_fails(gen, demo):
    info = demo.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    gpu, gemma = info["nearly_full_cluster_id"], info["active_imported_model_id"]
    last = gen.create_endpoint(endpoint_body(eps, gemma, gpu, name="last-slot"))
    over = gen.create_endpoint(endpoint_body(eps, gemma, gpu, name="one-too-many"))
    cap = gen.get_dedicated_ai_cluster(gpu).data.capacity
    assert (cap.used_endpoint_capacity, cap.total_endpoint_capacity) == (4, 4)
    demo.clock.advance(60)
    assert wr_of(gen, last).status == "SUCCEEDED"
    assert wr_of(gen, over).status == "FAILED"
    [(code, message)] = errors_of(gen, over)
    assert code == "ClusterCapacityExceeded" and "4 of 4" in message
    assert gen.get_endpoint(over.data.id).data.lifecycle_state == "FAILED"
    assert gen.get_dedicated_ai_cluster(gpu).data.capacity.used_endpoint_capacity == 4


def test_missing_cluster_or_model_is_400(gen, demo):
    info = demo.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    nope_cluster = "ocid1.generativeaidedicatedaicluster.oc1.us-chicago-1.amaaaaaanope"
    e = err(gen.create_endpoint, endpoint_body(eps, info["endpoint_model_id"], nope_cluster))
    assert (e.status, e.code) == (400, "RelatedResourceNotAuthorizedOrNotFound") and "dedicatedAiClusterId" in e.message
    nope_model = "ocid1.generativeaimodel.oc1.us-chicago-1.amaaaaaanope"
    e = err(gen.create_endpoint, endpoint_body(eps, nope_model, info["hosting_cluster_id"]))
    assert e.status == 400 and "modelId" in e.message


# -- delete of a cluster in use ----------------------------------------------------------------------

def test_cluster_with_endpoints_refuses_delete_naming_them(gen, demo):
    hosting = demo.seed_info.clusters[REGION]["hosting-chicago"]
    e = err(gen.delete_dedicated_ai_cluster, hosting)
    assert e.status == 409 and e.code == "Conflict"
    assert "support-bot-endpoint" in e.message and demo.seed_info["endpoint_id"] in e.message
    assert "gemma-endpoint" in e.message and "legal-endpoint" in e.message  # FAILED ones are still attached
    assert gen.get_dedicated_ai_cluster(hosting).data.lifecycle_state == "ACTIVE"


def test_cluster_with_a_running_fine_tune_refuses_delete(gen, demo):
    ft = demo.seed_info.clusters[REGION]["ft-cohere-chicago"]  # support-bot-v2 is being fine-tuned on it
    e = err(gen.delete_dedicated_ai_cluster, ft)
    assert e.status == 409 and "support-bot-v2" in e.message and "fine-tuning" in e.message
    demo.clock.advance(300)  # the fine-tune finishes: nothing is attached any more
    assert gen.delete_dedicated_ai_cluster(ft).status == 202


def test_empty_cluster_deletes_after_its_endpoints_are_gone(empty):
    emu, gen = empty
    root, hosting = emu.tenancy_id, emu.seed_info["hosting_cluster_id"]
    ep = gen.create_endpoint(endpoint_body(root, llama_base(emu), hosting)).data
    assert err(gen.delete_dedicated_ai_cluster, hosting).status == 409
    emu.clock.advance(40)
    gen.delete_endpoint(ep.id)
    emu.clock.advance(30)
    assert gen.delete_dedicated_ai_cluster(hosting).status == 202


# -- etags, retry tokens ------------------------------------------------------------------------------

@pytest.mark.parametrize("what", ["update", "move", "delete"])
def test_if_match_mismatch_is_412(gen, demo, what):
    info = demo.seed_info
    ep = info["imported_endpoint_id"]
    stale = "0" * 32
    if what == "update":
        e = err(gen.update_endpoint, ep, m.UpdateEndpointDetails(description="x"), if_match=stale)
    elif what == "move":
        e = err(gen.change_endpoint_compartment, ep, m.ChangeEndpointCompartmentDetails(
            compartment_id=info.compartments["genai-dev"]), if_match=stale)
    else:
        e = err(gen.delete_endpoint, ep, if_match=stale)
    assert e.status == 412 and e.code == "NoEtagMatch"
    after = gen.get_endpoint(ep).data
    assert after.lifecycle_state == "ACTIVE" and after.description != "x"
    assert after.compartment_id == info.compartments["genai-prod-endpoints"]


def test_cluster_if_match(gen, demo):
    hosting = demo.seed_info["hosting_cluster_id"]
    stale = "f" * 32
    for call in (lambda: gen.update_dedicated_ai_cluster(hosting, m.UpdateDedicatedAiClusterDetails(
                     description="x"), if_match=stale),
                 lambda: gen.delete_dedicated_ai_cluster(hosting, if_match=stale),
                 lambda: gen.change_dedicated_ai_cluster_compartment(hosting, m.ChangeDedicatedAiClusterCompartmentDetails(
                     compartment_id=demo.seed_info.compartments["genai-dev"]), if_match=stale)):
        assert err(call).status == 412
    etag = gen.get_dedicated_ai_cluster(hosting).headers["etag"]
    assert gen.update_dedicated_ai_cluster(hosting, m.UpdateDedicatedAiClusterDetails(description="y"),
                                           if_match=etag).data.description == "y"


def test_retry_token_replays_creates(empty):
    emu, gen = empty
    root = emu.tenancy_id
    body = hosting_body(root, name="once")
    first = gen.create_dedicated_ai_cluster(body, opc_retry_token="cluster-token-1")
    again = gen.create_dedicated_ai_cluster(body, opc_retry_token="cluster-token-1")
    assert first.data.id == again.data.id
    assert first.headers["opc-work-request-id"] == again.headers["opc-work-request-id"]
    names = [c.display_name for c in gen.list_dedicated_ai_clusters(root).data.items]
    assert names.count("once") == 1
    clash = err(gen.create_dedicated_ai_cluster, hosting_body(root, name="other"), opc_retry_token="cluster-token-1")
    assert (clash.status, clash.code) == (409, "InvalidatedRetryToken")

    hosting = emu.seed_info["hosting_cluster_id"]
    ep_body = endpoint_body(root, llama_base(emu), hosting, name="ep-once")
    a = gen.create_endpoint(ep_body, opc_retry_token="ep-token-1")
    b = gen.create_endpoint(ep_body, opc_retry_token="ep-token-1")
    assert a.data.id == b.data.id
    assert [e.display_name for e in gen.list_endpoints(root).data.items].count("ep-once") == 1
    assert gen.get_dedicated_ai_cluster(hosting).data.capacity.used_endpoint_capacity == 1


# -- lists: pagination, filters, sorts -------------------------------------------------------------

def test_cluster_lists_page_filter_and_sort(empty):
    emu, gen = empty
    root = emu.tenancy_id
    for n in range(7):
        gen.create_dedicated_ai_cluster(hosting_body(root, name=f"c{n}"))
        emu.clock.advance(1)
    first = gen.list_dedicated_ai_clusters(root, limit=3)
    assert len(first.data.items) == 3 and first.headers.get("opc-next-page")
    every = oci.pagination.list_call_get_all_results(gen.list_dedicated_ai_clusters, root, limit=3).data
    assert len(every) == 10 and len({c.id for c in every}) == 10  # 7 + ft-cluster, hosting-cluster, ft-llama
    names = [c.display_name for c in oci.pagination.list_call_get_all_results(
        gen.list_dedicated_ai_clusters, root, limit=4, sort_by="displayName", sort_order="ASC").data]
    assert names == sorted(names)
    desc = [c.display_name for c in oci.pagination.list_call_get_all_results(
        gen.list_dedicated_ai_clusters, root, limit=4, sort_by="displayName", sort_order="DESC").data]
    assert desc == sorted(names, reverse=True)
    times = [c.time_created for c in gen.list_dedicated_ai_clusters(root, sort_by="timeCreated").data.items]
    assert times == sorted(times, reverse=True)  # timeCreated defaults to DESC
    asc = [c.time_created for c in gen.list_dedicated_ai_clusters(root, sort_by="timeCreated",
                                                                   sort_order="ASC").data.items]
    assert asc == sorted(times)
    states = [c.lifecycle_state for c in gen.list_dedicated_ai_clusters(root, sort_by="lifecycleState").data.items]
    assert states == sorted(states)
    creating = gen.list_dedicated_ai_clusters(root, lifecycle_state="CREATING").data.items
    assert len(creating) == 7 and {c.lifecycle_state for c in creating} == {"CREATING"}
    assert [c.display_name for c in gen.list_dedicated_ai_clusters(root, display_name="c3").data.items] == ["c3"]
    one = every[4].id
    assert [c.id for c in gen.list_dedicated_ai_clusters(root, id=one).data.items] == [one]


def test_endpoint_lists_page_filter_and_sort(empty):
    emu, gen = empty
    root, hosting = emu.tenancy_id, emu.seed_info["hosting_cluster_id"]
    for n in range(5):
        gen.create_endpoint(endpoint_body(root, llama_base(emu), hosting, name=f"ep{4 - n}"))
        emu.clock.advance(1)
    pages = []
    page = None
    while True:
        resp = gen.list_endpoints(root, limit=2, page=page, sort_by="displayName", sort_order="ASC")
        pages.append([e.display_name for e in resp.data.items])
        page = resp.headers.get("opc-next-page")
        if not page:
            break
    assert pages == [["ep0", "ep1"], ["ep2", "ep3"], ["ep4"]]
    desc = [e.display_name for e in gen.list_endpoints(root, sort_by="displayName", sort_order="DESC").data.items]
    assert desc == ["ep4", "ep3", "ep2", "ep1", "ep0"]
    newest_first = [e.display_name for e in gen.list_endpoints(root, sort_by="timeCreated").data.items]
    assert newest_first == ["ep0", "ep1", "ep2", "ep3", "ep4"]
    oldest_first = [e.display_name for e in gen.list_endpoints(root, sort_by="timeCreated", sort_order="ASC"
                                                               ).data.items]
    assert oldest_first == newest_first[::-1]
    emu.clock.advance(60)
    assert len(gen.list_endpoints(root, lifecycle_state="ACTIVE").data.items) == 5
    assert gen.list_endpoints(root, lifecycle_state="CREATING").data.items == []
    named = gen.list_endpoints(root, display_name="ep2").data.items
    assert [e.display_name for e in named] == ["ep2"]
    assert [e.id for e in gen.list_endpoints(root, id=named[0].id).data.items] == [named[0].id]


def test_endpoint_list_refuses_a_foreign_sort(gen, demo, signed, send):
    eps = demo.seed_info.compartments["genai-prod-endpoints"]
    url = f"{demo.url}/{REGION}/20231130/endpoints?compartmentId={eps}&sortBy=lifecycleState"
    reply = send(signed("GET", url))
    assert reply.status_code == 400 and "sortBy" in reply.json()["message"]


# -- fine-tuning meets cluster shapes -----------------------------------------------------------------

def fine_tune(gen, demo, base, cluster):
    info = demo.seed_info
    return gen.create_model(m.CreateModelDetails(
        compartment_id=info.compartments["genai-prod-models"], base_model_id=info.models[REGION][base],
        fine_tune_details=m.FineTuneDetails(
            training_dataset=m.ObjectStorageDataset(namespace_name="n", bucket_name="b", object_name="t.jsonl"),
            dedicated_ai_cluster_id=info.clusters[REGION][cluster], training_config=m.LoraTrainingConfig()
            if "llama" in base else m.TFewTrainingConfig())))


def test_fine_tune_on_an_unsuitable_shape_fails(gen, demo):
    resp = fine_tune(gen, demo, "meta.llama-3.3-70b-instruct", "ft-cohere-chicago")  # SMALL_COHERE_V2
    demo.clock.advance(200)
    assert wr_of(gen, resp).status == "FAILED"
    [(code, message)] = errors_of(gen, resp)
    assert code == "ClusterShapeMismatch" and "LARGE_GENERIC" in message and "SMALL_COHERE_V2" in message
    assert gen.get_model(resp.data.id).data.lifecycle_state == "FAILED"


@pytest.mark.parametrize("base,cluster", [("meta.llama-3.3-70b-instruct", "ft-llama-chicago"),
                                          ("cohere.command-r-08-2024", "ft-cohere-chicago")])
def test_fine_tune_on_a_suitable_shape_succeeds(gen, demo, base, cluster):
    resp = fine_tune(gen, demo, base, cluster)
    demo.clock.advance(200)
    assert wr_of(gen, resp).status == "SUCCEEDED" and errors_of(gen, resp) == []


# -- allocatable GPUs, seed -----------------------------------------------------------------------------

def test_allocatable_gpus(empty):
    emu, gen = empty
    root = emu.tenancy_id
    reservation = "ocid1.capacityreservation.oc1.us-chicago-1.amaaaaaareserve"
    body = m.CreateDedicatedAiClusterDetails(compartment_id=root, type="HOSTING", unit_shape="H100_X8",
                                             unit_count=3, capacity_reservation_id=reservation)
    gen.create_dedicated_ai_cluster(body)
    items = oci.pagination.list_call_get_all_results(
        gen.list_dedicated_ai_clusters_allocatable_gpus, root, reservation, limit=2).data
    by_shape = {i.compute_shape: i for i in items}
    assert by_shape["H100_X8"].total_used_gpu_units == 3
    assert by_shape["H100_X8"].max_allocatable_gpu_units == by_shape["H100_X8"].total_available_gpu_units - 3
    one = gen.list_dedicated_ai_clusters_allocatable_gpus(root, reservation, compute_shape="H100_X8").data.items
    assert [i.compute_shape for i in one] == ["H100_X8"] and one[0].gpu_allocations[0].used_gpus == 3


def test_demo_seed_serving_data(client_for, demo):
    info = demo.seed_info
    eps = info.compartments["genai-prod-endpoints"]
    chi = client_for(demo)
    gpu = chi.get_dedicated_ai_cluster(info["nearly_full_cluster_id"]).data
    assert gpu.capacity.total_endpoint_capacity - gpu.capacity.used_endpoint_capacity == 1
    served = chi.get_endpoint(info["imported_endpoint_id"]).data
    assert served.model_id == info["active_imported_model_id"] and served.content_moderation_config.mode == "BLOCK"
    modes = {(e.content_moderation_config.is_enabled, (e.content_moderation_config.mode or ""))
             for e in chi.list_endpoints(eps).data.items}
    assert len(modes) >= 3  # off, INFORM, BLOCK
    ashburn = client_for(demo, "us-ashburn-1").get_dedicated_ai_cluster(info["needs_attention_cluster_id"]).data
    assert ashburn.lifecycle_state == "NEEDS_ATTENTION" and "unhealthy" in ashburn.lifecycle_details
    types = set()
    for region in ("us-chicago-1", "eu-frankfurt-1", "uk-london-1", "us-ashburn-1"):
        client = client_for(demo, region)
        for comp in (eps, info.compartments["genai-prod-models"]):
            types |= {(region, c.type) for c in client.list_dedicated_ai_clusters(comp).data.items}
    assert {t for _, t in types} == {"HOSTING", "FINE_TUNING"} and len({r for r, _ in types}) == 4
    # capacity reflects the seeded endpoints (support-bot + gemma active, legal FAILED)
    hosting = chi.get_dedicated_ai_cluster(info.clusters[REGION]["hosting-chicago"]).data
    assert hosting.capacity.used_endpoint_capacity == 2
