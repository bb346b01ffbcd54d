"""Builders for cluster and endpoint bodies, the facts table and the suitability judge: pure logic,
unit tests plus hypothesis tests for the validators."""

from __future__ import annotations

from types import SimpleNamespace

import oci.generative_ai.models as sdk
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cloud import builders_serving as bs
from tui.cloud import suitability as su
from tui.cloud.builders import BuilderError, request_body
from tui.facts import clusters as facts

COMP = "ocid1.compartment.oc1..aaaaaaaacomp"
CLUSTER = "ocid1.generativeaidedicatedaicluster.oc1.us-chicago-1.amaaaaaacluster"
MODEL = "ocid1.generativeaimodel.oc1.us-chicago-1.amaaaaaamodel"
IMPORTED = "ocid1.generativeaiimportedmodel.oc1.us-chicago-1.amaaaaaaimported"


def rejects(fn, field, rule=None, *args, **kwargs):
    with pytest.raises(BuilderError) as info:
        fn(*args, **kwargs)
    assert info.value.field == field, (info.value.field, info.value.message)
    if rule:
        assert info.value.rule == rule, (info.value.rule, info.value.message)
    return info.value


# -- clusters -------------------------------------------------------------------------------------------

def test_create_cluster_details():
    d = bs.create_cluster_details(COMP, "hosting", " small_cohere_v2 ", "2", display_name="hc-1",
                                  freeform_tags={"team": "ml"})
    assert isinstance(d, sdk.CreateDedicatedAiClusterDetails)
    assert (d.type, d.unit_shape, d.unit_count, d.display_name) == ("HOSTING", "SMALL_COHERE_V2", 2, "hc-1")
    assert request_body(d) == {"displayName": "hc-1", "type": "HOSTING", "compartmentId": COMP, "unitCount": 2,
                               "unitShape": "SMALL_COHERE_V2", "freeformTags": {"team": "ml"}}
    # a shape the console does not know is accepted (the form warns through tui.facts)
    assert bs.create_cluster_details(COMP, "FINE_TUNING", "NEW_SHAPE_X1", 8).unit_shape == "NEW_SHAPE_X1"


@pytest.mark.parametrize("args, field, rule", [
    ((None, "HOSTING", "A10_X1", 1), "compartment_id", "required"),
    (("compartment-1", "HOSTING", "A10_X1", 1), "compartment_id", "shape"),
    ((COMP, None, "A10_X1", 1), "cluster_type", "required"),
    ((COMP, "SERVING", "A10_X1", 1), "cluster_type", "choice"),
    ((COMP, "HOSTING", "", 1), "unit_shape", "required"),
    ((COMP, "HOSTING", "a10 x1", 1), "unit_shape", "shape"),
    ((COMP, "HOSTING", "A10_X1", None), "unit_count", "required"),
    ((COMP, "HOSTING", "A10_X1", 0), "unit_count", "range"),
    ((COMP, "HOSTING", "A10_X1", 1001), "unit_count", "range"),
    ((COMP, "HOSTING", "A10_X1", 1.5), "unit_count", "type"),
    ((COMP, "HOSTING", "A10_X1", True), "unit_count", "type"),
])
def test_create_cluster_details_names_the_field(args, field, rule):
    rejects(bs.create_cluster_details, field, rule, *args)


def test_update_cluster_details():
    d = bs.update_cluster_details(unit_count=3, cluster_type="HOSTING")
    assert isinstance(d, sdk.UpdateDedicatedAiClusterDetails) and d.unit_count == 3
    assert bs.update_cluster_details(description="x", cluster_type="FINE_TUNING").description == "x"
    rejects(bs.update_cluster_details, "unit_count", "conflict", unit_count=3, cluster_type="FINE_TUNING")
    rejects(bs.update_cluster_details, "display_name", "required")
    rejects(bs.update_cluster_details, "display_name", "shape", display_name="1bad")


