"""The full list of one view plus its sort and `/` filter: what the table shows, computed off-thread.

The table widget holds only a reference to the resulting list and renders the visible slice; the
work proportional to the list (sorting, matching) happens in `RowSet.view`, which the list view
runs in a thread worker. The sorted order is cached so a filter keystroke does not re-sort, recent
views are remembered and a longer substring filters the previous matches, so most keystrokes scan
few rows: `cheap_view` answers those on the UI thread at once (a worker round trip costs more than
the scan when a refresh worker holds the GIL: tests/bench/filter_latency.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from tui.ui.data.columns import Column
from tui.ui.data.query import Query, apply_query, parse_query
from tui.ui.data.rows import Row
from tui.ui.data.server_filters import ServerFilters

#: (region, page digest) -> the rows made of that page (tui/ui/data/loading.py: what a refresh reuses
#: for a page that came back byte-equal, tui/cloud/pages.py: no parsing, no row building)
PageRows = dict[tuple[str, bytes], list[Row]]


#: rows a `/` keystroke may scan on the UI thread (a substring test is ~0.1 us a row: ~2 ms);
#: more, or a fuzzy ranking, runs in a worker (tests/bench/filter_latency.py prints the effect)
CHEAP_SCAN = 20_000
#: views remembered per list (query, sort) -> rows: a burst of backspaces costs no scan
VIEW_MEMORY = 32
VIEW_ROWS = 400_000  # row references they hold at most (3 MB)


@dataclass(frozen=True)
class SortState:
    column: int | None = None  # None = the service's order
    descending: bool = False


class RowSet:
    def __init__(self, rows: list[Row] | None = None, columns: list[Column] | None = None):
        self._rows: list[Row] = rows or []
        #: the columns the rows were built with (None: unknown; a refresh then reuses no row)
        self.columns: list[Column] | None = columns
        self._lock = threading.Lock()
        self._sorted_cache: tuple[SortState, list[Row]] | None = None
        self._names: dict[str, str] | None = None
        self._views: dict[tuple[Query, SortState], list[Row]] = {}
        self._transitional: tuple[list[Row], str, list[Row]] | None = None
        #: the rows of each page of the listing and the server filters it was made with
        #: (tui/ui/data/loading.py: a refresh reuses the rows of a page that came back unchanged)
        self.pages: PageRows = {}
        self.filters: ServerFilters | None = None

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def replace(self, rows: list[Row], columns: list[Column] | None = None, *,
                pages: PageRows | None = None, filters: ServerFilters | None = None) -> None:
        with self._lock:
            self._rows = rows
            self.columns = columns
            self.pages = pages or {}
            self.filters = filters
            self._sorted_cache = None
            self._names = None
            self._views = {}

    def carry_over(self, other: RowSet) -> bool:
        """Keep `other`'s sorted order and remembered views if this set holds the very same rows in the
        same order (a refresh where every page came back unchanged): the next `/` keystroke after such a
        round then needs no sort and no scan of 130,000 rows. Whether it did."""
        with other._lock:
            rows, cached, views = other._rows, other._sorted_cache, dict(other._views)
        mine = self._rows
        if len(mine) != len(rows) or not all(a is b for a, b in zip(mine, rows, strict=True)):
            return False
        with self._lock:
            if self._rows is mine:
                self._sorted_cache, self._views = cached, views
        return True

    def transitional(self, kind: Any) -> list[Row]:
        """Rows in one of `kind`'s transitional states (computed once per list, not per refresher tick)."""
        cached = self._transitional
        rows = self._rows
        if cached is not None and cached[0] is rows and cached[1] == kind.key:
            return cached[2]
        busy = [r for r in rows if kind.is_transitional(r.state)]
        self._transitional = (rows, kind.key, busy)
        return busy

    def name_of(self, ocid: str) -> str | None:
        """The display name of a listed resource (an index built once per list, not per lookup)."""
        names = self._names
        if names is None:
            names = self._names = {row.ocid: row.name for row in self._rows}
        return names.get(ocid)

    def sorted_rows(self, sort: SortState) -> list[Row]:
        with self._lock:
            cached = self._sorted_cache
            rows = self._rows
        if cached is not None and cached[0] == sort:
            return cached[1]
        if sort.column is None:
            ordered = rows
        else:
            col = sort.column
            ordered = sorted(rows, key=lambda r: r.sort_keys[col] if col < len(r.sort_keys) else (1, ""),
                             reverse=sort.descending)
        with self._lock:
            if self._rows is rows:
                self._sorted_cache = (sort, ordered)
        return ordered

    def view(self, query: Query | str, sort: SortState) -> list[Row]:
        """The rows to show, sorted and filtered; safe to call from a worker thread.

        Recent views are remembered (a backspace gets its view back without a scan), and a substring
        that extends a remembered one filters only that one's matches (typing narrows: `model-1` then
        `model-12` scans the 1,111 rows `model-1` kept, not 10,000)."""
        q = parse_query(query) if isinstance(query, str) else query
        hit = self._views.get((q, sort))
        if hit is not None:
            return hit
        rows, q_base = self._candidates(q, sort)
        out = scan(rows, q_base)
        self._remember(q, sort, out)
        return out

    def cheap_view(self, query: Query | str, sort: SortState, limit: int = 0) -> list[Row] | None:
        """`view`, if it costs at most `limit` rows scanned (default `CHEAP_SCAN`): a remembered view, or
        a substring / inverse filter over few enough candidates; None when it needs a worker (a fuzzy
        ranking, an unsorted sort, a long scan)."""
        q = parse_query(query) if isinstance(query, str) else query
        hit = self._views.get((q, sort))
        if hit is not None:
            return hit
        if q.mode == "fuzzy":
            return None
        with self._lock:
            cached = self._sorted_cache
        if sort.column is not None and (cached is None or cached[0] != sort):
            return None  # the rows must be sorted first: that is a worker's job
        rows, q_base = self._candidates(q, sort)
        if len(rows) > (limit or CHEAP_SCAN):
            return None
        out = scan(rows, q_base)
        self._remember(q, sort, out)
        return out

    def _candidates(self, q: Query, sort: SortState) -> tuple[list[Row], Query]:
        """The smallest remembered superset of `q`'s matches (a substring's matches hold every
        row that matches a longer substring containing it), else every row in `sort` order."""
        if q.mode == "substring":
            best: list[Row] | None = None
            for (old, old_sort), rows in list(self._views.items()):
                if (old_sort == sort and old.mode == "substring" and old.text in q.text
                        and (best is None or len(rows) < len(best))):
                    best = rows
            if best is not None:
                return best, q
        return self.sorted_rows(sort), q

    def _remember(self, q: Query, sort: SortState, rows: list[Row]) -> None:
        with self._lock:
            views = self._views
            if not q.active:
                return  # that is `sorted_rows`, cached already
            views[(q, sort)] = rows
            while len(views) > VIEW_MEMORY or (len(views) > 1 and sum(map(len, views.values())) > VIEW_ROWS):
                views.pop(next(iter(views)))


def scan(rows: list[Row], q: Query) -> list[Row]:
    """The rows `q` keeps: `apply_query` over the search keys, with substring and inverse spelled
    out (one attribute read and an `in` a row instead of two calls: 130,000 rows in ~8 ms, not ~20)."""
    if q.mode == "substring":
        needle = q.text
        return [r for r in rows if needle in r.search]
    if q.mode == "inverse":
        needle = q.text
        return [r for r in rows if needle not in r.search]
    return apply_query(rows, q, key=_search_key, visible=visible_text)


def _search_key(row: Row) -> str:
    return row.search


def visible_text(row: Row) -> str:
    """What the operator sees of a row (its cells, lower case): what `~` fuzzy matches."""
    return " ".join(row.cells).lower()
