"""Helpers for the emulator suite: real SDK clients pointed at a started emulator, with retries
and the circuit breaker off so an injected 429/500 surfaces at once."""

from __future__ import annotations

import oci
import pytest


def _config(identity) -> dict:
    return oci.config.from_file(str(identity.config_file), identity.profile)


@pytest.fixture
def client_for(identity):
    """`client_for(emu, region="us-chicago-1")` -> GenerativeAiClient on emu.url/region."""

    def make(emu, region: str | None = "us-chicago-1", **kw):
        endpoint = emu.url + (f"/{region}" if region else "")
        return oci.generative_ai.GenerativeAiClient(
            _config(identity), service_endpoint=endpoint, retry_strategy=oci.retry.NoneRetryStrategy(),
            circuit_breaker_strategy=oci.circuit_breaker.NoCircuitBreakerStrategy(), **kw)

    return make


@pytest.fixture
def iam_for(identity):
    def make(emu, region: str | None = None):
        endpoint = emu.url + (f"/{region}" if region else "")
        return oci.identity.IdentityClient(
            _config(identity), service_endpoint=endpoint, retry_strategy=oci.retry.NoneRetryStrategy(),
            circuit_breaker_strategy=oci.circuit_breaker.NoCircuitBreakerStrategy())

    return make


@pytest.fixture
def demo(emulator):
    """The demo emulator (ManualClock) from the shared conftest."""
    return emulator


@pytest.fixture
def gen(client_for, demo):
    return client_for(demo)


@pytest.fixture
def signed(identity):
    """`signed(method, url, body=None, **headers)` -> a requests.PreparedRequest signed like the SDK
    signs; tests tamper with it and then `send(prepared)`."""
    from oci._vendor import requests
    from oci.signer import Signer

    signer = Signer(identity.tenancy_id, identity.user_id, identity.fingerprint, str(identity.key_file))

    def make(method: str, url: str, body: bytes | None = None, **headers):
        req = requests.Request(method, url, data=body, headers={"content-type": "application/json", **headers})
        prepared = req.prepare()
        signer(prepared)
        return prepared

    return make


@pytest.fixture
def send():
    from oci._vendor import requests

    session = requests.Session()

    def do(prepared):
        return session.send(prepared, timeout=10)

    yield do
    session.close()
