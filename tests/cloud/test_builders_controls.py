"""The builders refuse C1 controls and bidi controls as they refuse C0 (issue 10 §1): display name,
description, vendor, version, and freeform tag keys and values (which were not checked at all)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cloud import builders
from tui.cloud.builders import BuilderError

CONTROLS = [chr(c) for c in (0x1B, 0x07, 0x7F, 0x85, 0x9B, 0x9D, 0x202A, 0x202E, 0x2066, 0x2069, 0x200F)]
control = st.sampled_from(CONTROLS)
plain = st.text(st.characters(whitelist_categories=("L", "N")), max_size=20)


@pytest.mark.parametrize("field", ["description", "vendor", "version"])
@given(before=plain, ch=control, after=plain)
def test_free_text_refuses_controls(field, before, ch, after):
    with pytest.raises(BuilderError) as err:
        builders.update_details("model", **{field: before + ch + after})
    assert err.value.field == field and err.value.rule == "shape" and "control characters" in err.value.message


@given(ch=control)
def test_display_name_refuses_controls_by_name(ch):
    with pytest.raises(BuilderError, match="control characters"):
        builders.update_details("model", display_name="name" + ch)


@given(ch=control, in_key=st.booleans())
def test_freeform_tags_refuse_controls_in_keys_and_values(ch, in_key):
    tags = {f"k{ch}": "v"} if in_key else {"k": f"v{ch}"}
    with pytest.raises(BuilderError) as err:
        builders.update_details("imported_model", freeform_tags=tags)
    assert err.value.field == "freeform_tags" and ("keys" if in_key else "values") in err.value.message


def test_ordinary_text_and_multiline_descriptions_still_pass():
    details = builders.update_details("model", description="line one\nline\ttwo 模型", vendor="café",
                                      freeform_tags={"team": "ml ü"})
    assert details.description.startswith("line one") and details.freeform_tags == {"team": "ml ü"}
