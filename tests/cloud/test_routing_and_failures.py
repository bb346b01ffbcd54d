"""Region routing, fast failure, authentication failure, throttling, client caching."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from tui.cloud.auth import load_profile
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError
from tui.cloud.operations import GenAI

IAD = "us-ashburn-1"


def last(emu, op):
    return [r for r in emu.requests if r.operation == op][-1]


def test_region_from_long_ocid_segment(genai, emulator):
    mid = emulator.seed_info.imported_models[IAD]["gemma-2-9b-it"]
    res = genai.get_imported_model(mid)
    assert res.region == IAD and res.data.id == mid
    assert last(emulator, "GetImportedModel").region == IAD


def test_region_from_short_ocid_segment(genai, emulator):
    # The same resource named with the old 3-letter key is routed to Ashburn's store.
    mid = next(iter(emulator.seed_info.models[IAD].values()))
    short = mid.replace(f".{IAD}.", ".iad.")
    with pytest.raises(CloudError) as info:
        genai.get_model(short)
    assert info.value.region == IAD and info.value.status == 404
    assert last(emulator, "GetModel").region == IAD


def test_explicit_region_beats_ocid_and_default(genai, emulator):
    mid = next(iter(emulator.seed_info.models[IAD].values()))
    with pytest.raises(CloudError) as info:
        genai.get_model(mid, region="FRA")
    assert info.value.region == "eu-frankfurt-1" and last(emulator, "GetModel").region == "eu-frankfurt-1"
    comp = emulator.seed_info.extras["models_compartment_id"]
    london = genai.list_models(comp, region="lhr")
    assert london.region == "uk-london-1" and last(emulator, "ListModels").region == "uk-london-1"
    assert genai.list_models(comp).region == "us-chicago-1"  # the profile default


def test_unknown_region_lists_valid_ones(genai, emulator):
    with pytest.raises(CloudError) as info:
        genai.list_models(emulator.seed_info.extras["models_compartment_id"], region="mars-1")
    assert info.value.code == "UnknownRegion" and "us-ashburn-1 (iad)" in info.value.message


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_unreachable_endpoint_reported_within_3_seconds(identity):
    session = CloudSession(load_profile(config_file=str(identity.config_file)),
                           endpoint_template=f"http://127.0.0.1:{_closed_port()}/{{region}}")
    g = GenAI(session)
    start = time.monotonic()
    with pytest.raises(CloudError) as info:
        g.list_models(identity.tenancy_id)
    elapsed = time.monotonic() - start
    assert elapsed < 3.0
    assert info.value.code == "ConnectionRefused" and info.value.operation == "ListModels"
    assert "endpoint" in info.value.hint


def test_wrong_key_is_401_with_hint(make_emulator, identity, tmp_path):
    from tui.emulator import make_identity

    emu = make_emulator("empty")
    stranger = make_identity(tmp_path / "stranger")  # a key the service has never seen
    g = GenAI(CloudSession(load_profile(config_file=str(stranger.config_file)),
                           endpoint_template=emu.endpoint_template))
    with pytest.raises(CloudError) as info:
        g.list_models(identity.tenancy_id)
    err = info.value
    assert err.status == 401 and err.code == "NotAuthenticated"
    assert "fingerprint" in err.hint and "clock" in err.hint


def test_429_is_reported_with_retry_after(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    emulator.faults.inject("ListModels", status=429, retry_after=7)
    before = len([r for r in emulator.requests if r.operation == "ListModels"])
    start = time.monotonic()
    with pytest.raises(CloudError) as info:
        genai.list_models(comp)
    assert time.monotonic() - start < 3.0
    err = info.value
    assert (err.status, err.code, err.retry_after) == (429, "TooManyRequests", 7.0)
    assert "retry after 7 s" in err.hint
    attempts = len([r for r in emulator.requests if r.operation == "ListModels"]) - before
    assert attempts == 1  # a Retry-After beyond the interactive budget (2 s) is not waited for


def test_single_429_is_absorbed_by_the_retry(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    emulator.faults.inject("ListModels", status=429, retry_after=1, count=1)
    res = genai.list_models(comp)
    assert res.data
    statuses = [r.status for r in emulator.requests if r.operation == "ListModels"][-2:]
    assert statuses == [429, 200]


def test_503_is_reported(genai, emulator):
    emulator.faults.inject("GetModel", status=503)
    with pytest.raises(CloudError) as info:
        genai.get_model(emulator.seed_info.extras["endpoint_model_id"])
    assert info.value.status == 503 and "retry later" in info.value.hint


def test_create_reply_lost_then_resubmit_with_same_token(genai, emulator):
    from .test_operations import fine_tune_body

    comp = emulator.seed_info.extras["models_compartment_id"]
    before = {m.id for m in genai.list_models(comp).data}
    emulator.faults.inject("CreateModel", status=500, after=True, count=2)  # committed, replies lost
    with pytest.raises(CloudError) as info:
        genai.create_model(fine_tune_body(emulator, comp, name="lost_reply"), retry_token="resubmit-token-1")
    assert info.value.status == 500
    again = genai.create_model(fine_tune_body(emulator, comp, name="lost_reply"), retry_token="resubmit-token-1")
    after = {m.id for m in genai.list_models(comp).data}
    assert after - before == {again.data.id}


def test_clients_cached_per_region_and_share_one_signer(session):
    a = session.client_for("ord")
    assert session.client_for("us-chicago-1") is a
    assert session.client_for() is a
    b = session.client_for("iad")
    bg = session.client_for("iad", background=True)
    assert b is not a and bg is not b
    assert a.base_client.signer is b.base_client.signer is bg.base_client.signer
    assert b.base_client.endpoint.startswith(session.endpoint_template.format(region="us-ashburn-1"))
    ident = session.identity_client()
    assert ident is session.identity_client()
    assert ident.base_client.endpoint.startswith(session.endpoint_template.format(region="us-chicago-1"))


def test_client_for_is_thread_safe(session):
    results = []
    barrier = threading.Barrier(8)

    def grab():
        barrier.wait()
        results.append(session.client_for("phx"))

    threads = [threading.Thread(target=grab) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and len({id(c) for c in results}) == 1


def test_without_template_the_sdk_regional_endpoint_is_used(identity):
    session = CloudSession(load_profile(config_file=str(identity.config_file)))
    def resolved(client):  # the SDK fills its {dualStack?..} option at call time
        return client.base_client.update_endpoint_template_for_options()

    assert resolved(session.client_for("fra")) == "https://generativeai.eu-frankfurt-1.oci.oraclecloud.com/20231130"
    assert resolved(session.client_for("ltn")).startswith("https://generativeai.uk-gov-london-1.oci.oraclegovcloud.uk")
    assert "identity.us-chicago-1" in session.identity_client().base_client.endpoint
