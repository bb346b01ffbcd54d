"""Pagination, filters and sorting of the list operations, and the pickers' lists."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tui.cloud.auth import load_profile
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError
from tui.cloud.operations import GenAI

CHI = "us-chicago-1"


def genai_for(emu, identity):
    return GenAI(CloudSession(load_profile(config_file=str(identity.config_file)),
                              endpoint_template=emu.endpoint_template))


def list_calls(emu, op="ListModels"):
    return [r for r in emu.requests if r.operation == op]


def test_pagination_across_several_pages(make_emulator, identity):
    emu = make_emulator("scale:23")
    g = genai_for(emu, identity)
    comp = emu.seed_info.extras["scale_compartment_id"]
    whole = g.list_models(comp, page_size=1000)
    assert whole.pages == 1
    custom = [m for m in whole.data if m.type == "CUSTOM"]
    assert len(custom) == 23
    before = len(list_calls(emu))
    paged = g.list_models(comp, page_size=4)
    expected_pages = -(-len(whole.data) // 4)
    assert paged.pages == expected_pages >= 6
    assert len(list_calls(emu)) - before == expected_pages
    assert [m.id for m in paged.data] == [m.id for m in whole.data]
    assert len(set(m.id for m in paged.data)) == len(paged.data)


def test_every_filter(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    everything = genai.list_models(comp).data
    assert len(everything) > 10

    meta = genai.list_models(comp, vendor="meta").data
    assert meta and all(m.vendor == "meta" for m in meta) and len(meta) < len(everything)

    ft = genai.list_models(comp, capability="fine-tune").data
    assert ft and all("FINE_TUNE" in m.capabilities for m in ft) and len(ft) < len(everything)
    chat_or_embed = genai.list_models(comp, capability=["chat", "TEXT_EMBEDDINGS"]).data
    assert chat_or_embed and all({"CHAT", "TEXT_EMBEDDINGS"} & set(m.capabilities) for m in chat_or_embed)

    failed = genai.list_models(comp, lifecycle_state="failed").data
    assert [m.display_name for m in failed] == ["support-bot-csv"]

    named = genai.list_models(comp, display_name="legal-summarizer").data
    assert [m.display_name for m in named] == ["legal-summarizer"]

    target = emulator.seed_info.extras["endpoint_model_id"]
    by_id = genai.list_models(comp, id=target).data
    assert [m.id for m in by_id] == [target]

    imported = genai.list_imported_models(comp, capability="text-to-text", lifecycle_state="ACTIVE").data
    assert imported and all(m.lifecycle_state == "ACTIVE" and "TEXT_TO_TEXT" in m.capabilities for m in imported)
    updating = genai.list_imported_models(comp, lifecycle_state="updating").data
    assert all(m.lifecycle_state == "UPDATING" for m in updating)


def test_filter_values_are_validated_before_any_call(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    n = len(emulator.requests)
    with pytest.raises(CloudError) as info:
        genai.list_models(comp, lifecycle_state="UPDATING")  # Model has no UPDATING
    assert info.value.field == "lifecycle_state" and info.value.operation == "ListModels"
    with pytest.raises(CloudError) as info:
        genai.list_imported_models(comp, capability="FINE_TUNE")
    assert "TEXT_TO_TEXT" in info.value.message
    with pytest.raises(CloudError) as info:
        genai.list_models(comp, page_size=0)
    assert info.value.field == "page_size"
    assert len(emulator.requests) == n


@pytest.mark.parametrize("sort_by, key", [("displayName", lambda m: m.display_name),
                                          ("display_name", lambda m: m.display_name),
                                          ("timeCreated", lambda m: m.time_created),
                                          ("lifecycle_state", lambda m: m.lifecycle_state)])
def test_both_sort_orders(genai, emulator, sort_by, key):
    comp = emulator.seed_info.extras["models_compartment_id"]
    asc = genai.list_models(comp, sort_by=sort_by, sort_order="asc", page_size=7).data
    desc = genai.list_models(comp, sort_by=sort_by, sort_order="DESC", page_size=7).data
    assert [key(m) for m in asc] == sorted(key(m) for m in asc)
    assert [key(m) for m in desc] == sorted((key(m) for m in desc), reverse=True)
    assert {m.id for m in asc} == {m.id for m in desc}
    assert [key(m) for m in asc] != [key(m) for m in desc]


def test_imported_sort(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    names = [m.display_name for m in genai.list_imported_models(comp, sort_by="displayName", sort_order="Desc").data]
    assert len(names) >= 2 and names == sorted(names, reverse=True)


# -- the guard against page tokens that never end (a tiny misbehaving server, real SDK) ---------------

class _EndlessPages(BaseHTTPRequestHandler):
    mode = "repeat"
    calls = 0

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        type(self).calls += 1
        token = "same" if self.mode == "repeat" else f"p{type(self).calls}"
        body = json.dumps({"items": []}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.send_header("opc-request-id", "R1")
        self.send_header("opc-next-page", token)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def endless_server():
    servers = []

    def start(mode):
        handler = type("H", (_EndlessPages,), {"mode": mode, "calls": 0})
        srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return srv, handler

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def test_repeated_page_token_stops(endless_server, identity):
    srv, handler = endless_server("repeat")
    g = GenAI(CloudSession(load_profile(config_file=str(identity.config_file)),
                           endpoint_template=f"http://127.0.0.1:{srv.server_port}/{{region}}"))
    with pytest.raises(CloudError) as info:
        g.list_models(identity.tenancy_id)
    assert info.value.code == "PaginationLoop" and handler.calls == 2


def test_max_pages_stops_a_token_that_never_ends(endless_server, identity):
    srv, handler = endless_server("fresh")
    g = GenAI(CloudSession(load_profile(config_file=str(identity.config_file)),
                           endpoint_template=f"http://127.0.0.1:{srv.server_port}/{{region}}"))
    with pytest.raises(CloudError) as info:
        g.list_imported_models(identity.tenancy_id, max_pages=5)
    assert info.value.code == "PaginationLimit" and handler.calls == 5


# -- pickers -------------------------------------------------------------------------------------

def test_list_compartments(genai, emulator, identity):
    info = emulator.seed_info
    tree = genai.list_compartments()
    names = {c.name for c in tree.data}
    assert names == {n for n in info.compartments if n != "tenancy"}
    first_level = genai.list_compartments(subtree=False).data
    assert first_level and all(c.compartment_id == identity.tenancy_id for c in first_level)
    assert len(first_level) < len(tree.data)
    under_prod = genai.list_compartments(info.compartments["genai-prod"]).data
    assert {c.name for c in under_prod} >= {"genai-prod-models", "genai-prod-models-archive"}
    assert "sandbox-bob" not in {c.name for c in under_prod}
    root = genai.get_compartment(identity.tenancy_id)
    assert root.data.id == identity.tenancy_id
    assert genai.get_compartment(info.compartments["genai-dev"]).data.name == "genai-dev"


def test_clusters_and_endpoints(genai, emulator):
    info = emulator.seed_info
    comp = info.extras["models_compartment_id"]
    ft = genai.list_dedicated_ai_clusters(comp, cluster_type="fine_tuning").data
    assert ft and all(c.type == "FINE_TUNING" for c in ft)
    active = genai.list_dedicated_ai_clusters(comp, cluster_type="FINE_TUNING", lifecycle_state="active").data
    assert active and all(c.lifecycle_state == "ACTIVE" for c in active) and len(active) < len(ft)
    ep_comp = info.compartments["genai-prod-endpoints"]
    every = genai.list_endpoints(ep_comp).data
    used = genai.list_endpoints(ep_comp, model_id=info.extras["endpoint_model_id"]).data
    assert len(every) >= 2 and [e.id for e in used] == [info.extras["endpoint_id"]]
