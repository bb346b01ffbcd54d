"""The guardrail modes as the console edits them (tui.ui.data.guardrails): pure round trips between
the three OFF / INFORM / BLOCK words and the SDK configs the builders make, and the edit conflict
snapshot of an endpoint."""

from __future__ import annotations

import oci.generative_ai.models as sdk
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cloud.builder_error import BuilderError
from tui.ui.data import guardrails
from tui.ui.dialogs import conflict

modes = st.fixed_dictionaries({name: st.sampled_from(guardrails.MODES) for name in guardrails.FIELDS})


@given(modes)
def test_modes_survive_the_round_trip_through_the_sdk_configs(chosen):
    endpoint = sdk.Endpoint(**guardrails.configs(chosen))
    assert guardrails.modes_of(endpoint) == chosen
    assert conflict.snapshot(endpoint)["guardrails"] == chosen
    for name, config in guardrails.configs(chosen).items():
        assert config.is_enabled is (chosen[name] != guardrails.OFF)
    text = guardrails.summary(chosen)
    assert all(label in text for label in guardrails.LABELS.values())


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12))
def test_a_free_string_mode_is_kept_and_content_moderation_refuses_it(mode):
    upper = mode.upper()
    kept = {**guardrails.DEFAULTS, "pii_detection_config": upper}
    if upper[0].isalpha():
        assert guardrails.modes_of(sdk.Endpoint(**guardrails.configs(kept)))["pii_detection_config"] == upper
    if upper not in ("INFORM", "BLOCK", "OFF"):
        with pytest.raises(BuilderError) as raised:
            guardrails.configs({**guardrails.DEFAULTS, "content_moderation_config": upper})
        assert raised.value.field == "content_moderation_config.mode"


def test_missing_or_disabled_configs_read_as_off_and_models_have_none():
    assert guardrails.modes_of(sdk.Endpoint()) == dict.fromkeys(guardrails.FIELDS, guardrails.OFF)
    enabled_without_mode = sdk.Endpoint(pii_detection_config=sdk.PiiDetectionConfig(is_enabled=True))
    assert guardrails.modes_of(enabled_without_mode)["pii_detection_config"] == "INFORM"
    assert guardrails.modes_of(sdk.Model()) == {} and conflict.snapshot(sdk.Model())["guardrails"] == {}
    assert guardrails.configs(guardrails.DEFAULTS, only={"prompt_injection_config"}).keys() == {
        "prompt_injection_config"}
