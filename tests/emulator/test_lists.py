"""List semantics: pagination (opc-next-page only when more), every filter, sorting both ways,
limit bounds, unknown enum values, DELETED hidden by default, region isolation and prefixes."""

from __future__ import annotations

import oci
import pytest


def all_models(gen, compartment, **kw):
    return oci.pagination.list_call_get_all_results(gen.list_models, compartment, **kw).data


def test_pagination_pages_without_loss_and_last_page_has_no_token(gen, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    everything = gen.list_models(comp, limit=1000)
    assert everything.next_page is None and "opc-next-page" not in everything.headers
    ids = [m.id for m in everything.data.items]
    pages, token = [], None
    while True:
        resp = gen.list_models(comp, limit=7, page=token) if token else gen.list_models(comp, limit=7)
        pages.append([m.id for m in resp.data.items])
        token = resp.next_page
        if token is None:
            break
        assert token  # never an empty header
    assert len(pages) == -(-len(ids) // 7) > 3
    assert [i for p in pages for i in p] == ids


def test_base_models_appear_in_every_compartment(gen, demo):
    alice = demo.seed_info.compartments["sandbox-alice"]
    base = [m for m in all_models(gen, alice) if m.type == "BASE"]
    assert base and all(m.compartment_id is None for m in base)
    names = {m.display_name for m in all_models(gen, alice)}
    assert "alice-lora-test" in names and "support-bot-v1" not in names


def test_filters(gen, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    assert {m.vendor for m in all_models(gen, comp, vendor="xai")} == {"xai"}
    embeds = all_models(gen, comp, capability=["TEXT_EMBEDDINGS"])
    assert embeds and all("TEXT_EMBEDDINGS" in m.capabilities for m in embeds)
    either = all_models(gen, comp, capability=["TEXT_EMBEDDINGS", "TEXT_RERANK"])  # any-of
    assert len(either) == len(embeds) + len(all_models(gen, comp, capability=["TEXT_RERANK"]))
    failed = all_models(gen, comp, lifecycle_state="FAILED")
    assert [m.display_name for m in failed] == ["support-bot-csv"]
    assert [m.display_name for m in all_models(gen, comp, display_name="support-bot-v1")] == ["support-bot-v1"]
    assert all_models(gen, comp, display_name="support-bot") == []  # exact, not prefix
    one = demo.seed_info["endpoint_model_id"]
    assert [m.id for m in all_models(gen, comp, id=one)] == [one]


def test_deleted_hidden_unless_asked(gen, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    assert "support-bot-v0" not in {m.display_name for m in all_models(gen, comp)}
    deleted = all_models(gen, comp, lifecycle_state="DELETED")
    assert [m.display_name for m in deleted] == ["support-bot-v0"]


@pytest.mark.parametrize("sort_by,attr", [("displayName", "display_name"), ("timeCreated", "time_created"),
                                          ("lifecycleState", "lifecycle_state")])
def test_sorting_both_ways(gen, demo, sort_by, attr):
    comp = demo.seed_info.compartments["genai-prod-models"]
    asc = [getattr(m, attr) for m in all_models(gen, comp, sort_by=sort_by, sort_order="ASC", limit=9)]
    desc = [getattr(m, attr) for m in all_models(gen, comp, sort_by=sort_by, sort_order="DESC", limit=9)]
    assert asc == sorted(asc) and desc == sorted(desc, reverse=True) and asc != desc


def test_default_order_is_time_created_desc(gen, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    times = [m.time_created for m in gen.list_models(comp, limit=1000).data.items]
    assert times == sorted(times, reverse=True)


def test_imported_filters_and_sort(gen, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    items = gen.list_imported_models(comp, sort_by="displayName", sort_order="ASC").data.items
    assert [i.display_name for i in items] == ["gemma-2-9b-it", "llama-3-1-8b-bucket", "qwen2-7b"]
    assert [i.display_name for i in gen.list_imported_models(comp, vendor="google").data.items] == ["gemma-2-9b-it"]
    assert [i.lifecycle_state for i in gen.list_imported_models(comp, lifecycle_state="FAILED").data.items] == [
        "FAILED"]
    assert gen.list_imported_models(comp, capability=["EMBEDDING"]).data.items == []
    assert len(gen.list_imported_models(comp, capability=["TEXT_TO_TEXT"]).data.items) == 3


@pytest.mark.parametrize("query,field", [
    ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=abc", "limit"),
    ("lifecycleState=UPDATING", "lifecycleState"),  # Model has no UPDATING
    ("capability=TEXT_TO_TEXT", "capability"),  # an ImportedModel capability
    ("sortBy=vendor", "sortBy"), ("sortOrder=UP", "sortOrder"), ("page=%21%21", "page"),
])
def test_bad_query_values_name_the_parameter(demo, signed, send, query, field):
    comp = demo.seed_info.compartments["genai-prod-models"]
    resp = send(signed("GET", f"{demo.url}/20231130/models?compartmentId={comp}&{query}"))
    assert resp.status_code == 400 and resp.json()["code"] == "InvalidParameter"
    assert field in resp.json()["message"]


def test_missing_compartment_id(demo, signed, send):
    resp = send(signed("GET", f"{demo.url}/20231130/importedModels"))
    assert resp.status_code == 400 and resp.json()["code"] == "MissingParameter"
    assert "compartmentId" in resp.json()["message"]


def test_region_isolation_and_prefixes(client_for, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    chicago = {m.id for m in client_for(demo, "us-chicago-1").list_models(comp, limit=1000).data.items}
    by_key = {m.id for m in client_for(demo, "ORD").list_models(comp, limit=1000).data.items}
    bare = {m.id for m in client_for(demo, None).list_models(comp, limit=1000).data.items}
    frankfurt = client_for(demo, "fra").list_models(comp, limit=1000).data.items
    assert chicago == by_key == bare
    assert frankfurt and not chicago & {m.id for m in frankfurt}
    assert all(".eu-frankfurt-1." in m.id for m in frankfurt)
    assert "cohere.command-light" not in {m.display_name for m in frankfurt}  # Chicago-only model
    with pytest.raises(oci.exceptions.ServiceError) as exc:
        client_for(demo, "fra").get_model(demo.seed_info["endpoint_model_id"])
    assert exc.value.status == 404
    with pytest.raises(oci.exceptions.ServiceError) as exc:
        client_for(demo, "mars-north-1").list_models(comp)
    assert exc.value.status == 404 and exc.value.code == "NotFound"
    assert [r.region for r in demo.requests[-2:]] == ["eu-frankfurt-1", None]


def test_work_request_list_paging_and_sort(gen, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    everything = oci.pagination.list_call_get_all_results(gen.list_work_requests, comp, limit=2).data
    assert len(everything) == len({w.id for w in everything}) >= 6
    times = [w.time_accepted for w in everything]
    assert times == sorted(times, reverse=True)
    asc = [w.time_accepted for w in gen.list_work_requests(comp, sort_order="ASC", limit=100).data.items]
    assert asc == sorted(times)
    logs = oci.pagination.list_call_get_all_results(
        gen.list_work_request_logs, demo.seed_info["failed_work_request_id"], limit=1, sort_order="ASC").data
    assert "accepted" in logs[0].message and len(logs) >= 3


def test_scale_listing_pages_through_ten_thousand(make_emulator, client_for):
    emu = make_emulator("scale:10000")
    gen = client_for(emu)
    items = oci.pagination.list_call_get_all_results(
        gen.list_models, emu.seed_info["scale_compartment_id"], limit=1000).data
    custom = [m for m in items if m.type == "CUSTOM"]
    assert len(custom) == 10000 and len({m.id for m in items}) == len(items)
    assert sum(1 for r in emu.requests if r.operation == "ListModels") == 11
