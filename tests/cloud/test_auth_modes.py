"""The five ways to sign in, end to end: the library and the real SDK against the local service over
loopback HTTP, each mode with its own kind of token (API key, session token, instance principal,
Cloud Shell's delegation token, resource principal v2.2)."""

from __future__ import annotations

import time

import pytest

from tui.cloud import builders
from tui.cloud.auth import load_profile
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError
from tui.cloud.operations import GenAI
from tui.emulator.credentials import read_env_file, write_sign_in
from tui.emulator.tokens import TokenFileKeeper, write_token_file

MODES = ("api_key", "security_token", "instance_principal", "instance_obo_user", "resource_principal")


class SignIn:
    """A demo local service plus DIR written by `write_sign_in`; `genai(mode)` sets the environment the
    way the mode's platform does and returns the service layer signed in that way."""

    def __init__(self, emu, identity, tmp_path, monkeypatch):
        self.emu, self.identity, self.monkeypatch = emu, identity, monkeypatch
        self.files = write_sign_in(tmp_path, identity, emu.auth, emu.url, config_file=tmp_path / "config")
        self.compartment = emu.seed_info.extras["models_compartment_id"]

    def profile(self, mode: str):
        config = str(self.files.config_file)
        env = self.monkeypatch.setenv
        if mode == "api_key":
            return load_profile(config_file=config)
        if mode == "security_token":
            return load_profile("SESSION", config_file=config)  # chosen from the profile's security_token_file
        instance = read_env_file(self.files.instance_env)
        if mode == "instance_principal":
            env("OCI_METADATA_BASE_URL", instance["OCI_METADATA_BASE_URL"])
            return load_profile(auth="instance_principal",
                                federation_endpoint=instance["OCI_CLI_FEDERATION_ENDPOINT"])
        if mode == "instance_obo_user":  # as Cloud Shell sets it up
            for name, value in read_env_file(self.files.cloudshell_env).items():
                env(name, value)
            return load_profile()
        for name, value in read_env_file(self.files.resource_env).items():
            env(name, value)
        return load_profile(auth="resource_principal")

    def genai(self, mode: str) -> GenAI:
        return GenAI(CloudSession(self.profile(mode), endpoint_template=self.emu.endpoint_template))


@pytest.fixture
def signin(make_emulator, identity, tmp_path, monkeypatch):
    return SignIn(make_emulator("demo"), identity, tmp_path, monkeypatch)


def _token_kinds_used(emu) -> set[str]:
    tokens = emu.auth.tokens
    return {c["token_kind"] for c in tokens.issued if tokens.used.get(c["jti"])}


@pytest.mark.parametrize("mode", MODES)
def test_list_and_create_once_with_a_retry_token(signin, mode):
    genai = signin.genai(mode)
    assert genai.session.profile.auth == mode
    names = {m.display_name for m in genai.list_models(signin.compartment).data}
    assert "support-bot-v1" in names
    details = builders.create_imported_model_details(
        signin.compartment, builders.hugging_face_data_source("google/gemma-2-9b-it"),
        capability="TEXT_TO_TEXT", display_name=f"gemma-{mode}")
    first = genai.create_imported_model(details, retry_token=f"retry-{mode}")
    again = genai.create_imported_model(details, retry_token=first.retry_token)
    assert again.data.id == first.data.id
    mine = [m for m in genai.list_imported_models(signin.compartment).data if m.display_name == f"gemma-{mode}"]
    assert [m.id for m in mine] == [first.data.id]
    expected = {"api_key": set(), "security_token": {"session"}, "instance_principal": {"instance"},
                "instance_obo_user": {"instance", "delegation"}, "resource_principal": {"resource"}}[mode]
    assert _token_kinds_used(signin.emu) == expected


def _tamper(token: str) -> str:
    head, body, sig = token.split(".")
    return f"{head}.{body}.{sig[:-6]}{'A' * 6 if not sig.endswith('AAAAAA') else 'B' * 6}"


def test_api_key_unknown_to_the_service_is_401_with_the_api_key_hint(signin):
    genai = signin.genai("api_key")
    signin.emu.keys._keys.clear()
    with pytest.raises(CloudError) as info:
        genai.list_models(signin.compartment)
    assert info.value.status == 401 and "API key" in (info.value.hint or "")