@given(st.one_of(st.integers(), st.text(max_size=6), st.none(), st.floats(allow_nan=True), st.booleans()))
def test_unit_count_accepts_exactly_whole_numbers_in_range(value):
    ok = (not isinstance(value, bool) and isinstance(value, int) and 1 <= value <= bs.MAX_UNIT_COUNT) or (
        isinstance(value, str) and value.strip().isdigit() and value.strip().isascii()
        and 1 <= int(value) <= bs.MAX_UNIT_COUNT)
    try:
        d = bs.create_cluster_details(COMP, "HOSTING", "A10_X1", value)
    except BuilderError as exc:
        assert not ok and exc.field == "unit_count"
    else:
        assert ok and d.unit_count == int(value)


@given(st.text(max_size=80))
def test_unit_shape_is_a_shape_name_or_refused_by_name(value):
    try:
        d = bs.create_cluster_details(COMP, "HOSTING", value, 1)
    except BuilderError as exc:
        assert exc.field == "unit_shape"
    else:
        assert bs.SHAPE_RE.fullmatch(d.unit_shape) and d.unit_shape == value.strip().upper()


# -- endpoints ------------------------------------------------------------------------------------------

def test_guardrail_configs():
    cm = bs.content_moderation_config(True, "block")
    assert isinstance(cm, sdk.ContentModerationConfig) and (cm.is_enabled, cm.mode) == (True, "BLOCK")
    pi = bs.prompt_injection_config(True, "INFORM")
    assert isinstance(pi, sdk.PromptInjectionConfig) and pi.mode == "INFORM"
    pii = bs.pii_detection_config(False)
    assert isinstance(pii, sdk.PiiDetectionConfig) and pii.mode is None and pii.is_enabled is False
    assert bs.prompt_injection_config(True, "FUTURE_MODE").mode == "FUTURE_MODE"  # free string in the API
    rejects(bs.content_moderation_config, "content_moderation_config.mode", "choice", True, "SHOUT")
    rejects(bs.content_moderation_config, "content_moderation_config.is_enabled", "type", "yes")
    rejects(bs.pii_detection_config, "pii_detection_config.mode", "shape", True, "two words")
    rejects(bs.prompt_injection_config, "prompt_injection_config.model_id", "shape", True, None, "nope")


def test_create_endpoint_details():
    d = bs.create_endpoint_details(COMP, IMPORTED, CLUSTER, display_name="ep-1",
                                   content_moderation_config=bs.content_moderation_config(True, "INFORM"),
                                   pii_detection_config=bs.pii_detection_config(True, "BLOCK"))
    assert isinstance(d, sdk.CreateEndpointDetails)
    body = request_body(d)
    assert body["contentModerationConfig"] == {"isEnabled": True, "mode": "INFORM"}
    assert body["piiDetectionConfig"] == {"isEnabled": True, "mode": "BLOCK"}
    assert "promptInjectionConfig" not in body and body["modelId"] == IMPORTED
    assert bs.create_endpoint_details(COMP, MODEL, CLUSTER).model_id == MODEL
    rejects(bs.create_endpoint_details, "model_id", "shape", COMP, CLUSTER, CLUSTER)
    rejects(bs.create_endpoint_details, "dedicated_ai_cluster_id", "shape", COMP, MODEL, MODEL)
    rejects(bs.create_endpoint_details, "content_moderation_config", "type", COMP, MODEL, CLUSTER,
            content_moderation_config={"isEnabled": True})
    rejects(bs.create_endpoint_details, "prompt_injection_config", "type", COMP, MODEL, CLUSTER,
            prompt_injection_config=bs.pii_detection_config(True))
    rejects(bs.create_endpoint_details, "generative_ai_private_endpoint_id", "shape", COMP, MODEL, CLUSTER,
            generative_ai_private_endpoint_id=CLUSTER)


