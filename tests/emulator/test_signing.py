"""Signature verification: a correctly signed request passes; each of the five tamperings the issue
names is answered 401 NotAuthenticated with a JSON body and a request id."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.emulator.signing import AuthError, KeyRing, parse_authorization, verify_request


@pytest.fixture
def base(make_emulator):
    emu = make_emulator("empty")
    return emu, f"{emu.url}/us-chicago-1/20231130/models?compartmentId={emu.tenancy_id}"


def _assert_401(resp, needle: str):
    assert resp.status_code == 401, resp.text
    body = resp.json()
    assert body["code"] == "NotAuthenticated" and needle in body["message"]
    assert resp.headers["opc-request-id"]


def test_valid_signature_is_accepted(base, signed, send):
    _, url = base
    assert send(signed("GET", url)).status_code == 200


def test_valid_post_is_accepted(base, signed, send):
    emu, _ = base
    body = json.dumps({"compartmentId": emu.tenancy_id}).encode()
    url = f"{emu.url}/20231130/importedModels"
    resp = send(signed("POST", url, body))
    assert resp.status_code == 400 and "dataSource" in resp.json()["message"]  # past auth, into validation


def test_unknown_key_id(base, signed, send):
    _, url = base
    req = signed("GET", url)
    req.headers["authorization"] = req.headers["authorization"].replace('keyId="ocid1.tenancy', 'keyId="ocid1.tenancyX')
    _assert_401(send(req), "unknown key id")


@pytest.mark.parametrize("tamper", ["path", "query"])
def test_tampered_path_or_query(base, signed, send, tamper):
    _, url = base
    req = signed("GET", url)
    req.url = req.url.replace("/models?", "/importedModels?") if tamper == "path" else req.url + "&vendor=meta"
    _assert_401(send(req), "signature does not match")


def test_tampered_body(base, signed, send):
    emu, _ = base
    body = json.dumps({"compartmentId": emu.tenancy_id, "displayName": "a"}).encode()
    req = signed("POST", f"{emu.url}/20231130/importedModels", body)
    req.body = body.replace(b'"a"', b'"b"')  # same length, signed digest no longer matches
    _assert_401(send(req), "x-content-sha256")


def test_missing_signed_header(base, signed, send):
    emu, _ = base
    body = b"{}"
    req = signed("POST", f"{emu.url}/20231130/importedModels", body)
    auth = req.headers["authorization"]
    # drop x-content-sha256 from the signed list: the signature no longer covers a required header
    req.headers["authorization"] = auth.replace(" x-content-sha256", "")
    _assert_401(send(req), "x-content-sha256")


def test_signed_header_absent_from_request(base, signed, send):
    _, url = base
    req = signed("GET", url)
    del req.headers["date"]
    resp = send(req)
    assert resp.status_code == 401


def test_skewed_date(base, signed, send):
    _, url = base
    skewed = format_datetime(datetime.now(timezone.utc) - timedelta(minutes=6), usegmt=True)
    req = signed("GET", url, date=skewed)  # the signer keeps a date it is given and signs it
    assert req.headers["date"] == skewed
    _assert_401(send(req), "5 minutes")


def test_date_within_skew_is_fine(base, signed, send):
    _, url = base
    near = format_datetime(datetime.now(timezone.utc) - timedelta(minutes=4), usegmt=True)
    assert send(signed("GET", url, date=near)).status_code == 200


def test_unsigned_and_garbage_authorization(base, send, signed):
    _, url = base
    req = signed("GET", url)
    req.headers["authorization"] = "Basic Zm9vOmJhcg=="
    _assert_401(send(req), "OCI signature")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_parse_authorization_never_crashes(value):
    try:
        params = parse_authorization(value)
    except AuthError:
        return
    assert {"keyId", "signature", "headers"} <= set(params)


@settings(max_examples=40)
@given(target=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=60),
       sig=st.binary(min_size=0, max_size=300))
def test_random_signatures_are_rejected(target, sig):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=1024) if not hasattr(
        test_random_signatures_are_rejected, "_key") else test_random_signatures_are_rejected._key
    test_random_signatures_are_rejected._key = key
    ring = KeyRing()
    ring.add("t/u/f", key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
    headers = {
        "authorization": f'Signature version="1",headers="date (request-target) host",keyId="t/u/f",'
                         f'algorithm="rsa-sha256",signature="{base64.b64encode(sig).decode()}"',
        "date": format_datetime(datetime.now(timezone.utc), usegmt=True), "host": "h",
    }
    with pytest.raises(AuthError):
        verify_request("GET", "/" + target, headers, b"", ring)
