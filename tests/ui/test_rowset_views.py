"""`RowSet.view` remembers views and narrows a longer substring from the last matches; whatever
order the queries come in, every view is the one a fresh filter of all the rows gives. `cheap_view`
answers on the UI thread only what scans few rows, and then the same view."""

from __future__ import annotations

import gc

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.ui import gc_policy
from tui.ui.data.query import apply_query, parse_query
from tui.ui.data.rows import Row
from tui.ui.data.rowset import RowSet, SortState, visible_text


def row(i: int, name: str) -> Row:
    cells = (name, "ACTIVE" if i % 3 else "FAILED", f"1.{i % 5}")
    return Row(f"r/o{i}", f"o{i}", "r", name, cells[1], cells, tuple((0, c) for c in cells),
               " ".join((*cells, f"o{i}")).lower(), None)


names = st.lists(st.text("abm-1", min_size=1, max_size=6), min_size=1, max_size=40)
queries = st.lists(st.tuples(st.sampled_from(["", "!", "~"]), st.text("abm-1 ", max_size=4)), min_size=1,
                   max_size=12)
sorts = st.sampled_from([SortState(), SortState(0), SortState(0, True), SortState(2)])


def fresh(rows: list[Row], text: str, sort: SortState) -> list[Row]:
    ordered = rows if sort.column is None else sorted(rows, key=lambda r: r.sort_keys[sort.column],
                                                      reverse=sort.descending)
    return apply_query(ordered, parse_query(text), key=lambda r: r.search, visible=visible_text)


@settings(max_examples=200)
@given(names, queries, sorts)
def test_remembered_and_narrowed_views_are_fresh_views(words, typed, sort):
    rows = [row(i, w) for i, w in enumerate(words)]
    rowset = RowSet(rows)
    for prefix, text in typed:
        query = prefix + text
        want = [r.key for r in fresh(rows, query, sort)]
        assert [r.key for r in rowset.view(query, sort)] == want, query
        cheap = rowset.cheap_view(query, sort)
        assert cheap is None or [r.key for r in cheap] == want, query


def test_narrowing_scans_only_the_last_matches_and_backspace_scans_nothing():
    rows = [row(i, f"model-{i}") for i in range(10_000)]
    rowset = RowSet(rows)
    assert len(rowset.view("model-1", SortState())) == 1111
    base, _ = rowset._candidates(parse_query("model-12"), SortState())
    assert len(base) == 1111  # the matches of "model-1", not 10,000 rows
    narrowed = rowset.view("model-12", SortState())
    assert rowset.cheap_view("model-1", SortState()) is rowset.view("model-1", SortState())  # remembered
    assert rowset.cheap_view("model-12", SortState()) is narrowed


def test_cheap_view_leaves_long_scans_fuzzy_ranking_and_unsorted_sorts_to_a_worker():
    rows = [row(i, f"model-{i}") for i in range(100)]
    rowset = RowSet(rows)
    assert rowset.cheap_view("~md", SortState()) is None
    assert rowset.cheap_view("model", SortState(), limit=50) is None
    assert rowset.cheap_view("model", SortState(0)) is None  # not sorted by column 0 yet
    rowset.sorted_rows(SortState(0))
    assert rowset.cheap_view("model", SortState(0)) is not None
    rowset.replace(rows[:10])
    assert len(rowset.view("model", SortState())) == 10  # a new list forgets the old views


def test_transitional_rows_are_walked_once_per_list():
    from tui.cloud.resources import MODEL

    rows = [row(i, f"m{i}") for i in range(5)]
    rows[2].state = "CREATING"
    rowset = RowSet(rows)
    first = rowset.transitional(MODEL)
    assert [r.key for r in first] == ["r/o2"] and rowset.transitional(MODEL) is first
    rowset.replace(rows[:2])
    assert rowset.transitional(MODEL) == []


def test_gc_policy_freezes_and_hands_back_periodically(monkeypatch):
    monkeypatch.setattr(gc_policy, "_freezes", 0)
    monkeypatch.setattr(gc_policy, "UNFREEZE_EVERY", 3)
    try:
        gc_policy.freeze_long_lived()
        assert gc.get_freeze_count() > 0
        gc_policy.freeze_long_lived()
        gc_policy.freeze_long_lived()  # the third: everything back to the collector
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
