"""Fault injection: latency, 429 with retry-after, 500, 503, dropped connections, count, region,
and after=True (the operation commits, then the reply fails or is lost)."""

from __future__ import annotations

import time

import oci
import pytest
from oci.generative_ai import models as m

REGION = "us-chicago-1"


def test_429_with_retry_after_then_recovers(gen, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    demo.faults.inject("ListModels", status=429, retry_after=7, count=1)
    with pytest.raises(oci.exceptions.ServiceError) as exc:
        gen.list_models(comp)
    assert exc.value.status == 429 and exc.value.code == "TooManyRequests"
    assert exc.value.headers["retry-after"] == "7" and exc.value.request_id
    assert gen.list_models(comp).status == 200  # count=1: only once


@pytest.mark.parametrize("status,code", [(500, "InternalServerError"), (503, "ServiceUnavailable")])
def test_server_errors(gen, demo, status, code):
    demo.faults.inject("GetModel", status=status)
    for _ in range(2):  # count=None: every time
        with pytest.raises(oci.exceptions.ServiceError) as exc:
            gen.get_model(demo.seed_info["endpoint_model_id"])
        assert exc.value.status == status and exc.value.code == code
    demo.faults.clear()
    assert gen.get_model(demo.seed_info["endpoint_model_id"]).status == 200


def test_dropped_connection(gen, demo):
    demo.faults.inject("*", drop=True, count=1)
    with pytest.raises(Exception) as exc:
        gen.get_model(demo.seed_info["endpoint_model_id"])
    assert "Connection" in type(exc.value).__name__ or "Connection" in str(exc.value)
    assert demo.requests[-1].status is None
    assert gen.get_model(demo.seed_info["endpoint_model_id"]).status == 200


def test_latency(gen, demo):
    demo.faults.inject("GetModel", latency=0.3, count=1)
    start = time.monotonic()
    gen.get_model(demo.seed_info["endpoint_model_id"])
    assert time.monotonic() - start >= 0.3


def test_region_scoped_fault(client_for, demo):
    comp = demo.seed_info.compartments["genai-prod-models"]
    demo.faults.inject("ListModels", status=503, region="fra")
    assert client_for(demo, "us-chicago-1").list_models(comp).status == 200
    with pytest.raises(oci.exceptions.ServiceError):
        client_for(demo, "eu-frankfurt-1").list_models(comp)


@pytest.mark.parametrize("drop", [False, True])
def test_after_commits_then_fails(gen, demo, drop):
    comp = demo.seed_info.compartments["genai-dev"]
    demo.faults.inject("CreateImportedModel", after=True, count=1, **({"drop": True} if drop else {"status": 500}))
    details = m.CreateImportedModelDetails(compartment_id=comp, data_source=m.HuggingFaceModel(
        model_id="google/gemma-2-9b-it"))
    with pytest.raises((oci.exceptions.ServiceError, oci.exceptions.RequestException, OSError)):
        gen.create_imported_model(details, opc_retry_token="lost-reply")
    created = gen.list_imported_models(comp).data.items
    assert len(created) == 1  # committed despite the failure
    again = gen.create_imported_model(details, opc_retry_token="lost-reply")  # the safe retry
    assert again.data.id == created[0].id and len(gen.list_imported_models(comp).data.items) == 1
