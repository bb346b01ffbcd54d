"""The service's JSON behind a raw listing's rows, kept one compressed page at a time.

A row of a raw listing shows its cells from strings it holds; its SDK model (`row.obj`: the detail
pane before the `get` returns, describe, deploy) is built from the item the service sent. Keeping
that item per row as compact JSON cost ~1.1 KB a model, 140 MB for 130,000 rows. Kept per page
instead and compressed (zlib level 1: ~3 ms for a 1 MB page of 1,000 models, outside the GIL,
~110 bytes a model), a row holds only its page and its place in it (tests/bench/scale.py prints
the memory). Reading one item inflates and parses its page (~8 ms for 1,000 models); the last
`RECENT` pages stay parsed, so moving the cursor down a list parses each page once.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections import deque
from collections.abc import Sequence
from typing import Any

__all__ = ["StoredPage", "RECENT"]

#: pages kept parsed (a 1,000-model page is ~3 MB of dicts)
RECENT = 2

_lock = threading.Lock()
_recent: deque[StoredPage] = deque()


class StoredPage:
    """One page of a listing: its body compressed, its items parsed on demand."""

    __slots__ = ("_packed", "_items")

    def __init__(self, body: bytes, items: list[Any] | None = None) -> None:
        """`items`: the body already parsed (the listing had to read it): kept as a recent page."""
        self._packed = zlib.compress(body, 1)
        self._items: list[Any] | None = None
        if items is not None:
            self._keep(items)

    @classmethod
    def of_items(cls, items: Sequence[Any]) -> StoredPage:
        """A page holding `items` (already parsed JSON: tests, benches, small lists)."""
        items = list(items)
        return cls(json.dumps({"items": items}, separators=(",", ":")).encode(), items)

    @property
    def size(self) -> int:
        """Bytes held (compressed)."""
        return len(self._packed)

    def items(self) -> list[Any]:
        """The page's items (parsed now unless this page is among the `RECENT` ones)."""
        items = self._items
        if items is not None:
            return items
        data = json.loads(zlib.decompress(self._packed).decode("utf-8"))
        items = list(data.get("items") or []) if isinstance(data, dict) else list(data)
        self._keep(items)
        return items

    def _keep(self, items: list[Any]) -> None:
        with _lock:
            self._items = items
            _recent.append(self)
            while len(_recent) > RECENT:
                _recent.popleft()._items = None

    def __getstate__(self) -> bytes:
        return self._packed  # not the parsed items

    def __setstate__(self, packed: bytes) -> None:
        self._packed, self._items = packed, None

    def item(self, at: int) -> Any:
        return self.items()[at]

    def __repr__(self) -> str:
        return f"StoredPage({self.size} bytes packed{', parsed' if self._items is not None else ''})"