def test_update_endpoint_details():
    d = bs.update_endpoint_details(description="d", prompt_injection_config=bs.prompt_injection_config(False))
    assert isinstance(d, sdk.UpdateEndpointDetails) and d.prompt_injection_config.is_enabled is False
    rejects(bs.update_endpoint_details, "display_name", "required")
    assert isinstance(bs.update_details_for("endpoint", description="x"), sdk.UpdateEndpointDetails)
    assert isinstance(bs.update_details_for("cluster", unit_count=2), sdk.UpdateDedicatedAiClusterDetails)
    rejects(bs.update_details_for, "kind", "choice", "model", description="x")


# -- facts ------------------------------------------------------------------------------------------------

def test_facts_table():
    assert len(facts.UNIT_SHAPES) == len(set(facts.UNIT_SHAPES)) == 124
    assert set(facts.UNIT_SHAPES) == {getattr(sdk.DedicatedAiCluster, n) for n in dir(sdk.DedicatedAiCluster)
                                      if n.startswith("UNIT_SHAPE_")}
    assert facts.presets("cohere.command-r-08-2024", "FINE_TUNING") == (facts.ClusterNeed("SMALL_COHERE_V2", 8, True),)
    assert facts.presets("cohere.command-r-08-2024", "hosting") == (facts.ClusterNeed("SMALL_COHERE_V2", 1),)
    assert facts.presets("meta.llama-3.1-70b-instruct", "FINE_TUNING")[0].unit_count == 2
    assert facts.presets("cohere.command", "HOSTING")[0].shape == "LARGE_COHERE"
    assert facts.presets("cohere.command-light", "HOSTING")[0].shape == "SMALL_COHERE"
    assert facts.presets("xai.grok-4", "HOSTING") == ()
    with pytest.raises(ValueError):
        facts.presets("cohere.command", "SERVING")


@pytest.mark.parametrize("model, shape, purpose, suits, warned", [
    ("meta.llama-3.3-70b-instruct", "LARGE_GENERIC", "FINE_TUNING", True, True),  # inferred row
    ("meta.llama-3-70b-instruct", "LARGE_GENERIC", "FINE_TUNING", True, False),
    ("meta.llama-3-70b-instruct", "SMALL_COHERE_V2", "FINE_TUNING", False, False),
    ("cohere.command-r-08-2024", "SMALL_COHERE_V2", "HOSTING", True, False),
    ("cohere.command-r-08-2024", "LARGE_GENERIC", "HOSTING", False, False),
    ("cohere.command-r-08-2024", "BRAND_NEW_SHAPE", "HOSTING", True, True),  # unknown shape: warned, not refused
    ("xai.grok-4", "H100_X8", "HOSTING", True, True),  # no facts for the model
])
def test_fit(model, shape, purpose, suits, warned):
    f = facts.fit(model, shape, purpose)
    assert f.suits is suits and bool(f.warning) is warned and f.reason
    if not suits:
        assert shape in f.reason and f.need is not None and f.need.shape in f.reason


def test_fit_warns_on_a_fine_tuning_unit_count_other_than_documented():
    f = facts.fit("cohere.command-r-08-2024", "SMALL_COHERE_V2", "FINE_TUNING", unit_count=2)
    assert f.suits and "8 units" in (f.warning or "")


@pytest.mark.parametrize("hf, shape, suits, warned", [
    ("google/gemma-2-9b-it", "A100_80G_X1", True, False),
    ("google/gemma-2-9b-it", "H100_X2", True, True),
    ("google/gemma-2-9b-it", "SMALL_COHERE_V2", False, False),
    (None, "META_H200_X8", True, True),
    (None, "UNKNOWN_ENUM_VALUE", True, True),
])
def test_fit_imported(hf, shape, suits, warned):
    f = facts.fit_imported(hf, shape)
    assert f.suits is suits and bool(f.warning) is warned


@given(st.text(max_size=30), st.sampled_from(facts.CLUSTER_TYPES), st.sampled_from([r.base_models[0]
                                                                                     for r in facts.RULES]))
