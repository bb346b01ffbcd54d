import oci.generative_ai.models as sdk
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cloud.builders import BuilderError
from tui.cloud.errors import CloudError
from tui.cloud.builders import check_ocid
from tui.cloud.resources import (
    DEDICATED_AI_CLUSTER,
    IMPORTED_MODEL,
    KINDS,
    MODEL,
    kind_of,
    kind_of_ocid,
    normalize_capabilities,
    normalize_capability,
    normalize_lifecycle_state,
    normalize_sort_by,
    normalize_sort_order,
)
from tui.ui.data.presentation import PRESENTATIONS, presentation


def test_descriptors_hold_the_facts_that_differ():
    assert "UPDATING" not in MODEL.lifecycle_states
    assert "UPDATING" in IMPORTED_MODEL.lifecycle_states
    assert MODEL.async_ops == {"create", "delete"}
    assert IMPORTED_MODEL.async_ops == {"create", "update", "delete"}
    assert MODEL.type_values == ("BASE", "CUSTOM") and not IMPORTED_MODEL.type_values
    assert "FINE_TUNE" in MODEL.capabilities and "FINE_TUNE" not in IMPORTED_MODEL.capabilities
    assert "TEXT_TO_TEXT" in IMPORTED_MODEL.capabilities and "TEXT_TO_TEXT" not in MODEL.capabilities
    assert MODEL.sort_fields == IMPORTED_MODEL.sort_fields == ("displayName", "lifecycleState", "timeCreated")
    assert {"model": MODEL, "imported_model": IMPORTED_MODEL}.items() <= KINDS.items()
    assert IMPORTED_MODEL.is_transitional("updating") and not MODEL.is_transitional("UPDATING")


def test_every_kind_is_one_facts_entry_plus_one_presentation_entry():
    assert set(PRESENTATIONS) == set(KINDS)
    for kind in KINDS.values():
        p = presentation(kind)
        assert p is presentation(kind.key) and p.title and p.detail_fields
        assert bool(p.summary_fields) != bool(p.columns)  # one column source, never both
    assert presentation("cluster").title == "Dedicated AI cluster" and DEDICATED_AI_CLUSTER.nouns == "dedicated AI clusters"
    assert len({presentation(k).view_id for k in KINDS.values()}) == len(KINDS)
    for kind in KINDS.values():
        assert kind_of_ocid(f"ocid1.{kind.ocid_type}.oc1.us-chicago-1.aaaa") is kind
    assert kind_of_ocid("ocid1.compartment.oc1..aaaa") is None and kind_of_ocid(None) is None


@pytest.mark.parametrize("kind", list(KINDS.values()))
def test_ocid_checks_read_the_descriptor_ocid_type(kind):
    ocid = f"ocid1.{kind.ocid_type}.oc1.us-chicago-1.aaaa"
    assert check_ocid("x", ocid, types=(kind,)) == ocid
    other = next(k for k in KINDS.values() if k is not kind)
    with pytest.raises(BuilderError, match=f"must be an OCID of type {other.ocid_type}, not {kind.ocid_type}"):
        check_ocid("x", ocid, types=(other,))


@pytest.mark.parametrize("kind", [MODEL, IMPORTED_MODEL])
def test_descriptor_names_exist_in_the_sdk(kind):
    client_cls = __import__("oci").generative_ai.GenerativeAiClient
    for attr in ("list_method", "get_method", "create_method", "update_method", "change_compartment_method",
                 "delete_method"):
        assert callable(getattr(client_cls, getattr(kind, attr)))
    for which in ("model", "summary", "create_details", "update_details", "change_compartment_details"):
        cls = kind.sdk_class(which)
        assert isinstance(cls, type)
    model_attrs = set(kind.sdk_class("model")().swagger_types)
    for f in presentation(kind).detail_fields:
        assert f.attr in model_attrs, f.attr
    summary_attrs = set(kind.sdk_class("summary")().swagger_types)
    for f in presentation(kind).summary_fields:
        assert f.attr in summary_attrs, f.attr
    # The enum sets match the SDK's own constants.
    model_cls = kind.sdk_class("model")
    sdk_caps = {getattr(model_cls, n) for n in dir(model_cls) if n.startswith("CAPABILITIES_")}
    assert sdk_caps == set(kind.capabilities)
    sdk_states = {getattr(model_cls, n) for n in dir(model_cls) if n.startswith("LIFECYCLE_STATE_")}
    assert sdk_states == set(kind.lifecycle_states)


