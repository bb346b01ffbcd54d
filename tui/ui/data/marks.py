"""Marked rows of one list (k9s's `space`): the keys an operator picked for a bulk delete or move.

Kept as plain data beside the list, keyed by row key ("<region>/<ocid>"), so a refresh that
rebuilds every row keeps the marks, and the bulk dialog acts on exactly the rows that were marked
(the ones still listed). Pure: no widgets, testable without Textual.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.ui.data.rows import Row


class Marks:
    """An ordered set of marked row keys (the order they were marked in)."""

    def __init__(self) -> None:
        self._keys: dict[str, None] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __bool__(self) -> bool:
        return bool(self._keys)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self._keys)

    def toggle(self, key: str) -> bool:
        """Mark `key`, or unmark it if it was marked; True when it is marked afterwards."""
        if key in self._keys:
            del self._keys[key]
            return False
        self._keys[key] = None
        return True

    def mark_all(self, keys: Iterable[str]) -> int:
        """Mark every key (those already marked stay); how many were newly marked."""
        added = 0
        for key in keys:
            if key not in self._keys:
                self._keys[key] = None
                added += 1
        return added

    def discard(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._keys.pop(key, None)

    def clear(self) -> int:
        """Unmark everything; how many were marked."""
        count = len(self._keys)
        self._keys.clear()
        return count

    def keep_only(self, present: Iterable[str]) -> None:
        """Forget marks of rows that are no longer listed (deleted, moved away, another context)."""
        alive = set(present)
        for key in [k for k in self._keys if k not in alive]:
            del self._keys[key]

    def rows(self, rows: Iterable[Row]) -> list[Row]:
        """The marked rows among `rows`, in marking order."""
        by_key = {row.key: row for row in rows if row.key in self._keys}
        return [by_key[k] for k in self._keys if k in by_key]
