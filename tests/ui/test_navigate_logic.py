"""Pure logic of "find and move around": version order, `~` fuzzy ranking on visible cells, history."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.ui.data.query import apply_query, parse_query
from tui.ui.data.rows import Row
from tui.ui.data.rowset import RowSet, SortState, visible_text
from tui.ui.data.sorting import next_sort_column, version_key

versions = st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=4)


def test_versions_sort_as_numbers():
    assert sorted(["14.2", "2.5", "1.7", None, "1.10", "1.9"], key=version_key) == [
        "1.7", "1.9", "1.10", "2.5", "14.2", None]
    assert version_key("V1.0") == version_key("v1.0")


@given(versions, versions)
def test_version_order_is_numeric_order(a, b):
    ka, kb = version_key(".".join(map(str, a))), version_key(".".join(map(str, b)))
    assert (ka < kb) == (a < b) and (ka == kb) == (a == b)


@given(st.lists(st.one_of(st.none(), st.text(max_size=12)), max_size=12))
def test_any_strings_compare_without_error(values):
    ordered = sorted(values, key=version_key)
    assert len(ordered) == len(values)
    assert all(v is None or not str(v).strip() for v in ordered[len(ordered) - sum(
        1 for v in values if v is None or not str(v).strip()):])


def _row(ocid: str, *cells: str) -> Row:
    return Row(key=f"r/{ocid}", ocid=ocid, region="r", name=cells[0], state="", cells=tuple(cells),
               sort_keys=tuple((0, c) for c in cells), search=" ".join((*cells, ocid)).lower(), obj=None)


def test_fuzzy_never_matches_the_hidden_ocid_and_ranks_best_first():
    rows = [_row("ocid1.model.oc1..md9", "alpha", "ACTIVE"),
            _row("ocid1.model.oc1..x1", "my-dataset-v9 tuned", "ACTIVE"),
            _row("ocid1.model.oc1..x2", "md9-prod", "ACTIVE")]
    shown = RowSet(rows).view("~md9", SortState())
    assert [r.name for r in shown] == ["md9-prod", "my-dataset-v9 tuned"]  # contiguous run first, no OCID hit
    # substring still searches the OCID (unchanged), and `!` is its complement
    assert [r.name for r in RowSet(rows).view("x1", SortState())] == ["my-dataset-v9 tuned"]
    assert len(RowSet(rows).view("!x1", SortState())) == 2


@given(st.text(alphabet="abc- ", max_size=4), st.lists(st.text(alphabet="abc-", max_size=10), max_size=15))
def test_fuzzy_keeps_exactly_the_subsequence_matches(needle, hays):
    query = parse_query("~" + needle)
    chars = "".join(c for c in needle.lower() if not c.isspace())

    def sub(hay: str) -> bool:
        it = iter(hay)
        return all(c in it for c in chars)

    ranked = apply_query(hays, query, key=lambda h: "ocid " + h, visible=str)
    assert sorted(ranked) == sorted(h for h in hays if sub(h))


def test_visible_text_is_the_cells():
    assert visible_text(_row("ocid1.x", "Name", "ACTIVE")) == "name active"


@given(st.text(alphabet="ab-_. 9", min_size=1, max_size=20).flatmap(
    lambda hay: st.tuples(st.just(hay), st.sets(st.integers(0, len(hay) - 1), min_size=1))))
def test_position_score_is_textuals_formula(case):
    from textual.fuzzy import FuzzySearch

    from tui.ui.data.query import position_score

    hay, positions = case
    ordered = sorted(positions)
    assert position_score(hay, ordered) == FuzzySearch().score(hay, ordered)


@given(st.text(alphabet="abc-9", min_size=1, max_size=4), st.text(alphabet="abc-9 ", max_size=24))
def test_fuzzy_score_is_positive_exactly_on_subsequences(needle, hay):
    from tui.ui.data.query import fuzzy_score

    it = iter(hay)
    assert (fuzzy_score(needle, hay) > 0) == all(c in it for c in needle)


def test_a_later_word_start_does_not_hide_an_earlier_match():
    from tui.ui.data.query import fuzzy_score

    assert fuzzy_score("abc", "axbc b") > 0
    assert fuzzy_score("md9", "md9-prod") > fuzzy_score("md9", "my-dataset-v9")


@given(st.lists(st.integers(0, 20), unique=True, min_size=1), st.one_of(st.none(), st.integers(0, 20)))
def test_s_walks_every_visible_column_once_then_wraps(visible, current):
    nxt = next_sort_column(visible, current)
    assert nxt in visible
    if current not in visible:
        assert nxt == visible[0]
    seen, column = [], nxt
    for _ in visible:
        seen.append(column)
        column = next_sort_column(visible, column)
    assert sorted(seen) == sorted(visible) and column == nxt  # each once, then back to the start
    assert next_sort_column([], current) is None


@given(st.sampled_from(["", "!", "~"]), st.text(alphabet="ab- !~", max_size=4),
       st.lists(st.text(alphabet="abAB-", max_size=8), max_size=12))
def test_the_spelled_out_scan_keeps_what_apply_query_keeps(prefix, text, names):
    from tui.ui.data.rowset import _search_key, scan

    rows = [_row(f"ocid1.model.oc1..{n}", name, "ACTIVE") for n, name in enumerate(names)]
    query = parse_query(prefix + text)
    assert scan(rows, query) == apply_query(rows, query, key=_search_key, visible=visible_text)


def test_a_rowset_of_the_very_same_rows_keeps_the_sort_and_views_of_the_last_one():
    rows = [_row(f"ocid1.model.oc1..{n}", f"model-{n:03d}", "ACTIVE") for n in range(30)]
    old = RowSet(rows)
    by_name = SortState(column=0, descending=True)
    sorted_view = old.view("model-0", by_name)
    same = RowSet(list(rows))
    assert same.carry_over(old)
    assert same.view("model-0", by_name) is sorted_view  # remembered, not recomputed
    other = RowSet([*rows[:-1], _row("ocid1.model.oc1..x", "model-029", "ACTIVE")])  # one row rebuilt
    assert not other.carry_over(old)
    fresh = other.view("model-0", by_name)
    assert [r.name for r in fresh] == [r.name for r in sorted_view] and fresh is not sorted_view
