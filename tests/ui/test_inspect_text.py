"""The describe body builders (tui/ui/data/inspect_text.py): safe, indented, masked, searchable."""

from __future__ import annotations

import json

import oci
from hypothesis import given
from hypothesis import strategies as st

from tui.ui.data.inspect_text import api_json, api_yaml, find_all, highlighted
from tui.ui.text import is_clean


def _model(name: str, **kw: object) -> oci.generative_ai.models.ImportedModel:
    source = oci.generative_ai.models.HuggingFaceModel(model_id="google/gemma", access_token="hf_SECRET")
    return oci.generative_ai.models.ImportedModel(id="ocid1.x", compartment_id="ocid1.c", display_name=name,
                                                  data_source=source, freeform_tags={"k": "v"}, **kw)


def test_json_is_camel_case_indented_and_masks_the_token() -> None:
    text = api_json(_model("m"))
    data = json.loads(text)
    assert data["displayName"] == "m" and data["dataSource"]["sourceType"] == "HUGGING_FACE_MODEL"
    assert '\n    "modelId": "google/gemma"' in text  # two levels deep, four spaces
    assert "hf_SECRET" not in text and "hf_SECRET" not in api_yaml(_model("m"))


def test_yaml_names_ocids_above_them_and_quotes_what_yaml_would_misread() -> None:
    text = api_yaml(_model("true", version="1.0"), {"ocid1.c": "root/prod"})
    lines = text.splitlines()
    at = lines.index("compartmentId: ocid1.c")
    assert lines[at - 1] == "# root/prod"
    assert 'displayName: "true"' in lines and 'version: "1.0"' in lines
    assert "dataSource:" in lines and "  modelId: google/gemma" in lines


@given(st.text(max_size=60))
def test_highlighted_body_never_holds_an_unsafe_character(name: str) -> None:
    for body in (api_json(_model(name)), api_yaml(_model(name), {"ocid1.c": name})):
        text = highlighted(body, "json")
        assert all(is_clean(line) for line in text.plain.split("\n"))


@given(st.text(alphabet="abAB\n", max_size=40), st.text(alphabet="abAB", min_size=1, max_size=3))
def test_find_all_finds_every_non_overlapping_match(hay: str, needle: str) -> None:
    starts = find_all(hay, needle)
    assert all(hay[s:s + len(needle)].lower() == needle.lower() for s in starts)
    assert all(b >= a + len(needle) for a, b in zip(starts, starts[1:], strict=False))
    assert len(starts) == hay.lower().count(needle.lower())