def test_unknown_shapes_are_never_refused(shape, purpose, model):
    f = facts.fit(model, shape, purpose)
    if not facts.is_known_shape(shape):
        assert f.suits and f.warning and not f.known_shape
    else:
        assert f.known_shape


# -- suitability over SDK objects ---------------------------------------------------------------------------

def cluster(name, ctype="HOSTING", shape="SMALL_COHERE_V2", state="ACTIVE", used=0, total=50, units=1):
    cap = SimpleNamespace(total_endpoint_capacity=total, used_endpoint_capacity=used) if ctype == "HOSTING" else None
    return SimpleNamespace(display_name=name, type=ctype, unit_shape=shape, lifecycle_state=state, capacity=cap,
                           unit_count=units)


def test_judge_clusters_for_hosting_a_custom_model():
    custom = SimpleNamespace(type="CUSTOM", base_model_id="b1", display_name="bot", lifecycle_state="ACTIVE")
    subject = su.subject_of(custom, {"b1": "cohere.command-r-08-2024"}.get)
    assert subject == su.Subject(base_model_name="cohere.command-r-08-2024", model_state="ACTIVE")
    judged = su.judge_clusters([
        cluster("wrong-shape", shape="LARGE_GENERIC"), cluster("full", used=50), cluster("ok"),
        cluster("ft", ctype="FINE_TUNING", units=8), cluster("sick", state="NEEDS_ATTENTION"),
    ], "HOSTING", subject)
    assert [(c.cluster.display_name, c.usable) for c in judged] == [
        ("ok", True), ("wrong-shape", False), ("full", False), ("ft", False), ("sick", False)]
    reasons = {c.cluster.display_name: c.reason for c in judged}
    assert "SMALL_COHERE_V2" in reasons["wrong-shape"] and "capacity" in reasons["full"]
    assert "FINE_TUNING" in reasons["ft"] and "NEEDS_ATTENTION" in reasons["sick"]
    assert su.free_capacity(cluster("x", used=48)) == 2 and su.free_capacity(cluster("y", ctype="FINE_TUNING")) is None


def test_judge_clusters_for_fine_tuning_and_imported_models():
    base = SimpleNamespace(type="BASE", base_model_id=None, display_name="meta.llama-3.3-70b-instruct",
                           lifecycle_state="ACTIVE")
    llama = su.subject_of(base)
    ft = su.judge_clusters([cluster("cohere", "FINE_TUNING", units=8),
                            cluster("llama", "FINE_TUNING", "LARGE_GENERIC", units=2)], "FINE_TUNING", llama)
    assert [(c.cluster.display_name, c.usable) for c in ft] == [("llama", True), ("cohere", False)]
    assert ft[0].warning  # the Llama 3.3 row is inferred
    imported = SimpleNamespace(display_name="gemma", lifecycle_state="ACTIVE",
                               data_source=SimpleNamespace(source_type="HUGGING_FACE_MODEL",
                                                           model_id="google/gemma-2-9b-it"))
    subject = su.subject_of(imported)
    assert subject.imported and subject.hugging_face_id == "google/gemma-2-9b-it"
    judged = su.judge_clusters([cluster("cohere"), cluster("gpu", shape="A100_80G_X1"),
                                cluster("odd", shape="UNKNOWN_ENUM_VALUE")], "HOSTING", subject)
    assert [(c.cluster.display_name, c.usable, bool(c.warning)) for c in judged] == [
        ("gpu", True, False), ("odd", True, True), ("cohere", False, False)]


def test_facts_is_data_only():
    import json
    import subprocess
    import sys

    code = ("import sys, json, tui.facts.clusters\n"
            "print(json.dumps(sorted(n for n in sys.modules if n.split('.')[0] in ('oci', 'textual', 'rich')"
            " or n.startswith('tui.cloud') or n.startswith('tui.emulator'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