def test_expired_then_tampered_session_token_then_refreshed_without_restart(signin):
    files, emu, identity = signin.files, signin.emu, signin.identity
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(files.session_key_file.read_bytes(), None)
    write_token_file(files.session_token_file, emu.auth.session_token(identity.user_id, key.public_key(),
                                                                      lifetime=-30))
    profile = signin.profile("security_token")
    assert any("expired" in w and "oci session refresh --profile SESSION" in w for w in profile.warnings)
    genai = GenAI(CloudSession(profile, endpoint_template=emu.endpoint_template))
    before = len(emu.requests)
    with pytest.raises(CloudError) as info:
        genai.list_models(signin.compartment)
    assert info.value.code == "SessionExpired" and info.value.status == 401
    assert "oci session refresh --profile SESSION --config-file" in info.value.hint
    assert len(emu.requests) == before  # refused before it was sent
    write_token_file(files.session_token_file, _tamper(emu.auth.session_token(identity.user_id, key.public_key())))
    with pytest.raises(CloudError) as info:
        genai.list_models(signin.compartment)
    assert info.value.status == 401 and info.value.code == "NotAuthenticated"
    assert "signature is invalid" in info.value.message
    assert "oci session refresh --profile SESSION" in info.value.hint
    write_token_file(files.session_token_file, emu.auth.session_token(identity.user_id, key.public_key()))
    assert genai.list_models(signin.compartment).data  # the same session, the new token


def test_tampered_delegation_token_is_401_with_the_cloud_shell_hint_then_recovers(signin):
    files, emu = signin.files, signin.emu
    write_token_file(files.delegation_token_file, _tamper(emu.auth.delegation_token(signin.identity.user_id)))
    genai = signin.genai("instance_obo_user")
    with pytest.raises(CloudError) as info:
        genai.list_models(signin.compartment)
    assert info.value.status == 401 and "delegation token" in info.value.message
    assert "Cloud Shell" in info.value.hint and str(files.delegation_token_file) in info.value.hint
    write_token_file(files.delegation_token_file, emu.auth.delegation_token(signin.identity.user_id))
    assert genai.list_models(signin.compartment).data  # re-read without a restart


def test_instance_principal_token_refused_after_refresh_is_401_with_its_hint(signin):
    genai = signin.genai("instance_principal")
    assert genai.list_models(signin.compartment).data
    from cryptography.hazmat.primitives.asymmetric import rsa

    # the service forgets the tokens it issued and from now on hands out expired ones
    signin.emu.auth.use_authority_key(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    signin.emu.auth.lifetime = -5
    federations = signin.emu.auth.federations
    with pytest.raises(CloudError) as info:
        genai.list_models(signin.compartment)
    assert info.value.status == 401 and "expired" in info.value.message
    assert "dynamic group" in info.value.hint
    assert signin.emu.auth.federations > federations  # the SDK refreshed before giving up


def test_expired_resource_principal_token_is_401_with_its_hint_then_renewed(signin):
    genai = signin.genai("resource_principal")
    assert genai.list_models(signin.compartment).data
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(signin.files.rp_key_file.read_bytes(), None)
    write_token_file(signin.files.rpst_file, signin.emu.auth.resource_token(key.public_key(), lifetime=-5))
    with pytest.raises(CloudError) as info:
        genai.list_models(signin.compartment)
    assert info.value.status == 401 and "resource token has expired" in info.value.message
    assert "OCI_RESOURCE_PRINCIPAL" in info.value.hint
    write_token_file(signin.files.rpst_file, signin.emu.auth.resource_token(key.public_key()))
    assert genai.list_models(signin.compartment).data


@pytest.mark.parametrize("mode", MODES[1:])
def test_tokens_are_renewed_during_a_run_longer_than_their_lifetime(signin, mode):
    """Tokens live 1 s; calls go on for at least 2.5 s: every call succeeds with a token that was valid,
    and several tokens were used (instance tokens renewed by the SDK before expiry: it renews 60 s ahead,
    so here before every call; file-based tokens re-read when the platform's keeper rewrites them)."""
    emu = signin.emu
    emu.auth.lifetime = 1.0
    for path, issue in signin.files.renewals:
        write_token_file(path, issue())
    genai = signin.genai(mode)
    keeper = TokenFileKeeper(list(signin.files.renewals), every=0.3).start()
    try:
        started = time.time()
        first_listing = len(emu.requests)
        calls = 0
        while time.time() - started < 2.5 or calls < 4:
            genai.list_models(signin.compartment)
            calls += 1
            time.sleep(0.1)
    finally:
        keeper.stop()
    statuses = [r.status for r in emu.requests[first_listing:] if r.operation == "ListModels"]
    assert len(statuses) >= calls >= 4
    kind = {"security_token": "session", "instance_principal": "instance", "instance_obo_user": "instance",
            "resource_principal": "resource"}[mode]
    used = [c for c in emu.auth.tokens.issued_of(kind) if emu.auth.tokens.used.get(c["jti"])]
    assert len(used) >= 2
    assert time.time() - started > 2 * emu.auth.lifetime  # the run outlived the first token
    if mode in ("security_token", "instance_principal", "instance_obo_user"):
        assert set(statuses) == {200}  # renewed before expiry: not one 401
    else:  # resource principals: re-read on change, and the SDK's refresh-on-401 covers a race
        assert statuses.count(200) == calls
