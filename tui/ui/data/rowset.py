"""The full list of one view plus its sort and `/` filter: what the table shows, computed off-thread.

The table widget holds only a reference to the resulting list and renders the visible slice; the
work proportional to the list (sorting, matching) happens in `RowSet.view`, which the list view
runs in a thread worker. The sorted order is cached so a filter keystroke does not re-sort.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tui.ui.data.columns import Column
from tui.ui.data.query import Query, apply_query, parse_query
from tui.ui.data.rows import Row


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
        self._index: dict[str, Row] | None = None

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def replace(self, rows: list[Row], columns: list[Column] | None = None) -> None:
        with self._lock:
            self._rows = rows
            self.columns = columns
            self._sorted_cache = None
            self._names = None
            self._index = None

    def index(self) -> dict[str, Row]:
        """key -> row (built once per list; safe to read from a worker: the dict is never changed)."""
        index = self._index
        if index is None:
            rows = self._rows
            index = {row.key: row for row in rows}
            with self._lock:
                if self._rows is rows:
                    self._index = index
        return index

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
        """The rows to show, sorted and filtered; safe to call from a worker thread."""
        q = parse_query(query) if isinstance(query, str) else query
        return apply_query(self.sorted_rows(sort), q, key=lambda r: r.search, visible=visible_text)


def visible_text(row: Row) -> str:
    """What the operator sees of a row (its cells, lower case): what `~` fuzzy matches."""
    return " ".join(row.cells).lower()
