"""The `/` filter language, k9s style: `text` substring, `!text` inverse, `~text` fuzzy.

All matching is against each row's precomputed lower-case search key; the functions here are pure
and run in a worker thread, so the UI thread never walks the whole list per keystroke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Query:
    text: str
    mode: str  # all | substring | inverse | fuzzy

    @property
    def active(self) -> bool:
        return self.mode != "all"

    def describe(self) -> str:
        return {"all": "", "substring": f"/{self.text}", "inverse": f"/!{self.text}",
                "fuzzy": f"/~{self.text}"}[self.mode]


def parse_query(raw: str) -> Query:
    raw = raw.strip()
    if raw.startswith("!"):
        text = raw[1:].strip().lower()
        return Query(text, "inverse" if text else "all")
    if raw.startswith("~"):
        text = raw[1:].strip().lower()
        return Query(text, "fuzzy" if text else "all")
    return Query(raw.lower(), "substring" if raw else "all")


def matcher(query: Query) -> Callable[[str], bool]:
    """A predicate over a lower-case haystack."""
    if query.mode == "substring":
        needle = query.text
        return lambda hay: needle in hay
    if query.mode == "inverse":
        needle = query.text
        return lambda hay: needle not in hay
    if query.mode == "fuzzy":
        chars = [c for c in query.text if not c.isspace()]
        if not chars:
            return lambda hay: True
        # A subsequence match. `[^c]*c` cannot backtrack the way `.*?` does: ~13x faster on 10k
        # rows with long haystacks (60 ms -> 5 ms for `~md9`).
        pattern = re.compile(re.escape(chars[0]) + "".join(f"[^{re.escape(c)}]*{re.escape(c)}" for c in chars[1:]))
        search = pattern.search
        return lambda hay: search(hay) is not None
    return lambda hay: True


def apply_query(items: Iterable[T], query: Query, key: Callable[[T], str]) -> list[T]:
    if not query.active:
        return list(items)
    match = matcher(query)
    return [item for item in items if match(key(item))]