@pytest.mark.parametrize("value", ["text-generation", "TEXT_GENERATION", "Text Generation", "text_generation",
                                   sdk.Model.CAPABILITIES_TEXT_GENERATION, "CAPABILITIES_TEXT_GENERATION",
                                   ":text-generation", "Model.CAPABILITIES_TEXT_GENERATION"])
def test_capability_spellings(value):
    assert normalize_capability(value, "model") == "TEXT_GENERATION"


def test_capability_is_per_kind_and_lists_valid_ones():
    assert normalize_capability("text-to-text", IMPORTED_MODEL) == "TEXT_TO_TEXT"
    with pytest.raises(BuilderError) as info:
        normalize_capability("text-to-text", MODEL)
    assert info.value.field == "capability" and info.value.rule == "choice"
    assert "TEXT_GENERATION" in str(info.value) and "FINE_TUNE" in str(info.value)
    assert isinstance(info.value, CloudError) and isinstance(info.value, ValueError)
    with pytest.raises(BuilderError) as info:
        normalize_capability("fine-tune", IMPORTED_MODEL)
    assert "EMBEDDING" in str(info.value)


def test_capability_lists_dedupe_in_order():
    assert normalize_capabilities(["chat", "CHAT", "fine-tune"], MODEL) == ["CHAT", "FINE_TUNE"]
    assert normalize_capabilities("chat", MODEL) == ["CHAT"]
    assert normalize_capabilities(None, MODEL) == []


_CAP_STYLES = st.sampled_from(["upper", "lower-dash", "title-space", "const"])


def _spell(canon: str, style: str) -> str:
    if style == "upper":
        return canon
    if style == "lower-dash":
        return canon.lower().replace("_", "-")
    if style == "title-space":
        return canon.replace("_", " ").title()
    return "CAPABILITIES_" + canon


@given(kind=st.sampled_from([MODEL, IMPORTED_MODEL]), data=st.data(), style=_CAP_STYLES)
def test_property_capability_round_trip(kind, data, style):
    canon = data.draw(st.sampled_from(kind.capabilities))
    assert normalize_capability(_spell(canon, style), kind) == canon


@given(kind=st.sampled_from([MODEL, IMPORTED_MODEL]), text=st.text(max_size=30))
def test_property_capability_rejects_everything_else(kind, text):
    try:
        result = normalize_capability(text, kind)
    except BuilderError as exc:
        assert exc.field == "capability"
    else:
        assert result in kind.capabilities


def test_lifecycle_state_per_kind():
    assert normalize_lifecycle_state("active", MODEL) == "ACTIVE"
    assert normalize_lifecycle_state("Updating", IMPORTED_MODEL) == "UPDATING"
    with pytest.raises(BuilderError) as info:
        normalize_lifecycle_state("UPDATING", MODEL)
    assert info.value.field == "lifecycle_state"


@pytest.mark.parametrize("value, expected", [
    ("displayName", "displayName"), ("display_name", "displayName"), ("DISPLAY_NAME", "displayName"),
    ("lifecycle_state", "lifecycleState"), ("timeCreated", "timeCreated"), ("time-created", "timeCreated"),
])
def test_sort_by(value, expected):
    assert normalize_sort_by(value, MODEL) == expected


@pytest.mark.parametrize("value, expected", [("asc", "ASC"), ("Desc", "DESC"), ("DESC", "DESC"),
                                             ("descending", "DESC")])
def test_sort_order(value, expected):
    assert normalize_sort_order(value) == expected


def test_sort_rejects():
    with pytest.raises(BuilderError) as info:
        normalize_sort_by("vendor", MODEL)
    assert info.value.field == "sort_by" and "timeCreated" in str(info.value)
    with pytest.raises(BuilderError) as info:
        normalize_sort_order("up")
    assert info.value.field == "sort_order"


def test_kind_of():
    assert kind_of("model") is MODEL and kind_of("imported-model") is IMPORTED_MODEL and kind_of(MODEL) is MODEL
    with pytest.raises(CloudError):
        kind_of("agent")  # "endpoint" became a kind (issue 8)
