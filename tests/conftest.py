"""Fixtures every suite shares: a fresh RSA identity, the local service over loopback HTTP, and
a scrubbed environment so nothing from the developer's own ~/.oci or terminal leaks in."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests.helpers import PROFILE_ENV
from tui.emulator import Emulator, ManualClock, make_identity

# Hypothesis profiles. "ci" (the default, `dev.py test`): derandomised, so a run is reproducible and
# the slow UI properties can afford fewer examples without flaking; every other property keeps
# Hypothesis's default count. "thorough" (`dev.py test --thorough`): random, five times the default,
# and the UI properties take their thorough counts (tests.helpers.examples).
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=500, deadline=None, print_blob=True)
settings.load_profile(os.environ.get(PROFILE_ENV, "ci"))

_SCRUB = (
    "NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM", "OCI_CONFIG_FILE", "OCI_CLI_PROFILE",
    "OCI_CLI_CONFIG_FILE", "OCI_CLI_REGION", "OCI_CLI_RC_FILE", "OCI_CLI_AUTH", "OCI_GENAI_TUI_CONFIG",
    "OCI_SDK_DEFAULT_RETRY_ENABLED", "OCI_SDK_DEFAULT_CIRCUITBREAKER_ENABLED",
    # sign-in modes (instance / resource principals, Cloud Shell): tests set these themselves
    "OCI_CLI_FEDERATION_ENDPOINT", "OCI_METADATA_BASE_URL", "OCI_CLI_DELEGATION_TOKEN_FILE",
    "OCI_CLI_SECURITY_TOKEN_FILE", "OCI_RESOURCE_PRINCIPAL_VERSION", "OCI_RESOURCE_PRINCIPAL_RPST",
    "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM", "OCI_RESOURCE_PRINCIPAL_REGION",
)


@pytest.fixture(autouse=True)
def _scrubbed_env(monkeypatch, tmp_path):
    for name in _SCRUB:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING", "True")
    monkeypatch.setenv("SUPPRESS_LABEL_WARNING", "True")


@pytest.fixture(scope="session")
def identity(tmp_path_factory):
    """One freshly generated RSA key and OCI config for the whole run."""
    return make_identity(tmp_path_factory.mktemp("oci"))


@pytest.fixture
def make_emulator(identity):
    """Start a local service with a given seed and clock; every one is stopped at teardown."""
    started: list[Emulator] = []

    def factory(seed: str = "empty", clock=None, **kwargs) -> Emulator:
        emu = Emulator(seed=seed, tenancy_id=identity.tenancy_id, clock=clock or ManualClock(), **kwargs)
        emu.add_key(identity.key_id, identity.public_key_pem)
        emu.start()
        started.append(emu)
        return emu

    yield factory
    for emu in started:
        emu.stop()


@pytest.fixture
def emulator(make_emulator):
    """The demo seed on a clock the test advances by hand."""
    return make_emulator("demo")


@pytest.fixture
def session(emulator, identity):
    from tui.cloud.auth import load_profile
    from tui.cloud.clients import CloudSession

    profile = load_profile(config_file=str(identity.config_file))
    return CloudSession(profile, endpoint_template=emulator.endpoint_template)


@pytest.fixture
def genai(session):
    from tui.cloud.operations import GenAI

    return GenAI(session)
