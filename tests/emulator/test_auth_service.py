"""The local service's sign-in side on its own: instance metadata, the federation endpoint, token and
opc-obo-token checks, and `--write-config DIR` reuse across a restart (with symlinks refused)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import oci
import pytest
from cryptography.hazmat.primitives import serialization
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.emulator.credentials import CredentialsError, make_identity, private_key_at
from tui.emulator.tokens import TokenAuthority, TokenError


def _get(url: str, **headers: str):
    from oci._vendor import requests

    return requests.get(url, headers=headers, timeout=10)


@pytest.mark.filterwarnings("ignore::UserWarning")  # the leaf CN (an OCID) exceeds 64
def test_metadata_requires_bearer_oracle_and_serves_the_instance_identity(make_emulator):
    emu = make_emulator()
    base = emu.url + "/opc/v2"
    refused = _get(base + "/identity/key.pem")
    assert refused.status_code == 401 and "Bearer Oracle" in refused.json()["message"]
    assert _get(base + "/instance/region", Authorization="Bearer Oracle").text == "us-chicago-1"
    from cryptography import x509

    leaf = x509.load_pem_x509_certificate(_get(base + "/identity/cert.pem", Authorization="Bearer Oracle").content)
    subject = leaf.subject.rfc4514_string()
    assert f"OU=opc-tenant:{emu.tenancy_id}" in subject and f"OU=opc-instance:{emu.auth.instance_id}" in subject
    assert _get(base + "/identity/nope", Authorization="Bearer Oracle").status_code == 404


def _instance_signer(emu, monkeypatch):
    monkeypatch.setenv("OCI_METADATA_BASE_URL", emu.url + "/opc/v2")
    return oci.auth.signers.InstancePrincipalsSecurityTokenSigner(
        federation_endpoint=emu.url + "/v1/x509", federation_client_retry_strategy=oci.retry.NoneRetryStrategy())


def test_federation_checks_the_chain_and_returns_a_token_with_the_session_key(make_emulator, monkeypatch):
    emu, other = make_emulator(), make_emulator()
    signer = _instance_signer(emu, monkeypatch)
    claims = emu.auth.tokens.verify(signer.api_key[3:])
    session_public = signer.federation_client.session_key_supplier.get_key_pair()["public"]
    assert claims.session_key().public_numbers() == session_public.public_numbers()
    assert claims.data["tenant"] == emu.tenancy_id and claims.kind == "instance"
    # the same tenancy, but a certificate chain from another service's CA: refused
    monkeypatch.setenv("OCI_METADATA_BASE_URL", other.url + "/opc/v2")
    with pytest.raises(oci.exceptions.ServiceError) as info:
        oci.auth.signers.InstancePrincipalsSecurityTokenSigner(
            federation_endpoint=emu.url + "/v1/x509", federation_client_retry_strategy=oci.retry.NoneRetryStrategy())
    assert info.value.status == 401 and "chain" in info.value.message


def test_obo_header_must_be_signed_and_instance_tokens_verify(make_emulator, monkeypatch, signed, send):
    emu = make_emulator()
    delegation = emu.auth.delegation_token("ocid1.user.oc1..aaaaaaaaobo")
    url = f"{emu.url}/20231130/models?compartmentId={emu.tenancy_id}"
    unsigned = signed("GET", url)
    unsigned.headers["opc-obo-token"] = delegation  # added after signing: not covered
    reply = send(unsigned)
    assert reply.status_code == 401 and "not covered" in reply.json()["message"]
    signer = _instance_signer(emu, monkeypatch)
    client = oci.generative_ai.GenerativeAiClient({"region": "us-chicago-1"}, signer=signer,
                                                  service_endpoint=emu.url, retry_strategy=oci.retry.NoneRetryStrategy())
    assert client.list_models(compartment_id=emu.tenancy_id).status == 200  # ST$ instance token accepted


@settings(max_examples=60, deadline=None)
@given(position=st.integers(min_value=0), replacement=st.characters(codec="ascii"))
def test_any_change_to_a_token_is_refused(authority, position, replacement):
    token = authority.issue("session", subject="ocid1.user.oc1..aaaa")
    index = position % len(token)
    changed = token[:index] + replacement + token[index + 1:]
    if changed == token:
        return
    try:
        claims = authority.verify(changed)
    except TokenError:
        return
    # base64url padding bits can change without changing the bytes: then the claims are the original's
    assert claims.data == authority.verify(token).data


@pytest.fixture(scope="module")
def authority():
    return TokenAuthority("ocid1.tenancy.oc1..aaaaaaaahyp")


def test_expired_and_foreign_tokens_are_refused():
    mine, theirs = TokenAuthority("ocid1.tenancy.oc1..a"), TokenAuthority("ocid1.tenancy.oc1..a")
    with pytest.raises(TokenError, match="expired"):
        mine.verify(mine.issue("resource", subject="r", lifetime=-1))
    with pytest.raises(TokenError, match="signature is invalid"):
        mine.verify(theirs.issue("resource", subject="r"))
    with pytest.raises(TokenError, match="cannot be used here"):
        mine.verify(mine.issue("delegation", subject="u"), kinds=("session",))


def test_identity_is_reused_and_a_symlinked_key_is_refused(tmp_path):
    first = make_identity(tmp_path / "dir", reuse=True)
    again = make_identity(tmp_path / "dir", reuse=True)
    assert (again.tenancy_id, again.user_id, again.fingerprint) == (first.tenancy_id, first.user_id, first.fingerprint)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / "key.pem").symlink_to(victim)
    with pytest.raises(CredentialsError, match="symbolic link"):
        make_identity(trap, reuse=True)
    with pytest.raises(CredentialsError, match="symbolic link"):
        make_identity(trap, reuse=False)
    assert victim.read_text() == "precious"
    assert oct(os.stat(first.key_file).st_mode & 0o777) == "0o600"
    assert private_key_at(first.key_file).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ) == first.key_file.read_bytes()


def _serve(directory: Path, port: int = 0) -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen([sys.executable, "-m", "tui.emulator", "--port", str(port), "--write-config",
                             str(directory), "--seed", "demo", "--ready-json", "--exit-with-stdin"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, json.loads(proc.stdout.readline())


def _stop(proc: subprocess.Popen) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=20)


def test_write_config_survives_a_restart(tmp_path):
    """A session loaded from DIR (API key and session token) keeps working when the service restarts."""
    from tui.cloud.auth import load_profile
    from tui.cloud.clients import CloudSession
    from tui.cloud.operations import GenAI

    directory = tmp_path / "dir"
    proc, ready = _serve(directory)
    port = int(ready["url"].rsplit(":", 1)[1])
    config = ready["config_file"]
    try:
        sessions = {name: GenAI(CloudSession(load_profile(name, config_file=config),
                                             endpoint_template=ready["endpoint_template"]))
                    for name in ("DEFAULT", "SESSION")}
        compartment = ready["extras"]["models_compartment_id"]
        before = {name: {m.id for m in g.list_models(compartment).data} for name, g in sessions.items()}
    finally:
        _stop(proc)
    proc, again = _serve(directory, port)
    try:
        assert again["tenancy_id"] == ready["tenancy_id"]
        after = {name: {m.id for m in g.list_models(compartment).data} for name, g in sessions.items()}
    finally:
        _stop(proc)
    assert after == before and before["DEFAULT"]
