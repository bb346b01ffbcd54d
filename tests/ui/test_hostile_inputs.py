"""The sanitiser (tui.ui.text.clean), the form rules and SafeInput against every control character
(issue 10 §1). Property tests: whatever the text, the output holds no C0, DEL, C1, bidi control or
lone surrogate, keeps its length one for one, and leaves safe text alone; the rules refuse C1 and
bidi controls as they refuse C0. And no module of the console builds a bare Textual `Input`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tui.ui.forms import rules
from tui.ui.forms.inputs import SafeInput
from tui.ui.forms.tags import tags_error
from tui.ui.text import clean, is_clean

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F),
                             *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0xD800, 0xDFFF)]
hostile_text = st.text(st.one_of(st.characters(), st.sampled_from(CONTROLS)), max_size=200)
C1_OR_BIDI = st.sampled_from([c for c in CONTROLS if ord(c) >= 0x7F and not 0xD800 <= ord(c) <= 0xDFFF])


@given(hostile_text)
def test_clean_leaves_nothing_unsafe_and_keeps_the_length(text):
    out = clean(text, limit=None)
    assert not UNSAFE.search(out) and is_clean(out)
    assert len(out) == len(text)  # one visible character per unsafe one
    out.encode("utf-8")  # always encodable to the terminal


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")).filter(lambda c: not UNSAFE.match(c)), max_size=200))
def test_clean_leaves_safe_text_alone(text):
    assert clean(text, limit=None) == text


@given(hostile_text)
def test_multiline_clean_keeps_lines_and_nothing_else(text):
    out = clean(text, multiline=True, limit=None)
    assert not UNSAFE.search(out.replace("\n", ""))
    assert out.count("\n") == text.replace("\r\n", "\n").count("\n")


def test_the_scheme():
    assert clean("\x1b]52;c;eA==\x07") == "␛]52;c;eA==␇"
    assert clean("a\tb\nc\x7f") == "a␉b␊c␡"  # tab and newline too, in single-line text
    assert clean("\x9b2J \u202eevil\u202c \u2066x\u2069") == "\ufffd2J \ufffdevil\ufffd \ufffdx\ufffd"
    assert clean("a\r\nb\tc", multiline=True) == "a\nb    c"


@given(st.text(max_size=40), C1_OR_BIDI, st.text(max_size=40))
def test_rules_refuse_c1_and_bidi_like_c0(before, control, after):
    text = before + control + after
    assert rules.free_text(1000)(text) == "must not contain control characters"
    assert rules.tag_value(text[:256]) is not None or control not in text[:256]
    assert rules.tag_key(("k" + control)[:100]) is not None
    assert rules.display_name("a" + control) is not None
    assert rules.prefix("p" + control) is not None
    assert tags_error([("k", "v" + control)]) is not None


def test_rules_accept_ordinary_text():
    assert rules.free_text(100)("模型 نموذج ok") is None and rules.tag_value("café") is None


async def test_safe_input_paints_clean_and_remembers_the_prefill():
    from textual.app import App

    class One(App[None]):
        def compose(self):
            yield SafeInput(id="typed")
            yield SafeInput(placeholder="\x1b]0;t\x07", id="empty")

    async with One().run_test() as pilot:
        typed = pilot.app.query_one("#typed", SafeInput)
        typed.value = "x\x1b[2Jy"  # typed or pasted: kept as typed (the rules say what is wrong) ...
        assert typed.value == "x\x1b[2Jy" and typed._value.plain == "x␛[2Jy"  # ... painted clean
        typed.prefill("d\x9bz")
        assert typed.value == "d\ufffdz" and typed.original == "d\x9bz" and typed.altered and typed.untouched
        typed.value = "new"
        assert not typed.untouched
        assert pilot.app.query_one("#empty", SafeInput).placeholder == "␛]0;t␇"
        await pilot.pause()
        for strip in pilot.app.screen._compositor.render_strips():
            assert not UNSAFE.search("".join(segment.text for segment in strip))


def test_no_bare_input_in_the_console():
    """Every text input is a SafeInput: a new dialog cannot paint service text raw by forgetting."""
    root = Path(__file__).resolve().parents[2] / "tui"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "inputs.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Input", "TextArea") \
                    and path.name != "review_step.py":
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) == "Input" for b in node.bases):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []
