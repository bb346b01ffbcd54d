"""The `/` filter's query language (pure logic): substring, `!` inverse, `~` fuzzy subsequence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.ui.data.query import apply_query, matcher, parse_query


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


@given(st.text(alphabet="abc-.[]^\\9 ", max_size=6), st.text(alphabet="abc-.[]^\\9", max_size=30))
def test_fuzzy_is_exactly_a_subsequence_match(needle, hay):
    query = parse_query("~" + needle)
    chars = "".join(c for c in needle.strip().lower() if not c.isspace())
    assert matcher(query)(hay) == _is_subsequence(chars, hay)


@given(st.text(max_size=5), st.lists(st.text(max_size=12), max_size=20))
def test_inverse_is_the_complement_of_substring(needle, hays):
    hays = [h.lower() for h in hays]
    plain = apply_query(hays, parse_query(needle), key=str)
    inverse = apply_query(hays, parse_query("!" + needle), key=str)
    if needle.strip():
        assert sorted(plain + inverse) == sorted(hays)
    else:
        assert plain == hays


def test_modes_are_parsed():
    assert parse_query("~llm3").mode == "fuzzy"
    assert parse_query("!cohere").mode == "inverse"
    assert parse_query("Llama").text == "llama" and parse_query("Llama").mode == "substring"
    assert not parse_query("  ").active
