"""The review step's promises, checked against the real things: the body is what the SDK sends, and
the CLI equivalent, run by the real OCI CLI against the local service, creates the same resource.
Plus the pure rules behind every field (unit and property tests, no UI)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from tui.cloud import builders
from tui.facts import fine_tuning
from tui.ui.dialogs import conflict
from tui.ui.dialogs.delete import endpoints_in_message
from tui.ui.forms import rules
from tui.ui.forms.tags import tags_error
from tui.ui.wizards import review
from tui.ui.wizards.fine_tune_draft import FineTuneDraft
from tui.ui.wizards.import_draft import ImportDraft

REPO = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("OCI_CLI_BIN") or REPO / ".venv-cli" / "bin" / "oci")
REGION = "us-chicago-1"


def _draft(emu, base_id, cluster_id) -> FineTuneDraft:
    d = FineTuneDraft(base_model_id=base_id, base_model_name="meta.llama-3.3-70b-instruct", method="LORA",
                      namespace="ns", bucket="bkt", object_name="data/train.jsonl", cluster_id=cluster_id,
                      display_name="cli_twin", version="v'1", description="it's \"quoted\" & $HOME",
                      freeform_tags={"team": "a b"})
    d.hyper[d.hyper_key] = {"lora_r": "16"}
    return d


def _ids(genai, emu):
    comp = emu.seed_info.extras["models_compartment_id"]
    base = next(m for m in genai.list_resources("model", comp, capability="FINE_TUNE").data
                if m.display_name == "meta.llama-3.3-70b-instruct")
    cluster = next(c for c in genai.list_dedicated_ai_clusters(comp, cluster_type="FINE_TUNING").data
                   if c.display_name.startswith("ft-llama"))
    return comp, base.id, cluster.id


@pytest.mark.skipif(not CLI.exists(), reason="OCI CLI not installed in .venv-cli")
def test_cli_equivalent_creates_the_same_model(genai, emulator, identity):
    comp, base_id, cluster_id = _ids(genai, emulator)
    details = _draft(emulator, base_id, cluster_id).build(comp)
    command = review.fine_tune_cli(details, REGION)
    runnable = command.replace(
        "oci --region us-chicago-1", f"{CLI} --config-file {identity.config_file} --endpoint "
                                     f"{emulator.url}/{REGION}", 1)
    env = {**os.environ, "OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING": "True", "SUPPRESS_LABEL_WARNING": "True"}
    done = subprocess.run(["bash", "-c", runnable], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    created = json.loads(done.stdout)["data"]
    sent = builders.request_body(details)
    assert created["display-name"] == "cli_twin" and created["description"] == sent["description"]
    assert created["version"] == "v'1" and created["freeform-tags"] == {"team": "a b"}
    stored = emulator.store(REGION).models[created["id"]].data
    assert stored["fineTuneDetails"] == {**sent["fineTuneDetails"], "trainingConfig": stored["fineTuneDetails"]
                                         ["trainingConfig"]}
    assert stored["fineTuneDetails"]["trainingConfig"] == sent["fineTuneDetails"]["trainingConfig"]


def test_review_body_is_what_the_sdk_serialises(genai, emulator):
    from oci.base_client import BaseClient
    from oci.generative_ai.models import generative_ai_type_mapping

    comp, base_id, cluster_id = _ids(genai, emulator)
    details = _draft(emulator, base_id, cluster_id).build(comp)
    client = BaseClient.__new__(BaseClient)
    client.complex_type_mappings = generative_ai_type_mapping
    assert json.loads(review.body_json(details)) == client.sanitize_for_serialization(details)


def test_import_review_masks_the_token_and_names_the_right_command():
    d = ImportDraft(hf_model_id="google/gemma-2-9b-it", hf_token="hf_abcdefgh12345678", capability="EMBEDDING",
                    display_name="g")
    details = d.build("ocid1.compartment.oc1..aaaa")
    assert "hf_abcdefgh12345678" not in review.body_json(details) + review.import_cli(details, REGION)
    assert "hf_abcdefgh12345678" not in repr(d)
    assert "--access-token '********'" in review.import_cli(details, REGION)
    d.source, d.os_namespace, d.os_bucket, d.os_prefix = "OBJECT_STORAGE_OBJECT", "ns", "b", "p/"
    cli = review.import_cli(d.build("ocid1.compartment.oc1..aaaa"), REGION)
    assert "create-from-objectstorage" in cli and "--prefix-name p/" in cli and "--access-token" not in cli


@pytest.mark.parametrize("text, broken", [
    ("", None), ("_ok-1", None), ("a" * 255, None), ("a" * 256, "must be at most 255 characters"),
    ("1abc", "must start with a letter or underscore"), ("a.b", "may contain only letters, digits, '-' and '_'"),
    ("[b]x", "must start with a letter or underscore"),
])
def test_display_name_rule(text, broken):
    assert rules.display_name(text) == broken


def test_rules_name_what_they_break():
    assert rules.jsonl_object("train.csv") == "must name a .jsonl file"
    assert rules.hf_model_id("gemma") == "must be org/name"
    assert rules.hf_commit("xyz1234") == "must be a commit hash: 7 to 64 hex digits"
    assert rules.ocid("generativeaidedicatedaicluster")("ocid1.generativeaimodel.oc1.x.aaa").startswith(
        "must be an OCID of type generativeaidedicatedaicluster")
    assert rules.hf_token("has space") == "must be one token without spaces"
    assert tags_error([("a", "1"), ("a", "2")]) == "row 2: key 'a' is repeated"
    assert tags_error([("", ""), ("k", "v")]) is None


def test_unconfirmed_ranges_warn_confirmed_ones_refuse():
    lora_r = next(p for p in fine_tuning.hyperparameters("meta.llama-3.3-70b-instruct", "LORA") if p.name == "lora_r")
    assert rules.hyperparameter(lora_r, "65")[0] == "must be at most 64 (1 ≤ x ≤ 64)"
    alpha = next(p for p in fine_tuning.hyperparameters("meta.llama-3.3-70b-instruct", "LORA")
                 if p.name == "lora_alpha")
    error, warning = rules.hyperparameter(alpha, "200")
    assert error is None and "unconfirmed" in warning
    epochs = fine_tuning.hyperparameters("cohere.command-r-08-2024", "TFEW")[0]
    assert rules.hyperparameter(epochs, "0") == ("must be at least 1", None)


@given(st.text(max_size=300))
def test_a_name_the_rule_accepts_the_builder_accepts(text):
    if rules.display_name(text, required_=True) is None:
        assert builders.check_display_name(text) == text


@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_dataset_fields_the_rules_accept_the_builder_accepts(ns, bucket, obj):
    if not (rules.namespace(ns) or rules.bucket(bucket) or rules.jsonl_object(obj)):
        builders.object_storage_dataset(ns, bucket, obj)


@given(st.dictionaries(st.sampled_from(conflict.EDITABLE), st.text(max_size=5)),
       st.dictionaries(st.sampled_from(conflict.EDITABLE), st.text(max_size=5)))
def test_changes_are_exactly_the_differing_fields(original, yours):
    original = {f: original.get(f, "") for f in conflict.EDITABLE}
    yours = {f: yours.get(f, "") for f in conflict.EDITABLE}
    changed = conflict.changes(original, yours)
    assert all(yours[f] != original[f] for f in changed)
    assert all(yours[f] == original[f] for f in conflict.EDITABLE if f not in changed)


def test_409_message_names_the_endpoints():
    message = ("The model ocid1.generativeaimodel.oc1.x.aaa cannot be deleted: it is used by active endpoint(s): "
               "bot (ocid1.generativeaiendpoint.oc1.us-chicago-1.aaa1); ocid1.generativeaiendpoint.oc1.x.bbb2")
    assert endpoints_in_message(message) == {"ocid1.generativeaiendpoint.oc1.us-chicago-1.aaa1": "bot",
                                             "ocid1.generativeaiendpoint.oc1.x.bbb2": ""}
